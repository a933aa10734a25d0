package web_test

import (
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
)

func TestInviteAndAccept(t *testing.T) {
	t.Parallel()
	forEachEngine(t, func(t *testing.T, e *env) {
		if e.svc.Invitations == nil {
			t.Skip("the store has no invitation service yet")
		}
		c := e.login(e.org.RecruiterAdmin)
		c.get("/users")
		r := c.post("/users/invitations", url.Values{"email": {"not an email"}, "role": {"recruiter"}})
		wantStatus(t, r, http.StatusBadRequest)
		wantContains(t, r, "Enter a valid email address")
		r = c.post("/users/invitations", url.Values{"email": {"boss@acme.test"}, "role": {"super_admin"}})
		if r.StatusCode != http.StatusForbidden && r.StatusCode != http.StatusBadRequest {
			t.Fatalf("Recruiter Admin invited a Super Admin: %d", r.StatusCode)
		}
		r = c.post("/users/invitations", url.Values{"email": {"new.recruiter@acme.test"}, "role": {"recruiter"}})
		wantStatus(t, r, http.StatusSeeOther)
		wantContains(t, c.get("/users"), "new.recruiter@acme.test")

		mails := e.enq.Emails()
		if len(mails) != 1 {
			t.Fatalf("%d invitation emails", len(mails))
		}
		i := strings.Index(mails[0].Text, "/invitations/")
		if i < 0 {
			t.Fatalf("no link in %q", mails[0].Text)
		}
		link := strings.Fields(mails[0].Text[i:])[0]

		guest := e.client()
		r = guest.get(link)
		wantStatus(t, r, http.StatusOK)
		wantContains(t, r, "Acme", "Recruiter", "new.recruiter@acme.test")
		r = guest.post(link, url.Values{"name": {"Nia"}, "password": {"short"}, "confirm_password": {"short"}})
		wantStatus(t, r, http.StatusBadRequest)
		wantContains(t, r, "at least 10 characters", `value="Nia"`)
		r = guest.post(link, url.Values{"name": {"Nia New"}, "password": {"a long enough password"}, "confirm_password": {"a long enough password"}})
		wantStatus(t, r, http.StatusSeeOther)
		r = guest.get("/")
		wantStatus(t, r, http.StatusOK)
		wantContains(t, r, "Nia New", "Recruiter")

		// A used link is no longer valid.
		r = e.client().get(link)
		wantStatus(t, r, http.StatusNotFound)
		wantContains(t, r, "This invitation link is no longer valid; ask your administrator for a new one.")
		wantStatus(t, e.client().get("/invitations/garbage"), http.StatusNotFound)

		// A withdrawn invitation's link stops working.
		c.get("/users")
		wantStatus(t, c.post("/users/invitations", url.Values{"email": {"lead2@acme.test"}, "role": {"collaborator"},
			"department_id": {fmt.Sprint(e.org.Design.ID)}}), http.StatusSeeOther)
		mails = e.enq.Emails()
		i = strings.Index(mails[len(mails)-1].Text, "/invitations/")
		link2 := strings.Fields(mails[len(mails)-1].Text[i:])[0]
		r = c.get("/users")
		wantContains(t, r, "lead2@acme.test", "Withdraw")
		m := regexp.MustCompile(`action="(/users/invitations/\d+/revoke)"`).FindStringSubmatch(r.body)
		if m == nil {
			t.Fatal("no withdraw form")
		}
		wantStatus(t, c.post(m[1], nil), http.StatusSeeOther)
		wantStatus(t, e.client().get(link2), http.StatusNotFound)
		if strings.Contains(c.get("/users").body, "lead2@acme.test") {
			t.Error("withdrawn invitation still listed as pending")
		}
	})
}
