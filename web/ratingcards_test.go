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

// ratedWorld is a job of Engineering assigned to the Recruiter, with one
// candidate whose interview with the Collaborator and the Recruiter Admin
// has ended.
type ratedWorld struct {
	job  *skillkeepr.Job
	cand *skillkeepr.Candidate
	app  *skillkeepr.Application
	iv   *skillkeepr.Interview
}

func (e *env) ratedWorld(name string) *ratedWorld {
	e.t.Helper()
	w := &ratedWorld{job: e.createJob("Backend engineer "+name, e.org.Engineering.ID, e.org.Recruiter.ID)}
	var err error
	w.cand, w.app, err = e.svc.Candidates.CreateCandidate(e.ctx(e.org.Recruiter), skillkeepr.CandidateCreate{JobID: w.job.ID, Source: "manual",
		CandidateFields: skillkeepr.CandidateFields{Name: "Carla " + name, Emails: []string{strings.ToLower(name) + "@example.com"}}})
	if err != nil {
		e.t.Fatal(err)
	}
	w.iv = sqlstore.SeedEndedInterview(e.t, e.store, e.org.Org.ID, w.app.ID, e.org.Collaborator.ID, e.org.RecruiterAdmin.ID)
	return w
}

// cardForm fills every competency of the card page with score n.
func cardForm(body string, n, overall int, notes string) url.Values {
	f := url.Values{"overall": {strconv.Itoa(overall)}, "notes": {notes}}
	for i := 0; strings.Contains(body, fmt.Sprintf(`name="score_%d"`, i)); i++ {
		f.Set(fmt.Sprintf("score_%d", i), strconv.Itoa(n))
	}
	return f
}

func TestRatingCardPages(t *testing.T) {
	t.Parallel()
	forEachEngine(t, func(t *testing.T, e *env) {
		w := e.ratedWorld("Acme")
		card := fmt.Sprintf("/interviews/%d/card", w.iv.ID)
		lead, hr, rec := e.login(e.org.Collaborator), e.login(e.org.RecruiterAdmin), e.login(e.org.Recruiter)

		// The ended interview's page links each interviewer to their card.
		wantContains(t, lead.get(fmt.Sprintf("/interviews/%d", w.iv.ID)), `id="rating-card-link"`, `href="`+card+`"`)
		if strings.Contains(rec.get(fmt.Sprintf("/interviews/%d", w.iv.ID)).body, `id="rating-card-link"`) {
			t.Error("the recruiter, not on the interview, is offered a rating card")
		}

		r := lead.get(card)
		wantStatus(t, r, http.StatusOK)
		wantContains(t, r, `id="card-form"`, "Go", "SQL", "Strong Hire", "cards-locked")
		var cardMails []skillkeepr.EmailMessage
		for _, m := range e.enq.Emails() {
			if m.Kind == "rating_card" {
				cardMails = append(cardMails, m)
			}
		}
		if len(cardMails) != 2 {
			t.Fatalf("emails when the cards opened: %+v", e.enq.Emails())
		}

		// Missing scores: the form comes back with its errors.
		r = lead.post(card, url.Values{"notes": {"half done"}})
		wantStatus(t, r, http.StatusBadRequest)
		wantContains(t, r, "Score “Go” from 1 to 4.", "half done")

		r = lead.post(card, cardForm(lead.get(card).body, 4, 4, "Sharp and kind; knows Go well."))
		wantStatus(t, r, http.StatusSeeOther)
		r = lead.get(card)
		wantContains(t, r, `data-card-status="submitted"`, "Strong Hire")

		// Privacy in the UI: the Recruiter Admin has not submitted, so
		// the Collaborator's card stays hidden from them.
		r = hr.get(card)
		wantStatus(t, r, http.StatusOK)
		wantContains(t, r, "cards-locked")
		if strings.Contains(r.body, "knows Go well") {
			t.Fatal("an interviewer read another's card before submitting their own")
		}
		r = hr.get(fmt.Sprintf("/jobs/%d/interview-shortlist", w.job.ID))
		wantStatus(t, r, http.StatusOK)
		if strings.Contains(r.body, "knows Go well") {
			t.Fatal("the shortlist showed a card to an interviewer who owes theirs")
		}

		wantContains(t, hr.get(fmt.Sprintf("/applications/%d/recruiter-assist", w.app.ID)), "Submit your own rating card first")
		r = hr.post(card, cardForm(hr.get(card).body, 2, 2, "Struggled with SQL."))
		wantStatus(t, r, http.StatusSeeOther)
		wantContains(t, hr.get(card), "knows Go well")
		app, err := e.svc.Applications.FindApplicationByID(e.ctx(e.org.Recruiter), w.app.ID)
		if err != nil || app.Status != skillkeepr.StatusReviewCompleted {
			t.Fatalf("after all cards: %v %v", app, err)
		}

		// The recruiter compares the cards and recommends.
		sl := fmt.Sprintf("/jobs/%d/interview-shortlist", w.job.ID)
		r = rec.get(sl)
		wantStatus(t, r, http.StatusOK)
		wantContains(t, r, fmt.Sprintf(`data-application-id="%d"`, w.app.ID), "2 of 2", "<strong>3.0</strong>", "Disagreement",
			"knows Go well", "Struggled with SQL.")
		if strings.Contains(r.body, "/push") {
			t.Fatal("Push shown before the recommendation")
		}
		decide := sl + "/decision"
		r = rec.post(decide, url.Values{"application_id": {strconv.FormatInt(w.app.ID, 10)}, "decision": {"recommend"}})
		wantStatus(t, r, http.StatusBadRequest)
		wantContains(t, r, "Write a recommendation comment")
		r = rec.post(decide, url.Values{"application_id": {strconv.FormatInt(w.app.ID, 10)}, "decision": {"recommend"}, "note": {"Strong backend skills."}})
		wantStatus(t, r, http.StatusSeeOther)
		r = rec.get(sl)
		wantContains(t, r, fmt.Sprintf(`href="/applications/%d/push?return=/jobs/%d/interview-shortlist"`, w.app.ID, w.job.ID), `data-status="recommended"`)

		// Recruiter Assist, from the candidate page.
		wantContains(t, rec.get(fmt.Sprintf("/candidates/%d", w.cand.ID)), fmt.Sprintf(`href="/applications/%d/recruiter-assist"`, w.app.ID))
		r = rec.get(fmt.Sprintf("/applications/%d/recruiter-assist", w.app.ID))
		wantStatus(t, r, http.StatusOK)
		wantContains(t, r, "push the recommendation to Lever", "assist-questions", "Go:", "The interviewers disagree", "Next steps — Backend engineer")

		// The job page links here; the list of one's cards shows it.
		wantContains(t, rec.get(fmt.Sprintf("/jobs/%d", w.job.ID)), "/interview-shortlist", "/rating-card")
		wantContains(t, lead.get("/cards"), fmt.Sprintf(`data-interview-id="%d"`, w.iv.ID), "Submitted")
	})
}

func TestRatingCardTemplatePages(t *testing.T) {
	t.Parallel()
	forEachEngine(t, func(t *testing.T, e *env) {
		w := e.ratedWorld("Acme")
		rec := e.login(e.org.Recruiter)
		page := fmt.Sprintf("/jobs/%d/rating-card", w.job.ID)
		wantContains(t, rec.get(page), "No rating card yet")
		r := rec.post(page, url.Values{"name": {"Backend card"}})
		wantStatus(t, r, http.StatusSeeOther)
		edit := r.Header.Get("Location")
		r = rec.get(edit)
		wantStatus(t, r, http.StatusOK)
		wantContains(t, r, `value="Go"`, `value="SQL"`, "Solid Go")

		// Bad input comes back with the error; a good edit is saved.
		r = rec.post(edit, url.Values{"name": {"Backend card"}, "rows": {"2"}})
		wantStatus(t, r, http.StatusBadRequest)
		wantContains(t, r, "Add at least one competency.")
		r = rec.post(edit, url.Values{"name": {"Backend card"}, "rows": {"2"}, "c0_name": {"Go"}, "c0_a4": {"Wrote the runtime"}, "c1_name": {"Teamwork"}, "is_default": {"on"}})
		wantStatus(t, r, http.StatusSeeOther)
		wantContains(t, rec.get(edit), `value="Wrote the runtime"`, `value="Teamwork"`)
		wantContains(t, rec.get(page), "Go, Teamwork", "Default")
	})
}

// TestRatingCardWebPermissions checks each page and action by role.
func TestRatingCardWebPermissions(t *testing.T) {
	t.Parallel()
	forEachEngine(t, func(t *testing.T, e *env) {
		w := e.ratedWorld("Acme")
		design := e.createJob("Designer", e.org.Design.ID)
		dcand, dapp, err := e.svc.Candidates.CreateCandidate(e.ctx(e.org.SuperAdmin), skillkeepr.CandidateCreate{JobID: design.ID, Source: "manual",
			CandidateFields: skillkeepr.CandidateFields{Name: "Dora", Emails: []string{"dora@example.com"}}})
		if err != nil {
			t.Fatal(err)
		}
		_ = dcand
		sqlstore.SeedEndedInterview(t, e.store, e.org.Org.ID, dapp.ID, e.org.SuperAdmin.ID)
		type check struct {
			name   string
			method string
			path   string
			form   url.Values
			want   map[string]int // by role
		}
		all := func(sa, ra, r, c int) map[string]int {
			return map[string]int{"super_admin": sa, "recruiter_admin": ra, "recruiter": r, "collaborator": c}
		}
		app := strconv.FormatInt(w.app.ID, 10)
		checks := []check{
			{"shortlist screen, own job", "GET", fmt.Sprintf("/jobs/%d/interview-shortlist", w.job.ID), nil, all(200, 200, 200, 200)},
			{"shortlist screen, Design job", "GET", fmt.Sprintf("/jobs/%d/interview-shortlist", design.ID), nil, all(200, 200, 404, 404)},
			{"rating cards page, Design job", "GET", fmt.Sprintf("/jobs/%d/rating-card", design.ID), nil, all(200, 200, 404, 404)},
			{"create a rating card, Design job", "POST", fmt.Sprintf("/jobs/%d/rating-card", design.ID), url.Values{}, all(303, 303, 404, 404)},
			{"create a rating card, own job", "POST", fmt.Sprintf("/jobs/%d/rating-card", w.job.ID), url.Values{}, all(303, 303, 303, 303)},
			{"own card page", "GET", fmt.Sprintf("/interviews/%d/card", w.iv.ID), nil, all(200, 200, 200, 200)},
			{"submit a card one does not have", "POST", fmt.Sprintf("/interviews/%d/card", w.iv.ID), url.Values{"overall": {"3"}}, all(403, 400, 403, 400)},
			{"shortlist button", "POST", fmt.Sprintf("/jobs/%d/interview-shortlist/decision", w.job.ID), url.Values{"application_id": {app}, "decision": {"shortlist"}}, all(303, 303, 303, 403)},
			{"recommend", "POST", fmt.Sprintf("/jobs/%d/interview-shortlist/decision", w.job.ID), url.Values{"application_id": {app}, "decision": {"recommend"}, "note": {"Yes"}}, all(303, 303, 303, 303)},
			{"not recommend, Design job", "POST", fmt.Sprintf("/jobs/%d/interview-shortlist/decision", design.ID), url.Values{"application_id": {strconv.FormatInt(dapp.ID, 10)}, "decision": {"not_recommended"}, "note": {"No"}}, all(303, 303, 404, 404)},
		}
		for role, u := range e.users() {
			c := e.login(u)
			for _, ch := range checks {
				var r resp
				if ch.method == "GET" {
					r = c.get(ch.path)
				} else {
					r = c.post(ch.path, cloneForm(ch.form)) // post adds the CSRF token to the form
				}
				if r.StatusCode != ch.want[role] {
					t.Errorf("%s: %s = %d, want %d", role, ch.name, r.StatusCode, ch.want[role])
				}
			}
		}
	})
}

func cloneForm(f url.Values) url.Values {
	out := url.Values{}
	for k, v := range f {
		out[k] = append([]string(nil), v...)
	}
	return out
}

// Recruiter Assist names no one blind review hides: its panel and email
// drafts call the candidate "Candidate N" until a person shortlists them.
func TestRecruiterAssistUnderBlindReview(t *testing.T) {
	t.Parallel()
	forEachEngine(t, func(t *testing.T, e *env) {
		job := e.createJob("Data engineer", e.org.Engineering.ID, e.org.Recruiter.ID)
		_, app, err := e.svc.Candidates.CreateCandidate(e.ctx(e.org.Recruiter), skillkeepr.CandidateCreate{JobID: job.ID, Source: "manual",
			CandidateFields: skillkeepr.CandidateFields{Name: "Zelda Quintero", Emails: []string{"zelda@example.com"}}})
		if err != nil {
			t.Fatal(err)
		}
		rec := e.login(e.org.Recruiter)
		page := fmt.Sprintf("/applications/%d/recruiter-assist", app.ID)
		r := rec.get(page)
		wantStatus(t, r, http.StatusOK)
		wantContains(t, r, "Candidate 1")
		if strings.Contains(r.body, "Zelda") || strings.Contains(r.body, "Quintero") {
			t.Error("Recruiter Assist names a masked candidate")
		}
		if _, err := e.svc.Applications.SetApplicationStatus(e.ctx(e.org.Recruiter), app.ID, skillkeepr.StatusShortlisted, ""); err != nil {
			t.Fatal(err)
		}
		wantContains(t, rec.get(page), "Zelda Quintero")
	})
}
