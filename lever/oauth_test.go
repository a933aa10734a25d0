package lever

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// fakeAuth is a hand-written OAuth token endpoint that rotates refresh tokens.
type fakeAuth struct {
	t        *testing.T
	mu       sync.Mutex
	refresh  string // the one valid refresh token
	access   string // the one valid access token
	n        int
	calls    atomic.Int64
	revoked  bool
	lastForm url.Values
}

func (f *fakeAuth) serveToken(w http.ResponseWriter, r *http.Request) {
	f.calls.Add(1)
	if ct := r.Header.Get("Content-Type"); ct != "application/x-www-form-urlencoded" {
		f.t.Errorf("token endpoint content type %q", ct)
	}
	if err := r.ParseForm(); err != nil {
		f.t.Error(err)
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	f.lastForm = r.PostForm
	if r.PostForm.Get("client_id") != "cid" || r.PostForm.Get("client_secret") != "secret" {
		writeRaw(w, 401, `{"error":"invalid_client"}`)
		return
	}
	switch r.PostForm.Get("grant_type") {
	case "authorization_code":
		if r.PostForm.Get("code") != "good-code" || r.PostForm.Get("redirect_uri") != "https://sk.example/cb" {
			writeRaw(w, 403, `{"error":"invalid_grant","error_description":"bad code"}`)
			return
		}
	case "refresh_token":
		if f.revoked || r.PostForm.Get("refresh_token") != f.refresh {
			writeRaw(w, 403, `{"error":"invalid_grant","error_description":"Unknown or invalid refresh token."}`)
			return
		}
	default:
		writeRaw(w, 400, `{"error":"unsupported_grant_type"}`)
		return
	}
	f.n++
	f.access = "access-" + string(rune('a'+f.n))
	f.refresh = "v1.refresh-" + string(rune('a'+f.n))
	writeJSON(w, 200, map[string]any{
		"access_token": f.access, "refresh_token": f.refresh, "token_type": "Bearer",
		"scope": "opportunities:read:admin offline_access", "expires_in": 3600,
	})
}

func (f *fakeAuth) validAccess() string {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.revoked {
		return ""
	}
	return f.access
}

// oauthEnv serves the token endpoint at /oauth/token and an API at /v1 that accepts
// only the current access token (or, with api401, never).
func oauthEnv(t *testing.T, api401 bool) (*fakeAuth, *httptest.Server, *OAuthConfig) {
	f := &fakeAuth{t: t, refresh: "v1.refresh-0", access: "access-0"}
	mux := http.NewServeMux()
	mux.HandleFunc("POST /oauth/token", f.serveToken)
	mux.HandleFunc("/v1/", func(w http.ResponseWriter, r *http.Request) {
		if api401 || r.Header.Get("Authorization") != "Bearer "+f.validAccess() {
			writeRaw(w, 401, `{"code":"Unauthorized","message":"invalid token"}`)
			return
		}
		writeRaw(w, 200, oppJSON)
	})
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	cfg := &OAuthConfig{
		ClientID: "cid", ClientSecret: "secret",
		AuthURL: srv.URL + "/authorize", TokenURL: srv.URL + "/oauth/token",
		RedirectURL: "https://sk.example/cb", Audience: "https://api.lever.co/v1/",
		Scopes: []string{"opportunities:read:admin", "notes:write:admin"},
	}
	return f, srv, cfg
}

func TestAuthCodeURL(t *testing.T) {
	t.Parallel()
	cfg := &OAuthConfig{ClientID: "cid", AuthURL: ProductionAuthURL, RedirectURL: "https://sk.example/cb",
		Audience: ProductionAudience, Scopes: []string{"opportunities:read:admin"}}
	u, err := url.Parse(cfg.AuthCodeURL("st-123"))
	if err != nil {
		t.Fatal(err)
	}
	q := u.Query()
	want := map[string]string{
		"client_id": "cid", "redirect_uri": "https://sk.example/cb", "response_type": "code", "state": "st-123",
		"audience": "https://api.lever.co/v1/", "scope": "opportunities:read:admin offline_access", "prompt": "consent",
	}
	for k, v := range want {
		if q.Get(k) != v {
			t.Errorf("%s = %q, want %q", k, q.Get(k), v)
		}
	}
	if u.Scheme+"://"+u.Host+u.Path != ProductionAuthURL {
		t.Errorf("endpoint %s", u)
	}
	cfg.Scopes = []string{"offline_access", "notes:write:admin"}
	if got, _ := url.Parse(cfg.AuthCodeURL("s")); got.Query().Get("scope") != "offline_access notes:write:admin" {
		t.Errorf("offline_access duplicated: %q", got.Query().Get("scope"))
	}
}

func TestExchangeAndRefreshRotation(t *testing.T) {
	t.Parallel()
	f, _, cfg := oauthEnv(t, false)
	now := time.Date(2026, 5, 1, 12, 0, 0, 0, time.UTC)
	cfg.Now = func() time.Time { return now }
	ctx := context.Background()

	tok, err := cfg.Exchange(ctx, "good-code")
	if err != nil {
		t.Fatal(err)
	}
	if tok.AccessToken != "access-b" || tok.RefreshToken != "v1.refresh-b" || !tok.Expiry.Equal(now.Add(time.Hour)) ||
		tok.Scope != "opportunities:read:admin offline_access" {
		t.Fatalf("Exchange = %+v", tok)
	}
	if f.lastForm.Get("grant_type") != "authorization_code" {
		t.Fatalf("form %v", f.lastForm)
	}
	if _, err := cfg.Exchange(ctx, "bad-code"); !errors.Is(err, ErrRevoked) {
		t.Fatalf("bad code: %v", err)
	}

	tok2, err := cfg.Refresh(ctx, tok.RefreshToken)
	if err != nil {
		t.Fatal(err)
	}
	if tok2.RefreshToken == tok.RefreshToken || tok2.RefreshToken != "v1.refresh-c" {
		t.Fatalf("refresh token not rotated: %+v", tok2)
	}
	// The old refresh token is dead now: invalid_grant → ErrRevoked.
	_, err = cfg.Refresh(ctx, tok.RefreshToken)
	var oe *OAuthError
	if !errors.Is(err, ErrRevoked) || !errors.As(err, &oe) || oe.Code != "invalid_grant" {
		t.Fatalf("reused refresh token: %v", err)
	}
}

func TestRefreshKeepsOldTokenWhenNoneReturned(t *testing.T) {
	t.Parallel()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		writeRaw(w, 200, `{"access_token":"a2","token_type":"Bearer","expires_in":"3600"}`)
	}))
	t.Cleanup(srv.Close)
	cfg := &OAuthConfig{ClientID: "c", ClientSecret: "s", TokenURL: srv.URL}
	tok, err := cfg.Refresh(context.Background(), "r1")
	if err != nil || tok.RefreshToken != "r1" || tok.AccessToken != "a2" || tok.Expiry.IsZero() {
		t.Fatalf("Refresh = %+v, %v", tok, err)
	}
}

func TestTokenEndpointErrors(t *testing.T) {
	t.Parallel()
	tests := []struct {
		status int
		body   string
		want   error
	}{
		{403, `{"error":"invalid_grant","error_description":"revoked"}`, ErrRevoked},
		{400, `{"error":"invalid_grant"}`, ErrRevoked},
		{400, `{"error":"invalid_request"}`, ErrInvalid},
		{429, `{"error":"too_many_requests"}`, ErrRateLimited},
		{503, `<html>down</html>`, ErrUnavailable},
		{200, `{"error":"access_denied"}`, ErrRevoked},
	}
	for _, tt := range tests {
		t.Run(tt.body, func(t *testing.T) {
			t.Parallel()
			srv := httptest.NewServer(status(tt.status, tt.body))
			t.Cleanup(srv.Close)
			cfg := &OAuthConfig{ClientID: "c", ClientSecret: "s", TokenURL: srv.URL}
			if _, err := cfg.Refresh(context.Background(), "r"); !errors.Is(err, tt.want) {
				t.Fatalf("err = %v, want %v", err, tt.want)
			}
		})
	}
}

func TestOAuth401RefreshThenSuccess(t *testing.T) {
	t.Parallel()
	f, srv, cfg := oauthEnv(t, false)
	f.access = "access-current" // the client's "access-0" is stale
	var rotated []Token
	var mu sync.Mutex
	ts := NewOAuthTokenSource(cfg, Token{AccessToken: "access-0", RefreshToken: "v1.refresh-0", Expiry: time.Now().Add(time.Hour)},
		func(_ context.Context, t Token) error {
			mu.Lock()
			rotated = append(rotated, t)
			mu.Unlock()
			return nil
		})
	c, err := New(Config{BaseURL: srv.URL + "/v1", TokenSource: ts, Limiter: Unlimited})
	if err != nil {
		t.Fatal(err)
	}
	o, err := c.GetOpportunity(context.Background(), "opp-1")
	if err != nil || o.ID != "opp-1" {
		t.Fatalf("GetOpportunity = %v, %v", o, err)
	}
	if f.calls.Load() != 1 || len(rotated) != 1 || rotated[0].RefreshToken != "v1.refresh-b" {
		t.Fatalf("refreshes = %d, rotated = %+v", f.calls.Load(), rotated)
	}
	if cur := ts.Current(); cur.RefreshToken != "v1.refresh-b" || cur.AccessToken != "access-b" {
		t.Fatalf("current token %+v", cur)
	}
}

func TestOAuthConcurrent401sRefreshOnce(t *testing.T) {
	t.Parallel()
	f, srv, cfg := oauthEnv(t, false)
	f.access = "access-current"
	ts := NewOAuthTokenSource(cfg, Token{AccessToken: "access-0", RefreshToken: "v1.refresh-0"}, nil)
	c, err := New(Config{BaseURL: srv.URL + "/v1", TokenSource: ts, Limiter: Unlimited})
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	errs := make(chan error, 10)
	for range 10 {
		wg.Go(func() {
			_, err := c.GetOpportunity(context.Background(), "opp-1")
			errs <- err
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	if f.calls.Load() != 1 {
		t.Fatalf("token endpoint called %d times, want 1", f.calls.Load())
	}
}

func TestOAuth401AfterRefreshIsRevoked(t *testing.T) {
	t.Parallel()
	f, srv, cfg := oauthEnv(t, true)
	ts := NewOAuthTokenSource(cfg, Token{AccessToken: "access-0", RefreshToken: "v1.refresh-0"}, nil)
	c, err := New(Config{BaseURL: srv.URL + "/v1", TokenSource: ts, Limiter: Unlimited})
	if err != nil {
		t.Fatal(err)
	}
	_, err = c.GetOpportunity(context.Background(), "opp-1")
	var ae *APIError
	if !errors.Is(err, ErrRevoked) || !errors.As(err, &ae) || ae.Status != 401 {
		t.Fatalf("err = %v, want ErrRevoked from a 401", err)
	}
	if f.calls.Load() != 1 {
		t.Fatalf("refreshes = %d, want exactly 1", f.calls.Load())
	}
}

func TestOAuthInvalidGrantOnRefreshIsRevoked(t *testing.T) {
	t.Parallel()
	f, srv, cfg := oauthEnv(t, false)
	f.revoked = true
	ts := NewOAuthTokenSource(cfg, Token{AccessToken: "access-0", RefreshToken: "v1.refresh-0"}, nil)
	c, err := New(Config{BaseURL: srv.URL + "/v1", TokenSource: ts, Limiter: Unlimited})
	if err != nil {
		t.Fatal(err)
	}
	_, err = c.AddTags(context.Background(), "opp-1", []string{"t"}, "")
	if !errors.Is(err, ErrRevoked) {
		t.Fatalf("err = %v, want ErrRevoked", err)
	}
}

func TestOAuthExpiredTokenRefreshedBeforeUse(t *testing.T) {
	t.Parallel()
	f, srv, cfg := oauthEnv(t, false)
	ts := NewOAuthTokenSource(cfg, Token{AccessToken: "access-0", RefreshToken: "v1.refresh-0", Expiry: time.Now().Add(-time.Minute)}, nil)
	c, err := New(Config{BaseURL: srv.URL + "/v1", TokenSource: ts, Limiter: Unlimited,
		OnRequest: func(_, _ string, status int, _ time.Duration, _ int) {
			if status == 401 {
				t.Error("an expired token was sent")
			}
		}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.GetOpportunity(context.Background(), "opp-1"); err != nil {
		t.Fatal(err)
	}
	if f.calls.Load() != 1 {
		t.Fatalf("refreshes = %d", f.calls.Load())
	}
}

func TestOnRotateFailureFailsRefresh(t *testing.T) {
	t.Parallel()
	_, _, cfg := oauthEnv(t, false)
	ts := NewOAuthTokenSource(cfg, Token{RefreshToken: "v1.refresh-0"}, func(context.Context, Token) error {
		return errors.New("disk full")
	})
	if _, err := ts.Token(context.Background()); err == nil || !strings.Contains(err.Error(), "disk full") {
		t.Fatalf("err = %v", err)
	}
	if ts.Current().AccessToken != "" {
		t.Fatal("token kept although it could not be saved")
	}
}
