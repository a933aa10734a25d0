package sqlstore

import (
	"context"
	"slices"
	"testing"
	"time"

	"github.com/skillkeepr/skillkeepr"
)

// BenchmarkPages measures the queries behind the Jobs page, the dashboard
// and a job page with 200 jobs and 20,000 candidates, reporting p50 and p99.
func BenchmarkPages(b *testing.B) {
	for _, engine := range TestEngines() {
		b.Run(engine, func(b *testing.B) {
			s := OpenTest(b, engine)
			o := SeedTestOrg(b, s, "Bench")
			jobs := SeedVolume(b, s, o, 200, 20000)
			admin, rec := o.Ctx(o.SuperAdmin), o.Ctx(o.Recruiter)
			cases := []struct {
				name string
				fn   func(ctx context.Context) error
				ctx  context.Context
			}{
				{"jobs_page_admin", func(ctx context.Context) error {
					_, _, err := s.FindJobs(ctx, skillkeepr.JobFilter{Limit: 50})
					return err
				}, admin},
				{"jobs_all_200_admin", func(ctx context.Context) error {
					_, _, err := s.FindJobs(ctx, skillkeepr.JobFilter{Limit: 200})
					return err
				}, admin},
				{"jobs_page_recruiter", func(ctx context.Context) error {
					_, _, err := s.FindJobs(ctx, skillkeepr.JobFilter{Limit: 50})
					return err
				}, rec},
				{"dashboard_counts", func(ctx context.Context) error {
					_, err := s.JobStatusCounts(ctx)
					return err
				}, admin},
				{"job_page", func(ctx context.Context) error {
					if _, err := s.FindJobByID(ctx, jobs[10].ID); err != nil {
						return err
					}
					_, _, err := s.FindCandidates(ctx, skillkeepr.CandidateFilter{JobID: jobs[10].ID, Limit: 50})
					return err
				}, admin},
				{"candidates_page", func(ctx context.Context) error {
					_, _, err := s.FindCandidates(ctx, skillkeepr.CandidateFilter{Limit: 50})
					return err
				}, admin},
			}
			for _, c := range cases {
				b.Run(c.name, func(b *testing.B) {
					var d []time.Duration
					for b.Loop() {
						start := time.Now()
						if err := c.fn(c.ctx); err != nil {
							b.Fatal(err)
						}
						d = append(d, time.Since(start))
					}
					slices.Sort(d)
					b.ReportMetric(float64(d[len(d)/2].Microseconds())/1000, "p50_ms")
					b.ReportMetric(float64(d[len(d)*99/100].Microseconds())/1000, "p99_ms")
				})
			}
		})
	}
}
