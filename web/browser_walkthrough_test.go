package web_test

import (
	"context"
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/skillkeepr/skillkeepr"
	"github.com/skillkeepr/skillkeepr/leversandbox"
	"github.com/skillkeepr/skillkeepr/leversync"
	"github.com/skillkeepr/skillkeepr/sqlstore"
)

// TestBrowserSeedWalkthrough drives Chromium through the seed walkthrough
// of design.md §1, steps 1 to 6, in one session, clicking the labels it
// names, against the Lever sandbox over HTTP:
//
//  1. Integrations → Lever → Connect → Confirm → Lever sign-in → Accept → Connected.
//  2. Jobs → Lever Jobs → Import → the form with its stage mapping → Import → the job on top.
//  3. The red Assign button → choose a Recruiter.
//  4. Double-click the job row → Import Candidates → the import status → See More.
//  5. (interview done and rated) Interview Shortlist → Recommend to Hire → Push →
//     Change Job Stage → Done; then Lever holds the stage, the tag, the note
//     with the recommendation comment and a feedback form with the rating.
//  6. In Lever, Settings → Integrations and API → Authorized Apps → Revoke
//     access → SkillKeepr shows the integration as disconnected.
//
// The background work (the candidate import, the push) is run by the test
// where the queue would run it, so each step's effect is checked in turn.
func TestBrowserSeedWalkthrough(t *testing.T) {
	requireBrowser(t)
	t.Parallel()
	e := newLeverEnv(t, "sqlite", leversandbox.DefaultClientID)
	ctx, run := startBrowser(t)
	text := func(sel string) string {
		t.Helper()
		s, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(sel)))
		if err != nil {
			t.Fatalf("text of %s: %v", sel, err)
		}
		return s
	}
	signIn := func(u *skillkeepr.User) {
		t.Helper()
		run("sign in as "+u.Email, signInSteps(e.ts.URL, u.Email)...)
	}
	signIn(e.org.SuperAdmin)

	// 1. Connect.
	run("1. Integrations → Connect → Confirm",
		chromedp.Click(chromedp.CSS(`nav.sidebar a[href="/integrations"]`)),
		chromedp.WaitVisible(chromedp.CSS(`[data-lever-status="disconnected"]`)),
		chromedp.Click(chromedp.CSS(`[data-lever-status] a.btn-primary`)),
		chromedp.WaitVisible(chromedp.CSS(`main form button.btn-primary`)),
		chromedp.Click(chromedp.CSS(`main form button.btn-primary`)),
	)
	run("1. Lever sign-in → Accept → Connected",
		chromedp.WaitVisible(chromedp.CSS(`input[name=email]`)),
		chromedp.SendKeys(chromedp.CSS(`input[name=email]`), leversandbox.DefaultAdminEmail),
		chromedp.SendKeys(chromedp.CSS(`input[name=password]`), leversandbox.DefaultAdminPassword),
		chromedp.Click(chromedp.CSS(`button[type=submit]`)),
		chromedp.WaitVisible(chromedp.CSS(`button[value=accept]`)),
		chromedp.Click(chromedp.CSS(`button[value=accept]`)),
		chromedp.WaitVisible(chromedp.CSS(`[data-lever-status="connected"]`)),
	)
	if card := text(`[data-lever-status]`); !strings.Contains(card, "Connected") {
		t.Fatalf("card after Accept: %q", card)
	}

	// 2. Import a Lever job with its stage mapping.
	posting := e.sb.Postings()[0]
	run("2. Jobs → Lever Jobs → Import",
		chromedp.Click(chromedp.CSS(`nav.sidebar a[href="/jobs"]`)),
		chromedp.WaitVisible(chromedp.CSS(`a#lever-jobs`)),
		chromedp.Click(chromedp.CSS(`a#lever-jobs`)),
		chromedp.WaitVisible(chromedp.CSS(`#lever-postings`)),
		chromedp.Click(chromedp.CSS(`tr[data-lever-posting-id="`+posting.ID+`"] a.btn-import`)),
		chromedp.WaitVisible(chromedp.CSS(`#stage-mapping`)),
	)
	if n, _ := chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelectorAll('main form .req').length`)); n == 0 {
		t.Error("the import form marks no field as mandatory")
	}
	run("2. Import → the job on top of the Jobs list",
		chromedp.Click(chromedp.CSS(`main form button.btn-primary`)),
		chromedp.WaitVisible(chromedp.CSS(`#jobs-table tbody tr:first-child[data-job-number="1001"][data-job-id]`)),
	)
	jobID, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.querySelector('#jobs-table tbody tr:first-child').dataset.jobId`))
	if err != nil {
		t.Fatal(err)
	}

	// 3. Assign a Recruiter.
	run("3. Assign → choose the Recruiter",
		chromedp.Navigate(e.ts.URL+"/jobs"), // the import's message is read
		chromedp.WaitVisible(chromedp.CSS(`tr[data-job-number="1001"] .btn-assign`)),
		chromedp.Click(chromedp.CSS(`tr[data-job-number="1001"] .btn-assign`)),
		chromedp.WaitVisible(chromedp.CSS(fmt.Sprintf(`dialog#assign-dialog #r%d`, e.org.Recruiter.ID))),
		chromedp.Click(chromedp.CSS(fmt.Sprintf(`dialog#assign-dialog #r%d`, e.org.Recruiter.ID))),
		chromedp.Click(chromedp.CSS(`dialog#assign-dialog form button[type=submit]`)),
		chromedp.WaitVisible(chromedp.CSS(`.flash-ok`)),
	)
	if flash := text(`.flash-ok`); !strings.Contains(flash, "assigned to "+e.org.Recruiter.Name) {
		t.Fatalf("flash after Assign: %q", flash)
	}

	// 4. Import the job's candidates and read the log.
	run("4. double-click the job row → Import Candidates",
		chromedp.DoubleClick(chromedp.CSS(`tr[data-job-number="1001"] td.mono`)),
		chromedp.WaitVisible(chromedp.CSS(`form[action$="/lever-imports"] button`)),
		chromedp.Click(chromedp.CSS(`form[action$="/lever-imports"] button`)),
		chromedp.WaitVisible(chromedp.CSS(`#import-status[data-import-state="running"]`)),
	)
	go func() { // the queue's part, while the page refreshes itself
		time.Sleep(300 * time.Millisecond)
		ci := leversync.NewCandidates(e.conn, e.store)
		for _, it := range sqlstore.TasksOf[skillkeepr.LeverCandidateImportTask](e.enq) {
			_ = ci.RunLeverImport(context.Background(), it.OrgID, it.RunID, false)
		}
	}()
	run("4. the import status → See More",
		chromedp.WaitVisible(chromedp.CSS(`#import-status[data-import-state="completed-with-failures"]`)),
		chromedp.Click(chromedp.CSS(`#import-status a[href^="/lever-imports/"]`)),
		chromedp.WaitVisible(chromedp.CSS(`table.import-log`)),
	)
	if log := text(`table.import-log`); !strings.Contains(log, "Lever has no email address") {
		t.Fatalf("import log: %q", log)
	}

	// 5. The interview is done and rated (two interviewers' cards), and the
	// demo's people have no Lever user of their own: the fallback one
	// writes. Then, in the browser: Interview Shortlist → Recommend to
	// Hire → Push → Change Job Stage → Done.
	jid, _ := strconv.ParseInt(jobID, 10, 64)
	admin := e.ctx(e.org.SuperAdmin)
	lu := e.sb.AdminUser()
	if _, err := e.store.UpdateLeverWriteSettings(admin, skillkeepr.LeverWriteSettings{FallbackUserID: lu.ID, FallbackUserName: lu.Name}); err != nil {
		t.Fatal(err)
	}
	linked, err := e.store.LeverApplications(context.Background(), e.org.Org.ID, jid)
	if err != nil {
		t.Fatal(err)
	}
	var oppID string
	var appID int64
	for _, opp := range e.sb.Opportunities(posting.ID) {
		if la, ok := linked[opp.ID]; ok && la.ApplicationID != 0 {
			oppID, appID = opp.ID, la.ApplicationID
			break
		}
	}
	if appID == 0 {
		t.Fatal("no imported candidate is linked to a Lever opportunity")
	}
	if _, err := e.store.SetApplicationStatus(e.ctx(e.org.Recruiter), appID, skillkeepr.StatusShortlisted, ""); err != nil {
		t.Fatal(err)
	}
	iv := sqlstore.SeedEndedInterview(t, e.store, e.org.Org.ID, appID, e.org.Collaborator.ID, e.org.RecruiterAdmin.ID)
	card := "/interviews/" + strconv.FormatInt(iv.ID, 10) + "/card"
	for _, r := range []struct {
		who          *skillkeepr.User
		score, total int
	}{{e.org.Collaborator, 4, 4}, {e.org.RecruiterAdmin, 3, 3}} {
		c := e.login(r.who)
		wantStatus(t, c.post(card, cardForm(c.get(card).body, r.score, r.total, "Rated in the walkthrough.")), http.StatusSeeOther)
	}
	const comment = "Strong systems thinking; both interviewers agree."
	row := fmt.Sprintf(`tr[data-application-id="%d"]`, appID)
	detail := fmt.Sprintf(`tr[data-detail-for="%d"]`, appID)
	run("5. Interview Shortlist → Recommend to Hire",
		chromedp.Navigate(e.ts.URL+"/jobs/"+jobID),
		chromedp.Click(chromedp.CSS(`a[href="/jobs/`+jobID+`/interview-shortlist"]`)),
		chromedp.WaitVisible(chromedp.CSS(row)),
		chromedp.Click(chromedp.CSS(detail+` details > summary`)),
		chromedp.WaitVisible(chromedp.CSS(detail+` form.decide textarea`)),
		chromedp.SendKeys(chromedp.CSS(detail+` form.decide textarea`), comment),
		chromedp.Click(chromedp.CSS(detail+` form.decide button[value=recommend]`)),
		chromedp.WaitVisible(chromedp.CSS(`.flash-ok`)),
	)
	target := e.sb.Stages()[5]
	run("5. Push → Change Job Stage → Done",
		chromedp.Click(chromedp.CSS(detail+` summary`)),
		chromedp.WaitVisible(chromedp.CSS(detail+` a.push`)),
		chromedp.Click(chromedp.CSS(detail+` a.push`)),
		chromedp.WaitVisible(chromedp.CSS(`#change-job-stage select#stage_id`)),
		chromedp.SetValue(chromedp.CSS(`#stage_id`), target.ID),
		chromedp.Click(chromedp.CSS(`#change-job-stage button[type=submit]`)),
		chromedp.WaitVisible(chromedp.CSS(row)),
	)
	// The queue's part: the stage tags of every status change on the way
	// (shortlisted, review completed, recommended), in order, then the push.
	sync := leversync.NewStageSync(e.conn, e.store)
	for _, task := range sqlstore.TasksOf[skillkeepr.LeverStageSyncTask](e.enq) {
		if err := sync.SyncStage(context.Background(), task, false); err != nil {
			t.Fatal(err)
		}
	}
	if err := e.workPushes(t); err != nil {
		t.Fatal(err)
	}
	if st, _ := e.sb.Stage(oppID); st.ID != target.ID {
		t.Errorf("stage in Lever %q, want %q", st.Text, target.Text)
	}
	if tags := e.sb.Tags(oppID); !slices.Contains(tags, "skillkeepr: candidate recommended") {
		t.Errorf("tags in Lever %q", tags)
	}
	notes := e.sb.Notes(oppID)
	if len(notes) != 1 || !strings.Contains(notes[0].Fields[0].Value, "Recommendation: "+comment) {
		t.Errorf("notes in Lever %+v", notes)
	}
	forms := e.sb.Feedback(oppID)
	if len(forms) != 1 || forms[0].Text != skillkeepr.FeedbackTemplateName {
		t.Fatalf("feedback in Lever %+v", forms)
	}
	var overall string
	for _, f := range forms[0].Fields {
		if s, ok := f.Value.(string); ok && f.Text == "Overall rating" {
			overall = s
		}
	}
	if overall != "4 - Strong Hire" {
		t.Errorf("overall rating on the feedback form %q", overall)
	}

	// 6. Revoke access in Lever.
	run("6. Lever: Settings → Integrations and API → Authorized Apps → Revoke access",
		chromedp.Navigate(e.lever+"/postings"),
		chromedp.Click(chromedp.CSS(`header a[href="/settings/integrations"]`)),
		chromedp.WaitVisible(chromedp.CSS(`a[href="/settings/integrations?tab=authorized-apps"]`)),
		chromedp.Click(chromedp.CSS(`a[href="/settings/integrations?tab=authorized-apps"]`)),
		chromedp.WaitVisible(chromedp.CSS(`form[action="/settings/integrations/authorized-apps/revoke"] button`)),
		chromedp.Click(chromedp.CSS(`form[action="/settings/integrations/authorized-apps/revoke"] button`)),
		chromedp.WaitNotPresent(chromedp.CSS(`form[action="/settings/integrations/authorized-apps/revoke"]`)),
	)
	if err := e.conn.CheckAll(context.Background()); err != nil { // the periodic health check
		t.Fatal(err)
	}
	run("6. SkillKeepr shows the integration as disconnected",
		chromedp.Navigate(e.ts.URL+"/integrations"),
		chromedp.WaitVisible(chromedp.CSS(`[data-lever-status="revoked"]`)),
	)
	if card := text(`[data-lever-status]`); !strings.Contains(card, "Access was revoked in Lever on") {
		t.Fatalf("card after Revoke access: %q", card)
	}
}
