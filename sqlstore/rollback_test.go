package sqlstore

import (
	"context"
	"errors"
	"io"
	"path/filepath"
	"testing"

	"github.com/skillkeepr/skillkeepr"
)

// brokenBlobs fails every Put.
type brokenBlobs struct{ skillkeepr.BlobStore }

func (brokenBlobs) Put(context.Context, string, io.Reader) (int64, error) {
	return 0, errors.New("disk full")
}

func TestCandidateRollsBackWhenBlobFails(t *testing.T) {
	t.Parallel()
	ForEachEngine(t, func(t *testing.T, s *Store) {
		a := newWorld(t, s, "Acme")
		s.blobs = brokenBlobs{s.blobs}
		ctx := a.Ctx(a.SuperAdmin)
		_, _, err := s.CreateCandidate(ctx, skillkeepr.CandidateCreate{
			CandidateFields: skillkeepr.CandidateFields{Name: "Ada", Emails: []string{"ada@example.com"}}, JobID: a.eng.ID, Resume: pdf("cv.pdf")})
		wantCode(t, err, skillkeepr.EINTERNAL)
		rows, total, err := s.FindCandidates(ctx, skillkeepr.CandidateFilter{})
		ok(t, err)
		if total != 0 || len(rows) != 0 {
			t.Fatalf("half-written candidate left: %d", total)
		}
		var n int
		ok(t, s.read().queryRow(context.Background(), `SELECT (SELECT count(*) FROM candidates) + (SELECT count(*) FROM events) + (SELECT count(*) FROM candidate_emails)`).Scan(&n))
		if n != 0 {
			t.Fatalf("%d rows left behind", n)
		}
		entries, _, err := s.FindAuditEntries(ctx, skillkeepr.AuditFilter{EntityType: "candidate"})
		ok(t, err)
		if len(entries) != 0 {
			t.Fatal("audit entry of a rolled back change")
		}
	})
}

func TestOpenSQLiteURLForms(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	for _, u := range []string{filepath.Join(t.TempDir(), "a.db"), "file:" + filepath.Join(t.TempDir(), "b.db")} {
		s, err := Open(ctx, Config{URL: u})
		ok(t, err)
		ok(t, s.Migrate(ctx))
		if s.Engine() != "sqlite" || s.DB().Stats().MaxOpenConnections != 1 {
			t.Fatalf("%s: engine %s, write pool %d", u, s.Engine(), s.DB().Stats().MaxOpenConnections)
		}
		// The read pool refuses writes.
		if _, err := s.rdb.ExecContext(ctx, `INSERT INTO failed_logins (key, created_at) VALUES ('x', 1)`); err == nil {
			t.Fatal("read pool accepted a write")
		}
		ok(t, s.Close())
	}
	if _, err := Open(ctx, Config{URL: ""}); err == nil {
		t.Fatal("empty URL accepted")
	}
}
