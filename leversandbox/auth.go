package leversandbox

import (
	"net/http"
	"strings"
)

// knownScopes is Lever's complete scope list; /authorize rejects anything else.
var knownScopes = func() map[string]bool {
	m := map[string]bool{"offline_access": true, "uploads:write:admin": true, "confidential:access:admin": true}
	for _, r := range []string{"applications", "archive_reasons", "audit_events", "diversity_surveys", "eeo_responses",
		"eeo_responses_pii", "offers", "referrals", "resumes", "sources", "stages", "tags", "tasks"} {
		m[r+":read:admin"] = true
	}
	for _, rw := range []string{"contact", "feedback", "feedback_templates", "files", "forms", "form_templates", "groups",
		"interviews", "notes", "opportunities", "panels", "permissions", "postings", "requisitions", "requisition_fields",
		"roles", "users", "webhooks"} {
		m[rw+":read:admin"] = true
		m[rw+":write:admin"] = true
	}
	return m
}()

const scopeConfidential = "confidential:access:admin"

// principal is who is calling the Data API: an API key or an OAuth grant.
type principal struct {
	bucket  string          // rate-limit bucket: one per API key / OAuth grant
	allOf   bool            // API keys carry every scope
	scopes  map[string]bool // OAuth grants: the granted scopes
	userID  string          // the signed-in Lever user of an OAuth grant
	grantID string
}

// has reports whether the principal may use scope. A write scope implies the
// matching read scope, as Lever treats `X:write:admin`.
func (p *principal) has(scope string) bool {
	if p.allOf || scope == "" {
		return true
	}
	if p.scopes[scope] {
		return true
	}
	if strings.HasSuffix(scope, ":read:admin") {
		return p.scopes[strings.TrimSuffix(scope, ":read:admin")+":write:admin"]
	}
	return false
}

func (p *principal) confidential() bool { return p.has(scopeConfidential) }

// authenticate resolves the request's credentials, writing a 401 when they are missing or dead.
func (s *Sandbox) authenticate(w http.ResponseWriter, r *http.Request) (*principal, bool) {
	if key, _, ok := r.BasicAuth(); ok {
		if key == s.cfg.APIKey {
			return &principal{bucket: "key:" + key, allOf: true}, true
		}
		writeError(w, http.StatusUnauthorized, codeUnauthorized, "Invalid API key")
		return nil, false
	}
	authz := r.Header.Get("Authorization")
	if tok, ok := strings.CutPrefix(authz, "Bearer "); ok {
		p, msg := s.principalForAccessToken(strings.TrimSpace(tok))
		if p == nil {
			w.Header().Set("WWW-Authenticate", `Bearer error="invalid_token"`)
			writeError(w, http.StatusUnauthorized, codeUnauthorized, msg)
			return nil, false
		}
		return p, true
	}
	w.Header().Set("WWW-Authenticate", `Basic realm="Lever API"`)
	writeError(w, http.StatusUnauthorized, codeUnauthorized, "Missing credentials: use an API key (HTTP Basic) or an OAuth access token")
	return nil, false
}

// apiHandler is one Data API endpoint; the principal is already authenticated,
// rate limited and checked against the route's scope.
type apiHandler func(w http.ResponseWriter, r *http.Request, p *principal)

// handleAPI registers a Data API route with its required scope. The pipeline is
// faults -> authentication -> rate limit -> scope -> handler, so an injected
// fault can also hit unauthenticated calls, as a broken load balancer would.
func (s *Sandbox) handleAPI(mux *http.ServeMux, pattern, scope string, h apiHandler) {
	mux.HandleFunc(pattern, func(w http.ResponseWriter, r *http.Request) {
		act := s.faults.pick(pattern, r.URL.Path)
		if act.latency > 0 && !s.sleepCtx(r.Context(), act.latency) {
			return
		}
		if s.applyFault(w, r, act) {
			return
		}
		p, ok := s.authenticate(w, r)
		if !ok {
			return
		}
		if ok, retry := s.limiter.allow(p.bucket); !ok {
			w.Header().Set("Retry-After", retry)
			writeError(w, http.StatusTooManyRequests, codeRateLimited, "Rate limit exceeded, please retry later")
			return
		}
		if !p.has(scope) {
			writeError(w, http.StatusForbidden, codeForbidden, "This request requires the "+scope+" scope")
			return
		}
		if act.dropAfterApply {
			// Apply the write, then close the connection without answering: the
			// client cannot tell whether Lever applied it.
			h(newDiscardWriter(), r, p)
			resetConnection(w)
			return
		}
		h(w, r, p)
	})
}

// performAs validates the perform_as query parameter. When required and
// missing, or naming no active user, it writes a 400 and returns ok=false.
func (s *Sandbox) performAs(w http.ResponseWriter, r *http.Request, required bool) (userID string, ok bool) {
	id := r.URL.Query().Get("perform_as")
	if id == "" {
		if required {
			badRequest(w, "perform_as is required for this request")
			return "", false
		}
		return "", true
	}
	s.mu.RLock()
	u := s.usersByID[id]
	s.mu.RUnlock()
	if u == nil || u.DeactivatedAt != nil {
		badRequest(w, "perform_as user "+id+" was not found or is deactivated")
		return "", false
	}
	return id, true
}
