package schedule

import (
	"slices"
	"time"
)

// LocalSlot is a slot shown in a candidate's zone.
type LocalSlot struct {
	// Start and End are the slot's instants in the candidate's location.
	Start, End   time.Time
	Interviewers []string
	// Repeated is true when the start's wall-clock time occurs twice on
	// this date in the candidate's zone (clocks going back): show the
	// offset or zone abbreviation next to it, e.g. "01:30 EDT" and
	// "01:30 EST".
	Repeated bool
}

// Day is one local date of the candidate with the slots starting on it.
type Day struct {
	Date  Date
	Slots []LocalSlot
}

// GroupByDay presents slots in the candidate's location loc, grouped by the
// candidate's local date of each start, dates and slots in time order. Slots
// are never dropped, merged or moved: a date whose clocks jump forward simply
// has no slots in the gap, and one whose clocks go back may show the same
// wall time twice, marked Repeated.
func GroupByDay(slots []Slot, loc *time.Location) []Day {
	sorted := slices.Clone(slots)
	slices.SortStableFunc(sorted, func(a, b Slot) int { return a.Start.Compare(b.Start) })
	var days []Day
	for _, s := range sorted {
		st := s.Start.In(loc)
		ls := LocalSlot{Start: st, End: s.End.In(loc), Interviewers: s.Interviewers, Repeated: repeatedWallTime(st)}
		d := DateOf(st)
		if n := len(days); n > 0 && days[n-1].Date == d {
			days[n-1].Slots = append(days[n-1].Slots, ls)
			continue
		}
		days = append(days, Day{Date: d, Slots: []LocalSlot{ls}})
	}
	return days
}
