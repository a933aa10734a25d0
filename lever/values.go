package lever

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"
)

// Timestamp is a point in time that Lever sends as milliseconds since the Unix epoch.
// It decodes a JSON number, a numeric string ("1468953420000"), null or "" (the zero
// Timestamp), and encodes back to a number of milliseconds (null when zero).
type Timestamp struct {
	time.Time
}

// TimestampOf returns t as a Timestamp truncated to milliseconds.
func TimestampOf(t time.Time) Timestamp {
	if t.IsZero() {
		return Timestamp{}
	}
	return Timestamp{time.UnixMilli(t.UnixMilli())}
}

// Millis returns the timestamp in milliseconds since the epoch, or 0 when zero.
func (t Timestamp) Millis() int64 {
	if t.IsZero() {
		return 0
	}
	return t.UnixMilli()
}

// UnmarshalJSON implements [json.Unmarshaler].
func (t *Timestamp) UnmarshalJSON(b []byte) error {
	ms, ok, err := parseJSONInt(b)
	if err != nil {
		return fmt.Errorf("lever: timestamp: %w", err)
	}
	if !ok {
		*t = Timestamp{}
		return nil
	}
	*t = Timestamp{time.UnixMilli(ms)}
	return nil
}

// MarshalJSON implements [json.Marshaler].
func (t Timestamp) MarshalJSON() ([]byte, error) {
	if t.IsZero() {
		return []byte("null"), nil
	}
	return strconv.AppendInt(nil, t.UnixMilli(), 10), nil
}

// Int64 is an integer that Lever sometimes sends as a numeric string (file sizes in the
// documentation examples). It decodes a number, a numeric string, null or "" (zero).
type Int64 int64

// UnmarshalJSON implements [json.Unmarshaler].
func (n *Int64) UnmarshalJSON(b []byte) error {
	v, _, err := parseJSONInt(b)
	if err != nil {
		return fmt.Errorf("lever: integer: %w", err)
	}
	*n = Int64(v)
	return nil
}

// Float64 is a number that may arrive as a numeric string.
type Float64 float64

// UnmarshalJSON implements [json.Unmarshaler].
func (f *Float64) UnmarshalJSON(b []byte) error {
	s, ok, err := jsonScalar(b)
	if err != nil {
		return fmt.Errorf("lever: number: %w", err)
	}
	if !ok {
		*f = 0
		return nil
	}
	v, err := strconv.ParseFloat(s, 64)
	if err != nil || math.IsNaN(v) || math.IsInf(v, 0) {
		return fmt.Errorf("lever: number: invalid value %q", truncate(s, 40))
	}
	*f = Float64(v)
	return nil
}

var errNotScalar = errors.New("not a number or string")

// jsonScalar returns the textual content of a JSON number or string; ok is false for
// null, "" and whitespace-only strings.
func jsonScalar(b []byte) (s string, ok bool, err error) {
	b = bytes.TrimSpace(b)
	if len(b) == 0 || bytes.Equal(b, []byte("null")) {
		return "", false, nil
	}
	if b[0] == '"' {
		var str string
		if err := json.Unmarshal(b, &str); err != nil {
			return "", false, err
		}
		str = strings.TrimSpace(str)
		if str == "" || str == "null" {
			return "", false, nil
		}
		return str, true, nil
	}
	if b[0] == '-' || (b[0] >= '0' && b[0] <= '9') {
		return string(b), true, nil
	}
	return "", false, errNotScalar
}

// parseJSONInt decodes an integer given as a JSON number or numeric string. Values with
// a fraction or an exponent are accepted when they fit an int64 (they are truncated).
func parseJSONInt(b []byte) (int64, bool, error) {
	s, ok, err := jsonScalar(b)
	if err != nil || !ok {
		return 0, false, err
	}
	if v, err := strconv.ParseInt(s, 10, 64); err == nil {
		return v, true, nil
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil || math.IsNaN(f) || math.IsInf(f, 0) || f >= 9.2e18 || f <= -9.2e18 {
		return 0, false, fmt.Errorf("invalid integer %q", truncate(s, 40))
	}
	return int64(f), true, nil
}

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n] + "…"
}

// Ref is a reference that Lever returns as an ID string, or, when the field was
// expanded (?expand=owner), as the full object. ID is always set when either form was
// present; Object only for the expanded form.
type Ref[T any] struct {
	ID     string
	Object *T
}

// UnmarshalJSON implements [json.Unmarshaler].
func (r *Ref[T]) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	*r = Ref[T]{}
	switch {
	case len(b) == 0 || bytes.Equal(b, []byte("null")):
		return nil
	case b[0] == '"':
		return json.Unmarshal(b, &r.ID)
	case b[0] == '{':
		var id struct {
			ID string `json:"id"`
		}
		if err := json.Unmarshal(b, &id); err != nil {
			return err
		}
		obj := new(T)
		if err := json.Unmarshal(b, obj); err != nil {
			return err
		}
		r.ID, r.Object = id.ID, obj
		return nil
	default:
		return fmt.Errorf("lever: reference: unexpected JSON %q", truncate(string(b), 40))
	}
}

// MarshalJSON implements [json.Marshaler]: the object when present, else the ID (null
// when empty).
func (r Ref[T]) MarshalJSON() ([]byte, error) {
	if r.Object != nil {
		return json.Marshal(r.Object)
	}
	if r.ID == "" {
		return []byte("null"), nil
	}
	return json.Marshal(r.ID)
}
