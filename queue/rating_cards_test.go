package queue

import (
	"context"
	"database/sql"
	"sync"
	"testing"
	"time"

	"github.com/skillkeepr/skillkeepr"
)

type fakeCards struct {
	mu        sync.Mutex
	opens     int
	reminders []skillkeepr.RatingCardReminderTask
}

func (f *fakeCards) OpenDueRatingCards(ctx context.Context) (int, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.opens++
	return 0, nil
}

func (f *fakeCards) RemindRatingCard(ctx context.Context, orgID, cardID int64, n int) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.reminders = append(f.reminders, skillkeepr.RatingCardReminderTask{OrgID: orgID, CardID: cardID, Reminder: n})
	return nil
}

func (f *fakeCards) counts() (int, int) {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.opens, len(f.reminders)
}

// The periodic job opens due cards; a reminder waits for its due time.
func TestRatingCardJobs(t *testing.T) {
	forEachEngine(t, func(t *testing.T, engine string, db *sql.DB) {
		cards := &fakeCards{}
		q := newQueue(t, engine, db, newRecordingMailer(), func(c *Config) {
			c.RatingCards, c.RatingCardsInterval = cards, 50*time.Millisecond
		})
		start(t, q)
		eventually(t, "due cards are opened periodically", func() bool { o, _ := cards.counts(); return o > 1 })

		tx, err := db.BeginTx(t.Context(), nil)
		if err != nil {
			t.Fatal(err)
		}
		due := time.Now().Add(1500 * time.Millisecond)
		if err := q.EnqueueTx(t.Context(), tx, skillkeepr.RatingCardReminderTask{OrgID: 3, CardID: 9, Reminder: 1, DueAt: due}); err != nil {
			t.Fatal(err)
		}
		if err := tx.Commit(); err != nil {
			t.Fatal(err)
		}
		time.Sleep(500 * time.Millisecond)
		if _, n := cards.counts(); n != 0 {
			t.Fatal("a reminder ran before it was due")
		}
		eventually(t, "the reminder runs once due", func() bool { _, n := cards.counts(); return n == 1 })
		if time.Now().Before(due) {
			t.Fatal("the reminder ran early")
		}
		if r := cards.reminders[0]; r.OrgID != 3 || r.CardID != 9 || r.Reminder != 1 {
			t.Fatalf("reminder %+v", r)
		}
	})
}
