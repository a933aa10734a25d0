package leversandbox

import (
	"crypto/rand"
	"crypto/subtle"
	"encoding/json"
	"net"
	"net/http"
	"net/url"
	"sort"
	"strings"
	"time"
)

// Lifetimes documented by Lever. Codes are single-use and short-lived.
const (
	accessTokenTTL      = time.Hour
	refreshTokenMaxAge  = 365 * 24 * time.Hour
	refreshTokenIdleTTL = 90 * 24 * time.Hour
	authCodeTTL         = 5 * time.Minute
	maxScopes           = 20
)

// Audiences accepted at /authorize: production and sandbox Lever.
var validAudiences = map[string]bool{
	"https://api.lever.co/v1/":         true,
	"https://api.sandbox.lever.co/v1/": true,
}

type oauthState struct {
	pending map[string]*pendingAuth // consent transactions by id
	codes   map[string]*authCode
	grants  map[string]*Grant
	access  map[string]*accessToken
	refresh map[string]string // refresh token -> grant id
}

func (o *oauthState) init() {
	o.pending = map[string]*pendingAuth{}
	o.codes = map[string]*authCode{}
	o.grants = map[string]*Grant{}
	o.access = map[string]*accessToken{}
	o.refresh = map[string]string{}
}

type pendingAuth struct {
	ID          string
	ClientID    string
	RedirectURI string
	State       string
	Scopes      []string
	Audience    string
	Created     time.Time
}

type authCode struct {
	ClientID    string
	RedirectURI string
	UserID      string
	Scopes      []string
	Audience    string
	ExpiresAt   time.Time
	Used        bool
}

// Grant is one authorization of an OAuth app by a Lever user. Access and
// refresh tokens hang off it; revoking it kills them all.
type Grant struct {
	ID           string    `json:"id"`
	ClientID     string    `json:"clientId"`
	UserID       string    `json:"userId"`
	Scopes       []string  `json:"scopes"`
	Audience     string    `json:"audience"`
	CreatedAt    time.Time `json:"createdAt"`
	LastUsedAt   time.Time `json:"lastUsedAt"`
	Revoked      bool      `json:"revoked"`
	RefreshToken string    `json:"refreshToken,omitempty"`
}

type accessToken struct {
	GrantID   string    `json:"grantId"`
	ExpiresAt time.Time `json:"expiresAt"`
}

func randomToken(prefix string) string { return prefix + strings.ToLower(rand.Text()) }

func (s *Sandbox) app(clientID string) *OAuthApp {
	for i := range s.cfg.Apps {
		if s.cfg.Apps[i].ClientID == clientID {
			return &s.cfg.Apps[i]
		}
	}
	return nil
}

// redirectAllowed: registered URIs must match exactly; an app without any
// accepts every loopback URI (any port and path), as the demo app needs.
func redirectAllowed(app *OAuthApp, raw string) bool {
	if len(app.RedirectURIs) > 0 {
		return containsStr(app.RedirectURIs, raw)
	}
	u, err := url.Parse(raw)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Fragment != "" {
		return false
	}
	h := u.Hostname()
	if h == "localhost" {
		return true
	}
	ip := net.ParseIP(h)
	return ip != nil && ip.IsLoopback()
}

func redirectWith(w http.ResponseWriter, r *http.Request, base string, params url.Values) {
	u, _ := url.Parse(base)
	q := u.Query()
	for k, v := range params {
		q[k] = v
	}
	u.RawQuery = q.Encode()
	http.Redirect(w, r, u.String(), http.StatusFound)
}

// handleAuthorize is GET /authorize: validate, then sign in (if needed) and consent.
func (s *Sandbox) handleAuthorize(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	app := s.app(q.Get("client_id"))
	if app == nil {
		s.renderError(w, http.StatusBadRequest, "Unknown application", "The application asking for access is not registered with this Lever account.")
		return
	}
	redirectURI := q.Get("redirect_uri")
	if !redirectAllowed(app, redirectURI) {
		s.renderError(w, http.StatusBadRequest, "Callback URL mismatch", "The redirect_uri is not one of the application's allowed callback URLs.")
		return
	}
	state := q.Get("state")
	fail := func(code, desc string) {
		p := url.Values{"error": {code}, "error_description": {desc}}
		if state != "" {
			p.Set("state", state)
		}
		redirectWith(w, r, redirectURI, p)
	}
	if q.Get("response_type") != "code" {
		fail("unsupported_response_type", "response_type must be code")
		return
	}
	if state == "" {
		fail("invalid_request", "state is required")
		return
	}
	scopes := strings.Fields(q.Get("scope"))
	if len(scopes) == 0 {
		fail("invalid_scope", "scope is required")
		return
	}
	if len(scopes) > maxScopes {
		fail("invalid_scope", "at most 20 scopes may be requested")
		return
	}
	for _, sc := range scopes {
		if !knownScopes[sc] {
			fail("invalid_scope", "unknown scope "+sc)
			return
		}
	}
	aud := q.Get("audience")
	if !validAudiences[aud] {
		// Lever's documented pitfall: with a missing or wrong audience the
		// consent screen (and so the grant) holds only offline_access.
		kept := []string{}
		if containsStr(scopes, "offline_access") {
			kept = append(kept, "offline_access")
		}
		scopes = kept
	}
	p := &pendingAuth{ClientID: app.ClientID, RedirectURI: redirectURI, State: state, Scopes: scopes, Audience: aud}
	s.mu.Lock()
	p.ID = randomToken("txn_")
	p.Created = s.now()
	s.sweepOAuth(p.Created)
	s.oauth.pending[p.ID] = p
	s.mu.Unlock()
	if uid := s.sessionUser(r); uid != "" {
		s.renderConsent(w, p, uid)
		return
	}
	s.renderSignIn(w, "/authorize/signin", p.ID, "")
}

// handleAuthorizeSignIn is POST /authorize/signin: the Lever sign-in form of the OAuth flow.
func (s *Sandbox) handleAuthorizeSignIn(w http.ResponseWriter, r *http.Request) {
	_ = r.ParseForm()
	txn := r.PostForm.Get("txn")
	s.mu.RLock()
	p := s.oauth.pending[txn]
	s.mu.RUnlock()
	if p == nil {
		s.renderError(w, http.StatusBadRequest, "Sign-in expired", "Start again from the application.")
		return
	}
	uid := s.checkPassword(r.PostForm.Get("email"), r.PostForm.Get("password"))
	if uid == "" {
		w.WriteHeader(http.StatusUnauthorized)
		s.renderSignIn(w, "/authorize/signin", txn, "Wrong email or password.")
		return
	}
	s.startSession(w, uid)
	s.renderConsent(w, p, uid)
}

// handleAuthorizeDecision is POST /authorize/decision: Accept or Decline.
func (s *Sandbox) handleAuthorizeDecision(w http.ResponseWriter, r *http.Request) {
	_ = r.ParseForm()
	uid := s.sessionUser(r)
	txn := r.PostForm.Get("txn")
	s.mu.Lock()
	p := s.oauth.pending[txn]
	delete(s.oauth.pending, txn)
	s.mu.Unlock()
	if p == nil || uid == "" {
		s.renderError(w, http.StatusBadRequest, "Authorization expired", "Start again from the application.")
		return
	}
	if !strings.EqualFold(r.PostForm.Get("decision"), "accept") {
		redirectWith(w, r, p.RedirectURI, url.Values{"error": {"access_denied"},
			"error_description": {"The user declined the authorization request"}, "state": {p.State}})
		return
	}
	code := randomToken("")
	s.mu.Lock()
	s.oauth.codes[code] = &authCode{ClientID: p.ClientID, RedirectURI: p.RedirectURI, UserID: uid,
		Scopes: p.Scopes, Audience: p.Audience, ExpiresAt: s.now().Add(authCodeTTL)}
	s.mu.Unlock()
	redirectWith(w, r, p.RedirectURI, url.Values{"code": {code}, "state": {p.State}})
}

type tokenResponse struct {
	AccessToken  string `json:"access_token"`
	RefreshToken string `json:"refresh_token,omitempty"`
	TokenType    string `json:"token_type"`
	Scope        string `json:"scope"`
	ExpiresIn    int    `json:"expires_in"`
}

func oauthError(w http.ResponseWriter, status int, code, desc string) {
	w.Header().Set("Cache-Control", "no-store")
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(map[string]string{"error": code, "error_description": desc})
}

// handleToken is POST /oauth/token for authorization_code and refresh_token grants.
func (s *Sandbox) handleToken(w http.ResponseWriter, r *http.Request) {
	form := url.Values{}
	if strings.HasPrefix(r.Header.Get("Content-Type"), "application/json") {
		var m map[string]any
		if err := readJSON(r, &m); err != nil {
			oauthError(w, http.StatusBadRequest, "invalid_request", err.Error())
			return
		}
		for k, v := range m {
			if str, ok := v.(string); ok {
				form.Set(k, str)
			}
		}
	} else {
		if err := r.ParseForm(); err != nil {
			oauthError(w, http.StatusBadRequest, "invalid_request", "malformed form body")
			return
		}
		form = r.PostForm
	}
	clientID, secret := form.Get("client_id"), form.Get("client_secret")
	if id, sec, ok := r.BasicAuth(); ok {
		clientID, secret = id, sec
	}
	app := s.app(clientID)
	if app == nil || subtle.ConstantTimeCompare([]byte(secret), []byte(app.ClientSecret)) != 1 {
		oauthError(w, http.StatusUnauthorized, "invalid_client", "Unknown client or wrong client secret")
		return
	}
	switch form.Get("grant_type") {
	case "authorization_code":
		s.exchangeCode(w, app, form)
	case "refresh_token":
		s.refreshGrant(w, app, form)
	case "":
		oauthError(w, http.StatusBadRequest, "invalid_request", "grant_type is required")
	default:
		oauthError(w, http.StatusBadRequest, "unsupported_grant_type", "grant_type must be authorization_code or refresh_token")
	}
}

func (s *Sandbox) exchangeCode(w http.ResponseWriter, app *OAuthApp, form url.Values) {
	s.mu.Lock()
	defer s.mu.Unlock()
	c := s.oauth.codes[form.Get("code")]
	now := s.now()
	switch {
	case form.Get("code") == "" || c == nil:
		oauthError(w, http.StatusForbidden, "invalid_grant", "Invalid authorization code")
	case c.Used:
		oauthError(w, http.StatusForbidden, "invalid_grant", "Invalid authorization code (already used)")
	case now.After(c.ExpiresAt):
		oauthError(w, http.StatusForbidden, "invalid_grant", "Authorization code expired")
	case c.ClientID != app.ClientID:
		oauthError(w, http.StatusForbidden, "invalid_grant", "Authorization code was issued to another client")
	case c.RedirectURI != form.Get("redirect_uri"):
		oauthError(w, http.StatusForbidden, "invalid_grant", "redirect_uri does not match the one used to authorize")
	default:
		c.Used = true
		g := &Grant{ID: s.newID(), ClientID: app.ClientID, UserID: c.UserID, Scopes: c.Scopes,
			Audience: c.Audience, CreatedAt: now, LastUsedAt: now}
		s.oauth.grants[g.ID] = g
		resp := s.issueTokens(g, now)
		w.Header().Set("Cache-Control", "no-store")
		writeJSON(w, http.StatusOK, resp)
		return
	}
}

// issueTokens mints an access token and, with offline_access, a new refresh
// token that replaces the grant's previous one (rotation). Caller holds s.mu.
func (s *Sandbox) issueTokens(g *Grant, now time.Time) tokenResponse {
	at := randomToken("sbx_at_")
	s.oauth.access[at] = &accessToken{GrantID: g.ID, ExpiresAt: now.Add(accessTokenTTL)}
	resp := tokenResponse{AccessToken: at, TokenType: "Bearer", Scope: strings.Join(g.Scopes, " "), ExpiresIn: int(accessTokenTTL / time.Second)}
	if containsStr(g.Scopes, "offline_access") {
		if g.RefreshToken != "" {
			delete(s.oauth.refresh, g.RefreshToken)
		}
		g.RefreshToken = randomToken("v1.")
		s.oauth.refresh[g.RefreshToken] = g.ID
		resp.RefreshToken = g.RefreshToken
	}
	return resp
}

func (s *Sandbox) refreshGrant(w http.ResponseWriter, app *OAuthApp, form url.Values) {
	s.mu.Lock()
	defer s.mu.Unlock()
	now := s.now()
	rt := form.Get("refresh_token")
	g := s.oauth.grants[s.oauth.refresh[rt]]
	switch {
	case rt == "" || g == nil:
		oauthError(w, http.StatusForbidden, "invalid_grant", "Unknown or invalid refresh token")
	case g.ClientID != app.ClientID:
		oauthError(w, http.StatusForbidden, "invalid_grant", "Refresh token was issued to another client")
	case g.Revoked:
		oauthError(w, http.StatusForbidden, "invalid_grant", "The grant was revoked")
	case now.Sub(g.CreatedAt) > refreshTokenMaxAge || now.Sub(g.LastUsedAt) > refreshTokenIdleTTL:
		oauthError(w, http.StatusForbidden, "invalid_grant", "Refresh token expired")
	default:
		g.LastUsedAt = now
		resp := s.issueTokens(g, now)
		w.Header().Set("Cache-Control", "no-store")
		writeJSON(w, http.StatusOK, resp)
	}
}

// principalForAccessToken resolves a bearer token, or returns the 401 message.
func (s *Sandbox) principalForAccessToken(tok string) (*principal, string) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	at := s.oauth.access[tok]
	if at == nil {
		return nil, "Invalid access token"
	}
	if !s.now().Before(at.ExpiresAt) {
		return nil, "Access token expired"
	}
	g := s.oauth.grants[at.GrantID]
	if g == nil || g.Revoked {
		return nil, "Access token revoked"
	}
	p := &principal{bucket: "grant:" + g.ID, scopes: map[string]bool{}, userID: g.UserID, grantID: g.ID}
	for _, sc := range g.Scopes {
		p.scopes[sc] = true
	}
	return p, ""
}

// Revoke revokes every grant of an OAuth app, as "Revoke access" does on
// Lever's Authorized Apps page. API calls then get 401 and refreshes invalid_grant.
func (s *Sandbox) Revoke(clientID string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	n := 0
	for _, g := range s.oauth.grants {
		if g.ClientID == clientID && !g.Revoked {
			g.Revoked = true
			n++
		}
	}
	return n
}

// ExpireAllTokens makes every issued access token expired now; refresh tokens still work.
func (s *Sandbox) ExpireAllTokens() {
	s.mu.Lock()
	defer s.mu.Unlock()
	now := s.now()
	for _, at := range s.oauth.access {
		at.ExpiresAt = now
	}
}

// Grants lists the OAuth grants, oldest first.
func (s *Sandbox) Grants() []Grant {
	s.mu.RLock()
	defer s.mu.RUnlock()
	out := make([]Grant, 0, len(s.oauth.grants))
	for _, g := range s.oauth.grants {
		c := *g
		c.Scopes = append([]string{}, g.Scopes...)
		out = append(out, c)
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].CreatedAt.Equal(out[j].CreatedAt) {
			return out[i].ID < out[j].ID
		}
		return out[i].CreatedAt.Before(out[j].CreatedAt)
	})
	return out
}

// sweepOAuth forgets abandoned sign-ins, dead codes and long-expired access
// tokens, so a long-running demo does not grow without bound. Caller holds s.mu.
func (s *Sandbox) sweepOAuth(now time.Time) {
	for id, p := range s.oauth.pending {
		if now.Sub(p.Created) > time.Hour {
			delete(s.oauth.pending, id)
		}
	}
	for c, ac := range s.oauth.codes {
		if now.After(ac.ExpiresAt) {
			delete(s.oauth.codes, c)
		}
	}
	for t, at := range s.oauth.access {
		if now.Sub(at.ExpiresAt) > 24*time.Hour {
			delete(s.oauth.access, t)
		}
	}
}
