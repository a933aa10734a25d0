package api_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"testing"

	"github.com/skillkeepr/skillkeepr"
	"github.com/skillkeepr/skillkeepr/sqlstore"
)

// TestRatingCardAPI fills two cards through the API: privacy before one's
// own card is in, the summary, the shortlist and the recommendation.
func TestRatingCardAPI(t *testing.T) {
	t.Parallel()
	forEachEngine(t, func(t *testing.T, e *env) {
		admin := ctxAs(e.a.SuperAdmin)
		job, err := e.svc.Jobs.CreateJob(admin, skillkeepr.JobFields{Title: "Backend", DepartmentID: e.a.Engineering.ID, Location: "Remote",
			Description: "Build.", RequiredSkills: []string{"Go", "SQL"}})
		if err != nil {
			t.Fatal(err)
		}
		if job, err = e.svc.Jobs.AssignJob(admin, job.ID, []int64{e.a.Recruiter.ID}); err != nil {
			t.Fatal(err)
		}
		_, app, err := e.svc.Candidates.CreateCandidate(admin, skillkeepr.CandidateCreate{JobID: job.ID, Source: "manual",
			CandidateFields: skillkeepr.CandidateFields{Name: "Carla", Emails: []string{"carla@example.com"}}})
		if err != nil {
			t.Fatal(err)
		}
		iv := sqlstore.SeedEndedInterview(t, e.st, e.a.Org.ID, app.ID, e.a.Collaborator.ID, e.a.RecruiterAdmin.ID)
		card := fmt.Sprintf("/api/v1/interviews/%d/card", iv.ID)
		cards := fmt.Sprintf("/api/v1/interviews/%d/cards", iv.ID)

		r := e.do(e.a.Collaborator, "GET", card, nil)
		if r.Code != 200 {
			t.Fatalf("my card: %s", r)
		}
		var mine skillkeepr.RatingCard
		if err := json.Unmarshal(r.Body, &mine); err != nil || mine.Template == nil {
			t.Fatalf("card %s: %v", r.Body, err)
		}
		scores := map[string]int{}
		for _, c := range mine.Template.Competencies {
			scores[c.Name] = 4
		}
		if r := e.do(e.a.Collaborator, "POST", card, map[string]any{"scores": map[string]int{"Go": 9}, "overall": 0}); r.Code != 400 {
			t.Fatalf("bad card: %s", r)
		}
		if _, _, fields := e.do(e.a.Collaborator, "POST", card, map[string]any{"scores": map[string]int{}, "overall": 0}).errBody(t); fields["overall"] == "" {
			t.Fatalf("no field error for overall: %v", fields)
		}
		if r := e.do(e.a.Collaborator, "POST", card, map[string]any{"scores": scores, "overall": 4, "notes": "Excellent."}); r.Code != 200 {
			t.Fatalf("submit: %s", r)
		}

		// Privacy: the Recruiter Admin owes a card and reads nothing.
		if r := e.do(e.a.RecruiterAdmin, "GET", cards, nil); r.Code != http.StatusForbidden {
			t.Fatalf("cards before own submitted: %s", r)
		}
		if r := e.do(e.a.RecruiterAdmin, "GET", fmt.Sprintf("/api/v1/applications/%d/rating-summary", app.ID), nil); r.Code != http.StatusForbidden {
			t.Fatalf("summary before own submitted: %s", r)
		}
		r = e.do(e.a.RecruiterAdmin, "GET", fmt.Sprintf("/api/v1/jobs/%d/interview-shortlist", job.ID), nil)
		var sl skillkeepr.InterviewShortlist
		if err := json.Unmarshal(r.Body, &sl); err != nil || len(sl.Rows) != 1 || !sl.Rows[0].Hidden || sl.Rows[0].Cards != nil {
			t.Fatalf("shortlist before own submitted: %s", r)
		}
		for _, c := range mine.Template.Competencies {
			scores[c.Name] = 2
		}
		if r := e.do(e.a.RecruiterAdmin, "POST", card, map[string]any{"scores": scores, "overall": 2}); r.Code != 200 {
			t.Fatalf("submit 2: %s", r)
		}
		if r := e.do(e.a.RecruiterAdmin, "GET", cards, nil); r.Code != 200 {
			t.Fatalf("cards after own submitted: %s", r)
		}

		r = e.do(e.a.Recruiter, "GET", fmt.Sprintf("/api/v1/applications/%d/rating-summary", app.ID), nil)
		var sum skillkeepr.RatingSummary
		if err := json.Unmarshal(r.Body, &sum); err != nil || sum.Cards != 2 || sum.Overall != 3 || sum.OverallLevel != 3 {
			t.Fatalf("summary %s", r)
		}
		rec := fmt.Sprintf("/api/v1/applications/%d/recommend", app.ID)
		if _, _, f := e.do(e.a.Recruiter, "POST", rec, map[string]string{"note": " "}).errBody(t); f["note"] == "" {
			t.Fatalf("recommend without a comment: %v", f)
		}
		r = e.do(e.a.Recruiter, "POST", rec, map[string]string{"note": "Hire: strong Go."})
		var got skillkeepr.Application
		if err := json.Unmarshal(r.Body, &got); err != nil || got.Status != skillkeepr.StatusRecommended {
			t.Fatalf("recommend: %s", r)
		}
		r = e.do(e.a.Recruiter, "GET", fmt.Sprintf("/api/v1/applications/%d/recruiter-assist", app.ID), nil)
		var panel struct {
			Assist struct {
				NextStep  struct{ Text, Source string } `json:"next_step"`
				Questions []struct{ Competency string } `json:"questions"`
			} `json:"assist"`
		}
		if err := json.Unmarshal(r.Body, &panel); err != nil || r.Code != 200 || panel.Assist.NextStep.Source == "" || len(panel.Assist.Questions) == 0 {
			t.Fatalf("assist: %s", r)
		}
		if r := e.do(e.a.Recruiter, "GET", "/api/v1/me/rating-cards", nil); r.Code != 200 {
			t.Fatalf("my cards: %s", r)
		}
	})
}

// TestRatingCardAPIPermissions checks each rating card endpoint by role
// on a job of Design that nobody is assigned to.
func TestRatingCardAPIPermissions(t *testing.T) {
	t.Parallel()
	forEachEngine(t, func(t *testing.T, e *env) {
		admin := ctxAs(e.a.SuperAdmin)
		job, err := e.svc.Jobs.CreateJob(admin, skillkeepr.JobFields{Title: "Designer", DepartmentID: e.a.Design.ID, Location: "Remote", Description: "Draw."})
		if err != nil {
			t.Fatal(err)
		}
		_, app, err := e.svc.Candidates.CreateCandidate(admin, skillkeepr.CandidateCreate{JobID: job.ID, Source: "manual",
			CandidateFields: skillkeepr.CandidateFields{Name: "Dora", Emails: []string{"dora@example.com"}}})
		if err != nil {
			t.Fatal(err)
		}
		iv := sqlstore.SeedEndedInterview(t, e.st, e.a.Org.ID, app.ID, e.a.Collaborator.ID)
		users := []*skillkeepr.User{e.a.SuperAdmin, e.a.RecruiterAdmin, e.a.Recruiter, e.a.Collaborator}
		checks := []struct {
			name, method, path string
			body               any
			want               [4]int
		}{
			{"shortlist", "GET", fmt.Sprintf("/api/v1/jobs/%d/interview-shortlist", job.ID), nil, [4]int{200, 200, 404, 404}},
			{"templates", "GET", fmt.Sprintf("/api/v1/jobs/%d/rating-cards", job.ID), nil, [4]int{200, 200, 404, 404}},
			{"create template", "POST", fmt.Sprintf("/api/v1/jobs/%d/rating-cards", job.ID), map[string]string{}, [4]int{201, 201, 404, 404}},
			// The Collaborator is on the interview although the job is not theirs.
			{"own card", "GET", fmt.Sprintf("/api/v1/interviews/%d/card", iv.ID), nil, [4]int{403, 403, 404, 200}},
			{"interview cards", "GET", fmt.Sprintf("/api/v1/interviews/%d/cards", iv.ID), nil, [4]int{200, 200, 404, 403}},
			{"not recommend", "POST", fmt.Sprintf("/api/v1/applications/%d/not-recommend", app.ID), map[string]string{"note": "No"}, [4]int{200, 200, 404, 404}},
			{"recommend", "POST", fmt.Sprintf("/api/v1/applications/%d/recommend", app.ID), map[string]string{"note": "Yes"}, [4]int{200, 200, 404, 404}},
			{"summary without cards", "GET", fmt.Sprintf("/api/v1/applications/%d/rating-summary", app.ID), nil, [4]int{404, 404, 404, 404}},
		}
		for _, c := range checks {
			for i, u := range users {
				if r := e.do(u, c.method, c.path, c.body); r.Code != c.want[i] {
					t.Errorf("%s by %s: %d, want %d (%s)", c.name, u.Role.Label(), r.Code, c.want[i], r.Body)
				}
			}
		}
	})
}
