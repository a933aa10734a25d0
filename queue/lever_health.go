package queue

import (
	"context"
	"fmt"
	"log/slog"
	"time"

	"github.com/riverqueue/river"
)

const kindLeverHealth = "lever_health_check"

// DefaultLeverHealthInterval is how often the Lever health check runs, so
// that access revoked in Lever is noticed within five minutes even when
// nothing else talks to Lever.
const DefaultLeverHealthInterval = 2 * time.Minute

// leverHealthTimeout bounds one run of the health check.
const leverHealthTimeout = 5 * time.Minute

// LeverHealthChecker makes one cheap call to Lever per connected
// organisation and records what it learns (leversync implements it).
type LeverHealthChecker interface {
	CheckAll(ctx context.Context) error
}

// leverHealthArgs is the periodic job of the Lever health check.
type leverHealthArgs struct{}

// Kind implements river.JobArgs.
func (leverHealthArgs) Kind() string { return kindLeverHealth }

// InsertOpts implements river.JobArgsWithInsertOpts: a failed run is not
// retried, the next period runs anyway.
func (leverHealthArgs) InsertOpts() river.InsertOpts { return river.InsertOpts{MaxAttempts: 1} }

type leverHealthWorker struct {
	river.WorkerDefaults[leverHealthArgs]
	checker LeverHealthChecker
	logger  *slog.Logger
}

// Timeout implements river.Worker.
func (w *leverHealthWorker) Timeout(*river.Job[leverHealthArgs]) time.Duration {
	return leverHealthTimeout
}

// Work implements river.Worker. A process without a checker (Lever not
// wired) completes the job without doing anything.
func (w *leverHealthWorker) Work(ctx context.Context, job *river.Job[leverHealthArgs]) error {
	if w.checker == nil {
		w.logger.DebugContext(ctx, "lever health check skipped: not configured in this process", slog.Int64("job_id", job.ID))
		return nil
	}
	if err := w.checker.CheckAll(ctx); err != nil {
		w.logger.ErrorContext(ctx, "lever health check failed", slog.Int64("job_id", job.ID), slog.String("error", err.Error()))
		return fmt.Errorf("lever health check: %w", err)
	}
	return nil
}

func leverHealthPeriodicJob(interval time.Duration) *river.PeriodicJob {
	return river.NewPeriodicJob(river.PeriodicInterval(interval),
		func() (river.JobArgs, *river.InsertOpts) { return leverHealthArgs{}, nil },
		&river.PeriodicJobOpts{ID: kindLeverHealth, RunOnStart: true})
}
