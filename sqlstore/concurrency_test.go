package sqlstore

import (
	"context"
	"fmt"
	"sync"
	"testing"

	"github.com/skillkeepr/skillkeepr"
)

// TestConcurrentReadsAndWrites mixes writers and readers on one store: on
// SQLite the single write connection and the read pool must never answer
// "database is locked".
func TestConcurrentReadsAndWrites(t *testing.T) {
	t.Parallel()
	ForEachEngine(t, func(t *testing.T, s *Store) {
		o := SeedTestOrg(t, s, "Acme")
		admin := o.Ctx(o.SuperAdmin)
		var wg sync.WaitGroup
		errs := make(chan error, 400)
		for g := range 4 {
			wg.Go(func() {
				for i := range 25 {
					_, err := s.CreateJob(admin, jobFieldsFor(fmt.Sprintf("G%d-%d", g, i), o.Engineering.ID))
					errs <- err
					token, _, err := s.CreateSession(context.Background(), o.Recruiter.ID)
					errs <- err
					_, _, err = s.FindSession(context.Background(), token)
					errs <- err
					_, _, err = s.FindJobs(admin, skillkeepr.JobFilter{})
					errs <- err
				}
			})
		}
		wg.Wait()
		close(errs)
		for err := range errs {
			ok(t, err)
		}
		_, total, err := s.FindJobs(admin, skillkeepr.JobFilter{})
		ok(t, err)
		if total != 100 {
			t.Fatalf("jobs %d, want 100", total)
		}
	})
}
