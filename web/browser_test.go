package web_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/skillkeepr/skillkeepr"
)

// TestBrowser drives Debian's Chromium: every role signs in and sees its
// menu; a Recruiter Admin creates a job, assigns it with the red Assign
// button and opens it by double-clicking its row; the Recruiter then sees
// the job.
func TestBrowser(t *testing.T) {
	requireBrowser(t)
	t.Parallel()
	e := newEnv(t, "sqlite")

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
	menuOf := func() []string {
		t.Helper()
		items, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](
			`Array.from(document.querySelectorAll('nav.sidebar > ul.menu a')).map(a => a.textContent.trim())`))
		if err != nil {
			t.Fatal(err)
		}
		return items
	}

	wantMenus := map[*skillkeepr.User]string{
		e.org.SuperAdmin:     "Dashboard,Jobs,Candidates,Interviews,Integrations,Users,Departments,Settings,Audit log,Mailbox",
		e.org.RecruiterAdmin: "Dashboard,Jobs,Candidates,Interviews,Users,Departments,Mailbox",
		e.org.Recruiter:      "Dashboard,Jobs,Candidates,Interviews",
		e.org.Collaborator:   "Dashboard,Jobs,Candidates,Interviews",
	}
	for _, u := range []*skillkeepr.User{e.org.SuperAdmin, e.org.RecruiterAdmin, e.org.Recruiter, e.org.Collaborator} {
		signIn(u)
		if got := strings.Join(menuOf(), ","); got != wantMenus[u] {
			t.Errorf("%s menu: %s, want %s", u.Role.Label(), got, wantMenus[u])
		}
		signOut()
	}

	// The Recruiter Admin creates a job.
	signIn(e.org.RecruiterAdmin)
	run("create job",
		chromedp.Navigate(e.ts.URL+"/jobs"),
		chromedp.Click(chromedp.CSS(`main a[href="/jobs/new"]`)),
		chromedp.WaitVisible(chromedp.CSS(`#title`)),
		chromedp.SendKeys(chromedp.CSS(`#title`), "Platform engineer"),
		chromedp.SetValue(chromedp.CSS(`#department_id`), fmt.Sprint(e.org.Engineering.ID)),
		chromedp.SendKeys(chromedp.CSS(`#location`), "Lisbon"),
		chromedp.SendKeys(chromedp.CSS(`#description`), "Run the platform."),
		chromedp.SendKeys(chromedp.CSS(`#required_skills`), "Go, PostgreSQL"),
		chromedp.Click(chromedp.CSS(`form.card button[type=submit]`)),
		chromedp.WaitVisible(chromedp.CSS(`section[aria-labelledby="jd-head"]`)),
	)
	jobURL, err := chromedp.Run(ctx, chromedp.Location())
	if err != nil {
		t.Fatal(err)
	}

	// Red Assign button on the row → the recruiter chooser opens in a
	// dialog → choose the Recruiter → Save.
	run("assign",
		chromedp.Navigate(e.ts.URL+"/jobs"),
		chromedp.Click(chromedp.CSS(`tr[data-job-number="1001"] .btn-assign`)),
		chromedp.WaitVisible(chromedp.CSS(fmt.Sprintf(`dialog#assign-dialog #r%d`, e.org.Recruiter.ID))),
		chromedp.Click(chromedp.CSS(fmt.Sprintf(`dialog#assign-dialog #r%d`, e.org.Recruiter.ID))),
		chromedp.Click(chromedp.CSS(`dialog#assign-dialog form button[type=submit]`)),
		chromedp.WaitVisible(chromedp.CSS(`.flash-ok`)),
	)
	if loc, _ := chromedp.Run(ctx, chromedp.Location()); loc != e.ts.URL+"/jobs" {
		t.Fatalf("after assigning: at %s", loc)
	}
	flash, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(`.flash-ok`)))
	if err != nil || !strings.Contains(flash, "assigned to "+e.org.Recruiter.Name) {
		t.Fatalf("flash after assign: %q %v", flash, err)
	}
	row, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(`tr[data-job-number="1001"]`)))
	if err != nil || !strings.Contains(row, e.org.Recruiter.Name) {
		t.Fatalf("jobs row after assign: %q %v", row, err)
	}

	// Double-click the row (on the ID cell, not the link) opens the job.
	run("double-click",
		chromedp.DoubleClick(chromedp.CSS(`tr[data-job-number="1001"] td.mono`)),
		chromedp.WaitVisible(chromedp.CSS(`section[aria-labelledby="jd-head"]`)),
	)
	loc, err := chromedp.Run(ctx, chromedp.Location())
	if err != nil || loc != jobURL {
		t.Fatalf("after double-click at %q, want %q (%v)", loc, jobURL, err)
	}
	h1, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(`main h1`)))
	if err != nil || !strings.Contains(h1, "#1001") || !strings.Contains(h1, "Platform engineer") {
		t.Fatalf("job page heading %q %v", h1, err)
	}
	chips, err := chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelectorAll('.chip').length`))
	if err != nil || chips != 2 {
		t.Errorf("skills chips: %d %v", chips, err)
	}
	signOut()

	// The Recruiter sees the job assigned to them.
	signIn(e.org.Recruiter)
	run("recruiter jobs", chromedp.Navigate(e.ts.URL+"/jobs"), chromedp.WaitVisible(chromedp.CSS(`tr[data-job-number="1001"]`)))
	row, err = chromedp.Run(ctx, chromedp.Text(chromedp.CSS(`tr[data-job-number="1001"]`)))
	if err != nil || !strings.Contains(row, "Platform engineer") {
		t.Fatalf("recruiter's jobs row: %q %v", row, err)
	}
}
