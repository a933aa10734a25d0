package web_test

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"reflect"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/skillkeepr/skillkeepr"
	"github.com/skillkeepr/skillkeepr/llm"
	"github.com/skillkeepr/skillkeepr/match"
	"github.com/skillkeepr/skillkeepr/sqlstore"
	"github.com/skillkeepr/skillkeepr/web"
)

const assistResume = `Ana Lima
ana.lima@example.com | +44 20 7946 0958

Summary
Backend engineer with 6 years of Go and Kubernetes.

Experience
Senior Engineer, Acme Ltd, 2019 - present
Built k8s clusters and Go services for payments.
Ran Docker builds for every team.

Skills
Go, Docker, Kubernetes, PostgreSQL
`

// The model's answer: Docker (not a criterion of the job) with good
// evidence, and Rust with a quote its line does not hold.
const assistAnswer = `{"skills": [
  {"name": "Docker", "source": "experience", "evidence": [{"line": 8, "quote": "Docker builds"}]},
  {"name": "Rust", "source": "skills_section", "evidence": [{"line": 10, "quote": "Rust"}]}],
 "summary": [{"text": "Backend engineer who built Kubernetes clusters.", "lines": [4, 7]}]}`

// fakeLLM answers chat completions with assistAnswer, or with status
// when it is set.
func fakeLLM(t *testing.T, status *atomic.Int32) string {
	t.Helper()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if st := int(status.Load()); st != 0 {
			w.WriteHeader(st)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		json.NewEncoder(w).Encode(map[string]any{"choices": []any{map[string]any{"message": map[string]any{"role": "assistant", "content": assistAnswer}}}})
	}))
	t.Cleanup(srv.Close)
	return srv.URL + "/v1"
}

func assistEnv(t *testing.T, engine string, on bool) *env {
	return newEnvAPI(t, engine, nil, func(e *env, c *web.Config) {
		if on {
			c.Services.Assist = e.store.Assist("fake-model")
		}
	})
}

func TestAssistOffByDefault(t *testing.T) {
	t.Parallel()
	for _, engine := range sqlstore.TestEngines() {
		t.Run(engine, func(t *testing.T) {
			t.Parallel()
			e := assistEnv(t, engine, false)
			eng := e.createJob("Go Engineer", e.org.Engineering.ID, e.org.Recruiter.ID)
			c := e.addCandidates(eng, "Ann", 1, 0, "")[0]
			rec := e.login(e.org.Recruiter)
			r := rec.get("/candidates/" + strconv.FormatInt(c.ID, 10))
			wantStatus(t, r, http.StatusOK)
			if strings.Contains(r.body, "Generate suggestion") || strings.Contains(r.body, "Suggested by a language model") {
				t.Error("the assist shows while it is off")
			}
			appID := c.Applications[0].ID
			r = rec.post("/applications/"+strconv.FormatInt(appID, 10)+"/assist", nil)
			wantStatus(t, r, http.StatusServiceUnavailable)
			wantContains(t, r, "not turned on")
			if tasks := sqlstore.TasksOf[skillkeepr.AssistTask](e.enq); len(tasks) != 0 {
				t.Errorf("tasks enqueued while off: %v", tasks)
			}
		})
	}
}

func TestAssistSuggestionOnCandidatePage(t *testing.T) {
	t.Parallel()
	for _, engine := range sqlstore.TestEngines() {
		t.Run(engine, func(t *testing.T) {
			t.Parallel()
			e := assistEnv(t, engine, true)
			var status atomic.Int32
			client, err := llm.New(llm.Config{BaseURL: fakeLLM(t, &status), Model: "fake-model", Timeout: 5 * time.Second})
			if err != nil {
				t.Fatal(err)
			}
			assistant := &llm.Assistant{Client: client, Work: e.store.Assist("fake-model")}

			eng := e.createJob("Go Engineer", e.org.Engineering.ID, e.org.Recruiter.ID)
			admin := e.ctx(e.org.SuperAdmin)
			c, app, err := e.svc.Candidates.CreateCandidate(admin, skillkeepr.CandidateCreate{
				CandidateFields: skillkeepr.CandidateFields{Name: "Ana Lima", Emails: []string{"ana.lima@example.com"}}, JobID: eng.ID,
				Resume: &skillkeepr.ResumeUpload{FileName: "ana.txt", ContentType: skillkeepr.ContentTypeText, Data: []byte(assistResume)}})
			if err != nil {
				t.Fatal(err)
			}
			page := "/candidates/" + strconv.FormatInt(c.ID, 10)
			action := "/applications/" + strconv.FormatInt(app.ID, 10) + "/assist"

			// What the score reads, before.
			text, err := match.ExtractText(t.Context(), "ana.txt", []byte(assistResume), match.Limits{})
			if err != nil {
				t.Fatal(err)
			}
			jobBefore, _ := e.svc.Jobs.FindJobByID(admin, eng.ID)
			appBefore, _ := e.svc.Applications.FindApplicationByID(admin, app.ID)
			scoreBefore := match.ScoreProfile(match.CriteriaFromJob(*jobBefore), match.Extract(text))

			// A Collaborator sees no button and may not ask.
			col := e.login(e.org.Collaborator)
			if r := col.get(page); strings.Contains(r.body, "Generate suggestion") {
				t.Error("the Collaborator is offered the button")
			}
			wantStatus(t, col.post(action, nil), http.StatusForbidden)

			rec := e.login(e.org.Recruiter)
			r := rec.get(page)
			wantContains(t, r, "Suggested by a language model — check the evidence", "Generate suggestion", `action="`+action+`"`)
			wantStatus(t, rec.post(action, nil), http.StatusSeeOther)
			tasks := sqlstore.TasksOf[skillkeepr.AssistTask](e.enq)
			if len(tasks) != 1 {
				t.Fatalf("tasks %v", tasks)
			}
			task := tasks[0]
			r = rec.get(page)
			wantContains(t, r, `data-assist-status="pending"`, "Being prepared")
			if strings.Contains(r.body, "Generate suggestion") {
				t.Error("the button shows while a suggestion is pending")
			}

			// The worker runs: the page shows the checked suggestion.
			if err := assistant.RunAssist(t.Context(), task.OrgID, task.SuggestionID, false); err != nil {
				t.Fatal(err)
			}
			r = rec.get(page)
			wantContains(t, r, `data-assist-status="ready"`, "<strong>Docker</strong>", "line 8:", "Ran Docker builds for every team.",
				"Backend engineer who built Kubernetes clusters.", "lines 4, 7", "1 suggestion was left out", "Made by fake-model")
			if strings.Contains(r.body, "<strong>Rust</strong>") {
				t.Error("a skill without evidence is shown")
			}

			// Recruiter Assist adds the written summary, labelled as
			// generated, once blind review no longer hides the candidate.
			ra := "/applications/" + strconv.FormatInt(app.ID, 10) + "/recruiter-assist"
			if r := rec.get(ra); strings.Contains(r.body, "assist-generated") {
				t.Error("the generated summary shows while the candidate is masked")
			}
			if _, err := e.svc.Applications.SetApplicationStatus(e.ctx(e.org.Recruiter), app.ID, skillkeepr.StatusShortlisted, ""); err != nil {
				t.Fatal(err)
			}
			appBefore, _ = e.svc.Applications.FindApplicationByID(admin, app.ID)
			wantContains(t, rec.get(ra), `id="assist-generated"`, "generated by a language model", "Written by fake-model",
				"Backend engineer who built Kubernetes clusters.", "résumé lines 4, 7")

			// Nothing the score reads has changed.
			jobAfter, _ := e.svc.Jobs.FindJobByID(admin, eng.ID)
			appAfter, _ := e.svc.Applications.FindApplicationByID(admin, app.ID)
			if !reflect.DeepEqual(jobBefore, jobAfter) {
				t.Errorf("the job (its criteria) changed:\n%+v\n%+v", jobBefore, jobAfter)
			}
			if !reflect.DeepEqual(appBefore, appAfter) {
				t.Errorf("the application changed:\n%+v\n%+v", appBefore, appAfter)
			}
			if scoreAfter := match.ScoreProfile(match.CriteriaFromJob(*jobAfter), match.Extract(text)); !reflect.DeepEqual(scoreBefore, scoreAfter) {
				t.Errorf("the score changed: %+v → %+v", scoreBefore, scoreAfter)
			}

			// A refused key is shown in plain words.
			status.Store(http.StatusUnauthorized)
			wantStatus(t, rec.post(action, nil), http.StatusSeeOther)
			tasks = sqlstore.TasksOf[skillkeepr.AssistTask](e.enq)
			task = tasks[len(tasks)-1]
			if err := assistant.RunAssist(t.Context(), task.OrgID, task.SuggestionID, false); err != nil {
				t.Fatal(err)
			}
			r = rec.get(page)
			wantContains(t, r, `data-assist-status="failed"`, "did not accept SkillKeepr&#39;s key", "Generate suggestion")
			if strings.Contains(r.body, "401") {
				t.Error("the page shows the status code")
			}

			// Another organisation: not found.
			beta := sqlstore.SeedTestOrg(t, e.store, "Beta")
			e.setPassword(beta.SuperAdmin)
			wantStatus(t, e.login(beta.SuperAdmin).post(action, nil), http.StatusNotFound)
		})
	}
}

// A suggestion pending for longer than AssistStaleAfter (its background
// job gave up) says so and offers the button again.
func TestAssistStalePendingOffersRetry(t *testing.T) {
	t.Parallel()
	e := newEnvAPI(t, "sqlite", nil, func(e *env, c *web.Config) {
		c.Services.Assist = e.store.Assist("fake-model")
		c.Now = func() time.Time { return time.Now().Add(skillkeepr.AssistStaleAfter + time.Minute) }
	})
	eng := e.createJob("Go Engineer", e.org.Engineering.ID, e.org.Recruiter.ID)
	c := e.addCandidates(eng, "Ann", 1, 0, "")[0]
	if _, err := e.store.Assist("fake-model").RequestAssist(e.ctx(e.org.Recruiter), c.Applications[0].ID); err != nil {
		t.Fatal(err)
	}
	r := e.login(e.org.Recruiter).get("/candidates/" + strconv.FormatInt(c.ID, 10))
	wantContains(t, r, `data-assist-status="pending"`, "taking far too long", "Generate suggestion")
	if strings.Contains(r.body, "Being prepared") {
		t.Error("a stale suggestion shows as being prepared")
	}
}
