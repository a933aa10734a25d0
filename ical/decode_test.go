package ical_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/skillkeepr/skillkeepr/ical"
)

// The samples in testdata/samples are written by hand in the styles of
// other calendar programs; every expected value below is written by hand
// too, never taken from the encoder.

func decodeFile(t *testing.T, name string) *ical.Calendar {
	t.Helper()
	f, err := os.Open(filepath.Join("testdata", "samples", name))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	cal, err := ical.Decode(f)
	if err != nil {
		t.Fatal(err)
	}
	return cal
}

func TestDecodeGoogleStyleRequest(t *testing.T) {
	t.Parallel()
	cal := decodeFile(t, "google-request.ics")
	if cal.Method() != "REQUEST" || cal.Text("PRODID") != "-//Google Inc//Google Calendar 70.9054//EN" {
		t.Errorf("method %q prodid %q", cal.Method(), cal.Text("PRODID"))
	}
	tz := cal.Find("VTIMEZONE")
	if len(tz) != 1 || len(tz[0].Children) != 2 || tz[0].Children[0].Text("RRULE") != "FREQ=YEARLY;BYMONTH=3;BYDAY=2SU" {
		t.Fatalf("VTIMEZONE = %+v", tz)
	}
	evs, err := cal.Events()
	if err != nil {
		t.Fatal(err)
	}
	if len(evs) != 1 {
		t.Fatalf("%d events", len(evs))
	}
	ev := evs[0]
	checks := []struct{ name, got, want string }{
		{"uid", ev.UID, "7kukuqrfedlm2f1oi4nh8dnvcm@google.com"},
		{"method", string(ev.Method), "REQUEST"},
		// 2 November 2026 is the Monday after New York falls back: EST, -05:00.
		{"start", ev.Start.UTC().Format(time.RFC3339), "2026-11-02T14:30:00Z"},
		{"end", ev.End.UTC().Format(time.RFC3339), "2026-11-02T15:15:00Z"},
		{"tzid", ev.TZID, "America/New_York"},
		{"stamp", ev.DTStamp.Format(time.RFC3339), "2026-10-20T15:04:05Z"},
		{"created", ev.Created.Format(time.RFC3339), "2026-10-20T15:00:00Z"},
		{"summary (folded inside é)", ev.Summary, "Café chat – überprüfen"},
		{"description (tab fold, escapes)", ev.Description, "Agenda:\n1. Intro, goals\n2. Q&A; wrap-up\nPath: C:\\temp\nJoin: https://meet.example.com/abc-defg-hij"},
		{"location", ev.Location, "Room 4, HQ"},
		{"status", string(ev.Status), "CONFIRMED"},
		{"organizer", ev.Organizer.Name + " <" + ev.Organizer.Email + ">", "Pat Organizer <pat@example.org>"},
		{"attendee 2", ev.Attendees[1].Name + " <" + ev.Attendees[1].Email + "> " + string(ev.Attendees[1].Role), "Kim, Lee <lee.kim@example.com> REQ-PARTICIPANT"},
	}
	for _, c := range checks {
		if c.got != c.want {
			t.Errorf("%s = %q, want %q", c.name, c.got, c.want)
		}
	}
	if ev.Sequence != 3 || len(ev.Attendees) != 2 || !ev.Attendees[1].RSVP {
		t.Errorf("sequence %d, attendees %+v", ev.Sequence, ev.Attendees)
	}
	vev := cal.Find("VEVENT")[0]
	if a := vev.Find("VALARM"); len(a) != 1 || a[0].Text("TRIGGER") != "-P0DT0H10M0S" {
		t.Errorf("VALARM = %+v", a)
	}
	if p := vev.All("ATTENDEE")[0]; p.Param("x-num-guests") != "0" || p.Param("PARTSTAT") != "ACCEPTED" {
		t.Errorf("attendee params %v", p.Params)
	}
}

func TestDecodeOutlookStyleCancel(t *testing.T) {
	t.Parallel()
	cal := decodeFile(t, "outlook-cancel.ics") // LF line endings, mixed-case names, MAILTO:
	evs, err := cal.Events()
	if err != nil {
		t.Fatal(err)
	}
	ev := evs[0]
	if ev.Method != ical.MethodCancel || ev.Status != ical.StatusCancelled || ev.Sequence != 1 {
		t.Errorf("method %q status %q sequence %d", ev.Method, ev.Status, ev.Sequence)
	}
	if ev.Organizer != (ical.Person{Name: "Doe, Jane", Email: "jane@example.com"}) {
		t.Errorf("organizer %+v", ev.Organizer)
	}
	if want := (ical.Attendee{Name: "Bob", Email: "bob@example.com", Role: ical.RoleOptional}); len(ev.Attendees) != 1 || ev.Attendees[0] != want {
		t.Errorf("attendees %+v", ev.Attendees)
	}
	if ev.Description != "The interview is cancelled.\n" || ev.Summary != "Canceled: Interview" {
		t.Errorf("description %q summary %q", ev.Description, ev.Summary)
	}
	if ev.Start.Format(time.RFC3339) != "2026-03-29T01:00:00Z" || ev.End.Format(time.RFC3339) != "2026-03-29T02:00:00Z" {
		t.Errorf("times %v %v", ev.Start, ev.End)
	}
	if p := cal.Find("VEVENT")[0].Prop("X-ALT-DESC"); p == nil || p.Value != "<html><body>x</body></html>" || p.Param("FMTTYPE") != "text/html" {
		t.Errorf("X-ALT-DESC = %+v", p)
	}
}

// TestDecodeLocalTimeEdges: RFC 5545 3.3.5 — a repeated local time is its
// first occurrence; a time in the spring gap uses the offset before the gap.
func TestDecodeLocalTimeEdges(t *testing.T) {
	t.Parallel()
	vev := decodeFile(t, "berlin-edges.ics").Find("VEVENT")[0]
	for _, c := range []struct{ prop, want string }{
		{"DTSTART", "2026-10-25T00:30:00Z"}, // 02:30 CEST, not 02:30 CET (01:30Z)
		{"DTEND", "2026-03-29T01:30:00Z"},   // 02:30 does not exist; read with +01:00
		{"X-GAP", "2026-03-29T00:00:00Z"},   // VALUE=DATE
	} {
		got, err := vev.Prop(c.prop).Time()
		if err != nil || got.UTC().Format(time.RFC3339) != c.want {
			t.Errorf("%s = %v, %v; want %s", c.prop, got, err, c.want)
		}
	}
	if got := vev.Prop("ATTENDEE").Params["DELEGATED-FROM"]; len(got) != 2 || got[1] != "mailto:b@example.com" {
		t.Errorf("multi-valued parameter = %q", got)
	}
}

func TestDecodeErrors(t *testing.T) {
	t.Parallel()
	tests := map[string]string{
		"empty":             "",
		"not a calendar":    "BEGIN:VEVENT\r\nEND:VEVENT\r\n",
		"unclosed":          "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nEND:VCALENDAR\r\n",
		"never closed":      "BEGIN:VCALENDAR\r\nVERSION:2.0\r\n",
		"no colon":          "BEGIN:VCALENDAR\r\nVERSION 2.0\r\nEND:VCALENDAR\r\n",
		"unclosed quote":    "BEGIN:VCALENDAR\r\nX;A=\"b:c\r\nEND:VCALENDAR\r\n",
		"parameter no =":    "BEGIN:VCALENDAR\r\nX;A:c\r\nEND:VCALENDAR\r\n",
		"after the end":     "BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\nX:1\r\n",
		"property outside":  "X:1\r\nBEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n",
		"too deep":          "BEGIN:VCALENDAR\r\n" + strings.Repeat("BEGIN:X\r\n", 20),
		"wrong end":         "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nEND:VTODO\r\nEND:VCALENDAR\r\n",
		"leading space end": " BEGIN:VCALENDAR\r\n",
	}
	for name, in := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			if cal, err := ical.Decode(strings.NewReader(in)); err == nil {
				t.Fatalf("decoded %+v", cal)
			}
		})
	}
	// Times that Property.Time refuses.
	for _, p := range []ical.Property{
		{Name: "DTSTART", Value: "20260101T100000"}, // floating
		{Name: "DTSTART", Value: "20260101T100000", Params: map[string][]string{"TZID": {"W. Europe Standard Time"}}},
		{Name: "DTSTART", Value: "2026-01-01T10:00:00Z"},
	} {
		if got, err := p.Time(); err == nil {
			t.Errorf("%+v: got %v, want an error", p, got)
		}
	}
}
