package schedule_test

import (
	"math/rand/v2"
	"slices"
	"testing"
	"time"

	"github.com/skillkeepr/skillkeepr/schedule"
)

// TestAgainstBruteForce compares FindSlots with the minute-by-minute checker
// on random availabilities around DST transitions: every returned slot is
// free for its interviewers, no free grid slot is missing, and the round-robin
// choice is the same.
func TestAgainstBruteForce(t *testing.T) {
	t.Parallel()
	n := 400
	if testing.Short() {
		n = 50
	}
	for seed := range uint64(n) {
		r := rand.New(rand.NewPCG(seed, 42))
		req := randomRequest(r)
		got, want := schedule.FindSlots(req), bruteForce(req)
		if !slices.EqualFunc(got, want, sameSlot) {
			t.Fatalf("seed %d: request %+v\n got %v\nwant %v", seed, req, got, want)
		}
	}
}

func sameSlot(a, b schedule.Slot) bool {
	return a.Start.Equal(b.Start) && a.End.Equal(b.End) && slices.Equal(a.Interviewers, b.Interviewers)
}

// checkSlots holds for any request: sorted, on the grid, inside the window,
// the right length, the right interviewers.
func checkSlots(t *testing.T, req schedule.Request, slots []schedule.Slot) {
	t.Helper()
	ids := map[string]bool{}
	for _, a := range req.Interviewers {
		ids[a.Interviewer] = true
	}
	for i, s := range slots {
		switch {
		case i > 0 && !slots[i-1].Start.Before(s.Start):
			t.Fatalf("slot %d %v not after %v", i, s, slots[i-1])
		case s.Start.Before(req.From) || s.End.After(req.To) || s.End.Sub(s.Start) != req.Duration:
			t.Fatalf("slot %v outside the window or of the wrong length", s)
		case s.Start.Sub(req.From)%req.Step != 0:
			t.Fatalf("slot %v off the grid", s)
		case s.Start.Location() != time.UTC:
			t.Fatalf("slot %v not in UTC", s)
		case req.Mode == schedule.Panel && len(s.Interviewers) != len(req.Interviewers):
			t.Fatalf("panel slot %v without the whole panel", s)
		case req.Mode == schedule.RoundRobin && (len(s.Interviewers) != 1 || !ids[s.Interviewers[0]]):
			t.Fatalf("round-robin slot %v without one pool member", s)
		}
	}
}

// FuzzFindSlots: no panic on any input, every slot valid and the same as the
// brute-force answer. The fuzzer drives a random request and then bends it
// with raw values (odd windows, steps, durations, offsets far from 2026).
func FuzzFindSlots(f *testing.F) {
	f.Add(uint64(1), int64(0), int64(0), int64(0), int64(0), uint8(0), "")
	f.Add(uint64(7), int64(-600), int64(3000), int64(7), int64(61), uint8(1), "Asia/Kathmandu")
	f.Add(uint64(9), int64(1<<30), int64(-5), int64(-1), int64(0), uint8(2), "Local")
	f.Fuzz(func(t *testing.T, seed uint64, shiftMin, extraMin, durMin, stepMin int64, mode uint8, zone string) {
		r := rand.New(rand.NewPCG(seed, 7))
		req := randomRequest(r)
		shift := time.Duration(shiftMin%(200*365*24*60)) * time.Minute
		req.From, req.To, req.Now = req.From.Add(shift), req.To.Add(shift+time.Duration(extraMin%(8*24*60))*time.Minute), req.Now.Add(shift)
		if durMin != 0 {
			req.Duration = time.Duration(durMin%(25*60)) * time.Minute
		}
		if stepMin != 0 {
			req.Step = time.Duration(stepMin%(24*60)) * time.Minute
		}
		req.Mode = schedule.Mode(mode % 3)
		if zone != "" { // time.LoadLocation refuses paths ("..", leading "/")
			req.Interviewers[0].TimeZone = zone
		}
		got := schedule.FindSlots(req)
		checkSlots(t, req, got)
		if want := bruteForce(req); !slices.EqualFunc(got, want, sameSlot) {
			t.Fatalf("request %+v\n got %v\nwant %v", req, got, want)
		}
	})
}
