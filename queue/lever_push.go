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

const kindLeverPush = "lever_push"

// leverPushTimeout bounds one run of a push: a handful of Lever calls,
// each waiting its turn under the rate limit, started over a few times
// after temporary failures.
const leverPushTimeout = 10 * time.Minute

// LeverPusher carries out a push to Lever (leversync.Pushes implements
// it). It returns an error matching skillkeepr.ErrLeverPaused while Lever
// work is paused, a domain error with code EINVALID when retrying cannot
// help, and any other error for a temporary failure; it records the
// outcome on the push itself. final says that this is the last attempt.
type LeverPusher interface {
	RunLeverPush(ctx context.Context, t skillkeepr.LeverPushTask, final bool) error
}

// leverPushArgs is the River job of skillkeepr.LeverPushTask.
type leverPushArgs struct {
	Task skillkeepr.LeverPushTask `json:"task"`
}

// Kind implements river.JobArgs.
func (leverPushArgs) Kind() string { return kindLeverPush }

// InsertOpts implements river.JobArgsWithInsertOpts.
func (leverPushArgs) InsertOpts() river.InsertOpts {
	return river.InsertOpts{MaxAttempts: maxAttemptsDefault}
}

type leverPushWorker struct {
	river.WorkerDefaults[leverPushArgs]
	pusher LeverPusher
	pause  time.Duration
	logger *slog.Logger
}

// Timeout implements river.Worker.
func (w *leverPushWorker) Timeout(*river.Job[leverPushArgs]) time.Duration { return leverPushTimeout }

// Work implements river.Worker. While Lever work is paused the job snoozes
// (not counted as an attempt), so a push waits through a revocation and
// goes on after a Super Admin connects again.
func (w *leverPushWorker) Work(ctx context.Context, job *river.Job[leverPushArgs]) error {
	t := job.Args.Task
	attrs := []any{slog.Int64("job_id", job.ID), slog.Int("attempt", job.Attempt), slog.Int64("org_id", t.OrgID),
		slog.Int64("push_id", t.PushID), slog.Int64("application_id", t.ApplicationID)}
	if w.pusher == nil {
		w.logger.WarnContext(ctx, "lever push: not configured in this process; trying later", attrs...)
		return river.JobSnooze(w.pause)
	}
	err := w.pusher.RunLeverPush(ctx, t, job.Attempt >= job.MaxAttempts)
	switch {
	case err == nil:
		w.logger.InfoContext(ctx, "lever push done", attrs...)
		return nil
	case ctx.Err() != nil:
		return fmt.Errorf("lever push: %w (%w)", ctx.Err(), err)
	case errors.Is(err, skillkeepr.ErrLeverPaused):
		w.logger.InfoContext(ctx, "lever push paused: Lever is not connected; trying later", attrs...)
		return river.JobSnooze(w.pause)
	case skillkeepr.ErrorCodeOf(err) == skillkeepr.EINVALID:
		w.logger.WarnContext(ctx, "lever push failed for good", append(attrs, slog.String("error", err.Error()))...)
		return river.JobCancel(fmt.Errorf("lever push: %w", err))
	default:
		w.logger.WarnContext(ctx, "lever push failed; it will be retried", append(attrs, slog.String("error", err.Error()))...)
		return fmt.Errorf("lever push: %w", err)
	}
}
