package leversync_test

import (
	"context"
	"net/http"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/skillkeepr/skillkeepr/lever"
	"github.com/skillkeepr/skillkeepr/leversandbox"
	"github.com/skillkeepr/skillkeepr/leversync"
	"github.com/skillkeepr/skillkeepr/secret"
	"github.com/skillkeepr/skillkeepr/sqlstore"
)

// BenchmarkImportCandidates imports one posting's 100 candidates, résumés
// downloaded and read, from the sandbox with the sandbox's limit off, on
// SQLite. The client still keeps Lever's 10 calls a second (the Connector's
// default limiter), so the figure to read is wall/floor: the time taken over
// calls ÷ 10/s (1.0 keeps the limit busy).
//
//	go test -run '^$' -bench 'ImportCandidates$' -benchtime 1x ./leversync
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

// BenchmarkImportCandidatesLimitOn imports one posting's candidates with
// Lever's limit on at both ends: the sandbox's bucket (10/s, bursts of 20,
// 429 beyond) and the Connector's default pacing (10/s, bursts of 18, shared
// through SQLite), at Lever's real rate, so the run is kept short by
// importing fewer candidates; BenchmarkImportCandidatesLimitOnScaled runs
// the 5,000 with the rate scaled instead. Figures: wall/floor (the time taken
// over calls ÷ 10/s; target ≤ 1.1), calls/candidate (every attempt to the
// Data API, retries included; target ≤ 2.05) and 429s (target 0).
//
//	go test -run '^$' -bench 'ImportCandidatesLimitOn$' -benchtime 1x -timeout 30m ./leversync
func BenchmarkImportCandidatesLimitOn(b *testing.B) {
	// The sandbox archives about 1 in 13 of its seeded candidates; the
	// import takes the others: 300 seeded, about 277 imported, about 560
	// calls, a minute at 10/s.
	r := benchImport(b, importBench{seeded: 300, want: 270, rateLimit: true, scale: 1})
	r.report(b, true, false)
}

// BenchmarkImportCandidatesLimitOnScaled is BenchmarkImportCandidatesLimitOn
// at the size, 5,000 candidates, with both limits scaled by 10 as
// the issue allows so that it takes two minutes, not twenty: the sandbox at
// 100 requests/s with bursts of 200 (RateScale), the Connector pacing at
// 100/s with bursts of 180 (Lever's default pacing, scaled). The ratio of
// pacing to limit is Lever's, so wall/floor, calls/candidate and 429s read
// as at 10/s — except that SkillKeepr's own work (text extraction, SQLite
// writes) is ten times more likely to be what limits the pace.
//
//	go test -run '^$' -bench 'ImportCandidatesLimitOnScaled$' -benchtime 1x -cpu 2 -timeout 30m ./leversync
func BenchmarkImportCandidatesLimitOnScaled(b *testing.B) {
	r := benchImport(b, importBench{seeded: 5420, want: 5000, rateLimit: true, scale: 10})
	r.report(b, true, false)
}

// BenchmarkImportCandidatesLimitOff imports 5,000 candidates (and a few more) with every
// limit off (the sandbox's, and the Connector's through Config.RateLimit),
// so that it measures SkillKeepr itself: listing, résumé downloads, text
// extraction and SQLite writes. Run it on 2 cores (-cpu 2); the sandbox
// serves from the same process and cores. Figures: candidates/s (target
// ≥ 300) and peak-heap-MB, the largest HeapInuse seen while importing,
// sampled every 10 ms — the sandbox's own data, in the same heap, included.
//
//	go test -run '^$' -bench 'ImportCandidatesLimitOff$' -benchtime 1x -cpu 2 -timeout 30m ./leversync
func BenchmarkImportCandidatesLimitOff(b *testing.B) {
	// 5,420 seeded, of which the sandbox archives about 1 in 13: 5,000 or
	// more imported.
	r := benchImport(b, importBench{seeded: 5420, want: 5000, heap: true})
	r.report(b, false, true)
}

// importBench is one of the import benchmarks: how many candidates the
// sandbox seeds and how many must be imported; Lever's limit on (both the
// sandbox's bucket and the Connector's pacing, scaled by scale) or off;
// whether to sample the heap.
type importBench struct {
	seeded, want int
	rateLimit    bool
	scale        int
	heap         bool
}

// importFigures are the totals of an import benchmark's runs.
type importFigures struct {
	n                                  int
	rate                               float64 // the pace the limit allows, per second
	total                              time.Duration
	calls, candidates, tooMany, failed int64
	peak                               uint64
}

// benchImport runs the import of one posting b.N times on SQLite, timing
// only the import itself.
func benchImport(b *testing.B, ib importBench) importFigures {
	cfg := leversandbox.Config{Postings: 1, CandidatesPerPosting: ib.seeded, RateLimit: leversandbox.Bool(ib.rateLimit)}
	var rl *leversync.RateLimit
	f := importFigures{rate: float64(lever.LeverRatePerSecond * max(ib.scale, 1))}
	switch {
	case !ib.rateLimit:
		rl = &leversync.RateLimit{PerSecond: 0}
	case ib.scale > 1:
		cfg.RateScale = float64(ib.scale)
		rl = &leversync.RateLimit{PerSecond: f.rate, Burst: lever.DefaultBurst * ib.scale}
	}
	for b.Loop() {
		b.StopTimer()
		s := sqlstore.OpenTest(b, "sqlite")
		e, st := newBenchImportEnv(b, s, cfg, rl)
		admin := e.org.Ctx(e.org.RecruiterAdmin)
		if _, err := s.StartLeverImport(admin, e.job.ID); err != nil {
			b.Fatal(err)
		}
		tasks := e.ob.take()
		if ib.rateLimit {
			// Let both buckets fill after the set-up's calls, as at the
			// start of a real import.
			time.Sleep(2100 * time.Millisecond)
		}
		runtime.GC()
		before, before429 := e.ct.calls.Load(), st.tooMany.Load()
		stop := func() {}
		if ib.heap {
			stop = sampleHeap(10*time.Millisecond, &f.peak)
		}
		b.StartTimer()
		start := time.Now()
		if err := e.cands.RunLeverImport(context.Background(), tasks[0].OrgID, tasks[0].RunID, false); err != nil {
			b.Fatal(err)
		}
		f.total += time.Since(start)
		b.StopTimer()
		stop()
		run, err := s.LeverImportRunFor(context.Background(), e.org.Org.ID, tasks[0].RunID)
		if err != nil {
			b.Fatal(err)
		}
		// The sandbox seeds a few candidates that fail or are skipped on
		// purpose (e.g. an unreadable résumé); the figure "failed" shows them.
		if run.Found < ib.want || run.Done() != run.Found || run.Failed > run.Found/100 {
			b.Fatalf("import %+v: want %d or more found, all dealt with, few failed", run, ib.want)
		}
		f.n++
		f.failed += int64(run.Failed)
		f.calls += e.ct.calls.Load() - before
		f.tooMany += st.tooMany.Load() - before429
		f.candidates += int64(run.Found)
		b.StartTimer()
	}
	return f
}

// report prints the figures: wall/floor when Lever's limit was on, the
// peak heap when it was sampled.
func (f importFigures) report(b *testing.B, floor, heap bool) {
	if floor {
		b.ReportMetric(f.total.Seconds()/(float64(f.calls)/f.rate), "wall/floor")
	}
	if heap {
		b.ReportMetric(float64(f.peak)/(1<<20), "peak-heap-MB")
	}
	b.ReportMetric(float64(f.calls)/float64(f.candidates), "calls/candidate")
	b.ReportMetric(float64(f.tooMany), "429s")
	b.ReportMetric(float64(f.candidates)/f.total.Seconds(), "candidates/s")
	b.ReportMetric(float64(f.candidates)/float64(f.n), "candidates")
	b.ReportMetric(float64(f.failed)/float64(f.n), "failed")
}

// sampleHeap records the largest HeapInuse into *peak every interval until
// the returned func is called.
func sampleHeap(interval time.Duration, peak *uint64) (stop func()) {
	done := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	read := func() {
		var m runtime.MemStats
		runtime.ReadMemStats(&m)
		if m.HeapInuse > *peak {
			*peak = m.HeapInuse
		}
	}
	go func() {
		defer wg.Done()
		t := time.NewTicker(interval)
		defer t.Stop()
		for {
			read()
			select {
			case <-done:
				return
			case <-t.C:
			}
		}
	}()
	return func() { close(done); wg.Wait(); read() }
}

// statusTransport counts the Data API's 429 answers.
type statusTransport struct {
	next    http.RoundTripper
	tooMany atomic.Int64
}

func (s *statusTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	resp, err := s.next.RoundTrip(r)
	if err == nil && resp.StatusCode == http.StatusTooManyRequests && strings.Contains(r.URL.Path, "/v1/") {
		s.tooMany.Add(1)
	}
	return resp, err
}

// newBenchImportEnv is newImportEnv with the Connector's rate limit set to
// rl (nil: Lever's) and the 429s counted.
func newBenchImportEnv(b *testing.B, store *sqlstore.Store, cfg leversandbox.Config, rl *leversync.RateLimit) (*importEnv, *statusTransport) {
	b.Helper()
	box, err := secret.New(secret.NewKey())
	if err != nil {
		b.Fatal(err)
	}
	store.SetCipher(box)
	ob := &outbox{}
	store.SetEnqueuer(ob)
	sb, srv := leversandbox.NewTestServer(b, cfg)
	e := &env{store: store, org: sqlstore.SeedTestOrg(b, store, "Acme"), sb: sb, lever: srv.URL, tr: &countingTransport{}}
	ct := &callTransport{}
	st := &statusTransport{next: ct}
	conn, err := leversync.New(leversync.Config{Store: store, APIURL: srv.URL + "/v1", HTTPClient: &http.Client{Transport: st}, RateLimit: rl})
	if err != nil {
		b.Fatal(err)
	}
	e.conn = conn
	if _, err := conn.ConnectAPIKey(e.org.Ctx(e.org.SuperAdmin), leversandbox.DefaultAPIKey); err != nil {
		b.Fatal(err)
	}
	jobs := leversync.NewJobs(conn, store)
	admin := e.org.Ctx(e.org.RecruiterAdmin)
	p := sb.Postings()[0]
	d, err := jobs.LeverJobDraft(admin, p.ID)
	if err != nil {
		b.Fatal(err)
	}
	job, err := jobs.ImportLeverJob(admin, importOf(d, e.org.Engineering.ID))
	if err != nil {
		b.Fatal(err)
	}
	return &importEnv{env: e, ob: ob, ct: ct, cands: leversync.NewCandidates(conn, store), job: job, posting: p.ID}, st
}
