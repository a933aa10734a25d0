package skillkeepr

import (
	"context"
	htmltemplate "html/template"
	"strings"
	texttemplate "text/template"
	"time"
)

// SchedulingLinkTTL is how long a self-scheduling link works by default.
const SchedulingLinkTTL = 7 * 24 * time.Hour

// SchedulingLink lets one candidate book one interview of a plan, once,
// before it expires. The link's URL carries a token signed with the
// instance's secret (see package secret); only the id is stored.
type SchedulingLink struct {
	ID             int64          `json:"id"`
	OrgID          int64          `json:"-"`
	OrgName        string         `json:"org_name"`
	ApplicationID  int64          `json:"application_id"`
	CandidateID    int64          `json:"candidate_id"`
	CandidateName  string         `json:"candidate_name"`
	CandidateEmail string         `json:"candidate_email"`
	JobTitle       string         `json:"job_title"`
	Plan           *InterviewPlan `json:"plan"`
	ExpiresAt      time.Time      `json:"expires_at"`
	UsedAt         *time.Time     `json:"used_at,omitempty"`
	InterviewID    int64          `json:"interview_id,omitempty"`
	CreatedAt      time.Time      `json:"created_at"`
}

// Usable reports whether the link may still book at now.
func (l *SchedulingLink) Usable(now time.Time) bool {
	return l.UsedAt == nil && now.Before(l.ExpiresAt)
}

// Email kinds of scheduling (templates per organisation).
const (
	EmailScheduleInvitation   = "schedule_invitation"    // to the candidate: pick a time
	EmailInterviewConfirmed   = "interview_confirmation" // to the candidate: booked
	EmailInterviewReminder    = "interview_reminder"     // to the candidate and interviewers
	EmailInterviewRescheduled = "interview_rescheduled"  // to the candidate
	EmailInterviewCanceled    = "interview_canceled"     // to the candidate
	EmailInterviewerNotice    = "interviewer_notification"
)

// EmailKinds lists the scheduling email kinds in the order Settings shows them.
var EmailKinds = []string{EmailScheduleInvitation, EmailInterviewConfirmed, EmailInterviewReminder,
	EmailInterviewRescheduled, EmailInterviewCanceled, EmailInterviewerNotice}

// EmailKindLabel is the name people see for an email kind.
func EmailKindLabel(kind string) string {
	switch kind {
	case EmailScheduleInvitation:
		return "Invitation to schedule"
	case EmailInterviewConfirmed:
		return "Interview confirmation"
	case EmailInterviewReminder:
		return "Reminder"
	case EmailInterviewRescheduled:
		return "Interview rescheduled"
	case EmailInterviewCanceled:
		return "Interview canceled"
	case EmailInterviewerNotice:
		return "Interviewer notification"
	}
	return kind
}

// EmailTemplate is an organisation's text of one email kind: Go templates
// (text/template for the subject and text, html/template for the HTML).
type EmailTemplate struct {
	Kind      string    `json:"kind"`
	Subject   string    `json:"subject"`
	Text      string    `json:"text"`
	HTML      string    `json:"html"`
	Custom    bool      `json:"custom"` // false: the shipped default
	UpdatedAt time.Time `json:"updated_at"`
}

// Limits of email templates.
const MaxTemplateSize = 64 << 10

// Interview notices: what happened to an interview, for the emails.
const (
	NoticeBooked      = "booked"
	NoticeRescheduled = "rescheduled"
	NoticeCanceled    = "canceled"
	NoticeReminder    = "reminder"
)

// InterviewNoticeTask sends the emails about one change of an interview
// (or a reminder). It is enqueued in the transaction of the change; a
// reminder whose Sequence is no longer the interview's, or for an
// interview no longer scheduled, does nothing.
type InterviewNoticeTask struct {
	OrgID       int64     `json:"org_id"`
	InterviewID int64     `json:"interview_id"`
	Sequence    int       `json:"sequence"`
	Notice      string    `json:"notice"`
	RunAt       time.Time `json:"run_at,omitempty"` // zero: now
}

// TaskKind implements Task.
func (InterviewNoticeTask) TaskKind() string { return "interview_notice" }

// ScheduleInvitationTask emails a self-scheduling link.
type ScheduleInvitationTask struct {
	OrgID  int64 `json:"org_id"`
	LinkID int64 `json:"link_id"`
}

// TaskKind implements Task.
func (ScheduleInvitationTask) TaskKind() string { return "schedule_invitation" }

// Delivery states of a logged email.
const (
	DeliveryQueued = "queued"
	DeliverySent   = "sent"
	DeliveryFailed = "failed" // will be retried
	DeliveryGaveUp = "gave_up"
)

// LoggedEmail is an email to or about a candidate, shown on the timeline
// with its delivery state.
type LoggedEmail struct {
	ID            int64     `json:"id"`
	OrgID         int64     `json:"-"`
	CandidateID   int64     `json:"candidate_id,omitempty"`
	ApplicationID int64     `json:"application_id,omitempty"`
	InterviewID   int64     `json:"interview_id,omitempty"`
	Kind          string    `json:"kind"`
	To            []string  `json:"to"`
	Subject       string    `json:"subject"`
	State         string    `json:"state"`
	Error         string    `json:"error,omitempty"`
	CreatedAt     time.Time `json:"created_at"`
	UpdatedAt     time.Time `json:"updated_at"`
}

// SchedulingService holds self-scheduling links, email templates and the
// email log.
type SchedulingService interface {
	// CreateSchedulingLink needs ActScheduleInterview on the job; it
	// enqueues the invitation email in the same transaction.
	CreateSchedulingLink(ctx context.Context, applicationID, planID int64, ttl time.Duration) (*SchedulingLink, error)
	// FindEmailTemplates returns every kind, custom or default (any user
	// of the organisation; the defaults come from defaults).
	FindEmailTemplates(ctx context.Context, defaults map[string]EmailTemplate) ([]EmailTemplate, error)
	// SetEmailTemplate needs ActManageOrganization.
	SetEmailTemplate(ctx context.Context, t EmailTemplate) (*EmailTemplate, error)
	// ResetEmailTemplate goes back to the shipped default.
	ResetEmailTemplate(ctx context.Context, kind string) error
	// FindCandidateEmails returns the logged emails of a candidate the
	// actor may see, newest first.
	FindCandidateEmails(ctx context.Context, candidateID int64) ([]*LoggedEmail, error)
}

// CandidateScheduling is the system side of the public candidate pages:
// callers have verified a signed link, so these take ids and act as the
// candidate (recorded as such on the timeline and in the audit log).
type CandidateScheduling interface {
	FindSchedulingLink(ctx context.Context, id int64) (*SchedulingLink, error)
	// InterviewerTimes returns the availability and busy times of users of
	// org, for the slots offered on a public page.
	InterviewerTimes(ctx context.Context, orgID int64, userIDs []int64, from, to time.Time) ([]*Availability, []BusyTime, error)
	// BookByLink books and uses the link, in one transaction; a used or
	// expired link is ECONFLICT.
	BookByLink(ctx context.Context, linkID int64, b InterviewBooking) (*Interview, error)
	FindInterviewForCandidate(ctx context.Context, id int64) (*Interview, error)
	RescheduleByCandidate(ctx context.Context, id int64, r InterviewReschedule) (*Interview, error)
	CancelByCandidate(ctx context.Context, id int64, reason string) (*Interview, error)
}

// InterviewNotices is the system side of the notice worker: it reads what
// an email needs and queues emails with their log rows.
type InterviewNotices interface {
	InterviewForNotice(ctx context.Context, orgID, id int64) (*Interview, string, error) // and the organisation's name
	SchedulingLinkForNotice(ctx context.Context, orgID, id int64) (*SchedulingLink, error)
	EmailTemplatesOf(ctx context.Context, orgID int64, defaults map[string]EmailTemplate) (map[string]EmailTemplate, error)
	// InterviewerZones returns each user's own time zone (from their
	// availability, else the organisation's), for their emails.
	InterviewerZones(ctx context.Context, orgID int64, userIDs []int64) (map[int64]string, error)
	// QueueLoggedEmails inserts a log row per message (state queued) and
	// enqueues its send_email task, in one transaction.
	QueueLoggedEmails(ctx context.Context, orgID, candidateID, applicationID, interviewID int64, msgs []EmailMessage) error
	// SetEmailDelivery records the delivery state of a logged email.
	SetEmailDelivery(ctx context.Context, logID int64, state, errMsg string) error
}

// Validate checks the kind and that the three parts parse as templates.
func (t *EmailTemplate) Validate() error {
	v := Validation{}
	known := false
	for _, k := range EmailKinds {
		known = known || k == t.Kind
	}
	v.Check(known, "kind", "Choose an email from the list.")
	t.Subject = strings.TrimSpace(t.Subject)
	v.Check(t.Subject != "", "subject", "Enter a subject.")
	v.Check(strings.TrimSpace(t.Text) != "", "text", "Enter the plain-text version.")
	for field, body := range map[string]string{"subject": t.Subject, "text": t.Text, "html": t.HTML} {
		if len(body) > MaxTemplateSize {
			v.Add(field, "Use at most 64 KB.")
			continue
		}
		var err error
		if field == "html" {
			_, err = htmltemplate.New(field).Parse(body)
		} else {
			_, err = texttemplate.New(field).Parse(body)
		}
		if err != nil {
			v.Add(field, "This template has a mistake: "+templateError(err))
		}
	}
	return v.Err()
}

// templateError keeps the useful end of a template parse error.
func templateError(err error) string {
	msg := err.Error()
	if i := strings.LastIndex(msg, ": "); i >= 0 && i+2 < len(msg) {
		return msg[i+2:]
	}
	return msg
}
