package leversync_test

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/skillkeepr/skillkeepr"
	"github.com/skillkeepr/skillkeepr/leversandbox"
	"github.com/skillkeepr/skillkeepr/leversync"
	"github.com/skillkeepr/skillkeepr/secret"
	"github.com/skillkeepr/skillkeepr/sqlstore"
)

// outbox keeps the tasks the store enqueues; the tests work them by hand.
type outbox struct {
	mu    sync.Mutex
	tasks []skillkeepr.Task
}

func (o *outbox) EnqueueTx(ctx context.Context, tx *sql.Tx, t skillkeepr.Task) error {
	if tx == nil {
		return errors.New("no transaction")
	}
	o.mu.Lock()
	defer o.mu.Unlock()
	o.tasks = append(o.tasks, t)
	return nil
}

// all returns every task enqueued so far, taking none.
func (o *outbox) all() []skillkeepr.Task {
	o.mu.Lock()
	defer o.mu.Unlock()
	return append([]skillkeepr.Task(nil), o.tasks...)
}

func (o *outbox) take() []skillkeepr.LeverCandidateImportTask {
	o.mu.Lock()
	defer o.mu.Unlock()
	var out []skillkeepr.LeverCandidateImportTask
	for _, t := range o.tasks {
		if it, ok := t.(skillkeepr.LeverCandidateImportTask); ok {
			out = append(out, it)
		}
	}
	o.tasks = nil
	return out
}

// callTransport counts the Data API calls and can run a hook before each.
type callTransport struct {
	calls  atomic.Int64
	before atomic.Pointer[func(*http.Request)]
}

func (c *callTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	if strings.Contains(r.URL.Path, "/v1/") {
		c.calls.Add(1)
	}
	if f := c.before.Load(); f != nil {
		(*f)(r)
	}
	return http.DefaultTransport.RoundTrip(r)
}

type importEnv struct {
	*env
	ob      *outbox
	ct      *callTransport
	cands   *leversync.Candidates
	job     *skillkeepr.Job
	posting string
}

// newImportEnv is an organisation connected to a sandbox by API key, with
// the first posting imported as a job.
func newImportEnv(t testing.TB, store *sqlstore.Store, cfg leversandbox.Config) *importEnv {
	t.Helper()
	box, err := secret.New(secret.NewKey())
	if err != nil {
		t.Fatal(err)
	}
	store.SetCipher(box)
	ob := &outbox{}
	store.SetEnqueuer(ob)
	sb, srv := leversandbox.NewTestServer(t, cfg)
	tt, _ := t.(*testing.T)
	e := &env{t: tt, store: store, org: sqlstore.SeedTestOrg(t, store, "Acme"), sb: sb, lever: srv.URL, tr: &countingTransport{}}
	ct := &callTransport{}
	conn, err := leversync.New(leversync.Config{Store: store, APIURL: srv.URL + "/v1", HTTPClient: &http.Client{Transport: ct}})
	if err != nil {
		t.Fatal(err)
	}
	e.conn = conn
	if _, err := conn.ConnectAPIKey(e.org.Ctx(e.org.SuperAdmin), leversandbox.DefaultAPIKey); err != nil {
		t.Fatal(err)
	}
	jobs := leversync.NewJobs(conn, store)
	admin := e.org.Ctx(e.org.RecruiterAdmin)
	p := sb.Postings()[0]
	d, err := jobs.LeverJobDraft(admin, p.ID)
	if err != nil {
		t.Fatal(err)
	}
	job, err := jobs.ImportLeverJob(admin, importOf(d, e.org.Engineering.ID))
	if err != nil {
		t.Fatal(err)
	}
	return &importEnv{env: e, ob: ob, ct: ct, cands: leversync.NewCandidates(conn, store), job: job, posting: p.ID}
}

// work runs the queued import tasks as the queue would.
func (e *importEnv) work(t testing.TB) {
	t.Helper()
	for _, task := range e.ob.take() {
		if err := e.cands.RunLeverImport(context.Background(), task.OrgID, task.RunID, false); err != nil {
			t.Fatal(err)
		}
	}
}

func (e *importEnv) importAll(t testing.TB, ctx context.Context) *skillkeepr.LeverImportRun {
	t.Helper()
	run, err := e.store.StartLeverImport(ctx, e.job.ID)
	if err != nil {
		t.Fatal(err)
	}
	if run.State != skillkeepr.ImportRunning {
		t.Fatalf("new run %+v", run)
	}
	e.work(t)
	run, err = e.store.LeverImportRun(ctx, run.ID)
	if err != nil {
		t.Fatal(err)
	}
	return run
}

type wantCounts struct{ found, imported, skipped, failed int }

// expected derives the counts of a first import from the sandbox's data:
// archived candidates are not listed, no email fails, a second candidate
// with the same email is skipped.
func expected(sb *leversandbox.Sandbox, posting string) wantCounts {
	var w wantCounts
	seen := map[string]bool{}
	for _, o := range sb.Opportunities(posting) {
		if o.Archived != nil {
			continue
		}
		w.found++
		switch {
		case len(o.Emails) == 0:
			w.failed++
		case seen[strings.ToLower(o.Emails[0])]:
			w.skipped++
		default:
			seen[strings.ToLower(o.Emails[0])] = true
			w.imported++
		}
	}
	return w
}

func checkCounts(t *testing.T, run *skillkeepr.LeverImportRun, w wantCounts) {
	t.Helper()
	if run.Found != w.found || run.Imported != w.imported || run.Skipped != w.skipped || run.Failed != w.failed || len(run.Entries) != w.found {
		t.Fatalf("run found %d imported %d updated %d skipped %d failed %d (%d entries), want %+v",
			run.Found, run.Imported, run.Updated, run.Skipped, run.Failed, len(run.Entries), w)
	}
}

func reasons(run *skillkeepr.LeverImportRun) map[string]string {
	out := map[string]string{}
	for _, e := range run.Entries {
		out[e.OpportunityID] = e.Reason
	}
	return out
}

func TestImportCandidates(t *testing.T) {
	t.Parallel()
	sqlstore.ForEachEngine(t, func(t *testing.T, s *sqlstore.Store) {
		e := newImportEnv(t, s, leversandbox.Config{Postings: 2, CandidatesPerPosting: 12, RateLimit: leversandbox.Bool(false)})
		admin := e.org.Ctx(e.org.RecruiterAdmin)
		want := expected(e.sb, e.posting)
		if want.failed == 0 || want.skipped == 0 {
			t.Fatalf("the seed lost its quirks: %+v", want)
		}
		run := e.importAll(t, admin)
		if run.State != skillkeepr.ImportCompletedWithFailure || run.FinishedAt == nil || run.Percent() != 100 {
			t.Fatalf("run %+v", run)
		}
		checkCounts(t, run, want)
		got := reasons(run)
		for _, q := range e.sb.Quirks() {
			if q.PostingID != e.posting {
				continue
			}
			r, logged := got[q.OpportunityID]
			switch q.Kind {
			case "archived":
				if logged {
					t.Fatalf("archived candidate logged: %q", r)
				}
			case "no-email":
				if r != skillkeepr.ReasonMissingEmail {
					t.Fatalf("no email → %q", r)
				}
			case "no-resume":
				if r != skillkeepr.ReasonMissingResume {
					t.Fatalf("no résumé → %q", r)
				}
			case "unreadable-resume":
				if r != skillkeepr.ReasonUnreadableResume && r != skillkeepr.ReasonNoResumeText {
					t.Fatalf("unreadable résumé → %q", r)
				}
			}
		}
		for _, en := range run.Entries {
			if en.Message == "" || en.CandidateName == "" {
				t.Fatalf("entry %+v", en)
			}
		}
		// Every imported candidate is on the job with its Lever details and résumé.
		rows, total, err := s.FindCandidates(admin, skillkeepr.CandidateFilter{JobID: e.job.ID})
		if err != nil || total != want.imported {
			t.Fatalf("%d candidates on the job, want %d (%v)", total, want.imported, err)
		}
		withResume, withText := 0, 0
		for _, r := range rows {
			c, err := s.FindCandidateByID(admin, r.CandidateID)
			if err != nil {
				t.Fatal(err)
			}
			if len(c.Emails) == 0 || len(c.Phones) == 0 || len(c.Links) == 0 || c.Location == "" || c.Source != "lever" {
				t.Fatalf("candidate %+v", c)
			}
			if len(c.Resumes) > 0 {
				withResume++
				// The text the import read is kept for shortlisting.
				text, _, err := s.CandidateResumeText(admin, c.ID)
				if err != nil || text == nil || text.Outcome == "" {
					t.Fatalf("candidate %d: résumé text %+v, %v", c.ID, text, err)
				}
				if text.Outcome == skillkeepr.ResumeTextOK {
					withText++
				}
			}
		}
		if withResume < want.imported-2 || withResume == 0 {
			t.Fatalf("%d of %d with a résumé", withResume, want.imported)
		}
		if withText < withResume-2 || withText == 0 {
			t.Fatalf("%d of %d résumés with text", withText, withResume)
		}
		// Each imported application knows its opportunity, so its status
		// changes are written back to Lever as stage tags.
		for _, r := range rows {
			sync, err := s.LeverStageSync(context.Background(), e.org.Org.ID, r.ApplicationID, 0)
			if err != nil || !skillkeepr.ValidLeverID(sync.OpportunityID) {
				t.Fatalf("application %d: opportunity %q, %v", r.ApplicationID, sync.OpportunityID, err)
			}
		}
		apps, err := s.LeverApplications(context.Background(), e.org.Org.ID, e.job.ID)
		if err != nil || len(apps) != want.imported {
			t.Fatalf("%d lever applications: %v", len(apps), err)
		}
		for id, la := range apps {
			o, _ := e.sb.Opportunity(id)
			if la.StageName == "" || la.OwnerName == "" || len(la.Tags) == 0 || len(la.Sources) == 0 || len(la.Tags) != len(o.Tags) {
				t.Fatalf("lever application %+v", la)
			}
		}

		// A second run is incremental: nothing changed, nothing new.
		calls := e.ct.calls.Load()
		run2 := e.importAll(t, admin)
		if run2.Since == nil || !run2.Since.Equal(run.StartedAt) || run2.State != skillkeepr.ImportCompleted || run2.Found != 0 {
			t.Fatalf("second run %+v", run2)
		}
		if n := e.ct.calls.Load() - calls; n > 1 {
			t.Fatalf("an empty incremental run made %d calls", n)
		}
		if _, total, _ := s.FindCandidates(admin, skillkeepr.CandidateFilter{JobID: e.job.ID}); total != want.imported {
			t.Fatalf("%d candidates after re-run", total)
		}

		// A new application in Lever is picked up by the next run.
		o, err := e.sb.NewApplication(e.posting, "Nova Quinn", "nova.quinn@example.org")
		if err != nil {
			t.Fatal(err)
		}
		time.Sleep(2 * time.Millisecond)
		run3 := e.importAll(t, admin)
		if run3.Found != 1 || run3.Imported != 1 || len(run3.Entries) != 1 || run3.Entries[0].OpportunityID != o.ID {
			t.Fatalf("third run %+v", run3)
		}
		if _, total, _ := s.FindCandidates(admin, skillkeepr.CandidateFilter{JobID: e.job.ID}); total != want.imported+1 {
			t.Fatalf("%d candidates after the new application", total)
		}

		// Retry of the first run's failures: the no-email candidate fails again, nothing is duplicated.
		var failed *skillkeepr.LeverImportEntry
		for _, en := range run.Entries {
			if en.Outcome == skillkeepr.OutcomeFailed {
				failed = en
			}
		}
		if _, err := s.RetryLeverImport(admin, run.ID, failed.ID); err != nil {
			t.Fatal(err)
		}
		e.work(t)
		// Listed again, the run also sees Nova Quinn, now imported: updated, not duplicated.
		again, _ := s.LeverImportRun(admin, run.ID)
		if again.Found != want.found+1 || again.Imported != want.imported || again.Updated != 1 || again.Failed != want.failed ||
			again.State != skillkeepr.ImportCompletedWithFailure {
			t.Fatalf("after retry %+v, want %+v", again, want)
		}
		if _, total, _ := s.FindCandidates(admin, skillkeepr.CandidateFilter{JobID: e.job.ID}); total != want.imported+1 {
			t.Fatalf("%d candidates after retry", total)
		}
		runs, err := s.LeverImportRuns(admin, e.job.ID)
		if err != nil || len(runs) != 3 || runs[0].ID != run3.ID {
			t.Fatalf("runs %v %+v", err, runs)
		}
	})
}

// A crash mid-run: the queue runs the job again, which continues after the
// candidates already logged.
func TestImportCandidatesResumesAfterCrash(t *testing.T) {
	t.Parallel()
	sqlstore.ForEachEngine(t, func(t *testing.T, s *sqlstore.Store) {
		e := newImportEnv(t, s, leversandbox.Config{Postings: 1, CandidatesPerPosting: 30, RateLimit: leversandbox.Bool(false)})
		admin := e.org.Ctx(e.org.RecruiterAdmin)
		run, err := s.StartLeverImport(admin, e.job.ID)
		if err != nil {
			t.Fatal(err)
		}
		tasks := e.ob.take()
		ctx, cancel := context.WithCancel(context.Background())
		var downloads atomic.Int32
		hook := func(r *http.Request) {
			if strings.HasSuffix(r.URL.Path, "/download") && downloads.Add(1) == 10 {
				cancel() // the worker dies
			}
		}
		e.ct.before.Store(&hook)
		if err := e.cands.RunLeverImport(ctx, tasks[0].OrgID, tasks[0].RunID, false); err == nil {
			t.Fatal("a cancelled run returned nil")
		}
		e.ct.before.Store(nil)
		mid, _ := s.LeverImportRun(admin, run.ID)
		if mid.State != skillkeepr.ImportRunning || mid.Done() == 0 || mid.Done() >= mid.Found {
			t.Fatalf("mid-run %+v", mid)
		}
		if err := e.cands.RunLeverImport(context.Background(), tasks[0].OrgID, tasks[0].RunID, false); err != nil {
			t.Fatal(err)
		}
		done, _ := s.LeverImportRun(admin, run.ID)
		checkCounts(t, done, expected(e.sb, e.posting))
	})
}

// Access revoked mid-run pauses the run; after reconnecting, Retry finishes it.
func TestImportCandidatesPausesWhenRevoked(t *testing.T) {
	t.Parallel()
	sqlstore.ForEachEngine(t, func(t *testing.T, s *sqlstore.Store) {
		e := newImportEnv(t, s, leversandbox.Config{Postings: 1, CandidatesPerPosting: 30, RateLimit: leversandbox.Bool(false)})
		admin := e.org.Ctx(e.org.RecruiterAdmin)
		super := e.org.Ctx(e.org.SuperAdmin)
		run, err := s.StartLeverImport(admin, e.job.ID)
		if err != nil {
			t.Fatal(err)
		}
		// The API key stops working after a few résumés, as when it is deleted in Lever.
		var downloads atomic.Int32
		hook := func(r *http.Request) {
			if strings.HasSuffix(r.URL.Path, "/download") && downloads.Add(1) >= 8 {
				r.Header.Set("Authorization", "Basic "+"cmV2b2tlZDo=") // "revoked:"
			}
		}
		e.ct.before.Store(&hook)
		e.work(t)
		paused, _ := s.LeverImportRun(admin, run.ID)
		if paused.State != skillkeepr.ImportPaused || !strings.Contains(paused.Message, "Integrations") || paused.Done() >= paused.Found {
			t.Fatalf("after revocation %+v", paused)
		}
		if lc, _ := e.conn.LeverConnection(super); lc.Status != skillkeepr.LeverRevoked {
			t.Fatalf("connection %+v", lc)
		}
		// Retry before reconnecting pauses again at once.
		e.ct.before.Store(nil)
		if _, err := s.StartLeverImport(admin, e.job.ID); skillkeepr.ErrorCodeOf(err) != skillkeepr.EUNAVAILABLE {
			t.Fatalf("start while revoked: %v", err)
		}
		if _, err := e.conn.ConnectAPIKey(super, leversandbox.DefaultAPIKey); err != nil {
			t.Fatal(err)
		}
		if _, err := s.RetryLeverImport(admin, run.ID, 0); err != nil {
			t.Fatal(err)
		}
		e.work(t)
		done, _ := s.LeverImportRun(admin, run.ID)
		if done.State != skillkeepr.ImportCompletedWithFailure {
			t.Fatalf("after retry %+v", done)
		}
		checkCounts(t, done, expected(e.sb, e.posting))
	})
}

// A fifth of résumé downloads fail; the client's retries still bring every
// résumé in.
func TestImportCandidatesWithFaults(t *testing.T) {
	t.Parallel()
	sqlstore.ForEachEngine(t, func(t *testing.T, s *sqlstore.Store) {
		e := newImportEnv(t, s, leversandbox.Config{Postings: 1, CandidatesPerPosting: 30, RateLimit: leversandbox.Bool(false)})
		e.sb.SetFault(leversandbox.Fault{Route: "GET /v1/opportunities/{id}/resumes/{resume}/download", ErrorRate: 0.2})
		run := e.importAll(t, e.org.Ctx(e.org.RecruiterAdmin))
		checkCounts(t, run, expected(e.sb, e.posting))
		for _, en := range run.Entries {
			if en.Reason == skillkeepr.ReasonLeverError {
				t.Fatalf("entry %+v", en)
			}
		}
	})
}

func TestImportCandidatesPermissions(t *testing.T) {
	t.Parallel()
	sqlstore.ForEachEngine(t, func(t *testing.T, s *sqlstore.Store) {
		e := newImportEnv(t, s, leversandbox.Config{Postings: 1, CandidatesPerPosting: 6, RateLimit: leversandbox.Bool(false)})
		_, err := s.StartLeverImport(e.org.Ctx(e.org.Collaborator), e.job.ID)
		wantCode(t, err, skillkeepr.EFORBIDDEN)
		_, err = s.StartLeverImport(e.org.Ctx(e.org.Recruiter), e.job.ID)
		wantCode(t, err, skillkeepr.ENOTFOUND)
		other := sqlstore.SeedTestOrg(t, s, "Globex")
		_, err = s.StartLeverImport(other.Ctx(other.SuperAdmin), e.job.ID)
		wantCode(t, err, skillkeepr.ENOTFOUND)
		if _, err := s.AssignJob(e.org.Ctx(e.org.RecruiterAdmin), e.job.ID, []int64{e.org.Recruiter.ID}); err != nil {
			t.Fatal(err)
		}
		rec := e.org.Ctx(e.org.Recruiter)
		run, err := s.StartLeverImport(rec, e.job.ID)
		if err != nil {
			t.Fatal(err)
		}
		if again, err := s.StartLeverImport(e.org.Ctx(e.org.SuperAdmin), e.job.ID); err != nil || again.ID != run.ID {
			t.Fatalf("second start while running: %v %+v", err, again)
		}
		e.work(t)
		if _, err := s.LeverImportRun(other.Ctx(other.SuperAdmin), run.ID); skillkeepr.ErrorCodeOf(err) != skillkeepr.ENOTFOUND {
			t.Fatalf("other organisation: %v", err)
		}
		_, err = s.RetryLeverImport(e.org.Ctx(e.org.Collaborator), run.ID, 0)
		wantCode(t, err, skillkeepr.EFORBIDDEN)
		entries, _, _ := s.FindAuditEntries(e.org.Ctx(e.org.SuperAdmin), skillkeepr.AuditFilter{})
		var start, finish bool
		for _, a := range entries {
			start = start || a.Action == "lever_import.start"
			finish = finish || a.Action == "lever_import.finish"
		}
		if !start || !finish {
			t.Fatal("import not audited")
		}
	})
}

// A résumé download that fails on every one of the client's attempts logs
// that candidate as failed in plain words; Retry brings them in.
func TestImportCandidatesLeverErrorThenRetry(t *testing.T) {
	t.Parallel()
	sqlstore.ForEachEngine(t, func(t *testing.T, s *sqlstore.Store) {
		e := newImportEnv(t, s, leversandbox.Config{Postings: 1, CandidatesPerPosting: 8, RateLimit: leversandbox.Bool(false)})
		e.cands.Workers = 1 // one candidate at a time, so that one gets every failure
		e.sb.SetFault(leversandbox.Fault{Route: "GET /v1/opportunities/{id}/resumes/{resume}/download", ErrorRate: 1, Count: 5})
		admin := e.org.Ctx(e.org.RecruiterAdmin)
		want := expected(e.sb, e.posting)
		run := e.importAll(t, admin)
		var failed *skillkeepr.LeverImportEntry
		for _, en := range run.Entries {
			if en.Reason == skillkeepr.ReasonLeverError {
				failed = en
			}
		}
		if failed == nil || run.Failed != want.failed+1 || !strings.Contains(failed.Message, "Lever could not be reached") {
			t.Fatalf("run %+v", run)
		}
		if _, err := s.RetryLeverImport(admin, run.ID, failed.ID); err != nil {
			t.Fatal(err)
		}
		e.work(t)
		done, _ := s.LeverImportRun(admin, run.ID)
		checkCounts(t, done, want)
	})
}

// A run whose background job is lost (its worker died on the last attempt)
// would stay "running" for ever: starting the import again after
// ImportStallAfter without progress ends it as failed and starts afresh,
// while a run that is merely slow is returned as before.
func TestImportCandidatesStalledRunIsReplaced(t *testing.T) {
	t.Parallel()
	sqlstore.ForEachEngine(t, func(t *testing.T, s *sqlstore.Store) {
		e := newImportEnv(t, s, leversandbox.Config{Postings: 1, CandidatesPerPosting: 4, RateLimit: leversandbox.Bool(false)})
		admin := e.org.Ctx(e.org.SuperAdmin)
		lost, err := s.StartLeverImport(admin, e.job.ID)
		if err != nil {
			t.Fatal(err)
		}
		e.ob.take() // the job is lost
		age := func(d time.Duration) {
			t.Helper()
			q := fmt.Sprintf(`UPDATE lever_import_runs SET started_at = started_at - %d WHERE id = %d`, d.Microseconds(), lost.ID)
			if _, err := s.DB().ExecContext(context.Background(), q); err != nil {
				t.Fatal(err)
			}
		}
		age(sqlstore.ImportStallAfter - time.Minute)
		if again, err := s.StartLeverImport(admin, e.job.ID); err != nil || again.ID != lost.ID {
			t.Fatalf("a slow run was replaced: %v %+v", err, again)
		}
		age(2 * time.Minute)
		run, err := s.StartLeverImport(admin, e.job.ID)
		if err != nil {
			t.Fatal(err)
		}
		if run.ID == lost.ID || run.State != skillkeepr.ImportRunning {
			t.Fatalf("stalled run not replaced: %+v", run)
		}
		old, err := s.LeverImportRun(admin, lost.ID)
		if err != nil {
			t.Fatal(err)
		}
		if old.State != skillkeepr.ImportFailed || !strings.Contains(old.Message, "stopped without finishing") {
			t.Fatalf("stalled run %+v", old)
		}
		e.work(t)
		got, err := s.LeverImportRun(admin, run.ID)
		if err != nil {
			t.Fatal(err)
		}
		checkCounts(t, got, expected(e.sb, e.posting))
	})
}
