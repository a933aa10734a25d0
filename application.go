package skillkeepr

import (
	"context"
	"time"
)

// ApplicationStatus is where a candidate is on one job (design.md, "The
// candidate's path inside SkillKeepr").
type ApplicationStatus string

const (
	StatusNew                ApplicationStatus = "new"
	StatusShortlisted        ApplicationStatus = "shortlisted"
	StatusInterviewScheduled ApplicationStatus = "interview_scheduled"
	StatusInterviewCompleted ApplicationStatus = "interview_completed"
	StatusInterviewNoShow    ApplicationStatus = "interview_noshow"
	StatusInterviewCanceled  ApplicationStatus = "interview_canceled"
	StatusReviewCompleted    ApplicationStatus = "review_completed"
	StatusRecommended        ApplicationStatus = "recommended"
	StatusNotRecommended     ApplicationStatus = "not_recommended"
	// Reflected from Lever.
	StatusArchived ApplicationStatus = "archived"
	StatusHired    ApplicationStatus = "hired"
	StatusDeleted  ApplicationStatus = "deleted"
)

// ApplicationStatuses lists every status in path order.
var ApplicationStatuses = []ApplicationStatus{
	StatusNew, StatusShortlisted, StatusInterviewScheduled, StatusInterviewCompleted,
	StatusInterviewNoShow, StatusInterviewCanceled, StatusReviewCompleted, StatusRecommended,
	StatusNotRecommended, StatusArchived, StatusHired, StatusDeleted,
}

// Valid reports whether s is a known status.
func (s ApplicationStatus) Valid() bool {
	for _, x := range ApplicationStatuses {
		if x == s {
			return true
		}
	}
	return false
}

// Label is the name people see.
func (s ApplicationStatus) Label() string {
	switch s {
	case StatusNew:
		return "New"
	case StatusShortlisted:
		return "Shortlisted"
	case StatusInterviewScheduled:
		return "Interview scheduled"
	case StatusInterviewCompleted:
		return "Interview completed"
	case StatusInterviewNoShow:
		return "Interview no-show"
	case StatusInterviewCanceled:
		return "Interview canceled"
	case StatusReviewCompleted:
		return "Review completed"
	case StatusRecommended:
		return "Recommended"
	case StatusNotRecommended:
		return "Not recommended"
	case StatusArchived:
		return "Archived in Lever"
	case StatusHired:
		return "Hired"
	case StatusDeleted:
		return "Deleted in Lever"
	}
	return string(s)
}

// LeverTag is the tag written to the Lever opportunity for s, or "" for
// statuses that are not written to Lever.
func (s ApplicationStatus) LeverTag(prefix string) string {
	var t string
	switch s {
	case StatusShortlisted:
		t = "candidate shortlisted"
	case StatusInterviewScheduled:
		t = "interview scheduled"
	case StatusInterviewCompleted:
		t = "interview completed"
	case StatusInterviewNoShow:
		t = "interview noshow"
	case StatusInterviewCanceled:
		t = "interview canceled"
	case StatusReviewCompleted:
		t = "review completed"
	case StatusRecommended:
		t = "candidate recommended"
	default:
		return ""
	}
	if prefix == "" {
		prefix = "skillkeepr"
	}
	return prefix + ": " + t
}

// Application is a candidate applying to one job.
type Application struct {
	ID          int64             `json:"id"`
	OrgID       int64             `json:"-"`
	CandidateID int64             `json:"candidate_id"`
	JobID       int64             `json:"job_id"`
	JobNumber   int64             `json:"job_number"`
	JobTitle    string            `json:"job_title"`
	Status      ApplicationStatus `json:"status"`
	CreatedAt   time.Time         `json:"created_at"`
	UpdatedAt   time.Time         `json:"updated_at"`
}

// Event is one line on a candidate's timeline.
type Event struct {
	ID            int64     `json:"id"`
	OrgID         int64     `json:"-"`
	CandidateID   int64     `json:"candidate_id"`
	ApplicationID int64     `json:"application_id,omitempty"`
	ActorID       int64     `json:"actor_id,omitempty"`
	ActorName     string    `json:"actor_name,omitempty"`
	Kind          string    `json:"kind"`    // e.g. "created", "status_changed", "resume_added"
	Message       string    `json:"message"` // plain words, shown as is
	CreatedAt     time.Time `json:"created_at"`
}

// ApplicationService moves applications along the path.
type ApplicationService interface {
	FindApplicationByID(ctx context.Context, id int64) (*Application, error)
	// SetApplicationStatus changes the status (ActManageCandidates on the
	// job; ActRecommend for recommended / not recommended), writes a
	// timeline event with note, and an audit entry.
	SetApplicationStatus(ctx context.Context, id int64, status ApplicationStatus, note string) (*Application, error)
	// FindEvents returns a candidate's timeline, newest first.
	FindEvents(ctx context.Context, candidateID int64) ([]*Event, error)
}
