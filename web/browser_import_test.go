package web_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/skillkeepr/skillkeepr"
	"github.com/skillkeepr/skillkeepr/leversandbox"
	"github.com/skillkeepr/skillkeepr/leversync"
)

// TestBrowserImportCandidates drives Chromium through the seed
// walkthrough's step 4: double-click the job row → job page → Import
// Candidates → the import status panel, refreshed by the page's script
// while the import runs → See More shows the detailed log.
func TestBrowserImportCandidates(t *testing.T) {
	requireBrowser(t)
	t.Parallel()
	e := newLeverEnv(t, "sqlite", leversandbox.DefaultClientID)
	if _, err := e.conn.ConnectAPIKey(e.ctx(e.org.SuperAdmin), leversandbox.DefaultAPIKey); err != nil {
		t.Fatal(err)
	}
	_, job := e.importLeverJob(t)

	ctx, run := startBrowser(t)
	text := func(sel string) string {
		t.Helper()
		s, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(sel)))
		if err != nil {
			t.Fatalf("text of %s: %v", sel, err)
		}
		return s
	}
	run("sign in", signInSteps(e.ts.URL, e.org.RecruiterAdmin.Email)...)
	run("Jobs → double-click the job row → Import Candidates",
		chromedp.Click(chromedp.CSS(`nav.sidebar a[href="/jobs"]`)),
		chromedp.WaitVisible(chromedp.CSS(`tr[data-job-number="`+job.DisplayNumber()[1:]+`"] td.mono`)),
		chromedp.DoubleClick(chromedp.CSS(`tr[data-job-number="`+job.DisplayNumber()[1:]+`"] td.mono`)),
		chromedp.WaitVisible(chromedp.CSS(`form[action$="/lever-imports"] button`)),
		chromedp.Click(chromedp.CSS(`form[action$="/lever-imports"] button`)),
		chromedp.WaitVisible(chromedp.CSS(`#import-status[data-import-state="running"]`)),
	)
	// The queue works the import while the page waits; its script notices.
	go func() {
		time.Sleep(500 * time.Millisecond)
		tasks := e.enq.Tasks()
		ci := leversync.NewCandidates(e.conn, e.store)
		for _, task := range tasks {
			if it, ok := task.(skillkeepr.LeverCandidateImportTask); ok {
				_ = ci.RunLeverImport(context.Background(), it.OrgID, it.RunID, false)
			}
		}
	}()
	run("the import status updates by itself",
		chromedp.WaitVisible(chromedp.CSS(`#import-status[data-import-state="completed-with-failures"]`)),
		chromedp.WaitVisible(chromedp.CSS(`tr[data-application-id]`)),
	)
	if panel := text(`#import-status`); !strings.Contains(panel, "Completed with failures") || !strings.Contains(panel, "Imported") {
		t.Fatalf("panel: %q", panel)
	}
	run("See More",
		chromedp.Click(chromedp.CSS(`#import-status a[href^="/lever-imports/"]`)),
		chromedp.WaitVisible(chromedp.CSS(`table.import-log`)),
	)
	if log := text(`table.import-log`); !strings.Contains(log, "Lever has no email address") {
		t.Fatalf("log: %q", log)
	}
}
