package web_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/skillkeepr/skillkeepr"
)

// TestBrowserRatingCards: two interviewers fill their rating cards in
// Chromium, the Recruiter opens the Interview Shortlist screen from the
// job page, recommends the candidate with a comment, and Push appears.
func TestBrowserRatingCards(t *testing.T) {
	requireBrowser(t)
	t.Parallel()
	e := newEnv(t, "sqlite")
	w := e.ratedWorld("Browser")

	ctx, run := startBrowser(t)
	signIn := func(u *skillkeepr.User) {
		t.Helper()
		run("sign in as "+u.Email, signInSteps(e.ts.URL, u.Email)...)
	}
	signOut := func() {
		t.Helper()
		run("sign out",
			chromedp.Click(chromedp.CSS(`nav.sidebar .usermenu button.linklike`)),
			chromedp.WaitVisible(chromedp.CSS(`#email`)),
		)
	}
	fill := func(u *skillkeepr.User, score, overall int, notes string) {
		t.Helper()
		signIn(u)
		// From the dashboard to My rating cards to the card.
		run("open my cards",
			chromedp.Click(chromedp.CSS(`#my-rating-cards-link a`)),
			chromedp.WaitVisible(chromedp.CSS(fmt.Sprintf(`#my-cards tr[data-interview-id="%d"] a.btn`, w.iv.ID))),
			chromedp.Click(chromedp.CSS(fmt.Sprintf(`#my-cards tr[data-interview-id="%d"] a.btn`, w.iv.ID))),
			chromedp.WaitVisible(chromedp.CSS(`#card-form`)),
		)
		n, err := chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelectorAll('#card-form fieldset.competency').length - 1`))
		if err != nil || n < 1 {
			t.Fatalf("competencies on the card: %d %v", n, err)
		}
		var steps []chromedp.Action[chromedp.Void]
		for i := range n {
			steps = append(steps, chromedp.Click(chromedp.CSS(fmt.Sprintf(`input[name="score_%d"][value="%d"]`, i, score))))
		}
		steps = append(steps,
			chromedp.Click(chromedp.CSS(fmt.Sprintf(`input[name="overall"][value="%d"]`, overall))),
			chromedp.SendKeys(chromedp.CSS(`#notes`), notes),
			chromedp.Click(chromedp.CSS(`#card-form button[type=submit]`)),
			chromedp.WaitVisible(chromedp.CSS(`#my-card[data-card-status="submitted"]`)),
		)
		run("fill the card", steps...)
		signOut()
	}
	fill(e.org.Collaborator, 4, 4, "Clear thinker.")
	fill(e.org.RecruiterAdmin, 3, 3, "Good SQL.")

	signIn(e.org.Recruiter)
	row := fmt.Sprintf(`tr[data-application-id="%d"]`, w.app.ID)
	detail := fmt.Sprintf(`tr[data-detail-for="%d"]`, w.app.ID)
	run("open the Interview Shortlist from the job page",
		chromedp.Navigate(fmt.Sprintf("%s/jobs/%d", e.ts.URL, w.job.ID)),
		chromedp.Click(chromedp.CSS(fmt.Sprintf(`a[href="/jobs/%d/interview-shortlist"]`, w.job.ID))),
		chromedp.WaitVisible(chromedp.CSS(row)),
	)
	text, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(row)))
	if err != nil || !strings.Contains(text, "2 of 2") || !strings.Contains(text, "3.5") {
		t.Fatalf("shortlist row %q %v", text, err)
	}
	if n, _ := chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelectorAll('a.push').length`)); n != 0 {
		t.Fatal("Push shown before the recommendation")
	}
	run("open Recruiter Assist in the row",
		chromedp.Click(chromedp.CSS(detail+` details > summary`)),
		chromedp.Click(chromedp.CSS(detail+` details.recruiter-assist > summary`)),
		chromedp.WaitVisible(chromedp.CSS(detail+` #assist-panel #assist-next`)),
	)
	next, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(detail+` #assist-next`)))
	if err != nil || !strings.Contains(next, "decide on the Interview Shortlist screen") {
		t.Fatalf("Recruiter Assist next step %q %v", next, err)
	}
	run("recommend with a comment",
		chromedp.WaitVisible(chromedp.CSS(detail+` form.decide textarea`)),
		chromedp.SendKeys(chromedp.CSS(detail+` form.decide textarea`), "Strong hire: both interviewers agree."),
		chromedp.Click(chromedp.CSS(detail+` form.decide button[value=recommend]`)),
		chromedp.WaitVisible(chromedp.CSS(`.flash-ok`)),
		chromedp.Click(chromedp.CSS(detail+` summary`)),
		chromedp.WaitVisible(chromedp.CSS(detail+` a.push`)),
	)
	href, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.querySelector('`+detail+` a.push').getAttribute('href')`))
	if err != nil || href != fmt.Sprintf("/applications/%d/push?return=/jobs/%d/interview-shortlist", w.app.ID, w.job.ID) {
		t.Fatalf("Push links to %q %v", href, err)
	}
	app, err := e.svc.Applications.FindApplicationByID(e.ctx(e.org.Recruiter), w.app.ID)
	if err != nil || app.Status != skillkeepr.StatusRecommended {
		t.Fatalf("application after recommending: %+v %v", app, err)
	}
}
