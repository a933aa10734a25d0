// Package api serves the JSON API of SkillKeepr under /api/v1.
//
// Every route lives in one table (see Routes); the http.ServeMux and the
// OpenAPI 3.1 document at /api/v1/openapi.json are both built from it, and a
// test keeps the two in step. Authentication is not done here: the web
// package resolves the bearer token or session cookie (and CSRF) and puts the
// actor in the request context with skillkeepr.WithActor. Handlers read it
// with skillkeepr.RequireActor; a request without one gets 401.
//
// Conventions:
//   - Request and response bodies are JSON with snake_case names, the same
//     names as the domain's json tags. Request bodies must be sent as
//     application/json, at most 1 MiB, one object, no unknown fields.
//   - Lists answer {"data": [...], "total": N} and page with ?offset=&limit=
//     (limit 1..200, default 50).
//   - Errors answer {"code", "message", "fields"}; errorStatus is the one
//     place mapping domain error codes to HTTP status codes. Invalid input,
//     whether malformed JSON or a failed validation, is 400 (we do not use
//     422). Ids that do not exist, are malformed or belong to another
//     organisation are 404.
//   - Candidates may be created with a résumé as multipart/form-data; the
//     file type is detected from its bytes (PDF, DOCX, plain UTF-8 text).
package api

import (
	"encoding/json"
	"log/slog"
	"net/http"

	"github.com/skillkeepr/skillkeepr"
)

// Config holds what the API needs; cmd/skillkeepr fills it in.
type Config struct {
	Services skillkeepr.Services
	Logger   *slog.Logger
	// HashPassword hashes a password for storage (password.Hash); it is
	// used to accept invitations. Nil turns that route off (503).
	HashPassword func(string) (string, error)
	// InvitationEmail builds the invitation email of an organisation; nil
	// means a plain built-in text email carrying the invitation code.
	InvitationEmail func(orgName string) skillkeepr.InvitationEmail
	// LeverJobs imports Lever postings as jobs; nil answers 503 on the
	// /lever routes.
	LeverJobs skillkeepr.LeverJobs
	// LeverImports imports a Lever job's candidates; nil answers 503 on
	// the import routes.
	LeverImports skillkeepr.LeverCandidateImports

	// LeverPushes pushes recommended candidates to Lever; Lever connects
	// the organisation (status, API key, disconnect); LeverWrites keeps the
	// stage-tag settings; LeverUpdates registers Lever's webhooks. Each nil
	// answers 503 on its routes.
	LeverPushes  skillkeepr.LeverPushes
	Lever        skillkeepr.LeverIntegration
	LeverWrites  skillkeepr.LeverWriteSettingsService
	LeverUpdates skillkeepr.LeverUpdatesRegistrar
}

// API is the http.Handler of /api/v1.
type API struct {
	cfg    Config
	svc    skillkeepr.Services
	log    *slog.Logger
	mux    *http.ServeMux
	routes []Route
	// openapi is the encoded OpenAPI document, built once.
	openapi []byte
}

// New returns the API with every route of Routes registered.
func New(cfg Config) *API {
	a := &API{cfg: cfg, svc: cfg.Services, log: cfg.Logger, mux: http.NewServeMux()}
	if a.log == nil {
		a.log = slog.New(slog.DiscardHandler)
	}
	a.routes = routeTable()
	doc, err := json.Marshal(a.OpenAPI())
	if err != nil {
		panic("api: encode OpenAPI document: " + err.Error()) // a programming error, caught by the tests
	}
	a.openapi = doc
	for _, rt := range a.routes {
		a.mux.Handle(rt.Method+" "+rt.Pattern, a.wrap(rt))
	}
	return a
}

// Routes returns the route table, in documentation order.
func (a *API) Routes() []Route {
	return append([]Route(nil), a.routes...)
}

// ServeHTTP serves one API request. Requests that match no route get a
// JSON 404 (or 405 with an Allow header when only the method is wrong).
func (a *API) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if _, pattern := a.mux.Handler(r); pattern == "" {
		probe := &probeWriter{header: http.Header{}}
		a.mux.ServeHTTP(probe, r)
		if probe.status == http.StatusMethodNotAllowed {
			w.Header().Set("Allow", probe.header.Get("Allow"))
			writeErrorBody(w, http.StatusMethodNotAllowed, errorBody{Code: "method_not_allowed",
				Message: "This address does not accept " + r.Method + " requests."})
			return
		}
		writeErrorBody(w, http.StatusNotFound, errorBody{Code: string(skillkeepr.ENOTFOUND), Message: noRouteMessage})
		return
	}
	a.mux.ServeHTTP(w, r)
}

// noRouteMessage is the message of the 404 for an address no route serves.
const noRouteMessage = "There is no API endpoint at this address."

// probeWriter records what the mux answers for an unmatched request.
type probeWriter struct {
	header http.Header
	status int
}

func (p *probeWriter) Header() http.Header { return p.header }
func (p *probeWriter) Write(b []byte) (int, error) {
	if p.status == 0 {
		p.status = http.StatusOK
	}
	return len(b), nil
}
func (p *probeWriter) WriteHeader(code int) {
	if p.status == 0 {
		p.status = code
	}
}

// wrap turns a route's handler into an http.Handler: it recovers panics,
// sets the common headers and writes the returned error.
func (a *API) wrap(rt Route) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		defer func() {
			if v := recover(); v != nil {
				if v == http.ErrAbortHandler {
					panic(v)
				}
				a.log.ErrorContext(r.Context(), "api: panic", "method", r.Method, "path", r.URL.Path, "panic", v)
				a.writeError(w, r, skillkeepr.Errorf(skillkeepr.EINTERNAL, "panic"))
			}
		}()
		w.Header().Set("X-Content-Type-Options", "nosniff")
		w.Header().Set("Cache-Control", "no-store")
		if !rt.Public {
			if _, err := skillkeepr.RequireActor(r.Context()); err != nil {
				a.writeError(w, r, err)
				return
			}
		}
		if err := rt.handle(a, w, r); err != nil {
			a.writeError(w, r, err)
		}
	})
}
