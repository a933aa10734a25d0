package queue

import (
	"context"
	"errors"
	"fmt"
	"log/slog"

	"github.com/riverqueue/river"

	"github.com/skillkeepr/skillkeepr"
)

const (
	kindInterviewNotice     = "interview_notice"
	kindScheduleInvitation  = "schedule_invitation"
	interviewNoticeAttempts = 8
)

// InterviewNotifier turns interview changes and self-scheduling links into
// logged send_email jobs (package interviewmail implements it). Stale
// reminders — of an earlier SEQUENCE or an interview no longer scheduled —
// must be no-ops: that is how a move or a cancel withdraws them.
type InterviewNotifier interface {
	InterviewNotice(ctx context.Context, t skillkeepr.InterviewNoticeTask) error
	ScheduleInvitation(ctx context.Context, t skillkeepr.ScheduleInvitationTask) error
}

// EmailDeliveryLog records the delivery state of logged emails (the
// candidate's timeline shows it); sqlstore implements it.
type EmailDeliveryLog interface {
	SetEmailDelivery(ctx context.Context, logID int64, state, errMsg string) error
}

// interviewNoticeArgs is the River job of skillkeepr.InterviewNoticeTask;
// reminders are inserted with ScheduledAt = RunAt.
type interviewNoticeArgs struct {
	Task skillkeepr.InterviewNoticeTask `json:"task"`
}

// Kind implements river.JobArgs.
func (interviewNoticeArgs) Kind() string { return kindInterviewNotice }

// InsertOpts implements river.JobArgsWithInsertOpts.
func (a interviewNoticeArgs) InsertOpts() river.InsertOpts {
	return river.InsertOpts{MaxAttempts: interviewNoticeAttempts, ScheduledAt: a.Task.RunAt}
}

type interviewNoticeWorker struct {
	river.WorkerDefaults[interviewNoticeArgs]
	notifier InterviewNotifier
	logger   *slog.Logger
}

// Work implements river.Worker.
func (w *interviewNoticeWorker) Work(ctx context.Context, job *river.Job[interviewNoticeArgs]) error {
	if w.notifier == nil {
		return errors.New("interview emails are not set up in this process")
	}
	t := job.Args.Task
	if err := w.notifier.InterviewNotice(ctx, t); err != nil {
		if skillkeepr.ErrorCodeOf(err) == skillkeepr.ENOTFOUND {
			w.logger.WarnContext(ctx, "interview emails not sent: the interview is gone", "interview_id", t.InterviewID)
			return nil
		}
		return fmt.Errorf("interview %s emails: %w", t.Notice, err)
	}
	return nil
}

// scheduleInvitationArgs is the River job of skillkeepr.ScheduleInvitationTask.
type scheduleInvitationArgs struct {
	Task skillkeepr.ScheduleInvitationTask `json:"task"`
}

// Kind implements river.JobArgs.
func (scheduleInvitationArgs) Kind() string { return kindScheduleInvitation }

// InsertOpts implements river.JobArgsWithInsertOpts.
func (scheduleInvitationArgs) InsertOpts() river.InsertOpts {
	return river.InsertOpts{MaxAttempts: interviewNoticeAttempts}
}

type scheduleInvitationWorker struct {
	river.WorkerDefaults[scheduleInvitationArgs]
	notifier InterviewNotifier
	logger   *slog.Logger
}

// Work implements river.Worker.
func (w *scheduleInvitationWorker) Work(ctx context.Context, job *river.Job[scheduleInvitationArgs]) error {
	if w.notifier == nil {
		return errors.New("interview emails are not set up in this process")
	}
	if err := w.notifier.ScheduleInvitation(ctx, job.Args.Task); err != nil {
		if skillkeepr.ErrorCodeOf(err) == skillkeepr.ENOTFOUND {
			return nil
		}
		return fmt.Errorf("scheduling invitation: %w", err)
	}
	return nil
}
