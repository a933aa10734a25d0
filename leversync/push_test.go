package leversync_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/skillkeepr/skillkeepr"
	"github.com/skillkeepr/skillkeepr/api"
	"github.com/skillkeepr/skillkeepr/leversandbox"
	"github.com/skillkeepr/skillkeepr/leversync"
	"github.com/skillkeepr/skillkeepr/queue"
	"github.com/skillkeepr/skillkeepr/secret"
	"github.com/skillkeepr/skillkeepr/sqlstore"
)

// fakeRatings stands in for the rating cards: application ids in none have
// no submitted card.
type fakeRatings struct{ none map[int64]bool }

func (f fakeRatings) FindRatingSummary(_ context.Context, id int64) (*skillkeepr.RatingSummary, error) {
	if f.none[id] {
		return nil, skillkeepr.NotFound("Rating card")
	}
	overall := 2.5 + float64(id%4)/2 // 2.5 … 4
	return &skillkeepr.RatingSummary{Cards: 3, Overall: overall, OverallLevel: skillkeepr.OverallLevelOf(overall),
		Competencies: []skillkeepr.CompetencyAverage{{Name: "Go", Average: 3.3, Count: 3}, {Name: "Communication", Average: 2.7, Count: 3}}}, nil
}

// countingRT counts the requests sent to Lever and what became of them.
type countingRT struct {
	writes, reads      atomic.Int64 // acknowledged (2xx)
	calls              atomic.Int64
	lost, server, r429 atomic.Int64 // no answer (reset, timeout, dropped), 5xx, 429
	lookups            atomic.Int64 // reads of notes or feedback: looking for a write whose answer was lost
	mu                 sync.Mutex
	firstWrite         time.Time
	lastWrite          time.Time
}

func (c *countingRT) RoundTrip(r *http.Request) (*http.Response, error) {
	c.calls.Add(1)
	if r.Method == http.MethodGet && (strings.HasSuffix(r.URL.Path, "/notes") || strings.HasSuffix(r.URL.Path, "/feedback")) {
		c.lookups.Add(1)
	}
	resp, err := http.DefaultTransport.RoundTrip(r)
	switch {
	case err != nil:
		c.lost.Add(1)
	case resp.StatusCode == http.StatusTooManyRequests:
		c.r429.Add(1)
	case resp.StatusCode >= 500:
		c.server.Add(1)
	case resp.StatusCode >= 300:
	case r.Method == http.MethodGet:
		c.reads.Add(1)
	default:
		c.writes.Add(1)
		now := time.Now()
		c.mu.Lock()
		if c.firstWrite.IsZero() {
			c.firstWrite = now
		}
		c.lastWrite = now
		c.mu.Unlock()
	}
	return resp, err
}

func (c *countingRT) reset() {
	c.writes.Store(0)
	c.reads.Store(0)
	c.calls.Store(0)
	c.lost.Store(0)
	c.server.Store(0)
	c.r429.Store(0)
	c.lookups.Store(0)
	c.mu.Lock()
	c.firstWrite, c.lastWrite = time.Time{}, time.Time{}
	c.mu.Unlock()
}

// pushEnv is an organisation connected to the sandbox by API key, a job
// imported from the sandbox's posting, n recommended applications linked
// to its opportunities, a real River queue working lever_push jobs, and
// the JSON API over HTTP with the Recruiter Admin signed in.
type pushEnv struct {
	tb      testing.TB
	store   *sqlstore.Store
	org     *sqlstore.TestOrg
	sb      *leversandbox.Sandbox
	rt      *countingRT
	conn    *leversync.Connector
	pushes  *leversync.Pushes
	job     *skillkeepr.Job
	apps    []*skillkeepr.Application
	opps    map[int64]string // application id → opportunity id
	stage   leversandbox.Stage
	api     *httptest.Server
	noRates map[int64]bool
}

type pushEnvConfig struct {
	n         int
	leverRate bool          // Lever's limit on, in the sandbox and ours
	timeout   time.Duration // per attempt to Lever
	workers   int
	poll      time.Duration // the queue's poll interval: 0 → 20 ms, negative → River's default (production)
}

func newPushEnv(tb testing.TB, s *sqlstore.Store, cfg pushEnvConfig) *pushEnv {
	tb.Helper()
	box, err := secret.New(secret.NewKey())
	if err != nil {
		tb.Fatal(err)
	}
	s.SetCipher(box)
	org := sqlstore.SeedTestOrg(tb, s, "Acme")
	// About a tenth of the seeded opportunities are archived.
	sb, srv := leversandbox.NewTestServer(tb, leversandbox.Config{Postings: 1, CandidatesPerPosting: cfg.n + cfg.n/5 + 5, RateLimit: leversandbox.Bool(cfg.leverRate)})
	e := &pushEnv{tb: tb, store: s, org: org, sb: sb, rt: &countingRT{}, opps: map[int64]string{}, noRates: map[int64]bool{}}
	ctx := context.Background()
	// Lena has the email of the sandbox's Lever Super Admin: pushes she
	// makes are written as her Lever user.
	lena, err := s.CreateUser(ctx, skillkeepr.UserCreate{OrgID: org.Org.ID, Email: leversandbox.DefaultAdminEmail,
		Name: "Lena Acme", Role: skillkeepr.RoleRecruiterAdmin, PasswordHash: "test-password-hash"})
	if err != nil {
		tb.Fatal(err)
	}
	lcfg := leversync.Config{Store: s, APIURL: srv.URL + "/v1", HTTPClient: &http.Client{Transport: e.rt, Timeout: cfg.timeout}}
	if !cfg.leverRate {
		lcfg.RateLimit = &leversync.RateLimit{}
	}
	conn, err := leversync.New(lcfg)
	if err != nil {
		tb.Fatal(err)
	}
	if _, err := conn.ConnectAPIKey(org.Ctx(org.SuperAdmin), leversandbox.DefaultAPIKey); err != nil {
		tb.Fatal(err)
	}
	e.conn = conn
	jobs := leversync.NewJobs(conn, s)
	p := sb.Postings()[0]
	admin := org.Ctx(lena)
	d, err := jobs.LeverJobDraft(admin, p.ID)
	if err != nil {
		tb.Fatal(err)
	}
	f := d.Fields
	f.DepartmentID = org.Engineering.ID
	if e.job, err = jobs.ImportLeverJob(admin, skillkeepr.LeverJobImport{PostingID: p.ID, Fields: f, StageMapping: d.StageMapping}); err != nil {
		tb.Fatal(err)
	}
	e.stage = sb.Stages()[3]
	var opps []string
	for _, o := range sb.Opportunities(p.ID) {
		if len(opps) < cfg.n && o.Archived == nil {
			opps = append(opps, o.ID)
		}
	}
	if len(opps) < cfg.n {
		tb.Fatalf("only %d active opportunities in the sandbox, want %d", len(opps), cfg.n)
	}
	// Recommended and linked to Lever by multi-row inserts, so that no
	// stage sync runs (these tests are about the push alone) and a
	// thousand take a moment.
	e.apps = sqlstore.SeedRecommendedLeverApplications(tb, s, org, e.job.ID, lena.ID, "Strong Go skills; clear communicator.", opps)
	for i, app := range e.apps {
		e.opps[app.ID] = opps[i]
	}

	e.pushes = leversync.NewPushes(conn, s, leversync.NewStageSync(conn, s), fakeRatings{none: e.noRates})
	if err := queue.Migrate(ctx, s.Engine(), s.DB()); err != nil {
		tb.Fatal(err)
	}
	poll := cfg.poll
	switch {
	case poll == 0:
		poll = 20 * time.Millisecond
	case poll < 0:
		poll = 0
	}
	q, err := queue.New(queue.Config{Engine: s.Engine(), DB: s.DB(), Mailer: nopMailer{}, LeverPush: e.pushes, Workers: cfg.workers,
		PollInterval: poll, LeverPauseRetry: 200 * time.Millisecond})
	if err != nil {
		tb.Fatal(err)
	}
	s.SetEnqueuer(q)
	if err := q.Start(ctx); err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		_ = q.Stop(ctx)
	})
	h := api.New(api.Config{Services: s.Services(), LeverPushes: e.pushes})
	e.api = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		// The web package authenticates; here every request is Lena's.
		h.ServeHTTP(w, r.WithContext(skillkeepr.WithActor(r.Context(), lena.Actor())))
	}))
	tb.Cleanup(e.api.Close)
	return e
}

// post clicks Done for an application over HTTP and returns the status
// code and the push.
func (e *pushEnv) post(appID int64, stageID string) (int, *skillkeepr.LeverPush, error) {
	body, _ := json.Marshal(map[string]string{"stage_id": stageID})
	resp, err := http.Post(e.api.URL+"/api/v1/applications/"+strconv.FormatInt(appID, 10)+"/lever/push", "application/json", bytes.NewReader(body))
	if err != nil {
		return 0, nil, err
	}
	defer resp.Body.Close()
	var p skillkeepr.LeverPush
	if resp.StatusCode == http.StatusAccepted {
		if err := json.NewDecoder(resp.Body).Decode(&p); err != nil {
			return resp.StatusCode, nil, err
		}
	}
	return resp.StatusCode, &p, nil
}

// states counts the pushes of the job by state.
func (e *pushEnv) states() (map[skillkeepr.LeverPushState]int, map[int64]*skillkeepr.LeverPush) {
	e.tb.Helper()
	ps, err := e.store.FindLeverPushes(e.org.Ctx(e.org.SuperAdmin), e.job.ID)
	if err != nil {
		e.tb.Fatal(err)
	}
	out := map[skillkeepr.LeverPushState]int{}
	for _, p := range ps {
		out[p.State]++
	}
	return out, ps
}

// waitDone waits until no push is queued or paused.
func (e *pushEnv) waitDone(n int, limit time.Duration) map[int64]*skillkeepr.LeverPush {
	e.tb.Helper()
	deadline := time.Now().Add(limit)
	for {
		st, ps := e.states()
		if st[skillkeepr.PushPushed]+st[skillkeepr.PushFailed] >= n {
			return ps
		}
		if time.Now().After(deadline) {
			e.tb.Fatalf("pushes after %s: %v", limit, st)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// checkLever verifies that an opportunity shows exactly what one push
// writes: one note with its marker, one feedback form (when rated), the
// recommended tag as the only SkillKeepr tag, and the stage.
func (e *pushEnv) checkLever(appID int64, rated bool) error {
	opp := e.opps[appID]
	notes := 0
	for _, n := range e.sb.Notes(opp) {
		if n.DeletedAt == nil && len(n.Fields) > 0 && strings.Contains(n.Fields[0].Value, skillkeepr.PushNoteRefPrefix) {
			notes++
		}
	}
	forms := 0
	for _, f := range e.sb.Feedback(opp) {
		if f.DeletedAt == nil && f.Text == skillkeepr.FeedbackTemplateName {
			forms++
		}
	}
	var sk []string
	for _, t := range e.sb.Tags(opp) {
		if strings.HasPrefix(t, "skillkeepr:") {
			sk = append(sk, t)
		}
	}
	st, _ := e.sb.Stage(opp)
	wantForms := 0
	if rated {
		wantForms = 1
	}
	switch {
	case notes != 1:
		return fmt.Errorf("%s: %d notes", opp, notes)
	case forms != wantForms:
		return fmt.Errorf("%s: %d feedback forms, want %d", opp, forms, wantForms)
	case !slices.Equal(sk, []string{"skillkeepr: candidate recommended"}):
		return fmt.Errorf("%s: tags %q", opp, sk)
	case st.ID != e.stage.ID:
		return fmt.Errorf("%s: stage %s, want %s", opp, st.Text, e.stage.Text)
	}
	return nil
}

func (e *pushEnv) templates() int {
	n := 0
	for _, t := range e.sb.FeedbackTemplates() {
		if t.Text == skillkeepr.FeedbackTemplateName {
			n++
		}
	}
	return n
}

func TestPushToLever(t *testing.T) {
	t.Parallel()
	sqlstore.ForEachEngine(t, func(t *testing.T, s *sqlstore.Store) {
		e := newPushEnv(t, s, pushEnvConfig{n: 3, timeout: 10 * time.Second})
		rated, unrated, other := e.apps[0], e.apps[1], e.apps[2]
		e.noRates[unrated.ID] = true
		admin := e.org.Ctx(e.org.SuperAdmin)

		d, err := e.pushes.LeverPushDialog(admin, rated.ID)
		if err != nil {
			t.Fatal(err)
		}
		if len(d.Stages) != len(e.sb.Stages()) || d.Stages[0].ID != e.sb.Stages()[0].ID || d.Push != nil || d.CandidateName == "" {
			t.Fatalf("dialog %+v", d)
		}
		// Others may not push; bad stages are field errors.
		if _, err := e.pushes.PushToLever(e.org.Ctx(e.org.Collaborator), rated.ID, e.stage.ID); skillkeepr.ErrorCodeOf(err) != skillkeepr.EFORBIDDEN {
			t.Fatalf("collaborator: %v", err)
		}
		for _, bad := range []string{"", "nope", "7c6a3c0e-0000-4000-8000-000000000000"} {
			_, err := e.pushes.PushToLever(admin, rated.ID, bad)
			if skillkeepr.ErrorCodeOf(err) != skillkeepr.EINVALID {
				t.Fatalf("stage %q: %v", bad, err)
			}
		}
		// Not recommended: nothing to push.
		if _, err := s.SetApplicationStatus(admin, other.ID, skillkeepr.StatusShortlisted, ""); err != nil {
			t.Fatal(err)
		}
		if _, err := e.pushes.LeverPushDialog(admin, other.ID); skillkeepr.ErrorCodeOf(err) != skillkeepr.EINVALID {
			t.Fatalf("shortlisted: %v", err)
		}

		for _, app := range []*skillkeepr.Application{rated, unrated} {
			code, p, err := e.post(app.ID, e.stage.ID)
			if err != nil || code != http.StatusAccepted || p.State != skillkeepr.PushQueued || p.StageName != e.stage.Text {
				t.Fatalf("post: %d %+v %v", code, p, err)
			}
		}
		ps := e.waitDone(2, 20*time.Second)
		for _, app := range []*skillkeepr.Application{rated, unrated} {
			p := ps[app.ID]
			if p.State != skillkeepr.PushPushed || p.PushedAt == nil || p.RequestedByName != "Lena Acme" || p.PerformedAs == "" {
				t.Fatalf("push %+v", p)
			}
			if err := e.checkLever(app.ID, app == rated); err != nil {
				t.Fatal(err)
			}
		}
		if !strings.HasPrefix(ps[rated.ID].Summary(), "Pushed on ") || !strings.HasSuffix(ps[rated.ID].Summary(), " by Lena Acme to "+e.stage.Text) {
			t.Fatalf("summary %q", ps[rated.ID].Summary())
		}
		if ps[unrated.ID].Steps.Feedback != skillkeepr.PushStepSkipped {
			t.Fatalf("unrated steps %+v", ps[unrated.ID].Steps)
		}
		// The note says what was recommended and rated.
		note := e.sb.Notes(e.opps[rated.ID])[0].Fields[0].Value
		for _, want := range []string{"Recommendation: Strong Go skills; clear communicator.", "Rating (3 cards)", "- Go: 3.3 of 4", skillkeepr.PushNoteRefPrefix} {
			if !strings.Contains(note, want) {
				t.Fatalf("note lacks %q:\n%s", want, note)
			}
		}
		if strings.Contains(note, "recording") {
			t.Fatalf("note has a recording link without a recording:\n%s", note)
		}
		fb := e.sb.Feedback(e.opps[rated.ID])[0]
		vals := map[string]any{}
		for _, f := range fb.Fields {
			vals[f.Text] = f.Value
		}
		if vals["Overall rating"] == nil || !strings.Contains(fmt.Sprint(vals["Competency scores"]), "Communication: 2.7 of 4") {
			t.Fatalf("feedback fields %v", vals)
		}
		// The template was created once and is reused.
		if n := e.templates(); n != 1 {
			t.Fatalf("%d templates", n)
		}
		// Pushed already: a conflict, and the dialog shows the push.
		if code, _, _ := e.post(rated.ID, e.stage.ID); code != http.StatusConflict {
			t.Fatalf("second push: %d", code)
		}
		d, err = e.pushes.LeverPushDialog(admin, rated.ID)
		if err != nil || d.Push == nil || d.Push.State != skillkeepr.PushPushed {
			t.Fatalf("dialog after push %+v %v", d, err)
		}
		// The timeline says what happened.
		evs, err := s.FindEvents(admin, rated.CandidateID)
		if err != nil {
			t.Fatal(err)
		}
		var kinds []string
		for _, ev := range evs {
			kinds = append(kinds, ev.Kind)
		}
		if !slices.Contains(kinds, "lever_push_queued") || !slices.Contains(kinds, "lever_push_pushed") {
			t.Fatalf("timeline %v", kinds)
		}
	})
}

func TestPushPausesWhileRevokedAndFailsInPlainWords(t *testing.T) {
	t.Parallel()
	sqlstore.ForEachEngine(t, func(t *testing.T, s *sqlstore.Store) {
		e := newPushEnv(t, s, pushEnvConfig{n: 2, timeout: 10 * time.Second})
		admin := e.org.Ctx(e.org.SuperAdmin)
		// Revoked after the dialog was opened: the push waits, then goes on
		// after connecting again.
		if _, err := e.pushes.LeverPushDialog(admin, e.apps[0].ID); err != nil {
			t.Fatal(err)
		}
		cr, err := s.LeverCredentials(context.Background(), e.org.Org.ID)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := s.MarkLeverRevoked(context.Background(), e.org.Org.ID, cr.Generation); err != nil {
			t.Fatal(err)
		}
		if code, _, err := e.post(e.apps[0].ID, e.stage.ID); code != http.StatusAccepted || err != nil {
			t.Fatalf("post: %d %v", code, err)
		}
		deadline := time.Now().Add(15 * time.Second)
		for {
			st, _ := e.states()
			if st[skillkeepr.PushPaused] == 1 {
				break
			}
			if time.Now().After(deadline) {
				t.Fatalf("not paused: %v", st)
			}
			time.Sleep(50 * time.Millisecond)
		}
		p, err := e.pushes.LeverPush(admin, e.apps[0].ID)
		if err != nil || !strings.Contains(p.Message, "not connected") {
			t.Fatalf("paused push %+v %v", p, err)
		}
		if _, err := e.conn.ConnectAPIKey(admin, leversandbox.DefaultAPIKey); err != nil {
			t.Fatal(err)
		}
		ps := e.waitDone(1, 15*time.Second)
		if ps[e.apps[0].ID].State != skillkeepr.PushPushed {
			t.Fatalf("after reconnect %+v", ps[e.apps[0].ID])
		}
		if err := e.checkLever(e.apps[0].ID, true); err != nil {
			t.Fatal(err)
		}

		// An opportunity deleted in Lever: failed, in plain words, with Retry.
		if err := e.sb.DeleteOpportunity(e.opps[e.apps[1].ID], ""); err != nil {
			t.Fatal(err)
		}
		if code, _, err := e.post(e.apps[1].ID, e.stage.ID); code != http.StatusAccepted || err != nil {
			t.Fatalf("post: %d %v", code, err)
		}
		ps = e.waitDone(2, 15*time.Second)
		f := ps[e.apps[1].ID]
		if f.State != skillkeepr.PushFailed || f.Message != "This candidate's opportunity is no longer in Lever." {
			t.Fatalf("failed push %+v", f)
		}
		// Retry queues it again.
		if code, p, err := e.post(e.apps[1].ID, ""); code != http.StatusAccepted || err != nil || p.State != skillkeepr.PushQueued {
			t.Fatalf("retry: %d %+v %v", code, p, err)
		}
	})
}

// TestPushExactlyOnceUnderFaults pushes 1,000 recommended candidates over
// HTTP while a fifth of Lever's answers go wrong in every way the sandbox
// offers — 5xx, hangs, resets, 429 storms and writes applied whose answer
// is dropped — and checks that every opportunity ends with exactly one
// note, one feedback form, the right tags and the chosen stage.
func TestPushExactlyOnceUnderFaults(t *testing.T) {
	if testing.Short() {
		t.Skip("1,000 pushes under faults: skipped with -short")
	}
	t.Parallel()
	const n = 1000
	sqlstore.ForEachEngine(t, func(t *testing.T, s *sqlstore.Store) {
		e := newPushEnv(t, s, pushEnvConfig{n: n, timeout: time.Second, workers: 24, poll: 100 * time.Millisecond})
		for i, app := range e.apps {
			if i%10 == 9 {
				e.noRates[app.ID] = true // every tenth has no rating card
			}
		}
		// Warm the stage list while Lever answers well: the faults are
		// about the writes.
		if _, err := e.pushes.LeverPushDialog(e.org.Ctx(e.org.SuperAdmin), e.apps[0].ID); err != nil {
			t.Fatal(err)
		}
		const share = 0.044 // five faults: 1 − 0.956⁵ ≈ 20% of the calls
		e.sb.SetFault(leversandbox.Fault{ErrorRate: share})
		e.sb.SetFault(leversandbox.Fault{Timeout: true, Share: share})
		e.sb.SetFault(leversandbox.Fault{Reset: true, Share: share})
		e.sb.SetFault(leversandbox.Fault{RateLimitStorm: true, Share: share})
		e.sb.SetFault(leversandbox.Fault{DropAfterApply: true, Share: share})
		e.sb.SetFault(leversandbox.Fault{Latency: 2 * time.Millisecond})

		start := time.Now()
		var wg sync.WaitGroup
		ch := make(chan int64)
		var postErrs atomic.Int64
		for range 8 {
			wg.Go(func() {
				for id := range ch {
					code, _, err := e.post(id, e.stage.ID)
					if err != nil || code != http.StatusAccepted {
						postErrs.Add(1)
						t.Errorf("post %d: %d %v", id, code, err)
					}
				}
			})
		}
		for _, app := range e.apps {
			ch <- app.ID
		}
		close(ch)
		wg.Wait()
		posted := time.Since(start)
		ps := e.waitDone(n, 8*time.Minute) // generous: CI runs every package at once under the race detector
		took := time.Since(start)
		e.sb.ClearFaults()

		var bad []string
		pushed := 0
		for _, app := range e.apps {
			p := ps[app.ID]
			if p.State == skillkeepr.PushPushed {
				pushed++
			} else {
				bad = append(bad, fmt.Sprintf("push %d: %s %s", app.ID, p.State, p.Message))
				continue
			}
			if err := e.checkLever(app.ID, !e.noRates[app.ID]); err != nil {
				bad = append(bad, err.Error())
			}
		}
		rt := e.rt
		faulty := rt.lost.Load() + rt.server.Load() + rt.r429.Load()
		t.Logf("%s: %d pushes under faults: %d pushed, %d opportunities wrong, %d feedback template(s). Lever calls: %d, of which %d (%.1f%%) failed "+
			"(%d without an answer — reset, hang, applied-then-dropped —, %d 5xx, %d 429); %d lookups for a lost answer; %d writes and %d reads acknowledged. "+
			"POSTs took %s, everything was in Lever after %s",
			s.Engine(), n, pushed, len(bad), e.templates(), rt.calls.Load(), faulty, 100*float64(faulty)/float64(rt.calls.Load()),
			rt.lost.Load(), rt.server.Load(), rt.r429.Load(), rt.lookups.Load(), rt.writes.Load(), rt.reads.Load(),
			posted.Round(time.Millisecond), took.Round(time.Millisecond))
		if len(bad) > 0 {
			t.Fatalf("%d of %d opportunities wrong, e.g. %q", len(bad), n, bad[:min(len(bad), 5)])
		}
		if e.templates() != 1 {
			t.Fatalf("%d feedback templates", e.templates())
		}
	})
}

// TestStageSyncLeavesAPushedCandidateToThePush: once a recommended
// candidate has a push, the stage sync does not move it to the mapped
// stage, which would undo the stage chosen in the dialog.
func TestStageSyncLeavesAPushedCandidateToThePush(t *testing.T) {
	t.Parallel()
	sqlstore.ForEachEngine(t, func(t *testing.T, s *sqlstore.Store) {
		e := newTagsEnv(t, s, false)
		ctx := e.org.Ctx(e.org.SuperAdmin)
		m := []skillkeepr.LeverStageMap{{Status: skillkeepr.StatusRecommended, StageID: e.stageB.ID}}
		if _, err := e.jobs.SetLeverStageMapping(ctx, e.job.ID, m); err != nil {
			t.Fatal(err)
		}
		e.setStatus(e.lena, skillkeepr.StatusRecommended)
		e.waitEvents(1)
		if e.stage() != e.stageB.ID {
			t.Fatalf("recommended: stage %s, want the mapped %s", e.stage(), e.stageB.ID)
		}
		if _, err := s.CreateLeverPush(e.org.Ctx(e.lena), skillkeepr.LeverPushRequest{ApplicationID: e.app.ID, StageID: e.stageA.ID, StageName: e.stageA.Text}); err != nil {
			t.Fatal(err)
		}
		// The push moved it to the chosen stage; a late stage sync runs.
		if err := e.sb.MoveStage(e.opp, e.stageA.ID, ""); err != nil {
			t.Fatal(err)
		}
		task := skillkeepr.LeverStageSyncTask{OrgID: e.org.Org.ID, ApplicationID: e.app.ID, OpportunityID: e.opp, Status: skillkeepr.StatusRecommended, ActorID: e.lena.ID}
		if err := e.sync.SyncStage(context.Background(), task, false); err != nil {
			t.Fatal(err)
		}
		if e.stage() != e.stageA.ID {
			t.Fatalf("the stage sync moved a pushed candidate to %s", e.stage())
		}
		evs := e.events()
		if last := evs[len(evs)-1]; last.Kind != "lever_sync_skipped" || !strings.Contains(last.Message, "Push to Lever") {
			t.Fatalf("timeline %v", messages(evs))
		}
	})
}
