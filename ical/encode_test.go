package ical_test

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/skillkeepr/skillkeepr/ical"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

func utc(t testing.TB, s string) time.Time {
	t.Helper()
	v, err := time.Parse(time.RFC3339, s)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// baseEvent is the first invite of an interview.
func baseEvent(t testing.TB) ical.Event {
	return ical.Event{
		UID:         ical.UID("42", "skillkeepr.example.com"),
		Method:      ical.MethodRequest,
		Start:       utc(t, "2026-03-10T14:00:00Z"),
		End:         utc(t, "2026-03-10T14:45:00Z"),
		Summary:     "45-min video interview: Backend Engineer",
		Description: "Join with the link below.\nQuestions? Reply to this email.",
		Location:    "SkillKeepr video room",
		URL:         "https://skillkeepr.example.com/interviews/42/room",
		Organizer:   ical.Person{Name: "Ada Recruiter", Email: "ada@acme.example"},
		Attendees: []ical.Attendee{
			{Name: "Sam Candidate", Email: "sam@mail.example", Role: ical.RoleRequired, RSVP: true},
			{Name: "Grace Interviewer", Email: "grace@acme.example", Role: ical.RoleRequired, RSVP: true},
		},
		Created:      utc(t, "2026-03-01T09:00:00Z"),
		LastModified: utc(t, "2026-03-01T09:00:00Z"),
		DTStamp:      utc(t, "2026-03-01T09:00:00Z"),
	}
}

func goldenEvents(t testing.TB) map[string]ical.Event {
	req := baseEvent(t)
	moved := req.Rescheduled(utc(t, "2026-03-11T15:00:00Z"), utc(t, "2026-03-11T15:45:00Z"), utc(t, "2026-03-02T10:30:00Z"))
	cancel := moved.Cancelled(utc(t, "2026-03-03T08:15:00Z"))

	berlin := req
	berlin.UID = ical.UID("43", "skillkeepr.example.com")
	berlin.TZID = "Europe/Berlin"
	// Sunday 29 March 2026, the day Berlin goes to summer time: 10:00 CEST.
	berlin.Start, berlin.End = utc(t, "2026-03-29T08:00:00Z"), utc(t, "2026-03-29T09:00:00Z")

	intl := req
	intl.UID = ical.UID("44", "skillkeepr.example.com")
	intl.TZID = "Asia/Kolkata"
	intl.Summary = "Entretien vidéo — Ingénieur·e backend; équipe «Paiements», Zürich"
	intl.Organizer = ical.Person{Name: "Zoë Ångström-Müller, Talent", Email: "zoe@acme.example"}
	intl.Attendees = []ical.Attendee{
		{Name: "李小龍", Email: "li@mail.example", Role: ical.RoleRequired, RSVP: true},
		{Name: `Đặng "Dan" Thị Ánh`, Email: "dan@mail.example", Role: ical.RoleOptional},
		{Name: "Søren Kierkegaard-Ørsted 🙂", Email: "soren@acme.example", Role: ical.RoleChair},
	}
	intl.Description = strings.Repeat("Ceci est une longue description, avec des virgules; des points-virgules, "+
		"un antislash \\ et des accents éèêëàâäôöûüç — et des idéogrammes 面试安排. ", 4) + "\nFin."
	return map[string]ical.Event{
		"request": req, "update": moved, "cancel": cancel, "berlin-dst": berlin, "unicode-long": intl,
	}
}

func TestGolden(t *testing.T) {
	t.Parallel()
	for name, ev := range goldenEvents(t) {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			var buf bytes.Buffer
			if err := ical.Encode(&buf, ev); err != nil {
				t.Fatal(err)
			}
			checkWellFormed(t, buf.Bytes())
			path := filepath.Join("testdata", name+".golden.ics")
			if *update {
				if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run go test -update to create it)", err)
			}
			if !bytes.Equal(buf.Bytes(), want) {
				t.Errorf("%s differs from the golden file (go test -update rewrites it)\n got:\n%s", path, buf.String())
			}
		})
	}
}

// checkWellFormed checks the octet-level rules: CRLF everywhere, no line
// over 75 octets, every line valid UTF-8 (so no fold split a character).
func checkWellFormed(t testing.TB, data []byte) {
	t.Helper()
	if !bytes.HasSuffix(data, []byte("\r\n")) {
		t.Error("output does not end in CRLF")
	}
	lines := bytes.Split(bytes.TrimSuffix(data, []byte("\r\n")), []byte("\r\n"))
	for i, l := range lines {
		if len(l) > 75 {
			t.Errorf("line %d is %d octets: %q", i+1, len(l), l)
		}
		if !utf8.Valid(l) {
			t.Errorf("line %d is not valid UTF-8 (a fold split a character): %q", i+1, l)
		}
		if bytes.ContainsAny(l, "\r\n") {
			t.Errorf("line %d holds a bare CR or LF: %q", i+1, l)
		}
	}
}

// TestSequenceRules pins the UID and SEQUENCE life of one interview.
func TestSequenceRules(t *testing.T) {
	t.Parallel()
	ev := goldenEvents(t)
	req, moved, cancel := ev["request"], ev["update"], ev["cancel"]
	if req.UID != moved.UID || moved.UID != cancel.UID || req.UID != "interview-42@skillkeepr.example.com" {
		t.Errorf("UIDs %q %q %q: want one stable UID", req.UID, moved.UID, cancel.UID)
	}
	if req.Sequence != 0 || moved.Sequence != 1 || cancel.Sequence != 2 {
		t.Errorf("sequences %d %d %d, want 0 1 2", req.Sequence, moved.Sequence, cancel.Sequence)
	}
	if cancel.Method != ical.MethodCancel || cancel.Status != ical.StatusCancelled || !cancel.Start.Equal(moved.Start) {
		t.Errorf("cancel = %+v", cancel)
	}
	if got := ical.UID("a b@c", "Example.COM"); got != "interview-a-b-c@example.com" {
		t.Errorf("UID = %q", got)
	}
}

func TestEncodeRejects(t *testing.T) {
	t.Parallel()
	tests := map[string]func(*ical.Event){
		"no UID":           func(e *ical.Event) { e.UID = " " },
		"bad method":       func(e *ical.Event) { e.Method = "PUBLISH" },
		"bad status":       func(e *ical.Event) { e.Status = "TENTATIVE" },
		"negative seq":     func(e *ical.Event) { e.Sequence = -1 },
		"ends before":      func(e *ical.Event) { e.End = e.Start },
		"no start":         func(e *ical.Event) { e.Start = time.Time{} },
		"no stamp":         func(e *ical.Event) { e.DTStamp = time.Time{} },
		"unknown zone":     func(e *ical.Event) { e.TZID = "Mars/Olympus" },
		"host zone":        func(e *ical.Event) { e.TZID = "Local" },
		"organizer":        func(e *ical.Event) { e.Organizer.Email = "ada" },
		"injection":        func(e *ical.Event) { e.Attendees[0].Email = "x@y.example\r\nATTENDEE:mailto:evil@z" },
		"nobody":           func(e *ical.Event) { e.Attendees = nil },
		"bad role":         func(e *ical.Event) { e.Attendees[0].Role = "BOSS" },
		"year out of span": func(e *ical.Event) { e.End = e.End.AddDate(9000, 0, 0) },
	}
	for name, edit := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			ev := baseEvent(t)
			ev.Attendees = append([]ical.Attendee(nil), ev.Attendees...)
			edit(&ev)
			var buf bytes.Buffer
			if err := ical.Encode(&buf, ev); err == nil || buf.Len() != 0 {
				t.Fatalf("err = %v, wrote %d bytes", err, buf.Len())
			}
		})
	}
}

// TestTextValues: escaping and sanitising, seen through the raw output.
func TestTextValues(t *testing.T) {
	t.Parallel()
	ev := baseEvent(t)
	ev.Summary = "a\\b;c,d\ne\r\nf\rg\x00h\ti"
	ev.Location = "Room 1, Floor 2; Building \"A\""
	ev.URL = "https://x.example/r?a=1&b=2\r\nX-EVIL:1"
	ev.Organizer.Name = "Doe, Jane: \"JD\"\x07"
	var buf bytes.Buffer
	if err := ical.Encode(&buf, ev); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	for _, want := range []string{
		"SUMMARY:a\\\\b\\;c\\,d\\ne\\nf\\ng" + "h\ti\r\n",
		"LOCATION:Room 1\\, Floor 2\\; Building \"A\"\r\n",
		"URL:https://x.example/r?a=1&b=2X-EVIL:1\r\n",
		"ORGANIZER;CN=\"Doe, Jane: 'JD'\":mailto:ada@acme.example\r\n",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	checkWellFormed(t, buf.Bytes())
}

// TestFolding: long values of every width of character fold into lines of at
// most 75 octets and unfold back to the same value.
func TestFolding(t *testing.T) {
	t.Parallel()
	for _, unit := range []string{"a", "é", "面", "🙂", "a面🙂é"} {
		for n := 60; n < 200; n += 7 {
			ev := baseEvent(t)
			ev.Description = strings.Repeat(unit, n)
			var buf bytes.Buffer
			if err := ical.Encode(&buf, ev); err != nil {
				t.Fatal(err)
			}
			checkWellFormed(t, buf.Bytes())
			cal, err := ical.Decode(&buf)
			if err != nil {
				t.Fatal(err)
			}
			if got := cal.Find("VEVENT")[0].Text("DESCRIPTION"); got != ev.Description {
				t.Fatalf("unit %q n %d: round trip gave %q", unit, n, got)
			}
		}
	}
}
