package sqlstore

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/skillkeepr/skillkeepr"
)

// fakeClock is a settable clock for tests.
type fakeClock struct{ t time.Time }

func (c *fakeClock) now() time.Time      { return c.t }
func (c *fakeClock) add(d time.Duration) { c.t = c.t.Add(d) }

func TestSessions(t *testing.T) {
	t.Parallel()
	ForEachEngine(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		a := SeedTestOrg(t, s, "Acme")
		clock := &fakeClock{t: time.Date(2026, 1, 1, 9, 0, 0, 0, time.UTC)}
		s.now = clock.now

		token, sess, err := s.CreateSession(ctx, a.Recruiter.ID)
		ok(t, err)
		if sess.CSRFToken == "" || sess.OrgID != a.Org.ID || !sess.ExpiresAt.Equal(clock.t.Add(skillkeepr.SessionTTL)) {
			t.Fatalf("session: %+v", sess)
		}
		var stored string
		ok(t, s.read().queryRow(ctx, `SELECT token_hash FROM sessions WHERE id = ?`, sess.ID).Scan(&stored))
		if stored == token || stored != skillkeepr.HashToken(token) {
			t.Fatal("token stored in clear")
		}
		got, u, err := s.FindSession(ctx, token)
		ok(t, err)
		if got.ID != sess.ID || u.ID != a.Recruiter.ID || got.CSRFToken != sess.CSRFToken {
			t.Fatalf("find: %+v %+v", got, u)
		}
		_, _, err = s.FindSession(ctx, "wrong")
		wantCode(t, err, skillkeepr.EUNAUTHORIZED)
		_, _, err = s.FindSession(ctx, "")
		wantCode(t, err, skillkeepr.EUNAUTHORIZED)

		// Activity slides the expiry; inactivity ends the session.
		clock.add(skillkeepr.SessionTTL - time.Minute)
		got, _, err = s.FindSession(ctx, token)
		ok(t, err)
		if !got.ExpiresAt.Equal(clock.t.Add(skillkeepr.SessionTTL)) {
			t.Fatalf("expiry not slid: %v", got.ExpiresAt)
		}
		clock.add(skillkeepr.SessionTTL)
		_, _, err = s.FindSession(ctx, token)
		wantCode(t, err, skillkeepr.EUNAUTHORIZED)

		// Sign out and sign out everywhere.
		t1, _, err := s.CreateSession(ctx, a.Recruiter.ID)
		ok(t, err)
		t2, _, err := s.CreateSession(ctx, a.Recruiter.ID)
		ok(t, err)
		t3, _, err := s.CreateSession(ctx, a.Recruiter.ID)
		ok(t, err)
		ok(t, s.DeleteSession(ctx, t1))
		ok(t, s.DeleteSession(ctx, t1))
		_, _, err = s.FindSession(ctx, t1)
		wantCode(t, err, skillkeepr.EUNAUTHORIZED)
		wantCode(t, s.DeleteUserSessions(a.Ctx(a.Collaborator), a.Recruiter.ID, ""), skillkeepr.EFORBIDDEN)
		other := SeedTestOrg(t, s, "Other")
		wantCode(t, s.DeleteUserSessions(other.Ctx(other.SuperAdmin), a.Recruiter.ID, ""), skillkeepr.ENOTFOUND)
		ok(t, s.DeleteUserSessions(a.Ctx(a.Recruiter), a.Recruiter.ID, t3))
		_, _, err = s.FindSession(ctx, t2)
		wantCode(t, err, skillkeepr.EUNAUTHORIZED)
		_, _, err = s.FindSession(ctx, t3)
		ok(t, err)

		// Deactivated users lose their sessions and tokens.
		apiToken, tok, err := s.CreateAPIToken(a.Ctx(a.Recruiter), "CI")
		ok(t, err)
		off := false
		_, err = s.UpdateUser(a.Ctx(a.SuperAdmin), a.Recruiter.ID, skillkeepr.UserUpdate{Active: &off})
		ok(t, err)
		_, _, err = s.FindSession(ctx, t3)
		wantCode(t, err, skillkeepr.EUNAUTHORIZED)
		_, _, err = s.CreateSession(ctx, a.Recruiter.ID)
		wantCode(t, err, skillkeepr.EUNAUTHORIZED)
		_, err = s.AuthenticateAPIToken(ctx, apiToken)
		wantCode(t, err, skillkeepr.EUNAUTHORIZED)
		_ = tok
	})
}

func TestAPITokens(t *testing.T) {
	t.Parallel()
	ForEachEngine(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		a := SeedTestOrg(t, s, "Acme")
		b := SeedTestOrg(t, s, "Beta")
		_, _, err := s.CreateAPIToken(a.Ctx(a.Recruiter), " ")
		wantField(t, err, "name")
		token, tok, err := s.CreateAPIToken(a.Ctx(a.Recruiter), "Reports")
		ok(t, err)
		if !strings.HasPrefix(token, "sk_") || tok.Prefix != token[:10] || tok.UserID != a.Recruiter.ID {
			t.Fatalf("token %q %+v", token, tok)
		}
		u, err := s.AuthenticateAPIToken(ctx, token)
		ok(t, err)
		if u.ID != a.Recruiter.ID {
			t.Fatalf("user %d", u.ID)
		}
		for _, bad := range []string{"", "sk_nope", token[3:], strings.ToUpper(token)} {
			_, err := s.AuthenticateAPIToken(ctx, bad)
			wantCode(t, err, skillkeepr.EUNAUTHORIZED)
		}
		list := must[[]*skillkeepr.APIToken](t)(s.FindAPITokens(a.Ctx(a.Recruiter)))
		if len(list) != 1 || list[0].LastUsedAt == nil || list[0].Name != "Reports" {
			t.Fatalf("list: %+v", list)
		}
		if n := len(must[[]*skillkeepr.APIToken](t)(s.FindAPITokens(a.Ctx(a.SuperAdmin)))); n != 0 {
			t.Fatalf("someone else's tokens listed: %d", n)
		}
		wantCode(t, s.DeleteAPIToken(b.Ctx(b.Recruiter), tok.ID), skillkeepr.ENOTFOUND)
		wantCode(t, s.DeleteAPIToken(a.Ctx(a.SuperAdmin), tok.ID), skillkeepr.ENOTFOUND)
		ok(t, s.DeleteAPIToken(a.Ctx(a.Recruiter), tok.ID))
		_, err = s.AuthenticateAPIToken(ctx, token)
		wantCode(t, err, skillkeepr.EUNAUTHORIZED)
		entries, _, err := s.FindAuditEntries(a.Ctx(a.SuperAdmin), skillkeepr.AuditFilter{EntityType: "api_token"})
		ok(t, err)
		if len(entries) != 2 || strings.Contains(entries[0].Before+entries[1].After, token) {
			t.Fatalf("audit: %+v", entries)
		}
	})
}

func TestFailedLogins(t *testing.T) {
	t.Parallel()
	ForEachEngine(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		clock := &fakeClock{t: time.Date(2026, 1, 1, 9, 0, 0, 0, time.UTC)}
		s.now = clock.now
		start := clock.t
		for range 3 {
			ok(t, s.RecordFailedLogin(ctx, "email:a@acme.test"))
			clock.add(time.Minute)
		}
		ok(t, s.RecordFailedLogin(ctx, "ip:127.0.0.1"))
		n, err := s.FailedLogins(ctx, "email:a@acme.test", start)
		ok(t, err)
		if n != 3 {
			t.Fatalf("failed logins %d, want 3", n)
		}
		n, _ = s.FailedLogins(ctx, "email:a@acme.test", start.Add(90*time.Second))
		if n != 1 {
			t.Fatalf("failed logins since 90s %d, want 1", n)
		}
		ok(t, s.ClearFailedLogins(ctx, "email:a@acme.test"))
		n, _ = s.FailedLogins(ctx, "email:a@acme.test", start)
		if n != 0 {
			t.Fatalf("after clear %d", n)
		}
		n, _ = s.FailedLogins(ctx, "ip:127.0.0.1", start)
		if n != 1 {
			t.Fatalf("other key %d", n)
		}
	})
}
