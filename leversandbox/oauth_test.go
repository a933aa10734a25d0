package leversandbox

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"
)

// testClock is a settable clock for Config.Now.
type testClock struct {
	mu sync.Mutex
	t  time.Time
}

func newTestClock() *testClock { return &testClock{t: time.Date(2026, 12, 4, 12, 0, 0, 0, time.UTC)} }

func (c *testClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *testClock) Advance(d time.Duration) {
	c.mu.Lock()
	c.t = c.t.Add(d)
	c.mu.Unlock()
}

const testRedirect = "http://127.0.0.1:9999/integrations/lever/callback"

// browser drives the sign-in and consent pages like a person would.
type browser struct {
	t  *testing.T
	hc *http.Client
}

func newBrowser(t *testing.T) *browser {
	jar, _ := cookiejar.New(nil)
	return &browser{t: t, hc: &http.Client{Jar: jar, Timeout: 10 * time.Second,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}}
}

var txnField = regexp.MustCompile(`name="txn" value="([^"]+)"`)

func (b *browser) send(method, u string, form url.Values) (*http.Response, string) {
	b.t.Helper()
	var resp *http.Response
	var err error
	if method == "GET" {
		resp, err = b.hc.Get(u)
	} else {
		resp, err = b.hc.PostForm(u, form)
	}
	if err != nil {
		b.t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return resp, string(body)
}

func authorizeParams(scope string) url.Values {
	return url.Values{"client_id": {DefaultClientID}, "redirect_uri": {testRedirect}, "state": {"st-123"},
		"response_type": {"code"}, "scope": {scope}, "audience": {"https://api.lever.co/v1/"}, "prompt": {"consent"}}
}

// authorize runs GET /authorize → sign in → consent and returns the redirect.
func (b *browser) authorize(base string, params url.Values, decision string) *url.URL {
	b.t.Helper()
	resp, page := b.send("GET", base+"/authorize?"+params.Encode(), nil)
	if resp.StatusCode != 200 {
		b.t.Fatalf("authorize: %d %s", resp.StatusCode, page)
	}
	m := txnField.FindStringSubmatch(page)
	if m == nil {
		b.t.Fatalf("no txn in page: %s", page)
	}
	if strings.Contains(page, `name="password"`) {
		resp, page = b.send("POST", base+"/authorize/signin", url.Values{"txn": {m[1]}, "email": {DefaultAdminEmail}, "password": {DefaultAdminPassword}})
		if resp.StatusCode != 200 {
			b.t.Fatalf("sign in: %d %s", resp.StatusCode, page)
		}
	}
	for _, label := range []string{">Accept</button>", ">Decline</button>"} {
		if !strings.Contains(page, label) {
			b.t.Fatalf("consent page lacks %s: %s", label, page)
		}
	}
	resp, page = b.send("POST", base+"/authorize/decision", url.Values{"txn": {m[1]}, "decision": {decision}})
	if resp.StatusCode != http.StatusFound {
		b.t.Fatalf("decision: %d %s", resp.StatusCode, page)
	}
	loc, err := url.Parse(resp.Header.Get("Location"))
	if err != nil {
		b.t.Fatal(err)
	}
	return loc
}

type tokenResult struct {
	status int
	tokenResponse
	Error string `json:"error"`
	raw   []byte
}

func postToken(t *testing.T, base string, form url.Values) tokenResult {
	t.Helper()
	resp, err := http.PostForm(base+"/oauth/token", form)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var r tokenResult
	r.status = resp.StatusCode
	r.raw, _ = io.ReadAll(resp.Body)
	_ = json.Unmarshal(r.raw, &r)
	return r
}

func exchange(t *testing.T, base, code, redirect, secret string) tokenResult {
	return postToken(t, base, url.Values{"grant_type": {"authorization_code"}, "client_id": {DefaultClientID},
		"client_secret": {secret}, "code": {code}, "redirect_uri": {redirect}})
}

func refresh(t *testing.T, base, rt string) tokenResult {
	return postToken(t, base, url.Values{"grant_type": {"refresh_token"}, "client_id": {DefaultClientID},
		"client_secret": {DefaultClientSecret}, "refresh_token": {rt}})
}

func bearerStatus(t *testing.T, base, token, path string) int {
	c := &apiClient{t: t, base: base, bearer: token, hc: http.DefaultClient}
	st, _ := c.do("GET", path, nil)
	return st
}

const fullScope = "offline_access opportunities:read:admin opportunities:write:admin notes:write:admin postings:read:admin"

func TestOAuthHappyPathAndRotation(t *testing.T) {
	t.Parallel()
	clock := newTestClock()
	sb, srv := NewTestServer(t, Config{Seed: 1, Postings: 2, CandidatesPerPosting: 5, RateLimit: Bool(false), Now: clock.Now})
	loc := newBrowser(t).authorize(srv.URL, authorizeParams(fullScope), "accept")
	if got := loc.Query().Get("state"); got != "st-123" {
		t.Fatalf("state %q", got)
	}
	code := loc.Query().Get("code")
	if code == "" || !strings.HasPrefix(loc.String(), testRedirect) {
		t.Fatalf("redirect %s", loc)
	}
	tok := exchange(t, srv.URL, code, testRedirect, DefaultClientSecret)
	if tok.status != 200 || tok.AccessToken == "" || tok.RefreshToken == "" || tok.TokenType != "Bearer" || tok.ExpiresIn != 3600 || tok.Scope != fullScope {
		t.Fatalf("token: %d %s", tok.status, tok.raw)
	}
	if dir := findRecordings(); dir != "" {
		for _, f := range []string{"token-response.json", "token-refresh-response.json"} {
			var got any
			_ = json.Unmarshal(tok.raw, &got)
			for _, d := range compareShape("", shapeOf(loadRecording(t, dir, f).Response.Body), got, nil) {
				t.Errorf("%s: %s", f, d)
			}
		}
	}
	if st := bearerStatus(t, srv.URL, tok.AccessToken, "/v1/opportunities"); st != 200 {
		t.Fatalf("API with access token: %d", st)
	}
	if len(sb.Grants()) != 1 || sb.Grants()[0].UserID != sb.AdminUser().ID {
		t.Fatalf("grants %+v", sb.Grants())
	}

	// The access token lasts an hour.
	clock.Advance(time.Hour + time.Second)
	if st := bearerStatus(t, srv.URL, tok.AccessToken, "/v1/opportunities"); st != 401 {
		t.Fatalf("expired access token: %d", st)
	}
	// Refresh rotates: new tokens work, the old refresh token is dead.
	r1 := refresh(t, srv.URL, tok.RefreshToken)
	if r1.status != 200 || r1.RefreshToken == "" || r1.RefreshToken == tok.RefreshToken {
		t.Fatalf("refresh: %d %s", r1.status, r1.raw)
	}
	if st := bearerStatus(t, srv.URL, r1.AccessToken, "/v1/opportunities"); st != 200 {
		t.Fatalf("refreshed token: %d", st)
	}
	if old := refresh(t, srv.URL, tok.RefreshToken); old.status == 200 || old.Error != "invalid_grant" {
		t.Fatalf("old refresh token still works: %d %s", old.status, old.raw)
	}
	// ExpireAllTokens kills access tokens but not the refresh token.
	sb.ExpireAllTokens()
	if st := bearerStatus(t, srv.URL, r1.AccessToken, "/v1/opportunities"); st != 401 {
		t.Fatalf("after ExpireAllTokens: %d", st)
	}
	r2 := refresh(t, srv.URL, r1.RefreshToken)
	if r2.status != 200 {
		t.Fatalf("refresh after expire-all: %d %s", r2.status, r2.raw)
	}
	// 90 days unused: the refresh token expires.
	clock.Advance(91 * 24 * time.Hour)
	if r3 := refresh(t, srv.URL, r2.RefreshToken); r3.Error != "invalid_grant" {
		t.Fatalf("idle refresh token: %d %s", r3.status, r3.raw)
	}
}

func TestOAuthErrors(t *testing.T) {
	t.Parallel()
	clock := newTestClock()
	sb, srv := NewTestServer(t, Config{Seed: 1, Postings: 2, CandidatesPerPosting: 5, RateLimit: Bool(false), Now: clock.Now})
	b := newBrowser(t)
	newCode := func() string {
		return b.authorize(srv.URL, authorizeParams(fullScope), "accept").Query().Get("code")
	}

	t.Run("decline", func(t *testing.T) {
		loc := b.authorize(srv.URL, authorizeParams(fullScope), "decline")
		if loc.Query().Get("error") != "access_denied" || loc.Query().Get("state") != "st-123" || loc.Query().Get("code") != "" {
			t.Fatalf("decline redirect %s", loc)
		}
	})
	t.Run("reused code", func(t *testing.T) {
		code := newCode()
		if r := exchange(t, srv.URL, code, testRedirect, DefaultClientSecret); r.status != 200 {
			t.Fatalf("first use: %d %s", r.status, r.raw)
		}
		if r := exchange(t, srv.URL, code, testRedirect, DefaultClientSecret); r.Error != "invalid_grant" {
			t.Fatalf("second use: %d %s", r.status, r.raw)
		}
	})
	t.Run("wrong redirect", func(t *testing.T) {
		if r := exchange(t, srv.URL, newCode(), "http://127.0.0.1:9999/other", DefaultClientSecret); r.Error != "invalid_grant" {
			t.Fatalf("%d %s", r.status, r.raw)
		}
	})
	t.Run("wrong secret", func(t *testing.T) {
		if r := exchange(t, srv.URL, newCode(), testRedirect, "nope"); r.status != 401 || r.Error != "invalid_client" {
			t.Fatalf("%d %s", r.status, r.raw)
		}
	})
	t.Run("expired code", func(t *testing.T) {
		code := newCode()
		clock.Advance(authCodeTTL + time.Second)
		if r := exchange(t, srv.URL, code, testRedirect, DefaultClientSecret); r.Error != "invalid_grant" {
			t.Fatalf("%d %s", r.status, r.raw)
		}
	})
	t.Run("bad grant type", func(t *testing.T) {
		r := postToken(t, srv.URL, url.Values{"grant_type": {"password"}, "client_id": {DefaultClientID}, "client_secret": {DefaultClientSecret}})
		if r.status != 400 || r.Error != "unsupported_grant_type" {
			t.Fatalf("%d %s", r.status, r.raw)
		}
	})
	t.Run("unknown client and foreign redirect are not redirected", func(t *testing.T) {
		for _, p := range []url.Values{
			func() url.Values { p := authorizeParams(fullScope); p.Set("client_id", "evil"); return p }(),
			func() url.Values {
				p := authorizeParams(fullScope)
				p.Set("redirect_uri", "https://evil.example/cb")
				return p
			}(),
		} {
			resp, _ := b.send("GET", srv.URL+"/authorize?"+p.Encode(), nil)
			if resp.StatusCode != 400 || resp.Header.Get("Location") != "" {
				t.Errorf("%v: %d %s", p, resp.StatusCode, resp.Header.Get("Location"))
			}
		}
	})
	t.Run("unknown scope", func(t *testing.T) {
		p := authorizeParams("opportunities:read:admin candidates:read:admin")
		resp, _ := b.send("GET", srv.URL+"/authorize?"+p.Encode(), nil)
		loc, _ := url.Parse(resp.Header.Get("Location"))
		if resp.StatusCode != 302 || loc.Query().Get("error") != "invalid_scope" || loc.Query().Get("state") != "st-123" {
			t.Fatalf("%d %s", resp.StatusCode, loc)
		}
	})
	t.Run("wrong password", func(t *testing.T) {
		fresh := newBrowser(t)
		_, page := fresh.send("GET", srv.URL+"/authorize?"+authorizeParams(fullScope).Encode(), nil)
		txn := txnField.FindStringSubmatch(page)[1]
		resp, page := fresh.send("POST", srv.URL+"/authorize/signin", url.Values{"txn": {txn}, "email": {DefaultAdminEmail}, "password": {"wrong"}})
		if resp.StatusCode != 401 || !strings.Contains(page, "Wrong email or password") {
			t.Fatalf("%d %s", resp.StatusCode, page)
		}
	})
	t.Run("scopes", func(t *testing.T) {
		code := b.authorize(srv.URL, authorizeParams("opportunities:read:admin"), "accept").Query().Get("code")
		r := exchange(t, srv.URL, code, testRedirect, DefaultClientSecret)
		if r.RefreshToken != "" {
			t.Fatal("refresh token without offline_access")
		}
		c := &apiClient{t: t, base: srv.URL, bearer: r.AccessToken, hc: http.DefaultClient}
		opp := sb.Opportunities("")[0].ID
		var confOpp string
		for _, o := range sb.Opportunities("") {
			if o.Confidentiality == "confidential" {
				confOpp = o.ID
			}
		}
		if confOpp == "" {
			t.Fatal("no confidential opportunity in the seed")
		}
		for _, tc := range []struct {
			method, path string
			body         any
			want         int
		}{
			{"GET", "/v1/opportunities", nil, 200},
			{"GET", "/v1/opportunities/" + opp, nil, 200},
			{"GET", "/v1/users", nil, 403},
			{"POST", "/v1/opportunities/" + opp + "/notes", map[string]any{"value": "x"}, 403},
			{"PUT", "/v1/opportunities/" + opp + "/stage", map[string]any{"stage": "offer"}, 403},
			{"GET", "/v1/opportunities?confidentiality=all", nil, 403},
			{"GET", "/v1/opportunities/" + confOpp, nil, 403},
		} {
			if st, body := c.do(tc.method, tc.path, tc.body); st != tc.want {
				t.Errorf("%s %s: %d, want %d: %s", tc.method, tc.path, st, tc.want, body)
			}
		}
		if len(sb.Notes(opp)) != 0 {
			t.Fatal("a forbidden write was applied")
		}
	})
	t.Run("wrong audience grants only offline_access", func(t *testing.T) {
		p := authorizeParams(fullScope)
		p.Set("audience", "https://api.example.com/")
		code := b.authorize(srv.URL, p, "accept").Query().Get("code")
		r := exchange(t, srv.URL, code, testRedirect, DefaultClientSecret)
		if r.Scope != "offline_access" {
			t.Fatalf("scope %q", r.Scope)
		}
		if st := bearerStatus(t, srv.URL, r.AccessToken, "/v1/opportunities"); st != 403 {
			t.Fatalf("status %d", st)
		}
	})
	t.Run("sandbox audience accepted", func(t *testing.T) {
		p := authorizeParams(fullScope)
		p.Set("audience", "https://api.sandbox.lever.co/v1/")
		code := b.authorize(srv.URL, p, "accept").Query().Get("code")
		if r := exchange(t, srv.URL, code, testRedirect, DefaultClientSecret); r.Scope != fullScope {
			t.Fatalf("scope %q", r.Scope)
		}
	})
}

func TestOAuthRevoke(t *testing.T) {
	t.Parallel()
	sb, srv := NewTestServer(t, Config{Seed: 1, Postings: 2, CandidatesPerPosting: 5, RateLimit: Bool(false)})
	b := newBrowser(t)
	code := b.authorize(srv.URL, authorizeParams(fullScope), "accept").Query().Get("code")
	tok := exchange(t, srv.URL, code, testRedirect, DefaultClientSecret)

	// The Authorized Apps tab lists the app with a "Revoke access" button.
	_, page := b.send("GET", srv.URL+"/settings/integrations?tab=authorized-apps", nil)
	if !strings.Contains(page, "SkillKeepr") || !strings.Contains(page, ">Revoke access</button>") {
		t.Fatalf("authorized apps page: %s", page)
	}
	resp, _ := b.send("POST", srv.URL+"/settings/integrations/authorized-apps/revoke", url.Values{"client_id": {DefaultClientID}})
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("revoke: %d", resp.StatusCode)
	}
	if st := bearerStatus(t, srv.URL, tok.AccessToken, "/v1/opportunities"); st != 401 {
		t.Fatalf("revoked access token: %d", st)
	}
	if r := refresh(t, srv.URL, tok.RefreshToken); r.Error != "invalid_grant" {
		t.Fatalf("revoked refresh: %d %s", r.status, r.raw)
	}
	if g := sb.Grants(); len(g) != 1 || !g[0].Revoked {
		t.Fatalf("grants %+v", g)
	}
	_, page = b.send("GET", srv.URL+"/settings/integrations?tab=authorized-apps", nil)
	if strings.Contains(page, "Revoke access") {
		t.Fatal("revoked app still listed")
	}
}
