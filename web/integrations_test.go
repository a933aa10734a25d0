package web_test

import (
	"context"
	"io"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/skillkeepr/skillkeepr"
	"github.com/skillkeepr/skillkeepr/leversandbox"
	"github.com/skillkeepr/skillkeepr/leversync"
	"github.com/skillkeepr/skillkeepr/secret"
	"github.com/skillkeepr/skillkeepr/sqlstore"
	"github.com/skillkeepr/skillkeepr/web"
)

type leverEnv struct {
	*env
	sb    *leversandbox.Sandbox
	lever string
	conn  *leversync.Connector
	upd   *swapRegistrar
	push  *leversync.Pushes
}

// swapRegistrar lets a test replace the Lever updates registrar.
type swapRegistrar struct {
	p atomic.Pointer[leversync.Updates]
}

func (s *swapRegistrar) RegisterLeverUpdates(ctx context.Context) error {
	return s.p.Load().RegisterLeverUpdates(ctx)
}

// newLeverEnv is newEnv with the Lever integration wired to a sandbox over
// HTTP; clientID "" leaves signing in to Lever unconfigured.
func newLeverEnv(t *testing.T, engine, clientID string) *leverEnv {
	t.Helper()
	le := &leverEnv{}
	le.sb, _ = leversandbox.NewTestServer(t, leversandbox.Config{Postings: 2, CandidatesPerPosting: 6, RateLimit: leversandbox.Bool(false)})
	le.lever = le.sb.Config().BaseURL
	le.env = newEnvAPI(t, engine, nil, func(e *env, c *web.Config) {
		box, err := secret.New(secret.NewKey())
		if err != nil {
			t.Fatal(err)
		}
		e.store.SetCipher(box)
		le.conn, err = leversync.New(leversync.Config{Store: e.store, ClientID: clientID, ClientSecret: leversandbox.DefaultClientSecret,
			AuthURL: le.lever, APIURL: le.lever + "/v1", RedirectURL: e.ts.URL + leversync.CallbackPath})
		if err != nil {
			t.Fatal(err)
		}
		c.Lever = le.conn
		c.LeverJobs = leversync.NewJobs(le.conn, e.store)
		c.LeverImports = e.store
		c.LeverWebhooks = e.store
		le.upd = &swapRegistrar{}
		le.upd.p.Store(leversync.NewUpdates(le.conn, e.store, e.ts.URL, nil))
		c.LeverUpdates = le.upd
		le.push = leversync.NewPushes(le.conn, e.store, leversync.NewStageSync(le.conn, e.store), e.store.PushRatings())
		c.LeverPushes = le.push
	})
	return le
}

func forEachLeverEngine(t *testing.T, fn func(t *testing.T, e *leverEnv)) {
	for _, engine := range sqlstore.TestEngines() {
		t.Run(engine, func(t *testing.T) {
			t.Parallel()
			fn(t, newLeverEnv(t, engine, leversandbox.DefaultClientID))
		})
	}
}

// abs sends a request to an absolute address (Lever's pages) with the
// browser's cookie jar.
func (c *client) abs(method, u string, form url.Values) resp {
	c.t.Helper()
	var body io.Reader
	if form != nil {
		body = strings.NewReader(form.Encode())
	}
	req, err := http.NewRequest(method, u, body)
	if err != nil {
		c.t.Fatal(err)
	}
	if form != nil {
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	return c.do(req)
}

var txnRe = regexp.MustCompile(`name="txn" value="([^"]+)"`)

// connectAtLever clicks Connect → Confirm, signs in at Lever and Accepts
// (or Declines); it returns the address Lever sends the browser back to.
func (e *leverEnv) connectAtLever(c *client, accept bool) string {
	e.t.Helper()
	r := c.get("/integrations")
	wantStatus(e.t, r, http.StatusOK)
	wantContains(e.t, r, `href="/integrations/lever/connect"`, ">Connect<")
	r = c.get("/integrations/lever/connect")
	wantStatus(e.t, r, http.StatusOK)
	wantContains(e.t, r, ">Confirm<", "sign in to Lever")
	if csp := r.Header.Get("Content-Security-Policy"); !strings.Contains(csp, "form-action 'self' "+e.lever+";") {
		e.t.Errorf("the Confirm form cannot be sent on to Lever: CSP %q", csp)
	}
	r = c.post("/integrations/lever/connect", nil)
	wantStatus(e.t, r, http.StatusSeeOther)
	authorize := r.Header.Get("Location")
	if !strings.HasPrefix(authorize, e.lever+"/authorize?") {
		e.t.Fatalf("Confirm went to %q", authorize)
	}
	r = c.abs(http.MethodGet, authorize, nil)
	m := txnRe.FindStringSubmatch(r.body)
	if m == nil {
		e.t.Fatalf("Lever page:\n%s", r.body)
	}
	if strings.Contains(r.body, "Sign in to Lever") { // else still signed in at Lever
		r = c.abs(http.MethodPost, e.lever+"/authorize/signin", url.Values{"txn": {m[1]}, "email": {leversandbox.DefaultAdminEmail}, "password": {leversandbox.DefaultAdminPassword}})
	}
	wantContains(e.t, r, "Accept", "Decline")
	decision := "decline"
	if accept {
		decision = "accept"
	}
	r = c.abs(http.MethodPost, e.lever+"/authorize/decision", url.Values{"txn": {m[1]}, "decision": {decision}})
	back := r.Header.Get("Location")
	if r.StatusCode != http.StatusFound || !strings.HasPrefix(back, e.ts.URL+"/integrations/lever/callback?") {
		e.t.Fatalf("Lever sent the browser to %q (%d)", back, r.StatusCode)
	}
	return back
}

// follow opens the callback and then the page it redirects to.
func (e *leverEnv) follow(c *client, back string) resp {
	e.t.Helper()
	r := c.abs(http.MethodGet, back, nil)
	wantStatus(e.t, r, http.StatusSeeOther)
	if loc := r.Header.Get("Location"); loc != "/integrations" {
		e.t.Fatalf("callback redirected to %q", loc)
	}
	return c.get("/integrations")
}

func wantLeverStatus(t *testing.T, r resp, status string) {
	t.Helper()
	wantContains(t, r, `data-lever-status="`+status+`"`)
}

func TestLeverConnectFlow(t *testing.T) {
	t.Parallel()
	forEachLeverEngine(t, func(t *testing.T, e *leverEnv) {
		c := e.login(e.org.SuperAdmin)
		wantLeverStatus(t, c.get("/integrations"), "disconnected")
		back := e.connectAtLever(c, true)
		r := e.follow(c, back)
		wantLeverStatus(t, r, "connected")
		wantContains(t, r, "Lever is connected", ">Connected<", leversandbox.DefaultAdminEmail, e.org.SuperAdmin.Name, ">Disconnect<")
		// Connecting subscribes to Lever's updates straight away.
		wantContains(t, r, "Lever sends its updates to SkillKeepr as they happen.")
		if n := len(e.sb.Webhooks()); n != len(leversync.WebhookEvents) {
			t.Errorf("%d webhooks registered on connect, want %d", n, len(leversync.WebhookEvents))
		}
		card := regexp.MustCompile(`(?s)<section class="card integration".*?</section>`).FindString(r.body)
		text := regexp.MustCompile(`<[^>]*>`).ReplaceAllString(card, " ")
		for _, jargon := range []string{"OAuth", "oauth", "token", "401", "webhook"} {
			if strings.Contains(text, jargon) {
				t.Errorf("Integrations page says %q", jargon)
			}
		}

		// The token is stored, encrypted.
		cr, err := e.store.LeverCredentials(context.Background(), e.org.Org.ID)
		if err != nil {
			t.Fatal(err)
		}
		if cr.Token.AccessToken == "" || cr.Token.RefreshToken != e.sb.Grants()[0].RefreshToken {
			t.Fatalf("stored token %+v", cr.Token)
		}
		var access, refresh string
		if err := e.store.DB().QueryRowContext(context.Background(), `SELECT access_token_enc, refresh_token_enc FROM lever_connections`).Scan(&access, &refresh); err != nil {
			t.Fatal(err)
		}
		if strings.Contains(access+refresh, cr.Token.AccessToken) || strings.Contains(access+refresh, cr.Token.RefreshToken) {
			t.Fatal("the database holds the token in clear")
		}

		// The same answer again (used state) changes nothing.
		r = e.follow(c, back)
		wantContains(t, r, "Not done:", "already used")
		wantLeverStatus(t, r, "connected")

		// Another organisation never sees this connection.
		other := sqlstore.SeedTestOrg(t, e.store, "Globex")
		e.setPassword(other.SuperAdmin)
		oc := e.login(other.SuperAdmin)
		wantLeverStatus(t, oc.get("/integrations"), "disconnected")

		// Disconnect, with a confirmation.
		r = c.get("/integrations/lever/disconnect")
		wantStatus(t, r, http.StatusOK)
		wantContains(t, r, "Disconnect Lever?", "Yes, disconnect Lever")
		r = c.post("/integrations/lever/disconnect", nil)
		wantStatus(t, r, http.StatusSeeOther)
		wantLeverStatus(t, c.get("/integrations"), "connected")
		r = c.post("/integrations/lever/disconnect", url.Values{"confirm": {"yes"}})
		wantStatus(t, r, http.StatusSeeOther)
		r = c.get("/integrations")
		wantLeverStatus(t, r, "disconnected")
		wantContains(t, r, "Lever is disconnected")
	})
}

func TestLeverDeclineAndForeignState(t *testing.T) {
	t.Parallel()
	forEachLeverEngine(t, func(t *testing.T, e *leverEnv) {
		c := e.login(e.org.SuperAdmin)
		r := e.follow(c, e.connectAtLever(c, false))
		wantLeverStatus(t, r, "disconnected")
		wantContains(t, r, "Not done:", "declined in Lever", "Nothing was changed")

		// Another Super Admin's browser cannot finish this person's Connect.
		second, err := e.svc.Users.CreateUser(context.Background(), skillkeepr.UserCreate{OrgID: e.org.Org.ID, Email: "second@acme.test",
			Name: "Sam Second", Role: skillkeepr.RoleSuperAdmin, PasswordHash: "x"})
		if err != nil {
			t.Fatal(err)
		}
		e.setPassword(second)
		back := e.connectAtLever(c, true)
		sc := e.login(second)
		r = e.follow(sc, back)
		wantLeverStatus(t, r, "disconnected")
		wantContains(t, r, "belongs to another sign-in")
		// Nor can a forged or missing state.
		r = e.follow(c, e.ts.URL+"/integrations/lever/callback?code=abc&state=forged")
		wantLeverStatus(t, r, "disconnected")
		r = e.follow(c, e.ts.URL+"/integrations/lever/callback?code=abc")
		wantLeverStatus(t, r, "disconnected")
		// The owner still can.
		r = e.follow(c, back)
		wantLeverStatus(t, r, "connected")
	})
}

func TestLeverAPIKey(t *testing.T) {
	t.Parallel()
	forEachLeverEngine(t, func(t *testing.T, e *leverEnv) {
		c := e.login(e.org.SuperAdmin)
		r := c.get("/integrations")
		wantContains(t, r, `href="/integrations/lever/api-key"`, "Use an API key instead")
		wantStatus(t, c.get("/integrations/lever/api-key"), http.StatusOK)
		r = c.post("/integrations/lever/api-key", url.Values{"api_key": {"not-the-key"}})
		wantStatus(t, r, http.StatusBadRequest)
		wantContains(t, r, "Lever did not accept this key")
		wantLeverStatus(t, c.get("/integrations"), "disconnected")
		r = c.post("/integrations/lever/api-key", url.Values{"api_key": {leversandbox.DefaultAPIKey}})
		wantStatus(t, r, http.StatusSeeOther)
		r = c.get("/integrations")
		wantLeverStatus(t, r, "connected")
		wantContains(t, r, "With a Lever API key")
		var raw string
		if err := e.store.DB().QueryRowContext(context.Background(), `SELECT api_key_enc FROM lever_connections`).Scan(&raw); err != nil {
			t.Fatal(err)
		}
		if raw == "" || strings.Contains(raw, leversandbox.DefaultAPIKey) {
			t.Fatalf("stored API key %q", raw)
		}
	})
}

func TestLeverRevokedInLever(t *testing.T) {
	t.Parallel()
	forEachLeverEngine(t, func(t *testing.T, e *leverEnv) {
		c := e.login(e.org.SuperAdmin)
		e.follow(c, e.connectAtLever(c, true))
		if n := e.sb.Revoke(leversandbox.DefaultClientID); n != 1 {
			t.Fatalf("revoked %d grants", n)
		}
		if err := e.conn.CheckAll(context.Background()); err != nil {
			t.Fatal(err)
		}
		r := c.get("/integrations")
		wantLeverStatus(t, r, "revoked")
		wantContains(t, r, "Access was revoked in Lever on", "Lever updates are paused. Connect again to resume.", ">Connect<")
		// Super Admins see a notice on every page; others do not.
		wantContains(t, c.get("/jobs"), `class="flash flash-error lever-revoked"`, "Access was revoked in Lever")
		hr := e.login(e.org.RecruiterAdmin)
		if strings.Contains(hr.get("/jobs").body, "lever-revoked") {
			t.Error("a Recruiter Admin sees the Lever notice")
		}
		// Connect again.
		r = e.follow(c, e.connectAtLever(c, true))
		wantLeverStatus(t, r, "connected")
		if strings.Contains(c.get("/jobs").body, "lever-revoked") {
			t.Error("the notice stays after reconnecting")
		}
	})
}

func TestLeverRoutesForOtherRoles(t *testing.T) {
	t.Parallel()
	forEachLeverEngine(t, func(t *testing.T, e *leverEnv) {
		gets := []string{"/integrations", "/integrations/lever/connect", "/integrations/lever/callback?state=x&code=y",
			"/integrations/lever/api-key", "/integrations/lever/disconnect"}
		posts := []string{"/integrations/lever/connect", "/integrations/lever/api-key", "/integrations/lever/disconnect", "/integrations/lever/updates"}
		for _, u := range []*skillkeepr.User{e.org.RecruiterAdmin, e.org.Recruiter, e.org.Collaborator} {
			c := e.login(u)
			if strings.Contains(c.get("/").body, `href="/integrations"`) {
				t.Errorf("%s sees the Integrations menu item", u.Role)
			}
			for _, p := range gets {
				if r := c.get(p); r.StatusCode != http.StatusForbidden && r.StatusCode != http.StatusNotFound {
					t.Errorf("%s GET %s: %d", u.Role, p, r.StatusCode)
				}
			}
			for _, p := range posts {
				if r := c.post(p, url.Values{"api_key": {leversandbox.DefaultAPIKey}, "confirm": {"yes"}}); r.StatusCode != http.StatusForbidden && r.StatusCode != http.StatusNotFound {
					t.Errorf("%s POST %s: %d", u.Role, p, r.StatusCode)
				}
			}
		}
		// Nothing was connected by them, and without the CSRF token nothing happens either.
		a := e.login(e.org.SuperAdmin)
		r := a.post("/integrations/lever/api-key", url.Values{"api_key": {leversandbox.DefaultAPIKey}, "csrf_token": {"wrong"}})
		wantStatus(t, r, http.StatusForbidden)
		wantLeverStatus(t, a.get("/integrations"), "disconnected")
	})
}

func TestLeverWithoutClientID(t *testing.T) {
	t.Parallel()
	e := newLeverEnv(t, "sqlite", "")
	c := e.login(e.org.SuperAdmin)
	r := c.get("/integrations/lever/connect")
	wantStatus(t, r, http.StatusOK)
	wantContains(t, r, "server administrator must first register SkillKeepr with Lever", "Use an API key instead")
	if strings.Contains(r.body, ">Confirm<") {
		t.Error("a Confirm button that cannot work")
	}
	r = c.post("/integrations/lever/connect", nil)
	wantStatus(t, r, http.StatusSeeOther)
	r = c.post("/integrations/lever/api-key", url.Values{"api_key": {leversandbox.DefaultAPIKey}})
	wantStatus(t, r, http.StatusSeeOther)
	wantLeverStatus(t, c.get("/integrations"), "connected")
}

func TestLeverRegisterUpdates(t *testing.T) {
	t.Parallel()
	forEachLeverEngine(t, func(t *testing.T, e *leverEnv) {
		c := e.login(e.org.SuperAdmin)
		if strings.Contains(c.get("/integrations").body, "Register for Lever updates") {
			t.Fatal("register offered while Lever is not connected")
		}
		// Connecting subscribes at once; when Lever refuses the address
		// (it cannot reach it over https) the connect still succeeds and
		// says, in plain words, that SkillKeepr checks every 5 minutes.
		e.upd.p.Store(leversync.NewUpdates(e.conn, e.store, "http://skillkeepr.example.com", nil))
		wantStatus(t, c.post("/integrations/lever/api-key", url.Values{"api_key": {leversandbox.DefaultAPIKey}}), http.StatusSeeOther)
		r := c.get("/integrations")
		wantLeverStatus(t, r, "connected")
		wantContains(t, r, "Lever is connected with the API key.", "did not let SkillKeepr subscribe", "every 5 minutes", "Register for Lever updates")
		if n := len(e.sb.Webhooks()); n != 0 {
			t.Fatalf("%d webhooks after the refusal", n)
		}
		wantStatus(t, c.post("/integrations/lever/updates", url.Values{}), http.StatusSeeOther)
		wantContains(t, c.get("/integrations"), "Lever refused to send SkillKeepr its updates", "every 5 minutes")

		e.upd.p.Store(leversync.NewUpdates(e.conn, e.store, e.ts.URL, nil))
		wantStatus(t, c.post("/integrations/lever/updates", url.Values{}), http.StatusSeeOther)
		wantContains(t, c.get("/integrations"), "Lever now sends its updates")
		hooks := e.sb.Webhooks()
		if len(hooks) != 4 {
			t.Fatalf("%d webhooks registered, want 4", len(hooks))
		}
		for _, h := range hooks {
			if !strings.HasPrefix(h.URL, e.ts.URL+"/hooks/lever/") {
				t.Fatalf("webhook URL %q", h.URL)
			}
		}
		var raw string
		if err := e.store.DB().QueryRowContext(context.Background(), `SELECT signature_token_enc FROM lever_webhook_endpoints`).Scan(&raw); err != nil {
			t.Fatal(err)
		}
		if raw == "" || strings.Contains(raw, hooks[0].Configuration.SignatureToken) {
			t.Fatalf("stored signature tokens %q", raw)
		}
	})
}
