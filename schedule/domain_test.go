package schedule_test

import (
	"slices"
	"testing"
	"time"

	"github.com/skillkeepr/skillkeepr"
	"github.com/skillkeepr/skillkeepr/schedule"
)

// TestPlanRequestFromStoredAvailability: stored availability (wall-clock
// hours in the interviewer's zone, overrides, busy interviews) becomes
// slots; the interview being moved does not block itself.
func TestPlanRequestFromStoredAvailability(t *testing.T) {
	t.Parallel()
	berlin := skillkeepr.DefaultAvailability(1, "Europe/Berlin")
	kolkata := skillkeepr.DefaultAvailability(2, "Asia/Kolkata")
	kolkata.Weekly[time.Monday] = []skillkeepr.TimeRange{{Start: "13:00", End: "18:00"}} // 08:30–13:30 Berlin (CET)
	kolkata.Overrides = []skillkeepr.AvailabilityOverride{{Date: "2027-01-12", Kind: skillkeepr.OverrideDayOff}}
	berlin.MinNoticeMinutes, kolkata.MinNoticeMinutes = 0, 0
	monday := time.Date(2027, 1, 11, 0, 0, 0, 0, time.UTC)
	busy := []skillkeepr.BusyTime{{UserID: 1, InterviewID: 9, StartsAt: monday.Add(9 * time.Hour), EndsAt: monday.Add(10 * time.Hour)}}
	req := schedule.PlanRequest(monday.Add(-time.Hour), monday, monday.AddDate(0, 0, 2), time.Hour, skillkeepr.ModePanel,
		[]*skillkeepr.Availability{berlin, kolkata}, busy, 0)
	var starts []string
	for _, s := range schedule.FindSlots(req) {
		starts = append(starts, s.Start.Format("Mon 15:04"))
		if !slices.Equal(s.InterviewerIDs(), []int64{1, 2}) {
			t.Fatalf("slot interviewers %v", s.InterviewerIDs())
		}
	}
	// Both free: Berlin 09:00–17:00 CET = 08:00–16:00 UTC; Kolkata Monday
	// 13:00–18:00 IST = 07:30–12:30 UTC; Berlin busy 09:00–10:00 UTC;
	// Tuesday Kolkata is off.
	want := []string{"Mon 08:00", "Mon 10:00", "Mon 10:15", "Mon 10:30", "Mon 10:45", "Mon 11:00", "Mon 11:15", "Mon 11:30"}
	if !slices.Equal(starts, want) {
		t.Fatalf("slots %v, want %v", starts, want)
	}
	// Moving interview 9: its hour is free again.
	req = schedule.PlanRequest(monday.Add(-time.Hour), monday, monday.AddDate(0, 0, 1), time.Hour, skillkeepr.ModePanel,
		[]*skillkeepr.Availability{berlin, kolkata}, busy, 9)
	if n := len(schedule.FindSlots(req)); n != 15 { // 08:00 … 11:30
		t.Fatalf("moving: %d slots, want 15", n)
	}
	// Round robin picks the least loaded free member.
	// (Berlin has one interview in the window, Kolkata none.)
	req = schedule.PlanRequest(monday.Add(-time.Hour), monday, monday.AddDate(0, 0, 1), time.Hour, skillkeepr.ModeRoundRobin,
		[]*skillkeepr.Availability{berlin, kolkata}, busy, 0)
	kolkataEnd := monday.Add(12*time.Hour + 30*time.Minute)
	for _, s := range schedule.FindSlots(req) {
		want := int64(1)
		if !s.End.After(kolkataEnd) {
			want = 2
		}
		if ids := s.InterviewerIDs(); len(ids) != 1 || ids[0] != want {
			t.Fatalf("round robin slot %v, want interviewer %d", s, want)
		}
	}
}
