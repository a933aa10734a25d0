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

const kindLeverStageSync = "lever_stage_sync"

// DefaultLeverPauseRetry is how long a Lever write waits before it looks
// again while Lever work is paused (access revoked, not connected).
const DefaultLeverPauseRetry = time.Minute

// leverStageSyncTimeout bounds one run: a few Lever calls, each waiting
// its turn under the rate limit and retried on failure.
const leverStageSyncTimeout = 5 * time.Minute

// LeverStageSyncer writes an application's status to Lever
// (leversync.StageSync implements it). It returns an error matching
// skillkeepr.ErrLeverPaused while Lever work is paused, a domain error with
// code EINVALID when retrying cannot help, and any other error for a
// temporary failure. It records the outcome on the candidate's timeline
// itself; final says that this is the last attempt, so a temporary failure
// is recorded as a failure.
type LeverStageSyncer interface {
	SyncStage(ctx context.Context, t skillkeepr.LeverStageSyncTask, final bool) error
}

// leverStageSyncArgs is the River job of skillkeepr.LeverStageSyncTask.
type leverStageSyncArgs struct {
	Task skillkeepr.LeverStageSyncTask `json:"task"`
}

// Kind implements river.JobArgs.
func (leverStageSyncArgs) Kind() string { return kindLeverStageSync }

// InsertOpts implements river.JobArgsWithInsertOpts.
func (leverStageSyncArgs) InsertOpts() river.InsertOpts {
	return river.InsertOpts{MaxAttempts: maxAttemptsDefault}
}

type leverStageSyncWorker struct {
	river.WorkerDefaults[leverStageSyncArgs]
	syncer LeverStageSyncer
	pause  time.Duration
	logger *slog.Logger
}

// Timeout implements river.Worker.
func (w *leverStageSyncWorker) Timeout(*river.Job[leverStageSyncArgs]) time.Duration {
	return leverStageSyncTimeout
}

// Work implements river.Worker. While Lever work is paused the job snoozes
// (River does not count a snooze as an attempt), so nothing queued is lost
// and it runs soon after a Super Admin connects again.
func (w *leverStageSyncWorker) Work(ctx context.Context, job *river.Job[leverStageSyncArgs]) error {
	t := job.Args.Task
	attrs := []any{slog.Int64("job_id", job.ID), slog.Int("attempt", job.Attempt), slog.Int64("org_id", t.OrgID),
		slog.Int64("application_id", t.ApplicationID), slog.String("opportunity_id", t.OpportunityID)}
	if w.syncer == nil {
		w.logger.WarnContext(ctx, "lever stage sync: not configured in this process; trying later", attrs...)
		return river.JobSnooze(w.pause)
	}
	err := w.syncer.SyncStage(ctx, t, job.Attempt >= job.MaxAttempts)
	switch {
	case err == nil:
		w.logger.InfoContext(ctx, "lever stage sync done", attrs...)
		return nil
	case ctx.Err() != nil:
		return fmt.Errorf("lever stage sync: %w (%w)", ctx.Err(), err)
	case errors.Is(err, skillkeepr.ErrLeverPaused):
		w.logger.InfoContext(ctx, "lever stage sync paused: Lever is not connected; trying later", attrs...)
		return river.JobSnooze(w.pause)
	case skillkeepr.ErrorCodeOf(err) == skillkeepr.EINVALID:
		w.logger.WarnContext(ctx, "lever stage sync failed for good", append(attrs, slog.String("error", err.Error()))...)
		return river.JobCancel(fmt.Errorf("lever stage sync: %w", err))
	default:
		w.logger.WarnContext(ctx, "lever stage sync failed; it will be retried", append(attrs, slog.String("error", err.Error()))...)
		return fmt.Errorf("lever stage sync: %w", err)
	}
}
