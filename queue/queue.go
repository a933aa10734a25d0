package queue

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"github.com/riverqueue/river"
	"github.com/riverqueue/river/riverdriver"
	"github.com/riverqueue/river/riverdriver/riverdatabasesql"
	"github.com/riverqueue/river/riverdriver/riversqlite"

	"github.com/skillkeepr/skillkeepr"
)

// The database engines the queue runs on.
const (
	EngineSQLite   = "sqlite"
	EnginePostgres = "postgres"
)

// Default numbers of concurrent workers in the default queue. Workers mostly
// wait on the network (SMTP, Lever), not on the database; on SQLite every
// database call goes through one connection, so fewer is kinder to the web.
const (
	defaultWorkersPostgres = 10
	defaultWorkersSQLite   = 4
)

// hardStopTimeout bounds how long Stop waits for cancelled jobs to return
// after its context has ended.
const hardStopTimeout = 10 * time.Second

// DefaultPollInterval is how often, by default, a process looks for jobs
// it was not told about (inserted by another process). River's default,
// a second, made a push from Done to Lever take 0.8 s at the median on
// PostgreSQL; a quarter of a second brings it near the work itself, for
// one small indexed query four times a second per process.
const DefaultPollInterval = 250 * time.Millisecond

// Config configures a Queue.
type Config struct {
	// Engine is "sqlite" or "postgres".
	Engine string
	// DB is the business database. On SQLite it must have exactly one open
	// connection (SetMaxOpenConns(1)); River serialises on it.
	DB *sql.DB
	// Mailer delivers the emails of send_email jobs. It may be nil for an
	// insert-only queue.
	Mailer skillkeepr.Mailer
	// Logger receives River's and the workers' logs; nil discards them.
	Logger *slog.Logger
	// Workers is the maximum number of jobs worked at once by this process:
	// 0 picks a sensible default for the engine, a negative number makes an
	// insert-only queue that never works jobs (Start fails).
	Workers int
	// PollInterval is how often workers look for new jobs inserted by other
	// processes or by transactions committed after the insert noticed them;
	// 0 means DefaultPollInterval.
	PollInterval time.Duration

	// LeverHealth, when set, runs as a periodic job every
	// LeverHealthInterval (default DefaultLeverHealthInterval) on the
	// leader process.
	LeverHealth         LeverHealthChecker
	LeverHealthInterval time.Duration

	// LeverStageSync writes stage tags and stage moves to Lever
	// (lever_stage_sync jobs); a process without it leaves those jobs to
	// others. LeverPauseRetry is how long such a job waits while Lever
	// work is paused (default DefaultLeverPauseRetry).
	LeverStageSync  LeverStageSyncer
	LeverPauseRetry time.Duration
	// LeverImporter works imports of candidates from Lever; without it
	// such jobs fail and are retried, by a process that has one.
	LeverImporter LeverCandidateImporter
	// LeverUpdates processes Lever webhook deliveries (lever_webhook jobs)
	// and, on the leader, polls Lever every LeverPollInterval (default
	// DefaultLeverPollInterval).
	LeverUpdates      LeverUpdates
	LeverPollInterval time.Duration

	// Assist makes language-model suggestions (llm_assist jobs); a
	// process without it leaves those jobs to others.
	Assist AssistRunner
	// Scorer reads résumé text and scores applications (score_candidate
	// and score_job jobs); without it such jobs fail and are retried, by
	// a process that has one.
	Scorer Scorer
	// Scheduling (issue #6). InterviewNotifier works interview_notice and
	// schedule_invitation jobs; EmailLog, when set, records the delivery
	// state of send_email jobs whose message has a LogID.
	InterviewNotifier InterviewNotifier
	EmailLog          EmailDeliveryLog
	// RatingCards opens the rating cards of ended interviews every
	// RatingCardsInterval (default DefaultRatingCardsInterval) on the
	// leader, and works their reminders (issue #7).
	RatingCards         RatingCardWork
	RatingCardsInterval time.Duration
	// LeverPush carries out pushes of recommended candidates to Lever
	// (lever_push jobs); a process without it leaves them to others.
	LeverPush LeverPusher

	// retryPolicy replaces River's exponential back-off; tests only.
	retryPolicy river.ClientRetryPolicy
}

func (c Config) validate() error {
	switch c.Engine {
	case EngineSQLite, EnginePostgres:
	default:
		return fmt.Errorf("queue: engine %q is not supported; use %q or %q", c.Engine, EngineSQLite, EnginePostgres)
	}
	if c.DB == nil {
		return errors.New("queue: no database (Config.DB is nil)")
	}
	if c.Workers >= 0 && c.Mailer == nil {
		return errors.New("queue: a queue that works jobs needs a Mailer (Config.Mailer is nil)")
	}
	if c.PollInterval < 0 {
		return fmt.Errorf("queue: poll interval %s must not be negative", c.PollInterval)
	}
	return nil
}

// Queue inserts durable jobs and, unless insert-only, works them.
type Queue struct {
	client     *river.Client[*sql.Tx]
	db         *sql.DB
	logger     *slog.Logger
	insertOnly bool
	kinds      []string
}

// driver returns the River driver for engine on db.
func driver(engine string, db *sql.DB) (riverdriver.Driver[*sql.Tx], error) {
	switch engine {
	case EngineSQLite:
		return riversqlite.New(db), nil
	case EnginePostgres:
		// database/sql has no LISTEN, so River polls on PostgreSQL; that is
		// also what lets any number of processes share the database.
		return riverdatabasesql.New(db), nil
	}
	return nil, fmt.Errorf("queue: engine %q is not supported; use %q or %q", engine, EngineSQLite, EnginePostgres)
}

// New builds a Queue on cfg.DB. River's tables must exist (see Migrate).
func New(cfg Config) (*Queue, error) {
	if err := cfg.validate(); err != nil {
		return nil, err
	}
	logger := cfg.Logger
	if logger == nil {
		logger = slog.New(slog.DiscardHandler)
	}
	drv, err := driver(cfg.Engine, cfg.DB)
	if err != nil {
		return nil, err
	}

	workers := river.NewWorkers()
	river.AddWorker(workers, &sendEmailWorker{mailer: cfg.Mailer, logger: logger, log: cfg.EmailLog})
	river.AddWorker(workers, &leverHealthWorker{checker: cfg.LeverHealth, logger: logger})
	pause := cfg.LeverPauseRetry
	if pause <= 0 {
		pause = DefaultLeverPauseRetry
	}
	river.AddWorker(workers, &leverStageSyncWorker{syncer: cfg.LeverStageSync, pause: pause, logger: logger})
	river.AddWorker(workers, &leverImportWorker{importer: cfg.LeverImporter, logger: logger})
	river.AddWorker(workers, &leverWebhookWorker{updates: cfg.LeverUpdates, pause: pause, logger: logger})
	river.AddWorker(workers, &leverPollWorker{updates: cfg.LeverUpdates, logger: logger})
	river.AddWorker(workers, &llmAssistWorker{runner: cfg.Assist, logger: logger})
	river.AddWorker(workers, &scoreCandidateWorker{scorer: cfg.Scorer, logger: logger})
	river.AddWorker(workers, &scoreJobWorker{scorer: cfg.Scorer, logger: logger})
	river.AddWorker(workers, &interviewNoticeWorker{notifier: cfg.InterviewNotifier, logger: logger})
	river.AddWorker(workers, &scheduleInvitationWorker{notifier: cfg.InterviewNotifier, logger: logger})
	river.AddWorker(workers, &ratingCardsDueWorker{work: cfg.RatingCards, logger: logger})
	river.AddWorker(workers, &ratingCardReminderWorker{work: cfg.RatingCards, logger: logger})
	river.AddWorker(workers, &leverPushWorker{pusher: cfg.LeverPush, pause: pause, logger: logger})

	if cfg.PollInterval == 0 {
		cfg.PollInterval = DefaultPollInterval
	}
	rc := &river.Config{
		Logger:            logger.With(slog.String("component", "queue")),
		Workers:           workers,
		MaxAttempts:       maxAttemptsDefault,
		FetchPollInterval: cfg.PollInterval,
		RetryPolicy:       cfg.retryPolicy,
	}
	if cfg.PollInterval > 0 && cfg.PollInterval < river.FetchCooldownDefault {
		// River insists that the cooldown between fetches is no longer
		// than the poll interval.
		rc.FetchCooldown = cfg.PollInterval
	}
	q := &Queue{db: cfg.DB, logger: logger, insertOnly: cfg.Workers < 0, kinds: []string{kindSendEmail, kindLeverHealth, kindLeverStageSync, kindLeverCandidateImport, kindLeverWebhook, kindLeverPoll,
		kindInterviewNotice, kindScheduleInvitation}}
	q.kinds = append(q.kinds, kindLLMAssist)
	q.kinds = append(q.kinds, kindScoreCandidate, kindScoreJob)
	q.kinds = append(q.kinds, kindRatingCardsDue, kindRatingCardReminder)
	q.kinds = append(q.kinds, kindLeverPush)
	if !q.insertOnly {
		n := cfg.Workers
		if n == 0 {
			n = defaultWorkersPostgres
			if cfg.Engine == EngineSQLite {
				n = defaultWorkersSQLite
			}
		}
		rc.Queues = map[string]river.QueueConfig{river.QueueDefault: {MaxWorkers: n}}
		if cfg.LeverHealth != nil {
			interval := cfg.LeverHealthInterval
			if interval <= 0 {
				interval = DefaultLeverHealthInterval
			}
			rc.PeriodicJobs = []*river.PeriodicJob{leverHealthPeriodicJob(interval)}
		}
		if cfg.LeverUpdates != nil {
			interval := cfg.LeverPollInterval
			if interval <= 0 {
				interval = DefaultLeverPollInterval
			}
			rc.PeriodicJobs = append(rc.PeriodicJobs, leverPollPeriodicJob(interval))
		}
		if cfg.RatingCards != nil {
			interval := cfg.RatingCardsInterval
			if interval <= 0 {
				interval = DefaultRatingCardsInterval
			}
			rc.PeriodicJobs = append(rc.PeriodicJobs, ratingCardsDuePeriodicJob(interval))
		}
	}
	client, err := river.NewClient(drv, rc)
	if err != nil {
		return nil, fmt.Errorf("queue: %w", err)
	}
	q.client = client
	return q, nil
}

// Start starts working jobs in the background; it returns at once. An
// insert-only queue cannot start.
//
// Cancelling ctx does not stop the workers: River would take that as a hard
// stop and cancel running jobs at once, so the queue detaches from it and only
// Stop ends the work, gracefully.
func (q *Queue) Start(ctx context.Context) error {
	if q.insertOnly {
		return errors.New("queue: an insert-only queue (Workers < 0) does not work jobs")
	}
	if err := q.client.Start(context.WithoutCancel(ctx)); err != nil {
		return fmt.Errorf("queue: start: %w", err)
	}
	return nil
}

// Stop shuts the workers down gracefully: no new job is fetched, and running
// jobs may finish until ctx ends. Jobs still running then are cancelled and
// go back to the queue, to be retried by this or another process. Stop is a
// no-op for a queue that was never started.
func (q *Queue) Stop(ctx context.Context) error {
	if q.insertOnly {
		return nil
	}
	err := q.client.Stop(ctx)
	if err == nil {
		return nil
	}
	if ctx.Err() == nil {
		return fmt.Errorf("queue: stop: %w", err)
	}
	q.logger.WarnContext(ctx, "queue: jobs still running at shutdown; cancelling them, they will be retried")
	hctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), hardStopTimeout)
	defer cancel()
	if err := q.client.StopAndCancel(hctx); err != nil {
		return fmt.Errorf("queue: stop: jobs did not return after being cancelled: %w", err)
	}
	return nil
}
