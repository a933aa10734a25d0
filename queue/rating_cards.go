package queue

import (
	"context"
	"fmt"
	"log/slog"
	"time"

	"github.com/riverqueue/river"

	"github.com/skillkeepr/skillkeepr"
)

const (
	kindRatingCardsDue     = "rating_cards_due"
	kindRatingCardReminder = "rating_card_reminder"
)

// DefaultRatingCardsInterval is how often ended interviews are looked for
// to open their rating cards: interviewers get their email within a
// minute of the end.
const DefaultRatingCardsInterval = time.Minute

// RatingCardWork opens due rating cards and reminds of missing ones (the
// store implements it).
type RatingCardWork interface {
	OpenDueRatingCards(ctx context.Context) (int, error)
	RemindRatingCard(ctx context.Context, orgID, cardID int64, reminder int) error
}

// ratingCardsDueArgs is the periodic job opening the cards of interviews
// that have ended.
type ratingCardsDueArgs struct{}

// Kind implements river.JobArgs.
func (ratingCardsDueArgs) Kind() string { return kindRatingCardsDue }

// InsertOpts implements river.JobArgsWithInsertOpts: the next period
// picks up what a failed run left.
func (ratingCardsDueArgs) InsertOpts() river.InsertOpts { return river.InsertOpts{MaxAttempts: 1} }

type ratingCardsDueWorker struct {
	river.WorkerDefaults[ratingCardsDueArgs]
	work   RatingCardWork
	logger *slog.Logger
}

// Work implements river.Worker.
func (w *ratingCardsDueWorker) Work(ctx context.Context, job *river.Job[ratingCardsDueArgs]) error {
	if w.work == nil {
		return nil
	}
	n, err := w.work.OpenDueRatingCards(ctx)
	if err != nil {
		w.logger.ErrorContext(ctx, "opening rating cards failed", slog.Int64("job_id", job.ID), slog.String("error", err.Error()))
		return fmt.Errorf("open rating cards: %w", err)
	}
	if n > 0 {
		w.logger.InfoContext(ctx, "rating cards opened", slog.Int("interviews", n))
	}
	return nil
}

func ratingCardsDuePeriodicJob(interval time.Duration) *river.PeriodicJob {
	return river.NewPeriodicJob(river.PeriodicInterval(interval),
		func() (river.JobArgs, *river.InsertOpts) { return ratingCardsDueArgs{}, nil },
		&river.PeriodicJobOpts{ID: kindRatingCardsDue, RunOnStart: true})
}

// ratingCardReminderArgs carries a RatingCardReminderTask; River holds it
// until its due time.
type ratingCardReminderArgs struct {
	Task skillkeepr.RatingCardReminderTask `json:"task"`
}

// Kind implements river.JobArgs.
func (ratingCardReminderArgs) Kind() string { return kindRatingCardReminder }

// InsertOpts implements river.JobArgsWithInsertOpts: the job waits until
// the reminder is due.
func (a ratingCardReminderArgs) InsertOpts() river.InsertOpts {
	return river.InsertOpts{MaxAttempts: maxAttemptsDefault, ScheduledAt: a.Task.DueAt}
}

type ratingCardReminderWorker struct {
	river.WorkerDefaults[ratingCardReminderArgs]
	work   RatingCardWork
	logger *slog.Logger
}

// Work implements river.Worker. The store does nothing for a card that
// was submitted meanwhile. A process without RatingCardWork fails the job
// so that one with it retries.
func (w *ratingCardReminderWorker) Work(ctx context.Context, job *river.Job[ratingCardReminderArgs]) error {
	if w.work == nil {
		return fmt.Errorf("rating card reminder: not configured in this process")
	}
	t := job.Args.Task
	if err := w.work.RemindRatingCard(ctx, t.OrgID, t.CardID, t.Reminder); err != nil {
		return fmt.Errorf("rating card reminder: %w", err)
	}
	return nil
}
