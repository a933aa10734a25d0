package leversync_test

import (
	"context"
	"errors"
	"net/http"
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

// statusCounter counts the requests that reach Lever and its 429 answers.
type statusCounter struct {
	sent, limited atomic.Int64
}

func (c *statusCounter) RoundTrip(r *http.Request) (*http.Response, error) {
	c.sent.Add(1)
	resp, err := http.DefaultTransport.RoundTrip(r)
	if err == nil && resp.StatusCode == http.StatusTooManyRequests {
		c.limited.Add(1)
	}
	return resp, err
}

// TestSharedLimiterAcrossProcesses: two stores on one database stand for
// two SkillKeepr processes, each with its own Connector and eight
// goroutines calling Lever as fast as they may. With the sandbox's limit on
// (10/s, bursts of 20, per API key), Lever must never answer 429 and the
// pair together must run at Lever's rate.
func TestSharedLimiterAcrossProcesses(t *testing.T) {
	t.Parallel()
	sqlstore.ForEachEngine(t, func(t *testing.T, s *sqlstore.Store) {
		box, err := secret.New(secret.NewKey())
		if err != nil {
			t.Fatal(err)
		}
		s.SetCipher(box)
		org := sqlstore.SeedTestOrg(t, s, "Acme")
		_, srv := leversandbox.NewTestServer(t, leversandbox.Config{Postings: 1, CandidatesPerPosting: 1, RateLimit: leversandbox.Bool(true)})
		counter := &statusCounter{}
		connector := func(st *sqlstore.Store) *leversync.Connector {
			c, err := leversync.New(leversync.Config{Store: st, APIURL: srv.URL + "/v1", HTTPClient: &http.Client{Transport: counter}})
			if err != nil {
				t.Fatal(err)
			}
			return c
		}
		c1 := connector(s)
		if _, err := c1.ConnectAPIKey(org.Ctx(org.SuperAdmin), leversandbox.DefaultAPIKey); err != nil {
			t.Fatal(err)
		}
		c2 := connector(sqlstore.OpenTestTwin(t, s))
		// Let the bucket fill again after connecting, so the run starts
		// with a full burst on both sides.
		time.Sleep(2500 * time.Millisecond)
		counter.sent.Store(0)

		const perProcess, goroutines = 20, 8
		ctx := context.Background()
		start := time.Now()
		var wg sync.WaitGroup
		var failed atomic.Int64
		for _, c := range []*leversync.Connector{c1, c2} {
			cl, err := c.Client(ctx, org.Org.ID)
			if err != nil {
				t.Fatal(err)
			}
			var left atomic.Int64
			left.Store(perProcess)
			for range goroutines {
				wg.Go(func() {
					for left.Add(-1) >= 0 {
						if err := cl.Ping(ctx); err != nil {
							failed.Add(1)
							t.Errorf("ping: %v", err)
						}
					}
				})
			}
		}
		wg.Wait()
		elapsed := time.Since(start)
		n := counter.sent.Load()
		if l := counter.limited.Load(); l != 0 {
			t.Fatalf("Lever answered 429 %d times", l)
		}
		if n != 2*perProcess {
			t.Fatalf("%d requests reached Lever, want %d", n, 2*perProcess)
		}
		// The first lever.DefaultBurst go at once, the rest at 10/s.
		floor := time.Duration(float64(n-lever.DefaultBurst) / lever.DefaultRatePerSecond * float64(time.Second))
		rate := float64(n-lever.DefaultBurst) / elapsed.Seconds()
		t.Logf("%d requests from two processes in %s (floor %s): %.1f requests/s after the burst, 0 × 429", n, elapsed.Round(time.Millisecond), floor, rate)
		if elapsed < floor-50*time.Millisecond {
			t.Fatalf("took %s, faster than the limit allows (%s)", elapsed, floor)
		}
		if elapsed > floor+floor/4+300*time.Millisecond {
			t.Fatalf("took %s, far slower than the limit (%s)", elapsed, floor)
		}
	})
}

// TestSharedLimiterCancel: a Wait whose context ends returns at once with
// the context's error and hands its slot back.
func TestSharedLimiterCancel(t *testing.T) {
	t.Parallel()
	sqlstore.ForEachEngine(t, func(t *testing.T, s *sqlstore.Store) {
		org := sqlstore.SeedTestOrg(t, s, "Acme")
		l := &leversync.SharedLimiter{Store: s, OrgID: org.Org.ID, Rate: 1, Burst: 2}
		ctx := context.Background()
		for range 2 {
			if err := l.Wait(ctx); err != nil {
				t.Fatal(err)
			}
		}
		cctx, cancel := context.WithTimeout(ctx, 50*time.Millisecond)
		defer cancel()
		start := time.Now()
		err := l.Wait(cctx)
		if !errors.Is(err, context.DeadlineExceeded) {
			t.Fatalf("Wait = %v, want deadline exceeded", err)
		}
		if d := time.Since(start); d > 500*time.Millisecond {
			t.Fatalf("Wait returned after %s", d)
		}
		// The slot was handed back: the next request waits about one
		// second (one token at 1/s), not two.
		d, err := s.ReserveLeverRequest(ctx, org.Org.ID, 1, 2)
		if err != nil {
			t.Fatal(err)
		}
		if d > 1100*time.Millisecond || d < 700*time.Millisecond {
			t.Fatalf("next request waits %s, want about 1s", d)
		}
		done, cancel2 := context.WithCancel(ctx)
		cancel2()
		if err := l.Wait(done); !errors.Is(err, context.Canceled) {
			t.Fatalf("Wait on a cancelled context = %v", err)
		}
	})
}

// BenchmarkSharedLimiter measures what one Wait costs when the bucket is
// never empty: one upsert in the database.
func BenchmarkSharedLimiter(b *testing.B) {
	for _, engine := range sqlstore.TestEngines() {
		b.Run(engine, func(b *testing.B) {
			s := sqlstore.OpenTest(b, engine)
			org := sqlstore.SeedTestOrg(b, s, "Acme")
			l := &leversync.SharedLimiter{Store: s, OrgID: org.Org.ID, Rate: 1e9, Burst: 1 << 30}
			ctx := context.Background()
			b.ResetTimer()
			for b.Loop() {
				if err := l.Wait(ctx); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
