package queue

import (
	"bytes"
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib"
	"github.com/riverqueue/river/rivertype"
	_ "modernc.org/sqlite"

	"github.com/skillkeepr/skillkeepr"
)

// forEachEngine runs f on SQLite and, when SKILLKEEPR_TEST_POSTGRES_URL is
// set, on PostgreSQL, each on a fresh, migrated database.
func forEachEngine(t *testing.T, f func(t *testing.T, engine string, db *sql.DB)) {
	t.Helper()
	t.Run(EngineSQLite, func(t *testing.T) {
		t.Parallel()
		db := openSQLite(t)
		mustMigrate(t, EngineSQLite, db)
		f(t, EngineSQLite, db)
	})
	t.Run(EnginePostgres, func(t *testing.T) {
		t.Parallel()
		db := openPostgres(t)
		mustMigrate(t, EnginePostgres, db)
		f(t, EnginePostgres, db)
	})
}

// openSQLite opens a file database set up as SkillKeepr runs it: WAL,
// foreign keys, a busy timeout and exactly one connection.
func openSQLite(t *testing.T) *sql.DB {
	t.Helper()
	path := filepath.Join(t.TempDir(), "skillkeepr.db")
	db, err := sql.Open("sqlite", "file:"+path+"?_pragma=journal_mode(WAL)&_pragma=foreign_keys(1)&_pragma=busy_timeout(5000)")
	if err != nil {
		t.Fatal(err)
	}
	db.SetMaxOpenConns(1)
	t.Cleanup(func() { db.Close() })
	return db
}

// openPostgres opens a connection pool whose search_path is a fresh schema,
// dropped when the test ends; it skips the test without a test database.
func openPostgres(t *testing.T) *sql.DB {
	t.Helper()
	url := os.Getenv("SKILLKEEPR_TEST_POSTGRES_URL")
	if url == "" {
		t.Skip("SKILLKEEPR_TEST_POSTGRES_URL is not set")
	}
	admin, err := sql.Open("pgx", url)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { admin.Close() })
	b := make([]byte, 6)
	rand.Read(b)
	schema := "t_queue_" + hex.EncodeToString(b)
	if _, err := admin.Exec("CREATE SCHEMA " + schema); err != nil {
		t.Fatal(err)
	}
	sep := "?"
	if strings.Contains(url, "?") {
		sep = "&"
	}
	db, err := sql.Open("pgx", url+sep+"search_path="+schema)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		db.Close()
		if _, err := admin.Exec("DROP SCHEMA " + schema + " CASCADE"); err != nil {
			t.Errorf("drop schema: %v", err)
		}
	})
	return db
}

func mustMigrate(t *testing.T, engine string, db *sql.DB) {
	t.Helper()
	if err := Migrate(t.Context(), engine, db); err != nil {
		t.Fatal(err)
	}
}

// fastRetry retries a failed job almost at once, so that tests need not
// wait for River's back-off.
type fastRetry struct{}

func (fastRetry) NextRetry(*rivertype.JobRow) time.Time { return time.Now().Add(10 * time.Millisecond) }

// newQueue builds a working queue for tests with short polling and retries;
// the caller starts it. It is stopped at cleanup.
func newQueue(t *testing.T, engine string, db *sql.DB, m skillkeepr.Mailer, options ...func(*Config)) *Queue {
	t.Helper()
	cfg := Config{Engine: engine, DB: db, Mailer: m, Workers: 2, PollInterval: 50 * time.Millisecond, retryPolicy: fastRetry{}}
	for _, o := range options {
		o(&cfg)
	}
	q, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 15*time.Second)
		defer cancel()
		if err := q.Stop(ctx); err != nil {
			t.Errorf("stop: %v", err)
		}
	})
	return q
}

func start(t *testing.T, q *Queue) {
	t.Helper()
	if err := q.Start(t.Context()); err != nil {
		t.Fatal(err)
	}
}

// enqueue inserts an email in a committed transaction.
func enqueue(t *testing.T, q *Queue, db *sql.DB, subject string) {
	t.Helper()
	tx, err := db.BeginTx(t.Context(), nil)
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback()
	if err := q.EnqueueTx(t.Context(), tx, email(subject)); err != nil {
		t.Fatal(err)
	}
	if err := tx.Commit(); err != nil {
		t.Fatal(err)
	}
}

func email(subject string) skillkeepr.SendEmailTask {
	return skillkeepr.SendEmailTask{Message: skillkeepr.EmailMessage{
		OrgID: 7, To: []string{"ada@example.com"}, Subject: subject, Text: "Hello", Kind: "test",
	}}
}

// recordingMailer records what it sends; fail, when set, decides per call
// (counting from 1) whether the call fails and how.
type recordingMailer struct {
	mu    sync.Mutex
	calls int
	sent  []skillkeepr.EmailMessage
	fail  func(ctx context.Context, call int, m skillkeepr.EmailMessage) error
	got   chan skillkeepr.EmailMessage // each successful send, if not nil
}

func newRecordingMailer() *recordingMailer {
	return &recordingMailer{got: make(chan skillkeepr.EmailMessage, 100)}
}

func (r *recordingMailer) Send(ctx context.Context, m skillkeepr.EmailMessage) error {
	r.mu.Lock()
	r.calls++
	call := r.calls
	fail := r.fail
	r.mu.Unlock()
	if fail != nil {
		if err := fail(ctx, call, m); err != nil {
			return err
		}
	}
	r.mu.Lock()
	r.sent = append(r.sent, m)
	r.mu.Unlock()
	r.got <- m
	return nil
}

func (r *recordingMailer) Calls() int {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.calls
}

func (r *recordingMailer) Sent() []skillkeepr.EmailMessage {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]skillkeepr.EmailMessage(nil), r.sent...)
}

// wait returns the next email sent, failing the test after a while.
func (r *recordingMailer) wait(t *testing.T) skillkeepr.EmailMessage {
	t.Helper()
	select {
	case m := <-r.got:
		return m
	case <-time.After(20 * time.Second):
		t.Fatal("timed out waiting for an email to be sent")
	}
	return skillkeepr.EmailMessage{}
}

// permanentError is what a mailer returns for an SMTP 5xx reply.
type permanentError struct{ error }

func (permanentError) Permanent() bool { return true }

var errTemporary = errors.New("451 try again later")

// jobState returns the state and attempt of the only job of kind in db.
func jobState(t *testing.T, engine string, db *sql.DB, kind string) (state string, attempt int) {
	t.Helper()
	query := "SELECT state, attempt FROM river_job WHERE kind = $1"
	if engine == EngineSQLite {
		query = "SELECT state, attempt FROM river_job WHERE kind = ?"
	}
	err := db.QueryRowContext(t.Context(), query, kind).Scan(&state, &attempt)
	if err != nil {
		t.Fatal(err)
	}
	return state, attempt
}

// eventually retries cond until it holds, failing the test after a while.
func eventually(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting until %s", what)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// syncBuffer is a bytes.Buffer safe for a logger used by several goroutines.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}
