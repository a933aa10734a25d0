package web_test

import (
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/skillkeepr/skillkeepr"
	"github.com/skillkeepr/skillkeepr/sqlstore"
)

// addCandidates adds n candidates to job as the Super Admin, with the
// given gender answer, shortlisting the first shortlisted of them.
func (e *env) addCandidates(job *skillkeepr.Job, prefix string, n, shortlisted int, gender string) []*skillkeepr.Candidate {
	e.t.Helper()
	ctx := e.ctx(e.org.SuperAdmin)
	var out []*skillkeepr.Candidate
	for i := range n {
		name := fmt.Sprintf("%s %d", prefix, i)
		c, app, err := e.svc.Candidates.CreateCandidate(ctx, skillkeepr.CandidateCreate{
			CandidateFields: skillkeepr.CandidateFields{Name: name, Emails: []string{strings.ReplaceAll(strings.ToLower(name), " ", ".") + "@example.com"}},
			JobID:           job.ID})
		if err != nil {
			e.t.Fatal(err)
		}
		if i < shortlisted {
			if _, err := e.svc.Applications.SetApplicationStatus(ctx, app.ID, skillkeepr.StatusShortlisted, ""); err != nil {
				e.t.Fatal(err)
			}
		}
		if gender != "" {
			if _, err := e.svc.Fairness.SetSelfIdentification(ctx, c.ID, skillkeepr.SelfIdentification{Gender: gender}); err != nil {
				e.t.Fatal(err)
			}
		}
		out = append(out, c)
	}
	return out
}

func TestFairnessPage(t *testing.T) {
	t.Parallel()
	forEachEngine(t, func(t *testing.T, e *env) {
		eng := e.createJob("Go Engineer", e.org.Engineering.ID, e.org.Recruiter.ID)
		design := e.createJob("Designer", e.org.Design.ID)
		e.addCandidates(eng, "Woman", 10, 6, "woman")
		e.addCandidates(eng, "Man", 10, 3, "man")
		e.addCandidates(eng, "Nb", 3, 3, "non_binary")
		e.addCandidates(eng, "Quiet", 2, 0, "")
		path := "/jobs/" + strconv.FormatInt(eng.ID, 10) + "/fairness"

		rec := e.login(e.org.Recruiter)
		r := rec.get(path)
		wantStatus(t, r, http.StatusOK)
		wantContains(t, r, "Fairness report of", "four-fifths rule", "25 candidates considered, 12 shortlisted",
			`data-group="woman"`, "60.0%", "Reference group (highest rate)",
			`data-group="man"`, "30.0%", "0.50", "Below four fifths",
			`data-group="non_binary"`, "fewer than 5", "Not answered")
		// Names never appear: the report is counts only.
		for _, name := range []string{"Woman 0", "Man 1", "Nb 2", "Quiet 0", "@example.com"} {
			if strings.Contains(r.body, name) {
				t.Errorf("the report names %q", name)
			}
		}
		job := rec.get("/jobs/" + strconv.FormatInt(eng.ID, 10))
		wantContains(t, job, `href="`+path+`"`)

		// Permissions by role: whoever sees the job's candidates sees the
		// report; the rest get "not found".
		cases := []struct {
			who  *skillkeepr.User
			path string
			want int
		}{
			{e.org.SuperAdmin, path, http.StatusOK},
			{e.org.RecruiterAdmin, path, http.StatusOK},
			{e.org.Collaborator, path, http.StatusOK}, // Engineering
			{e.org.Recruiter, "/jobs/" + strconv.FormatInt(design.ID, 10) + "/fairness", http.StatusNotFound},
			{e.org.Collaborator, "/jobs/" + strconv.FormatInt(design.ID, 10) + "/fairness", http.StatusNotFound},
			{e.org.SuperAdmin, "/jobs/999999/fairness", http.StatusNotFound},
			{e.org.SuperAdmin, "/jobs/x/fairness", http.StatusNotFound},
		}
		for _, c := range cases {
			wantStatus(t, e.login(c.who).get(c.path), c.want)
		}
		// Signed out: to the sign-in page.
		wantStatus(t, e.client().get(path), http.StatusSeeOther)

		// Another organisation: not found.
		beta := sqlstore.SeedTestOrg(t, e.store, "Beta")
		e.setPassword(beta.SuperAdmin)
		wantStatus(t, e.login(beta.SuperAdmin).get(path), http.StatusNotFound)
	})
}

func TestSelfIdentificationForm(t *testing.T) {
	t.Parallel()
	forEachEngine(t, func(t *testing.T, e *env) {
		eng := e.createJob("Go Engineer", e.org.Engineering.ID, e.org.Recruiter.ID)
		c := e.addCandidates(eng, "Ann", 1, 0, "")[0]
		page := "/candidates/" + strconv.FormatInt(c.ID, 10)
		post := page + "/self-identification"

		rec := e.login(e.org.Recruiter)
		r := rec.get(page)
		wantStatus(t, r, http.StatusOK)
		wantContains(t, r, "Self-identification (voluntary)", "No answers on file", `action="`+post+`"`, "Prefer not to say")

		// Bad input: a clear field error.
		r = rec.post(post, url.Values{"gender": {"robot"}})
		wantStatus(t, r, http.StatusBadRequest)
		wantContains(t, r, "Choose an answer from the list.")
		// Without the CSRF token: refused.
		r = rec.post(post, url.Values{"gender": {"woman"}, "csrf_token": {"forged"}})
		if r.StatusCode == http.StatusSeeOther {
			t.Fatal("accepted without the CSRF token")
		}

		r = rec.post(post, url.Values{"gender": {"woman"}, "ethnicity": {"asian"}})
		wantStatus(t, r, http.StatusSeeOther)
		r = rec.get(page)
		wantContains(t, r, "Answers are on file")
		section := r.body[strings.Index(r.body, `id="self-id"`):]
		section = section[:strings.Index(section, "</section>")]
		if strings.Contains(section, "selected") || !strings.Contains(section, ">Woman<") {
			t.Error("the candidate page shows the recorded answers")
		}

		// A Collaborator sees the candidate but records nothing.
		col := e.login(e.org.Collaborator)
		r = col.get(page)
		wantStatus(t, r, http.StatusOK)
		if strings.Contains(r.body, `action="`+post+`"`) {
			t.Error("the Collaborator is offered the form")
		}
		wantStatus(t, col.post(post, url.Values{"gender": {"man"}}), http.StatusForbidden)

		// Another organisation: not found.
		beta := sqlstore.SeedTestOrg(t, e.store, "Beta")
		e.setPassword(beta.SuperAdmin)
		wantStatus(t, e.login(beta.SuperAdmin).post(post, url.Values{"gender": {"man"}}), http.StatusNotFound)

		// The change is audited without the answers.
		entries, _, err := e.svc.Audit.FindAuditEntries(e.ctx(e.org.SuperAdmin), skillkeepr.AuditFilter{EntityType: "candidate", Limit: 50})
		if err != nil {
			t.Fatal(err)
		}
		found := false
		for _, en := range entries {
			if en.Action == "candidate.self_identification" {
				found = true
				if strings.Contains(en.After+en.Before+en.Summary, "woman") || strings.Contains(en.After+en.Before, "asian") {
					t.Errorf("audit reveals the answers: %+v", en)
				}
			}
		}
		if !found {
			t.Error("no audit entry")
		}
	})
}

func TestSelfIDOptionsPage(t *testing.T) {
	t.Parallel()
	forEachEngine(t, func(t *testing.T, e *env) {
		eng := e.createJob("Go Engineer", e.org.Engineering.ID, e.org.Recruiter.ID)
		c := e.addCandidates(eng, "Ann", 1, 0, "")[0]
		sa := e.login(e.org.SuperAdmin)
		r := sa.get("/settings")
		wantContains(t, r, `href="/settings/self-identification"`)
		r = sa.get("/settings/self-identification")
		wantStatus(t, r, http.StatusOK)
		wantContains(t, r, "Gender identity", "Non-binary", `action="/settings/self-identification/gender"`)
		wantStatus(t, e.login(e.org.RecruiterAdmin).get("/settings/self-identification"), http.StatusForbidden)
		wantStatus(t, e.login(e.org.RecruiterAdmin).post("/settings/self-identification/gender", url.Values{"options": {"A\nB"}}), http.StatusForbidden)

		r = sa.post("/settings/self-identification/gender", url.Values{"options": {"Only one"}})
		wantStatus(t, r, http.StatusBadRequest)
		wantContains(t, r, "Offer at least two answers", "Only one")
		wantStatus(t, sa.post("/settings/self-identification/religion", url.Values{"options": {"A\nB"}}), http.StatusNotFound)

		wantStatus(t, sa.post("/settings/self-identification/gender", url.Values{"options": {"Female\r\nMale\r\n\r\nGenderqueer"}}), http.StatusSeeOther)
		r = e.login(e.org.Recruiter).get("/candidates/" + strconv.FormatInt(c.ID, 10))
		wantContains(t, r, `<option value="female">Female</option>`, `<option value="genderqueer">Genderqueer</option>`, `<option value="prefer_not_to_say">Prefer not to say</option>`)
		if strings.Contains(r.body, `value="woman"`) {
			t.Error("a retired answer is offered")
		}
		r = sa.get("/jobs/" + strconv.FormatInt(eng.ID, 10) + "/fairness")
		wantContains(t, r, `href="/settings/self-identification"`)
		if strings.Contains(e.login(e.org.Recruiter).get("/jobs/"+strconv.FormatInt(eng.ID, 10)+"/fairness").body, `href="/settings/self-identification"`) {
			t.Error("the Recruiter is offered the options link")
		}

		wantStatus(t, sa.post("/settings/self-identification/gender", url.Values{"reset": {"1"}}), http.StatusSeeOther)
		r = sa.get("/settings/self-identification")
		wantContains(t, r, "Non-binary")
	})
}
