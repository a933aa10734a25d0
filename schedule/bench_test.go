package schedule_test

import (
	"fmt"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/skillkeepr/skillkeepr/schedule"
)

// panelRequest is a 5-person panel over 4 weeks (March 2026, across the US
// and EU changes) with realistic calendars: weekday hours with a lunch
// break in five zones, 1–3 existing interviews per person per working day,
// a few days off, buffers, notice and a daily cap; 60-minute interviews on a
// 15-minute grid.
func panelRequest() schedule.Request {
	r := rand.New(rand.NewPCG(2026, 3))
	from := time.Date(2026, 3, 2, 0, 0, 0, 0, time.UTC)
	req := schedule.Request{
		Now: from.Add(-time.Hour), From: from, To: from.AddDate(0, 0, 28),
		Duration: time.Hour, Step: 15 * time.Minute, Mode: schedule.Panel,
	}
	tz := []string{"Europe/London", "Europe/Berlin", "Europe/Berlin", "America/New_York", "Europe/Helsinki"}
	for i, z := range tz {
		loc, _ := time.LoadLocation(z)
		a := schedule.Availability{
			Interviewer: fmt.Sprintf("interviewer-%d", i), TimeZone: z,
			Weekly:       weekdays("08:00-12:00", "13:00-18:00"),
			BufferBefore: 10 * time.Minute, BufferAfter: 10 * time.Minute,
			MinNotice: 24 * time.Hour, DailyCap: 6,
		}
		a.Weekly[time.Saturday] = hours("10:00-12:00")
		for d := range 28 {
			day := from.AddDate(0, 0, d)
			if wd := day.Weekday(); wd == time.Saturday || wd == time.Sunday {
				continue
			}
			if r.IntN(15) == 0 {
				a.Overrides = append(a.Overrides, schedule.Override{Date: schedule.DateOf(day), Kind: schedule.DayOff})
			}
			for range 1 + r.IntN(3) {
				start := time.Date(day.Year(), day.Month(), day.Day(), 8+r.IntN(9), 15*r.IntN(4), 0, 0, loc)
				a.Busy = append(a.Busy, schedule.Interval{Start: start, End: start.Add(time.Duration(2+r.IntN(3)) * 15 * time.Minute)})
			}
		}
		req.Interviewers = append(req.Interviewers, a)
	}
	return req
}

func BenchmarkPanel5x4Weeks(b *testing.B) {
	req := panelRequest()
	if err := req.Validate(); err != nil {
		b.Fatal(err)
	}
	n := len(schedule.FindSlots(req))
	if n == 0 {
		b.Fatal("no slots: the benchmark would measure nothing")
	}
	b.ReportAllocs()
	start := time.Now()
	for b.Loop() {
		schedule.FindSlots(req)
	}
	b.ReportMetric(float64(time.Since(start).Microseconds())/1000/float64(b.N), "ms/op")
	b.ReportMetric(float64(n), "slots")
}

// TestBenchmarkRequestMatchesBruteForce keeps the benchmark honest: the
// answer it times is the right one.
func TestBenchmarkRequestMatchesBruteForce(t *testing.T) {
	t.Parallel()
	req := panelRequest()
	got, want := schedule.FindSlots(req), bruteForce(req)
	if len(got) != len(want) {
		t.Fatalf("got %d slots, brute force %d", len(got), len(want))
	}
	for i := range got {
		if !sameSlot(got[i], want[i]) {
			t.Fatalf("slot %d: got %v, want %v", i, got[i], want[i])
		}
	}
}
