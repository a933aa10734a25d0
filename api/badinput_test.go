package api_test

import (
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/skillkeepr/skillkeepr"
	"github.com/skillkeepr/skillkeepr/api"
)

func TestBadInput(t *testing.T) {
	t.Parallel()
	forEachEngine(t, func(t *testing.T, e *env) {
		admin := e.a.SuperAdmin
		job := e.mustJob(admin, "Engineer", e.a.Engineering.ID)
		jobPath := fmt.Sprintf("/api/v1/jobs/%d", job.ID)
		big := `{"name":"` + strings.Repeat("a", api.MaxBodySize) + `"}`
		for _, tc := range []struct {
			name      string
			req       request
			wantCode  int
			wantField string // a field that must carry a message
			wantMsg   string // a substring of the message
		}{
			{"unknown field", request{Method: "POST", Path: "/api/v1/departments", Body: `{"name":"Ops","colour":"red"}`}, 400, "colour", ""},
			{"unknown field in patch", request{Method: "PATCH", Path: jobPath, Body: `{"titel":"X"}`}, 400, "titel", ""},
			{"malformed JSON", request{Method: "POST", Path: "/api/v1/departments", Body: `{"name":`}, 400, "", "not valid JSON"},
			{"syntax error", request{Method: "POST", Path: "/api/v1/departments", Body: `{name: "x"}`}, 400, "", "not valid JSON"},
			{"two objects", request{Method: "POST", Path: "/api/v1/departments", Body: `{"name":"a"}{"name":"b"}`}, 400, "", "exactly one"},
			{"array body", request{Method: "POST", Path: "/api/v1/departments", Body: `[]`}, 400, "", "JSON object"},
			{"empty body", request{Method: "POST", Path: "/api/v1/departments", Body: ``, ContentType: "application/json"}, 400, "", "empty"},
			{"no content type", request{Method: "POST", Path: "/api/v1/departments", Body: `{"name":"Ops"}`, ContentType: "text/plain"}, 400, "", "application/json"},
			{"form content type", request{Method: "PATCH", Path: jobPath, Body: `title=x`, ContentType: "application/x-www-form-urlencoded"}, 400, "", "application/json"},
			{"too large", request{Method: "POST", Path: "/api/v1/departments", Body: big}, 400, "", "larger than"},
			{"wrong type", request{Method: "POST", Path: "/api/v1/jobs", Body: `{"title":"X","department_id":"eng"}`}, 400, "department_id", ""},
			{"wrong type nested", request{Method: "PUT", Path: jobPath + "/recruiters", Body: `{"recruiter_ids":["a"]}`}, 400, "recruiter_ids", ""},
			{"job validation", request{Method: "POST", Path: "/api/v1/jobs", Body: map[string]any{"title": "", "department_id": e.a.Engineering.ID}}, 400, "title", ""},
			{"job bad status", request{Method: "PATCH", Path: jobPath, Body: map[string]any{"status": "archived"}}, 400, "status", ""},
			{"job bad years", request{Method: "PATCH", Path: jobPath, Body: map[string]any{"min_years_experience": 99}}, 400, "min_years_experience", ""},
			{"job unknown department", request{Method: "POST", Path: "/api/v1/jobs", Body: map[string]any{"title": "X", "department_id": e.b.Engineering.ID, "location": "Remote", "description": "d"}}, 0, "", ""},
			{"candidate without job", request{Method: "POST", Path: "/api/v1/candidates", Body: map[string]any{"name": "A"}}, 400, "job_id", ""},
			{"candidate bad email", request{Method: "POST", Path: "/api/v1/candidates", Body: map[string]any{"name": "A", "job_id": job.ID, "emails": []string{"nope"}}}, 400, "emails", ""},
			{"candidate bad link", request{Method: "POST", Path: "/api/v1/candidates", Body: map[string]any{"name": "A", "job_id": job.ID, "links": []string{"javascript:alert(1)"}}}, 400, "links", ""},
			{"user bad role", request{Method: "PATCH", Path: fmt.Sprintf("/api/v1/users/%d", e.a.Recruiter.ID), Body: map[string]any{"role": "king"}}, 400, "role", ""},
			{"bad limit", request{Method: "GET", Path: "/api/v1/jobs?limit=0"}, 400, "limit", ""},
			{"huge limit", request{Method: "GET", Path: "/api/v1/jobs?limit=100000"}, 400, "limit", ""},
			{"bad offset", request{Method: "GET", Path: "/api/v1/candidates?offset=-1"}, 400, "offset", ""},
			{"bad status filter", request{Method: "GET", Path: "/api/v1/jobs?status=done"}, 400, "status", ""},
			{"bad id filter", request{Method: "GET", Path: "/api/v1/jobs?department_id=eng"}, 400, "department_id", ""},
			{"bad active filter", request{Method: "GET", Path: "/api/v1/users?active_only=maybe"}, 400, "active_only", ""},
			{"bad role filter", request{Method: "GET", Path: "/api/v1/users?role=king"}, 400, "role", ""},
			{"bad application status filter", request{Method: "GET", Path: "/api/v1/candidates?status=x"}, 400, "status", ""},
			{"bad actor filter", request{Method: "GET", Path: "/api/v1/audit?actor_id=-3"}, 400, "actor_id", ""},
		} {
			t.Run(tc.name, func(t *testing.T) {
				r := e.send(t, admin, tc.req)
				if tc.wantCode == 0 { // any refusal with a field error will do
					if r.Code != 400 && r.Code != 404 {
						t.Fatalf("got %v, want 400 or 404", r)
					}
					return
				}
				if r.Code != tc.wantCode {
					t.Fatalf("got %v, want %d", r, tc.wantCode)
				}
				code, msg, fields := r.errBody(t)
				if code != string(skillkeepr.EINVALID) {
					t.Errorf("code %q", code)
				}
				if tc.wantField != "" && fields[tc.wantField] == "" {
					t.Errorf("no message for field %q: %s", tc.wantField, r.Body)
				}
				if tc.wantMsg != "" && !strings.Contains(msg, tc.wantMsg) {
					t.Errorf("message %q does not mention %q", msg, tc.wantMsg)
				}
			})
		}
		// Nothing was half-written.
		if l := decode[listOf[skillkeepr.Department]](t, e.do(admin, "GET", "/api/v1/departments", nil), 200); l.Total != 2 {
			t.Errorf("departments after bad input: %d", l.Total)
		}
		if l := decode[listOf[skillkeepr.CandidateRow]](t, e.do(admin, "GET", "/api/v1/candidates", nil), 200); l.Total != 0 {
			t.Errorf("candidates after bad input: %d", l.Total)
		}
	})
}

// TestBadPathIDs: malformed ids are "not found" on every by-id route.
func TestBadPathIDs(t *testing.T) {
	t.Parallel()
	forEachEngine(t, func(t *testing.T, e *env) {
		id := regexp.MustCompile(`\{[a-z_]+\}`)
		for _, rt := range e.api.Routes() {
			if !id.MatchString(rt.Pattern) {
				continue
			}
			for _, bad := range []string{"abc", "0", "-1", "01", "1.5", "99999999999999999999", "%20"} {
				path := id.ReplaceAllString(rt.Pattern, bad)
				var body any
				if rt.Request != "" {
					body = "{}"
				}
				r := e.send(t, e.a.SuperAdmin, request{Method: rt.Method, Path: path, Body: body})
				if r.Code != 404 {
					t.Errorf("%s %s = %v, want 404", rt.Method, path, r)
				}
			}
		}
	})
}

// TestDatabaseOutage: an unreachable database answers 503 with a plain
// message and no detail.
func TestDatabaseOutage(t *testing.T) {
	t.Parallel()
	forEachEngine(t, func(t *testing.T, e *env) {
		if err := e.st.Close(); err != nil {
			t.Fatal(err)
		}
		for _, path := range []string{"/api/v1/jobs", "/api/v1/me", "/api/v1/candidates/1"} {
			r := e.do(e.a.SuperAdmin, "GET", path, nil)
			code, msg, _ := r.errBody(t)
			if r.Code != 503 || code != "unavailable" || !strings.Contains(msg, "database") ||
				strings.Contains(string(r.Body), "sql") {
				t.Errorf("GET %s during an outage: %v", path, r)
			}
		}
	})
}
