package api

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"net/url"
	"reflect"
	"strconv"
	"strings"

	"github.com/skillkeepr/skillkeepr"
)

// MaxBodySize is the largest JSON request body accepted.
const MaxBodySize = 1 << 20

// Paging defaults and bounds of list endpoints.
const (
	DefaultLimit = 50
	MaxLimit     = 200
)

// decodeJSON reads the JSON request body of r into v. It answers EINVALID
// for a wrong content type, an empty, oversized or malformed body, unknown
// fields, values of the wrong type and trailing data.
func decodeJSON(w http.ResponseWriter, r *http.Request, v any) error {
	if err := requireJSON(r); err != nil {
		return err
	}
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, MaxBodySize))
	if err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			return invalid(fmt.Sprintf("The request body is larger than %d bytes.", MaxBodySize), nil)
		}
		return invalid("The request body could not be read.", nil)
	}
	return decodeJSONBytes(body, v)
}

// requireJSON checks that the request says its body is JSON.
func requireJSON(r *http.Request) error {
	ct := r.Header.Get("Content-Type")
	if ct == "" {
		return invalid("Send the request body as JSON with the header Content-Type: application/json.", nil)
	}
	mt, _, err := mime.ParseMediaType(ct)
	if err != nil || mt != "application/json" {
		return invalid(fmt.Sprintf("The content type %q is not accepted here; send application/json.", ct), nil)
	}
	return nil
}

// decodeJSONBytes decodes one JSON object from body into v, strictly.
func decodeJSONBytes(body []byte, v any) error {
	if len(bytes.TrimSpace(body)) == 0 {
		return invalid("The request body is empty; send a JSON object.", nil)
	}
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return jsonError(err)
	}
	if _, err := dec.Token(); err != io.EOF {
		return invalid("The request body must hold exactly one JSON object.", nil)
	}
	return nil
}

// jsonError turns an encoding/json error into an EINVALID error with a
// message a person can act on.
func jsonError(err error) error {
	var syntax *json.SyntaxError
	var typ *json.UnmarshalTypeError
	switch {
	case errors.As(err, &syntax):
		return invalid(fmt.Sprintf("The request body is not valid JSON (at byte %d).", syntax.Offset), nil)
	case errors.Is(err, io.ErrUnexpectedEOF):
		return invalid("The request body is not valid JSON (it ends too early).", nil)
	case errors.As(err, &typ):
		field := typ.Field
		if field == "" {
			return invalid("The request body must be a JSON object.", nil)
		}
		return invalid("Please correct the highlighted fields.", map[string]string{
			field: "Expected " + jsonKind(typ.Type) + ", got " + typ.Value + ".",
		})
	case strings.HasPrefix(err.Error(), "json: unknown field "):
		name, _ := strconv.Unquote(strings.TrimPrefix(err.Error(), "json: unknown field "))
		return invalid("The request has a field this endpoint does not know.", map[string]string{name: "Unknown field."})
	}
	return invalid("The request body is not valid JSON.", nil)
}

// jsonKind names a Go type the way JSON people say it.
func jsonKind(t reflect.Type) string {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	switch t.Kind() {
	case reflect.String:
		return "a string"
	case reflect.Bool:
		return "true or false"
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return "a whole number"
	case reflect.Float32, reflect.Float64:
		return "a number"
	case reflect.Slice, reflect.Array:
		return "a list"
	case reflect.Map, reflect.Struct:
		return "an object"
	}
	return "another kind of value"
}

// pathID returns the positive integer path value name; anything else is
// not found, like an id that does not exist.
func pathID(r *http.Request, name, what string) (int64, error) {
	s := r.PathValue(name)
	id, err := strconv.ParseInt(s, 10, 64)
	if err != nil || id <= 0 || strconv.FormatInt(id, 10) != s {
		return 0, skillkeepr.NotFound(what)
	}
	return id, nil
}

// query reads query parameters and collects field errors.
type query struct {
	values url.Values
	v      skillkeepr.Validation
}

func newQuery(r *http.Request) *query {
	return &query{values: r.URL.Query(), v: skillkeepr.Validation{}}
}

func (q *query) str(name string) string {
	return strings.TrimSpace(firstValue(q.values[name]))
}

func firstValue(vs []string) string {
	if len(vs) == 0 {
		return ""
	}
	return vs[0]
}

// id reads an optional positive id.
func (q *query) id(name string) int64 {
	s := q.str(name)
	if s == "" {
		return 0
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil || n <= 0 {
		q.v.Add(name, "Expected a positive whole number.")
		return 0
	}
	return n
}

// boolean reads an optional true/false.
func (q *query) boolean(name string) bool {
	s := q.str(name)
	if s == "" {
		return false
	}
	b, err := strconv.ParseBool(s)
	if err != nil {
		q.v.Add(name, "Expected true or false.")
	}
	return b
}

// page reads offset and limit.
func (q *query) page() (offset, limit int) {
	limit = DefaultLimit
	if s := q.str("offset"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n < 0 {
			q.v.Add("offset", "Expected a whole number from 0.")
		} else {
			offset = n
		}
	}
	if s := q.str("limit"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n < 1 || n > MaxLimit {
			q.v.Add("limit", fmt.Sprintf("Expected a whole number from 1 to %d.", MaxLimit))
		} else {
			limit = n
		}
	}
	return offset, limit
}

// err returns the collected field errors.
func (q *query) err() error {
	if len(q.v) == 0 {
		return nil
	}
	return invalid("Please correct the query parameters.", map[string]string(q.v))
}
