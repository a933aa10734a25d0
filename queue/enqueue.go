package queue

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/riverqueue/river"

	"github.com/skillkeepr/skillkeepr"
)

// maxAttemptsDefault is how often a job is tried before River discards it.
// With River's back-off (attempt⁴ seconds) ten attempts span about five
// hours, long enough to ride out a mail server's bad afternoon.
const maxAttemptsDefault = 10

// jobArgs maps a domain task to the River job arguments that carry it.
func jobArgs(t skillkeepr.Task) (river.JobArgs, error) {
	switch t := t.(type) {
	case skillkeepr.SendEmailTask:
		return sendEmailArgs{Message: t.Message}, nil
	case *skillkeepr.SendEmailTask:
		if t == nil {
			break
		}
		return sendEmailArgs{Message: t.Message}, nil
	case skillkeepr.LeverStageSyncTask:
		return leverStageSyncArgs{Task: t}, nil
	case *skillkeepr.LeverStageSyncTask:
		if t == nil {
			break
		}
		return leverStageSyncArgs{Task: *t}, nil
	case skillkeepr.LeverPushTask:
		return leverPushArgs{Task: t}, nil
	case skillkeepr.LeverWebhookTask:
		return leverWebhookArgs{Task: t}, nil
	case skillkeepr.LeverCandidateImportTask:
		return leverImportJobArgs(t)
	case skillkeepr.AssistTask:
		return llmAssistJobArgs(t)
	case skillkeepr.ScoreCandidateTask:
		return scoreCandidateArgs{OrgID: t.OrgID, CandidateID: t.CandidateID}, nil
	case skillkeepr.ScoreJobTask:
		return scoreJobArgs{OrgID: t.OrgID, JobID: t.JobID}, nil
	case skillkeepr.InterviewNoticeTask:
		return interviewNoticeArgs{Task: t}, nil
	case skillkeepr.ScheduleInvitationTask:
		return scheduleInvitationArgs{Task: t}, nil
	case skillkeepr.RatingCardReminderTask:
		return ratingCardReminderArgs{Task: t}, nil
	case nil:
		return nil, errors.New("queue: no task")
	}
	return nil, fmt.Errorf("queue: unknown task kind %q", t.TaskKind())
}

// EnqueueTx inserts t as a job in tx, the transaction of the change that
// causes it: the job runs only if tx commits, and at least once if it does.
func (q *Queue) EnqueueTx(ctx context.Context, tx *sql.Tx, t skillkeepr.Task) error {
	if tx == nil {
		return errors.New("queue: EnqueueTx needs a transaction")
	}
	args, err := jobArgs(t)
	if err != nil {
		return err
	}
	if _, err := q.client.InsertTx(ctx, tx, args, nil); err != nil {
		return fmt.Errorf("queue: enqueue %s: %w", args.Kind(), err)
	}
	return nil
}
