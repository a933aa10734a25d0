package ical

import (
	"fmt"
	"time"
)

// observance is one STANDARD or DAYLIGHT sub-component: the zone changes at
// instant at from offset from to offset to.
type observance struct {
	at       time.Time
	from, to int // seconds east of UTC
	name     string
	dst      bool
}

// observances lists the transitions of loc from the one in force on
// 1 January of first's year through the last one before 1 January after
// last's year. A zone that never changed gives one observance with a zero at.
func observances(loc *time.Location, first, last time.Time) []observance {
	begin := time.Date(first.In(loc).Year(), 1, 1, 0, 0, 0, 0, loc)
	end := time.Date(last.In(loc).Year()+1, 1, 1, 0, 0, 0, 0, loc)
	at := func(t time.Time) observance {
		t = t.In(loc)
		_, from := t.Add(-time.Second).Zone()
		name, to := t.Zone()
		return observance{at: t, from: from, to: to, name: name, dst: t.IsDST()}
	}
	var obs []observance
	if start, _ := begin.ZoneBounds(); !start.IsZero() {
		obs = append(obs, at(start))
	} else {
		name, off := begin.Zone()
		obs = append(obs, observance{from: off, to: off, name: name, dst: begin.IsDST()})
	}
	for t := begin; ; {
		_, next := t.ZoneBounds()
		if next.IsZero() || !next.Before(end) || !next.After(t) {
			break
		}
		obs = append(obs, at(next))
		t = next
	}
	return obs
}

// writeVTimezone writes the VTIMEZONE of loc covering the years of start
// and end, as an explicit list of transitions (no RRULE).
func writeVTimezone(fw *foldWriter, tzid string, loc *time.Location, start, end time.Time) {
	fw.line("BEGIN:VTIMEZONE")
	fw.prop("TZID", escapeText(tzid))
	for _, o := range observances(loc, start, end) {
		kind := "STANDARD"
		if o.dst {
			kind = "DAYLIGHT"
		}
		dtstart := "19700101T000000"
		if !o.at.IsZero() {
			// Local time of the change on the clock before it (RFC 5545 3.6.5).
			dtstart = o.at.UTC().Add(time.Duration(o.from) * time.Second).Format(localLayout)
		}
		fw.line("BEGIN:" + kind)
		fw.prop("DTSTART", dtstart)
		fw.prop("TZOFFSETFROM", utcOffset(o.from))
		fw.prop("TZOFFSETTO", utcOffset(o.to))
		fw.prop("TZNAME", escapeText(o.name))
		fw.line("END:" + kind)
	}
	fw.line("END:VTIMEZONE")
}

// utcOffset formats seconds east of UTC as ±HHMM, or ±HHMMSS when needed.
func utcOffset(sec int) string {
	sign := '+'
	if sec < 0 {
		sign, sec = '-', -sec
	}
	if s := sec % 60; s != 0 {
		return fmt.Sprintf("%c%02d%02d%02d", sign, sec/3600, sec/60%60, s)
	}
	return fmt.Sprintf("%c%02d%02d", sign, sec/3600, sec/60%60)
}
