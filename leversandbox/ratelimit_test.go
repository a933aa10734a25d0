package leversandbox

import (
	"net/http"
	"sync"
	"testing"
	"time"
)

// With the clock frozen no tokens refill, so 25 requests at one instant get
// exactly the burst of 20 through and 5 answered 429.
func TestRateLimitBurst(t *testing.T) {
	t.Parallel()
	clock := newTestClock()
	_, srv := NewTestServer(t, Config{Seed: 1, Postings: 1, CandidatesPerPosting: 5, Now: clock.Now})
	c := newKeyClient(t, srv.URL)
	statuses := make([]int, 25)
	var wg sync.WaitGroup
	for i := range statuses {
		wg.Add(1)
		go func() {
			defer wg.Done()
			statuses[i], _ = c.do("GET", "/v1/stages", nil)
		}()
	}
	wg.Wait()
	counts := map[int]int{}
	for _, s := range statuses {
		counts[s]++
	}
	if counts[200] != 20 || counts[429] != 5 {
		t.Fatalf("statuses %v, want 20×200 and 5×429", counts)
	}
	// One second refills 10 tokens (10 requests/s steady).
	clock.Advance(time.Second)
	ok := 0
	for range 12 {
		if st, _ := c.do("GET", "/v1/stages", nil); st == 200 {
			ok++
		}
	}
	if ok != 10 {
		t.Fatalf("after 1s, %d passed, want 10", ok)
	}
	// A 429 carries Retry-After and Lever's error shape.
	req, _ := http.NewRequest("GET", srv.URL+"/v1/stages", nil)
	req.SetBasicAuth(DefaultAPIKey, "")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 429 || resp.Header.Get("Retry-After") == "" {
		t.Fatalf("429 response: %d %q", resp.StatusCode, resp.Header.Get("Retry-After"))
	}
}

func TestRateLimitOff(t *testing.T) {
	t.Parallel()
	_, srv := NewTestServer(t, Config{Seed: 1, Postings: 1, CandidatesPerPosting: 5, RateLimit: Bool(false), Now: newTestClock().Now})
	c := newKeyClient(t, srv.URL)
	for i := range 50 {
		if st, _ := c.do("GET", "/v1/stages", nil); st != 200 {
			t.Fatalf("request %d: %d", i, st)
		}
	}
}

func TestRateLimitIsPerKey(t *testing.T) {
	t.Parallel()
	l := newRateLimiter(true, 10, 20, newTestClock().Now)
	for range 20 {
		l.allow("a")
	}
	if ok, _ := l.allow("a"); ok {
		t.Fatal("bucket a should be empty")
	}
	if ok, _ := l.allow("b"); !ok {
		t.Fatal("bucket b should be independent")
	}
}

// RateScale multiplies both the burst and the steady rate.
func TestRateLimitScaled(t *testing.T) {
	t.Parallel()
	clock := newTestClock()
	_, srv := NewTestServer(t, Config{Seed: 1, Postings: 1, CandidatesPerPosting: 5, Now: clock.Now, RateScale: 10})
	c := newKeyClient(t, srv.URL)
	pass := func(n int) int {
		ok := 0
		for range n {
			if st, _ := c.do("GET", "/v1/stages", nil); st == 200 {
				ok++
			}
		}
		return ok
	}
	if ok := pass(210); ok != 200 {
		t.Fatalf("burst: %d passed, want 200", ok)
	}
	clock.Advance(time.Second)
	if ok := pass(120); ok != 100 {
		t.Fatalf("after 1s, %d passed, want 100", ok)
	}
}
