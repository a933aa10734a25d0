package queue

import (
	"context"
	"database/sql"
	"errors"
	"sync"
	"testing"

	"github.com/skillkeepr/skillkeepr"
)

// fakeImporter records the runs it is asked to work.
type fakeImporter struct {
	mu    sync.Mutex
	calls []bool // lastAttempt per call
	fail  int    // the first fail calls fail
}

func (f *fakeImporter) RunLeverImport(ctx context.Context, orgID, runID int64, last bool) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	if orgID != 7 || runID != 42 {
		return errors.New("wrong run")
	}
	f.calls = append(f.calls, last)
	if len(f.calls) <= f.fail {
		return errors.New("lever is down")
	}
	return nil
}

func (f *fakeImporter) n() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return len(f.calls)
}

// An import run inserted in a transaction is worked after commit and
// retried while it fails; River's job carries the organisation and run.
func TestLeverImportIsWorkedAndRetried(t *testing.T) {
	forEachEngine(t, func(t *testing.T, engine string, db *sql.DB) {
		imp := &fakeImporter{fail: 2}
		q := newQueue(t, engine, db, newRecordingMailer(), func(c *Config) { c.LeverImporter = imp })
		start(t, q)
		tx, err := db.BeginTx(t.Context(), nil)
		if err != nil {
			t.Fatal(err)
		}
		if err := q.EnqueueTx(t.Context(), tx, skillkeepr.LeverCandidateImportTask{OrgID: 7, RunID: 42}); err != nil {
			t.Fatal(err)
		}
		if err := tx.Commit(); err != nil {
			t.Fatal(err)
		}
		eventually(t, "the import is completed on its third attempt", func() bool {
			state, attempt := jobState(t, engine, db, kindLeverCandidateImport)
			return state == "completed" && attempt == 3
		})
		if imp.n() != 3 {
			t.Fatalf("%d calls", imp.n())
		}
		tx, _ = db.BeginTx(t.Context(), nil)
		defer tx.Rollback()
		if err := q.EnqueueTx(t.Context(), tx, skillkeepr.LeverCandidateImportTask{}); err == nil {
			t.Fatal("a task without a run was accepted")
		}
	})
}
