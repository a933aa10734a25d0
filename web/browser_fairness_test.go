package web_test

import (
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/skillkeepr/skillkeepr"
	"github.com/skillkeepr/skillkeepr/llm"
)

// TestBrowserFairnessAndAssist: a recruiter records a candidate's answers
// on the candidate page, opens the job's fairness report from the job
// page, and asks for a language-model suggestion that appears, checked,
// on the candidate page.
func TestBrowserFairnessAndAssist(t *testing.T) {
	requireBrowser(t)
	t.Parallel()
	e := assistEnv(t, "sqlite", true)
	var status atomic.Int32
	client, err := llm.New(llm.Config{BaseURL: fakeLLM(t, &status), Model: "fake-model", Timeout: 5 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	assistant := &llm.Assistant{Client: client, Work: e.store.Assist("fake-model")}

	eng := e.createJob("Go Engineer", e.org.Engineering.ID, e.org.Recruiter.ID)
	e.addCandidates(eng, "Woman", 5, 4, "woman")
	e.addCandidates(eng, "Man", 5, 2, "man")
	c, _, err := e.svc.Candidates.CreateCandidate(e.ctx(e.org.SuperAdmin), skillkeepr.CandidateCreate{
		CandidateFields: skillkeepr.CandidateFields{Name: "Ana Lima", Emails: []string{"ana.lima@example.com"}}, JobID: eng.ID,
		Resume: &skillkeepr.ResumeUpload{FileName: "ana.txt", ContentType: skillkeepr.ContentTypeText, Data: []byte(assistResume)}})
	if err != nil {
		t.Fatal(err)
	}
	candURL := e.ts.URL + "/candidates/" + strconv.FormatInt(c.ID, 10)

	ctx, run := startBrowser(t)
	text := func(sel string) string {
		t.Helper()
		s, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(sel)))
		if err != nil {
			t.Fatalf("text of %s: %v", sel, err)
		}
		return s
	}
	run("sign in", signInSteps(e.ts.URL, e.org.Recruiter.Email)...)
	run("record answers",
		chromedp.Navigate(candURL),
		chromedp.WaitVisible(chromedp.CSS(`#selfid-gender`)),
		chromedp.SetValue(chromedp.CSS(`#selfid-gender`), "woman"),
		chromedp.Click(chromedp.CSS(`#self-id form button[type=submit]`)),
		chromedp.WaitVisible(chromedp.CSS(`.flash-ok`)),
	)
	if s := text(`#self-id`); !strings.Contains(s, "Answers are on file") {
		t.Fatalf("self-identification box: %q", s)
	}

	run("open the report from the job page",
		chromedp.Navigate(e.ts.URL+"/jobs/"+strconv.FormatInt(eng.ID, 10)),
		chromedp.Click(chromedp.CSS(`main .actions a[href$="/fairness"]`)),
		chromedp.WaitVisible(chromedp.CSS(`#fairness-gender table`)),
	)
	woman, man := text(`#fairness-gender tr[data-group="woman"]`), text(`#fairness-gender tr[data-group="man"]`)
	if !strings.Contains(woman, "66.7%") || !strings.Contains(woman, "Reference group") {
		t.Errorf("women's row %q", woman) // 4 of 6: Ana counts now
	}
	if !strings.Contains(man, "40.0%") || !strings.Contains(man, "0.60") || !strings.Contains(man, "Below four fifths") {
		t.Errorf("men's row %q", man)
	}

	run("generate a suggestion",
		chromedp.Navigate(candURL),
		chromedp.Click(chromedp.CSS(`#assist form button[type=submit]`)),
		chromedp.WaitVisible(chromedp.CSS(`[data-assist-status="pending"]`)),
	)
	tasks := e.enq.Tasks()
	task := tasks[len(tasks)-1].(skillkeepr.AssistTask)
	if err := assistant.RunAssist(ctx, task.OrgID, task.SuggestionID, false); err != nil {
		t.Fatal(err)
	}
	run("the box refreshes itself", chromedp.WaitVisible(chromedp.CSS(`[data-assist-status="ready"]`)))
	box := text(`#assist`)
	for _, want := range []string{"Suggested by a language model — check the evidence", "Docker", "Ran Docker builds for every team.", "Generate suggestion"} {
		if !strings.Contains(box, want) {
			t.Errorf("assist box lacks %q: %q", want, box)
		}
	}
}
