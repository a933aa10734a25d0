package schedule

import (
	"slices"
	"time"
)

// Interval is the half-open span of instants [Start, End).
type Interval struct {
	Start, End time.Time
}

func (iv Interval) empty() bool { return !iv.Start.Before(iv.End) }

// normalize sorts ivs, drops empty ones and joins overlapping or touching
// ones. It reuses the backing array.
func normalize(ivs []Interval) []Interval {
	ivs = slices.DeleteFunc(ivs, Interval.empty)
	slices.SortFunc(ivs, func(a, b Interval) int { return a.Start.Compare(b.Start) })
	out := ivs[:0]
	for _, iv := range ivs {
		if n := len(out); n > 0 && !iv.Start.After(out[n-1].End) {
			if iv.End.After(out[n-1].End) {
				out[n-1].End = iv.End
			}
			continue
		}
		out = append(out, iv)
	}
	return out
}

// subtract returns a minus b; both must be normalized.
func subtract(a, b []Interval) []Interval {
	var out []Interval
	j := 0
	for _, iv := range a {
		cur := iv
		for j < len(b) && !b[j].End.After(cur.Start) {
			j++
		}
		for k := j; k < len(b) && b[k].Start.Before(cur.End); k++ {
			if b[k].Start.After(cur.Start) {
				out = append(out, Interval{cur.Start, b[k].Start})
			}
			if b[k].End.After(cur.Start) {
				cur.Start = b[k].End
			}
			if !cur.Start.Before(cur.End) {
				break
			}
		}
		if cur.Start.Before(cur.End) {
			out = append(out, cur)
		}
	}
	return out
}

// clip returns the parts of the normalized ivs inside [lo, hi).
func clip(ivs []Interval, lo, hi time.Time) []Interval {
	var out []Interval
	for _, iv := range ivs {
		if iv.Start.Before(lo) {
			iv.Start = lo
		}
		if iv.End.After(hi) {
			iv.End = hi
		}
		if iv.Start.Before(iv.End) {
			out = append(out, iv)
		}
	}
	return out
}
