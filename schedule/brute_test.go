package schedule_test

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"time"

	"github.com/skillkeepr/skillkeepr/schedule"
)

// bruteForce is an independent, deliberately naive FindSlots: it decides
// minute by minute, from the interviewer's wall clock (time.Time.In), whether
// each minute of the window is free, then checks every grid slot minute by
// minute. It assumes every input is whole minutes (the generators make sure).
func bruteForce(req schedule.Request) []schedule.Slot {
	if req.Validate() != nil {
		return nil
	}
	n := int(req.To.Sub(req.From) / time.Minute)
	type bf struct {
		id       string
		loc      *time.Location
		free     []bool
		load     int
		earliest time.Time
		a        schedule.Availability
	}
	ms := make([]bf, len(req.Interviewers))
	for i, a := range req.Interviewers {
		loc, _ := time.LoadLocation(a.TimeZone)
		m := bf{id: a.Interviewer, loc: loc, free: make([]bool, n), a: a, earliest: req.Now.Add(a.MinNotice)}
		for k := range n {
			t := req.From.Add(time.Duration(k) * time.Minute)
			lt := t.In(loc)
			c := schedule.Clock(lt.Hour()*60 + lt.Minute())
			free := false
			for _, h := range bfHours(a, schedule.DateOf(lt)) {
				if h.Start <= c && c < h.End {
					free = true
				}
			}
			for _, b := range a.Busy {
				if !t.Before(b.Start.Add(-a.BufferBefore)) && t.Before(b.End.Add(a.BufferAfter)) {
					free = false
				}
			}
			m.free[k] = free
		}
		for _, b := range a.Busy {
			if b.Start.Before(req.To) && b.End.After(req.From) {
				m.load++
			}
		}
		ms[i] = m
	}
	freeFor := func(m bf, s time.Time) bool {
		if s.Before(m.earliest) {
			return false
		}
		k0 := int(s.Sub(req.From) / time.Minute)
		for k := k0; k < k0+int(req.Duration/time.Minute); k++ {
			if !m.free[k] {
				return false
			}
		}
		if m.a.DailyCap > 0 {
			day, count := schedule.DateOf(s.In(m.loc)), 0
			for _, b := range m.a.Busy {
				if schedule.DateOf(b.Start.In(m.loc)) == day {
					count++
				}
			}
			if count >= m.a.DailyCap {
				return false
			}
		}
		return true
	}
	var out []schedule.Slot
	for s := req.From; !s.Add(req.Duration).After(req.To); s = s.Add(req.Step) {
		var who []string
		if req.Mode == schedule.Panel {
			for _, m := range ms {
				if !freeFor(m, s) {
					who = nil
					break
				}
				who = append(who, m.id)
			}
		} else {
			best := -1
			for i, m := range ms {
				if freeFor(m, s) && (best < 0 || m.load < ms[best].load) {
					best = i
				}
			}
			if best >= 0 {
				who = []string{ms[best].id}
			}
		}
		if who != nil {
			out = append(out, schedule.Slot{Start: s.UTC(), End: s.Add(req.Duration).UTC(), Interviewers: who})
		}
	}
	return out
}

// bfHours re-derives a date's hours from the weekly hours and overrides,
// without sorting or joining (a minute is free if any range holds it).
func bfHours(a schedule.Availability, d schedule.Date) []schedule.Hours {
	hs := slices.Clone(a.Weekly[d.Weekday()])
	for _, o := range a.Overrides {
		if o.Date == d {
			switch o.Kind {
			case schedule.DayOff:
				hs = nil
			case schedule.ReplaceHours:
				hs = slices.Clone(o.Hours)
			case schedule.ExtraHours:
				hs = append(hs, o.Hours...)
			}
		}
	}
	return hs
}

// Zones with every kind of transition: both hemispheres, half-hour DST
// (Lord Howe), a change at midnight that repeats the end of Saturday
// (Santiago), changes at midnight (Havana), none at all (Kolkata, UTC).
var zones = []string{
	"America/New_York", "Europe/Berlin", "Australia/Sydney", "Asia/Kolkata",
	"UTC", "Europe/London", "Australia/Lord_Howe", "America/Santiago", "America/Havana",
}

// Dates near 2026 transitions of those zones.
var transitionDays = []string{
	"2026-03-08", "2026-03-14", "2026-03-29", "2026-04-05", "2026-09-06",
	"2026-10-04", "2026-10-25", "2026-11-01", "2026-06-15",
}

// randomRequest builds a whole-minute request around a transition date.
func randomRequest(r *rand.Rand) schedule.Request {
	day, _ := time.Parse(time.DateOnly, transitionDays[r.IntN(len(transitionDays))])
	from := day.Add(-time.Duration(r.IntN(48*4)) * 15 * time.Minute)
	to := from.Add(time.Duration(4+r.IntN(72*4)) * 15 * time.Minute)
	req := schedule.Request{
		Now:      from.Add(time.Duration(r.IntN(24*60)-12*60) * time.Minute),
		From:     from,
		To:       to,
		Duration: time.Duration(1+r.IntN(8)) * 15 * time.Minute,
		Step:     []time.Duration{5 * time.Minute, 15 * time.Minute, 30 * time.Minute, time.Hour}[r.IntN(4)],
		Mode:     schedule.Mode(r.IntN(2)),
	}
	for i := range 1 + r.IntN(4) {
		a := schedule.Availability{
			Interviewer:  fmt.Sprintf("i%d", i),
			TimeZone:     zones[r.IntN(len(zones))],
			BufferBefore: time.Duration(r.IntN(4)) * 5 * time.Minute,
			BufferAfter:  time.Duration(r.IntN(4)) * 5 * time.Minute,
			MinNotice:    time.Duration(r.IntN(5)) * time.Hour,
			DailyCap:     r.IntN(4),
		}
		for wd := range a.Weekly {
			a.Weekly[wd] = randomHours(r)
		}
		for range r.IntN(3) {
			a.Overrides = append(a.Overrides, schedule.Override{
				Date:  schedule.DateOf(from.AddDate(0, 0, r.IntN(4)-1)),
				Kind:  schedule.OverrideKind(1 + r.IntN(3)),
				Hours: randomHours(r),
			})
		}
		for range r.IntN(10) {
			s := from.Add(time.Duration(r.IntN(5*24*12)-24*12) * 5 * time.Minute)
			a.Busy = append(a.Busy, schedule.Interval{Start: s, End: s.Add(time.Duration(1+r.IntN(24)) * 5 * time.Minute)})
		}
		req.Interviewers = append(req.Interviewers, a)
	}
	return req
}

func randomHours(r *rand.Rand) []schedule.Hours {
	var hs []schedule.Hours
	for range r.IntN(4) {
		s := r.IntN(96)
		e := s + 1 + r.IntN(96-s)
		hs = append(hs, schedule.Hours{Start: schedule.Clock(s * 15), End: schedule.Clock(e * 15)})
	}
	return hs
}
