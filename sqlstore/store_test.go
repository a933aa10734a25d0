package sqlstore

import (
	"context"
	"testing"
	"time"

	"github.com/skillkeepr/skillkeepr"
)

func TestMigrate(t *testing.T) {
	t.Parallel()
	ForEachEngine(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		cur, err := s.MigrationsCurrent(ctx)
		ok(t, err)
		if !cur {
			t.Fatal("migrations not current after Migrate")
		}
		// Idempotent, also when run concurrently.
		errs := make(chan error, 3)
		for range 3 {
			go func() { errs <- s.Migrate(ctx) }()
		}
		for range 3 {
			ok(t, <-errs)
		}
		ok(t, s.Ready(ctx))
		var n int
		ok(t, s.read().queryRow(ctx, `SELECT count(*) FROM schema_migrations`).Scan(&n))
		ms, _ := s.migrations()
		if n != len(ms) {
			t.Fatalf("schema_migrations has %d rows, want %d", n, len(ms))
		}
		if s.Engine() != engineSQLite && s.Engine() != enginePostgres {
			t.Fatalf("engine %q", s.Engine())
		}
	})
}

func TestMigrationsCurrentOnEmptyDatabase(t *testing.T) {
	t.Parallel()
	s, err := Open(context.Background(), Config{URL: t.TempDir() + "/empty.db"})
	ok(t, err)
	defer s.Close()
	cur, err := s.MigrationsCurrent(context.Background())
	ok(t, err)
	if cur {
		t.Fatal("empty database reported current")
	}
	wantCode(t, s.Ready(context.Background()), skillkeepr.EUNAVAILABLE)
}

func TestTimestampsRoundTrip(t *testing.T) {
	t.Parallel()
	ForEachEngine(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		at := time.Date(2026, 3, 29, 1, 30, 0, 123456789, time.FixedZone("X", 5*3600))
		s.now = func() time.Time { return at }
		o := must[*skillkeepr.Organization](t)(s.CreateOrganization(ctx, skillkeepr.OrganizationCreate{Name: "Time Co"}))
		got := must[*skillkeepr.Organization](t)(s.FindOrganizationByName(ctx, "time co"))
		want := at.UTC().Truncate(time.Microsecond)
		if !got.CreatedAt.Equal(want) || got.CreatedAt.Location() != time.UTC || !o.CreatedAt.Equal(got.CreatedAt) {
			t.Fatalf("created_at = %v, want %v (returned %v)", got.CreatedAt, want, o.CreatedAt)
		}
	})
}

func TestRebind(t *testing.T) {
	t.Parallel()
	if got := rebind(enginePostgres, "a = ? AND b IN (?, ?)"); got != "a = $1 AND b IN ($2, $3)" {
		t.Fatal(got)
	}
	if got := rebind(engineSQLite, "a = ?"); got != "a = ?" {
		t.Fatal(got)
	}
}
