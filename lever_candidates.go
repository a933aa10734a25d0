package skillkeepr

import (
	"context"
	"time"
)

// LeverImportState is where an import of a job's candidates from Lever
// stands. The strings are stable: the import status panel carries them in
// data-import-state, with "_" written as "-".
type LeverImportState string

const (
	ImportRunning              LeverImportState = "running"
	ImportCompleted            LeverImportState = "completed"
	ImportCompletedWithFailure LeverImportState = "completed_with_failures"
	ImportFailed               LeverImportState = "failed"
	ImportPaused               LeverImportState = "paused" // Lever access was revoked; resumes after reconnect + Retry
)

// Label is the state in plain words.
func (s LeverImportState) Label() string {
	switch s {
	case ImportRunning:
		return "Running"
	case ImportCompleted:
		return "Completed"
	case ImportCompletedWithFailure:
		return "Completed with failures"
	case ImportFailed:
		return "Failed"
	case ImportPaused:
		return "Paused"
	}
	return string(s)
}

// Hook is the state as written in data-import-state.
func (s LeverImportState) Hook() string {
	if s == ImportCompletedWithFailure {
		return "completed-with-failures"
	}
	return string(s)
}

// Finished reports whether the run has stopped for good or until Retry.
func (s LeverImportState) Finished() bool { return s != ImportRunning }

// ImportOutcome is what happened to one Lever candidate in an import run.
type ImportOutcome string

const (
	OutcomeImported ImportOutcome = "imported"
	OutcomeUpdated  ImportOutcome = "updated"
	OutcomeSkipped  ImportOutcome = "skipped"
	OutcomeFailed   ImportOutcome = "failed"
)

// Label is the outcome in plain words.
func (o ImportOutcome) Label() string {
	switch o {
	case OutcomeImported:
		return "Imported"
	case OutcomeUpdated:
		return "Updated"
	case OutcomeSkipped:
		return "Skipped"
	case OutcomeFailed:
		return "Failed"
	}
	return string(o)
}

// Reasons of an import log entry; "" for a plain import or update.
const (
	ReasonMissingEmail     = "missing_email"     // failed: the person is kept out
	ReasonMissingResume    = "missing_resume"    // imported with a warning
	ReasonUnreadableResume = "unreadable_resume" // imported with a warning
	ReasonNoResumeText     = "no_resume_text"    // imported with a warning: file kept, no text found (scanned?)
	ReasonDuplicateEmail   = "duplicate_email"   // skipped: same email already in this job
	ReasonLeverError       = "lever_error"       // failed: Lever or the network failed after retries
	ReasonAccessRevoked    = "access_revoked"    // failed: Lever access was revoked
)

// LeverImportRun is one import of a job's candidates from its Lever
// posting. Counts are of the entries of its log.
type LeverImportRun struct {
	ID            int64            `json:"id"`
	OrgID         int64            `json:"-"`
	JobID         int64            `json:"job_id"`
	JobNumber     int64            `json:"job_number"`
	JobTitle      string           `json:"job_title"`
	PostingID     string           `json:"posting_id"`
	State         LeverImportState `json:"state"`
	Message       string           `json:"message"` // plain words, e.g. why it paused
	Since         *time.Time       `json:"since"`   // only candidates changed in Lever since then; nil: all
	Found         int              `json:"found"`
	Imported      int              `json:"imported"`
	Updated       int              `json:"updated"`
	Skipped       int              `json:"skipped"`
	Failed        int              `json:"failed"`
	StartedByID   int64            `json:"started_by_id"`
	StartedByName string           `json:"started_by_name"`
	StartedAt     time.Time        `json:"started_at"`
	FinishedAt    *time.Time       `json:"finished_at"`

	Entries []*LeverImportEntry `json:"entries,omitempty"`
}

// Done is the number of candidates dealt with so far.
func (r *LeverImportRun) Done() int { return r.Imported + r.Updated + r.Skipped + r.Failed }

// Percent is the progress, 0–100.
func (r *LeverImportRun) Percent() int {
	if r.State.Finished() && r.State != ImportPaused {
		return 100
	}
	if r.Found == 0 {
		return 0
	}
	p := r.Done() * 100 / r.Found
	return min(p, 100)
}

// LeverImportEntry is one line of an import run's log.
type LeverImportEntry struct {
	ID            int64         `json:"id"`
	RunID         int64         `json:"run_id"`
	OpportunityID string        `json:"opportunity_id"`
	CandidateName string        `json:"candidate_name"`
	Outcome       ImportOutcome `json:"outcome"`
	Reason        string        `json:"reason"`
	Message       string        `json:"message"`
	ApplicationID int64         `json:"application_id,omitempty"`
	CandidateID   int64         `json:"candidate_id,omitempty"`
	CreatedAt     time.Time     `json:"created_at"`
}

// LeverCandidateImportTask runs (or continues) an import run in the
// background.
type LeverCandidateImportTask struct {
	OrgID int64 `json:"org_id"`
	RunID int64 `json:"run_id"`
}

// TaskKind implements Task.
func (LeverCandidateImportTask) TaskKind() string { return "lever_candidate_import" }

// LeverCandidateImports imports the candidates of jobs linked to Lever
// postings (ActManageCandidates on the job).
type LeverCandidateImports interface {
	// StartLeverImport starts an import run of the job's posting; a run
	// already running is returned as is.
	StartLeverImport(ctx context.Context, jobID int64) (*LeverImportRun, error)
	// LeverImportRuns lists the job's runs, newest first (ActViewJob).
	LeverImportRuns(ctx context.Context, jobID int64) ([]*LeverImportRun, error)
	// LeverImportRun returns a run with its log (ActViewJob).
	LeverImportRun(ctx context.Context, runID int64) (*LeverImportRun, error)
	// RetryLeverImport runs a run again for its failed entries (entryID 0)
	// or one failed entry, and resumes a paused or failed run.
	RetryLeverImport(ctx context.Context, runID, entryID int64) (*LeverImportRun, error)
}

// LeverCandidateRecord is one Lever candidate (an opportunity of the job's
// posting) as the import saves it.
type LeverCandidateRecord struct {
	OpportunityID string
	CandidateFields
	StageName string
	Tags      []string
	Sources   []string
	OwnerName string
	CreatedAt time.Time // in Lever; zero when unknown
	UpdatedAt time.Time
	ResumeID  string        // Lever's id of the newest résumé; "" when none
	Resume    *ResumeUpload // nil when there is none, or it was already stored
	// Text is the text the import read from Resume (ResumeID is set when
	// stored); nil when it was not read.
	Text *ResumeText
	// Reason and Message, when set, are a warning logged with the outcome
	// (missing or unreadable résumé, no text found).
	Reason  string
	Message string
}

// LeverApplication is what is kept of the Lever opportunity an application
// was imported from.
type LeverApplication struct {
	ApplicationID int64
	JobID         int64
	OpportunityID string
	ResumeID      string
	StageName     string
	Tags          []string
	Sources       []string
	OwnerName     string
}
