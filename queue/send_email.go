package queue

import (
	"context"
	"errors"
	"fmt"
	"log/slog"

	"github.com/riverqueue/river"

	"github.com/skillkeepr/skillkeepr"
)

const kindSendEmail = "send_email"

// sendEmailArgs is the River job of skillkeepr.SendEmailTask.
type sendEmailArgs struct {
	Message skillkeepr.EmailMessage `json:"message"`
}

// Kind implements river.JobArgs.
func (sendEmailArgs) Kind() string { return kindSendEmail }

// InsertOpts implements river.JobArgsWithInsertOpts.
func (sendEmailArgs) InsertOpts() river.InsertOpts {
	return river.InsertOpts{MaxAttempts: maxAttemptsDefault}
}

// sendEmailWorker delivers an email through the Mailer.
type sendEmailWorker struct {
	river.WorkerDefaults[sendEmailArgs]
	mailer skillkeepr.Mailer
	logger *slog.Logger
	log    EmailDeliveryLog // may be nil
}

// record notes the delivery state of a logged email; failing to note it
// must not resend the email, so errors are only logged.
func (w *sendEmailWorker) record(ctx context.Context, m skillkeepr.EmailMessage, state string, err error) {
	if w.log == nil || m.LogID == 0 {
		return
	}
	msg := ""
	if err != nil {
		msg = err.Error()
	}
	if lerr := w.log.SetEmailDelivery(context.WithoutCancel(ctx), m.LogID, state, msg); lerr != nil {
		w.logger.WarnContext(ctx, "email delivery state not recorded", slog.Int64("log_id", m.LogID), slog.String("error", lerr.Error()))
	}
}

// Work implements river.Worker. A temporary failure is returned so that River
// retries with back-off; a permanent one (see isPermanent) cancels the job,
// because sending again would fail the same way.
func (w *sendEmailWorker) Work(ctx context.Context, job *river.Job[sendEmailArgs]) error {
	m := job.Args.Message
	attrs := []any{
		slog.Int64("job_id", job.ID),
		slog.Int("attempt", job.Attempt),
		slog.Int("max_attempts", job.MaxAttempts),
		slog.Int64("org_id", m.OrgID),
		slog.String("email_kind", m.Kind),
		slog.Any("to", m.To),
	}
	err := w.mailer.Send(ctx, m)
	switch {
	case err == nil:
		w.record(ctx, m, skillkeepr.DeliverySent, nil)
	case ctx.Err() != nil:
	case isPermanent(err) || job.Attempt >= job.MaxAttempts:
		w.record(ctx, m, skillkeepr.DeliveryGaveUp, err)
	default:
		w.record(ctx, m, skillkeepr.DeliveryFailed, err)
	}
	switch {
	case err == nil:
		w.logger.InfoContext(ctx, "email sent", attrs...)
		return nil
	case ctx.Err() != nil:
		// Shutdown or job timeout: wrap the context error so that River
		// recognises a shutdown and puts the job back without counting an
		// attempt; a timeout counts as a failed attempt.
		w.logger.WarnContext(ctx, "email not sent: interrupted by shutdown or timeout", append(attrs, slog.String("error", err.Error()))...)
		return fmt.Errorf("send email: %w (%w)", ctx.Err(), err)
	case isPermanent(err):
		w.logger.ErrorContext(ctx, "email not sent: the mail server refused it for good; giving up", append(attrs, slog.String("error", err.Error()))...)
		return river.JobCancel(fmt.Errorf("send email: permanent failure: %w", err))
	case job.Attempt >= job.MaxAttempts:
		w.logger.ErrorContext(ctx, "email not sent: last attempt failed; giving up", append(attrs, slog.String("error", err.Error()))...)
		return fmt.Errorf("send email: %w", err)
	default:
		w.logger.WarnContext(ctx, "email not sent; it will be retried", append(attrs, slog.String("error", err.Error()))...)
		return fmt.Errorf("send email: %w", err)
	}
}

// isPermanent reports whether err says that retrying cannot help: an error in
// its chain has a method Permanent() bool that returns true (mail.SMTP's
// errors do, for 5xx replies), or it is a domain error with code EINVALID
// (a message that can never be sent, such as one without recipients).
func isPermanent(err error) bool {
	if err == nil {
		return false
	}
	var p interface{ Permanent() bool }
	if errors.As(err, &p) {
		return p.Permanent()
	}
	return skillkeepr.ErrorCodeOf(err) == skillkeepr.EINVALID
}
