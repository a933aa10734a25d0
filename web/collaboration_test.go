package web_test

import (
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/skillkeepr/skillkeepr"
)

// addCandidate adds a candidate to job j as the Super Admin.
func (e *env) addCandidate(name string, j *skillkeepr.Job) *skillkeepr.Candidate {
	e.t.Helper()
	c, _, err := e.svc.Candidates.CreateCandidate(e.ctx(e.org.SuperAdmin), skillkeepr.CandidateCreate{JobID: j.ID,
		CandidateFields: skillkeepr.CandidateFields{Name: name, Emails: []string{strings.ToLower(strings.ReplaceAll(name, " ", ".")) + "@mail.test"}}})
	if err != nil {
		e.t.Fatal(err)
	}
	return c
}

var bellRe = regexp.MustCompile(`class="bell-count" data-unread="(\d+)"`)

// bell returns the unread count the page shows, 0 without a badge.
func bell(t *testing.T, r resp) int {
	t.Helper()
	if !strings.Contains(r.body, `id="bell"`) {
		t.Fatalf("%s: no bell on the page", r.Request.URL.Path)
	}
	m := bellRe.FindStringSubmatch(r.body)
	if m == nil {
		return 0
	}
	n, _ := strconv.Atoi(m[1])
	return n
}

func TestCommentsAndMentionsInTheUI(t *testing.T) {
	t.Parallel()
	forEachEngine(t, func(t *testing.T, e *env) {
		job := e.createJob("Go Engineer", e.org.Engineering.ID, e.org.Recruiter.ID)
		cand := e.addCandidate("Jane Doe", job)
		candPath := "/candidates/" + strconv.FormatInt(cand.ID, 10)

		rec := e.login(e.org.Recruiter)
		page := rec.get(candPath)
		wantStatus(t, page, http.StatusOK)
		wantContains(t, page, `action="`+candPath+`/comments"`, "Add a comment", "People you can mention", e.org.Collaborator.Name)

		// A mention of someone who cannot see the candidate is refused, the text kept.
		design := e.createJob("Designer", e.org.Design.ID)
		other := e.addCandidate("John Roe", design)
		admin := e.login(e.org.SuperAdmin)
		admin.get("/candidates/" + strconv.FormatInt(other.ID, 10))
		r := admin.post("/candidates/"+strconv.FormatInt(other.ID, 10)+"/comments", url.Values{"body": {"@" + e.org.Collaborator.Name + " thoughts?"}})
		wantStatus(t, r, http.StatusBadRequest)
		wantContains(t, r, e.org.Collaborator.Name+" cannot see this candidate", "@"+e.org.Collaborator.Name+" thoughts?</textarea>")

		// An XSS attempt is shown as text; the mention is highlighted.
		body := `<script>alert("x")</script> @` + e.org.Collaborator.Name + ` <img src=x onerror=alert(1)>`
		r = rec.post(candPath+"/comments", url.Values{"body": {body}})
		wantStatus(t, r, http.StatusSeeOther)
		if loc := r.Header.Get("Location"); !strings.HasPrefix(loc, candPath+"#comment-") {
			t.Errorf("redirect to %q", loc)
		}
		page = rec.get(candPath)
		wantContains(t, page, "The person you mentioned was notified.", `class="comment-author">`+e.org.Recruiter.Name,
			`&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;`, `<mark class="mention" data-user="`+strconv.FormatInt(e.org.Collaborator.ID, 10)+`">@`+e.org.Collaborator.Name+`</mark>`,
			`&lt;img src=x onerror=alert(1)&gt;`, "Edit or delete")
		if strings.Contains(page.body, "<script>alert") || strings.Contains(page.body, "<img src=x") {
			t.Error("the comment's markup reached the page unescaped")
		}
		if n := bell(t, page); n != 1 { // the assignment of the job
			t.Errorf("recruiter's bell: %d, want 1", n)
		}

		// The Collaborator sees the bell, opens the notification and lands on the comment.
		lead := e.login(e.org.Collaborator)
		home := lead.get("/")
		if n := bell(t, home); n != 1 {
			t.Fatalf("lead's bell: %d, want 1", n)
		}
		list := lead.get("/notifications")
		wantStatus(t, list, http.StatusOK)
		wantContains(t, list, e.org.Recruiter.Name+" mentioned you in a comment on a candidate under blind review", "notification-unread", "Mark all as read")
		if strings.Contains(list.body, "<script>alert") || !strings.Contains(list.body, "&lt;script&gt;") {
			t.Error("the notification shows the comment's markup unescaped")
		}
		m := regexp.MustCompile(`href="(/notifications/\d+)"`).FindStringSubmatch(list.body)
		if m == nil {
			t.Fatal("no link to the notification")
		}
		open := lead.get(m[1])
		wantStatus(t, open, http.StatusSeeOther)
		if loc := open.Header.Get("Location"); !strings.HasPrefix(loc, candPath+"#comment-") {
			t.Errorf("opening the notification goes to %q", loc)
		}
		if n := bell(t, lead.get(candPath)); n != 0 {
			t.Errorf("bell after opening: %d", n)
		}
		// Others cannot open it, and their own read-all leaves it alone.
		wantStatus(t, rec.get(m[1]), http.StatusNotFound)

		// The Collaborator may not edit the Recruiter's comment; an admin may delete it.
		cs, err := e.svc.Comments.FindComments(e.ctx(e.org.SuperAdmin), cand.ID)
		if err != nil || len(cs) != 1 {
			t.Fatalf("comments %v %v", cs, err)
		}
		cid := strconv.FormatInt(cs[0].ID, 10)
		wantStatus(t, lead.get("/comments/"+cid+"/edit"), http.StatusForbidden)
		lead.get(candPath)
		wantStatus(t, lead.post("/comments/"+cid+"/edit", url.Values{"body": {"hijacked"}}), http.StatusForbidden)
		r = rec.get("/comments/" + cid + "/edit")
		wantStatus(t, r, http.StatusOK)
		r = rec.post("/comments/"+cid+"/edit", url.Values{"body": {"Strong Go, @nobody"}})
		wantStatus(t, r, http.StatusBadRequest)
		wantContains(t, r, "No one in your organisation is called @nobody")
		wantStatus(t, rec.post("/comments/"+cid+"/edit", url.Values{"body": {"Strong Go."}}), http.StatusSeeOther)
		wantContains(t, rec.get(candPath), "Strong Go.", "(edited)")
		admin.get("/comments/" + cid + "/edit")
		wantStatus(t, admin.post("/comments/"+cid+"/delete", url.Values{}), http.StatusSeeOther) // no confirmation: nothing deleted
		if cs, _ := e.svc.Comments.FindComments(e.ctx(e.org.SuperAdmin), cand.ID); len(cs) != 1 {
			t.Error("deleted without confirmation")
		}
		wantStatus(t, admin.post("/comments/"+cid+"/delete", url.Values{"confirm": {"yes"}}), http.StatusSeeOther)
		if cs, _ := e.svc.Comments.FindComments(e.ctx(e.org.SuperAdmin), cand.ID); len(cs) != 0 {
			t.Error("not deleted")
		}

		// A candidate the Collaborator cannot see: no page, no comment.
		otherPath := "/candidates/" + strconv.FormatInt(other.ID, 10)
		wantStatus(t, lead.post(otherPath+"/comments", url.Values{"body": {"hello"}}), http.StatusNotFound)
		// Without the CSRF token nothing is posted.
		wantStatus(t, lead.post(candPath+"/comments", url.Values{"body": {"hello"}, "csrf_token": {"forged"}}), http.StatusForbidden)
	})
}

func TestNotificationsPageAndSettings(t *testing.T) {
	t.Parallel()
	forEachEngine(t, func(t *testing.T, e *env) {
		e.createJob("Job A", e.org.Engineering.ID, e.org.Recruiter.ID)
		e.createJob("Job B", e.org.Design.ID, e.org.Recruiter.ID)
		rec := e.login(e.org.Recruiter)
		list := rec.get("/notifications")
		if n := bell(t, list); n != 2 {
			t.Errorf("bell %d, want 2", n)
		}
		wantContains(t, list, "assigned you to job #", "Job A", "Job B")
		if strings.Index(list.body, "Job B") > strings.Index(list.body, "Job A") {
			t.Error("notifications are not newest first")
		}
		r := rec.post("/notifications/read-all", nil)
		wantStatus(t, r, http.StatusSeeOther)
		list = rec.get("/notifications")
		wantContains(t, list, "2 notifications marked as read.")
		if n := bell(t, list); n != 0 {
			t.Errorf("bell after read-all: %d", n)
		}
		if strings.Contains(list.body, "Mark all as read") {
			t.Error("Mark all as read offered with nothing unread")
		}

		// Emails: on by default, off on the account page; bad input is a field error.
		emails := func() int {
			n := 0
			for _, m := range e.enq.Emails() {
				if m.Kind == "notification_job_assigned" && m.To[0] == e.org.Recruiter.Email {
					n++
				}
			}
			return n
		}
		if n := emails(); n != 2 {
			t.Errorf("assignment emails %d, want 2", n)
		}
		settings := rec.get("/account/notifications")
		wantStatus(t, settings, http.StatusOK)
		wantContains(t, settings, `value="on" checked`)
		wantStatus(t, rec.post("/account/notifications", url.Values{"email": {"maybe"}}), http.StatusBadRequest)
		wantStatus(t, rec.post("/account/notifications", url.Values{"email": {"off"}}), http.StatusSeeOther)
		wantContains(t, rec.get("/account/notifications"), `value="off" checked`, "Notification emails are off")
		e.createJob("Job C", e.org.Engineering.ID, e.org.Recruiter.ID)
		if n := emails(); n != 2 {
			t.Errorf("assignment emails with emails off: %d, want still 2", n)
		}
		if n := bell(t, rec.get("/")); n != 1 {
			t.Errorf("bell with emails off: %d, want 1", n)
		}
	})
}

// The assign form of the UI notifies the recruiter (same transaction as
// the assignment, checked in the store tests).
func TestAssignFormNotifies(t *testing.T) {
	t.Parallel()
	forEachEngine(t, func(t *testing.T, e *env) {
		job := e.createJob("Go Engineer", e.org.Engineering.ID)
		hr := e.login(e.org.RecruiterAdmin)
		hr.get("/jobs/" + strconv.FormatInt(job.ID, 10) + "/assign")
		r := hr.post("/jobs/"+strconv.FormatInt(job.ID, 10)+"/assign", url.Values{"recruiter_id": {strconv.FormatInt(e.org.Recruiter.ID, 10)}})
		wantStatus(t, r, http.StatusSeeOther)
		rec := e.login(e.org.Recruiter)
		list := rec.get("/notifications")
		wantContains(t, list, e.org.RecruiterAdmin.Name+" assigned you to job "+job.DisplayNumber()+" Go Engineer")
		if n := bell(t, list); n != 1 {
			t.Errorf("bell %d", n)
		}
	})
}
