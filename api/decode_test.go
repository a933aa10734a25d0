package api

import (
	"bytes"
	"errors"
	"log/slog"
	"net/http/httptest"
	"reflect"
	"strings"
	"testing"

	"github.com/skillkeepr/skillkeepr"
)

// requestTypes are the types request bodies are decoded into.
func requestTypes() []reflect.Type {
	seen := map[string]bool{}
	var out []reflect.Type
	for _, rt := range routeTable() {
		if rt.Request != "" && !seen[rt.Request] {
			seen[rt.Request] = true
			out = append(out, schemaTypes[rt.Request])
		}
	}
	return out
}

func TestDecodeJSONBytes(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		body      string
		wantField string
		wantMsg   string
	}{
		{`{"name":"x"}`, "", ""},
		{`{"name":1}`, "name", "Expected a string"},
		{`{"nam":"x"}`, "nam", "Unknown field"},
		{`{"name":"x"} {}`, "", "exactly one"},
		{`{"name":"x"} x`, "", "exactly one"},
		{`"x"`, "", "JSON object"},
		{`null`, "", ""}, // a JSON null leaves the struct empty; validation reports the fields
		{`{"name":"x"`, "", "ends too early"},
		{`{,}`, "", "not valid JSON"},
		{"  ", "", "empty"},
	} {
		var v DepartmentInput
		err := decodeJSONBytes([]byte(tc.body), &v)
		if tc.wantField == "" && tc.wantMsg == "" {
			if err != nil {
				t.Errorf("%s: %v", tc.body, err)
			}
			continue
		}
		if skillkeepr.ErrorCodeOf(err) != skillkeepr.EINVALID {
			t.Errorf("%s: %v, want invalid", tc.body, err)
			continue
		}
		if tc.wantField != "" && !strings.Contains(skillkeepr.ErrorFields(err)[tc.wantField], tc.wantMsg) {
			t.Errorf("%s: fields %v", tc.body, skillkeepr.ErrorFields(err))
		}
		if tc.wantField == "" && !strings.Contains(skillkeepr.ErrorMessage(err), tc.wantMsg) {
			t.Errorf("%s: message %q", tc.body, skillkeepr.ErrorMessage(err))
		}
	}
}

// FuzzDecodeJSON: decoding any bytes into any request type never panics
// and fails only with EINVALID.
func FuzzDecodeJSON(f *testing.F) {
	for _, s := range []string{`{}`, `{"name":"x"}`, `{"title":"T","department_id":1,"required_skills":["Go"]}`,
		`{"recruiter_ids":[1,2]}`, `{"status":"shortlisted","note":"n"}`, `{"active":false,"department_ids":null}`,
		`{"min_years_experience":1e400}`, `{"department_id":-9223372036854775809}`, `[`, `{"a":{"b":[[[[]]]]}}`, "\xff"} {
		f.Add([]byte(s))
	}
	types := requestTypes()
	f.Fuzz(func(t *testing.T, body []byte) {
		for _, typ := range types {
			v := reflect.New(typ).Interface()
			err := decodeJSONBytes(body, v)
			if err != nil && skillkeepr.ErrorCodeOf(err) != skillkeepr.EINVALID {
				t.Fatalf("%T: %v", v, err)
			}
		}
		// Through the whole decoder, with a content type and a size limit.
		r := httptest.NewRequest("POST", "/api/v1/jobs", strings.NewReader(string(body)))
		r.Header.Set("Content-Type", "application/json")
		var in JobCreate
		if err := decodeJSON(httptest.NewRecorder(), r, &in); err != nil {
			var e *skillkeepr.Error
			if !errors.As(err, &e) || e.Code != skillkeepr.EINVALID || e.Message == "" {
				t.Fatalf("decodeJSON: %v", err)
			}
		}
	})
}

func TestErrorStatus(t *testing.T) {
	t.Parallel()
	for code, want := range map[skillkeepr.ErrorCode]int{
		skillkeepr.EINVALID: 400, skillkeepr.ENOTFOUND: 404, skillkeepr.ECONFLICT: 409,
		skillkeepr.EUNAUTHORIZED: 401, skillkeepr.EFORBIDDEN: 403, skillkeepr.EUNAVAILABLE: 503,
		skillkeepr.EINTERNAL: 500, "something new": 500,
	} {
		if got := errorStatus(code); got != want {
			t.Errorf("errorStatus(%q) = %d, want %d", code, got, want)
		}
	}
}

func TestInternalErrorsDoNotLeak(t *testing.T) {
	t.Parallel()
	var logs bytes.Buffer
	a := New(Config{Logger: slog.New(slog.NewTextHandler(&logs, nil))})
	for _, err := range []error{errors.New("pq: password authentication failed at 10.0.0.1"),
		&skillkeepr.Error{Code: skillkeepr.EINTERNAL, Message: "sql: SELECT secret FROM x"}} {
		rec := httptest.NewRecorder()
		a.writeError(rec, httptest.NewRequest("GET", "/api/v1/jobs", nil), err)
		if rec.Code != 500 || strings.Contains(rec.Body.String(), "10.0.0.1") || strings.Contains(rec.Body.String(), "SELECT") ||
			!strings.Contains(rec.Body.String(), `"code":"internal"`) {
			t.Errorf("%v → %d %s", err, rec.Code, rec.Body)
		}
	}
	if !strings.Contains(logs.String(), "10.0.0.1") || !strings.Contains(logs.String(), "SELECT secret") {
		t.Errorf("the detail of internal errors is not logged: %s", logs.String())
	}
}

// TestPanicsAreRecovered: a panicking handler answers a JSON 500.
func TestPanicsAreRecovered(t *testing.T) {
	t.Parallel()
	a := New(Config{}) // no services: the handler panics on a nil interface
	r := httptest.NewRequest("GET", "/api/v1/jobs", nil)
	r = r.WithContext(skillkeepr.WithActor(r.Context(), &skillkeepr.Actor{UserID: 1, OrgID: 1, Role: skillkeepr.RoleSuperAdmin}))
	rec := httptest.NewRecorder()
	a.ServeHTTP(rec, r)
	if rec.Code != 500 || !strings.Contains(rec.Body.String(), `"code":"internal"`) || strings.Contains(rec.Body.String(), "goroutine") {
		t.Errorf("panic → %d %s", rec.Code, rec.Body)
	}
}
