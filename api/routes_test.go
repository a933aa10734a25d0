package api_test

import (
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"testing"

	"github.com/skillkeepr/skillkeepr/api"
)

// TestOpenAPIMatchesRoutes keeps the OpenAPI document, the route table and
// the mux in step.
func TestOpenAPIMatchesRoutes(t *testing.T) {
	t.Parallel()
	forEachEngine(t, func(t *testing.T, e *env) {
		paths := e.doc["paths"].(map[string]any)
		inTable := map[string]bool{}
		for _, rt := range e.api.Routes() {
			key := rt.Method + " " + rt.Pattern
			if inTable[key] {
				t.Errorf("route %s listed twice", key)
			}
			inTable[key] = true
			item, ok := paths[rt.Pattern].(map[string]any)
			if !ok || item[strings.ToLower(rt.Method)] == nil {
				t.Errorf("route %s is not in the OpenAPI document", key)
			}
			if !strings.HasPrefix(rt.Pattern, "/api/v1/") || rt.Summary == "" || rt.Tag == "" || rt.Status == 0 {
				t.Errorf("route %s: incomplete entry %+v", key, rt)
			}
		}
		methods := map[string]bool{"get": true, "post": true, "put": true, "patch": true, "delete": true}
		for p, item := range paths {
			for m := range item.(map[string]any) {
				if !methods[m] {
					continue
				}
				key := strings.ToUpper(m) + " " + p
				if !inTable[key] {
					t.Errorf("document lists %s, which is not a route", key)
				}
			}
		}

		// Every route is served by the mux under its own pattern and
		// answers something other than the mux's 404 or 405.
		id := regexp.MustCompile(`\{[a-z_]+\}`)
		for _, rt := range e.api.Routes() {
			path := id.ReplaceAllString(rt.Pattern, "999999")
			var body any
			if rt.Request != "" {
				body = "{}"
			}
			resp := e.send(t, e.a.SuperAdmin, request{Method: rt.Method, Path: path, Body: body})
			if resp.Code == http.StatusMethodNotAllowed {
				t.Errorf("%s %s: 405", rt.Method, path)
			}
			if resp.Code == http.StatusNotFound {
				if _, msg, _ := resp.errBody(t); strings.Contains(msg, "no API endpoint") {
					t.Errorf("%s %s: the mux does not serve it", rt.Method, path)
				}
			}
		}
	})
}

func TestOpenAPIDocument(t *testing.T) {
	t.Parallel()
	a := api.New(api.Config{})
	rec := httptest.NewRecorder()
	a.ServeHTTP(rec, httptest.NewRequest("GET", "/api/v1/openapi.json", nil))
	if rec.Code != 200 || !strings.HasPrefix(rec.Header().Get("Content-Type"), "application/json") {
		t.Fatalf("openapi.json: %d %s", rec.Code, rec.Header().Get("Content-Type"))
	}
	doc := a.OpenAPI()
	if doc["openapi"] != "3.1.0" {
		t.Errorf("openapi = %v", doc["openapi"])
	}
	// Every $ref resolves.
	body := rec.Body.String()
	schemas := doc["components"].(map[string]any)["schemas"].(map[string]any)
	for _, m := range regexp.MustCompile(`"\$ref":"#/components/schemas/([A-Za-z]+)"`).FindAllStringSubmatch(body, -1) {
		if schemas[m[1]] == nil {
			t.Errorf("dangling $ref %s", m[1])
		}
	}
	// Every schema a route names exists.
	for _, rt := range a.Routes() {
		for _, name := range []string{rt.Request, rt.Form, rt.Response} {
			if name != "" && name != api.FileResponse && schemas[name] == nil {
				t.Errorf("%s %s: schema %q missing", rt.Method, rt.Pattern, name)
			}
		}
	}
}

func TestUnmatched(t *testing.T) {
	t.Parallel()
	a := api.New(api.Config{})
	for _, tc := range []struct {
		method, path string
		want         int
	}{
		{"GET", "/api/v1/nothing", 404},
		{"DELETE", "/api/v1/jobs", 405},
		{"POST", "/api/v1/jobs/1", 405},
		{"GET", "/api/v1/jobs", 401}, // no actor
		{"GET", "/api/v1/openapi.json", 200},
	} {
		rec := httptest.NewRecorder()
		a.ServeHTTP(rec, httptest.NewRequest(tc.method, tc.path, nil))
		if rec.Code != tc.want {
			t.Errorf("%s %s = %d, want %d: %s", tc.method, tc.path, rec.Code, tc.want, rec.Body)
		}
		if tc.want >= 400 && !strings.HasPrefix(rec.Header().Get("Content-Type"), "application/json") {
			t.Errorf("%s %s: error is not JSON", tc.method, tc.path)
		}
		if tc.want == 405 && rec.Header().Get("Allow") == "" {
			t.Errorf("%s %s: 405 without Allow", tc.method, tc.path)
		}
	}
}

// TestRequiresActor: every route but the public ones answers 401 without a
// signed-in actor, before reading anything.
func TestRequiresActor(t *testing.T) {
	t.Parallel()
	a := api.New(api.Config{}) // no services: a route that skipped the check would panic → 500
	id := regexp.MustCompile(`\{[a-z_]+\}`)
	for _, rt := range a.Routes() {
		rec := httptest.NewRecorder()
		req := httptest.NewRequest(rt.Method, id.ReplaceAllString(rt.Pattern, "1"), strings.NewReader("{}"))
		req.Header.Set("Content-Type", "application/json")
		a.ServeHTTP(rec, req)
		switch {
		case rt.Public && rec.Code == http.StatusUnauthorized:
			t.Errorf("public %s %s = 401", rt.Method, rt.Pattern)
		case !rt.Public && rec.Code != http.StatusUnauthorized:
			t.Errorf("%s %s without actor = %d, want 401", rt.Method, rt.Pattern, rec.Code)
		}
	}
}
