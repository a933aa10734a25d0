package skillkeepr

import (
	"context"
	"time"
)

// EmailMessage is one email. OrgID scopes it for the dev mailbox and logs.
type EmailMessage struct {
	OrgID   int64    `json:"org_id"`
	To      []string `json:"to"`
	Subject string   `json:"subject"`
	Text    string   `json:"text"`
	HTML    string   `json:"html,omitempty"`
	// Kind names the template, e.g. "invitation", for logs and tests.
	Kind string `json:"kind"`
	// Attachments, e.g. an interview's invite.ics.
	Attachments []EmailAttachment `json:"attachments,omitempty"`
	// LogID, when set, is the email_log row whose delivery state the
	// sender updates (emails shown on a candidate's timeline).
	LogID int64 `json:"log_id,omitempty"`
}

// EmailAttachment is a file sent with an email.
type EmailAttachment struct {
	Filename    string `json:"filename"`
	ContentType string `json:"content_type"` // e.g. "text/calendar; charset=utf-8; method=REQUEST"
	Data        []byte `json:"data"`
}

// Mailer delivers an email now; durable delivery goes through the queue.
type Mailer interface {
	Send(ctx context.Context, m EmailMessage) error
}

// SentEmail is an email kept by the built-in dev mailbox.
type SentEmail struct {
	ID        int64     `json:"id"`
	OrgID     int64     `json:"-"`
	To        []string  `json:"to"`
	Subject   string    `json:"subject"`
	Text      string    `json:"text"`
	HTML      string    `json:"html,omitempty"`
	Kind      string    `json:"kind"`
	CreatedAt time.Time `json:"created_at"`
}

// MailboxService reads the dev mailbox of the actor's organisation.
type MailboxService interface {
	FindSentEmails(ctx context.Context, limit int) ([]*SentEmail, error)
	FindSentEmailByID(ctx context.Context, id int64) (*SentEmail, error)
}

// Task is durable background work, inserted in the same transaction as
// the change that causes it and run at least once.
type Task interface{ TaskKind() string }

// SendEmailTask delivers an email through the configured Mailer.
type SendEmailTask struct {
	Message EmailMessage `json:"message"`
}

// TaskKind implements Task.
func (SendEmailTask) TaskKind() string { return "send_email" }
