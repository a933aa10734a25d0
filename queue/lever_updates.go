package queue

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"github.com/riverqueue/river"

	"github.com/skillkeepr/skillkeepr"
)

const (
	kindLeverWebhook = "lever_webhook"
	kindLeverPoll    = "lever_poll"
)

// DefaultLeverPollInterval is how often Lever is asked for changes that
// webhooks may have missed.
const DefaultLeverPollInterval = 5 * time.Minute

const leverUpdatesTimeout = 5 * time.Minute

// LeverUpdates processes Lever webhook deliveries and polls Lever for
// changes (leversync.Updates implements it). ProcessWebhook returns an
// error matching skillkeepr.ErrLeverPaused while Lever is not connected.
type LeverUpdates interface {
	ProcessWebhook(ctx context.Context, t skillkeepr.LeverWebhookTask) error
	PollAll(ctx context.Context) error
}

type leverWebhookArgs struct {
	Task skillkeepr.LeverWebhookTask `json:"task"`
}

// Kind implements river.JobArgs.
func (leverWebhookArgs) Kind() string { return kindLeverWebhook }

// InsertOpts implements river.JobArgsWithInsertOpts.
func (leverWebhookArgs) InsertOpts() river.InsertOpts {
	return river.InsertOpts{MaxAttempts: maxAttemptsDefault}
}

type leverWebhookWorker struct {
	river.WorkerDefaults[leverWebhookArgs]
	updates LeverUpdates
	pause   time.Duration
	logger  *slog.Logger
}

// Timeout implements river.Worker.
func (w *leverWebhookWorker) Timeout(*river.Job[leverWebhookArgs]) time.Duration {
	return leverUpdatesTimeout
}

// Work implements river.Worker; while Lever work is paused the job snoozes.
func (w *leverWebhookWorker) Work(ctx context.Context, job *river.Job[leverWebhookArgs]) error {
	t := job.Args.Task
	attrs := []any{slog.Int64("job_id", job.ID), slog.Int64("org_id", t.OrgID), slog.Int64("delivery_id", t.DeliveryID)}
	if w.updates == nil {
		w.logger.WarnContext(ctx, "lever webhook: not configured in this process; trying later", attrs...)
		return river.JobSnooze(w.pause)
	}
	err := w.updates.ProcessWebhook(ctx, t)
	switch {
	case err == nil:
		return nil
	case errors.Is(err, skillkeepr.ErrLeverPaused):
		w.logger.InfoContext(ctx, "lever webhook paused: Lever is not connected; trying later", attrs...)
		return river.JobSnooze(w.pause)
	default:
		w.logger.WarnContext(ctx, "lever webhook failed; it will be retried", append(attrs, slog.String("error", err.Error()))...)
		return fmt.Errorf("lever webhook: %w", err)
	}
}

type leverPollArgs struct{}

// Kind implements river.JobArgs.
func (leverPollArgs) Kind() string { return kindLeverPoll }

// InsertOpts implements river.JobArgsWithInsertOpts: the next period runs
// anyway.
func (leverPollArgs) InsertOpts() river.InsertOpts { return river.InsertOpts{MaxAttempts: 1} }

type leverPollWorker struct {
	river.WorkerDefaults[leverPollArgs]
	updates LeverUpdates
	logger  *slog.Logger
}

// Timeout implements river.Worker.
func (w *leverPollWorker) Timeout(*river.Job[leverPollArgs]) time.Duration {
	return leverUpdatesTimeout
}

// Work implements river.Worker.
func (w *leverPollWorker) Work(ctx context.Context, job *river.Job[leverPollArgs]) error {
	if w.updates == nil {
		return nil
	}
	if err := w.updates.PollAll(ctx); err != nil {
		w.logger.ErrorContext(ctx, "lever poll failed", slog.Int64("job_id", job.ID), slog.String("error", err.Error()))
		return fmt.Errorf("lever poll: %w", err)
	}
	return nil
}

func leverPollPeriodicJob(interval time.Duration) *river.PeriodicJob {
	return river.NewPeriodicJob(river.PeriodicInterval(interval),
		func() (river.JobArgs, *river.InsertOpts) { return leverPollArgs{}, nil },
		&river.PeriodicJobOpts{ID: kindLeverPoll})
}
