package api_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"github.com/skillkeepr/skillkeepr/leversync"
	"io"
	"math"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"

	"github.com/skillkeepr/skillkeepr"
	"github.com/skillkeepr/skillkeepr/api"
	"github.com/skillkeepr/skillkeepr/sqlstore"
)

// recordingEnqueuer keeps the tasks the store enqueues.
type recordingEnqueuer = sqlstore.RecordingEnqueuer

// org is a seeded organisation: two departments and one user per role.
type org struct {
	Org            *skillkeepr.Organization
	Engineering    *skillkeepr.Department
	Design         *skillkeepr.Department
	SuperAdmin     *skillkeepr.User
	RecruiterAdmin *skillkeepr.User
	Recruiter      *skillkeepr.User
	Collaborator   *skillkeepr.User // in Engineering
}

// env is one API over one fresh store with two organisations.
type env struct {
	t    *testing.T
	st   *sqlstore.Store
	svc  skillkeepr.Services
	api  *api.API
	h    http.Handler
	enq  *recordingEnqueuer
	a, b *org
	doc  map[string]any       // the OpenAPI document, decoded
	mux  *http.ServeMux       // route lookup: pattern of a request
	conn *leversync.Connector // set by withLever
}

// forEachEngine runs fn as a parallel subtest per engine with a fresh env.
func forEachEngine(t *testing.T, fn func(t *testing.T, e *env)) {
	t.Helper()
	for _, engine := range sqlstore.TestEngines() {
		t.Run(engine, func(t *testing.T) {
			t.Parallel()
			fn(t, newEnv(t, engine))
		})
	}
}

func newEnv(t *testing.T, engine string) *env {
	t.Helper()
	st := sqlstore.OpenTest(t, engine)
	enq := &recordingEnqueuer{}
	st.SetEnqueuer(enq)
	svc := st.Services()
	e := &env{t: t, st: st, svc: svc, enq: enq}
	// Lever is wired but no organisation is connected: by-id routes still
	// answer for the ids they are given.
	conn, err := leversync.New(leversync.Config{Store: st, APIURL: "http://127.0.0.1:9/v1"})
	if err != nil {
		t.Fatal(err)
	}
	e.api = api.New(api.Config{Services: svc, HashPassword: func(pw string) (string, error) { return "test-hash:" + pw, nil }, LeverImports: st,
		LeverPushes: leversync.NewPushes(conn, st, leversync.NewStageSync(conn, st), nil)})
	e.h = e.api
	e.a = seedOrg(t, svc, "Acme")
	e.b = seedOrg(t, svc, "Globex")
	rec := httptest.NewRecorder()
	e.api.ServeHTTP(rec, httptest.NewRequest("GET", "/api/v1/openapi.json", nil))
	if err := json.Unmarshal(rec.Body.Bytes(), &e.doc); err != nil {
		t.Fatalf("openapi.json: %v", err)
	}
	e.mux = http.NewServeMux()
	for _, rt := range e.api.Routes() {
		e.mux.HandleFunc(rt.Method+" "+rt.Pattern, func(http.ResponseWriter, *http.Request) {})
	}
	return e
}

func seedOrg(t *testing.T, svc skillkeepr.Services, name string) *org {
	t.Helper()
	ctx := context.Background()
	o := &org{}
	var err error
	if o.Org, err = svc.Organizations.CreateOrganization(ctx, skillkeepr.OrganizationCreate{Name: name}); err != nil {
		t.Fatal(err)
	}
	if o.Engineering, err = svc.Departments.CreateDepartment(ctx, o.Org.ID, "Engineering"); err != nil {
		t.Fatal(err)
	}
	if o.Design, err = svc.Departments.CreateDepartment(ctx, o.Org.ID, "Design"); err != nil {
		t.Fatal(err)
	}
	domain := strings.ToLower(name) + ".test"
	mk := func(local, who string, role skillkeepr.Role, deps ...int64) *skillkeepr.User {
		u, err := svc.Users.CreateUser(ctx, skillkeepr.UserCreate{OrgID: o.Org.ID, Email: local + "@" + domain,
			Name: who + " " + name, Role: role, DepartmentIDs: deps, PasswordHash: "test-password-hash"})
		if err != nil {
			t.Fatal(err)
		}
		return u
	}
	o.SuperAdmin = mk("admin", "Ada", skillkeepr.RoleSuperAdmin)
	o.RecruiterAdmin = mk("hr", "Hana", skillkeepr.RoleRecruiterAdmin)
	o.Recruiter = mk("recruiter", "Rui", skillkeepr.RoleRecruiter)
	o.Collaborator = mk("lead", "Lea", skillkeepr.RoleCollaborator, o.Engineering.ID)
	return o
}

// ctx acts as u.
func ctxAs(u *skillkeepr.User) context.Context {
	return skillkeepr.WithActor(context.Background(), u.Actor())
}

// response is a recorded answer.
type response struct {
	Code   int
	Header http.Header
	Body   []byte
}

func (r *response) String() string {
	return fmt.Sprintf("%d %s", r.Code, r.Body)
}

// errBody decodes an error answer.
func (r *response) errBody(t *testing.T) (code, message string, fields map[string]string) {
	t.Helper()
	var b struct {
		Code    string            `json:"code"`
		Message string            `json:"message"`
		Fields  map[string]string `json:"fields"`
	}
	if err := json.Unmarshal(r.Body, &b); err != nil {
		t.Fatalf("error body %q: %v", r.Body, err)
	}
	return b.Code, b.Message, b.Fields
}

// request is a request to send; Body is JSON-encoded unless it is a
// string or []byte (sent as is).
type request struct {
	Method, Path string
	Body         any
	ContentType  string // default application/json when there is a body
}

// do sends req as u (nil: no actor) and checks the answer against the
// OpenAPI document: the route's success schema, or the Error schema.
func (e *env) do(u *skillkeepr.User, method, path string, body any) *response {
	e.t.Helper()
	return e.send(e.t, u, request{Method: method, Path: path, Body: body})
}

func (e *env) send(t *testing.T, u *skillkeepr.User, req request) *response {
	t.Helper()
	var rd io.Reader
	ct := req.ContentType
	switch b := req.Body.(type) {
	case nil:
	case string:
		rd = strings.NewReader(b)
	case []byte:
		rd = bytes.NewReader(b)
	default:
		j, err := json.Marshal(b)
		if err != nil {
			t.Fatal(err)
		}
		rd = bytes.NewReader(j)
	}
	if rd != nil && ct == "" {
		ct = "application/json"
	}
	r := httptest.NewRequest(req.Method, req.Path, rd)
	if ct != "" {
		r.Header.Set("Content-Type", ct)
	}
	if u != nil {
		r = r.WithContext(ctxAs(u))
	}
	rec := httptest.NewRecorder()
	e.h.ServeHTTP(rec, r)
	resp := &response{Code: rec.Code, Header: rec.Header(), Body: rec.Body.Bytes()}
	e.checkSchema(t, r, resp)
	return resp
}

// checkSchema validates a JSON answer against the OpenAPI document.
func (e *env) checkSchema(t *testing.T, r *http.Request, resp *response) {
	t.Helper()
	if got := resp.Header.Get("X-Content-Type-Options"); got != "nosniff" {
		t.Errorf("%s %s: X-Content-Type-Options = %q", r.Method, r.URL.Path, got)
	}
	if resp.Code == http.StatusNoContent {
		return
	}
	_, pattern := e.mux.Handler(r)
	var schema string
	if resp.Code >= 400 {
		schema = "Error"
	} else {
		for _, rt := range e.api.Routes() {
			if rt.Method+" "+rt.Pattern == pattern {
				schema = rt.Response
				if resp.Code != rt.Status {
					t.Errorf("%s %s: status %d, route documents %d", r.Method, r.URL.Path, resp.Code, rt.Status)
				}
			}
		}
	}
	if schema == "" || schema == api.FileResponse || schema == "OpenAPIDocument" {
		return
	}
	if ct := resp.Header.Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
		t.Errorf("%s %s: Content-Type %q", r.Method, r.URL.Path, ct)
		return
	}
	var v any
	if err := json.Unmarshal(resp.Body, &v); err != nil {
		t.Errorf("%s %s: body is not JSON: %v: %s", r.Method, r.URL.Path, err, resp.Body)
		return
	}
	if err := validate(e.doc, map[string]any{"$ref": "#/components/schemas/" + schema}, v, "$"); err != nil {
		t.Errorf("%s %s: answer does not match schema %s: %v\n%s", r.Method, r.URL.Path, schema, err, resp.Body)
	}
}

// validate checks v against the subset of JSON Schema the document uses.
func validate(doc map[string]any, s map[string]any, v any, at string) error {
	if ref, ok := s["$ref"].(string); ok {
		name := strings.TrimPrefix(ref, "#/components/schemas/")
		target, ok := doc["components"].(map[string]any)["schemas"].(map[string]any)[name].(map[string]any)
		if !ok {
			return fmt.Errorf("%s: dangling $ref %s", at, ref)
		}
		return validate(doc, target, v, at)
	}
	if alts, ok := s["anyOf"].([]any); ok {
		var errs []string
		for _, sub := range alts {
			err := validate(doc, sub.(map[string]any), v, at)
			if err == nil {
				return nil
			}
			errs = append(errs, err.Error())
		}
		return fmt.Errorf("%s: matches none of anyOf: %s", at, strings.Join(errs, " | "))
	}
	var types []string
	switch ty := s["type"].(type) {
	case string:
		types = []string{ty}
	case []any:
		for _, x := range ty {
			types = append(types, x.(string))
		}
	}
	if len(types) > 0 && !slices.Contains(types, jsonType(v)) &&
		!(jsonType(v) == "integer" && slices.Contains(types, "number")) {
		return fmt.Errorf("%s: %s is not %v", at, jsonType(v), types)
	}
	if enum, ok := s["enum"].([]any); ok && v != nil && !slices.Contains(enum, v) {
		return fmt.Errorf("%s: %v is not one of %v", at, v, enum)
	}
	switch v := v.(type) {
	case []any:
		if items, ok := s["items"].(map[string]any); ok {
			for i, x := range v {
				if err := validate(doc, items, x, fmt.Sprintf("%s[%d]", at, i)); err != nil {
					return err
				}
			}
		}
	case map[string]any:
		props, _ := s["properties"].(map[string]any)
		for _, r := range asStrings(s["required"]) {
			if _, ok := v[r]; !ok {
				return fmt.Errorf("%s: required property %q missing", at, r)
			}
		}
		for k, x := range v {
			if pn, ok := s["propertyNames"].(map[string]any); ok {
				if err := validate(doc, pn, k, at+"{key}"); err != nil {
					return err
				}
			}
			if ps, ok := props[k].(map[string]any); ok {
				if err := validate(doc, ps, x, at+"."+k); err != nil {
					return err
				}
				continue
			}
			switch ap := s["additionalProperties"].(type) {
			case bool:
				if !ap {
					return fmt.Errorf("%s: property %q is not in the schema", at, k)
				}
			case map[string]any:
				if err := validate(doc, ap, x, at+"."+k); err != nil {
					return err
				}
			}
		}
	}
	return nil
}

func asStrings(v any) []string {
	var out []string
	xs, _ := v.([]any)
	for _, x := range xs {
		out = append(out, x.(string))
	}
	return out
}

func jsonType(v any) string {
	switch v := v.(type) {
	case nil:
		return "null"
	case bool:
		return "boolean"
	case float64:
		if v == math.Trunc(v) {
			return "integer"
		}
		return "number"
	case string:
		return "string"
	case []any:
		return "array"
	case map[string]any:
		return "object"
	}
	return fmt.Sprintf("%T", v)
}

// decode unmarshals a success answer after checking its status.
func decode[T any](t *testing.T, r *response, want int) T {
	t.Helper()
	var v T
	if r.Code != want {
		t.Fatalf("status %d, want %d: %s", r.Code, want, r.Body)
	}
	if err := json.Unmarshal(r.Body, &v); err != nil {
		t.Fatalf("decode %T: %v: %s", v, err, r.Body)
	}
	return v
}

type listOf[T any] struct {
	Data  []T `json:"data"`
	Total int `json:"total"`
}

// multipartBody builds a multipart/form-data body from fields and an
// optional résumé file.
func multipartBody(t *testing.T, fields [][2]string, fileName string, file []byte) (body []byte, contentType string) {
	t.Helper()
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	for _, f := range fields {
		if err := mw.WriteField(f[0], f[1]); err != nil {
			t.Fatal(err)
		}
	}
	if file != nil {
		fw, err := mw.CreateFormFile("resume", fileName)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := fw.Write(file); err != nil {
			t.Fatal(err)
		}
	}
	if err := mw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes(), mw.FormDataContentType()
}

// mustJob creates a job in dep as u through the services.
func (e *env) mustJob(u *skillkeepr.User, title string, dep int64) *skillkeepr.Job {
	e.t.Helper()
	j, err := e.svc.Jobs.CreateJob(ctxAs(u), skillkeepr.JobFields{Title: title, DepartmentID: dep, Location: "Remote",
		EmploymentType: "Full-time", Description: "Build things.", Status: skillkeepr.JobOpen})
	if err != nil {
		e.t.Fatal(err)
	}
	return j
}

// mustCandidate adds a candidate with a text résumé to job as u.
func (e *env) mustCandidate(u *skillkeepr.User, name, email string, job int64) (*skillkeepr.Candidate, *skillkeepr.Application) {
	e.t.Helper()
	c, app, err := e.svc.Candidates.CreateCandidate(ctxAs(u), skillkeepr.CandidateCreate{
		CandidateFields: skillkeepr.CandidateFields{Name: name, Emails: []string{email}},
		JobID:           job, Source: "manual",
		Resume: &skillkeepr.ResumeUpload{FileName: "cv.txt", ContentType: "text/plain; charset=utf-8", Data: []byte("Go, SQL")},
	})
	if err != nil {
		e.t.Fatal(err)
	}
	return c, app
}
