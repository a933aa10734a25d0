package web_test

import (
	"context"
	"fmt"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/skillkeepr/skillkeepr"
)

const chromiumPath = "/usr/bin/chromium"

// TestBrowser drives Debian's Chromium: every role signs in and sees its
// menu; a Recruiter Admin creates a job, assigns it with the red Assign
// button and opens it by double-clicking its row; the Recruiter then sees
// the job.
func TestBrowser(t *testing.T) {
	if _, err := os.Stat(chromiumPath); err != nil {
		if os.Getenv("SKILLKEEPR_TEST_BROWSER") == "required" {
			t.Fatal("SKILLKEEPR_TEST_BROWSER=required but Chromium is not installed at " + chromiumPath)
		}
		t.Skip("Chromium is not installed at " + chromiumPath)
	}
	if testing.Short() {
		t.Skip("browser test skipped in -short mode")
	}
	t.Parallel()
	e := newEnv(t, "sqlite")

	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(chromiumPath), chromedp.Headless, chromedp.NoSandbox, chromedp.DisableGPU,
		chromedp.Flag("disable-background-networking", true), chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true), chromedp.Flag("no-first-run", true),
		chromedp.UserDataDir(t.TempDir()), chromedp.WindowSize(1280, 900),
	}
	actx, cancelA := chromedp.NewExecAllocator(context.Background(), opts...)
	defer cancelA()
	ctx, cancelB := chromedp.NewContext(actx)
	defer cancelB()
	ctx, cancelT := context.WithTimeout(ctx, 90*time.Second)
	defer cancelT()
	// The first run starts the browser; it must run on ctx itself, or the
	// browser would end with the first step's shorter context.
	if err := chromedp.Do(ctx); err != nil {
		t.Fatalf("start Chromium: %v", err)
	}

	run := func(what string, steps ...chromedp.Action[chromedp.Void]) {
		t.Helper()
		sctx, cancel := context.WithTimeout(ctx, 20*time.Second)
		defer cancel()
		if err := chromedp.Do(sctx, steps...); err != nil {
			t.Fatalf("%s: %v", what, err)
		}
	}
	signIn := func(u *skillkeepr.User) {
		t.Helper()
		run("sign in as "+u.Email,
			chromedp.Navigate(e.ts.URL+"/login"),
			chromedp.WaitVisible(chromedp.CSS(`#email`)),
			chromedp.SendKeys(chromedp.CSS(`#email`), u.Email),
			chromedp.SendKeys(chromedp.CSS(`#password`), testPassword),
			chromedp.Click(chromedp.CSS(`main form button[type=submit]`)),
			chromedp.WaitVisible(chromedp.CSS(`nav.sidebar`)),
		)
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
