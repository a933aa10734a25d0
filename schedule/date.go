package schedule

import (
	"fmt"
	"time"
)

// Date is a civil (local) date with no zone: the date an interviewer's or a
// candidate's own calendar shows.
type Date struct {
	Year  int
	Month time.Month
	Day   int
}

// DateOf returns the date t shows in its own location.
func DateOf(t time.Time) Date {
	y, m, d := t.Date()
	return Date{y, m, d}
}

// ParseDate parses "2006-01-02".
func ParseDate(s string) (Date, error) {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		return Date{}, fmt.Errorf("schedule: bad date %q: want YYYY-MM-DD", s)
	}
	return DateOf(t), nil
}

func (d Date) String() string { return fmt.Sprintf("%04d-%02d-%02d", d.Year, d.Month, d.Day) }

// noon is the date as an instant at 12:00 UTC, a safe anchor for arithmetic.
func (d Date) noon() time.Time { return time.Date(d.Year, d.Month, d.Day, 12, 0, 0, 0, time.UTC) }

// AddDays returns the date n days later (earlier when n < 0).
func (d Date) AddDays(n int) Date { return DateOf(d.noon().AddDate(0, 0, n)) }

// Weekday returns the day of the week of d.
func (d Date) Weekday() time.Weekday { return d.noon().Weekday() }

// Before reports whether d is earlier than e.
func (d Date) Before(e Date) bool { return d.noon().Before(e.noon()) }

// Valid reports whether d names a real date (month 1–12, day within it).
func (d Date) Valid() bool {
	return DateOf(time.Date(d.Year, d.Month, d.Day, 12, 0, 0, 0, time.UTC)) == d
}

// Clock is a wall-clock time of day in minutes after midnight. 0 is 00:00
// and 1440 (24:00) is the end of the day, valid only as the end of [Hours].
type Clock int

// EndOfDay is 24:00, the end of a day, for ranges that run to midnight.
const EndOfDay Clock = 24 * 60

// At returns the clock time hour:minute.
func At(hour, minute int) Clock { return Clock(hour*60 + minute) }

func (c Clock) String() string { return fmt.Sprintf("%02d:%02d", int(c)/60, int(c)%60) }

// Hours is a range of wall-clock time [Start, End) within one local day.
type Hours struct {
	Start, End Clock
}

// ParseHours parses "09:00-17:00"; the end may be "24:00".
func ParseHours(s string) (Hours, error) {
	var h1, m1, h2, m2 int
	if n, err := fmt.Sscanf(s, "%d:%d-%d:%d", &h1, &m1, &h2, &m2); err != nil || n != 4 {
		return Hours{}, fmt.Errorf("schedule: bad hours %q: want HH:MM-HH:MM", s)
	}
	h := Hours{At(h1, m1), At(h2, m2)}
	if m1 < 0 || m1 > 59 || m2 < 0 || m2 > 59 || !h.valid() {
		return Hours{}, fmt.Errorf("schedule: bad hours %q: want a start before the end within 00:00-24:00", s)
	}
	return h, nil
}

// MustHours is ParseHours for literals; it panics on a bad string.
func MustHours(s string) Hours {
	h, err := ParseHours(s)
	if err != nil {
		panic(err)
	}
	return h
}

func (h Hours) valid() bool { return 0 <= h.Start && h.Start < h.End && h.End <= EndOfDay }

func (h Hours) String() string { return h.Start.String() + "-" + h.End.String() }
