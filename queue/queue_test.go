package queue

import (
	"context"
	"database/sql"
	"fmt"
	"log/slog"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/skillkeepr/skillkeepr"
)

func TestMigrateIsIdempotent(t *testing.T) {
	forEachEngine(t, func(t *testing.T, engine string, db *sql.DB) {
		// forEachEngine migrated once already.
		for range 2 {
			if err := Migrate(t.Context(), engine, db); err != nil {
				t.Fatalf("migrate again: %v", err)
			}
		}
		var n int
		if err := db.QueryRowContext(t.Context(), "SELECT COUNT(*) FROM river_job").Scan(&n); err != nil {
			t.Fatalf("river_job after migrate: %v", err)
		}
	})
}

func TestMigrateConcurrently(t *testing.T) {
	db := openPostgres(t)
	var wg sync.WaitGroup
	errs := make(chan error, 3)
	for range 3 {
		wg.Go(func() { errs <- Migrate(t.Context(), EnginePostgres, db) })
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Fatalf("concurrent migrate: %v", err)
		}
	}
}

func TestCommittedJobIsWorked(t *testing.T) {
	forEachEngine(t, func(t *testing.T, engine string, db *sql.DB) {
		m := newRecordingMailer()
		q := newQueue(t, engine, db, m)
		start(t, q)
		enqueue(t, q, db, "Welcome")

		got := m.wait(t)
		if got.Subject != "Welcome" || got.OrgID != 7 || len(got.To) != 1 || got.To[0] != "ada@example.com" || got.Kind != "test" {
			t.Fatalf("sent %+v", got)
		}
		eventually(t, "the job is completed", func() bool {
			state, _ := jobState(t, engine, db, kindSendEmail)
			return state == "completed"
		})
	})
}

func TestRolledBackJobNeverRuns(t *testing.T) {
	forEachEngine(t, func(t *testing.T, engine string, db *sql.DB) {
		m := newRecordingMailer()
		q := newQueue(t, engine, db, m)
		start(t, q)

		tx, err := db.BeginTx(t.Context(), nil)
		if err != nil {
			t.Fatal(err)
		}
		if err := q.EnqueueTx(t.Context(), tx, email("rolled back")); err != nil {
			t.Fatal(err)
		}
		if err := tx.Rollback(); err != nil {
			t.Fatal(err)
		}
		// A later committed job is worked; had the first existed, it would
		// have been fetched first.
		enqueue(t, q, db, "committed")
		if got := m.wait(t); got.Subject != "committed" {
			t.Fatalf("first email sent is %q", got.Subject)
		}
		time.Sleep(200 * time.Millisecond)
		if sent := m.Sent(); len(sent) != 1 {
			t.Fatalf("sent %d emails, want 1: %+v", len(sent), sent)
		}
		var n int
		if err := db.QueryRowContext(t.Context(), "SELECT COUNT(*) FROM river_job").Scan(&n); err != nil {
			t.Fatal(err)
		}
		if n != 1 {
			t.Fatalf("%d jobs in river_job, want 1", n)
		}
	})
}

func TestFailedSendIsRetried(t *testing.T) {
	forEachEngine(t, func(t *testing.T, engine string, db *sql.DB) {
		m := newRecordingMailer()
		m.fail = func(_ context.Context, call int, _ skillkeepr.EmailMessage) error {
			if call <= 2 {
				return errTemporary
			}
			return nil
		}
		q := newQueue(t, engine, db, m)
		start(t, q)
		enqueue(t, q, db, "Flaky")

		m.wait(t)
		if n := m.Calls(); n != 3 {
			t.Fatalf("mailer called %d times, want 3", n)
		}
		eventually(t, "the job is completed on its third attempt", func() bool {
			state, attempt := jobState(t, engine, db, kindSendEmail)
			return state == "completed" && attempt == 3
		})
	})
}

func TestPermanentFailureCancelsJob(t *testing.T) {
	forEachEngine(t, func(t *testing.T, engine string, db *sql.DB) {
		m := newRecordingMailer()
		failed := make(chan struct{}, 10)
		m.fail = func(context.Context, int, skillkeepr.EmailMessage) error {
			failed <- struct{}{}
			return permanentError{fmt.Errorf("550 no such user")}
		}
		var logs syncBuffer
		q := newQueue(t, engine, db, m, func(c *Config) {
			c.Logger = slog.New(slog.NewTextHandler(&logs, nil))
		})
		start(t, q)
		enqueue(t, q, db, "Bounce")

		eventually(t, "the job is cancelled", func() bool {
			state, _ := jobState(t, engine, db, kindSendEmail)
			return state == "cancelled"
		})
		time.Sleep(200 * time.Millisecond)
		if n := m.Calls(); n != 1 {
			t.Fatalf("mailer called %d times, want 1", n)
		}
		if out := logs.String(); !strings.Contains(out, "level=ERROR") || !strings.Contains(out, "giving up") || !strings.Contains(out, "550 no such user") {
			t.Errorf("no clear error log for the permanent failure:\n%s", out)
		}
	})
}

func TestIsPermanent(t *testing.T) {
	for _, tc := range []struct {
		err  error
		want bool
	}{
		{nil, false},
		{errTemporary, false},
		{permanentError{errTemporary}, true},
		{fmt.Errorf("wrapped: %w", permanentError{errTemporary}), true},
		{skillkeepr.Errorf(skillkeepr.EINVALID, "no recipients"), true},
		{skillkeepr.Errorf(skillkeepr.EUNAVAILABLE, "mail server down"), false},
	} {
		if got := isPermanent(tc.err); got != tc.want {
			t.Errorf("isPermanent(%v) = %v, want %v", tc.err, got, tc.want)
		}
	}
}

func TestDepth(t *testing.T) {
	forEachEngine(t, func(t *testing.T, engine string, db *sql.DB) {
		q, err := New(Config{Engine: engine, DB: db, Workers: -1})
		if err != nil {
			t.Fatal(err)
		}
		if err := q.Start(t.Context()); err == nil {
			t.Fatal("an insert-only queue started")
		}
		depth, err := q.Depth(t.Context())
		if err != nil {
			t.Fatal(err)
		}
		if n, ok := depth[kindSendEmail]; !ok || n != 0 {
			t.Fatalf("empty depth = %v, want send_email: 0", depth)
		}
		for i := range 3 {
			enqueue(t, q, db, fmt.Sprint("mail ", i))
		}
		depth, err = q.Depth(t.Context())
		if err != nil {
			t.Fatal(err)
		}
		if depth[kindSendEmail] != 3 || depth[kindLeverHealth] != 0 || depth[kindLeverStageSync] != 0 || depth[kindLeverCandidateImport] != 0 ||
			depth[kindLeverWebhook] != 0 || depth[kindLeverPoll] != 0 || depth[kindLeverPush] != 0 || len(depth) != len(q.kinds) {
			t.Fatalf("depth = %v, want send_email: 3 and the other kinds at 0", depth)
		}

		// A worker drains the queue; completed jobs do not count.
		m := newRecordingMailer()
		w := newQueue(t, engine, db, m)
		start(t, w)
		for range 3 {
			m.wait(t)
		}
		eventually(t, "the depth is back to zero", func() bool {
			depth, err := q.Depth(t.Context())
			return err == nil && depth[kindSendEmail] == 0
		})
	})
}

func TestGracefulStopLetsRunningJobsFinish(t *testing.T) {
	forEachEngine(t, func(t *testing.T, engine string, db *sql.DB) {
		m := newRecordingMailer()
		running := make(chan struct{})
		release := make(chan struct{})
		m.fail = func(context.Context, int, skillkeepr.EmailMessage) error {
			close(running)
			<-release // deliberately ignores ctx: the job must not be cancelled
			return nil
		}
		q := newQueue(t, engine, db, m)
		start(t, q)
		enqueue(t, q, db, "Slow")
		<-running

		stopped := make(chan error, 1)
		go func() {
			ctx, cancel := context.WithTimeout(context.Background(), 15*time.Second)
			defer cancel()
			stopped <- q.Stop(ctx)
		}()
		select {
		case err := <-stopped:
			t.Fatalf("Stop returned (%v) while a job was running", err)
		case <-time.After(200 * time.Millisecond):
		}
		close(release)
		if err := <-stopped; err != nil {
			t.Fatalf("stop: %v", err)
		}
		if state, _ := jobState(t, engine, db, kindSendEmail); state != "completed" {
			t.Fatalf("job state after a graceful stop = %s, want completed", state)
		}
	})
}

func TestStopCancelsJobsAfterDeadlineAndTheyAreRetried(t *testing.T) {
	forEachEngine(t, func(t *testing.T, engine string, db *sql.DB) {
		m := newRecordingMailer()
		running := make(chan struct{}, 1)
		m.fail = func(ctx context.Context, call int, _ skillkeepr.EmailMessage) error {
			if call > 1 {
				return nil
			}
			running <- struct{}{}
			<-ctx.Done()
			return fmt.Errorf("smtp: dial: %w", ctx.Err())
		}
		q := newQueue(t, engine, db, m)
		start(t, q)
		enqueue(t, q, db, "Stuck")
		<-running

		ctx, cancel := context.WithTimeout(t.Context(), 300*time.Millisecond)
		defer cancel()
		if err := q.Stop(ctx); err != nil {
			t.Fatalf("stop: %v", err)
		}
		// River puts an interrupted job back without spending an attempt.
		if state, attempt := jobState(t, engine, db, kindSendEmail); state != "available" || attempt != 0 {
			t.Fatalf("job after a stop past its deadline: state %s, attempt %d; want available, 0", state, attempt)
		}

		// Another process picks it up.
		q2 := newQueue(t, engine, db, m)
		start(t, q2)
		if got := m.wait(t); got.Subject != "Stuck" {
			t.Fatalf("sent %q", got.Subject)
		}
	})
}

// A job whose work inserts another job in its own transaction must not
// deadlock on SQLite's single connection.
func TestJobThatEnqueuesInATransaction(t *testing.T) {
	forEachEngine(t, func(t *testing.T, engine string, db *sql.DB) {
		m := newRecordingMailer()
		var q *Queue
		m.fail = func(ctx context.Context, _ int, msg skillkeepr.EmailMessage) error {
			if msg.Subject != "first" {
				return nil
			}
			tx, err := db.BeginTx(ctx, nil)
			if err != nil {
				return err
			}
			defer tx.Rollback()
			if err := q.EnqueueTx(ctx, tx, email("second")); err != nil {
				return err
			}
			return tx.Commit()
		}
		q = newQueue(t, engine, db, m)
		start(t, q)
		enqueue(t, q, db, "first")
		got := []string{m.wait(t).Subject, m.wait(t).Subject}
		if strings.Join(got, ",") != "first,second" {
			t.Fatalf("sent %v", got)
		}
	})
}

// Several processes share one PostgreSQL database: every job is worked once
// by one of them.
func TestSeveralProcessesShareTheDatabase(t *testing.T) {
	db := openPostgres(t)
	mustMigrate(t, EnginePostgres, db)
	m := newRecordingMailer()
	a := newQueue(t, EnginePostgres, db, m)
	b := newQueue(t, EnginePostgres, db, m)
	start(t, a)
	start(t, b)
	const n = 20
	for i := range n {
		q := a
		if i%2 == 1 {
			q = b
		}
		enqueue(t, q, db, fmt.Sprint("mail ", i))
	}
	seen := map[string]bool{}
	for range n {
		s := m.wait(t).Subject
		if seen[s] {
			t.Fatalf("%q sent twice", s)
		}
		seen[s] = true
	}
}

func TestEnqueueRejectsBadInput(t *testing.T) {
	db := openSQLite(t)
	mustMigrate(t, EngineSQLite, db)
	q, err := New(Config{Engine: EngineSQLite, DB: db, Workers: -1})
	if err != nil {
		t.Fatal(err)
	}
	if err := q.EnqueueTx(t.Context(), nil, email("x")); err == nil {
		t.Error("EnqueueTx without a transaction succeeded")
	}
	tx, err := db.BeginTx(t.Context(), nil)
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback()
	if err := q.EnqueueTx(t.Context(), tx, unknownTask{}); err == nil || !strings.Contains(err.Error(), "mystery") {
		t.Errorf("EnqueueTx(unknown task) = %v, want an error naming the kind", err)
	}
	if err := q.EnqueueTx(t.Context(), tx, nil); err == nil {
		t.Error("EnqueueTx(nil) succeeded")
	}
	if err := q.EnqueueTx(t.Context(), tx, &skillkeepr.SendEmailTask{Message: email("ptr").Message}); err != nil {
		t.Errorf("EnqueueTx(*SendEmailTask) = %v", err)
	}
}

type unknownTask struct{}

func (unknownTask) TaskKind() string { return "mystery" }

func TestNewValidatesConfig(t *testing.T) {
	db := openSQLite(t)
	for _, tc := range []struct {
		cfg  Config
		want string
	}{
		{Config{Engine: "mysql", DB: db, Workers: -1}, "mysql"},
		{Config{Engine: EngineSQLite, Workers: -1}, "database"},
		{Config{Engine: EngineSQLite, DB: db}, "Mailer"},
		{Config{Engine: EngineSQLite, DB: db, Workers: -1, PollInterval: -time.Second}, "poll interval"},
	} {
		_, err := New(tc.cfg)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("New(%+v) = %v, want an error mentioning %q", tc.cfg, err, tc.want)
		}
	}
	if err := Migrate(t.Context(), "oracle", db); err == nil {
		t.Error("Migrate on an unknown engine succeeded")
	}
}

// The defaults (workers, poll interval, River's back-off) work as they are.
func TestDefaults(t *testing.T) {
	forEachEngine(t, func(t *testing.T, engine string, db *sql.DB) {
		m := newRecordingMailer()
		q := newQueue(t, engine, db, m, func(c *Config) {
			c.Workers, c.PollInterval, c.retryPolicy = 0, 0, nil
		})
		start(t, q)
		begin := time.Now()
		enqueue(t, q, db, "Default")
		m.wait(t)
		if d := time.Since(begin); d > 3*time.Second {
			t.Errorf("the job took %s to run", d)
		}
	})
}

type countingChecker struct {
	mu    sync.Mutex
	calls int
}

func (c *countingChecker) CheckAll(ctx context.Context) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.calls++
	return nil
}

func (c *countingChecker) n() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.calls
}

func TestLeverHealthCheckRunsPeriodically(t *testing.T) {
	forEachEngine(t, func(t *testing.T, engine string, db *sql.DB) {
		checker := &countingChecker{}
		q := newQueue(t, engine, db, newRecordingMailer(), func(c *Config) {
			c.LeverHealth = checker
			c.LeverHealthInterval = 200 * time.Millisecond
		})
		start(t, q)
		eventually(t, "the health check ran on start and again after the interval", func() bool { return checker.n() >= 2 })
	})
}
