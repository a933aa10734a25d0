package schedule_test

import (
	"fmt"
	"time"

	"github.com/skillkeepr/skillkeepr/schedule"
)

// A Berlin interviewer and a New York interviewer as a panel, the week
// Europe moves its clocks; the candidate in Sydney sees their own dates.
func ExampleFindSlots() {
	nine2five := [7][]schedule.Hours{}
	for d := time.Monday; d <= time.Friday; d++ {
		nine2five[d] = []schedule.Hours{schedule.MustHours("09:00-17:00")}
	}
	slots := schedule.FindSlots(schedule.Request{
		Now:      time.Date(2026, 3, 20, 0, 0, 0, 0, time.UTC),
		From:     time.Date(2026, 3, 27, 0, 0, 0, 0, time.UTC),
		To:       time.Date(2026, 3, 31, 0, 0, 0, 0, time.UTC),
		Duration: time.Hour,
		Step:     30 * time.Minute,
		Mode:     schedule.Panel,
		Interviewers: []schedule.Availability{
			{Interviewer: "anna", TimeZone: "Europe/Berlin", Weekly: nine2five, MinNotice: 24 * time.Hour},
			{Interviewer: "ben", TimeZone: "America/New_York", Weekly: nine2five, BufferAfter: 15 * time.Minute,
				Busy: []schedule.Interval{{
					Start: time.Date(2026, 3, 30, 13, 0, 0, 0, time.UTC),
					End:   time.Date(2026, 3, 30, 13, 30, 0, 0, time.UTC),
				}}},
		},
	})
	sydney, _ := time.LoadLocation("Australia/Sydney")
	for _, day := range schedule.GroupByDay(slots, sydney) {
		fmt.Println(day.Date)
		for _, s := range day.Slots {
			fmt.Printf("  %s-%s %v\n", s.Start.Format("15:04 MST"), s.End.Format("15:04"), s.Interviewers)
		}
	}
	// Output:
	// 2026-03-28
	//   00:00 AEDT-01:00 [anna ben]
	//   00:30 AEDT-01:30 [anna ben]
	//   01:00 AEDT-02:00 [anna ben]
	//   01:30 AEDT-02:30 [anna ben]
	//   02:00 AEDT-03:00 [anna ben]
	// 2026-03-31
	//   01:00 AEDT-02:00 [anna ben]
}
