package web_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// The shortlist screen in a real browser: open it from the job page,
// expand a candidate's evidence, tick them, press Shortlist and see the
// status change (and the name appear, blind review being on).
func TestBrowserShortlist(t *testing.T) {
	requireBrowser(t)
	t.Parallel()
	e := newEnv(t, "sqlite")
	f := seedShortlist(t, e)
	ctx, run := startBrowser(t)
	run("sign in", signInSteps(e.ts.URL, e.org.Recruiter.Email)...)
	row := fmt.Sprintf(`tr[data-application-id="%d"]`, f.apps[0].ID)
	run("open the shortlist from the job page",
		chromedp.Navigate(fmt.Sprintf("%s/jobs/%d", e.ts.URL, f.job.ID)),
		chromedp.Click(chromedp.CSS(`#shortlist-link`)),
		chromedp.WaitVisible(chromedp.CSS(`table.shortlist `+row)),
	)
	run("expand the evidence",
		chromedp.Click(chromedp.CSS(row+` details.evidence summary`)),
		chromedp.WaitVisible(chromedp.CSS(row+` details.evidence .evidence-lines`)),
	)
	evidence, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(row+` details.evidence .evidence-list`)))
	if err != nil || !strings.Contains(evidence, "Line ") || !strings.Contains(evidence, "Go") {
		t.Fatalf("evidence: %q %v", evidence, err)
	}
	name, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(row+` td:nth-child(3)`)))
	if err != nil || !strings.Contains(name, "Candidate 1") {
		t.Fatalf("masked name cell: %q %v", name, err)
	}
	run("select and shortlist",
		chromedp.Click(chromedp.CSS(fmt.Sprintf(`#pick%d`, f.apps[0].ID))),
		chromedp.Click(chromedp.CSS(`#shortlist-button`)),
		chromedp.WaitVisible(chromedp.CSS(`.flash-ok`)),
		chromedp.WaitVisible(chromedp.CSS(row+`[data-status="shortlisted"]`)),
	)
	status, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(row+` .status-cell`)))
	if err != nil || strings.TrimSpace(status) != "Shortlisted" {
		t.Fatalf("status after shortlisting: %q %v", status, err)
	}
	name, err = chromedp.Run(ctx, chromedp.Text(chromedp.CSS(row+` td:nth-child(3)`)))
	if err != nil || !strings.Contains(name, "Zofia Quenby") {
		t.Fatalf("name after shortlisting: %q %v", name, err)
	}
}
