package skillkeepr

import (
	"context"
	"fmt"
	"math"
	"strings"
	"time"
)

// Push sends a recommended candidate to Lever: the chosen stage, the tag
// "<prefix>: candidate recommended", a note with the recommendation
// comment, the rating summary and the interview recording link, and a
// feedback form on the "SkillKeepr Rating Card" template with the ratings.
// Every write is made exactly once (see docs/lever.md, "Push").

// LeverPushState is where a push stands.
type LeverPushState string

// Push states. Paused means Lever access was revoked or Lever is not
// connected: the push waits and goes on after a Super Admin connects again.
const (
	PushQueued LeverPushState = "queued"
	PushPushed LeverPushState = "pushed"
	PushFailed LeverPushState = "failed"
	PushPaused LeverPushState = "paused"
)

// Label is the state in plain words.
func (s LeverPushState) Label() string {
	switch s {
	case PushQueued:
		return "Queued"
	case PushPushed:
		return "Pushed"
	case PushFailed:
		return "Failed"
	case PushPaused:
		return "Paused"
	}
	return string(s)
}

// The recorded state of a write step that creates something in Lever
// (the note, the feedback form).
const (
	PushStepSending = "sending" // sent, outcome not known yet: look in Lever before sending again
	PushStepDone    = "done"
	PushStepSkipped = "skipped" // nothing to write (no rating cards: no feedback form)
)

// LeverPushSteps records which writes of a push Lever has acknowledged.
type LeverPushSteps struct {
	Stage      bool   `json:"stage"`
	Tag        bool   `json:"tag"`
	Note       string `json:"note"` // "", sending, done
	NoteID     string `json:"note_id,omitempty"`
	Feedback   string `json:"feedback"` // "", sending, done, skipped
	FeedbackID string `json:"feedback_id,omitempty"`
}

// LeverPush is the push of one application to Lever.
type LeverPush struct {
	ID              int64          `json:"id"`
	ApplicationID   int64          `json:"application_id"`
	CandidateID     int64          `json:"candidate_id"`
	JobID           int64          `json:"job_id"`
	OpportunityID   string         `json:"opportunity_id"`
	StageID         string         `json:"stage_id"`
	StageName       string         `json:"stage_name"`
	State           LeverPushState `json:"state"`
	Message         string         `json:"message"` // why it failed or waits, in plain words
	RequestedByID   int64          `json:"requested_by_id,omitempty"`
	RequestedByName string         `json:"requested_by_name"`
	PerformedAs     string         `json:"performed_as"` // the Lever user the writes were made as
	Steps           LeverPushSteps `json:"steps"`
	CreatedAt       time.Time      `json:"created_at"`
	UpdatedAt       time.Time      `json:"updated_at"`
	PushedAt        *time.Time     `json:"pushed_at"`
}

// Summary says where the push stands in plain words, e.g. "Pushed on 4 Dec
// 2026 15:04 by Lena Park to On-site Interview".
func (p *LeverPush) Summary() string {
	if p == nil {
		return ""
	}
	switch p.State {
	case PushPushed:
		s := "Pushed"
		if p.PushedAt != nil {
			s += " on " + p.PushedAt.UTC().Format("2 Jan 2006 15:04") + " UTC"
		}
		if p.RequestedByName != "" {
			s += " by " + p.RequestedByName
		}
		return s + " to " + p.StageName
	case PushQueued:
		return "Queued: moving to " + p.StageName
	case PushPaused:
		return "Paused: " + p.Message
	case PushFailed:
		return "Failed: " + p.Message
	}
	return string(p.State)
}

// PushContent is what a push writes besides the stage and the tag. It is
// taken when Done is clicked and kept with the push, so that a retry sends
// the same thing.
type PushContent struct {
	Comment       string         `json:"comment"`                  // the recommendation comment
	RecommendedBy string         `json:"recommended_by"`           // who recommended the candidate
	Rating        *RatingSummary `json:"rating,omitempty"`         // nil: no submitted rating cards
	RecordingURL  string         `json:"recording_url,omitempty"`  // "" until interviews are recorded
	CandidateName string         `json:"candidate_name,omitempty"` // for the note's first line
	JobTitle      string         `json:"job_title,omitempty"`
}

// RatingSummarySource gives the rating summary of an application's
// submitted rating cards; an error with code ENOTFOUND means there are no
// submitted cards (the push then leaves the rating out). It is called with
// the context of the person who clicked Done.
type RatingSummarySource interface {
	FindRatingSummary(ctx context.Context, applicationID int64) (*RatingSummary, error)
}

// LeverPushTask is the queued work of a push.
type LeverPushTask struct {
	OrgID         int64 `json:"org_id"`
	PushID        int64 `json:"push_id"`
	ApplicationID int64 `json:"application_id"`
}

// TaskKind implements Task.
func (LeverPushTask) TaskKind() string { return "lever_push" }

// LeverPushRequest is a push to start (Done in the Change Job Stage
// dialog), as the service passes it to the store.
type LeverPushRequest struct {
	ApplicationID int64
	StageID       string
	StageName     string
	Rating        *RatingSummary
	RecordingURL  string
}

// LeverPushWork is what the push worker reads when it runs.
type LeverPushWork struct {
	Push       LeverPush
	OrgID      int64
	Ref        string // the marker written into the note and the feedback form
	Content    PushContent
	Status     ApplicationStatus // the application's status now
	TagPrefix  string
	Settings   LeverWriteSettings
	ActorEmail string // the email of the person who clicked Done
}

// LeverPushOutcome is how a run of a push ended.
type LeverPushOutcome struct {
	State    LeverPushState
	Message  string // why it failed or waits, in plain words
	Timeline string // the line on the candidate's timeline ("" for none)
	// Steps, when set, are saved with the outcome, with the Lever user
	// the writes were made as.
	Steps       *LeverPushSteps
	PerformedAs string
}

// LeverPushDialog is the Change Job Stage dialog of an application.
type LeverPushDialog struct {
	ApplicationID  int64        `json:"application_id"`
	CandidateID    int64        `json:"candidate_id"`
	CandidateName  string       `json:"candidate_name"`
	JobID          int64        `json:"job_id"`
	JobTitle       string       `json:"job_title"`
	Stages         []LeverStage `json:"stages"`           // the account's pipeline, in order
	DefaultStageID string       `json:"default_stage_id"` // the job's mapping for "candidate recommended", if any
	Push           *LeverPush   `json:"push,omitempty"`   // the push so far, absent when never pushed
}

// LeverPushes pushes recommended candidates to Lever (ActManageCandidates
// on the job; the web UI and the API use it).
type LeverPushes interface {
	// LeverPushDialog loads the Change Job Stage dialog (one call to Lever
	// for the stages). A candidate who cannot be pushed is EINVALID with
	// the reason in plain words.
	LeverPushDialog(ctx context.Context, applicationID int64) (*LeverPushDialog, error)
	// PushToLever starts the push to stageID (Done), or retries a failed
	// one. A push already queued is returned as it is; an application
	// already pushed is ECONFLICT.
	PushToLever(ctx context.Context, applicationID int64, stageID string) (*LeverPush, error)
	// LeverPush returns the application's push (ENOTFOUND when none).
	LeverPush(ctx context.Context, applicationID int64) (*LeverPush, error)
	// LeverPushes returns the pushes of a job's applications by
	// application id.
	LeverPushes(ctx context.Context, jobID int64) (map[int64]*LeverPush, error)
}

// FeedbackTemplateName is the name of the Lever feedback template the push
// fills in; one is found by this name, or created, per Lever account.
const FeedbackTemplateName = "SkillKeepr Rating Card"

// RatingOption is the text of Lever's overall-rating option for level 1–4.
func RatingOption(level int) string {
	switch level {
	case 4:
		return "4 - Strong Hire"
	case 3:
		return "3 - Hire"
	case 2:
		return "2 - No Hire"
	case 1:
		return "1 - Strong No Hire"
	}
	return ""
}

// OverallLevelOf rounds a mean overall rating half up into 1–4.
func OverallLevelOf(overall float64) int {
	l := int(math.Floor(overall + 0.5))
	return min(max(l, 1), 4)
}

// PushNoteRefPrefix starts the last line of a pushed note; the push's ref
// follows. Lever keeps notes as plain text, so the marker is a short line
// that people can ignore and SkillKeepr can find.
const PushNoteRefPrefix = "SkillKeepr ref: "

// PushNoteText is the text of the note a push writes.
func PushNoteText(c PushContent, ref string) string {
	var b strings.Builder
	b.WriteString("Recommended for hire in SkillKeepr")
	if c.RecommendedBy != "" {
		b.WriteString(" by " + c.RecommendedBy)
	}
	b.WriteString(".\n")
	if c.Comment != "" {
		b.WriteString("\nRecommendation: " + c.Comment + "\n")
	}
	if r := c.Rating; r != nil && r.Cards > 0 {
		fmt.Fprintf(&b, "\nRating (%d %s): overall %.1f of 4 (%s)\n", r.Cards, plural(r.Cards, "card", "cards"), r.Overall, RatingOption(r.OverallLevel))
		for _, ca := range r.Competencies {
			fmt.Fprintf(&b, "- %s: %.1f of 4\n", ca.Name, ca.Average)
		}
	} else {
		b.WriteString("\nNo rating cards were submitted.\n")
	}
	if c.RecordingURL != "" {
		b.WriteString("\nInterview recording: " + c.RecordingURL + "\n")
	}
	b.WriteString("\n" + PushNoteRefPrefix + ref)
	return b.String()
}

// CompetencyLines is the competency scores as text, one per line, for the
// feedback form.
func CompetencyLines(r *RatingSummary) string {
	if r == nil {
		return ""
	}
	lines := make([]string, 0, len(r.Competencies))
	for _, ca := range r.Competencies {
		lines = append(lines, fmt.Sprintf("%s: %.1f of 4 (%d %s)", ca.Name, ca.Average, ca.Count, plural(ca.Count, "card", "cards")))
	}
	return strings.Join(lines, "\n")
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
