package sqlstore

import (
	"context"
	"strconv"
	"strings"
	"testing"

	"github.com/skillkeepr/skillkeepr"
)

// collabWorld is a world with a candidate on each job and a recording
// outbox.
type collabWorld struct {
	*world
	enq               *RecordingEnqueuer
	engCand, desCand  *skillkeepr.Candidate
	sa, ra, rec, coll context.Context
}

func newCollabWorld(t *testing.T, s *Store, name string) *collabWorld {
	t.Helper()
	enq := &RecordingEnqueuer{}
	s.SetEnqueuer(enq)
	w := &collabWorld{world: newWorld(t, s, name), enq: enq}
	w.sa, w.ra, w.rec, w.coll = w.Ctx(w.SuperAdmin), w.Ctx(w.RecruiterAdmin), w.Ctx(w.Recruiter), w.Ctx(w.Collaborator)
	mk := func(who string, job int64) *skillkeepr.Candidate {
		c, _, err := s.CreateCandidate(w.sa, skillkeepr.CandidateCreate{JobID: job,
			CandidateFields: skillkeepr.CandidateFields{Name: who, Emails: []string{strings.ToLower(strings.ReplaceAll(who, " ", ".")) + "@mail.test"}}})
		ok(t, err)
		return c
	}
	w.engCand = mk("Eng Candidate "+name, w.eng.ID)
	w.desCand = mk("Design Candidate "+name, w.design.ID)
	return w
}

func (w *collabWorld) emailsTo(addr, kind string) int {
	n := 0
	for _, m := range w.enq.Emails() {
		if m.Kind == kind && len(m.To) == 1 && m.To[0] == addr {
			n++
		}
	}
	return n
}

func TestCommentPermissionsByRole(t *testing.T) {
	t.Parallel()
	ForEachEngine(t, func(t *testing.T, s *Store) {
		w := newCollabWorld(t, s, "Acme")
		tests := []struct {
			who  string
			ctx  context.Context
			cand *skillkeepr.Candidate
			want skillkeepr.ErrorCode
		}{
			{"Super Admin, Engineering candidate", w.sa, w.engCand, ""},
			{"Recruiter Admin, Design candidate", w.ra, w.desCand, ""},
			{"assigned Recruiter, Engineering candidate", w.rec, w.engCand, ""},
			{"Recruiter, candidate of an unassigned job", w.rec, w.desCand, skillkeepr.ENOTFOUND},
			{"Engineering Collaborator, Engineering candidate", w.coll, w.engCand, ""},
			{"Engineering Collaborator, Design candidate", w.coll, w.desCand, skillkeepr.ENOTFOUND},
		}
		for _, tt := range tests {
			_, err := s.CreateComment(tt.ctx, tt.cand.ID, "A thought from "+tt.who)
			if got := skillkeepr.ErrorCodeOf(err); got != tt.want {
				t.Errorf("%s: comment: %q (%v), want %q", tt.who, got, err, tt.want)
			}
			cs, err := s.FindComments(tt.ctx, tt.cand.ID)
			if got := skillkeepr.ErrorCodeOf(err); got != tt.want {
				t.Errorf("%s: read: %q (%v), want %q", tt.who, got, err, tt.want)
			}
			if tt.want == "" && (len(cs) == 0 || cs[0].Body != "A thought from "+tt.who || cs[0].AuthorName == "") {
				t.Errorf("%s: newest comment %+v", tt.who, cs)
			}
		}
		// The people a comment may mention are those who may see the candidate.
		names := func(cand *skillkeepr.Candidate) string {
			us := must[[]skillkeepr.MentionableUser](t)(s.FindMentionableUsers(w.sa, cand.ID))
			var out []string
			for _, u := range us {
				out = append(out, u.Name)
			}
			return strings.Join(out, ", ")
		}
		if got := names(w.engCand); got != "Ada Acme, Hana Acme, Lea Acme, Rui Acme" {
			t.Errorf("mentionable on the Engineering candidate: %s", got)
		}
		if got := names(w.desCand); got != "Ada Acme, Hana Acme" {
			t.Errorf("mentionable on the Design candidate: %s", got)
		}
		_, err := s.FindMentionableUsers(w.coll, w.desCand.ID)
		wantCode(t, err, skillkeepr.ENOTFOUND)

		_, err = s.CreateComment(context.Background(), w.engCand.ID, "anonymous")
		wantCode(t, err, skillkeepr.EUNAUTHORIZED)
		_, err = s.CreateComment(w.sa, w.engCand.ID, "   ")
		wantField(t, err, "body")
		_, err = s.CreateComment(w.sa, w.engCand.ID, strings.Repeat("x", skillkeepr.MaxCommentLength+1))
		wantField(t, err, "body")
	})
}

func TestCommentEditAndDelete(t *testing.T) {
	t.Parallel()
	ForEachEngine(t, func(t *testing.T, s *Store) {
		w := newCollabWorld(t, s, "Acme")
		c := must[*skillkeepr.Comment](t)(s.CreateComment(w.rec, w.engCand.ID, "First thoughts"))
		_, err := s.UpdateComment(w.sa, c.ID, "Rewritten by an admin")
		wantCode(t, err, skillkeepr.EFORBIDDEN)
		u := must[*skillkeepr.Comment](t)(s.UpdateComment(w.rec, c.ID, "Second thoughts"))
		if u.Body != "Second thoughts" || u.EditedAt == nil {
			t.Errorf("edited %+v", u)
		}
		wantCode(t, s.DeleteComment(w.coll, c.ID), skillkeepr.EFORBIDDEN)
		c2 := must[*skillkeepr.Comment](t)(s.CreateComment(w.coll, w.engCand.ID, "Lead's note"))
		ok(t, s.DeleteComment(w.coll, c2.ID))
		ok(t, s.DeleteComment(w.ra, c.ID)) // an admin removes someone else's
		cs := must[[]*skillkeepr.Comment](t)(s.FindComments(w.sa, w.engCand.ID))
		if len(cs) != 0 {
			t.Errorf("comments left: %+v", cs)
		}
		wantCode(t, s.DeleteComment(w.rec, c.ID), skillkeepr.ENOTFOUND)
		entries, _, err := s.FindAuditEntries(w.sa, skillkeepr.AuditFilter{EntityType: "comment"})
		ok(t, err)
		if len(entries) != 5 {
			t.Errorf("audit entries about comments: %d, want 5", len(entries))
		}
	})
}

func TestMentionsNotify(t *testing.T) {
	t.Parallel()
	ForEachEngine(t, func(t *testing.T, s *Store) {
		w := newCollabWorld(t, s, "Acme")
		// "@Lea Acme" by name, "@hr@acme.test" by email, "@Rui Acme" is the author.
		c := must[*skillkeepr.Comment](t)(s.CreateComment(w.rec, w.engCand.ID, "@Lea Acme and @hr@acme.test: strong Go; @Rui Acme will book."))
		if len(c.Mentions) != 3 || c.Mentions[0].UserID != w.Collaborator.ID || c.Mentions[1].UserID != w.RecruiterAdmin.ID {
			t.Fatalf("mentions %+v", c.Mentions)
		}
		for _, who := range []struct {
			ctx  context.Context
			addr string
		}{{w.coll, w.Collaborator.Email}, {w.ra, w.RecruiterAdmin.Email}} {
			if n := must[int](t)(s.UnreadNotificationCount(who.ctx)); n != 1 {
				t.Errorf("%s: unread %d, want 1", who.addr, n)
			}
			ns, total := must2(t)(s.FindNotifications(who.ctx, skillkeepr.NotificationFilter{}))
			if total != 1 || ns[0].Kind != skillkeepr.NotifyMention || ns[0].ActorName != w.Recruiter.Name ||
				ns[0].Link != "/candidates/"+strconv.FormatInt(w.engCand.ID, 10)+"#comment-"+strconv.FormatInt(c.ID, 10) ||
				!strings.Contains(ns[0].Title, "a candidate under blind review") || strings.Contains(ns[0].Title, w.engCand.Name) || !ns[0].Unread() {
				t.Errorf("%s: notifications %+v", who.addr, ns)
			}
			if n := w.emailsTo(who.addr, "notification_mention"); n != 1 {
				t.Errorf("%s: %d mention emails, want 1", who.addr, n)
			}
		}
		if n := must[int](t)(s.UnreadNotificationCount(w.rec)); n != 1 { // only the assignment of newWorld
			t.Errorf("the author was notified of their own mention: %d unread", n)
		}

		// Editing notifies only the people mentioned for the first time.
		_, err := s.UpdateComment(w.rec, c.ID, "@Lea Acme, @hr@acme.test and @Ada Acme: strong Go.")
		ok(t, err)
		for _, who := range []struct {
			ctx  context.Context
			want int
		}{{w.coll, 1}, {w.ra, 1}, {w.sa, 1}} {
			if n := must[int](t)(s.UnreadNotificationCount(who.ctx)); n != who.want {
				t.Errorf("after the edit: unread %d, want %d", n, who.want)
			}
		}

		// Unknown people and people who cannot see the candidate are refused, by name.
		_, err = s.CreateComment(w.sa, w.engCand.ID, "@Nobody Here and @ghost@acme.test")
		wantField(t, err, "body")
		if msg := skillkeepr.ErrorFields(err)["body"]; !strings.Contains(msg, "@Nobody") || !strings.Contains(msg, "@ghost@acme.test") {
			t.Errorf("unknown mention message %q", msg)
		}
		_, err = s.CreateComment(w.sa, w.desCand.ID, "@Rui Acme please book a call")
		wantField(t, err, "body")
		if msg := skillkeepr.ErrorFields(err)["body"]; !strings.Contains(msg, "Rui Acme cannot see this candidate") {
			t.Errorf("blind mention message %q", msg)
		}
		// A deactivated colleague is nobody to mention.
		inactive := false
		_, err = s.UpdateUser(w.sa, w.Collaborator.ID, skillkeepr.UserUpdate{Active: &inactive})
		ok(t, err)
		_, err = s.CreateComment(w.sa, w.engCand.ID, "@Lea Acme?")
		wantField(t, err, "body")

		// Emails off: the notification stays, the email goes.
		_, err = s.UpdateNotificationSettings(w.ra, skillkeepr.NotificationSettings{Email: false})
		ok(t, err)
		if st := must[*skillkeepr.NotificationSettings](t)(s.FindNotificationSettings(w.ra)); st.Email {
			t.Error("email setting not saved")
		}
		_, err = s.CreateComment(w.sa, w.engCand.ID, "Over to you @Hana Acme")
		ok(t, err)
		if n := must[int](t)(s.UnreadNotificationCount(w.ra)); n != 2 {
			t.Errorf("unread with emails off: %d, want 2", n)
		}
		if n := w.emailsTo(w.RecruiterAdmin.Email, "notification_mention"); n != 1 {
			t.Errorf("mention emails with emails off: %d, want still 1", n)
		}
	})
}

func must2(t *testing.T) func(ns []*skillkeepr.Notification, total int, err error) ([]*skillkeepr.Notification, int) {
	return func(ns []*skillkeepr.Notification, total int, err error) ([]*skillkeepr.Notification, int) {
		t.Helper()
		ok(t, err)
		return ns, total
	}
}

func TestAssignmentNotifies(t *testing.T) {
	t.Parallel()
	ForEachEngine(t, func(t *testing.T, s *Store) {
		w := newCollabWorld(t, s, "Acme")
		// newWorld assigned the Engineering job to the Recruiter.
		ns, _ := must2(t)(s.FindNotifications(w.rec, skillkeepr.NotificationFilter{}))
		if len(ns) != 1 || ns[0].Kind != skillkeepr.NotifyJobAssigned || ns[0].Link != "/jobs/"+strconv.FormatInt(w.eng.ID, 10) ||
			!strings.Contains(ns[0].Title, "#"+strconv.FormatInt(w.eng.Number, 10)) {
			t.Fatalf("assignment notifications %+v", ns)
		}
		if n := w.emailsTo(w.Recruiter.Email, "notification_job_assigned"); n != 1 {
			t.Errorf("assignment emails %d, want 1", n)
		}
		// Adding someone notifies only them; the Recruiter Admin assigning themself is not told.
		_, err := s.AssignJob(w.ra, w.eng.ID, []int64{w.Recruiter.ID, w.RecruiterAdmin.ID})
		ok(t, err)
		if n := must[int](t)(s.UnreadNotificationCount(w.rec)); n != 1 {
			t.Errorf("re-assigned recruiter: %d unread, want 1", n)
		}
		if n := must[int](t)(s.UnreadNotificationCount(w.ra)); n != 0 {
			t.Errorf("self-assignment notified: %d", n)
		}
		// A refused assignment leaves no notification behind.
		_, err = s.AssignJob(w.sa, w.design.ID, []int64{w.Recruiter.ID, w.Collaborator.ID})
		wantField(t, err, "recruiter_ids")
		if n := must[int](t)(s.UnreadNotificationCount(w.rec)); n != 1 {
			t.Errorf("refused assignment notified: %d", n)
		}
	})
}

func TestNotificationsReadAndIsolation(t *testing.T) {
	t.Parallel()
	ForEachEngine(t, func(t *testing.T, s *Store) {
		w := newCollabWorld(t, s, "Acme")
		other := newCollabWorld(t, s, "Globex")
		c := must[*skillkeepr.Comment](t)(s.CreateComment(w.sa, w.engCand.ID, "@Rui Acme have a look"))
		ns, _ := must2(t)(s.FindNotifications(w.rec, skillkeepr.NotificationFilter{UnreadOnly: true}))
		if len(ns) != 2 {
			t.Fatalf("unread %d, want 2", len(ns))
		}
		if ns[0].Kind != skillkeepr.NotifyMention {
			t.Errorf("newest first: got %s", ns[0].Kind)
		}

		// Another organisation's ids are not found, whoever asks.
		_, err := s.CreateComment(other.sa, w.engCand.ID, "hello")
		wantCode(t, err, skillkeepr.ENOTFOUND)
		_, err = s.FindComments(other.sa, w.engCand.ID)
		wantCode(t, err, skillkeepr.ENOTFOUND)
		_, err = s.UpdateComment(other.sa, c.ID, "mine now")
		wantCode(t, err, skillkeepr.ENOTFOUND)
		wantCode(t, s.DeleteComment(other.sa, c.ID), skillkeepr.ENOTFOUND)
		_, err = s.ReadNotification(other.rec, ns[0].ID)
		wantCode(t, err, skillkeepr.ENOTFOUND)
		// Nor can a colleague read someone else's notification.
		_, err = s.ReadNotification(w.sa, ns[0].ID)
		wantCode(t, err, skillkeepr.ENOTFOUND)
		// A user of another organisation cannot be mentioned, even by exact email.
		_, err = s.CreateComment(w.sa, w.engCand.ID, "@"+other.Recruiter.Email+" hi")
		wantField(t, err, "body")
		if n := must[int](t)(s.UnreadNotificationCount(other.rec)); n != 1 {
			t.Errorf("other organisation's recruiter: %d unread, want 1", n)
		}

		n := must[*skillkeepr.Notification](t)(s.ReadNotification(w.rec, ns[0].ID))
		if n.ReadAt == nil {
			t.Error("not marked read")
		}
		again := must[*skillkeepr.Notification](t)(s.ReadNotification(w.rec, ns[0].ID))
		if !again.ReadAt.Equal(*n.ReadAt) {
			t.Error("reading again changed the time it was first read")
		}
		if got := must[int](t)(s.UnreadNotificationCount(w.rec)); got != 1 {
			t.Errorf("unread after one read: %d", got)
		}
		if got := must[int](t)(s.MarkAllNotificationsRead(w.rec)); got != 1 {
			t.Errorf("mark all read: %d, want 1", got)
		}
		if got := must[int](t)(s.UnreadNotificationCount(w.rec)); got != 0 {
			t.Errorf("unread after mark all: %d", got)
		}
		_, total := must2(t)(s.FindNotifications(w.rec, skillkeepr.NotificationFilter{}))
		if total != 2 {
			t.Errorf("read notifications are kept: total %d", total)
		}
	})
}

// The bell stops counting at MaxUnreadCount, so a flood costs no more
// than a hundred index entries on every page.
func TestUnreadCountIsCapped(t *testing.T) {
	t.Parallel()
	ForEachEngine(t, func(t *testing.T, s *Store) {
		o := SeedTestOrg(t, s, "Acme")
		ok(t, s.inTx(context.Background(), func(tx *txn) error {
			for i := range skillkeepr.MaxUnreadCount + 20 {
				if err := tx.notify(context.Background(), o.Org.ID, nil, skillkeepr.NotificationCreate{UserID: o.Recruiter.ID,
					Kind: "test", Title: "Number " + strconv.Itoa(i), Link: "/"}); err != nil {
					return err
				}
			}
			return nil
		}))
		if n := must[int](t)(s.UnreadNotificationCount(o.Ctx(o.Recruiter))); n != skillkeepr.MaxUnreadCount {
			t.Errorf("unread %d, want the cap %d", n, skillkeepr.MaxUnreadCount)
		}
		// notify refuses links out of SkillKeepr and skips other organisations' users.
		err := s.inTx(context.Background(), func(tx *txn) error {
			return tx.notify(context.Background(), o.Org.ID, nil, skillkeepr.NotificationCreate{UserID: o.Recruiter.ID, Kind: "test", Title: "x", Link: "//evil.test"})
		})
		wantField(t, err, "link")
		ok(t, s.inTx(context.Background(), func(tx *txn) error {
			return tx.notify(context.Background(), o.Org.ID+999, nil, skillkeepr.NotificationCreate{UserID: o.Recruiter.ID, Kind: "test", Title: "x", Link: "/"})
		}))
		if n := must[int](t)(s.UnreadNotificationCount(o.Ctx(o.Recruiter))); n != skillkeepr.MaxUnreadCount {
			t.Errorf("unread %d after a foreign notify", n)
		}
	})
}
