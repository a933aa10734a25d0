package sqlstore

import (
	"context"
	"testing"
)

// OpenTestTwin opens a second Store on the database of s, as another
// SkillKeepr process would (its own pools; the same cipher and blobs), closed
// at the end of the test.
func OpenTestTwin(t testing.TB, s *Store) *Store {
	t.Helper()
	twin, err := Open(context.Background(), Config{URL: s.url, Blobs: s.blobs, Now: s.now, Logger: s.log})
	if err != nil {
		t.Fatal(err)
	}
	if s.engine == enginePostgres {
		twin.db.SetMaxOpenConns(5)
	}
	if b := s.cipher.Load(); b != nil {
		twin.SetCipher(b.c)
	}
	t.Cleanup(func() { twin.Close() })
	return twin
}
