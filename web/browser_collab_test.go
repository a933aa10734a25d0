package web_test

import (
	"strconv"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/skillkeepr/skillkeepr"
)

// TestBrowserMention: the Recruiter comments "@Lea … " on a candidate;
// the Collaborator (Lea) signs in, sees 1 on the bell, opens the
// notification and lands on the candidate, at the highlighted mention.
func TestBrowserMention(t *testing.T) {
	requireBrowser(t)
	t.Parallel()
	e := newEnv(t, "sqlite")
	job := e.createJob("Go Engineer", e.org.Engineering.ID, e.org.Recruiter.ID)
	cand := e.addCandidate("Jane Doe", job)
	candPath := "/candidates/" + strconv.FormatInt(cand.ID, 10)

	ctx, run := startBrowser(t)
	signIn := func(u *skillkeepr.User) {
		t.Helper()
		run("sign in as "+u.Email, signInSteps(e.ts.URL, u.Email)...)
	}
	text := func(sel string) string {
		t.Helper()
		s, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(sel)))
		if err != nil {
			t.Fatalf("text of %s: %v", sel, err)
		}
		return strings.TrimSpace(s)
	}

	signIn(e.org.Recruiter)
	lea := e.org.Collaborator.Name
	// Typing "@Le" suggests Lea; choosing her writes her full name.
	run("comment with a mention",
		chromedp.Navigate(e.ts.URL+candPath),
		chromedp.WaitVisible(chromedp.CSS(`#comment-body`)),
		chromedp.SendKeys(chromedp.CSS(`#comment-body`), "@Le"),
		chromedp.WaitVisible(chromedp.CSS(`#mention-suggestions button`)),
		chromedp.Click(chromedp.CSS(`#mention-suggestions button`)),
		chromedp.SendKeys(chromedp.CSS(`#comment-body`), "strong Go; can you join the second interview?"),
	)
	typed, err := chromedp.Run(ctx, chromedp.Value(chromedp.CSS(`#comment-body`)))
	if err != nil {
		t.Fatal(err)
	}
	if typed != "@"+lea+" strong Go; can you join the second interview?" {
		t.Errorf("comment box holds %q", typed)
	}
	run("send the comment",
		chromedp.Click(chromedp.CSS(`#comment-form button[type=submit]`)),
		chromedp.WaitVisible(chromedp.CSS(`li.comment mark.mention`)),
	)
	if got := text(`li.comment mark.mention`); got != "@"+lea {
		t.Errorf("highlighted mention %q", got)
	}
	run("sign out",
		chromedp.Click(chromedp.CSS(`nav.sidebar .usermenu button.linklike`)),
		chromedp.WaitVisible(chromedp.CSS(`#email`)),
	)

	signIn(e.org.Collaborator)
	if got := text(`#bell .bell-count`); !strings.HasPrefix(got, "1") {
		t.Fatalf("bell shows %q, want 1", got)
	}
	run("open the notifications",
		chromedp.Click(chromedp.CSS(`#bell`)),
		chromedp.WaitVisible(chromedp.CSS(`li.notification-unread a`)),
	)
	if got := text(`li.notification-unread a`); !strings.Contains(got, e.org.Recruiter.Name+" mentioned you in a comment on a candidate under blind review") {
		t.Errorf("notification %q", got)
	}
	run("open the notification",
		chromedp.Click(chromedp.CSS(`li.notification-unread a`)),
		chromedp.WaitVisible(chromedp.CSS(`li.comment mark.mention`)),
	)
	loc, err := chromedp.Run(ctx, chromedp.Location())
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(loc, candPath+"#comment-") {
		t.Errorf("landed on %s, want the candidate's comment", loc)
	}
	// Blind review is on by default: the notification and the page name
	// no one until a person shortlists the candidate.
	if got := text(`h1`); got != "Candidate 1" {
		t.Errorf("page heading %q", got)
	}
	n, err := chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelectorAll('#bell .bell-count').length`))
	if err != nil {
		t.Fatal(err)
	}
	if n != 0 {
		t.Error("the bell still shows a count after opening the notification")
	}
}
