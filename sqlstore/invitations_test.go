package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/skillkeepr/skillkeepr"
)

// outbox is an Enqueuer that keeps tasks in memory; fail makes it refuse.
type outbox struct {
	mu    sync.Mutex
	tasks []skillkeepr.Task
	fail  bool
}

func (o *outbox) EnqueueTx(ctx context.Context, tx *sql.Tx, t skillkeepr.Task) error {
	if tx == nil {
		return errors.New("no transaction")
	}
	o.mu.Lock()
	defer o.mu.Unlock()
	if o.fail {
		return errors.New("queue is down")
	}
	o.tasks = append(o.tasks, t)
	return nil
}

func (o *outbox) last() skillkeepr.SendEmailTask {
	o.mu.Lock()
	defer o.mu.Unlock()
	return o.tasks[len(o.tasks)-1].(skillkeepr.SendEmailTask)
}

func invitationEmail(inv *skillkeepr.Invitation, token string) skillkeepr.EmailMessage {
	return skillkeepr.EmailMessage{To: []string{inv.Email}, Subject: "Join " + inv.OrgName, Text: "https://sk.test/invite/" + token, Kind: "invitation"}
}

func tokenOf(m skillkeepr.EmailMessage) string {
	return strings.TrimPrefix(m.Text, "https://sk.test/invite/")
}

func TestInvitations(t *testing.T) {
	t.Parallel()
	ForEachEngine(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		a := SeedTestOrg(t, s, "Acme")
		b := SeedTestOrg(t, s, "Beta")
		hr := a.Ctx(a.RecruiterAdmin)
		invite := skillkeepr.InvitationCreate{Email: "New.Person@Example.com", Role: skillkeepr.RoleCollaborator, DepartmentIDs: []int64{a.Design.ID}}

		// No queue: refused, nothing written.
		_, err := s.CreateInvitation(hr, invite, invitationEmail)
		wantCode(t, err, skillkeepr.EUNAVAILABLE)
		q := &outbox{fail: true}
		s.SetEnqueuer(q)
		_, err = s.CreateInvitation(hr, invite, invitationEmail)
		if err == nil {
			t.Fatal("failing enqueuer accepted")
		}
		q.fail = false
		if list := must[[]*skillkeepr.Invitation](t)(s.FindInvitations(hr)); len(list) != 0 {
			t.Fatalf("invitation left behind after failed enqueue: %+v", list)
		}

		_, err = s.CreateInvitation(hr, skillkeepr.InvitationCreate{Email: "x", Role: skillkeepr.RoleCollaborator}, invitationEmail)
		wantField(t, err, "email")
		wantField(t, err, "department_ids")
		_, err = s.CreateInvitation(hr, skillkeepr.InvitationCreate{Email: "boss@example.com", Role: skillkeepr.RoleSuperAdmin}, invitationEmail)
		wantCode(t, err, skillkeepr.EFORBIDDEN)
		_, err = s.CreateInvitation(a.Ctx(a.Recruiter), skillkeepr.InvitationCreate{Email: "r@example.com", Role: skillkeepr.RoleRecruiter}, invitationEmail)
		wantCode(t, err, skillkeepr.EFORBIDDEN)
		_, err = s.CreateInvitation(hr, skillkeepr.InvitationCreate{Email: "admin@beta.test", Role: skillkeepr.RoleRecruiter}, invitationEmail)
		wantCode(t, err, skillkeepr.ECONFLICT)
		if skillkeepr.ErrorFields(err)["email"] == "" {
			t.Fatalf("no email field: %v", err)
		}
		_, err = s.CreateInvitation(hr, skillkeepr.InvitationCreate{Email: "c@example.com", Role: skillkeepr.RoleCollaborator,
			DepartmentIDs: []int64{b.Design.ID}}, invitationEmail)
		wantField(t, err, "department_ids")

		inv, err := s.CreateInvitation(hr, invite, invitationEmail)
		ok(t, err)
		if inv.Email != "new.person@example.com" || inv.OrgName != "Acme" || inv.InvitedByName != a.RecruiterAdmin.Name ||
			inv.ExpiresAt.Sub(inv.CreatedAt) != skillkeepr.InvitationTTL {
			t.Fatalf("invitation %+v", inv)
		}
		msg := q.last().Message
		token := tokenOf(msg)
		if msg.OrgID != a.Org.ID || msg.To[0] != inv.Email || len(token) < 40 {
			t.Fatalf("email %+v", msg)
		}
		var stored int
		ok(t, s.read().queryRow(ctx, `SELECT count(*) FROM invitations WHERE token_hash = ?`, token).Scan(&stored))
		if stored != 0 {
			t.Fatal("token stored in clear")
		}
		got := must[*skillkeepr.Invitation](t)(s.FindInvitationByToken(ctx, token))
		if got.ID != inv.ID {
			t.Fatalf("by token %+v", got)
		}
		_, err = s.FindInvitationByToken(ctx, "nope")
		wantCode(t, err, skillkeepr.ENOTFOUND)

		// Tenant isolation.
		wantCode(t, s.RevokeInvitation(b.Ctx(b.SuperAdmin), inv.ID), skillkeepr.ENOTFOUND)
		if list := must[[]*skillkeepr.Invitation](t)(s.FindInvitations(b.Ctx(b.SuperAdmin))); len(list) != 0 {
			t.Fatalf("org B sees %d invitations", len(list))
		}
		_, err = s.FindInvitations(a.Ctx(a.Recruiter))
		wantCode(t, err, skillkeepr.EFORBIDDEN)

		// Accept: once.
		_, err = s.AcceptInvitation(ctx, token, " ", "hash")
		wantField(t, err, "name")
		u, err := s.AcceptInvitation(ctx, token, "New Person", "hash")
		ok(t, err)
		if u.OrgID != a.Org.ID || u.Role != skillkeepr.RoleCollaborator || len(u.DepartmentIDs) != 1 || u.DepartmentIDs[0] != a.Design.ID || !u.Active {
			t.Fatalf("user %+v", u)
		}
		_, err = s.AcceptInvitation(ctx, token, "Again", "hash")
		wantCode(t, err, skillkeepr.ENOTFOUND)
		_, err = s.FindInvitationByToken(ctx, token)
		wantCode(t, err, skillkeepr.ENOTFOUND)
		wantCode(t, s.RevokeInvitation(hr, inv.ID), skillkeepr.ECONFLICT)

		// Revoked and expired links do not work.
		inv2 := must[*skillkeepr.Invitation](t)(s.CreateInvitation(hr, skillkeepr.InvitationCreate{Email: "r2@example.com", Role: skillkeepr.RoleRecruiter}, nil))
		t2 := q.last().Message
		if !strings.Contains(t2.Subject, "Acme") {
			t.Fatalf("default email %+v", t2)
		}
		tok2 := t2.Text[strings.Index(t2.Text, "code: ")+6 : strings.Index(t2.Text, "\n\nIt works")]
		must[*skillkeepr.Invitation](t)(s.FindInvitationByToken(ctx, tok2))
		wantCode(t, s.RevokeInvitation(a.Ctx(a.Collaborator), inv2.ID), skillkeepr.EFORBIDDEN)
		ok(t, s.RevokeInvitation(hr, inv2.ID))
		_, err = s.AcceptInvitation(ctx, tok2, "R2", "hash")
		wantCode(t, err, skillkeepr.ENOTFOUND)

		must[*skillkeepr.Invitation](t)(s.CreateInvitation(hr, skillkeepr.InvitationCreate{Email: "r3@example.com", Role: skillkeepr.RoleRecruiter}, invitationEmail))
		tok3 := tokenOf(q.last().Message)
		later := time.Now().Add(skillkeepr.InvitationTTL + time.Minute)
		s.now = func() time.Time { return later }
		_, err = s.AcceptInvitation(ctx, tok3, "R3", "hash")
		wantCode(t, err, skillkeepr.ENOTFOUND)

		entries, _, err := s.FindAuditEntries(a.Ctx(a.SuperAdmin), skillkeepr.AuditFilter{EntityType: "invitation"})
		ok(t, err)
		acts := []string{}
		for _, e := range entries {
			acts = append(acts, e.Action)
			if strings.Contains(e.Before+e.After+e.Summary, token) {
				t.Fatal("audit leaks the token")
			}
		}
		if strings.Join(acts, ",") != "invitation.create,invitation.revoke,invitation.create,invitation.accept,invitation.create" {
			t.Fatalf("audit %v", acts)
		}
	})
}

func TestMailbox(t *testing.T) {
	t.Parallel()
	ForEachEngine(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		a := SeedTestOrg(t, s, "Acme")
		b := SeedTestOrg(t, s, "Beta")
		m := s.Mailer()
		wantField(t, m.Send(ctx, skillkeepr.EmailMessage{OrgID: a.Org.ID}), "to")
		ok(t, m.Send(ctx, skillkeepr.EmailMessage{OrgID: a.Org.ID, To: []string{"x@example.com"}, Subject: "Hi", Text: "Hello", Kind: "invitation"}))
		ok(t, m.Send(ctx, skillkeepr.EmailMessage{OrgID: b.Org.ID, To: []string{"y@example.com"}, Subject: "Beta", Text: "B"}))
		list := must[[]*skillkeepr.SentEmail](t)(s.FindSentEmails(a.Ctx(a.SuperAdmin), 10))
		if len(list) != 1 || list[0].Subject != "Hi" || list[0].To[0] != "x@example.com" || list[0].Kind != "invitation" {
			t.Fatalf("mailbox %+v", list)
		}
		got := must[*skillkeepr.SentEmail](t)(s.FindSentEmailByID(a.Ctx(a.RecruiterAdmin), list[0].ID))
		if got.Text != "Hello" {
			t.Fatalf("email %+v", got)
		}
		_, err := s.FindSentEmailByID(b.Ctx(b.SuperAdmin), list[0].ID)
		wantCode(t, err, skillkeepr.ENOTFOUND)
		_, err = s.FindSentEmails(a.Ctx(a.Collaborator), 10)
		wantCode(t, err, skillkeepr.EFORBIDDEN)
	})
}
