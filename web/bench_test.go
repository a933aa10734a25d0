package web_test

import (
	"context"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"sort"
	"sync"
	"testing"
	"time"

	"github.com/skillkeepr/skillkeepr"
	"github.com/skillkeepr/skillkeepr/sqlstore"
	"github.com/skillkeepr/skillkeepr/web"
)

const (
	benchJobs       = 200
	benchCandidates = 20000
)

// BenchmarkPages measures the Jobs page and a job page through the whole
// handler stack (middleware, session lookup, store, templates) for a
// signed-in Super Admin, on a database with 200 jobs and 20,000
// candidates, and reports p50 and p99 latency in milliseconds.
//
//	SKILLKEEPR_TEST_POSTGRES_URL=… go test ./web -run '^$' -bench BenchmarkPages -benchtime 2000x
func BenchmarkPages(b *testing.B) {
	for _, engine := range sqlstore.TestEngines() {
		b.Run(engine, func(b *testing.B) {
			h, cookie, jobID := seedBench(b, engine)
			b.Run("jobs_page", func(b *testing.B) { benchGet(b, h, cookie, "/jobs") })
			b.Run("job_page", func(b *testing.B) { benchGet(b, h, cookie, fmt.Sprintf("/jobs/%d", jobID)) })
		})
	}
}

func benchGet(b *testing.B, h http.Handler, cookie *http.Cookie, path string) {
	durations := make([]time.Duration, 0, b.N)
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		req := httptest.NewRequest(http.MethodGet, path, nil)
		req.AddCookie(cookie)
		rec := httptest.NewRecorder()
		start := time.Now()
		h.ServeHTTP(rec, req)
		durations = append(durations, time.Since(start))
		if rec.Code != http.StatusOK {
			b.Fatalf("GET %s: %d", path, rec.Code)
		}
	}
	b.StopTimer()
	sort.Slice(durations, func(i, j int) bool { return durations[i] < durations[j] })
	pct := func(p float64) float64 {
		i := int(p * float64(len(durations)-1))
		return float64(durations[i].Microseconds()) / 1000
	}
	b.ReportMetric(pct(0.50), "p50_ms")
	b.ReportMetric(pct(0.99), "p99_ms")
}

// seedBench fills a fresh store through the services: 200 jobs and
// 20,000 candidates spread evenly across them, written by several
// goroutines.
func seedBench(b *testing.B, engine string) (http.Handler, *http.Cookie, int64) {
	b.Helper()
	start := time.Now()
	st := sqlstore.OpenTest(b, engine)
	svc := st.Services()
	org := sqlstore.SeedTestOrg(b, st, "Bench")
	ctx := org.Ctx(org.SuperAdmin)
	deps := []int64{org.Engineering.ID, org.Design.ID}
	jobs := make([]*skillkeepr.Job, benchJobs)
	for i := range jobs {
		j, err := svc.Jobs.CreateJob(ctx, skillkeepr.JobFields{Title: fmt.Sprintf("Job %d engineer", i), DepartmentID: deps[i%2],
			Location: "Remote", Description: "A job description that is long enough to be realistic.",
			RequiredSkills: []string{"Go", "SQL"}, Status: skillkeepr.JobOpen})
		if err != nil {
			b.Fatal(err)
		}
		if i%3 == 0 {
			if j, err = svc.Jobs.AssignJob(ctx, j.ID, []int64{org.Recruiter.ID}); err != nil {
				b.Fatal(err)
			}
		}
		jobs[i] = j
	}
	workers := 1 // SQLite has one writer: more goroutines only queue
	if engine != "sqlite" {
		workers = 5
	}
	var wg sync.WaitGroup
	errs := make(chan error, workers)
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			for i := w; i < benchCandidates; i += workers {
				_, _, err := svc.Candidates.CreateCandidate(ctx, skillkeepr.CandidateCreate{
					JobID: jobs[i%benchJobs].ID, Source: "manual",
					CandidateFields: skillkeepr.CandidateFields{Name: fmt.Sprintf("Candidate %d", i),
						Emails: []string{fmt.Sprintf("c%d@example.test", i)}, Location: "Lisbon"},
				})
				if err != nil {
					errs <- err
					return
				}
			}
		}(w)
	}
	wg.Wait()
	close(errs)
	if err := <-errs; err != nil {
		b.Fatal(err)
	}
	if engine == "postgres" {
		// As autovacuum would after a bulk load: the planner needs statistics.
		if _, err := st.DB().ExecContext(context.Background(), "ANALYZE"); err != nil {
			b.Fatal(err)
		}
	}
	b.Logf("%s: seeded %d jobs and %d candidates in %v", engine, benchJobs, benchCandidates, time.Since(start).Round(time.Millisecond))

	srv, err := web.New(web.Config{Services: svc, Logger: slog.New(slog.DiscardHandler), HashPassword: cheapHash})
	if err != nil {
		b.Fatal(err)
	}
	token, _, err := svc.Sessions.CreateSession(context.Background(), org.SuperAdmin.ID)
	if err != nil {
		b.Fatal(err)
	}
	return srv.Handler(), &http.Cookie{Name: "skillkeepr_session", Value: token}, jobs[benchJobs/2].ID
}
