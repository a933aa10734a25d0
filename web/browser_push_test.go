package web_test

import (
	"context"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/skillkeepr/skillkeepr"
	"github.com/skillkeepr/skillkeepr/leversandbox"
)

// TestBrowserPush drives Chromium through Push on the job page: the
// recommended candidate's row → Push → Change Job Stage → choose a Lever
// stage → Done → back on the job page, queued; once the queue has worked
// it, pushed — and the sandbox shows the stage, the tag and the note.
func TestBrowserPush(t *testing.T) {
	requireBrowser(t)
	t.Parallel()
	e := newLeverEnv(t, "sqlite", leversandbox.DefaultClientID)
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
	if _, err := e.store.SetApplicationStatus(hrCtx, app.ID, skillkeepr.StatusRecommended, "Great systems thinking."); err != nil {
		t.Fatal(err)
	}
	if err := e.store.SetApplicationLeverOpportunity(context.Background(), e.org.Org.ID, app.ID, opp.ID); err != nil {
		t.Fatal(err)
	}
	target := e.sb.Stages()[5]
	row := `tr[data-application-id="` + strconv.FormatInt(app.ID, 10) + `"]`

	ctx, run := startBrowser(t)
	run("sign in", signInSteps(e.ts.URL, e.org.RecruiterAdmin.Email)...)
	run("job page → Push → Change Job Stage",
		chromedp.Navigate(e.ts.URL+"/jobs/"+strconv.FormatInt(job.ID, 10)),
		chromedp.WaitVisible(chromedp.CSS(row+` .lever-push[data-push-state="none"] a`)),
		chromedp.Click(chromedp.CSS(row+` .lever-push a`)),
		chromedp.WaitVisible(chromedp.CSS(`#change-job-stage select#stage_id`)),
		chromedp.SetValue(chromedp.CSS(`#stage_id`), target.ID),
	)
	run("Done → back on the job page, queued",
		chromedp.Click(chromedp.CSS(`#change-job-stage button[type=submit]`)),
		chromedp.WaitVisible(chromedp.CSS(row+` .lever-push[data-push-state="queued"]`)),
	)
	if err := e.workPushes(t); err != nil {
		t.Fatal(err)
	}
	run("pushed",
		chromedp.Reload(),
		chromedp.WaitVisible(chromedp.CSS(row+` .lever-push[data-push-state="pushed"]`)),
	)
	status, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(row+` .push-status`)))
	if err != nil || !strings.Contains(status, "to "+target.Text) || !strings.Contains(status, e.org.RecruiterAdmin.Name) {
		t.Fatalf("push status %q %v", status, err)
	}
	if st, _ := e.sb.Stage(opp.ID); st.ID != target.ID {
		t.Fatalf("stage in Lever %s, want %s", st.Text, target.Text)
	}
	if !slices.Contains(e.sb.Tags(opp.ID), "skillkeepr: candidate recommended") || len(e.sb.Notes(opp.ID)) != 1 {
		t.Fatalf("Lever: tags %q, %d notes", e.sb.Tags(opp.ID), len(e.sb.Notes(opp.ID)))
	}
}
