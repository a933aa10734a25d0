package leversync_test

import (
	"context"
	"testing"
	"time"

	"github.com/skillkeepr/skillkeepr/leversandbox"
	"github.com/skillkeepr/skillkeepr/sqlstore"
)

// BenchmarkImportCandidates imports one posting's 100 candidates, résumés
// downloaded and read, from the sandbox with the sandbox's limit off, on
// SQLite. The client still keeps Lever's 10 calls a second (the Connector's
// own limiter, which has no setting yet), so the figure to read is
// wall/floor: the time taken over calls ÷ 10/s (1.0 keeps the limit busy).
//
//	go test -run '^$' -bench ImportCandidates -benchtime 1x ./leversync
func BenchmarkImportCandidates(b *testing.B) {
	const n = 100
	var total time.Duration
	var calls, candidates int64
	for b.Loop() {
		b.StopTimer()
		s := sqlstore.OpenTest(b, "sqlite")
		e := newImportEnv(b, s, leversandbox.Config{Postings: 1, CandidatesPerPosting: n, RateLimit: leversandbox.Bool(false)})
		admin := e.org.Ctx(e.org.RecruiterAdmin)
		if _, err := s.StartLeverImport(admin, e.job.ID); err != nil {
			b.Fatal(err)
		}
		tasks := e.ob.take()
		before := e.ct.calls.Load()
		b.StartTimer()
		start := time.Now()
		if err := e.cands.RunLeverImport(context.Background(), tasks[0].OrgID, tasks[0].RunID, false); err != nil {
			b.Fatal(err)
		}
		total += time.Since(start)
		b.StopTimer()
		run, err := s.LeverImportRunFor(context.Background(), e.org.Org.ID, tasks[0].RunID)
		if err != nil {
			b.Fatal(err)
		}
		calls += e.ct.calls.Load() - before
		candidates += int64(run.Found)
		b.StartTimer()
	}
	b.ReportMetric(float64(candidates)/total.Seconds(), "candidates/s")
	b.ReportMetric(float64(calls)/float64(candidates), "calls/candidate")
	b.ReportMetric(total.Seconds()/(float64(calls)/10), "wall/floor")
}
