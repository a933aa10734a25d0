package api_test

import (
	"encoding/json"
	"fmt"
	"testing"

	"github.com/skillkeepr/skillkeepr"
	"github.com/skillkeepr/skillkeepr/api"
	"github.com/skillkeepr/skillkeepr/sqlstore"
)

func TestFairnessAPI(t *testing.T) {
	t.Parallel()
	forEachEngine(t, func(t *testing.T, e *env) {
		admin := e.a.SuperAdmin
		eng := e.mustJob(admin, "Engineer", e.a.Engineering.ID)
		design := e.mustJob(admin, "Designer", e.a.Design.ID)
		var cands []*skillkeepr.Candidate
		for i := range 12 {
			c, app := e.mustCandidate(admin, fmt.Sprintf("C%d", i), fmt.Sprintf("c%d@example.com", i), eng.ID)
			cands = append(cands, c)
			if i%2 == 0 || i < 3 {
				if r := e.do(admin, "PUT", fmt.Sprintf("/api/v1/applications/%d/status", app.ID), map[string]any{"status": "shortlisted"}); r.Code != 200 {
					t.Fatalf("shortlist: %s", r)
				}
			}
		}
		for i, c := range cands {
			g := "woman"
			if i >= 6 {
				g = "man"
			}
			r := e.do(admin, "PUT", fmt.Sprintf("/api/v1/candidates/%d/self-identification", c.ID), map[string]any{"gender": g, "ethnicity": ""})
			rec := decode[skillkeepr.SelfIDRecord](t, r, 200)
			if !rec.Recorded || rec.UpdatedAt == nil {
				t.Fatalf("record %+v", rec)
			}
		}
		// The answers never come back.
		r := e.do(admin, "GET", fmt.Sprintf("/api/v1/candidates/%d/self-identification", cands[0].ID), nil)
		if rec := decode[skillkeepr.SelfIDRecord](t, r, 200); !rec.Recorded {
			t.Errorf("record %+v", rec)
		}
		var raw map[string]any
		json.Unmarshal(r.Body, &raw)
		if _, ok := raw["gender"]; ok {
			t.Errorf("the answers are returned: %s", r.Body)
		}
		opts := decode[api.SelfIDOptions](t, e.do(e.a.Collaborator, "GET", "/api/v1/self-identification/options", nil), 200)
		if len(opts.Questions) != 2 || opts.Questions[0].Key != "gender" || len(opts.Questions[1].Options) == 0 {
			t.Errorf("options %+v", opts)
		}

		// Bad input: field errors.
		r = e.do(admin, "PUT", fmt.Sprintf("/api/v1/candidates/%d/self-identification", cands[0].ID), map[string]any{"gender": "robot", "ethnicity": "martian"})
		if r.Code != 400 {
			t.Fatalf("bad answer: %s", r)
		}
		if _, _, fields := r.errBody(t); fields["gender"] == "" || fields["ethnicity"] == "" {
			t.Errorf("fields %v", fields)
		}
		r = e.do(admin, "PUT", fmt.Sprintf("/api/v1/candidates/%d/self-identification", cands[0].ID), `{"gender": 3}`)
		if r.Code != 400 {
			t.Errorf("wrong type: %s", r)
		}

		// The report: women 6 (shortlisted 0,1,2,4 → 4), men 6 (6, 8, 10 → 3).
		if r := e.do(e.a.Recruiter, "GET", fmt.Sprintf("/api/v1/jobs/%d/fairness", eng.ID), nil); r.Code != 404 {
			t.Errorf("unassigned Recruiter: %s", r) // not assigned: not found
		}
		got := decode[api.FairnessReport](t, e.do(e.a.Collaborator, "GET", fmt.Sprintf("/api/v1/jobs/%d/fairness", eng.ID), nil), 200)
		if got.JobID != eng.ID || got.MinGroupSize != 5 || got.Report.Considered != 12 || got.Report.Shortlisted != 7 {
			t.Fatalf("report %+v", got)
		}
		g := got.Report.Dimensions[0].Groups
		if len(g) != 2 || g[0].Value != "woman" || g[0].Shortlisted != 4 || !g[0].Reference || g[1].Value != "man" || g[1].Shortlisted != 3 || !g[1].BelowFourFifths {
			t.Errorf("groups %+v", g) // 0.5/0.667 = 0.75 < 0.8 → flagged
		}

		// Permissions and tenants.
		for _, c := range []struct {
			who  *skillkeepr.User
			path string
			want int
		}{
			{e.a.RecruiterAdmin, fmt.Sprintf("/api/v1/jobs/%d/fairness", eng.ID), 200},
			{e.a.Collaborator, fmt.Sprintf("/api/v1/jobs/%d/fairness", design.ID), 404},
			{e.b.SuperAdmin, fmt.Sprintf("/api/v1/jobs/%d/fairness", eng.ID), 404},
			{e.b.SuperAdmin, fmt.Sprintf("/api/v1/candidates/%d/self-identification", cands[0].ID), 404},
			{nil, fmt.Sprintf("/api/v1/jobs/%d/fairness", eng.ID), 401},
		} {
			if r := e.do(c.who, "GET", c.path, nil); r.Code != c.want {
				t.Errorf("GET %s: %d, want %d", c.path, r.Code, c.want)
			}
		}
		if r := e.do(e.a.Collaborator, "PUT", fmt.Sprintf("/api/v1/candidates/%d/self-identification", cands[0].ID), map[string]any{"gender": "man", "ethnicity": ""}); r.Code != 403 {
			t.Errorf("Collaborator PUT: %s", r)
		}
		if r := e.do(e.b.SuperAdmin, "PUT", fmt.Sprintf("/api/v1/candidates/%d/self-identification", cands[0].ID), map[string]any{"gender": "man", "ethnicity": ""}); r.Code != 404 {
			t.Errorf("other org PUT: %s", r)
		}
	})
}

func TestSelfIDOptionsAPI(t *testing.T) {
	t.Parallel()
	forEachEngine(t, func(t *testing.T, e *env) {
		path := "/api/v1/self-identification/options/gender"
		if r := e.do(e.a.RecruiterAdmin, "PUT", path, map[string]any{"labels": []string{"A", "B"}}); r.Code != 403 {
			t.Errorf("Recruiter Admin: %s", r)
		}
		if r := e.do(e.a.SuperAdmin, "PUT", path, map[string]any{"labels": []string{"A"}}); r.Code != 400 {
			t.Errorf("one answer: %s", r)
		}
		if r := e.do(e.a.SuperAdmin, "PUT", "/api/v1/self-identification/options/religion", map[string]any{"labels": []string{"A", "B"}}); r.Code != 404 {
			t.Errorf("unknown question: %s", r)
		}
		got := decode[api.SelfIDOptions](t, e.do(e.a.SuperAdmin, "PUT", path, map[string]any{"labels": []string{"Female", "Male"}}), 200)
		if q := got.Questions[0]; !q.Custom || len(q.Options) != 3 || q.Options[0].Value != "female" {
			t.Fatalf("questions %+v", got)
		}
		// Globex keeps the shipped answers.
		other := decode[api.SelfIDOptions](t, e.do(e.b.Recruiter, "GET", "/api/v1/self-identification/options", nil), 200)
		if other.Questions[0].Custom {
			t.Error("Globex sees Acme's answers")
		}
		got = decode[api.SelfIDOptions](t, e.do(e.a.SuperAdmin, "PUT", path, map[string]any{"labels": []string{}}), 200)
		if got.Questions[0].Custom {
			t.Error("not reset")
		}
	})
}

func TestAssistAPI(t *testing.T) {
	t.Parallel()
	forEachEngine(t, func(t *testing.T, e *env) {
		admin := e.a.SuperAdmin
		job := e.mustJob(admin, "Engineer", e.a.Engineering.ID)
		_, app := e.mustCandidate(admin, "Ann", "ann@example.com", job.ID)
		path := fmt.Sprintf("/api/v1/applications/%d/assist", app.ID)

		// Off: refused.
		if r := e.do(admin, "POST", path, nil); r.Code != 503 {
			t.Fatalf("assist off: %s", r)
		}
		if r := e.do(admin, "GET", path, nil); r.Code != 404 {
			t.Fatalf("no suggestion: %s", r)
		}

		// On.
		e.svc.Assist = e.st.Assist("fake-model")
		e.api = api.New(api.Config{Services: e.svc})
		e.h = e.api
		g := decode[skillkeepr.AssistSuggestion](t, e.do(admin, "POST", path, nil), 202)
		if g.Status != skillkeepr.AssistPending || g.Model != "fake-model" {
			t.Fatalf("suggestion %+v", g)
		}
		if n := len(sqlstore.TasksOf[skillkeepr.AssistTask](e.enq)); n != 1 {
			t.Fatalf("%d tasks", n)
		}
		got := decode[skillkeepr.AssistSuggestion](t, e.do(e.a.Collaborator, "GET", path, nil), 200)
		if got.ID != g.ID || got.Status != skillkeepr.AssistPending {
			t.Errorf("latest %+v", got)
		}
		if r := e.do(e.a.Collaborator, "POST", path, nil); r.Code != 403 {
			t.Errorf("Collaborator POST: %s", r)
		}
		if r := e.do(e.b.SuperAdmin, "GET", path, nil); r.Code != 404 {
			t.Errorf("other org GET: %s", r)
		}
	})
}
