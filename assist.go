package skillkeepr

import (
	"context"
	"io"
	"time"
)

// AssistStatus is where a language-model suggestion is.
type AssistStatus string

const (
	AssistPending AssistStatus = "pending" // queued or running
	AssistReady   AssistStatus = "ready"   // checked and stored
	AssistFailed  AssistStatus = "failed"  // Error says why, in plain words
)

// AssistSuggestion is what an optional language model suggested about one
// application. It is a suggestion for a person to check against the cited
// résumé lines: nothing reads it to score, rank or move a candidate.
type AssistSuggestion struct {
	ID            int64          `json:"id"`
	OrgID         int64          `json:"-"`
	ApplicationID int64          `json:"application_id"`
	Model         string         `json:"model"`
	Status        AssistStatus   `json:"status"`
	Payload       *AssistPayload `json:"payload,omitempty"` // when ready
	Error         string         `json:"error,omitempty"`   // when failed
	CreatedAt     time.Time      `json:"created_at"`
	UpdatedAt     time.Time      `json:"updated_at"`
}

// AssistStaleAfter is how long a suggestion may stay pending before it
// counts as given up (its background job ended without an answer) and a
// new one may be asked for.
const AssistStaleAfter = 15 * time.Minute

// Stale reports whether a pending suggestion has waited too long at now.
func (g *AssistSuggestion) Stale(now time.Time) bool {
	return g.Status == AssistPending && now.Sub(g.CreatedAt) > AssistStaleAfter
}

// AssistPayload is a checked suggestion: every skill keeps only evidence
// whose cited line holds the quoted words, and every summary sentence
// cites lines that were sent.
type AssistPayload struct {
	Skills  []AssistSkill    `json:"skills"`
	Summary []AssistSentence `json:"summary"`
	// Dropped counts the suggestions removed because their cited lines
	// did not hold what they claimed.
	Dropped int `json:"dropped"`
}

// AssistSkill is a suggested skill with the résumé lines that support it.
type AssistSkill struct {
	Name     string       `json:"name"`
	Source   string       `json:"source"` // skills_section, experience, education, projects or other
	Evidence []AssistLine `json:"evidence"`
}

// AssistSentence is one sentence of the suggested summary and the lines it
// rests on.
type AssistSentence struct {
	Text  string       `json:"text"`
	Lines []AssistLine `json:"lines"`
}

// AssistLine is a résumé line number with its text as it was sent, and
// the words the model quoted from it (skills only).
type AssistLine struct {
	N     int    `json:"n"`
	Text  string `json:"text"`
	Quote string `json:"quote,omitempty"`
}

// AssistTask asks the background workers to produce a suggestion.
type AssistTask struct {
	OrgID        int64
	SuggestionID int64
}

// TaskKind implements Task.
func (AssistTask) TaskKind() string { return "llm_assist" }

// AssistService is the people-facing side of the assist.
type AssistService interface {
	// AssistEnabled reports whether a language model is configured.
	AssistEnabled() bool
	// RequestAssist queues a suggestion for the application
	// (ActManageCandidates on its job); while one is pending it is
	// returned instead. EUNAVAILABLE when no model is configured.
	RequestAssist(ctx context.Context, applicationID int64) (*AssistSuggestion, error)
	// LatestAssist returns the newest suggestion of an application the
	// actor may see; not found when there is none.
	LatestAssist(ctx context.Context, applicationID int64) (*AssistSuggestion, error)
}

// AssistInput is what the background worker needs to ask the model.
type AssistInput struct {
	Suggestion  *AssistSuggestion
	Application *Application
	Job         *Job
	// Resume is the candidate's newest résumé file, nil when none.
	Resume *ResumeFile
}

// AssistWork is the system side used by the background worker; it acts
// for the organisation, not for a signed-in person.
type AssistWork interface {
	AssistInput(ctx context.Context, orgID, suggestionID int64) (*AssistInput, error)
	// OpenResumeFile opens the bytes of a résumé of the organisation.
	OpenResumeFile(ctx context.Context, orgID int64, r *ResumeFile) (io.ReadCloser, error)
	// FinishAssist stores the outcome: payload when ready, a plain-words
	// failure otherwise. A suggestion that is no longer pending is left.
	FinishAssist(ctx context.Context, orgID, suggestionID int64, model string, payload *AssistPayload, failure string) error
}
