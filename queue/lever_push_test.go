package queue

import (
	"context"
	"database/sql"
	"sync"
	"testing"
	"time"

	"github.com/skillkeepr/skillkeepr"
)

// fakePusher finds Lever paused on its first run of push 1, then pushes;
// push 2 fails for good.
type fakePusher struct {
	mu    sync.Mutex
	runs  map[int64]int
	final map[int64]bool
}

func (f *fakePusher) RunLeverPush(ctx context.Context, t skillkeepr.LeverPushTask, final bool) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.runs[t.PushID]++
	f.final[t.PushID] = final
	switch {
	case t.PushID == 2:
		return &skillkeepr.Error{Code: skillkeepr.EINVALID, Message: "This candidate's opportunity is no longer in Lever."}
	case f.runs[t.PushID] == 1:
		return skillkeepr.ErrLeverPaused
	}
	return nil
}

func (f *fakePusher) n(id int64) int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.runs[id]
}

// A push inserted in a transaction runs after commit; while Lever is paused
// it snoozes instead of failing; a push that cannot succeed is cancelled,
// not retried.
func TestLeverPushIsWorkedPausedAndCancelled(t *testing.T) {
	forEachEngine(t, func(t *testing.T, engine string, db *sql.DB) {
		p := &fakePusher{runs: map[int64]int{}, final: map[int64]bool{}}
		q := newQueue(t, engine, db, newRecordingMailer(), func(c *Config) {
			c.LeverPush, c.LeverPauseRetry = p, 10*time.Millisecond
		})
		start(t, q)
		tx, err := db.BeginTx(t.Context(), nil)
		if err != nil {
			t.Fatal(err)
		}
		for _, id := range []int64{1, 2} {
			if err := q.EnqueueTx(t.Context(), tx, skillkeepr.LeverPushTask{OrgID: 7, PushID: id, ApplicationID: 10 + id}); err != nil {
				t.Fatal(err)
			}
		}
		if err := tx.Commit(); err != nil {
			t.Fatal(err)
		}
		eventually(t, "both pushes are over", func() bool {
			return p.n(1) == 2 && p.n(2) == 1
		})
		time.Sleep(100 * time.Millisecond)
		if p.n(1) != 2 || p.n(2) != 1 {
			t.Fatalf("runs %v, want push 1 twice (paused, then done) and push 2 once", p.runs)
		}
	})
}
