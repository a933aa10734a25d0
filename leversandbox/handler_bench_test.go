package leversandbox

import (
	"net/http"
	"net/http/httptest"
	"testing"
)

// BenchmarkHandlerListOpportunities measures the server's own work per list
// page (no network), which is steadier than loopback figures on a busy machine.
func BenchmarkHandlerListOpportunities(b *testing.B) {
	sb, err := New(Config{Seed: 1, Postings: 10, CandidatesPerPosting: 1000, RateLimit: Bool(false)})
	if err != nil {
		b.Fatal(err)
	}
	defer sb.Close()
	h := sb.Handler()
	req := httptest.NewRequest("GET", "/v1/opportunities?limit=100", nil)
	req.SetBasicAuth(DefaultAPIKey, "")
	b.ReportAllocs()
	w := &statusWriter{h: http.Header{}}
	for b.Loop() {
		h.ServeHTTP(w, req)
		if w.code != 200 {
			b.Fatal(w.code)
		}
	}
}

// statusWriter discards the body, so the figure is the handler's own cost.
type statusWriter struct {
	h    http.Header
	code int
}

func (w *statusWriter) Header() http.Header         { return w.h }
func (w *statusWriter) Write(b []byte) (int, error) { return len(b), nil }
func (w *statusWriter) WriteHeader(code int)        { w.code = code }
