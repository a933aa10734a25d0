package web_test

import (
	"context"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/skillkeepr/skillkeepr/leversandbox"
)

// TestBrowserLeverConnectAndRevoke drives Chromium through the seed
// walkthrough's steps 1 and 6: Integrations → Connect → Confirm → Lever
// sign-in → Accept → Connected; step 2, Jobs → Lever Jobs → Import →
// Import → the job at the top of the Jobs list; then in Lever, Settings → Integrations and
// API → Authorized Apps → Revoke access, after which SkillKeepr shows the
// access as revoked.
func TestBrowserLeverConnectAndRevoke(t *testing.T) {
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

	run("sign in", signInSteps(e.ts.URL, e.org.SuperAdmin.Email)...)
	run("Integrations → Connect → Confirm",
		chromedp.Click(chromedp.CSS(`nav.sidebar a[href="/integrations"]`)),
		chromedp.WaitVisible(chromedp.CSS(`[data-lever-status="disconnected"]`)),
		chromedp.Click(chromedp.CSS(`[data-lever-status] a.btn-primary`)),
		chromedp.WaitVisible(chromedp.CSS(`main form button.btn-primary`)),
		chromedp.Click(chromedp.CSS(`main form button.btn-primary`)),
	)
	run("sign in to Lever → Accept",
		chromedp.WaitVisible(chromedp.CSS(`input[name=email]`)),
		chromedp.SendKeys(chromedp.CSS(`input[name=email]`), leversandbox.DefaultAdminEmail),
		chromedp.SendKeys(chromedp.CSS(`input[name=password]`), leversandbox.DefaultAdminPassword),
		chromedp.Click(chromedp.CSS(`button[type=submit]`)),
		chromedp.WaitVisible(chromedp.CSS(`button[value=accept]`)),
		chromedp.Click(chromedp.CSS(`button[value=accept]`)),
		chromedp.WaitVisible(chromedp.CSS(`[data-lever-status="connected"]`)),
	)
	if card := text(`[data-lever-status]`); !strings.Contains(card, "Connected") || !strings.Contains(card, leversandbox.DefaultAdminEmail) || !strings.Contains(card, e.org.SuperAdmin.Name) {
		t.Fatalf("card after Accept: %q", card)
	}

	// Seed walkthrough step 2: Jobs → Lever Jobs → Import → Import.
	posting := e.sb.Postings()[0] // in Engineering, a department of the organisation
	run("Jobs → Lever Jobs → Import",
		chromedp.Click(chromedp.CSS(`nav.sidebar a[href="/jobs"]`)),
		chromedp.WaitVisible(chromedp.CSS(`a#lever-jobs`)),
		chromedp.Click(chromedp.CSS(`a#lever-jobs`)),
		chromedp.WaitVisible(chromedp.CSS(`#lever-postings`)),
		chromedp.Click(chromedp.CSS(`tr[data-lever-posting-id="`+posting.ID+`"] a.btn-import`)),
		chromedp.WaitVisible(chromedp.CSS(`#stage-mapping`)),
	)
	if got := text(`#stage-mapping`); !strings.Contains(got, "Candidate recommended") && !strings.Contains(got, "Recommended") {
		t.Fatalf("stage mapping section: %q", got)
	}
	run("Import",
		chromedp.Click(chromedp.CSS(`main form button.btn-primary`)),
		chromedp.WaitVisible(chromedp.CSS(`#jobs-table tbody tr:first-child[data-job-number="1001"][data-job-id]`)),
	)
	if row := text(`#jobs-table tbody tr:first-child`); !strings.Contains(row, "#1001") || !strings.Contains(row, posting.Text) {
		t.Fatalf("first job row after the import: %q", row)
	}

	run("Lever: Settings → Integrations and API → Authorized Apps → Revoke access",
		chromedp.Navigate(e.lever+"/postings"),
		chromedp.Click(chromedp.CSS(`header a[href="/settings/integrations"]`)),
		chromedp.WaitVisible(chromedp.CSS(`a[href="/settings/integrations?tab=authorized-apps"]`)),
		chromedp.Click(chromedp.CSS(`a[href="/settings/integrations?tab=authorized-apps"]`)),
		chromedp.WaitVisible(chromedp.CSS(`form[action="/settings/integrations/authorized-apps/revoke"] button`)),
		chromedp.Click(chromedp.CSS(`form[action="/settings/integrations/authorized-apps/revoke"] button`)),
		chromedp.WaitNotPresent(chromedp.CSS(`form[action="/settings/integrations/authorized-apps/revoke"]`)),
	)
	if got := text(`main`); !strings.Contains(got, "No apps are authorized") {
		t.Fatalf("Lever after Revoke access: %q", got)
	}
	// The periodic health check (every two minutes) runs now.
	if err := e.conn.CheckAll(context.Background()); err != nil {
		t.Fatal(err)
	}
	run("SkillKeepr shows the revocation",
		chromedp.Navigate(e.ts.URL+"/jobs"),
		chromedp.WaitVisible(chromedp.CSS(`.lever-revoked`)),
		chromedp.Click(chromedp.CSS(`.lever-revoked a[href="/integrations"]`)),
		chromedp.WaitVisible(chromedp.CSS(`[data-lever-status="revoked"]`)),
	)
	if card := text(`[data-lever-status]`); !strings.Contains(card, "Access was revoked in Lever on") || !strings.Contains(card, "Connect again to resume") {
		t.Fatalf("card after revocation: %q", card)
	}
}
