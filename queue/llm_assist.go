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

const kindLLMAssist = "llm_assist"

// llmAssistAttempts: a busy or failing model is tried three times (River's
// back-off: about 1 s, then 16 s), then the suggestion shows as failed
// and a person may ask again.
const llmAssistAttempts = 3

// llmAssistTimeout bounds one attempt; the client's own timeout is shorter.
const llmAssistTimeout = 3 * time.Minute

// AssistRunner makes one language-model suggestion (llm.Assistant
// implements it). lastAttempt is true on the last try: a failure then is
// stored for people to see instead of being retried.
type AssistRunner interface {
	RunAssist(ctx context.Context, orgID, suggestionID int64, lastAttempt bool) error
}

// llmAssistArgs is the River job of skillkeepr.AssistTask.
type llmAssistArgs struct {
	OrgID        int64 `json:"org_id"`
	SuggestionID int64 `json:"suggestion_id"`
}

// Kind implements river.JobArgs.
func (llmAssistArgs) Kind() string { return kindLLMAssist }

// InsertOpts implements river.JobArgsWithInsertOpts.
func (llmAssistArgs) InsertOpts() river.InsertOpts {
	return river.InsertOpts{MaxAttempts: llmAssistAttempts}
}

type llmAssistWorker struct {
	river.WorkerDefaults[llmAssistArgs]
	runner AssistRunner
	logger *slog.Logger
}

// Timeout implements river.Worker.
func (w *llmAssistWorker) Timeout(*river.Job[llmAssistArgs]) time.Duration { return llmAssistTimeout }

// Work implements river.Worker. A process without a runner (no model
// configured here) fails the attempt, so that a process with one retries.
func (w *llmAssistWorker) Work(ctx context.Context, job *river.Job[llmAssistArgs]) error {
	if w.runner == nil {
		return errors.New("llm assist: no language model configured in this process")
	}
	last := job.Attempt >= job.MaxAttempts
	if err := w.runner.RunAssist(ctx, job.Args.OrgID, job.Args.SuggestionID, last); err != nil {
		w.logger.WarnContext(ctx, "language model suggestion not made yet", slog.Int64("suggestion_id", job.Args.SuggestionID),
			slog.Int("attempt", job.Attempt), slog.String("error", err.Error()))
		return fmt.Errorf("llm assist: %w", err)
	}
	return nil
}

func llmAssistJobArgs(t skillkeepr.AssistTask) (river.JobArgs, error) {
	if t.OrgID == 0 || t.SuggestionID == 0 {
		return nil, errors.New("queue: llm assist without organisation or suggestion")
	}
	return llmAssistArgs{OrgID: t.OrgID, SuggestionID: t.SuggestionID}, nil
}
