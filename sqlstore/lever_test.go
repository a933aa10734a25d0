package sqlstore

import (
	"context"
	"errors"
	"net/url"
	"os"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/skillkeepr/skillkeepr"
	"github.com/skillkeepr/skillkeepr/secret"
)

func testCipher(t *testing.T) *secret.Box {
	t.Helper()
	b, err := secret.New(secret.NewKey())
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// reopen returns a second Store on the same database, as another process
// would have.
func reopen(t *testing.T, s *Store) *Store {
	t.Helper()
	ctx := context.Background()
	var u string
	if s.engine == enginePostgres {
		var schema string
		ok(t, s.read().queryRow(ctx, `SELECT current_schema()`).Scan(&schema))
		pu, err := url.Parse(os.Getenv(TestPostgresURLEnv))
		ok(t, err)
		q := pu.Query()
		q.Set("search_path", schema)
		pu.RawQuery = q.Encode()
		u = pu.String()
	} else {
		var seq int
		var name string
		ok(t, s.read().queryRow(ctx, `SELECT seq, file FROM pragma_database_list WHERE name = 'main'`).Scan(&seq, &name))
		u = name
	}
	s2, err := Open(ctx, Config{URL: u, Blobs: s.blobs})
	ok(t, err)
	t.Cleanup(func() { s2.Close() })
	if b := s.cipher.Load(); b != nil {
		s2.SetCipher(b.c)
	}
	return s2
}

func rawLeverRow(t *testing.T, s *Store, org int64) string {
	t.Helper()
	var a, r, k string
	ok(t, s.read().queryRow(context.Background(), `SELECT access_token_enc, refresh_token_enc, api_key_enc FROM lever_connections WHERE org_id = ?`, org).Scan(&a, &r, &k))
	return a + "|" + r + "|" + k
}

func TestLeverConnectionLifecycle(t *testing.T) {
	t.Parallel()
	ForEachEngine(t, func(t *testing.T, s *Store) {
		s.SetCipher(testCipher(t))
		o := SeedTestOrg(t, s, "Acme")
		other := SeedTestOrg(t, s, "Globex")
		admin := o.Ctx(o.SuperAdmin)

		c, err := s.FindLeverConnection(admin)
		ok(t, err)
		if c.Status != skillkeepr.LeverDisconnected || !c.ConnectedAt.IsZero() {
			t.Fatalf("new org: %+v", c)
		}
		exp := time.Now().Add(time.Hour).UTC().Truncate(time.Microsecond)
		c, err = s.SaveLeverConnection(admin, skillkeepr.LeverConnect{Mode: skillkeepr.LeverModeOAuth, AccountLabel: "Lena (lena@acme.test)",
			Token: skillkeepr.LeverToken{AccessToken: "sbx_at_secret-access", RefreshToken: "v1.secret-refresh", Expiry: exp}})
		ok(t, err)
		if c.Status != skillkeepr.LeverConnected || c.ConnectedByID != o.SuperAdmin.ID || c.ConnectedByName != o.SuperAdmin.Name || c.AccountLabel != "Lena (lena@acme.test)" {
			t.Fatalf("saved: %+v", c)
		}
		raw := rawLeverRow(t, s, o.Org.ID)
		if strings.Contains(raw, "secret-access") || strings.Contains(raw, "secret-refresh") || !strings.HasPrefix(raw, "v1.") {
			t.Fatalf("raw columns hold the token in clear: %s", raw)
		}
		cr, err := s.LeverCredentials(context.Background(), o.Org.ID)
		ok(t, err)
		if cr.Token.AccessToken != "sbx_at_secret-access" || cr.Token.RefreshToken != "v1.secret-refresh" || !cr.Token.Expiry.Equal(exp) || cr.Mode != skillkeepr.LeverModeOAuth {
			t.Fatalf("credentials: %+v", cr)
		}

		// Another organisation sees nothing of it.
		oc, err := s.FindLeverConnection(other.Ctx(other.SuperAdmin))
		ok(t, err)
		if oc.Status != skillkeepr.LeverDisconnected {
			t.Fatalf("other org sees %+v", oc)
		}
		_, err = s.LeverCredentials(context.Background(), other.Org.ID)
		wantCode(t, err, skillkeepr.ECONFLICT)

		// Only Super Admins may change it.
		for _, u := range []*skillkeepr.User{o.RecruiterAdmin, o.Recruiter, o.Collaborator} {
			_, err := s.SaveLeverConnection(o.Ctx(u), skillkeepr.LeverConnect{Mode: skillkeepr.LeverModeAPIKey, APIKey: "k"})
			wantCode(t, err, skillkeepr.EFORBIDDEN)
			wantCode(t, s.DisconnectLever(o.Ctx(u)), skillkeepr.EFORBIDDEN)
			wantCode(t, s.CreateLeverOAuthState(o.Ctx(u), 1, strings.Repeat("s", 43)), skillkeepr.EFORBIDDEN)
		}

		// Revocation: once, audited, secrets dropped; a revocation seen
		// with an older connection's credentials changes nothing.
		changed, err := s.MarkLeverRevoked(context.Background(), o.Org.ID, cr.Generation-1)
		ok(t, err)
		if changed {
			t.Fatal("an older connection's revocation marked the current one")
		}
		changed, err = s.MarkLeverRevoked(context.Background(), o.Org.ID, cr.Generation)
		ok(t, err)
		if !changed {
			t.Fatal("not marked revoked")
		}
		changed, err = s.MarkLeverRevoked(context.Background(), o.Org.ID, cr.Generation)
		ok(t, err)
		if changed {
			t.Fatal("marked revoked twice")
		}
		gen := cr.Generation
		c, err = s.FindLeverConnection(admin)
		ok(t, err)
		if c.Status != skillkeepr.LeverRevoked || c.RevokedAt == nil || c.LastError == "" {
			t.Fatalf("after revoke: %+v", c)
		}
		if raw := rawLeverRow(t, s, o.Org.ID); raw != "||" {
			t.Fatalf("secrets kept after revoke: %s", raw)
		}
		_, err = s.LeverCredentials(context.Background(), o.Org.ID)
		wantCode(t, err, skillkeepr.ECONFLICT)

		// Reconnect with an API key, then disconnect.
		_, err = s.SaveLeverConnection(admin, skillkeepr.LeverConnect{Mode: skillkeepr.LeverModeAPIKey, APIKey: "key-in-clear", AccountLabel: "Acme"})
		ok(t, err)
		if raw := rawLeverRow(t, s, o.Org.ID); strings.Contains(raw, "key-in-clear") {
			t.Fatalf("API key in clear: %s", raw)
		}
		cr, err = s.LeverCredentials(context.Background(), o.Org.ID)
		ok(t, err)
		if cr.APIKey != "key-in-clear" || cr.Token.AccessToken != "" || cr.Generation != gen+1 {
			t.Fatalf("api key credentials: %+v", cr)
		}
		orgs, err := s.ConnectedLeverOrgs(context.Background())
		ok(t, err)
		if len(orgs) != 1 || orgs[0] != o.Org.ID {
			t.Fatalf("connected orgs %v", orgs)
		}
		ok(t, s.DisconnectLever(admin))
		ok(t, s.DisconnectLever(admin))
		c, err = s.FindLeverConnection(admin)
		ok(t, err)
		if c.Status != skillkeepr.LeverDisconnected || c.DisconnectedAt == nil {
			t.Fatalf("after disconnect: %+v", c)
		}
		_, err = s.LeverCredentials(context.Background(), o.Org.ID)
		wantCode(t, err, skillkeepr.ECONFLICT)

		entries, _, err := s.FindAuditEntries(admin, skillkeepr.AuditFilter{EntityType: "lever_connection"})
		ok(t, err)
		var actions []string
		for _, e := range entries {
			actions = append(actions, e.Action)
			for _, sec := range []string{"secret-access", "secret-refresh", "key-in-clear"} {
				if strings.Contains(e.Before+e.After+e.Summary, sec) {
					t.Errorf("audit entry %s holds a secret", e.Action)
				}
			}
		}
		if got := strings.Join(actions, ","); got != "lever.disconnect,lever.connect,lever.revoked,lever.connect" {
			t.Errorf("audit actions %s", got)
		}
	})
}

func TestLeverOAuthState(t *testing.T) {
	t.Parallel()
	ForEachEngine(t, func(t *testing.T, s *Store) {
		o := SeedTestOrg(t, s, "Acme")
		other := SeedTestOrg(t, s, "Globex")
		admin := o.Ctx(o.SuperAdmin)
		state := skillkeepr.NewToken()
		ok(t, s.CreateLeverOAuthState(admin, 7, state))
		var n int
		ok(t, s.read().queryRow(context.Background(), `SELECT count(*) FROM lever_oauth_states WHERE state_hash = ?`, state).Scan(&n))
		if n != 0 {
			t.Fatal("state stored in clear")
		}
		// Foreign: another session, another user, another organisation.
		wantCode(t, s.ConsumeLeverOAuthState(admin, 8, state), skillkeepr.EINVALID)
		second, err := s.CreateUser(context.Background(), skillkeepr.UserCreate{OrgID: o.Org.ID, Email: "admin2@acme.test", Name: "Second", Role: skillkeepr.RoleSuperAdmin, PasswordHash: "x"})
		ok(t, err)
		wantCode(t, s.ConsumeLeverOAuthState(o.Ctx(second), 7, state), skillkeepr.EINVALID)
		wantCode(t, s.ConsumeLeverOAuthState(other.Ctx(other.SuperAdmin), 7, state), skillkeepr.EINVALID)
		wantCode(t, s.ConsumeLeverOAuthState(o.Ctx(o.Recruiter), 7, state), skillkeepr.EFORBIDDEN)
		// The right one works once.
		ok(t, s.ConsumeLeverOAuthState(admin, 7, state))
		wantCode(t, s.ConsumeLeverOAuthState(admin, 7, state), skillkeepr.EINVALID)
		wantCode(t, s.ConsumeLeverOAuthState(admin, 7, ""), skillkeepr.EINVALID)

		// Expired after 10 minutes.
		old := skillkeepr.NewToken()
		ok(t, s.CreateLeverOAuthState(admin, 7, old))
		s2 := reopen(t, s)
		s2.now = func() time.Time { return time.Now().Add(skillkeepr.LeverOAuthStateTTL + time.Second) }
		wantCode(t, s2.ConsumeLeverOAuthState(admin, 7, old), skillkeepr.EINVALID)
	})
}

func TestLeverTokenRefreshOneAtATime(t *testing.T) {
	t.Parallel()
	ForEachEngine(t, func(t *testing.T, s *Store) {
		s.SetCipher(testCipher(t))
		o := SeedTestOrg(t, s, "Acme")
		admin := o.Ctx(o.SuperAdmin)
		_, err := s.SaveLeverConnection(admin, skillkeepr.LeverConnect{Mode: skillkeepr.LeverModeOAuth,
			Token: skillkeepr.LeverToken{AccessToken: "at-0", RefreshToken: "rt-0", Expiry: time.Now().Add(-time.Minute)}})
		ok(t, err)
		others := []*Store{s, reopen(t, s), reopen(t, s)}

		var calls atomic.Int32
		refresh := func(ctx context.Context, rt string) (skillkeepr.LeverToken, error) {
			n := calls.Add(1)
			if rt != "rt-0" {
				return skillkeepr.LeverToken{}, errors.New("refresh token reused: " + rt)
			}
			time.Sleep(50 * time.Millisecond) // long enough for the others to queue
			return skillkeepr.LeverToken{AccessToken: "at-" + string(rune('0'+n)), RefreshToken: "rt-1", Expiry: time.Now().Add(time.Hour)}, nil
		}
		var wg sync.WaitGroup
		results := make([]skillkeepr.LeverToken, 6)
		errs := make([]error, 6)
		for i := range 6 {
			wg.Go(func() {
				results[i], errs[i] = others[i%3].RefreshLeverToken(context.Background(), o.Org.ID, "at-0", refresh)
			})
		}
		wg.Wait()
		for i := range 6 {
			ok(t, errs[i])
			if results[i].AccessToken != "at-1" {
				t.Errorf("caller %d got %q", i, results[i].AccessToken)
			}
		}
		if calls.Load() != 1 {
			t.Fatalf("%d refreshes at Lever, want 1", calls.Load())
		}
		cr, err := s.LeverCredentials(context.Background(), o.Org.ID)
		ok(t, err)
		if cr.Token.AccessToken != "at-1" || cr.Token.RefreshToken != "rt-1" {
			t.Fatalf("stored %+v: the rotated refresh token must be saved with the access token", cr.Token)
		}

		// A failed refresh changes nothing.
		_, err = s.RefreshLeverToken(context.Background(), o.Org.ID, "at-1", func(context.Context, string) (skillkeepr.LeverToken, error) {
			return skillkeepr.LeverToken{}, errors.New("lever says no")
		})
		if err == nil || !strings.Contains(err.Error(), "lever says no") {
			t.Fatalf("refresh error %v", err)
		}
		cr, _ = s.LeverCredentials(context.Background(), o.Org.ID)
		if cr.Token.RefreshToken != "rt-1" {
			t.Fatalf("refresh token after a failed refresh: %q", cr.Token.RefreshToken)
		}
	})
}
