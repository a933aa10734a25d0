package schedule

import (
	"fmt"
	"slices"
	"time"

	"github.com/skillkeepr/skillkeepr"
)

// OverrideKind says how an [Override] changes the weekly hours of its date.
type OverrideKind int

const (
	// DayOff removes all hours of the date.
	DayOff OverrideKind = iota + 1
	// ReplaceHours uses Override.Hours instead of the weekly hours.
	ReplaceHours
	// ExtraHours adds Override.Hours to the hours the date has so far.
	ExtraHours
)

// Override changes the hours of one local date of the interviewer. Several
// overrides of one date apply in slice order: DayOff clears, ReplaceHours
// sets, ExtraHours adds (so "day off" followed by "extra 18:00–19:00" leaves
// only 18:00–19:00).
type Override struct {
	Date  Date
	Kind  OverrideKind
	Hours []Hours
}

// Availability is one interviewer's time as FindSlots sees it.
type Availability struct {
	// Interviewer identifies the interviewer in the returned slots.
	Interviewer string
	// TimeZone is the IANA name of the zone the hours are written in,
	// e.g. "Europe/Berlin".
	TimeZone string
	// Weekly holds the hours of each weekday, indexed by time.Weekday.
	// Ranges may overlap or touch; they are joined.
	Weekly [7][]Hours
	// Overrides change the hours of single local dates.
	Overrides []Override
	// Busy are the interviewer's existing interviews. Each one also counts
	// towards DailyCap on the local date (in TimeZone) it starts, and towards
	// the load used to choose a round-robin member.
	Busy []Interval
	// BufferBefore and BufferAfter are kept free before and after each busy
	// interval: a slot may not overlap [Start-BufferBefore, End+BufferAfter).
	BufferBefore, BufferAfter time.Duration
	// MinNotice is the shortest time between Request.Now and a slot's start.
	MinNotice time.Duration
	// DailyCap is the most interviews per local day; a day that already has
	// DailyCap busy intervals starting on it offers no slot starting on it.
	// Zero means no cap.
	DailyCap int
}

// HoursOn returns the working hours of local date d after overrides, sorted
// and joined.
func (a Availability) HoursOn(d Date) []Hours {
	hs := slices.Clone(a.Weekly[d.Weekday()])
	for _, o := range a.Overrides {
		if o.Date != d {
			continue
		}
		switch o.Kind {
		case DayOff:
			hs = hs[:0]
		case ReplaceHours:
			hs = append(hs[:0], o.Hours...)
		case ExtraHours:
			hs = append(hs, o.Hours...)
		}
	}
	slices.SortFunc(hs, func(x, y Hours) int { return int(x.Start - y.Start) })
	out := hs[:0]
	for _, h := range hs {
		if n := len(out); n > 0 && h.Start <= out[n-1].End {
			out[n-1].End = max(out[n-1].End, h.End)
			continue
		}
		out = append(out, h)
	}
	return out
}

// Validate reports what is wrong with a, as an EINVALID domain error.
func (a Availability) Validate() error {
	v := skillkeepr.Validation{}
	v.Check(a.Interviewer != "", "interviewer", "Every interviewer needs an id.")
	if _, err := time.LoadLocation(a.TimeZone); err != nil || a.TimeZone == "" || a.TimeZone == "Local" {
		v.Add("time_zone", fmt.Sprintf("%q is not a known time zone.", a.TimeZone))
	}
	for wd, hs := range a.Weekly {
		for _, h := range hs {
			v.Check(h.valid(), "weekly", fmt.Sprintf("Hours %s on %s must start before they end, within 00:00–24:00.", h, time.Weekday(wd)))
		}
	}
	for _, o := range a.Overrides {
		v.Check(o.Date.Valid(), "overrides", fmt.Sprintf("%s is not a date.", o.Date))
		v.Check(o.Kind >= DayOff && o.Kind <= ExtraHours, "overrides", "Unknown kind of override.")
		for _, h := range o.Hours {
			v.Check(h.valid(), "overrides", fmt.Sprintf("Hours %s on %s must start before they end, within 00:00–24:00.", h, o.Date))
		}
	}
	for _, b := range a.Busy {
		v.Check(b.Start.Before(b.End), "busy", "A busy time must end after it starts.")
	}
	v.Check(a.BufferBefore >= 0 && a.BufferAfter >= 0, "buffers", "Buffers cannot be negative.")
	v.Check(a.MinNotice >= 0, "min_notice", "Minimum notice cannot be negative.")
	v.Check(a.DailyCap >= 0, "daily_cap", "The daily limit cannot be negative.")
	return v.Err()
}
