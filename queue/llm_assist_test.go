package queue

import (
	"context"
	"database/sql"
	"errors"
	"sync"
	"testing"

	"github.com/skillkeepr/skillkeepr"
)

// fakeAssist records the suggestions it is asked to make.
type fakeAssist struct {
	mu    sync.Mutex
	calls []bool // lastAttempt per call
	fail  int    // the first fail calls fail
}

func (f *fakeAssist) RunAssist(ctx context.Context, orgID, suggestionID int64, last bool) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	if orgID != 3 || suggestionID != 9 {
		return errors.New("wrong suggestion")
	}
	f.calls = append(f.calls, last)
	if len(f.calls) <= f.fail {
		return errors.New("the model is busy")
	}
	return nil
}

func (f *fakeAssist) lastFlags() []bool {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]bool(nil), f.calls...)
}

// A suggestion inserted in a transaction is worked after commit; a failing
// run is retried, and the last of its three attempts is told so.
func TestLLMAssistIsWorkedAndRetried(t *testing.T) {
	forEachEngine(t, func(t *testing.T, engine string, db *sql.DB) {
		f := &fakeAssist{fail: 2}
		q := newQueue(t, engine, db, newRecordingMailer(), func(c *Config) { c.Assist = f })
		start(t, q)
		tx, err := db.BeginTx(t.Context(), nil)
		if err != nil {
			t.Fatal(err)
		}
		if err := q.EnqueueTx(t.Context(), tx, skillkeepr.AssistTask{OrgID: 3, SuggestionID: 9}); err != nil {
			t.Fatal(err)
		}
		if err := tx.Commit(); err != nil {
			t.Fatal(err)
		}
		eventually(t, "the suggestion is made on its third attempt", func() bool {
			state, attempt := jobState(t, engine, db, kindLLMAssist)
			return state == "completed" && attempt == 3
		})
		if got := f.lastFlags(); len(got) != 3 || got[0] || got[1] || !got[2] {
			t.Fatalf("last-attempt flags %v, want false false true", got)
		}
		tx, _ = db.BeginTx(t.Context(), nil)
		defer tx.Rollback()
		if err := q.EnqueueTx(t.Context(), tx, skillkeepr.AssistTask{OrgID: 3}); err == nil {
			t.Fatal("a task without a suggestion was accepted")
		}
	})
}
