package queue

import (
	"context"
	"database/sql"
	"sync"
	"testing"
	"time"

	"github.com/skillkeepr/skillkeepr"
)

// fakeUpdates records the deliveries it processes; the first one finds
// Lever paused.
type fakeUpdates struct {
	mu     sync.Mutex
	tasks  []skillkeepr.LeverWebhookTask
	polls  int
	paused bool
}

func (f *fakeUpdates) ProcessWebhook(ctx context.Context, t skillkeepr.LeverWebhookTask) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.tasks = append(f.tasks, t)
	if !f.paused {
		f.paused = true
		return skillkeepr.ErrLeverPaused
	}
	return nil
}

func (f *fakeUpdates) PollAll(ctx context.Context) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.polls++
	return nil
}

func (f *fakeUpdates) n() (int, int) {
	f.mu.Lock()
	defer f.mu.Unlock()
	return len(f.tasks), f.polls
}

// A delivery inserted in a transaction is processed after commit; while
// Lever is paused it snoozes instead of failing. The poll runs periodically.
func TestLeverWebhookIsProcessedAndPollRuns(t *testing.T) {
	forEachEngine(t, func(t *testing.T, engine string, db *sql.DB) {
		upd := &fakeUpdates{}
		q := newQueue(t, engine, db, newRecordingMailer(), func(c *Config) {
			c.LeverUpdates, c.LeverPauseRetry, c.LeverPollInterval = upd, 10*time.Millisecond, 50*time.Millisecond
		})
		start(t, q)
		tx, err := db.BeginTx(t.Context(), nil)
		if err != nil {
			t.Fatal(err)
		}
		if err := q.EnqueueTx(t.Context(), tx, skillkeepr.LeverWebhookTask{OrgID: 7, DeliveryID: 42}); err != nil {
			t.Fatal(err)
		}
		if err := tx.Commit(); err != nil {
			t.Fatal(err)
		}
		eventually(t, "the delivery is processed after a snooze", func() bool {
			state, _ := jobState(t, engine, db, kindLeverWebhook)
			return state == "completed"
		})
		if n, _ := upd.n(); n != 2 {
			t.Fatalf("%d calls, want 2 (paused, then done)", n)
		}
		eventually(t, "the poll runs", func() bool { _, p := upd.n(); return p > 0 })
	})
}
