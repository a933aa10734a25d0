package schedule_test

import (
	"strings"
	"testing"
	"time"

	"github.com/skillkeepr/skillkeepr"
	"github.com/skillkeepr/skillkeepr/schedule"
)

func busy(t testing.TB, pairs ...string) []schedule.Interval {
	var out []schedule.Interval
	for i := 0; i < len(pairs); i += 2 {
		out = append(out, schedule.Interval{Start: at(t, pairs[i]), End: at(t, pairs[i+1])})
	}
	return out
}

// slotStrings renders "start interviewers" for comparisons that include who.
func slotStrings(slots []schedule.Slot) []string {
	out := []string{}
	for _, s := range slots {
		out = append(out, s.Start.Format(utcMinute)+" "+strings.Join(s.Interviewers, ","))
	}
	return out
}

func TestRules(t *testing.T) {
	t.Parallel()
	// All cases: Wednesday 2026-03-11, 60-min window steps unless said.
	tests := []struct {
		name  string
		mode  schedule.Mode
		now   string
		from  string
		to    string
		dur   time.Duration
		step  time.Duration
		avail func(t testing.TB) []schedule.Availability
		want  []string
	}{
		{
			name: "buffers around a busy interval", from: "2026-03-11T00:00Z", to: "2026-03-12T00:00Z",
			dur: 30 * time.Minute, step: 15 * time.Minute,
			avail: func(t testing.TB) []schedule.Availability {
				return []schedule.Availability{{Interviewer: "a", TimeZone: "UTC", Weekly: everyDay("09:00-13:00"),
					Busy: busy(t, "2026-03-11T10:00Z", "2026-03-11T11:00Z"), BufferBefore: 15 * time.Minute, BufferAfter: 30 * time.Minute}}
			},
			want: []string{"2026-03-11T09:00Z a", "2026-03-11T09:15Z a", "2026-03-11T11:30Z a", "2026-03-11T11:45Z a", "2026-03-11T12:00Z a", "2026-03-11T12:15Z a", "2026-03-11T12:30Z a"},
		},
		{
			name: "minimum notice", now: "2026-03-11T08:50Z", from: "2026-03-11T00:00Z", to: "2026-03-12T00:00Z",
			dur: time.Hour, step: 30 * time.Minute,
			avail: func(t testing.TB) []schedule.Availability {
				return []schedule.Availability{{Interviewer: "a", TimeZone: "UTC", Weekly: everyDay("09:00-12:00"), MinNotice: time.Hour}}
			},
			want: []string{"2026-03-11T10:00Z a", "2026-03-11T10:30Z a", "2026-03-11T11:00Z a"},
		},
		{
			name: "nothing in the past even without notice", now: "2026-03-11T10:10Z", from: "2026-03-11T00:00Z", to: "2026-03-12T00:00Z",
			dur: time.Hour, step: 30 * time.Minute,
			avail: func(t testing.TB) []schedule.Availability {
				return []schedule.Availability{{Interviewer: "a", TimeZone: "UTC", Weekly: everyDay("09:00-12:00")}}
			},
			want: []string{"2026-03-11T10:30Z a", "2026-03-11T11:00Z a"},
		},
		{
			name: "daily cap counts the interviewer's local days, not UTC days", from: "2026-03-09T00:00Z", to: "2026-03-12T00:00Z",
			dur: time.Hour, step: 30 * time.Minute,
			avail: func(t testing.TB) []schedule.Availability {
				return []schedule.Availability{{Interviewer: "a", TimeZone: "Asia/Kolkata", Weekly: everyDay("09:00-11:00"), DailyCap: 2,
					// 2026-03-10 01:30 and 15:30 IST: two interviews on local 10 March, one on each UTC day.
					Busy: busy(t, "2026-03-09T20:00Z", "2026-03-09T20:30Z", "2026-03-10T10:00Z", "2026-03-10T10:30Z")}}
			},
			want: []string{"2026-03-09T03:30Z a", "2026-03-09T04:00Z a", "2026-03-09T04:30Z a", "2026-03-11T03:30Z a", "2026-03-11T04:00Z a", "2026-03-11T04:30Z a"},
		},
		{
			name: "overrides: day off, replacement, extra, day off then extra", from: "2026-03-10T00:00Z", to: "2026-03-15T00:00Z",
			dur: time.Hour, step: time.Hour,
			avail: func(t testing.TB) []schedule.Availability {
				return []schedule.Availability{{Interviewer: "a", TimeZone: "America/New_York", Weekly: weekdays("09:00-12:00"),
					Overrides: []schedule.Override{
						{Date: date(t, "2026-03-10"), Kind: schedule.DayOff},
						{Date: date(t, "2026-03-11"), Kind: schedule.ReplaceHours, Hours: hours("13:00-14:00")},
						{Date: date(t, "2026-03-12"), Kind: schedule.ExtraHours, Hours: hours("18:00-19:00")},
						{Date: date(t, "2026-03-14"), Kind: schedule.DayOff},
						{Date: date(t, "2026-03-14"), Kind: schedule.ExtraHours, Hours: hours("10:00-11:00")},
					}}}
			},
			want: []string{"2026-03-11T17:00Z a", "2026-03-12T13:00Z a", "2026-03-12T14:00Z a", "2026-03-12T15:00Z a", "2026-03-12T22:00Z a",
				"2026-03-13T13:00Z a", "2026-03-13T14:00Z a", "2026-03-13T15:00Z a", "2026-03-14T14:00Z a"},
		},
		{
			name: "touching hour ranges join, also across midnight", from: "2026-03-11T00:00Z", to: "2026-03-13T00:00Z",
			dur: 2 * time.Hour, step: time.Hour,
			avail: func(t testing.TB) []schedule.Availability {
				var w [7][]schedule.Hours
				w[time.Wednesday] = hours("22:00-23:00", "23:00-24:00")
				w[time.Thursday] = hours("00:00-01:00")
				return []schedule.Availability{{Interviewer: "a", TimeZone: "UTC", Weekly: w}}
			},
			want: []string{"2026-03-11T22:00Z a", "2026-03-11T23:00Z a"},
		},
		{
			name: "panel: every member must be free", from: "2026-03-11T00:00Z", to: "2026-03-12T00:00Z",
			dur: time.Hour, step: time.Hour,
			avail: func(t testing.TB) []schedule.Availability {
				return []schedule.Availability{
					{Interviewer: "a", TimeZone: "UTC", Weekly: everyDay("09:00-13:00"), Busy: busy(t, "2026-03-11T09:00Z", "2026-03-11T10:00Z")},
					{Interviewer: "b", TimeZone: "UTC", Weekly: everyDay("09:00-13:00"), Busy: busy(t, "2026-03-11T11:00Z", "2026-03-11T12:00Z")},
				}
			},
			want: []string{"2026-03-11T10:00Z a,b", "2026-03-11T12:00Z a,b"},
		},
		{
			name: "round robin: any free member, least loaded first, ties by pool order", mode: schedule.RoundRobin,
			from: "2026-03-11T00:00Z", to: "2026-03-12T00:00Z", dur: time.Hour, step: time.Hour,
			avail: func(t testing.TB) []schedule.Availability {
				return []schedule.Availability{
					// a: two interviews in the window; b: one; c: one, listed after b.
					{Interviewer: "a", TimeZone: "UTC", Weekly: everyDay("09:00-15:00"), Busy: busy(t, "2026-03-11T09:00Z", "2026-03-11T10:00Z", "2026-03-11T10:00Z", "2026-03-11T11:00Z")},
					{Interviewer: "b", TimeZone: "UTC", Weekly: everyDay("09:00-15:00"), Busy: busy(t, "2026-03-11T12:00Z", "2026-03-11T13:00Z")},
					{Interviewer: "c", TimeZone: "UTC", Weekly: everyDay("09:00-14:00"), Busy: busy(t, "2026-03-11T09:00Z", "2026-03-11T10:00Z")},
				}
			},
			want: []string{"2026-03-11T09:00Z b", "2026-03-11T10:00Z b", "2026-03-11T11:00Z b", "2026-03-11T12:00Z c", "2026-03-11T13:00Z b", "2026-03-11T14:00Z b"},
		},
		{
			name: "round robin: the only free member takes the slot even when loaded", mode: schedule.RoundRobin,
			from: "2026-03-11T00:00Z", to: "2026-03-12T00:00Z", dur: time.Hour, step: time.Hour,
			avail: func(t testing.TB) []schedule.Availability {
				return []schedule.Availability{
					{Interviewer: "a", TimeZone: "UTC", Weekly: everyDay("09:00-12:00"), Busy: busy(t, "2026-03-11T06:00Z", "2026-03-11T07:00Z", "2026-03-11T07:00Z", "2026-03-11T08:00Z")},
					{Interviewer: "b", TimeZone: "UTC", Weekly: everyDay("10:00-11:00")},
				}
			},
			want: []string{"2026-03-11T09:00Z a", "2026-03-11T10:00Z b", "2026-03-11T11:00Z a"},
		},
		{
			name: "the window bounds both ends", from: "2026-03-11T09:30Z", to: "2026-03-11T11:45Z",
			dur: time.Hour, step: 15 * time.Minute,
			avail: func(t testing.TB) []schedule.Availability {
				return []schedule.Availability{{Interviewer: "a", TimeZone: "UTC", Weekly: everyDay("09:00-17:00")}}
			},
			want: []string{"2026-03-11T09:30Z a", "2026-03-11T09:45Z a", "2026-03-11T10:00Z a", "2026-03-11T10:15Z a", "2026-03-11T10:30Z a", "2026-03-11T10:45Z a"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			now := "2026-03-01T00:00Z"
			if tt.now != "" {
				now = tt.now
			}
			req := schedule.Request{Now: at(t, now), From: at(t, tt.from), To: at(t, tt.to), Duration: tt.dur, Step: tt.step, Mode: tt.mode, Interviewers: tt.avail(t)}
			if err := req.Validate(); err != nil {
				t.Fatal(err)
			}
			if got := slotStrings(schedule.FindSlots(req)); !equal(got, tt.want) {
				t.Errorf("\n got %v\nwant %v", got, tt.want)
			}
		})
	}
}

func TestValidate(t *testing.T) {
	t.Parallel()
	good := func() schedule.Request {
		return schedule.Request{
			Now: at(t, "2026-03-01T00:00Z"), From: at(t, "2026-03-02T00:00Z"), To: at(t, "2026-03-03T00:00Z"),
			Duration: time.Hour, Step: 15 * time.Minute,
			Interviewers: []schedule.Availability{{Interviewer: "a", TimeZone: "Europe/Berlin", Weekly: weekdays("09:00-17:00")}},
		}
	}
	if err := good().Validate(); err != nil {
		t.Fatalf("good request: %v", err)
	}
	tests := []struct {
		name  string
		edit  func(r *schedule.Request)
		field string
	}{
		{"no clock", func(r *schedule.Request) { r.Now = time.Time{} }, "now"},
		{"empty window", func(r *schedule.Request) { r.To = r.From }, "window"},
		{"window too long", func(r *schedule.Request) { r.To = r.From.Add(schedule.MaxWindow + time.Hour) }, "window"},
		{"no duration", func(r *schedule.Request) { r.Duration = 0 }, "duration"},
		{"step too fine", func(r *schedule.Request) { r.Step = time.Second }, "step"},
		{"unknown mode", func(r *schedule.Request) { r.Mode = 7 }, "mode"},
		{"nobody", func(r *schedule.Request) { r.Interviewers = nil }, "interviewers"},
		{"twice", func(r *schedule.Request) { r.Interviewers = append(r.Interviewers, r.Interviewers[0]) }, "interviewers"},
		{"unknown zone", func(r *schedule.Request) { r.Interviewers[0].TimeZone = "Mars/Olympus" }, "interviewers"},
		{"host zone", func(r *schedule.Request) { r.Interviewers[0].TimeZone = "Local" }, "interviewers"},
		{"backwards hours", func(r *schedule.Request) { r.Interviewers[0].Weekly[1] = []schedule.Hours{{Start: 600, End: 540}} }, "interviewers"},
		{"negative buffer", func(r *schedule.Request) { r.Interviewers[0].BufferAfter = -time.Minute }, "interviewers"},
		{"backwards busy", func(r *schedule.Request) {
			r.Interviewers[0].Busy = []schedule.Interval{{Start: r.To, End: r.From}}
		}, "interviewers"},
		{"bad override date", func(r *schedule.Request) {
			r.Interviewers[0].Overrides = []schedule.Override{{Date: schedule.Date{Year: 2026, Month: 2, Day: 30}, Kind: schedule.DayOff}}
		}, "interviewers"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			r := good()
			tt.edit(&r)
			err := r.Validate()
			if skillkeepr.ErrorCodeOf(err) != skillkeepr.EINVALID || skillkeepr.ErrorFields(err)[tt.field] == "" {
				t.Fatalf("got %v, want an invalid %s", err, tt.field)
			}
			if got := schedule.FindSlots(r); got != nil {
				t.Errorf("invalid request gave slots %v", got)
			}
		})
	}
}

func TestParseHours(t *testing.T) {
	t.Parallel()
	for _, s := range []string{"09:00-17:00", "00:00-24:00", "22:30-23:45"} {
		h, err := schedule.ParseHours(s)
		if err != nil || h.String() != s {
			t.Errorf("ParseHours(%q) = %v, %v", s, h, err)
		}
	}
	for _, s := range []string{"", "9-17", "17:00-09:00", "09:00-09:00", "09:60-10:00", "00:00-24:01", "-01:00-02:00"} {
		if _, err := schedule.ParseHours(s); err == nil {
			t.Errorf("ParseHours(%q) accepted", s)
		}
	}
}

func TestGroupByDayMarksRepeatedTimes(t *testing.T) {
	t.Parallel()
	// Slots in UTC around New York's fall back, shown to a candidate in New York.
	var slots []schedule.Slot
	for _, s := range []string{"2026-11-01T04:30Z", "2026-11-01T05:30Z", "2026-11-01T06:30Z", "2026-11-01T07:30Z"} {
		slots = append(slots, schedule.Slot{Start: at(t, s), End: at(t, s).Add(30 * time.Minute), Interviewers: []string{"a"}})
	}
	// Given out of order on purpose.
	slots[0], slots[3] = slots[3], slots[0]
	days := schedule.GroupByDay(slots, mustLoc(t, "America/New_York"))
	if len(days) != 1 || days[0].Date.String() != "2026-11-01" {
		t.Fatalf("days = %+v", days)
	}
	var got []string
	for _, s := range days[0].Slots {
		label := s.Start.Format("15:04 MST")
		if s.Repeated {
			label += " (repeated)"
		}
		got = append(got, label)
	}
	want := []string{"00:30 EDT", "01:30 EDT (repeated)", "01:30 EST (repeated)", "02:30 EST"}
	if !equal(got, want) {
		t.Errorf("\n got %v\nwant %v", got, want)
	}
}

func TestDate(t *testing.T) {
	t.Parallel()
	d := date(t, "2026-02-28")
	if d.AddDays(1).String() != "2026-03-01" || d.AddDays(-59).String() != "2025-12-31" || d.Weekday() != time.Saturday {
		t.Errorf("date arithmetic: %v %v %v", d.AddDays(1), d.AddDays(-59), d.Weekday())
	}
	if !d.Before(d.AddDays(1)) || d.Before(d) {
		t.Error("Before")
	}
	if _, err := schedule.ParseDate("2026-02-30"); err == nil {
		t.Error("ParseDate accepted 30 February")
	}
}
