package skillkeepr

import (
	"context"
	"strings"
	"time"
)

// InterviewStatus is where one interview is.
type InterviewStatus string

const (
	InterviewScheduled InterviewStatus = "scheduled"
	InterviewCompleted InterviewStatus = "completed"
	InterviewNoShow    InterviewStatus = "noshow"
	InterviewCanceled  InterviewStatus = "canceled"
)

// Valid reports whether s is a known status.
func (s InterviewStatus) Valid() bool {
	switch s {
	case InterviewScheduled, InterviewCompleted, InterviewNoShow, InterviewCanceled:
		return true
	}
	return false
}

// Label is the name people see.
func (s InterviewStatus) Label() string {
	switch s {
	case InterviewScheduled:
		return "Scheduled"
	case InterviewCompleted:
		return "Completed"
	case InterviewNoShow:
		return "No-show"
	case InterviewCanceled:
		return "Canceled"
	}
	return string(s)
}

// ApplicationStatus is the application status an interview in status s
// moves its application to.
func (s InterviewStatus) ApplicationStatus() ApplicationStatus {
	switch s {
	case InterviewCompleted:
		return StatusInterviewCompleted
	case InterviewNoShow:
		return StatusInterviewNoShow
	case InterviewCanceled:
		return StatusInterviewCanceled
	}
	return StatusInterviewScheduled
}

// Interview plan modes: a panel needs every interviewer; a round-robin pool
// needs one of them (the least loaded free one).
const (
	ModePanel      = "panel"
	ModeRoundRobin = "round_robin"
)

// BusyGranule is the unit of the double-booking guard: every interview
// holds, for each interviewer, every granule it touches (its range rounded
// outwards to this size), and the database refuses a second holder.
const BusyGranule = 5 * time.Minute

// Limits of interviews and plans.
const (
	MinInterviewMinutes = 5
	MaxInterviewMinutes = 8 * 60
	MaxPlanInterviewers = 20
	MaxInterviewTitle   = 200
	MaxCancelReason     = 2000
)

// InterviewParticipant is one interviewer on an interview.
type InterviewParticipant struct {
	UserID int64  `json:"user_id"`
	Name   string `json:"name"`
	Email  string `json:"email"`
}

// Interview is one booked conversation between a candidate and interviewers.
type Interview struct {
	ID             int64     `json:"id"`
	OrgID          int64     `json:"-"`
	JobID          int64     `json:"job_id"`
	JobTitle       string    `json:"job_title"`
	ApplicationID  int64     `json:"application_id"`
	CandidateID    int64     `json:"candidate_id"`
	CandidateName  string    `json:"candidate_name"`
	CandidateEmail string    `json:"candidate_email"`
	PlanID         int64     `json:"plan_id,omitempty"` // 0 = none
	Title          string    `json:"title"`
	StartsAt       time.Time `json:"starts_at"`
	EndsAt         time.Time `json:"ends_at"`
	// Timezone is the zone the interview was booked in (the candidate's
	// when self-scheduled), for showing it and for the invite.
	Timezone string          `json:"timezone"`
	Status   InterviewStatus `json:"status"`
	// Sequence is the iCalendar SEQUENCE: 0 when booked, +1 on every
	// reschedule and on cancellation.
	Sequence int `json:"sequence"`
	// UID is the stable iCalendar UID.
	UID                  string                 `json:"uid"`
	RatingCardTemplateID int64                  `json:"rating_card_template_id,omitempty"` // 0 = none; copied from the plan
	Interviewers         []InterviewParticipant `json:"interviewers"`
	CancelReason         string                 `json:"cancel_reason,omitempty"`
	CreatedByID          int64                  `json:"created_by_id,omitempty"` // 0 = the candidate, by a scheduling link
	CreatedAt            time.Time              `json:"created_at"`
	UpdatedAt            time.Time              `json:"updated_at"`
}

// InterviewerIDs returns the user ids of the interviewers.
func (iv *Interview) InterviewerIDs() []int64 {
	out := make([]int64, len(iv.Interviewers))
	for i, p := range iv.Interviewers {
		out[i] = p.UserID
	}
	return out
}

// Duration is the length of the interview.
func (iv *Interview) Duration() time.Duration { return iv.EndsAt.Sub(iv.StartsAt) }

// InterviewPlan is a named interview type of a job.
type InterviewPlan struct {
	ID                   int64     `json:"id"`
	OrgID                int64     `json:"-"`
	JobID                int64     `json:"job_id"`
	Name                 string    `json:"name"`
	DurationMinutes      int       `json:"duration_minutes"`
	Mode                 string    `json:"mode"` // ModePanel or ModeRoundRobin
	InterviewerIDs       []int64   `json:"interviewer_ids"`
	RatingCardTemplateID int64     `json:"rating_card_template_id,omitempty"` // 0 = none
	CreatedAt            time.Time `json:"created_at"`
	UpdatedAt            time.Time `json:"updated_at"`
}

// Duration is the plan's interview length.
func (p *InterviewPlan) Duration() time.Duration {
	return time.Duration(p.DurationMinutes) * time.Minute
}

// Validate checks and normalises the fields a caller sets.
func (p *InterviewPlan) Validate() error {
	p.Name = strings.TrimSpace(p.Name)
	v := Validation{}
	v.Check(p.Name != "", "name", "Enter a name, for example “45-minute video interview”.")
	v.Check(len(p.Name) <= MaxInterviewTitle, "name", "Use at most 200 characters.")
	v.Check(p.DurationMinutes >= MinInterviewMinutes && p.DurationMinutes <= MaxInterviewMinutes && p.DurationMinutes%5 == 0,
		"duration_minutes", "Choose a length between 5 minutes and 8 hours, in steps of 5 minutes.")
	v.Check(p.Mode == ModePanel || p.Mode == ModeRoundRobin, "mode", "Choose panel or round-robin.")
	p.InterviewerIDs = uniqueIDs(p.InterviewerIDs)
	v.Check(len(p.InterviewerIDs) > 0, "interviewer_ids", "Choose at least one interviewer.")
	v.Check(len(p.InterviewerIDs) <= MaxPlanInterviewers, "interviewer_ids", "Choose at most 20 interviewers.")
	v.Check(p.RatingCardTemplateID >= 0, "rating_card_template_id", "Choose a rating card from the list.")
	return v.Err()
}

// InterviewFilter narrows FindInterviews; zero fields do not filter.
type InterviewFilter struct {
	JobID         int64
	ApplicationID int64
	InterviewerID int64
	From, To      time.Time // interviews ending after From and starting before To
	Statuses      []InterviewStatus
	Limit         int // default 200, at most 1000
}

// InterviewBooking is a new interview.
type InterviewBooking struct {
	ApplicationID int64
	PlanID        int64  // 0 = none; gives the default title and rating card
	Title         string // default: the plan's name, else "Interview"
	StartsAt      time.Time
	EndsAt        time.Time
	Timezone      string // IANA zone; default: the organisation's
	// InterviewerIDs are the people on the interview (for a round-robin
	// plan, the one picked).
	InterviewerIDs []int64
	// SchedulingLinkID, when set, marks that self-scheduling link used in
	// the same transaction (system bookings by the candidate).
	SchedulingLinkID int64
}

// Validate checks and normalises the fields.
func (b *InterviewBooking) Validate() error {
	b.Title = strings.TrimSpace(b.Title)
	b.InterviewerIDs = uniqueIDs(b.InterviewerIDs)
	v := Validation{}
	v.Check(b.ApplicationID > 0, "application_id", "Choose the candidate's application.")
	checkInterviewTimes(v, b.StartsAt, b.EndsAt)
	v.Check(len(b.Title) <= MaxInterviewTitle, "title", "Use at most 200 characters.")
	v.Check(b.Timezone == "" || ValidTimezone(b.Timezone), "timezone", "Choose a time zone from the list.")
	v.Check(len(b.InterviewerIDs) > 0, "interviewer_ids", "Choose at least one interviewer.")
	v.Check(len(b.InterviewerIDs) <= MaxPlanInterviewers, "interviewer_ids", "Choose at most 20 interviewers.")
	return v.Err()
}

// InterviewReschedule moves an interview.
type InterviewReschedule struct {
	StartsAt time.Time
	EndsAt   time.Time
	Timezone string // "" keeps the current one
	// InterviewerIDs, when not empty, replace the interviewers.
	InterviewerIDs []int64
}

// Validate checks and normalises the fields.
func (r *InterviewReschedule) Validate() error {
	r.InterviewerIDs = uniqueIDs(r.InterviewerIDs)
	v := Validation{}
	checkInterviewTimes(v, r.StartsAt, r.EndsAt)
	v.Check(r.Timezone == "" || ValidTimezone(r.Timezone), "timezone", "Choose a time zone from the list.")
	v.Check(len(r.InterviewerIDs) <= MaxPlanInterviewers, "interviewer_ids", "Choose at most 20 interviewers.")
	return v.Err()
}

func checkInterviewTimes(v Validation, start, end time.Time) {
	v.Check(!start.IsZero(), "starts_at", "Choose when the interview starts.")
	d := end.Sub(start)
	v.Check(!end.IsZero() && d >= MinInterviewMinutes*time.Minute && d <= MaxInterviewMinutes*time.Minute,
		"ends_at", "An interview lasts between 5 minutes and 8 hours.")
}

// ValidTimezone reports whether name is an IANA zone this binary knows.
func ValidTimezone(name string) bool {
	if name == "" || name == "Local" {
		return false
	}
	_, err := time.LoadLocation(name)
	return err == nil
}

func uniqueIDs(ids []int64) []int64 {
	out := make([]int64, 0, len(ids))
	seen := map[int64]bool{}
	for _, id := range ids {
		if id > 0 && !seen[id] {
			seen[id] = true
			out = append(out, id)
		}
	}
	return out
}

// BusyTime is an interval an interviewer is booked (their active
// interviews), for slot finding.
type BusyTime struct {
	UserID      int64
	InterviewID int64
	StartsAt    time.Time
	EndsAt      time.Time
}

// InterviewService books and keeps interviews and their plans.
//
// Booking and rescheduling claim the interviewers' busy granules in the
// same transaction; a granule another interview holds makes the call fail
// with ECONFLICT naming who is no longer free. Every status change of an
// interview moves its application (interview_scheduled, _completed,
// _noshow, _canceled) with a timeline event, an audit entry and the Lever
// tag sync.
type InterviewService interface {
	// FindInterviewByID needs ActViewInterview.
	FindInterviewByID(ctx context.Context, id int64) (*Interview, error)
	// FindInterviews returns the interviews the actor may see, by start.
	FindInterviews(ctx context.Context, f InterviewFilter) ([]*Interview, error)
	// BookInterview needs ActScheduleInterview on the application's job.
	BookInterview(ctx context.Context, b InterviewBooking) (*Interview, error)
	// RescheduleInterview moves a scheduled interview; SEQUENCE goes up.
	RescheduleInterview(ctx context.Context, id int64, r InterviewReschedule) (*Interview, error)
	// CancelInterview frees the interviewers; SEQUENCE goes up.
	CancelInterview(ctx context.Context, id int64, reason string) (*Interview, error)
	// MarkInterviewCompleted needs ActConductInterview and an interview
	// that has ended.
	MarkInterviewCompleted(ctx context.Context, id int64) (*Interview, error)
	// MarkInterviewNoShow needs ActConductInterview and an interview that
	// has started.
	MarkInterviewNoShow(ctx context.Context, id int64) (*Interview, error)
	// FindBusyTimes returns the active interviews of the given users (of
	// the actor's organisation) overlapping [from, to), for slot finding.
	FindBusyTimes(ctx context.Context, userIDs []int64, from, to time.Time) ([]BusyTime, error)

	// FindInterviewers lists the active users of the actor's organisation
	// who can be put on interviews (any signed-in user may read it).
	FindInterviewers(ctx context.Context) ([]InterviewParticipant, error)

	// CreateInterviewPlan and UpdateInterviewPlan need ActScheduleInterview
	// on the job; interviewers must be active users of the organisation.
	CreateInterviewPlan(ctx context.Context, p InterviewPlan) (*InterviewPlan, error)
	UpdateInterviewPlan(ctx context.Context, p InterviewPlan) (*InterviewPlan, error)
	DeleteInterviewPlan(ctx context.Context, id int64) error
	FindInterviewPlanByID(ctx context.Context, id int64) (*InterviewPlan, error)
	// FindInterviewPlans returns the plans of a job the actor may see.
	FindInterviewPlans(ctx context.Context, jobID int64) ([]*InterviewPlan, error)
}
