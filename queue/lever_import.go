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

const kindLeverCandidateImport = "lever_candidate_import"

// leverImportAttempts is how often an import run's job is tried: a run
// continues after the candidates it already logged, so a retry after a crash
// or Lever being down costs one listing of the posting.
const leverImportAttempts = 5

// leverImportTimeout bounds one attempt of a run (5,000 candidates at
// Lever's 10 calls a second take about 17 minutes).
const leverImportTimeout = 2 * time.Hour

// LeverCandidateImporter works an import run of a job's candidates from
// Lever (leversync implements it). lastAttempt is true on the last try: a
// failure then ends the run as failed instead of being retried.
type LeverCandidateImporter interface {
	RunLeverImport(ctx context.Context, orgID, runID int64, lastAttempt bool) error
}

// leverImportArgs is the River job of skillkeepr.LeverCandidateImportTask.
type leverImportArgs struct {
	OrgID int64 `json:"org_id"`
	RunID int64 `json:"run_id"`
}

// Kind implements river.JobArgs.
func (leverImportArgs) Kind() string { return kindLeverCandidateImport }

// InsertOpts implements river.JobArgsWithInsertOpts.
func (leverImportArgs) InsertOpts() river.InsertOpts {
	return river.InsertOpts{MaxAttempts: leverImportAttempts}
}

type leverImportWorker struct {
	river.WorkerDefaults[leverImportArgs]
	importer LeverCandidateImporter
	logger   *slog.Logger
}

// Timeout implements river.Worker.
func (w *leverImportWorker) Timeout(*river.Job[leverImportArgs]) time.Duration {
	return leverImportTimeout
}

// Work implements river.Worker.
func (w *leverImportWorker) Work(ctx context.Context, job *river.Job[leverImportArgs]) error {
	if w.importer == nil {
		return errors.New("lever candidate import: not configured in this process")
	}
	last := job.Attempt >= job.MaxAttempts
	if err := w.importer.RunLeverImport(ctx, job.Args.OrgID, job.Args.RunID, last); err != nil {
		w.logger.WarnContext(ctx, "lever candidate import failed; it will be retried", slog.Int64("run_id", job.Args.RunID),
			slog.Int("attempt", job.Attempt), slog.String("error", err.Error()))
		return fmt.Errorf("lever candidate import: %w", err)
	}
	return nil
}

func leverImportJobArgs(t skillkeepr.LeverCandidateImportTask) (river.JobArgs, error) {
	if t.OrgID == 0 || t.RunID == 0 {
		return nil, errors.New("queue: lever candidate import without organisation or run")
	}
	return leverImportArgs{OrgID: t.OrgID, RunID: t.RunID}, nil
}
