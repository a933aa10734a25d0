package web_test

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/skillkeepr/skillkeepr"
	"github.com/skillkeepr/skillkeepr/leversandbox"
	"github.com/skillkeepr/skillkeepr/sqlstore"
)

// workPushes runs the push tasks enqueued so far, as the queue would.
// It returns the last error.
func (e *leverEnv) workPushes(t *testing.T) error {
	t.Helper()
	var last error
	for _, task := range e.enq.Tasks() {
		if pt, ok := task.(skillkeepr.LeverPushTask); ok {
			last = e.push.RunLeverPush(context.Background(), pt, false)
		}
	}
	return last
}

func TestPushFlow(t *testing.T) {
	t.Parallel()
	forEachLeverEngine(t, func(t *testing.T, e *leverEnv) {
		admin := e.login(e.org.SuperAdmin)
		wantStatus(t, admin.post("/integrations/lever/api-key", url.Values{"api_key": {leversandbox.DefaultAPIKey}}), http.StatusSeeOther)
		hrCtx := e.ctx(e.org.RecruiterAdmin)
		p, job := e.importLeverJob(t)
		var opp leversandbox.Opportunity
		for _, o := range e.sb.Opportunities(p.ID) {
			if o.Archived == nil {
				opp = o
				break
			}
		}
		cand, app, err := e.store.CreateCandidate(hrCtx, skillkeepr.CandidateCreate{JobID: job.ID,
			CandidateFields: skillkeepr.CandidateFields{Name: "Sam Lee", Emails: []string{"sam@example.test"}}})
		if err != nil {
			t.Fatal(err)
		}
		if err := e.store.SetApplicationLeverOpportunity(context.Background(), e.org.Org.ID, app.ID, opp.ID); err != nil {
			t.Fatal(err)
		}
		hr := e.login(e.org.RecruiterAdmin)
		candURL := "/candidates/" + strconv.FormatInt(cand.ID, 10)
		jobURL := "/jobs/" + strconv.FormatInt(job.ID, 10)
		pushURL := "/applications/" + strconv.FormatInt(app.ID, 10) + "/push"
		// Not recommended yet: no Push button, and the dialog says why.
		if r := hr.get(candURL); strings.Contains(r.body, pushURL) {
			t.Fatal("Push offered before Recommend to Hire")
		}
		r := hr.get(pushURL)
		wantStatus(t, r, http.StatusBadRequest)
		wantContains(t, r, "Only candidates recommended for hire can be pushed to Lever")

		wantStatus(t, hr.post("/applications/"+strconv.FormatInt(app.ID, 10)+"/status",
			url.Values{"status": {"recommended"}, "note": {"Great systems thinking."}}), http.StatusSeeOther)
		r = hr.get(jobURL)
		wantContains(t, r, `<th scope="col">Lever</th>`, `data-push-state="none"`, `href="`+pushURL+`?return=`)
		r = hr.get(candURL)
		wantContains(t, r, `href="`+pushURL+`?return=`, ">Push</a>")

		// Only those who manage the job's candidates may push.
		for _, u := range []*skillkeepr.User{e.org.Collaborator, e.org.Recruiter} {
			c := e.login(u)
			if r := c.get(pushURL); r.StatusCode != http.StatusForbidden && r.StatusCode != http.StatusNotFound {
				t.Fatalf("%s opens the dialog: %d", u.Role, r.StatusCode)
			}
		}

		r = hr.get(pushURL + "?return=" + url.QueryEscape(jobURL))
		wantStatus(t, r, http.StatusOK)
		wantContains(t, r, "Change Job Stage", `name="stage_id"`, ">Done</button>", `name="return" value="`+jobURL+`"`)
		stages := e.sb.Stages()
		for _, st := range stages {
			wantContains(t, r, `<option value="`+st.ID+`"`)
		}
		// In pipeline order.
		if strings.Index(r.body, stages[0].ID) > strings.Index(r.body, stages[len(stages)-1].ID) {
			t.Fatal("stages not in pipeline order")
		}
		// Done without a stage: a field error, nothing queued.
		r = hr.post(pushURL, url.Values{"stage_id": {""}, "return": {jobURL}})
		wantStatus(t, r, http.StatusBadRequest)
		wantContains(t, r, "Choose the Lever stage to move the candidate to.")
		target := stages[2]
		r = hr.post(pushURL, url.Values{"stage_id": {target.ID}, "return": {jobURL}})
		wantStatus(t, r, http.StatusSeeOther)
		if loc := r.Header.Get("Location"); loc != jobURL {
			t.Fatalf("back to %q", loc)
		}
		wantContains(t, hr.get(candURL), `data-push-state="queued"`, "Queued: moving to "+target.Text)

		// Nobody in Lever has the Recruiter Admin's email and there is no
		// fallback user: the push fails in plain words, with Retry.
		if err := e.workPushes(t); skillkeepr.ErrorCodeOf(err) != skillkeepr.EINVALID {
			t.Fatalf("push without a Lever user: %v", err)
		}
		r = hr.get(jobURL)
		wantContains(t, r, `data-push-state="failed"`, "Failed: No Lever user matches", ">Retry</button>")
		lu := e.sb.AdminUser()
		if _, err := e.store.UpdateLeverWriteSettings(e.ctx(e.org.SuperAdmin), skillkeepr.LeverWriteSettings{FallbackUserID: lu.ID, FallbackUserName: lu.Name}); err != nil {
			t.Fatal(err)
		}
		wantStatus(t, hr.post(pushURL, url.Values{"return": {jobURL}}), http.StatusSeeOther)
		wantContains(t, hr.get(candURL), `data-push-state="queued"`)
		if err := e.workPushes(t); err != nil {
			t.Fatal(err)
		}
		r = hr.get(jobURL)
		wantContains(t, r, `data-push-state="pushed"`, "by "+e.org.RecruiterAdmin.Name+" to "+target.Text)
		wantContains(t, hr.get(candURL), "Pushed on ", "Pushed to Lever")
		if st, _ := e.sb.Stage(opp.ID); st.ID != target.ID {
			t.Fatalf("stage in Lever %s", st.Text)
		}
		notes := e.sb.Notes(opp.ID)
		if len(notes) != 1 || !strings.Contains(notes[0].Fields[0].Value, "Recommendation: Great systems thinking.") ||
			!strings.Contains(notes[0].Fields[0].Value, "No rating cards were submitted.") {
			t.Fatalf("notes %+v", notes)
		}
		// The dialog now only shows the push.
		r = hr.get(pushURL)
		wantStatus(t, r, http.StatusOK)
		if strings.Contains(r.body, ">Done</button>") {
			t.Fatal("Done offered after the push")
		}
		// A second Done is refused in plain words.
		wantStatus(t, hr.post(pushURL, url.Values{"stage_id": {target.ID}}), http.StatusConflict)
	})
}

// TestPushCarriesTheRatingCards: two interviewers submit their rating
// cards, the Recruiter Admin recommends from the Interview Shortlist and
// pushes from there; Lever gets the rating in the note and as a feedback
// form on the "SkillKeepr Rating Card" template.
func TestPushCarriesTheRatingCards(t *testing.T) {
	t.Parallel()
	forEachLeverEngine(t, func(t *testing.T, e *leverEnv) {
		admin := e.ctx(e.org.SuperAdmin)
		if _, err := e.conn.ConnectAPIKey(admin, leversandbox.DefaultAPIKey); err != nil {
			t.Fatal(err)
		}
		lu := e.sb.AdminUser()
		if _, err := e.store.UpdateLeverWriteSettings(admin, skillkeepr.LeverWriteSettings{FallbackUserID: lu.ID, FallbackUserName: lu.Name}); err != nil {
			t.Fatal(err)
		}
		hrCtx := e.ctx(e.org.RecruiterAdmin)
		p, job := e.importLeverJob(t)
		opp := e.sb.Opportunities(p.ID)[0]
		_, app, err := e.store.CreateCandidate(hrCtx, skillkeepr.CandidateCreate{JobID: job.ID,
			CandidateFields: skillkeepr.CandidateFields{Name: "Sam Lee", Emails: []string{"sam@example.test"}}})
		if err != nil {
			t.Fatal(err)
		}
		if err := e.store.SetApplicationLeverOpportunity(context.Background(), e.org.Org.ID, app.ID, opp.ID); err != nil {
			t.Fatal(err)
		}
		iv := sqlstore.SeedEndedInterview(t, e.store, e.org.Org.ID, app.ID, e.org.Collaborator.ID, e.org.RecruiterAdmin.ID)
		card := "/interviews/" + strconv.FormatInt(iv.ID, 10) + "/card"
		lead, hr := e.login(e.org.Collaborator), e.login(e.org.RecruiterAdmin)
		wantStatus(t, lead.post(card, cardForm(lead.get(card).body, 4, 4, "Knows Go well.")), http.StatusSeeOther)
		wantStatus(t, hr.post(card, cardForm(hr.get(card).body, 3, 3, "Good.")), http.StatusSeeOther)

		sl := "/jobs/" + strconv.FormatInt(job.ID, 10) + "/interview-shortlist"
		wantStatus(t, hr.post(sl+"/decision", url.Values{"application_id": {strconv.FormatInt(app.ID, 10)}, "decision": {"recommend"},
			"note": {"Both interviewers agree: hire."}}), http.StatusSeeOther)
		pushURL := "/applications/" + strconv.FormatInt(app.ID, 10) + "/push"
		wantContains(t, hr.get(sl), `href="`+pushURL+`?return=`+sl+`"`)
		wantContains(t, hr.get(pushURL+"?return="+sl), "Change Job Stage")
		target := e.sb.Stages()[6]
		r := hr.post(pushURL, url.Values{"stage_id": {target.ID}, "return": {sl}})
		wantStatus(t, r, http.StatusSeeOther)
		if loc := r.Header.Get("Location"); loc != sl {
			t.Fatalf("back to %q, want the shortlist", loc)
		}
		if err := e.workPushes(t); err != nil {
			t.Fatal(err)
		}
		notes := e.sb.Notes(opp.ID)
		if len(notes) != 1 {
			t.Fatalf("%d notes", len(notes))
		}
		note := notes[0].Fields[0].Value
		for _, want := range []string{"by " + e.org.RecruiterAdmin.Name, "Recommendation: Both interviewers agree: hire.", "Rating (2 cards): overall 3.5 of 4 (4 - Strong Hire)"} {
			if !strings.Contains(note, want) {
				t.Fatalf("note lacks %q:\n%s", want, note)
			}
		}
		forms := e.sb.Feedback(opp.ID)
		if len(forms) != 1 || forms[0].Text != skillkeepr.FeedbackTemplateName {
			t.Fatalf("feedback %+v", forms)
		}
		vals := map[string]string{}
		for _, f := range forms[0].Fields {
			if s, ok := f.Value.(string); ok {
				vals[f.Text] = s
			}
		}
		if vals["Overall rating"] != "4 - Strong Hire" || !strings.Contains(vals["Competency scores"], "of 4 (2 cards)") ||
			vals["Recommendation comment"] != "Both interviewers agree: hire." || vals["Rating cards"] == "" {
			t.Fatalf("feedback fields %q", vals)
		}
	})
}
