package schedule

import "time"

// maxOffset bounds the UTC offset of any zone, past or present (local mean
// times reached about ±15:56); used only to size a search window.
const maxOffset = 16 * time.Hour

// period is a stretch of instants during which a zone keeps one offset.
type period struct {
	start, end time.Time
	offset     time.Duration
}

// periodsAround returns the zone periods of loc covering every instant whose
// local date could be d (the local day ± maxOffset).
func periodsAround(loc *time.Location, d Date) []period {
	nominal := time.Date(d.Year, d.Month, d.Day, 0, 0, 0, 0, time.UTC)
	lo, hi := nominal.Add(-maxOffset), nominal.Add(24*time.Hour+maxOffset)
	var ps []period
	for t := lo; t.Before(hi); {
		tl := t.In(loc)
		_, off := tl.Zone()
		_, end := tl.ZoneBounds()
		if end.IsZero() || !end.After(t) || end.After(hi) {
			end = hi
		}
		ps = append(ps, period{t, end, time.Duration(off) * time.Second})
		t = end
	}
	return ps
}

// wallInstants appends to dst the instants whose wall clock in the zone of
// ps shows date d and a time of day in h: for each offset period, the wall
// range [d h.Start, d h.End) minus that offset, cut to the period. This is
// the package's DST rule (see the package comment) in code: gaps yield
// nothing, repeated hours yield both occurrences.
func wallInstants(dst []Interval, ps []period, d Date, h Hours) []Interval {
	nominal := time.Date(d.Year, d.Month, d.Day, 0, 0, 0, 0, time.UTC)
	wa := nominal.Add(time.Duration(h.Start) * time.Minute)
	wb := nominal.Add(time.Duration(h.End) * time.Minute)
	for _, p := range ps {
		s, e := wa.Add(-p.offset), wb.Add(-p.offset)
		if s.Before(p.start) {
			s = p.start
		}
		if e.After(p.end) {
			e = p.end
		}
		if s.Before(e) {
			dst = append(dst, Interval{s, e})
		}
	}
	return dst
}

// repeatedWallTime reports whether the wall-clock time t shows in its own
// location occurs twice (clocks going back), so that showing it without an
// offset would be ambiguous.
func repeatedWallTime(t time.Time) bool {
	_, off := t.Zone()
	start, end := t.ZoneBounds()
	if !start.IsZero() {
		_, prev := start.Add(-time.Second).Zone()
		if d := time.Duration(prev-off) * time.Second; d > 0 && t.Sub(start) < d {
			return true // second occurrence
		}
	}
	if !end.IsZero() {
		_, next := end.Zone()
		if d := time.Duration(off-next) * time.Second; d > 0 && end.Sub(t) <= d {
			return true // first occurrence
		}
	}
	return false
}
