// Package sqlstore is the database/sql implementation of the SkillKeepr
// domain services, on SQLite (modernc.org/sqlite, the embedded default) and
// PostgreSQL (pgx). One set of hand-written queries serves both engines
// through a small dialect shim (dialect.go); numbered migrations per engine
// are embedded (migrate.go).
//
// Every tenant-owned table carries org_id and every query filters by the
// organisation of the actor in the context; another organisation's ids are
// "not found". Permissions are decided by skillkeepr.Authorize and job lists
// by skillkeepr.VisibleJobs, never here. Every change writes an audit entry
// in the same transaction.
//
// On SQLite the store keeps two pools: a write pool with exactly one
// connection (all transactions, BEGIN IMMEDIATE) and a read pool
// (query_only). Never call the store while holding a transaction of DB():
// on SQLite that deadlocks on the single write connection.
//
// Timestamps are stored as BIGINT unix microseconds (UTC) on both engines;
// times read back are UTC and truncated to the microsecond.
//
// Lever connections (lever.go) keep their tokens and API keys sealed by a
// Cipher (package secret implements it); RefreshLeverToken renews a token in
// one process at a time under the connection's row lock.
//
// For tests of this and other packages, testing.go provides TestEngines,
// OpenTest (a fresh migrated SQLite file or PostgreSQL schema),
// ForEachEngine, SeedTestOrg (an organisation with two departments and one
// user per role) and SeedVolume (jobs and candidates in bulk, for
// benchmarks).
package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/url"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib" // the "pgx" database/sql driver
	_ "modernc.org/sqlite"             // the "sqlite" database/sql driver

	"github.com/skillkeepr/skillkeepr"
)

// Config configures a Store.
type Config struct {
	URL      string // "postgres://…" or "postgresql://…" → PostgreSQL; otherwise a SQLite file path (or "file:…")
	Blobs    skillkeepr.BlobStore
	Enqueuer Enqueuer         // may be nil; set later with SetEnqueuer
	Cipher   Cipher           // seals Lever secrets; may be nil until SetCipher
	Now      func() time.Time // default time.Now
	Logger   *slog.Logger
}

// Enqueuer inserts durable background work in the caller's transaction
// (our outbox). The queue package implements it with River.
type Enqueuer interface {
	EnqueueTx(ctx context.Context, tx *sql.Tx, t skillkeepr.Task) error
}

// Store implements every service of skillkeepr.Services.
type Store struct {
	engine string
	url    string  // as opened, for OpenTestTwin
	db     *sql.DB // writes and transactions; one connection on SQLite
	rdb    *sql.DB // reads; the same pool as db on PostgreSQL
	blobs  skillkeepr.BlobStore
	enq    atomic.Pointer[enqueuerBox]
	cipher atomic.Pointer[cipherBox]
	// deriver derives a job's first matching criteria (shortlist.go).
	deriver atomic.Pointer[deriverBox]
	// leverLocks holds one *sync.Mutex per organisation (RefreshLeverToken).
	leverLocks sync.Map
	now        func() time.Time
	log        *slog.Logger
	// notifEmail builds notification emails (SetNotificationEmail).
	notifEmail atomic.Pointer[notificationEmailBox]
	// reminders are the offsets before an interview of its reminder emails
	// (SetInterviewReminders; scheduling.go).
	reminders atomic.Pointer[[]time.Duration]
	// Rating cards (issue #7): their email builder and reminder delay.
	cardCfg atomic.Pointer[ratingCardConfig]
}

type enqueuerBox struct{ e Enqueuer }

// Every service of the domain is implemented by *Store.
var (
	_ skillkeepr.OrganizationService = (*Store)(nil)
	_ skillkeepr.UserService         = (*Store)(nil)
	_ skillkeepr.DepartmentService   = (*Store)(nil)
	_ skillkeepr.JobService          = (*Store)(nil)
	_ skillkeepr.CandidateService    = (*Store)(nil)
	_ skillkeepr.ApplicationService  = (*Store)(nil)
	_ skillkeepr.InvitationService   = (*Store)(nil)
	_ skillkeepr.SessionService      = (*Store)(nil)
	_ skillkeepr.AuditService        = (*Store)(nil)
	_ skillkeepr.MailboxService      = (*Store)(nil)
	_ skillkeepr.HealthChecker       = (*Store)(nil)
	// Collaboration.
	_ skillkeepr.CommentService      = (*Store)(nil)
	_ skillkeepr.NotificationService = (*Store)(nil)
	_ skillkeepr.ShortlistService    = (*Store)(nil)
	_ skillkeepr.Mailer              = devMailer{}
)

// IsPostgresURL reports whether url selects PostgreSQL.
func IsPostgresURL(u string) bool {
	return strings.HasPrefix(u, "postgres://") || strings.HasPrefix(u, "postgresql://")
}

// Open opens the database and pings it; it does not migrate.
func Open(ctx context.Context, cfg Config) (*Store, error) {
	if cfg.URL == "" {
		return nil, errors.New("sqlstore: empty database URL")
	}
	s := &Store{url: cfg.URL, blobs: cfg.Blobs, now: cfg.Now, log: cfg.Logger}
	if s.now == nil {
		s.now = time.Now
	}
	if s.log == nil {
		s.log = slog.New(slog.DiscardHandler)
	}
	if cfg.Enqueuer != nil {
		s.SetEnqueuer(cfg.Enqueuer)
	}
	if cfg.Cipher != nil {
		s.SetCipher(cfg.Cipher)
	}
	if IsPostgresURL(cfg.URL) {
		s.engine = enginePostgres
		db, err := sql.Open("pgx", cfg.URL)
		if err != nil {
			return nil, fmt.Errorf("sqlstore: open postgres: %w", err)
		}
		db.SetMaxOpenConns(20)
		db.SetMaxIdleConns(10)
		db.SetConnMaxIdleTime(5 * time.Minute)
		s.db, s.rdb = db, db
	} else {
		s.engine = engineSQLite
		w, err := sql.Open("sqlite", sqliteDSN(cfg.URL, true))
		if err != nil {
			return nil, fmt.Errorf("sqlstore: open sqlite: %w", err)
		}
		w.SetMaxOpenConns(1)
		w.SetMaxIdleConns(1)
		w.SetConnMaxIdleTime(0)
		w.SetConnMaxLifetime(0)
		s.db = w
		// The write pool opens first so that WAL mode is set before readers come.
		if err := w.PingContext(ctx); err != nil {
			w.Close()
			return nil, fmt.Errorf("sqlstore: open sqlite %s: %w", cfg.URL, err)
		}
		r, err := sql.Open("sqlite", sqliteDSN(cfg.URL, false))
		if err != nil {
			w.Close()
			return nil, fmt.Errorf("sqlstore: open sqlite: %w", err)
		}
		r.SetMaxOpenConns(8)
		r.SetMaxIdleConns(8)
		s.rdb = r
	}
	if err := s.Ping(ctx); err != nil {
		s.Close()
		return nil, err
	}
	return s, nil
}

func sqliteDSN(path string, write bool) string {
	q := url.Values{}
	pragmas := []string{"busy_timeout(10000)", "foreign_keys(1)"}
	if write {
		pragmas = append(pragmas, "journal_mode(WAL)", "synchronous(NORMAL)")
		q.Set("_txlock", "immediate")
	} else {
		pragmas = append(pragmas, "query_only(1)")
	}
	q["_pragma"] = pragmas
	sep := "?"
	if strings.Contains(path, "?") {
		sep = "&"
	}
	return path + sep + q.Encode()
}

// Ping checks that the database answers.
func (s *Store) Ping(ctx context.Context) error {
	if err := s.db.PingContext(ctx); err != nil {
		return fmt.Errorf("sqlstore: ping: %w", err)
	}
	if s.rdb != s.db {
		if err := s.rdb.PingContext(ctx); err != nil {
			return fmt.Errorf("sqlstore: ping: %w", err)
		}
	}
	return nil
}

// Close closes the pools.
func (s *Store) Close() error {
	var err error
	if s.rdb != nil && s.rdb != s.db {
		err = s.rdb.Close()
	}
	if s.db != nil {
		err = errors.Join(err, s.db.Close())
	}
	return err
}

// Engine returns "sqlite" or "postgres".
func (s *Store) Engine() string { return s.engine }

// DB returns the write pool (River uses it; on SQLite it has exactly one
// open connection, so never hold it while calling the store).
func (s *Store) DB() *sql.DB { return s.db }

// SetEnqueuer sets the outbox used by CreateInvitation and friends.
func (s *Store) SetEnqueuer(e Enqueuer) { s.enq.Store(&enqueuerBox{e: e}) }

func (s *Store) enqueuer() Enqueuer {
	if b := s.enq.Load(); b != nil {
		return b.e
	}
	return nil
}

// Services returns every domain service backed by s.
func (s *Store) Services() skillkeepr.Services {
	return skillkeepr.Services{
		Organizations: s,
		Users:         s,
		Departments:   s,
		Jobs:          s,
		Candidates:    s,
		Applications:  s,
		Invitations:   s,
		Sessions:      s,
		Audit:         s,
		Mailbox:       s,
		Health:        s,
		Comments:      s,
		Notifications: s,

		Fairness: s,
		Assist:   s.Assist(""), // off; cmd/skillkeepr turns it on when a model is configured
		// Shortlisting.
		Shortlist: s,
		// Scheduling (issue #6).
		Interviews:   s,
		Availability: s,
		Scheduling:   s,
		// Rating cards (issue #7).
		RatingCards: s,
	}
}

// Ready implements skillkeepr.HealthChecker: the database answers and its
// migrations are current.
func (s *Store) Ready(ctx context.Context) error {
	if err := s.Ping(ctx); err != nil {
		return skillkeepr.Errorf(skillkeepr.EUNAVAILABLE, "The database is not reachable.")
	}
	ok, err := s.MigrationsCurrent(ctx)
	if err != nil {
		return skillkeepr.Errorf(skillkeepr.EUNAVAILABLE, "The database is not reachable.")
	}
	if !ok {
		return skillkeepr.Errorf(skillkeepr.EUNAVAILABLE, "The database needs to be migrated.")
	}
	return nil
}

// clock returns the current time in UTC, truncated to what the database keeps.
func (s *Store) clock() time.Time { return s.now().UTC().Truncate(time.Microsecond) }

// queryer is what *sql.DB and *sql.Tx have in common.
type queryer interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// conn runs rebound queries on a pool or a transaction.
type conn struct {
	q      queryer
	engine string
}

func (c conn) exec(ctx context.Context, query string, args ...any) (sql.Result, error) {
	return c.q.ExecContext(ctx, rebind(c.engine, query), args...)
}

func (c conn) query(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	return c.q.QueryContext(ctx, rebind(c.engine, query), args...)
}

func (c conn) queryRow(ctx context.Context, query string, args ...any) *sql.Row {
	return c.q.QueryRowContext(ctx, rebind(c.engine, query), args...)
}

// insert runs an INSERT … RETURNING id and returns the id.
func (c conn) insert(ctx context.Context, query string, args ...any) (int64, error) {
	var id int64
	err := c.queryRow(ctx, query+" RETURNING id", args...).Scan(&id)
	return id, err
}

// read returns the read pool.
func (s *Store) read() conn { return conn{q: s.rdb, engine: s.engine} }

// txn is a write transaction.
type txn struct {
	conn
	tx *sql.Tx
	s  *Store
}

// inTx runs fn in a write transaction, committing when it returns nil.
func (s *Store) inTx(ctx context.Context, fn func(tx *txn) error) error {
	t, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("sqlstore: begin: %w", err)
	}
	tx := &txn{conn: conn{q: t, engine: s.engine}, tx: t, s: s}
	if err := fn(tx); err != nil {
		_ = t.Rollback()
		return err
	}
	if err := t.Commit(); err != nil {
		return fmt.Errorf("sqlstore: commit: %w", err)
	}
	return nil
}

// dbErr wraps an unexpected database error; it maps to EINTERNAL.
func dbErr(op string, err error) error {
	if err == nil {
		return nil
	}
	var de *skillkeepr.Error
	if errors.As(err, &de) {
		return err
	}
	return fmt.Errorf("sqlstore: %s: %w", op, err)
}

// notFound maps sql.ErrNoRows to a not-found error of what.
func notFound(err error, what, op string) error {
	if errors.Is(err, sql.ErrNoRows) {
		return skillkeepr.NotFound(what)
	}
	return dbErr(op, err)
}

func closeRows(rows io.Closer) { _ = rows.Close() }

// page normalises offset and limit.
func page(offset, limit, def, max int) (int, int) {
	if offset < 0 {
		offset = 0
	}
	if limit <= 0 {
		limit = def
	}
	if limit > max {
		limit = max
	}
	return offset, limit
}
