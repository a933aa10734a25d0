package api_test

import (
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/skillkeepr/skillkeepr"
)

func TestCommentsAndNotificationsAPI(t *testing.T) {
	t.Parallel()
	forEachEngine(t, func(t *testing.T, e *env) {
		a := e.a
		eng := e.mustJob(a.SuperAdmin, "Go Engineer", a.Engineering.ID)
		if _, err := e.svc.Jobs.AssignJob(ctxAs(a.SuperAdmin), eng.ID, []int64{a.Recruiter.ID}); err != nil {
			t.Fatal(err)
		}
		design := e.mustJob(a.SuperAdmin, "Designer", a.Design.ID)
		cand, _ := e.mustCandidate(a.SuperAdmin, "Jane Doe", "jane@mail.test", eng.ID)
		other, _ := e.mustCandidate(a.SuperAdmin, "John Roe", "john@mail.test", design.ID)
		path := fmt.Sprintf("/api/v1/candidates/%d/comments", cand.ID)

		// Mention by email; the schema of the answer is checked by e.do.
		c := decode[skillkeepr.Comment](t, e.do(a.Recruiter, "POST", path, map[string]any{"body": "Ask @" + a.Collaborator.Email + " please"}), http.StatusCreated)
		if len(c.Mentions) != 1 || c.Mentions[0].UserID != a.Collaborator.ID || c.AuthorID != a.Recruiter.ID {
			t.Fatalf("comment %+v", c)
		}
		if l := decode[listOf[skillkeepr.Comment]](t, e.do(a.Collaborator, "GET", path, nil), http.StatusOK); l.Total != 1 || l.Data[0].Body != c.Body {
			t.Errorf("list %+v", l)
		}

		// Permissions by role and tenant: who may read and comment.
		otherPath := fmt.Sprintf("/api/v1/candidates/%d/comments", other.ID)
		for _, tt := range []struct {
			who  string
			u    *skillkeepr.User
			path string
			want int
		}{
			{"Super Admin", a.SuperAdmin, otherPath, http.StatusCreated},
			{"Recruiter Admin", a.RecruiterAdmin, otherPath, http.StatusCreated},
			{"Recruiter, unassigned job", a.Recruiter, otherPath, http.StatusNotFound},
			{"Collaborator, other department", a.Collaborator, otherPath, http.StatusNotFound},
			{"Collaborator, own department", a.Collaborator, path, http.StatusCreated},
			{"another organisation's admin", e.b.SuperAdmin, path, http.StatusNotFound},
		} {
			if r := e.do(tt.u, "POST", tt.path, map[string]any{"body": "from " + tt.who}); r.Code != tt.want {
				t.Errorf("%s: POST %d, want %d: %s", tt.who, r.Code, tt.want, r.Body)
			}
			want := tt.want
			if want == http.StatusCreated {
				want = http.StatusOK
			}
			if r := e.do(tt.u, "GET", tt.path, nil); r.Code != want {
				t.Errorf("%s: GET %d, want %d", tt.who, r.Code, want)
			}
		}

		// Bad input: field errors.
		r := e.do(a.SuperAdmin, "POST", path, map[string]any{"body": "  "})
		if code, _, fields := r.errBody(t); r.Code != http.StatusBadRequest || code != "invalid" || fields["body"] == "" {
			t.Errorf("empty body: %s", r)
		}
		r = e.do(a.SuperAdmin, "POST", path, map[string]any{"body": "@" + e.b.Recruiter.Name + " hi"})
		if _, _, fields := r.errBody(t); r.Code != http.StatusBadRequest || !strings.Contains(fields["body"], "No one in your organisation is called @Rui") {
			t.Errorf("mention of another organisation's user: %s", r)
		}
		if r := e.do(a.SuperAdmin, "POST", path, `{"body": 5}`); r.Code != http.StatusBadRequest {
			t.Errorf("wrong type: %s", r)
		}

		// Edit and delete: the author only edits; others' ids are not found.
		cpath := fmt.Sprintf("/api/v1/comments/%d", c.ID)
		if r := e.do(a.SuperAdmin, "PATCH", cpath, map[string]any{"body": "rewritten"}); r.Code != http.StatusForbidden {
			t.Errorf("admin edits someone's comment: %s", r)
		}
		if r := e.do(e.b.SuperAdmin, "DELETE", cpath, nil); r.Code != http.StatusNotFound {
			t.Errorf("other organisation deletes: %s", r)
		}
		if u := decode[skillkeepr.Comment](t, e.do(a.Recruiter, "PATCH", cpath, map[string]any{"body": "Ask @" + a.Collaborator.Name}), http.StatusOK); u.EditedAt == nil {
			t.Errorf("edited %+v", u)
		}

		// Notifications: the Collaborator was mentioned once (the edit repeats the mention).
		un := decode[struct{ Unread int }](t, e.do(a.Collaborator, "GET", "/api/v1/notifications/unread-count", nil), http.StatusOK)
		if un.Unread != 1 {
			t.Errorf("unread %d, want 1", un.Unread)
		}
		ns := decode[listOf[skillkeepr.Notification]](t, e.do(a.Collaborator, "GET", "/api/v1/notifications?unread_only=true", nil), http.StatusOK)
		if ns.Total != 1 || ns.Data[0].Kind != skillkeepr.NotifyMention {
			t.Fatalf("notifications %+v", ns)
		}
		npath := fmt.Sprintf("/api/v1/notifications/%d/read", ns.Data[0].ID)
		if r := e.do(a.Recruiter, "POST", npath, nil); r.Code != http.StatusNotFound {
			t.Errorf("someone else's notification: %s", r)
		}
		if r := e.do(e.b.Collaborator, "POST", npath, nil); r.Code != http.StatusNotFound {
			t.Errorf("another organisation's notification: %s", r)
		}
		if n := decode[skillkeepr.Notification](t, e.do(a.Collaborator, "POST", npath, nil), http.StatusOK); n.ReadAt == nil {
			t.Error("not marked read")
		}
		if r := e.do(a.Recruiter, "GET", "/api/v1/notifications?unread_only=maybe", nil); r.Code != http.StatusBadRequest {
			t.Errorf("bad unread_only: %s", r)
		}
		m := decode[struct{ Marked int }](t, e.do(a.Recruiter, "POST", "/api/v1/notifications/read-all", nil), http.StatusOK)
		if m.Marked != 1 { // the assignment
			t.Errorf("marked %d, want 1", m.Marked)
		}

		// Settings.
		st := decode[skillkeepr.NotificationSettings](t, e.do(a.Collaborator, "GET", "/api/v1/me/notification-settings", nil), http.StatusOK)
		if !st.Email {
			t.Error("emails are on by default")
		}
		if r := e.do(a.Collaborator, "PUT", "/api/v1/me/notification-settings", map[string]any{}); r.Code != http.StatusBadRequest {
			t.Errorf("settings without email: %s", r)
		}
		st = decode[skillkeepr.NotificationSettings](t, e.do(a.Collaborator, "PUT", "/api/v1/me/notification-settings", map[string]any{"email": false}), http.StatusOK)
		if st.Email {
			t.Error("emails still on")
		}
		sent := 0
		for _, m := range e.enq.Emails() {
			if m.Kind == "notification_mention" {
				sent++
			}
		}
		if sent != 1 {
			t.Errorf("mention emails %d, want 1", sent)
		}
		if r := e.do(a.Recruiter, "DELETE", cpath, nil); r.Code != http.StatusNoContent {
			t.Errorf("author deletes: %s", r)
		}
		if r := e.do(nil, "GET", "/api/v1/notifications", nil); r.Code != http.StatusUnauthorized {
			t.Errorf("no actor: %s", r)
		}
	})
}
