package leversync_test

import (
	"context"
	"errors"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"regexp"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/skillkeepr/skillkeepr"
	"github.com/skillkeepr/skillkeepr/lever"
	"github.com/skillkeepr/skillkeepr/leversandbox"
	"github.com/skillkeepr/skillkeepr/leversync"
	"github.com/skillkeepr/skillkeepr/secret"
	"github.com/skillkeepr/skillkeepr/sqlstore"
)

// countingTransport counts the calls to Lever's token endpoint.
type countingTransport struct {
	refreshes atomic.Int32
}

func (c *countingTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	if strings.HasSuffix(r.URL.Path, "/oauth/token") {
		c.refreshes.Add(1)
	}
	return http.DefaultTransport.RoundTrip(r)
}

type env struct {
	t     *testing.T
	store *sqlstore.Store
	org   *sqlstore.TestOrg
	sb    *leversandbox.Sandbox
	lever string // sandbox URL
	tr    *countingTransport
	conn  *leversync.Connector
}

func newEnv(t *testing.T, store *sqlstore.Store) *env {
	t.Helper()
	box, err := secret.New(secret.NewKey())
	if err != nil {
		t.Fatal(err)
	}
	store.SetCipher(box)
	sb, srv := leversandbox.NewTestServer(t, leversandbox.Config{Postings: 2, CandidatesPerPosting: 6, RateLimit: leversandbox.Bool(false)})
	e := &env{t: t, store: store, org: sqlstore.SeedTestOrg(t, store, "Acme"), sb: sb, lever: srv.URL, tr: &countingTransport{}}
	e.conn = e.connector()
	return e
}

// connector returns a Connector as another process would build it.
func (e *env) connector() *leversync.Connector {
	c, err := leversync.New(leversync.Config{Store: e.store, ClientID: leversandbox.DefaultClientID, ClientSecret: leversandbox.DefaultClientSecret,
		AuthURL: e.lever, APIURL: e.lever + "/v1", RedirectURL: "http://127.0.0.1:9/integrations/lever/callback",
		HTTPClient: &http.Client{Transport: e.tr}})
	if err != nil {
		e.t.Fatal(err)
	}
	return c
}

var hiddenRe = regexp.MustCompile(`name="txn" value="([^"]+)"`)

// consent drives Lever's pages as a person would: open the authorize
// address, sign in as the Lever admin, then Accept or Decline. It returns
// the query Lever sends back to the callback.
func consent(t *testing.T, authURL string, accept bool) url.Values {
	t.Helper()
	jar, _ := cookiejar.New(nil)
	c := &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	body := func(r *http.Response) string {
		defer r.Body.Close()
		var b strings.Builder
		buf := make([]byte, 4096)
		for {
			n, err := r.Body.Read(buf)
			b.Write(buf[:n])
			if err != nil {
				break
			}
		}
		return b.String()
	}
	r, err := c.Get(authURL)
	if err != nil {
		t.Fatal(err)
	}
	page := body(r)
	m := hiddenRe.FindStringSubmatch(page)
	if m == nil {
		t.Fatalf("no sign-in form at Lever:\n%s", page)
	}
	u, _ := url.Parse(authURL)
	base := u.Scheme + "://" + u.Host
	r, err = c.PostForm(base+"/authorize/signin", url.Values{"txn": {m[1]}, "email": {leversandbox.DefaultAdminEmail}, "password": {leversandbox.DefaultAdminPassword}})
	if err != nil {
		t.Fatal(err)
	}
	page = body(r)
	if !strings.Contains(page, "Accept") {
		t.Fatalf("no consent page:\n%s", page)
	}
	decision := "decline"
	if accept {
		decision = "accept"
	}
	r, err = c.PostForm(base+"/authorize/decision", url.Values{"txn": {m[1]}, "decision": {decision}})
	if err != nil {
		t.Fatal(err)
	}
	body(r)
	loc, err := url.Parse(r.Header.Get("Location"))
	if err != nil || r.StatusCode != http.StatusFound {
		t.Fatalf("decision: %d %q", r.StatusCode, r.Header.Get("Location"))
	}
	return loc.Query()
}

func callback(q url.Values) skillkeepr.LeverCallback {
	return skillkeepr.LeverCallback{State: q.Get("state"), Code: q.Get("code"), Error: q.Get("error"), ErrorDescription: q.Get("error_description")}
}

func (e *env) connectOAuth(ctx context.Context) *skillkeepr.LeverConnection {
	e.t.Helper()
	u, err := e.conn.StartConnect(ctx, 1)
	if err != nil {
		e.t.Fatal(err)
	}
	lc, err := e.conn.CompleteConnect(ctx, 1, callback(consent(e.t, u, true)))
	if err != nil {
		e.t.Fatal(err)
	}
	return lc
}

func wantCode(t *testing.T, err error, code skillkeepr.ErrorCode) {
	t.Helper()
	if got := skillkeepr.ErrorCodeOf(err); got != code {
		t.Fatalf("error %v: code %q, want %q", err, got, code)
	}
}

func TestConnectWithLeverSignIn(t *testing.T) {
	t.Parallel()
	sqlstore.ForEachEngine(t, func(t *testing.T, s *sqlstore.Store) {
		e := newEnv(t, s)
		admin := e.org.Ctx(e.org.SuperAdmin)
		u, err := e.conn.StartConnect(admin, 1)
		if err != nil {
			t.Fatal(err)
		}
		pu, _ := url.Parse(u)
		q := pu.Query()
		if pu.Path != "/authorize" || q.Get("audience") != leversync.DefaultAudience || !strings.Contains(q.Get("scope"), "offline_access") ||
			!strings.Contains(q.Get("scope"), "opportunities:write:admin") || len(q.Get("state")) < 40 {
			t.Fatalf("authorize URL %s", u)
		}
		back := consent(t, u, true)

		// The state belongs to this person's browser session only.
		_, err = e.conn.CompleteConnect(admin, 2, callback(back))
		wantCode(t, err, skillkeepr.EINVALID)
		_, err = e.conn.CompleteConnect(e.org.Ctx(e.org.RecruiterAdmin), 1, callback(back))
		wantCode(t, err, skillkeepr.EFORBIDDEN)

		lc, err := e.conn.CompleteConnect(admin, 1, callback(back))
		if err != nil {
			t.Fatal(err)
		}
		if lc.Status != skillkeepr.LeverConnected || lc.Mode != skillkeepr.LeverModeOAuth || !strings.Contains(lc.AccountLabel, leversandbox.DefaultAdminEmail) {
			t.Fatalf("connection %+v", lc)
		}
		// Used once.
		_, err = e.conn.CompleteConnect(admin, 1, callback(back))
		wantCode(t, err, skillkeepr.EINVALID)

		grants := e.sb.Grants()
		if len(grants) != 1 {
			t.Fatalf("%d grants at Lever", len(grants))
		}
		cl, err := e.conn.Client(context.Background(), e.org.Org.ID)
		if err != nil {
			t.Fatal(err)
		}
		if err := cl.Ping(context.Background()); err != nil {
			t.Fatal(err)
		}
	})
}

func TestDeclineSavesNothing(t *testing.T) {
	t.Parallel()
	sqlstore.ForEachEngine(t, func(t *testing.T, s *sqlstore.Store) {
		e := newEnv(t, s)
		admin := e.org.Ctx(e.org.SuperAdmin)
		u, err := e.conn.StartConnect(admin, 1)
		if err != nil {
			t.Fatal(err)
		}
		back := consent(t, u, false)
		_, err = e.conn.CompleteConnect(admin, 1, callback(back))
		wantCode(t, err, skillkeepr.EINVALID)
		if !strings.Contains(skillkeepr.ErrorMessage(err), "declined") {
			t.Errorf("message %q", skillkeepr.ErrorMessage(err))
		}
		lc, _ := e.conn.LeverConnection(admin)
		if lc.Status != skillkeepr.LeverDisconnected {
			t.Fatalf("after decline: %+v", lc)
		}
	})
}

func TestConnectWithAPIKey(t *testing.T) {
	t.Parallel()
	sqlstore.ForEachEngine(t, func(t *testing.T, s *sqlstore.Store) {
		e := newEnv(t, s)
		admin := e.org.Ctx(e.org.SuperAdmin)
		for _, bad := range []string{"", "wrong-key", "has space"} {
			_, err := e.conn.ConnectAPIKey(admin, bad)
			wantCode(t, err, skillkeepr.EINVALID)
			if skillkeepr.ErrorFields(err)["api_key"] == "" {
				t.Errorf("%q: no field error: %v", bad, err)
			}
		}
		_, err := e.conn.ConnectAPIKey(e.org.Ctx(e.org.Recruiter), leversandbox.DefaultAPIKey)
		wantCode(t, err, skillkeepr.EFORBIDDEN)
		lc, err := e.conn.ConnectAPIKey(admin, " "+leversandbox.DefaultAPIKey+" ")
		if err != nil {
			t.Fatal(err)
		}
		if lc.Status != skillkeepr.LeverConnected || lc.Mode != skillkeepr.LeverModeAPIKey || lc.AccountLabel == "" {
			t.Fatalf("connection %+v", lc)
		}
		cl, err := e.conn.Client(context.Background(), e.org.Org.ID)
		if err != nil {
			t.Fatal(err)
		}
		if err := cl.Ping(context.Background()); err != nil {
			t.Fatal(err)
		}
		if err := e.conn.CheckAll(context.Background()); err != nil {
			t.Fatal(err)
		}
		lc, _ = e.conn.LeverConnection(admin)
		if lc.CheckedAt == nil || lc.LastError != "" || lc.Status != skillkeepr.LeverConnected {
			t.Fatalf("after check: %+v", lc)
		}
		if err := e.conn.Disconnect(admin); err != nil {
			t.Fatal(err)
		}
		if _, err := e.conn.Client(context.Background(), e.org.Org.ID); !errors.Is(err, leversync.ErrNotConnected) || !errors.Is(err, lever.ErrRevoked) {
			t.Fatalf("client after disconnect: %v", err)
		}
	})
}

func TestTokenRefreshIsSavedAndShared(t *testing.T) {
	t.Parallel()
	sqlstore.ForEachEngine(t, func(t *testing.T, s *sqlstore.Store) {
		e := newEnv(t, s)
		admin := e.org.Ctx(e.org.SuperAdmin)
		e.connectOAuth(admin)
		before, _ := s.LeverCredentials(context.Background(), e.org.Org.ID)
		e.tr.refreshes.Store(0)

		// Two processes, each with its own client holding the old token.
		procs := []*leversync.Connector{e.conn, e.connector(), e.connector()}
		var clients []*leversync.Client
		for _, p := range procs {
			cl, err := p.Client(context.Background(), e.org.Org.ID)
			if err != nil {
				t.Fatal(err)
			}
			clients = append(clients, cl)
		}
		e.sb.ExpireAllTokens()
		var wg sync.WaitGroup
		errs := make(chan error, 9)
		for i := range 9 {
			wg.Go(func() { errs <- clients[i%3].Ping(context.Background()) })
		}
		wg.Wait()
		close(errs)
		for err := range errs {
			if err != nil {
				t.Fatal(err)
			}
		}
		if n := e.tr.refreshes.Load(); n != 1 {
			t.Fatalf("%d refreshes at Lever, want 1", n)
		}
		after, _ := s.LeverCredentials(context.Background(), e.org.Org.ID)
		if after.Token.AccessToken == before.Token.AccessToken || after.Token.RefreshToken == before.Token.RefreshToken {
			t.Fatal("the refreshed tokens were not saved")
		}
		if g := e.sb.Grants(); g[0].RefreshToken != after.Token.RefreshToken {
			t.Fatal("the saved refresh token is not the one Lever rotated to")
		}
	})
}

func TestRevocationIsNoticedAndReconnectWorks(t *testing.T) {
	t.Parallel()
	sqlstore.ForEachEngine(t, func(t *testing.T, s *sqlstore.Store) {
		e := newEnv(t, s)
		admin := e.org.Ctx(e.org.SuperAdmin)
		e.connectOAuth(admin)
		other := sqlstore.SeedTestOrg(t, s, "Globex")
		if _, err := e.conn.ConnectAPIKey(other.Ctx(other.SuperAdmin), leversandbox.DefaultAPIKey); err != nil {
			t.Fatal(err)
		}
		if n := e.sb.Revoke(leversandbox.DefaultClientID); n != 1 {
			t.Fatalf("revoked %d grants", n)
		}
		if err := e.conn.CheckAll(context.Background()); err != nil {
			t.Fatal(err)
		}
		lc, _ := e.conn.LeverConnection(admin)
		if lc.Status != skillkeepr.LeverRevoked || lc.RevokedAt == nil {
			t.Fatalf("after revoke: %+v", lc)
		}
		if oc, _ := e.conn.LeverConnection(other.Ctx(other.SuperAdmin)); oc.Status != skillkeepr.LeverConnected {
			t.Fatalf("the other organisation was touched: %+v", oc)
		}
		if _, err := e.conn.Client(context.Background(), e.org.Org.ID); !errors.Is(err, lever.ErrRevoked) {
			t.Fatalf("client while revoked: %v", err)
		}
		entries, _, _ := s.FindAuditEntries(admin, skillkeepr.AuditFilter{EntityType: "lever_connection"})
		if len(entries) == 0 || entries[0].Action != "lever.revoked" {
			t.Fatalf("audit %+v", entries)
		}
		lc = e.connectOAuth(admin)
		if lc.Status != skillkeepr.LeverConnected || lc.RevokedAt != nil {
			t.Fatalf("after reconnect: %+v", lc)
		}
		cl, _ := e.conn.Client(context.Background(), e.org.Org.ID)
		if err := cl.Ping(context.Background()); err != nil {
			t.Fatal(err)
		}
	})
}

func TestWithoutClientID(t *testing.T) {
	t.Parallel()
	s := sqlstore.OpenTest(t, "sqlite")
	o := sqlstore.SeedTestOrg(t, s, "Acme")
	c, err := leversync.New(leversync.Config{Store: s})
	if err != nil {
		t.Fatal(err)
	}
	if c.OAuthConfigured() {
		t.Fatal("configured without a client id")
	}
	_, err = c.StartConnect(o.Ctx(o.SuperAdmin), 1)
	wantCode(t, err, skillkeepr.EINVALID)
}

func TestRevocationOfAnOldConnectionSparesTheNewOne(t *testing.T) {
	t.Parallel()
	sqlstore.ForEachEngine(t, func(t *testing.T, s *sqlstore.Store) {
		e := newEnv(t, s)
		admin := e.org.Ctx(e.org.SuperAdmin)
		e.connectOAuth(admin)
		old, err := e.conn.Client(context.Background(), e.org.Org.ID)
		if err != nil {
			t.Fatal(err)
		}
		e.sb.Revoke(leversandbox.DefaultClientID)
		// A Super Admin reconnects (with an API key) before the old
		// client's next call fails.
		if _, err := e.conn.ConnectAPIKey(admin, leversandbox.DefaultAPIKey); err != nil {
			t.Fatal(err)
		}
		e.sb.ExpireAllTokens()
		err = old.Check(context.Background(), old.Ping(context.Background()))
		if err == nil {
			t.Fatal("the revoked grant still works")
		}
		lc, _ := e.conn.LeverConnection(admin)
		if lc.Status != skillkeepr.LeverConnected || lc.Mode != skillkeepr.LeverModeAPIKey {
			t.Fatalf("the new connection was touched: %+v", lc)
		}
	})
}

func TestClientCheckMarksRevoked(t *testing.T) {
	t.Parallel()
	sqlstore.ForEachEngine(t, func(t *testing.T, s *sqlstore.Store) {
		e := newEnv(t, s)
		admin := e.org.Ctx(e.org.SuperAdmin)
		e.connectOAuth(admin)
		cl, err := e.conn.Client(context.Background(), e.org.Org.ID)
		if err != nil {
			t.Fatal(err)
		}
		e.sb.Revoke(leversandbox.DefaultClientID)
		if err := cl.Check(context.Background(), cl.Ping(context.Background())); !errors.Is(err, lever.ErrRevoked) {
			t.Fatalf("ping after revoke: %v", err)
		}
		lc, _ := e.conn.LeverConnection(admin)
		if lc.Status != skillkeepr.LeverRevoked {
			t.Fatalf("after a refused call: %+v", lc)
		}
	})
}
