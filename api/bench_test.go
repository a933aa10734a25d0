package api_test

import (
	"fmt"
	"net/http/httptest"
	"slices"
	"testing"
	"time"

	"github.com/skillkeepr/skillkeepr"
	"github.com/skillkeepr/skillkeepr/api"
	"github.com/skillkeepr/skillkeepr/sqlstore"
)

// BenchmarkAPI measures the JSON API over the whole handler stack (routing,
// decoding, store, encoding) with 200 jobs and 20,000 candidates, and
// reports p50 and p99 per endpoint.
func BenchmarkAPI(b *testing.B) {
	for _, engine := range sqlstore.TestEngines() {
		b.Run(engine, func(b *testing.B) {
			s := sqlstore.OpenTest(b, engine)
			o := sqlstore.SeedTestOrg(b, s, "Bench")
			jobs := sqlstore.SeedVolume(b, s, o, 200, 20000)
			h := api.New(api.Config{Services: s.Services()})
			job := jobs[10]
			for _, c := range []struct {
				name, path string
				as         *skillkeepr.User
			}{
				{"jobs_admin", "/api/v1/jobs", o.SuperAdmin},
				{"jobs_recruiter", "/api/v1/jobs", o.Recruiter},
				{"job", fmt.Sprintf("/api/v1/jobs/%d", job.ID), o.SuperAdmin},
				{"job_candidates", fmt.Sprintf("/api/v1/candidates?job_id=%d", job.ID), o.SuperAdmin},
				{"candidates", "/api/v1/candidates", o.SuperAdmin},
				{"dashboard", "/api/v1/dashboard", o.SuperAdmin},
			} {
				b.Run(c.name, func(b *testing.B) {
					ctx := o.Ctx(c.as)
					var d []time.Duration
					for b.Loop() {
						start := time.Now()
						rec := httptest.NewRecorder()
						h.ServeHTTP(rec, httptest.NewRequest("GET", c.path, nil).WithContext(ctx))
						d = append(d, time.Since(start))
						if rec.Code != 200 {
							b.Fatalf("%s: %d %s", c.path, rec.Code, rec.Body)
						}
					}
					slices.Sort(d)
					b.ReportMetric(float64(d[len(d)/2].Microseconds())/1000, "p50_ms")
					b.ReportMetric(float64(d[len(d)*99/100].Microseconds())/1000, "p99_ms")
				})
			}
		})
	}
}
