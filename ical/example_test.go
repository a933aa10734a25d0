package ical_test

import (
	"os"
	"strings"
	"time"

	"github.com/skillkeepr/skillkeepr/ical"
)

func ExampleEncode() {
	ev := ical.Event{
		UID:       ical.UID("42", "skillkeepr.example.com"),
		Method:    ical.MethodRequest,
		Start:     time.Date(2026, 3, 10, 14, 0, 0, 0, time.UTC),
		End:       time.Date(2026, 3, 10, 14, 45, 0, 0, time.UTC),
		Summary:   "Video interview",
		URL:       "https://skillkeepr.example.com/interviews/42/room",
		Organizer: ical.Person{Name: "Ada Recruiter", Email: "ada@acme.example"},
		Attendees: []ical.Attendee{{Name: "Sam", Email: "sam@mail.example", RSVP: true}},
		DTStamp:   time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC),
	}
	// Later: the interview moves, then is cancelled; same UID, SEQUENCE 1, 2.
	moved := ev.Rescheduled(ev.Start.Add(24*time.Hour), ev.End.Add(24*time.Hour), time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC))
	cancel := moved.Cancelled(time.Date(2026, 3, 3, 9, 0, 0, 0, time.UTC))

	var b strings.Builder
	if err := ical.Encode(&b, cancel); err != nil {
		panic(err)
	}
	os.Stdout.WriteString(strings.ReplaceAll(b.String(), "\r\n", "\n"))
	// Output:
	// BEGIN:VCALENDAR
	// PRODID:-//SkillKeepr//SkillKeepr Interviews//EN
	// VERSION:2.0
	// CALSCALE:GREGORIAN
	// METHOD:CANCEL
	// BEGIN:VEVENT
	// UID:interview-42@skillkeepr.example.com
	// SEQUENCE:2
	// DTSTAMP:20260303T090000Z
	// LAST-MODIFIED:20260303T090000Z
	// DTSTART:20260311T140000Z
	// DTEND:20260311T144500Z
	// SUMMARY:Video interview
	// URL:https://skillkeepr.example.com/interviews/42/room
	// ORGANIZER;CN=Ada Recruiter:mailto:ada@acme.example
	// ATTENDEE;CN=Sam;CUTYPE=INDIVIDUAL;ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTIO
	//  N;RSVP=TRUE:mailto:sam@mail.example
	// STATUS:CANCELLED
	// TRANSP:TRANSPARENT
	// END:VEVENT
	// END:VCALENDAR
}
