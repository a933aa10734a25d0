package schedule

import (
	"fmt"
	"slices"
	"time"

	"github.com/skillkeepr/skillkeepr"
)

// Mode says how the interviewers of a request are combined.
type Mode int

const (
	// Panel offers a slot only when every interviewer is free.
	Panel Mode = iota
	// RoundRobin offers a slot when at least one interviewer of the pool is
	// free, and assigns the least loaded free one.
	RoundRobin
)

// MaxWindow is the longest window FindSlots accepts.
const MaxWindow = 366 * 24 * time.Hour

// MinStep is the finest grid FindSlots accepts.
const MinStep = time.Minute

// Request asks for the free slots of one interview.
type Request struct {
	// Now is the current instant (injected clock): no slot starts before
	// Now plus each interviewer's MinNotice.
	Now time.Time
	// From and To bound the slots: From <= start and end <= To.
	From, To time.Time
	// Duration is the length of the interview.
	Duration time.Duration
	// Step is the grid: slots start at From, From+Step, From+2·Step, …
	// so put From on the boundary you want slots on, e.g.
	// From.Truncate(15*time.Minute) for quarter hours in every zone.
	Step time.Duration
	// Mode is Panel or RoundRobin.
	Mode Mode
	// Interviewers is the panel or the pool. For RoundRobin, ties in load
	// are broken by position in this slice: earlier wins.
	Interviewers []Availability
}

// Slot is a free slot: [Start, End) in UTC and who would interview. For a
// panel, Interviewers lists the whole panel in request order; for a
// round-robin pool, the one member chosen.
type Slot struct {
	Start, End   time.Time
	Interviewers []string
}

func (s Slot) String() string {
	return fmt.Sprintf("%s–%s %v", s.Start.Format(time.RFC3339), s.End.Format("15:04Z07:00"), s.Interviewers)
}

// Validate reports what is wrong with r, as an EINVALID domain error.
func (r Request) Validate() error {
	v := skillkeepr.Validation{}
	v.Check(!r.Now.IsZero(), "now", "The current time is missing.")
	v.Check(r.From.Before(r.To), "window", "The window must end after it starts.")
	v.Check(r.To.Sub(r.From) <= MaxWindow, "window", "The window may be at most 366 days long.")
	v.Check(r.Duration > 0 && r.Duration <= 24*time.Hour, "duration", "The interview must last between a minute and a day.")
	v.Check(r.Step >= MinStep, "step", "Slots must be at least a minute apart.")
	v.Check(r.Mode == Panel || r.Mode == RoundRobin, "mode", "Choose a panel or a round-robin pool.")
	v.Check(len(r.Interviewers) > 0, "interviewers", "Choose at least one interviewer.")
	seen := map[string]bool{}
	for _, a := range r.Interviewers {
		if err := a.Validate(); err != nil {
			v.Add("interviewers", fmt.Sprintf("Interviewer %q: %s", a.Interviewer, err))
		}
		v.Check(!seen[a.Interviewer], "interviewers", fmt.Sprintf("Interviewer %q appears twice.", a.Interviewer))
		seen[a.Interviewer] = true
	}
	return v.Err()
}

// member is one interviewer prepared for the sweep over the grid.
type member struct {
	id       string
	loc      *time.Location
	free     []Interval // working time minus buffered busy time, sorted, disjoint
	next     int        // sweep position in free
	earliest time.Time  // no slot starts before this (window start, notice)
	cap      int
	perDay   map[Date]int // busy intervals by local start date, when cap > 0
	load     int          // busy intervals overlapping the window
}

func prepare(a Availability, r Request) member {
	loc, _ := time.LoadLocation(a.TimeZone) // validated
	m := member{id: a.Interviewer, loc: loc, cap: a.DailyCap, earliest: r.From}
	if n := r.Now.Add(a.MinNotice); n.After(m.earliest) {
		m.earliest = n
	}
	var work []Interval
	last := DateOf(r.To.In(loc)).AddDays(1)
	for d := DateOf(r.From.In(loc)).AddDays(-1); !last.Before(d); d = d.AddDays(1) {
		hs := a.HoursOn(d)
		if len(hs) == 0 {
			continue
		}
		ps := periodsAround(loc, d)
		for _, h := range hs {
			work = wallInstants(work, ps, d, h)
		}
	}
	work = clip(normalize(work), r.From, r.To)
	busy := make([]Interval, 0, len(a.Busy))
	if m.cap > 0 {
		m.perDay = map[Date]int{}
	}
	for _, b := range a.Busy {
		busy = append(busy, Interval{b.Start.Add(-a.BufferBefore), b.End.Add(a.BufferAfter)})
		if b.Start.Before(r.To) && b.End.After(r.From) {
			m.load++
		}
		if m.perDay != nil {
			m.perDay[DateOf(b.Start.In(loc))]++
		}
	}
	m.free = subtract(work, normalize(busy))
	return m
}

// freeFor reports whether m can take [s, e); calls must come in increasing s.
func (m *member) freeFor(s, e time.Time) bool {
	if s.Before(m.earliest) {
		return false
	}
	for m.next+1 < len(m.free) && !m.free[m.next+1].Start.After(s) {
		m.next++
	}
	if m.next >= len(m.free) {
		return false
	}
	iv := m.free[m.next]
	if s.Before(iv.Start) || e.After(iv.End) {
		return false
	}
	if m.perDay != nil && m.perDay[DateOf(s.In(m.loc))] >= m.cap {
		return false
	}
	return true
}

// FindSlots returns the free slots of req in start order, starts in UTC. An
// invalid request (see Request.Validate) has no slots. The result depends
// only on req.
func FindSlots(req Request) []Slot {
	if req.Validate() != nil {
		return nil
	}
	// Drop monotonic clock readings so that every comparison is on the
	// wall clock, whatever mix of time.Now and stored times comes in.
	req.Now, req.From, req.To = req.Now.Round(0), req.From.Round(0), req.To.Round(0)
	ms := make([]member, len(req.Interviewers))
	for i, a := range req.Interviewers {
		ms[i] = prepare(a, req)
	}
	var panel []string
	if req.Mode == Panel {
		panel = make([]string, len(ms))
		for i := range ms {
			panel[i] = ms[i].id
		}
	}
	var out []Slot
	for s := req.From; !s.Add(req.Duration).After(req.To); s = s.Add(req.Step) {
		e := s.Add(req.Duration)
		switch req.Mode {
		case Panel:
			ok := true
			for i := range ms {
				if !ms[i].freeFor(s, e) {
					ok = false
					break
				}
			}
			if ok {
				out = append(out, Slot{s.UTC(), e.UTC(), slices.Clone(panel)})
			}
		case RoundRobin:
			best := -1
			for i := range ms {
				if ms[i].freeFor(s, e) && (best < 0 || ms[i].load < ms[best].load) {
					best = i
				}
			}
			if best >= 0 {
				out = append(out, Slot{s.UTC(), e.UTC(), []string{ms[best].id}})
			}
		}
	}
	return out
}
