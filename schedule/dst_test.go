package schedule_test

import (
	"strings"
	"testing"
	"time"

	"github.com/skillkeepr/skillkeepr/schedule"
)

// TestDSTTransitions pins exact slot lists around each 2026 transition of
// the four zones, for daytime hours (which must keep their wall-clock times)
// and for night hours touching the gap or the repeated hour.
func TestDSTTransitions(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name     string
		zone     string
		weekly   [7][]schedule.Hours
		from, to string
		dur      time.Duration
		step     time.Duration
		want     []string
		wantWall []string // the starts on the interviewer's own clock, "15:04 MST"
	}{
		{
			name: "New York spring forward: 09:00 stays 09:00", zone: "America/New_York",
			weekly: weekdays("09:00-12:00"), from: "2026-03-06T00:00Z", to: "2026-03-10T00:00Z", dur: time.Hour, step: time.Hour,
			want:     []string{"2026-03-06T14:00Z", "2026-03-06T15:00Z", "2026-03-06T16:00Z", "2026-03-09T13:00Z", "2026-03-09T14:00Z", "2026-03-09T15:00Z"},
			wantWall: []string{"09:00 EST", "10:00 EST", "11:00 EST", "09:00 EDT", "10:00 EDT", "11:00 EDT"},
		},
		{
			name: "New York spring gap: 01:00-04:00 is two real hours", zone: "America/New_York",
			weekly: on(time.Sunday, "01:00-04:00"), from: "2026-03-08T00:00Z", to: "2026-03-09T00:00Z", dur: 30 * time.Minute, step: 30 * time.Minute,
			want:     []string{"2026-03-08T06:00Z", "2026-03-08T06:30Z", "2026-03-08T07:00Z", "2026-03-08T07:30Z"},
			wantWall: []string{"01:00 EST", "01:30 EST", "03:00 EDT", "03:30 EDT"},
		},
		{
			name: "New York spring gap: hours inside the gap are empty, hours starting in it begin at 03:00", zone: "America/New_York",
			weekly: on(time.Sunday, "02:15-02:45", "02:30-04:00"), from: "2026-03-08T00:00Z", to: "2026-03-09T00:00Z", dur: 30 * time.Minute, step: 15 * time.Minute,
			want:     []string{"2026-03-08T07:00Z", "2026-03-08T07:15Z", "2026-03-08T07:30Z"},
			wantWall: []string{"03:00 EDT", "03:15 EDT", "03:30 EDT"},
		},
		{
			name: "New York fall back: 09:00 stays 09:00", zone: "America/New_York",
			weekly: weekdays("09:00-12:00"), from: "2026-10-30T00:00Z", to: "2026-11-03T00:00Z", dur: time.Hour, step: time.Hour,
			want:     []string{"2026-10-30T13:00Z", "2026-10-30T14:00Z", "2026-10-30T15:00Z", "2026-11-02T14:00Z", "2026-11-02T15:00Z", "2026-11-02T16:00Z"},
			wantWall: []string{"09:00 EDT", "10:00 EDT", "11:00 EDT", "09:00 EST", "10:00 EST", "11:00 EST"},
		},
		{
			name: "New York fall back: 00:00-03:00 is four real hours", zone: "America/New_York",
			weekly: on(time.Sunday, "00:00-03:00"), from: "2026-11-01T00:00Z", to: "2026-11-02T00:00Z", dur: time.Hour, step: time.Hour,
			want:     []string{"2026-11-01T04:00Z", "2026-11-01T05:00Z", "2026-11-01T06:00Z", "2026-11-01T07:00Z"},
			wantWall: []string{"00:00 EDT", "01:00 EDT", "01:00 EST", "02:00 EST"},
		},
		{
			name: "New York fall back: 00:30-01:30 is both occurrences of 01:00-01:30", zone: "America/New_York",
			weekly: on(time.Sunday, "00:30-01:30"), from: "2026-11-01T00:00Z", to: "2026-11-02T00:00Z", dur: 30 * time.Minute, step: 30 * time.Minute,
			want:     []string{"2026-11-01T04:30Z", "2026-11-01T05:00Z", "2026-11-01T06:00Z"},
			wantWall: []string{"00:30 EDT", "01:00 EDT", "01:00 EST"},
		},
		{
			name: "Berlin spring forward: 09:00 stays 09:00", zone: "Europe/Berlin",
			weekly: weekdays("09:00-11:00"), from: "2026-03-27T00:00Z", to: "2026-03-31T00:00Z", dur: time.Hour, step: time.Hour,
			want:     []string{"2026-03-27T08:00Z", "2026-03-27T09:00Z", "2026-03-30T07:00Z", "2026-03-30T08:00Z"},
			wantWall: []string{"09:00 CET", "10:00 CET", "09:00 CEST", "10:00 CEST"},
		},
		{
			name: "Berlin spring gap: 01:30-03:30 is one real hour", zone: "Europe/Berlin",
			weekly: on(time.Sunday, "01:30-03:30"), from: "2026-03-28T12:00Z", to: "2026-03-29T12:00Z", dur: 30 * time.Minute, step: 30 * time.Minute,
			want:     []string{"2026-03-29T00:30Z", "2026-03-29T01:00Z"},
			wantWall: []string{"01:30 CET", "03:00 CEST"},
		},
		{
			name: "Berlin fall back: 09:00 stays 09:00", zone: "Europe/Berlin",
			weekly: weekdays("09:00-11:00"), from: "2026-10-23T00:00Z", to: "2026-10-27T00:00Z", dur: time.Hour, step: time.Hour,
			want:     []string{"2026-10-23T07:00Z", "2026-10-23T08:00Z", "2026-10-26T08:00Z", "2026-10-26T09:00Z"},
			wantWall: []string{"09:00 CEST", "10:00 CEST", "09:00 CET", "10:00 CET"},
		},
		{
			name: "Berlin fall back: the repeated 02:00-03:00 counts twice", zone: "Europe/Berlin",
			weekly: on(time.Sunday, "02:00-03:00"), from: "2026-10-24T12:00Z", to: "2026-10-25T12:00Z", dur: time.Hour, step: time.Hour,
			want:     []string{"2026-10-25T00:00Z", "2026-10-25T01:00Z"},
			wantWall: []string{"02:00 CEST", "02:00 CET"},
		},
		{
			name: "Sydney autumn (clocks back in April): 09:00 stays 09:00", zone: "Australia/Sydney",
			weekly: weekdays("09:00-11:00"), from: "2026-04-02T00:00Z", to: "2026-04-07T00:00Z", dur: time.Hour, step: time.Hour,
			want:     []string{"2026-04-02T22:00Z", "2026-04-02T23:00Z", "2026-04-05T23:00Z", "2026-04-06T00:00Z", "2026-04-06T23:00Z"},
			wantWall: []string{"09:00 AEDT", "10:00 AEDT", "09:00 AEST", "10:00 AEST", "09:00 AEST"},
		},
		{
			name: "Sydney fall back: the repeated 02:00-03:00 counts twice", zone: "Australia/Sydney",
			weekly: on(time.Sunday, "02:00-03:00"), from: "2026-04-04T00:00Z", to: "2026-04-05T00:00Z", dur: time.Hour, step: time.Hour,
			want:     []string{"2026-04-04T15:00Z", "2026-04-04T16:00Z"},
			wantWall: []string{"02:00 AEDT", "02:00 AEST"},
		},
		{
			name: "Sydney spring forward (October): 01:00-04:00 is two real hours", zone: "Australia/Sydney",
			weekly: on(time.Sunday, "01:00-04:00"), from: "2026-10-03T00:00Z", to: "2026-10-04T00:00Z", dur: time.Hour, step: time.Hour,
			want:     []string{"2026-10-03T15:00Z", "2026-10-03T16:00Z"},
			wantWall: []string{"01:00 AEST", "03:00 AEDT"},
		},
		{
			name: "Sydney spring forward: 09:00 stays 09:00", zone: "Australia/Sydney",
			weekly: weekdays("09:00-10:00"), from: "2026-10-01T00:00Z", to: "2026-10-06T00:00Z", dur: time.Hour, step: time.Hour,
			want:     []string{"2026-10-01T23:00Z", "2026-10-04T22:00Z", "2026-10-05T22:00Z"},
			wantWall: []string{"09:00 AEST", "09:00 AEDT", "09:00 AEDT"},
		},
		{
			name: "Kolkata has no DST and a half-hour offset", zone: "Asia/Kolkata",
			weekly: weekdays("09:00-10:30"), from: "2026-03-06T00:00Z", to: "2026-03-10T00:00Z", dur: time.Hour, step: 15 * time.Minute,
			want:     []string{"2026-03-06T03:30Z", "2026-03-06T03:45Z", "2026-03-06T04:00Z", "2026-03-09T03:30Z", "2026-03-09T03:45Z", "2026-03-09T04:00Z"},
			wantWall: []string{"09:00 IST", "09:15 IST", "09:30 IST", "09:00 IST", "09:15 IST", "09:30 IST"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			req := schedule.Request{
				Now: at(t, "2026-01-01T00:00Z"), From: at(t, tt.from), To: at(t, tt.to),
				Duration: tt.dur, Step: tt.step,
				Interviewers: []schedule.Availability{{Interviewer: "i", TimeZone: tt.zone, Weekly: tt.weekly}},
			}
			if err := req.Validate(); err != nil {
				t.Fatal(err)
			}
			got := schedule.FindSlots(req)
			if g := starts(got); !equal(g, tt.want) {
				t.Fatalf("starts\n got %v\nwant %v", g, tt.want)
			}
			loc := mustLoc(t, tt.zone)
			var wall []string
			for _, s := range got {
				wall = append(wall, s.Start.In(loc).Format("15:04 MST"))
				if s.End.Sub(s.Start) != tt.dur || s.Start.Location() != time.UTC {
					t.Errorf("slot %v: want %v long, in UTC", s, tt.dur)
				}
			}
			if !equal(wall, tt.wantWall) {
				t.Errorf("wall clock\n got %v\nwant %v", wall, tt.wantWall)
			}
		})
	}
}

// TestPanelAcrossZones: interviewers in different zones whose offsets to
// each other change on different dates (the US changes three weeks before
// Europe; Sydney goes back on the day neither of the others change).
func TestPanelAcrossZones(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name       string
		zones      []string
		from, to   string
		step       time.Duration
		want       []string
		candidate  string
		wantByDate string // candidate's dates with their local starts
	}{
		{
			name: "New York + Berlin, both on winter time", zones: []string{"America/New_York", "Europe/Berlin"},
			from: "2026-03-06T00:00Z", to: "2026-03-07T00:00Z", step: time.Hour,
			want:      []string{"2026-03-06T14:00Z", "2026-03-06T15:00Z"},
			candidate: "Asia/Kolkata", wantByDate: "2026-03-06: 19:30 20:30",
		},
		{
			name: "New York + Berlin, only New York on summer time", zones: []string{"America/New_York", "Europe/Berlin"},
			from: "2026-03-09T00:00Z", to: "2026-03-10T00:00Z", step: time.Hour,
			want:      []string{"2026-03-09T13:00Z", "2026-03-09T14:00Z", "2026-03-09T15:00Z"},
			candidate: "Asia/Kolkata", wantByDate: "2026-03-09: 18:30 19:30 20:30",
		},
		{
			name: "New York + Berlin, the Friday before Europe changes", zones: []string{"America/New_York", "Europe/Berlin"},
			from: "2026-03-27T00:00Z", to: "2026-03-31T00:00Z", step: time.Hour,
			want:      []string{"2026-03-27T13:00Z", "2026-03-27T14:00Z", "2026-03-27T15:00Z", "2026-03-30T13:00Z", "2026-03-30T14:00Z"},
			candidate: "Australia/Sydney", wantByDate: "2026-03-28: 00:00 01:00 02:00 | 2026-03-31: 00:00 01:00",
		},
		{
			name: "Sydney + Kolkata around Sydney's April change", zones: []string{"Australia/Sydney", "Asia/Kolkata"},
			from: "2026-04-02T00:00Z", to: "2026-04-08T00:00Z", step: 30 * time.Minute,
			want: []string{
				"2026-04-02T03:30Z", "2026-04-02T04:00Z", "2026-04-02T04:30Z", "2026-04-02T05:00Z",
				"2026-04-03T03:30Z", "2026-04-03T04:00Z", "2026-04-03T04:30Z", "2026-04-03T05:00Z",
				"2026-04-06T03:30Z", "2026-04-06T04:00Z", "2026-04-06T04:30Z", "2026-04-06T05:00Z", "2026-04-06T05:30Z", "2026-04-06T06:00Z",
				"2026-04-07T03:30Z", "2026-04-07T04:00Z", "2026-04-07T04:30Z", "2026-04-07T05:00Z", "2026-04-07T05:30Z", "2026-04-07T06:00Z",
			},
			candidate: "America/New_York",
			wantByDate: "2026-04-01: 23:30 | 2026-04-02: 00:00 00:30 01:00 23:30 | 2026-04-03: 00:00 00:30 01:00 | " +
				"2026-04-05: 23:30 | 2026-04-06: 00:00 00:30 01:00 01:30 02:00 23:30 | 2026-04-07: 00:00 00:30 01:00 01:30 02:00",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			req := schedule.Request{
				Now: at(t, "2026-01-01T00:00Z"), From: at(t, tt.from), To: at(t, tt.to),
				Duration: time.Hour, Step: tt.step, Mode: schedule.Panel,
			}
			for i, z := range tt.zones {
				req.Interviewers = append(req.Interviewers, schedule.Availability{
					Interviewer: string(rune('a' + i)), TimeZone: z, Weekly: weekdays("09:00-17:00"),
				})
			}
			got := schedule.FindSlots(req)
			if g := starts(got); !equal(g, tt.want) {
				t.Fatalf("starts\n got %v\nwant %v", g, tt.want)
			}
			for _, s := range got {
				if len(s.Interviewers) != len(tt.zones) {
					t.Errorf("slot %v: want the whole panel", s)
				}
			}
			var groups []string
			for _, d := range schedule.GroupByDay(got, mustLoc(t, tt.candidate)) {
				g := d.Date.String() + ":"
				for _, s := range d.Slots {
					g += " " + s.Start.Format("15:04")
				}
				groups = append(groups, g)
			}
			if g := strings.Join(groups, " | "); g != tt.wantByDate {
				t.Errorf("candidate view\n got %s\nwant %s", g, tt.wantByDate)
			}
		})
	}
}
