package schedule_test

import (
	"testing"
	"time"

	"github.com/skillkeepr/skillkeepr/schedule"
)

const utcMinute = "2006-01-02T15:04Z"

// at parses "2026-03-08T06:00Z".
func at(t testing.TB, s string) time.Time {
	t.Helper()
	v, err := time.Parse(utcMinute, s)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

func mustLoc(t testing.TB, name string) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation(name)
	if err != nil {
		t.Fatal(err)
	}
	return loc
}

func hours(ss ...string) []schedule.Hours {
	out := make([]schedule.Hours, len(ss))
	for i, s := range ss {
		out[i] = schedule.MustHours(s)
	}
	return out
}

// weekdays gives the same hours Monday to Friday.
func weekdays(ss ...string) [7][]schedule.Hours {
	var w [7][]schedule.Hours
	for d := time.Monday; d <= time.Friday; d++ {
		w[d] = hours(ss...)
	}
	return w
}

func everyDay(ss ...string) [7][]schedule.Hours {
	var w [7][]schedule.Hours
	for d := range w {
		w[d] = hours(ss...)
	}
	return w
}

func on(day time.Weekday, ss ...string) [7][]schedule.Hours {
	var w [7][]schedule.Hours
	w[day] = hours(ss...)
	return w
}

func starts(slots []schedule.Slot) []string {
	out := []string{}
	for _, s := range slots {
		out = append(out, s.Start.UTC().Format(utcMinute))
	}
	return out
}

func equal(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func date(t testing.TB, s string) schedule.Date {
	t.Helper()
	d, err := schedule.ParseDate(s)
	if err != nil {
		t.Fatal(err)
	}
	return d
}
