package leversandbox

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
)

// Lever error codes. Only ResourceNotFound is documented; the others are the
// plausible names we chose for statuses Lever documents without a code.
const (
	codeBadRequest    = "BadRequestError"
	codeUnauthorized  = "UnauthorizedError"
	codeForbidden     = "ForbiddenError"
	codeNotFound      = "ResourceNotFound"
	codeRateLimited   = "TooManyRequestsError"
	codeUnprocessable = "UnprocessableEntityError"
	codeInternal      = "InternalServerError"
)

type apiError struct {
	Code    string `json:"code"`
	Message string `json:"message"`
}

// setLeverHeaders copies the response headers real Lever sends.
func setLeverHeaders(w http.ResponseWriter) {
	h := w.Header()
	h.Set("Content-Type", "application/json; charset=utf-8")
	h.Set("Server", "lever-data-api")
	h.Set("X-Lever-Region", "global")
}

// writeJSON encodes into a pooled buffer: with 100,000 opportunities live,
// per-response garbage is what makes the GC (and so the sandbox) slow.
func writeJSON(w http.ResponseWriter, status int, v any) {
	buf := pageBuffers.Get().(*bytes.Buffer)
	buf.Reset()
	defer pageBuffers.Put(buf)
	enc := json.NewEncoder(buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		writeError(w, http.StatusInternalServerError, codeInternal, "could not encode the response")
		return
	}
	writeRawJSON(w, status, bytes.TrimSuffix(buf.Bytes(), []byte("\n")))
}

func writeRawJSON(w http.ResponseWriter, status int, b []byte) {
	setLeverHeaders(w)
	w.Header().Set("Content-Length", strconv.Itoa(len(b)))
	w.WriteHeader(status)
	_, _ = w.Write(b)
}

func writeError(w http.ResponseWriter, status int, code, msg string) {
	b, _ := json.Marshal(apiError{Code: code, Message: msg})
	writeRawJSON(w, status, b)
}

func notFound(w http.ResponseWriter, kind, id string) {
	writeError(w, http.StatusNotFound, codeNotFound, kind+" "+id+" was not found")
}

func badRequest(w http.ResponseWriter, msg string) {
	writeError(w, http.StatusBadRequest, codeBadRequest, msg)
}

// noContent answers a DELETE as Lever does: 204 with an empty body.
func noContent(w http.ResponseWriter) {
	setLeverHeaders(w)
	w.Header().Del("Content-Type")
	w.WriteHeader(http.StatusNoContent)
}

type dataResponse struct {
	Data any `json:"data"`
}

type listResponse struct {
	Data    any    `json:"data"`
	HasNext bool   `json:"hasNext"`
	Next    string `json:"next,omitempty"`
}

// readJSON decodes a request body of at most 1 MiB. An empty body decodes as {}.
func readJSON(r *http.Request, v any) error {
	b, err := io.ReadAll(io.LimitReader(r.Body, 1<<20+1))
	if err != nil {
		return errors.New("could not read the request body")
	}
	if len(b) > 1<<20 {
		return errors.New("request body too large")
	}
	if len(strings.TrimSpace(string(b))) == 0 {
		return nil
	}
	if err := json.Unmarshal(b, v); err != nil {
		return errors.New("request body is not valid JSON: " + err.Error())
	}
	return nil
}

// queryValues returns the values of a repeatable filter, accepting both k and k[].
func queryValues(q url.Values, k string) []string {
	var out []string
	for _, v := range append(q[k], q[k+"[]"]...) {
		for _, part := range strings.Split(v, ",") {
			if part != "" {
				out = append(out, part)
			}
		}
	}
	return out
}

// queryValuesExact is queryValues without comma splitting, for free text (tags, locations).
func queryValuesExact(q url.Values, k string) []string {
	var out []string
	for _, v := range append(q[k], q[k+"[]"]...) {
		if v != "" {
			out = append(out, v)
		}
	}
	return out
}

// msRange parses <name>_start / <name>_end millisecond filters (inclusive).
type msRange struct {
	start, end int64
	set        bool
}

func parseRange(q url.Values, name string) (msRange, error) {
	rg := msRange{start: -1 << 62, end: 1 << 62}
	for _, side := range []string{"start", "end"} {
		v := q.Get(name + "_" + side)
		if v == "" {
			continue
		}
		n, err := strconv.ParseInt(v, 10, 64)
		if err != nil {
			return rg, errors.New("invalid timestamp for " + name + "_" + side + ": " + v)
		}
		rg.set = true
		if side == "start" {
			rg.start = n
		} else {
			rg.end = n
		}
	}
	return rg, nil
}

func (r msRange) contains(v int64) bool { return v >= r.start && v <= r.end }

func parseLimit(q url.Values) (int, error) {
	v := q.Get("limit")
	if v == "" {
		return 100, nil
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < 1 {
		return 0, errors.New("limit must be an integer between 1 and 100")
	}
	if n > 100 {
		n = 100
	}
	return n, nil
}

// Offset tokens are URL-encoded JSON arrays naming the first item of the next
// page, exactly like real Lever tokens (e.g. [stageRank, lastAdvancedAt, id]).
func encodeToken(parts ...any) string {
	b, _ := json.Marshal(parts)
	return url.QueryEscape(string(b))
}

var errBadOffset = errors.New("Invalid offset token")

// decodeToken undoes however many layers of URL encoding the client added.
func decodeToken(tok string) ([]any, error) {
	s := tok
	for i := 0; i < 3 && !strings.HasPrefix(s, "["); i++ {
		u, err := url.QueryUnescape(s)
		if err != nil {
			return nil, errBadOffset
		}
		s = u
	}
	var parts []any
	if err := json.Unmarshal([]byte(s), &parts); err != nil || len(parts) == 0 {
		return nil, errBadOffset
	}
	return parts, nil
}

// pageByID pages a small, already ordered list. The token is [sortValue, id]
// of the next page's first item.
func pageByID[T any](items []T, q url.Values, id func(T) string, sortValue func(T) any) ([]T, string, error) {
	limit, err := parseLimit(q)
	if err != nil {
		return nil, "", err
	}
	start := 0
	if tok := q.Get("offset"); tok != "" {
		parts, err := decodeToken(tok)
		if err != nil {
			return nil, "", err
		}
		want, _ := parts[len(parts)-1].(string)
		start = -1
		for i, it := range items {
			if id(it) == want {
				start = i
				break
			}
		}
		if start < 0 {
			return nil, "", errBadOffset
		}
	}
	end := start + limit
	if end >= len(items) {
		return items[start:], "", nil
	}
	return items[start:end], encodeToken(sortValue(items[end]), id(items[end])), nil
}

func writeList[T any](w http.ResponseWriter, page []T, next string) {
	if page == nil {
		page = []T{}
	}
	writeJSON(w, http.StatusOK, listResponse{Data: page, HasNext: next != "", Next: next})
}

func offsetError(w http.ResponseWriter, err error) {
	if errors.Is(err, errBadOffset) {
		badRequest(w, "Invalid offset token")
		return
	}
	badRequest(w, err.Error())
}

// remarshal converts an already decoded JSON value into a typed struct.
func remarshal(v any, out any) error {
	b, err := json.Marshal(v)
	if err != nil {
		return err
	}
	if err := json.Unmarshal(b, out); err != nil {
		return errors.New("request body has the wrong shape: " + err.Error())
	}
	return nil
}

func ptr[T any](v T) *T { return &v }

func containsStr(list []string, v string) bool {
	for _, x := range list {
		if x == v {
			return true
		}
	}
	return false
}

// listOfOpportunity answers one page of an opportunity's notes, panels or
// feedback, in creation order, with Lever's paging.
func listOfOpportunity[T any](s *Sandbox, w http.ResponseWriter, r *http.Request, p *principal, byOpp map[string][]*T, key func(*T) (id string, created any)) {
	s.mu.RLock()
	o := s.lookupOpp(w, p, r.PathValue("id"))
	if o == nil {
		s.mu.RUnlock()
		return
	}
	items := append([]*T{}, byOpp[o.ID]...)
	s.mu.RUnlock()
	page, next, err := pageByID(items, r.URL.Query(),
		func(x *T) string { id, _ := key(x); return id },
		func(x *T) any { _, c := key(x); return c })
	if err != nil {
		offsetError(w, err)
		return
	}
	writeList(w, page, next)
}

// removeOfOpportunity deletes the item with id from an opportunity's notes
// or panels (the caller holds the write lock); false when there is none.
func removeOfOpportunity[T any](byOpp map[string][]*T, oppID, id string, idOf func(*T) string) bool {
	list := byOpp[oppID]
	for i, x := range list {
		if idOf(x) == id {
			byOpp[oppID] = append(list[:i:i], list[i+1:]...)
			return true
		}
	}
	return false
}
