package queue

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"github.com/riverqueue/river"
)

const (
	kindScoreCandidate = "score_candidate"
	kindScoreJob       = "score_job"
)

// scoreTimeout bounds one attempt: reading a résumé takes at most 10 s,
// and a job of thousands of candidates scores in seconds.
const scoreTimeout = 15 * time.Minute

// Scorer reads résumé text and scores applications (package shortlist
// implements it).
type Scorer interface {
	ScoreCandidate(ctx context.Context, orgID, candidateID int64) error
	ScoreJob(ctx context.Context, orgID, jobID int64) error
}

// scoreCandidateArgs is the River job of skillkeepr.ScoreCandidateTask.
type scoreCandidateArgs struct {
	OrgID       int64 `json:"org_id"`
	CandidateID int64 `json:"candidate_id"`
}

// Kind implements river.JobArgs.
func (scoreCandidateArgs) Kind() string { return kindScoreCandidate }

// scoreJobArgs is the River job of skillkeepr.ScoreJobTask.
type scoreJobArgs struct {
	OrgID int64 `json:"org_id"`
	JobID int64 `json:"job_id"`
}

// Kind implements river.JobArgs.
func (scoreJobArgs) Kind() string { return kindScoreJob }

type scoreCandidateWorker struct {
	river.WorkerDefaults[scoreCandidateArgs]
	scorer Scorer
	logger *slog.Logger
}

// Timeout implements river.Worker.
func (w *scoreCandidateWorker) Timeout(*river.Job[scoreCandidateArgs]) time.Duration {
	return scoreTimeout
}

// Work implements river.Worker.
func (w *scoreCandidateWorker) Work(ctx context.Context, job *river.Job[scoreCandidateArgs]) error {
	if w.scorer == nil {
		return errors.New("score candidate: not configured in this process")
	}
	if err := w.scorer.ScoreCandidate(ctx, job.Args.OrgID, job.Args.CandidateID); err != nil {
		w.logger.WarnContext(ctx, "scoring a candidate failed; it will be retried", slog.Int64("candidate_id", job.Args.CandidateID),
			slog.Int("attempt", job.Attempt), slog.String("error", err.Error()))
		return fmt.Errorf("score candidate: %w", err)
	}
	return nil
}

type scoreJobWorker struct {
	river.WorkerDefaults[scoreJobArgs]
	scorer Scorer
	logger *slog.Logger
}

// Timeout implements river.Worker.
func (w *scoreJobWorker) Timeout(*river.Job[scoreJobArgs]) time.Duration { return scoreTimeout }

// Work implements river.Worker.
func (w *scoreJobWorker) Work(ctx context.Context, job *river.Job[scoreJobArgs]) error {
	if w.scorer == nil {
		return errors.New("score job: not configured in this process")
	}
	if err := w.scorer.ScoreJob(ctx, job.Args.OrgID, job.Args.JobID); err != nil {
		w.logger.WarnContext(ctx, "scoring a job failed; it will be retried", slog.Int64("job_id", job.Args.JobID),
			slog.Int("attempt", job.Attempt), slog.String("error", err.Error()))
		return fmt.Errorf("score job: %w", err)
	}
	return nil
}
