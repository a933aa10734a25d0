package lever_test

import (
	"context"
	"io"
	"sync/atomic"
	"testing"
	"time"

	"github.com/skillkeepr/skillkeepr/lever"
	"github.com/skillkeepr/skillkeepr/leversandbox"
)

// BenchmarkSandboxImportPath measures the client's side of a candidate import against
// the sandbox with rate limits off: page through a posting's opportunities (100 per
// page), list each one's résumés and download the first. Reports candidates/s and
// calls per candidate.
func BenchmarkSandboxImportPath(b *testing.B) {
	sb, srv := leversandbox.NewTestServer(b, leversandbox.Config{
		Seed: 1, Postings: 1, CandidatesPerPosting: 300, RateLimit: leversandbox.Bool(false),
	})
	var calls atomic.Int64
	c, err := lever.New(lever.Config{
		BaseURL: srv.URL + "/v1", APIKey: leversandbox.DefaultAPIKey, Limiter: lever.Unlimited,
		OnRequest: func(string, string, int, time.Duration, int) { calls.Add(1) },
	})
	if err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	posting := sb.Postings()[0].ID
	candidates := 0
	b.ResetTimer()
	for b.Loop() {
		for o, err := range c.ListOpportunities(ctx, lever.OpportunityFilter{PostingIDs: []string{posting}}) {
			if err != nil {
				b.Fatal(err)
			}
			candidates++
			for r, err := range c.ListResumes(ctx, o.ID, lever.UploadedRange{}) {
				if err != nil {
					b.Fatal(err)
				}
				d, err := c.DownloadResume(ctx, o.ID, r.ID)
				if err != nil {
					b.Fatal(err)
				}
				_, _ = io.Copy(io.Discard, d)
				d.Close()
				break
			}
		}
	}
	b.ReportMetric(float64(candidates)/b.Elapsed().Seconds(), "candidates/s")
	b.ReportMetric(float64(calls.Load())/float64(candidates), "calls/candidate")
}
