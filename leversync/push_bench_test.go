package leversync_test

import (
	"net/http"
	"slices"
	"testing"
	"time"

	"github.com/skillkeepr/skillkeepr"
	"github.com/skillkeepr/skillkeepr/sqlstore"
)

// BenchmarkPushLatency: the time from Done (the POST of the API) to every
// write of the push acknowledged by Lever, with an idle queue polling at
// its production default (River's one second), Lever's limit on in the
// sandbox and ours, on each engine. Each push is one candidate: the stage,
// the tag, the note and the feedback form (4 writes). Reports p50 and p99
// over 40 pushes (target p50 ≤ 1 s).
//
//	go test -run XXX -bench PushLatency -benchtime 1x ./leversync
func BenchmarkPushLatency(b *testing.B) {
	const n = 40
	for _, engine := range sqlstore.TestEngines() {
		b.Run(engine, func(b *testing.B) {
			for b.Loop() {
				b.StopTimer()
				e := newPushEnv(b, sqlstore.OpenTest(b, engine), pushEnvConfig{n: n, leverRate: true, timeout: 30 * time.Second, poll: -1})
				// Warm the stage list, the Lever user and the feedback
				// template with one push, as a running server has them.
				if code, _, err := e.post(e.apps[0].ID, e.stage.ID); err != nil || code != http.StatusAccepted {
					b.Fatalf("post: %d %v", code, err)
				}
				e.waitDone(1, 30*time.Second)
				b.StartTimer()
				var took []time.Duration
				for _, app := range e.apps[1:] {
					// Lever's bucket refills between clicks, as between people.
					time.Sleep(300 * time.Millisecond)
					start := time.Now()
					if code, _, err := e.post(app.ID, e.stage.ID); err != nil || code != http.StatusAccepted {
						b.Fatalf("post: %d %v", code, err)
					}
					for {
						p, err := e.store.FindLeverPush(e.org.Ctx(e.org.SuperAdmin), app.ID)
						if err != nil {
							b.Fatal(err)
						}
						if p.State == skillkeepr.PushPushed {
							break
						}
						if p.State == skillkeepr.PushFailed || time.Since(start) > time.Minute {
							b.Fatalf("push %+v", p)
						}
						time.Sleep(2 * time.Millisecond)
					}
					took = append(took, time.Since(start))
				}
				slices.Sort(took)
				b.ReportMetric(took[len(took)/2].Seconds(), "p50-s")
				b.ReportMetric(took[(len(took)*99)/100].Seconds(), "p99-s")
				b.ReportMetric(float64(e.rt.r429.Load()), "429s")
			}
		})
	}
}

// BenchmarkPushThroughput: 500 candidates pushed at once (500 POSTs), with
// Lever's limit on in the sandbox (10/s, bursts of 20) and the shared
// limiter of leversync: the sustained writes per second acknowledged by
// Lever between the first and the last write (target ≥ 9/s), the time the
// whole push took, and the 429s received (target 0). About four minutes.
//
//	go test -run XXX -bench PushThroughput/sqlite -benchtime 1x -timeout 20m ./leversync
func BenchmarkPushThroughput(b *testing.B) {
	const n = 500
	for _, engine := range sqlstore.TestEngines() {
		b.Run(engine, func(b *testing.B) {
			for b.Loop() {
				b.StopTimer()
				e := newPushEnv(b, sqlstore.OpenTest(b, engine), pushEnvConfig{n: n, leverRate: true, timeout: 30 * time.Second})
				// Let the bucket fill up after the set-up's calls.
				time.Sleep(2 * time.Second)
				e.rt.reset()
				b.StartTimer()
				start := time.Now()
				for _, app := range e.apps {
					if code, _, err := e.post(app.ID, e.stage.ID); err != nil || code != http.StatusAccepted {
						b.Fatalf("post: %d %v", code, err)
					}
				}
				e.waitDone(n, 15*time.Minute)
				took := time.Since(start)
				st, _ := e.states()
				if st[skillkeepr.PushPushed] != n {
					b.Fatalf("pushes %v", st)
				}
				e.rt.mu.Lock()
				span := e.rt.lastWrite.Sub(e.rt.firstWrite)
				e.rt.mu.Unlock()
				writes := e.rt.writes.Load()
				b.ReportMetric(float64(writes-1)/span.Seconds(), "writes/s")
				b.ReportMetric(float64(e.rt.calls.Load())/took.Seconds(), "calls/s")
				b.ReportMetric(float64(writes)/n, "writes/push")
				b.ReportMetric(took.Seconds(), "total-s")
				b.ReportMetric(float64(e.rt.r429.Load()), "429s")
			}
		})
	}
}
