package lever_test

// Integration tests: the client against the Lever sandbox (leversandbox) over HTTP.

import (
	"bytes"
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/skillkeepr/skillkeepr/lever"
	"github.com/skillkeepr/skillkeepr/leversandbox"
)

func sandbox(t *testing.T, rateLimit bool) (*leversandbox.Sandbox, string) {
	t.Helper()
	sb, srv := leversandbox.NewTestServer(t, leversandbox.Config{
		Seed: 7, Postings: 3, CandidatesPerPosting: 25, RateLimit: leversandbox.Bool(rateLimit),
	})
	return sb, srv.URL
}

func apiKeyClient(t *testing.T, base string, mod ...func(*lever.Config)) *lever.Client {
	t.Helper()
	cfg := lever.Config{
		BaseURL: base + "/v1", APIKey: leversandbox.DefaultAPIKey, Limiter: lever.Unlimited,
		BaseBackoff: 5 * time.Millisecond, MaxBackoff: 50 * time.Millisecond, AttemptTimeout: 2 * time.Second,
	}
	for _, m := range mod {
		m(&cfg)
	}
	c, err := lever.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func TestSandboxReadsAndWrites(t *testing.T) {
	t.Parallel()
	sb, base := sandbox(t, false)
	var calls atomic.Int64
	c := apiKeyClient(t, base, func(cfg *lever.Config) {
		cfg.OnRequest = func(string, string, int, time.Duration, int) { calls.Add(1) }
	})
	ctx := context.Background()

	// Postings.
	postings, err := lever.Collect(c.ListPostings(ctx, lever.PostingFilter{Confidentiality: "all"}))
	if err != nil {
		t.Fatal(err)
	}
	if len(postings) != len(sb.Postings()) {
		t.Fatalf("ListPostings: %d postings, sandbox has %d", len(postings), len(sb.Postings()))
	}
	p0 := postings[0]
	if got, err := c.GetPosting(ctx, p0.ID); err != nil || got.Text != p0.Text {
		t.Fatalf("GetPosting = %v, %v", got, err)
	}

	// Opportunities, paged 10 at a time.
	before := calls.Load()
	seen := map[string]bool{}
	var opps []lever.Opportunity
	for o, err := range c.ListOpportunities(ctx, lever.OpportunityFilter{PostingIDs: []string{p0.ID}, PageSize: 10}) {
		if err != nil {
			t.Fatal(err)
		}
		if seen[o.ID] {
			t.Fatalf("opportunity %s listed twice", o.ID)
		}
		seen[o.ID] = true
		opps = append(opps, o)
	}
	want := sb.Opportunities(p0.ID)
	if len(opps) != len(want) || len(opps) < 20 {
		t.Fatalf("paged %d opportunities, sandbox has %d", len(opps), len(want))
	}
	if pages := calls.Load() - before; pages != int64((len(want)+9)/10) {
		t.Fatalf("%d requests for %d opportunities in pages of 10", pages, len(want))
	}

	// A résumé download matches the sandbox's bytes.
	var opp lever.Opportunity
	var data []byte
	for _, o := range opps {
		if b, _, ok := sb.ResumeFile(o.ID); ok && len(b) > 0 && len(o.Emails) > 0 && o.Archived == nil {
			opp, data = o, b
			break
		}
	}
	if opp.ID == "" {
		t.Fatal("no opportunity with a résumé in the seed")
	}
	resumes, err := lever.Collect(c.ListResumes(ctx, opp.ID, lever.UploadedRange{}))
	if err != nil || len(resumes) == 0 {
		t.Fatalf("ListResumes = %v, %v", resumes, err)
	}
	d, err := c.DownloadResume(ctx, opp.ID, resumes[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	got, err := io.ReadAll(d)
	d.Close()
	if err != nil || !bytes.Equal(got, data) {
		t.Fatalf("downloaded %d bytes (%v), sandbox has %d", len(got), err, len(data))
	}

	// Tag, stage, note, feedback.
	admin := sb.AdminUser()
	u, err := c.UserByEmail(ctx, admin.Email)
	if err != nil || u.ID != admin.ID {
		t.Fatalf("UserByEmail = %v, %v", u, err)
	}
	const tag = "skillkeepr: candidate recommended"
	if _, err := c.AddTags(ctx, opp.ID, []string{tag}, u.ID); err != nil {
		t.Fatal(err)
	}
	if !slices.Contains(sb.Tags(opp.ID), tag) {
		t.Fatalf("tag not in the sandbox: %v", sb.Tags(opp.ID))
	}
	stages, err := lever.Collect(c.ListStages(ctx))
	if err != nil || len(stages) < 3 {
		t.Fatalf("ListStages = %v, %v", stages, err)
	}
	target := stages[len(stages)-1]
	if _, err := c.ChangeStage(ctx, opp.ID, target.ID, u.ID); err != nil {
		t.Fatal(err)
	}
	if st, _ := sb.Stage(opp.ID); st.ID != target.ID {
		t.Fatalf("stage = %v, want %v", st, target)
	}
	noteID, err := c.CreateNote(ctx, opp.ID, lever.NewNote{Value: "Recommended: strong Go skills"}, u.ID)
	if err != nil {
		t.Fatal(err)
	}
	notes := sb.Notes(opp.ID)
	if !slices.ContainsFunc(notes, func(n leversandbox.Note) bool {
		return n.ID == noteID && len(n.Fields) > 0 && n.Fields[0].Value == "Recommended: strong Go skills"
	}) {
		t.Fatalf("note %s not in the sandbox: %+v", noteID, notes)
	}
	listed, err := lever.Collect(c.ListNotes(ctx, opp.ID))
	if err != nil || !slices.ContainsFunc(listed, func(n lever.Note) bool { return n.ID == noteID }) {
		t.Fatalf("ListNotes = %v, %v", listed, err)
	}

	tpl, err := c.CreateFeedbackTemplate(ctx, lever.NewFeedbackTemplate{
		Text: "SkillKeepr Rating Card",
		Fields: []lever.FormField{
			{Type: "score-system", Text: "Overall rating", Required: true},
			{Type: "textarea", Text: "Comments"},
		},
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(tpl.Fields) != 2 || tpl.Fields[0].ID == "" || len(tpl.Fields[0].Options) != 4 {
		t.Fatalf("template %+v", tpl)
	}
	fb, err := c.CreateFeedback(ctx, opp.ID, lever.NewFeedback{
		BaseTemplateID: tpl.ID,
		FieldValues: []lever.FieldValue{
			{ID: tpl.Fields[0].ID, Value: tpl.Fields[0].Options[1].Text},
			{ID: tpl.Fields[1].ID, Value: "Clear communicator"},
		},
	}, u.ID)
	if err != nil {
		t.Fatal(err)
	}
	if fbs := sb.Feedback(opp.ID); !slices.ContainsFunc(fbs, func(f leversandbox.Feedback) bool { return f.ID == fb.ID }) {
		t.Fatalf("feedback %s not in the sandbox", fb.ID)
	}
	if got, err := c.GetFeedback(ctx, opp.ID, fb.ID); err != nil || got.BaseTemplateID != tpl.ID {
		t.Fatalf("GetFeedback = %+v, %v", got, err)
	}

	// Reference lists and webhooks.
	for name, n := range map[string]func() (int, error){
		"archive reasons": func() (int, error) { s, err := lever.Collect(c.ListArchiveReasons(ctx, "")); return len(s), err },
		"tags":            func() (int, error) { s, err := lever.Collect(c.ListTags(ctx)); return len(s), err },
		"sources":         func() (int, error) { s, err := lever.Collect(c.ListSources(ctx)); return len(s), err },
		"users":           func() (int, error) { s, err := lever.Collect(c.ListUsers(ctx, lever.UserFilter{})); return len(s), err },
		"templates":       func() (int, error) { s, err := lever.Collect(c.ListFeedbackTemplates(ctx)); return len(s), err },
	} {
		if got, err := n(); err != nil || got == 0 {
			t.Errorf("%s: %d, %v", name, got, err)
		}
	}
	wh, err := c.CreateWebhook(ctx, lever.NewWebhook{URL: "http://127.0.0.1:1/hook", Event: lever.EventCandidateStageChange})
	if err != nil || wh.Configuration.SignatureToken == "" {
		t.Fatalf("CreateWebhook = %+v, %v", wh, err)
	}
	if err := c.DeleteWebhook(ctx, wh.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := c.GetOpportunity(ctx, "00000000-0000-0000-0000-000000000000"); !errors.Is(err, lever.ErrNotFound) {
		t.Fatalf("unknown opportunity: %v", err)
	}
}

func TestSandboxFaults(t *testing.T) {
	t.Parallel()
	sb, base := sandbox(t, false)
	c := apiKeyClient(t, base, func(cfg *lever.Config) { cfg.AttemptTimeout = 300 * time.Millisecond })
	ctx := context.Background()
	opp := sb.Opportunities(sb.Postings()[0].ID)[0]
	admin := sb.AdminUser()

	// The write is applied, then the connection drops: the client must not write again.
	sb.SetFault(leversandbox.Fault{Route: "POST /v1/opportunities/{id}/notes", DropAfterApply: true, Count: 1})
	_, err := c.CreateNote(ctx, opp.ID, lever.NewNote{Value: "once"}, admin.ID)
	if !errors.Is(err, lever.ErrOutcomeUnknown) {
		t.Fatalf("CreateNote under apply-then-drop: %v, want ErrOutcomeUnknown", err)
	}
	n := 0
	for _, note := range sb.Notes(opp.ID) {
		if len(note.Fields) > 0 && note.Fields[0].Value == "once" {
			n++
		}
	}
	if n != 1 {
		t.Fatalf("%d notes written, want exactly 1", n)
	}

	// Reads ride out timeouts, resets, 5xx and 429 storms.
	for _, f := range []leversandbox.Fault{
		{Route: "/v1/opportunities", Timeout: true, Count: 1},
		{Route: "/v1/opportunities", Reset: true, Count: 1},
		{Route: "/v1/opportunities", ErrorRate: 1, Count: 2},
		{Route: "/v1/opportunities", RateLimitStorm: true, Count: 2},
	} {
		sb.ClearFaults()
		sb.SetFault(f)
		if got, err := c.GetOpportunity(ctx, opp.ID); err != nil || got.ID != opp.ID {
			t.Errorf("GetOpportunity under %+v: %v", f, err)
		}
	}
	sb.ClearFaults()

	// Idempotent writes are retried through a timeout.
	sb.SetFault(leversandbox.Fault{Route: "POST /v1/opportunities/{id}/addTags", Timeout: true, Count: 1})
	if _, err := c.AddTags(ctx, opp.ID, []string{"retried"}, admin.ID); err != nil {
		t.Fatal(err)
	}
	if !slices.Contains(sb.Tags(opp.ID), "retried") {
		t.Fatal("tag missing after retry")
	}
}

func TestSandboxRateLimitNo429(t *testing.T) {
	t.Parallel()
	if testing.Short() {
		t.Skip("takes ~2 s of rate-limited calls")
	}
	sb, base := sandbox(t, true)
	var n429, n atomic.Int64
	c := apiKeyClient(t, base, func(cfg *lever.Config) {
		cfg.Limiter = nil // the default limiter
		cfg.OnRequest = func(_, _ string, status int, _ time.Duration, _ int) {
			n.Add(1)
			if status == 429 {
				n429.Add(1)
			}
		}
	})
	opp := sb.Opportunities(sb.Postings()[0].ID)[0]
	for range 35 {
		if _, err := c.GetOpportunity(context.Background(), opp.ID); err != nil {
			t.Fatal(err)
		}
	}
	if n429.Load() != 0 || n.Load() != 35 {
		t.Fatalf("%d requests, %d answered 429; want 35 and 0", n.Load(), n429.Load())
	}
}

var txnField = regexp.MustCompile(`name="txn" value="([^"]+)"`)

// consent walks the sandbox's authorize pages as a Super Admin would: sign in, Accept.
func consent(t *testing.T, authURL string) *url.URL {
	t.Helper()
	jar, _ := cookiejar.New(nil)
	hc := &http.Client{Jar: jar, Timeout: 10 * time.Second,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	page := func(resp *http.Response, err error) (*http.Response, string) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp, string(b)
	}
	base := authURL[:strings.Index(authURL, "/authorize")]
	resp, body := page(hc.Get(authURL))
	m := txnField.FindStringSubmatch(body)
	if resp.StatusCode != 200 || m == nil {
		t.Fatalf("authorize page: %d %s", resp.StatusCode, body)
	}
	if strings.Contains(body, `name="password"`) {
		resp, body = page(hc.PostForm(base+"/authorize/signin", url.Values{
			"txn": {m[1]}, "email": {leversandbox.DefaultAdminEmail}, "password": {leversandbox.DefaultAdminPassword}}))
		if resp.StatusCode != 200 || !strings.Contains(body, ">Accept</button>") {
			t.Fatalf("sign in: %d %s", resp.StatusCode, body)
		}
	}
	resp, body = page(hc.PostForm(base+"/authorize/decision", url.Values{"txn": {m[1]}, "decision": {"accept"}}))
	if resp.StatusCode != http.StatusFound {
		t.Fatalf("decision: %d %s", resp.StatusCode, body)
	}
	loc, err := url.Parse(resp.Header.Get("Location"))
	if err != nil {
		t.Fatal(err)
	}
	return loc
}

func TestSandboxOAuthFlow(t *testing.T) {
	t.Parallel()
	sb, base := sandbox(t, false)
	ctx := context.Background()
	cfg := &lever.OAuthConfig{
		ClientID: leversandbox.DefaultClientID, ClientSecret: leversandbox.DefaultClientSecret,
		AuthURL: base + "/authorize", TokenURL: base + "/oauth/token",
		RedirectURL: "http://127.0.0.1:9999/integrations/lever/callback", Audience: lever.ProductionAudience,
		Scopes: []string{"opportunities:read:admin", "opportunities:write:admin", "stages:read:admin", "notes:write:admin"},
	}
	loc := consent(t, cfg.AuthCodeURL("state-42"))
	if loc.Query().Get("state") != "state-42" || loc.Query().Get("code") == "" {
		t.Fatalf("callback %s", loc)
	}
	tok, err := cfg.Exchange(ctx, loc.Query().Get("code"))
	if err != nil {
		t.Fatal(err)
	}
	if tok.RefreshToken == "" || tok.Expiry.IsZero() {
		t.Fatalf("token %+v", tok)
	}
	if _, err := cfg.Exchange(ctx, loc.Query().Get("code")); !errors.Is(err, lever.ErrRevoked) {
		t.Fatalf("code reuse: %v, want ErrRevoked (invalid_grant)", err)
	}

	var saved []lever.Token
	ts := lever.NewOAuthTokenSource(cfg, *tok, func(_ context.Context, t lever.Token) error {
		saved = append(saved, t)
		return nil
	})
	c, err := lever.New(lever.Config{BaseURL: base + "/v1", TokenSource: ts, Limiter: lever.Unlimited})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := lever.Collect(c.ListStages(ctx)); err != nil {
		t.Fatal(err)
	}

	// Lever expires the access token early: 401 → refresh (rotated) → success.
	sb.ExpireAllTokens()
	if _, err := lever.Collect(c.ListStages(ctx)); err != nil {
		t.Fatal(err)
	}
	if len(saved) != 1 || saved[0].RefreshToken == tok.RefreshToken || ts.Current().RefreshToken != saved[0].RefreshToken {
		t.Fatalf("rotation not saved: %+v", saved)
	}

	// Revoke access in Lever: the client reports ErrRevoked.
	sb.Revoke(leversandbox.DefaultClientID)
	if _, err := c.GetOpportunity(ctx, sb.Opportunities(sb.Postings()[0].ID)[0].ID); !errors.Is(err, lever.ErrRevoked) {
		t.Fatalf("after revoke: %v, want ErrRevoked", err)
	}
}
