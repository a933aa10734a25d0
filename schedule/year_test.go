package schedule_test

import (
	"testing"
	"time"

	"github.com/skillkeepr/skillkeepr/schedule"
)

// TestWholeYearKeepsWallClock walks all of 2026, both changes included, for
// an interviewer in each zone: every weekday offers exactly the starts
// 09:00, 09:15, … 16:00 on the interviewer's own clock — none lost, none
// doubled, none shifted by an hour — and weekends nothing. A candidate in
// another zone sees the same slots, each once.
func TestWholeYearKeepsWallClock(t *testing.T) {
	t.Parallel()
	pairs := [][2]string{
		{"America/New_York", "Europe/Berlin"},
		{"Europe/Berlin", "Australia/Sydney"},
		{"Australia/Sydney", "Asia/Kolkata"},
		{"Asia/Kolkata", "America/New_York"},
	}
	var want []string
	for c := schedule.At(9, 0); c <= schedule.At(16, 0); c += 15 {
		want = append(want, c.String())
	}
	for _, p := range pairs {
		zone, candidate := p[0], p[1]
		t.Run(zone, func(t *testing.T) {
			t.Parallel()
			loc := mustLoc(t, zone)
			req := schedule.Request{
				Now:  at(t, "2025-12-01T00:00Z"),
				From: time.Date(2026, 1, 1, 0, 0, 0, 0, loc), To: time.Date(2027, 1, 1, 0, 0, 0, 0, loc),
				Duration: time.Hour, Step: 15 * time.Minute,
				Interviewers: []schedule.Availability{{Interviewer: "i", TimeZone: zone, Weekly: weekdays("09:00-17:00")}},
			}
			slots := schedule.FindSlots(req)
			byDate := map[schedule.Date][]string{}
			for _, s := range slots {
				l := s.Start.In(loc)
				byDate[schedule.DateOf(l)] = append(byDate[schedule.DateOf(l)], l.Format("15:04"))
			}
			days := 0
			for d := schedule.DateOf(req.From.In(loc)); d.Before(schedule.DateOf(req.To.In(loc))); d = d.AddDays(1) {
				got := byDate[d]
				if wd := d.Weekday(); wd == time.Saturday || wd == time.Sunday {
					if len(got) != 0 {
						t.Errorf("%s (%s): %v", d, wd, got)
					}
					continue
				}
				days++
				if !equal(got, want) {
					t.Errorf("%s: %v", d, got)
				}
			}
			if days != 261 || len(slots) != 261*len(want) {
				t.Errorf("%d weekdays, %d slots; want 261, %d", days, len(slots), 261*len(want))
			}
			seen, n := map[time.Time]bool{}, 0
			for _, d := range schedule.GroupByDay(slots, mustLoc(t, candidate)) {
				for _, s := range d.Slots {
					if seen[s.Start] || schedule.DateOf(s.Start) != d.Date {
						t.Errorf("candidate view: %v twice or under the wrong date %s", s.Start, d.Date)
					}
					seen[s.Start] = true
					n++
				}
			}
			if n != len(slots) {
				t.Errorf("candidate sees %d slots, want %d", n, len(slots))
			}
		})
	}
}
