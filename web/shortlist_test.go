package web_test

import (
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/skillkeepr/skillkeepr"
	"github.com/skillkeepr/skillkeepr/shortlist"
)

// resumeOf is a plain-text résumé with personal details that blind review
// must hide: name, email, phone, address, link, date of birth, a
// graduation year and gendered pronouns.
func resumeOf(first, last, skills string) string {
	return fmt.Sprintf(`%s %s
%s.%s@example.org | +44 7700 900123 | 12 Acacia Avenue, Leeds
https://github.com/%s%s

Summary
Backend engineer. %s likes clean code; she mentors juniors and her team ships weekly.

Experience
Senior Software Engineer, Initech — Jan 2016 – Present
Built services in %s for payments.

Education
BSc Computer Science, University of Leeds, 2012

Skills
%s

Personal details
Date of birth: 14 March 1990
`, first, last, strings.ToLower(first), strings.ToLower(last), strings.ToLower(first), strings.ToLower(last), first, skills, skills)
}

type shortlistFixture struct {
	job  *skillkeepr.Job
	apps []*skillkeepr.Application
	// names, emails and other details that must not appear while masked
	secrets []string
}

// seedShortlist creates a job assigned to the Recruiter with three
// candidates whose text résumés differ in skills, and scores them.
func seedShortlist(t *testing.T, e *env) shortlistFixture {
	t.Helper()
	e.store.SetCriteriaDeriver(shortlist.DeriveCriteria)
	f := shortlistFixture{job: e.createJob("Backend Engineer", e.org.Engineering.ID, e.org.Recruiter.ID)}
	ctx := e.ctx(e.org.RecruiterAdmin)
	people := []struct{ first, last, skills string }{
		{"Zofia", "Quenby", "Go, SQL, Docker"},
		{"Amara", "Okonkwo", "Go, PostgreSQL"},
		{"Bartholomew", "Fairweather", "Excel, Photoshop"},
	}
	for _, p := range people {
		text := resumeOf(p.first, p.last, p.skills)
		up, err := skillkeepr.NewResumeUpload(p.first+"_"+p.last+"_CV.txt", []byte(text))
		if err != nil {
			t.Fatal(err)
		}
		email := strings.ToLower(p.first) + "." + strings.ToLower(p.last) + "@example.org"
		_, app, err := e.svc.Candidates.CreateCandidate(ctx, skillkeepr.CandidateCreate{
			CandidateFields: skillkeepr.CandidateFields{Name: p.first + " " + p.last, Emails: []string{email},
				Phones: []string{"+44 7700 900123"}, Location: "Leeds"},
			JobID: f.job.ID, Resume: up})
		if err != nil {
			t.Fatal(err)
		}
		f.apps = append(f.apps, app)
		f.secrets = append(f.secrets, p.first, p.last, email, "7700 900123", "Acacia", "Leeds", "github.com/"+strings.ToLower(p.first),
			"1990", "2012", p.first+"_"+p.last)
	}
	f.secrets = append(f.secrets, " she ", " her ")
	sc := shortlist.NewScorer(e.store, nil, nil)
	if err := sc.ScoreJob(ctx, e.org.Org.ID, f.job.ID); err != nil {
		t.Fatal(err)
	}
	return f
}

func wantNoSecrets(t *testing.T, r resp, secrets []string) {
	t.Helper()
	for _, s := range secrets {
		if strings.Contains(r.body, s) {
			i := strings.Index(r.body, s)
			t.Errorf("%s %s: masked page shows %q: …%s…", r.Request.Method, r.Request.URL.Path, s, r.body[max(0, i-80):min(len(r.body), i+80)])
		}
	}
}

func TestShortlistScreenMasksAndRanks(t *testing.T) {
	t.Parallel()
	forEachEngine(t, func(t *testing.T, e *env) {
		f := seedShortlist(t, e)
		c := e.login(e.org.Recruiter)
		path := "/jobs/" + strconv.FormatInt(f.job.ID, 10) + "/shortlist"
		r := c.get("/jobs/" + strconv.FormatInt(f.job.ID, 10))
		wantContains(t, r, `href="`+path+`"`, ">Shortlist</a>")
		r = c.get(path)
		wantStatus(t, r, http.StatusOK)
		wantContains(t, r, "Candidate 1", "Candidate 2", "Candidate 3", "Blind review is on", `data-application-id="`, "Evidence", "Go: Met")
		wantNoSecrets(t, r, f.secrets)
		// Ranked: the Go+SQL candidate (Candidate 1) before the one with
		// neither (Candidate 3).
		if i, j := strings.Index(r.body, "Candidate 1"), strings.Index(r.body, "Candidate 3"); i < 0 || j < 0 || i > j {
			t.Errorf("Candidate 1 should rank above Candidate 3")
		}
		// So are the job page and the candidates list.
		wantNoSecrets(t, c.get("/jobs/"+strconv.FormatInt(f.job.ID, 10)), f.secrets)
		wantNoSecrets(t, c.get("/candidates"), f.secrets)
		// The candidate page is masked too, with the résumé text.
		cr := c.get("/candidates/" + strconv.FormatInt(f.apps[0].CandidateID, 10))
		wantStatus(t, cr, http.StatusOK)
		wantContains(t, cr, "Candidate 1", "Résumé text", `class="evidence"`, "[hidden for blind review]", "they mentors", "[year]", "[date of birth hidden]")
		wantNoSecrets(t, cr, f.secrets)
		// The résumé file itself is not offered while masked.
		if strings.Contains(cr.body, "/resumes/") {
			t.Error("masked candidate page links the résumé file")
		}
		cand, err := e.svc.Candidates.FindCandidateByID(e.ctx(e.org.Recruiter), f.apps[0].CandidateID)
		if err != nil || len(cand.Resumes) != 1 {
			t.Fatalf("candidate %+v: %v", cand, err)
		}
		wantStatus(t, c.get("/resumes/"+strconv.FormatInt(cand.Resumes[0].ID, 10)), http.StatusForbidden)
	})
}

func TestShortlistActions(t *testing.T) {
	t.Parallel()
	forEachEngine(t, func(t *testing.T, e *env) {
		f := seedShortlist(t, e)
		c := e.login(e.org.Recruiter)
		job := strconv.FormatInt(f.job.ID, 10)
		path := "/jobs/" + job + "/shortlist"
		id := func(i int) string { return strconv.FormatInt(f.apps[i].ID, 10) }

		// Suggest top 2 only ticks boxes.
		r := c.get(path + "?top=2")
		wantContains(t, r, "Nothing has been done yet")
		if n := strings.Count(r.body, " checked>"); n != 2 {
			t.Errorf("top=2 ticked %d boxes, want 2", n)
		}
		app, _ := e.svc.Applications.FindApplicationByID(e.ctx(e.org.Recruiter), f.apps[0].ID)
		if app.Status != skillkeepr.StatusNew {
			t.Fatalf("suggesting changed the status to %s", app.Status)
		}

		// Compare two side by side.
		r = c.post(path, url.Values{"do": {"compare"}, "app": {id(0), id(1)}})
		wantStatus(t, r, http.StatusOK)
		wantContains(t, r, "Compare candidates", "Candidate 1", "Candidate 2")
		wantNoSecrets(t, r, f.secrets)

		// Shortlist reveals the name.
		r = c.post(path, url.Values{"do": {"shortlist"}, "app": {id(0)}})
		wantStatus(t, r, http.StatusSeeOther)
		r = c.get(path)
		wantContains(t, r, "Zofia Quenby", "Candidate 2")
		if strings.Contains(r.body, "Amara") {
			t.Error("shortlisting one candidate unmasked another")
		}

		// Not a fit needs a reason, and can be taken back.
		r = c.post("/applications/"+id(2)+"/not-fit", url.Values{"reason": {"  "}})
		wantStatus(t, r, http.StatusBadRequest)
		wantContains(t, r, "Say why this candidate is not a fit.")
		r = c.post("/applications/"+id(2)+"/not-fit", url.Values{"reason": {"No backend experience"}, "next": {path}})
		wantStatus(t, r, http.StatusSeeOther)
		r = c.get(path)
		wantContains(t, r, "Not a fit (1)", "No backend experience", "Bartholomew Fairweather")
		st, _ := e.svc.Applications.FindApplicationByID(e.ctx(e.org.Recruiter), f.apps[2].ID)
		if st.Status != skillkeepr.StatusNew {
			t.Errorf("not a fit changed the status to %s", st.Status)
		}
		r = c.post("/applications/"+id(2)+"/not-fit/undo", url.Values{"next": {path}})
		wantStatus(t, r, http.StatusSeeOther)
		r = c.get(path)
		if strings.Contains(r.body, "Not a fit (1)") || strings.Contains(r.body, "Bartholomew") {
			t.Error("taking back not a fit did not mask the candidate again")
		}

		// Unmasking needs the confirmation and is audited.
		r = c.post("/applications/"+id(1)+"/unmask", url.Values{})
		wantStatus(t, r, http.StatusBadRequest)
		r = c.post("/applications/"+id(1)+"/unmask", url.Values{"confirm": {"yes"}, "next": {path}})
		wantStatus(t, r, http.StatusSeeOther)
		r = c.get(path)
		wantContains(t, r, "Amara Okonkwo")
		entries, _, err := e.svc.Audit.FindAuditEntries(e.ctx(e.org.SuperAdmin), skillkeepr.AuditFilter{})
		if err != nil {
			t.Fatal(err)
		}
		var actions []string
		for _, a := range entries {
			actions = append(actions, a.Action)
		}
		for _, want := range []string{"application.unmask", "application.not_fit", "application.not_fit_clear", "application.status_change"} {
			if !strings.Contains(strings.Join(actions, " "), want) {
				t.Errorf("audit log lacks %s: %v", want, actions)
			}
		}

		// Blind review off for the job shows every name.
		r = c.post("/jobs/"+job+"/blind-review", url.Values{"blind_review": {"off"}})
		wantStatus(t, r, http.StatusSeeOther)
		r = c.get(path)
		wantContains(t, r, "Bartholomew Fairweather", "Blind review is off")
	})
}

func TestShortlistPermissions(t *testing.T) {
	t.Parallel()
	forEachEngine(t, func(t *testing.T, e *env) {
		f := seedShortlist(t, e)
		job := strconv.FormatInt(f.job.ID, 10)
		path := "/jobs/" + job + "/shortlist"
		id := strconv.FormatInt(f.apps[0].ID, 10)
		// The Collaborator (Engineering) sees the screen read-only.
		c := e.login(e.org.Collaborator)
		r := c.get(path)
		wantStatus(t, r, http.StatusOK)
		wantContains(t, r, "Candidate 1", "Compare side by side")
		for _, s := range []string{`id="shortlist-button"`, "Not a fit…", "Show who this is…", `action="/jobs/` + job + `/blind-review"`} {
			if strings.Contains(r.body, s) {
				t.Errorf("collaborator's shortlist offers %q", s)
			}
		}
		wantNoSecrets(t, r, f.secrets)
		wantStatus(t, c.post(path, url.Values{"do": {"shortlist"}, "app": {id}}), http.StatusForbidden)
		wantStatus(t, c.post("/applications/"+id+"/unmask", url.Values{"confirm": {"yes"}}), http.StatusForbidden)
		wantStatus(t, c.post("/applications/"+id+"/not-fit", url.Values{"reason": {"x"}}), http.StatusForbidden)
		wantStatus(t, c.post("/jobs/"+job+"/blind-review", url.Values{"blind_review": {"off"}}), http.StatusForbidden)
		r = c.get("/jobs/" + job + "/criteria")
		wantStatus(t, r, http.StatusOK)
		if strings.Contains(r.body, `id="criteria-form"`) {
			t.Error("collaborator may edit the criteria")
		}
		wantStatus(t, c.post("/jobs/"+job+"/criteria", url.Values{"version": {"1"}, "rows": {"0"}}), http.StatusForbidden)

		// A Recruiter not assigned to the job does not see it.
		other := e.createJob("Designer", e.org.Design.ID)
		rc := e.login(e.org.Recruiter)
		wantStatus(t, rc.get("/jobs/"+strconv.FormatInt(other.ID, 10)+"/shortlist"), http.StatusNotFound)
		// The Recruiter Admin sees every control.
		ra := e.login(e.org.RecruiterAdmin)
		r = ra.get(path)
		wantContains(t, r, `id="shortlist-button"`, "Show who this is…", "Not a fit…")
		// The confirmation pages of unmasking and "not a fit".
		r = ra.get("/applications/" + id + "/unmask")
		wantStatus(t, r, http.StatusOK)
		wantContains(t, r, "Show who Candidate 1 is?", `name="confirm"`, "recorded in the audit log")
		wantNoSecrets(t, r, f.secrets)
		r = ra.get("/applications/" + id + "/not-fit")
		wantStatus(t, r, http.StatusOK)
		wantContains(t, r, "Not a fit: Candidate 1", `name="reason"`)
		wantStatus(t, c.get("/applications/"+id+"/unmask"), http.StatusForbidden)
	})
}

func TestCriteriaPage(t *testing.T) {
	t.Parallel()
	forEachEngine(t, func(t *testing.T, e *env) {
		f := seedShortlist(t, e)
		c := e.login(e.org.Recruiter)
		path := "/jobs/" + strconv.FormatInt(f.job.ID, 10) + "/criteria"
		r := c.get(path)
		wantStatus(t, r, http.StatusOK)
		wantContains(t, r, "Version 1", `value="Go"`, `value="SQL"`)
		// Field errors: a skill without a name, a weight that is no number.
		form := url.Values{"version": {"1"}, "rows": {"3"},
			"kind.1": {"skill"}, "value.1": {"Go"}, "weight.1": {"50"}, "required.1": {"on"},
			"kind.2": {"skill"}, "value.2": {""}, "weight.2": {"10"},
			"kind.3": {"years"}, "value.3": {"3"}, "weight.3": {"lots"}}
		r = c.post(path, form)
		wantStatus(t, r, http.StatusBadRequest)
		wantContains(t, r, "Enter the skill.", "Enter the weight as a number from 0 to 100.")
		// A valid change is version 2, by the Recruiter.
		form.Set("value.2", "Kubernetes")
		form.Set("weight.3", "20")
		r = c.post(path, form)
		wantStatus(t, r, http.StatusSeeOther)
		r = c.get(path)
		wantContains(t, r, "Version 2, by "+e.org.Recruiter.Name, `value="Kubernetes"`)
		// Saving from a stale version is refused.
		r = c.post(path, form)
		wantStatus(t, r, http.StatusConflict)
		// The change asked for a rescore of the job.
		found := false
		for _, task := range e.enq.Tasks() {
			if st, ok := task.(skillkeepr.ScoreJobTask); ok && st.JobID == f.job.ID {
				found = true
			}
		}
		if !found {
			t.Error("saving the criteria did not enqueue a rescore of the job")
		}
	})
}

// blindReviewOff turns the organisation's blind review (on for new
// organisations) off, for tests about other things that read names.
func (e *env) blindReviewOff() {
	e.t.Helper()
	off := false
	if _, err := e.svc.Organizations.UpdateOrganization(e.ctx(e.org.SuperAdmin), skillkeepr.OrganizationUpdate{BlindReview: &off}); err != nil {
		e.t.Fatal(err)
	}
}

// A large job is shown 100 ranked candidates per page; those not scored
// yet say so.
func TestShortlistPages(t *testing.T) {
	t.Parallel()
	e := newEnv(t, "sqlite")
	job := e.createJob("Backend Engineer", e.org.Engineering.ID, e.org.Recruiter.ID)
	ctx := e.ctx(e.org.Recruiter)
	for i := range 105 {
		if _, _, err := e.svc.Candidates.CreateCandidate(ctx, skillkeepr.CandidateCreate{JobID: job.ID,
			CandidateFields: skillkeepr.CandidateFields{Name: fmt.Sprintf("Person %d", i), Emails: []string{fmt.Sprintf("p%d@example.test", i)}}}); err != nil {
			t.Fatal(err)
		}
	}
	c := e.login(e.org.Recruiter)
	path := "/jobs/" + strconv.FormatInt(job.ID, 10) + "/shortlist"
	r := c.get(path)
	wantContains(t, r, "Candidates (105)", "105 candidates are still being scored", "Scoring…", "Page 1 of 2", "Candidate 100")
	if n := strings.Count(r.body, "data-application-id="); n != 100 {
		t.Errorf("page 1 has %d rows", n)
	}
	r = c.get(path + "?page=2")
	wantContains(t, r, "Candidate 105", "<td>101</td>")
	if n := strings.Count(r.body, "data-application-id="); n != 5 {
		t.Errorf("page 2 has %d rows", n)
	}
	// A page past the end shows the last one.
	wantContains(t, c.get(path+"?page=99"), "Page 2 of 2")
}
