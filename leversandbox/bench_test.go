package leversandbox

import (
	"io"
	"net/http"
	"runtime"
	"testing"
	"time"
)

// benchServer is a sandbox with 10,000 opportunities and the rate limit off.
func benchServer(b *testing.B) (*Sandbox, string, *http.Client) {
	sb, srv := NewTestServer(b, Config{Seed: 1, Postings: 10, CandidatesPerPosting: 1000, RateLimit: Bool(false)})
	hc := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 64}, Timeout: 10 * time.Second}
	return sb, srv.URL, hc
}

func benchGet(b *testing.B, hc *http.Client, url string) {
	req, _ := http.NewRequest("GET", url, nil)
	req.SetBasicAuth(DefaultAPIKey, "")
	resp, err := hc.Do(req)
	if err != nil {
		b.Fatal(err)
	}
	_, _ = io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 {
		b.Fatalf("status %d", resp.StatusCode)
	}
}

// runRequests issues b.N requests from parallel clients over loopback and reports req/s.
func runRequests(b *testing.B, hc *http.Client, url func(i int) string) {
	b.ReportAllocs()
	b.SetParallelism(4)
	start := time.Now()
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		i := 0
		for pb.Next() {
			benchGet(b, hc, url(i))
			i++
		}
	})
	b.ReportMetric(float64(b.N)/time.Since(start).Seconds(), "req/s")
}

func BenchmarkListOpportunities(b *testing.B) {
	_, base, hc := benchServer(b)
	runRequests(b, hc, func(int) string { return base + "/v1/opportunities?limit=100" })
}

func BenchmarkListOpportunitiesFiltered(b *testing.B) {
	sb, base, hc := benchServer(b)
	posting := sb.Postings()[3].ID
	runRequests(b, hc, func(int) string { return base + "/v1/opportunities?limit=100&posting_id=" + posting })
}

func BenchmarkGetOpportunity(b *testing.B) {
	sb, base, hc := benchServer(b)
	opps := sb.Opportunities("")
	runRequests(b, hc, func(i int) string { return base + "/v1/opportunities/" + opps[i%len(opps)].ID })
}

func BenchmarkListStages(b *testing.B) {
	_, base, hc := benchServer(b)
	runRequests(b, hc, func(int) string { return base + "/v1/stages" })
}

func BenchmarkListPostings(b *testing.B) {
	_, base, hc := benchServer(b)
	runRequests(b, hc, func(int) string { return base + "/v1/postings" })
}

// BenchmarkSeed100k generates an account with 100,000 opportunities and
// reports the heap it keeps (résumé bytes are generated on download).
func BenchmarkSeed100k(b *testing.B) {
	b.ReportAllocs()
	var kept uint64
	for b.Loop() {
		runtime.GC()
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		sb, err := New(Config{Seed: 42, Postings: 100, CandidatesPerPosting: 1000})
		if err != nil {
			b.Fatal(err)
		}
		runtime.GC()
		runtime.ReadMemStats(&after)
		kept = after.HeapAlloc - before.HeapAlloc
		if len(sb.opps) != 100000 {
			b.Fatalf("%d opportunities", len(sb.opps))
		}
		sb.Close()
	}
	b.ReportMetric(float64(kept)/(1<<20), "MiB-kept")
}

// BenchmarkResumePDF measures generating one résumé on download.
func BenchmarkResumePDF(b *testing.B) {
	sb, err := New(Config{Seed: 1, Postings: 1, CandidatesPerPosting: 10})
	if err != nil {
		b.Fatal(err)
	}
	defer sb.Close()
	var o *oppRecord
	for _, x := range sb.opps {
		if x.Resume.Kind == resumePDF {
			o = x
		}
	}
	c := *o
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		c.Resume.ID = itoa(i) // defeat the cache
		if _, err := sb.resumeBytes(&c); err != nil {
			b.Fatal(err)
		}
	}
}
