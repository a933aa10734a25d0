package ical_test

import (
	"bytes"
	"fmt"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/skillkeepr/skillkeepr/ical"
)

// TestRoundTrip: what Encode writes, Decode reads back as the same event
// (times as instants; double quotes in names become single quotes, the one
// change Encode makes on purpose).
func TestRoundTrip(t *testing.T) {
	t.Parallel()
	for name, ev := range goldenEvents(t) {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			got := roundTrip(t, ev)
			want := ev
			if want.Status == "" {
				want.Status = map[ical.Method]ical.Status{ical.MethodRequest: ical.StatusConfirmed, ical.MethodCancel: ical.StatusCancelled}[want.Method]
			}
			want.Attendees = nil
			for _, a := range ev.Attendees {
				a.Name = strings.ReplaceAll(a.Name, `"`, "'")
				want.Attendees = append(want.Attendees, a)
			}
			if d := diff(got, want); d != "" {
				t.Error(d)
			}
		})
	}
}

func roundTrip(t testing.TB, ev ical.Event) ical.Event {
	t.Helper()
	var buf bytes.Buffer
	if err := ical.Encode(&buf, ev); err != nil {
		t.Fatal(err)
	}
	cal, err := ical.Decode(&buf)
	if err != nil {
		t.Fatal(err)
	}
	evs, err := cal.Events()
	if err != nil || len(evs) != 1 {
		t.Fatalf("events %v, %v", evs, err)
	}
	return evs[0]
}

func diff(got, want ical.Event) string {
	var out []string
	for _, c := range []struct {
		name string
		g, w time.Time
	}{{"start", got.Start, want.Start}, {"end", got.End, want.End}, {"stamp", got.DTStamp, want.DTStamp},
		{"created", got.Created, want.Created}, {"modified", got.LastModified, want.LastModified}} {
		if !c.g.Equal(c.w) {
			out = append(out, fmt.Sprintf("%s: got %v want %v", c.name, c.g, c.w))
		}
	}
	got.Start, got.End, got.DTStamp, got.Created, got.LastModified = want.Start, want.End, want.DTStamp, want.Created, want.LastModified
	if g, w := fmt.Sprintf("%+v", got), fmt.Sprintf("%+v", want); g != w {
		out = append(out, fmt.Sprintf("got  %s\nwant %s", g, w))
	}
	return strings.Join(out, "\n")
}

// TestVTimezoneMatchesZoneData checks every observance written for a zone
// against Go's zone data: at DTSTART read with TZOFFSETFROM the offset
// changes from TZOFFSETFROM to TZOFFSETTO, and the list covers the year.
func TestVTimezoneMatchesZoneData(t *testing.T) {
	t.Parallel()
	tests := []struct {
		zone  string
		start string
		want  []string // "KIND DTSTART FROM TO NAME", written by hand
	}{
		{"Europe/Berlin", "2026-03-29T08:00:00Z", []string{
			"STANDARD 20251026T030000 +0200 +0100 CET",
			"DAYLIGHT 20260329T020000 +0100 +0200 CEST",
			"STANDARD 20261025T030000 +0200 +0100 CET",
		}},
		{"America/New_York", "2026-11-01T12:00:00Z", []string{
			"STANDARD 20251102T020000 -0400 -0500 EST",
			"DAYLIGHT 20260308T020000 -0500 -0400 EDT",
			"STANDARD 20261101T020000 -0400 -0500 EST",
		}},
		{"Australia/Sydney", "2026-04-05T00:00:00Z", []string{
			"DAYLIGHT 20251005T020000 +1000 +1100 AEDT",
			"STANDARD 20260405T030000 +1100 +1000 AEST",
			"DAYLIGHT 20261004T020000 +1000 +1100 AEDT",
		}},
		{"Asia/Kolkata", "2026-03-10T14:00:00Z", []string{
			"STANDARD 19451015T000000 +0630 +0530 IST",
		}},
		{"UTC", "2026-03-10T14:00:00Z", []string{
			"STANDARD 19700101T000000 +0000 +0000 UTC",
		}},
	}
	for _, tt := range tests {
		t.Run(tt.zone, func(t *testing.T) {
			t.Parallel()
			ev := baseEvent(t)
			ev.TZID = tt.zone
			ev.Start = utc(t, tt.start)
			ev.End = ev.Start.Add(time.Hour)
			var buf bytes.Buffer
			if err := ical.Encode(&buf, ev); err != nil {
				t.Fatal(err)
			}
			cal, err := ical.Decode(&buf)
			if err != nil {
				t.Fatal(err)
			}
			tzs := cal.Find("VTIMEZONE")
			if len(tzs) != 1 || tzs[0].Text("TZID") != tt.zone {
				t.Fatalf("VTIMEZONE %+v", tzs)
			}
			loc, _ := time.LoadLocation(tt.zone)
			var got []string
			for _, o := range tzs[0].Children {
				from, to := o.Text("TZOFFSETFROM"), o.Text("TZOFFSETTO")
				got = append(got, strings.Join([]string{o.Name, o.Text("DTSTART"), from, to, o.Text("TZNAME")}, " "))
				if o.Text("DTSTART") == "19700101T000000" {
					continue
				}
				wall, err := time.Parse("20060102T150405", o.Text("DTSTART"))
				if err != nil {
					t.Fatal(err)
				}
				at := wall.Add(-offset(t, from))
				if _, off := at.Add(-time.Second).In(loc).Zone(); time.Duration(off)*time.Second != offset(t, from) {
					t.Errorf("%s: offset before %v is %d s, VTIMEZONE says %s", o.Name, at, off, from)
				}
				if _, off := at.In(loc).Zone(); time.Duration(off)*time.Second != offset(t, to) {
					t.Errorf("%s: offset at %v is %d s, VTIMEZONE says %s", o.Name, at, off, to)
				}
			}
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("observances\n got %q\nwant %q", got, tt.want)
			}
			// And the event's local times name the right instants.
			if got := roundTrip(t, ev); !got.Start.Equal(ev.Start) || got.TZID != tt.zone {
				t.Errorf("start %v tzid %q", got.Start, got.TZID)
			}
		})
	}
}

func offset(t testing.TB, s string) time.Duration {
	t.Helper()
	if len(s) != 5 {
		t.Fatalf("offset %q", s)
	}
	h, err1 := strconv.Atoi(s[1:3])
	m, err2 := strconv.Atoi(s[3:5])
	if err1 != nil || err2 != nil {
		t.Fatalf("offset %q", s)
	}
	d := time.Duration(h)*time.Hour + time.Duration(m)*time.Minute
	if s[0] == '-' {
		d = -d
	}
	return d
}

// TestRepeatedLocalTimeFallsBackToUTC: 02:30 on 25 October 2026 happens
// twice in Berlin; a TZID time would mean the first, so the second is
// written in UTC.
func TestRepeatedLocalTimeFallsBackToUTC(t *testing.T) {
	t.Parallel()
	for _, c := range []struct{ start, wantLine string }{
		{"2026-10-25T00:30:00Z", "DTSTART;TZID=Europe/Berlin:20261025T023000\r\n"},
		{"2026-10-25T01:30:00Z", "DTSTART:20261025T013000Z\r\n"},
	} {
		ev := baseEvent(t)
		ev.TZID = "Europe/Berlin"
		ev.Start = utc(t, c.start)
		ev.End = ev.Start.Add(30 * time.Minute)
		var buf bytes.Buffer
		if err := ical.Encode(&buf, ev); err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(buf.String(), c.wantLine) {
			t.Errorf("start %s: no %q in\n%s", c.start, c.wantLine, buf.String())
		}
		if got := roundTrip(t, ev); !got.Start.Equal(ev.Start) {
			t.Errorf("start %s came back as %v", c.start, got.Start)
		}
	}
}

// FuzzEncode: any text in any field either is refused or gives well-formed
// output that decodes back to the same text (minus control characters,
// which TEXT cannot hold).
func FuzzEncode(f *testing.F) {
	f.Add("Interview", "Line 1\nLine 2; a, b \\ c", "Zoë, \"Z\"", "https://x.example/a?b=c", "Europe/Berlin", int64(0))
	f.Add(strings.Repeat("面", 40), strings.Repeat("\\,", 50), "", "", "", int64(86400*180))
	f.Fuzz(func(t *testing.T, summary, desc, name, url, tzid string, shift int64) {
		ev := baseEvent(t)
		ev.Summary, ev.Description, ev.Organizer.Name, ev.URL, ev.TZID = summary, desc, name, url, tzid
		ev.Start = ev.Start.Add(time.Duration(shift%(1<<40)) * time.Second)
		ev.End = ev.Start.Add(time.Hour)
		var buf bytes.Buffer
		if err := ical.Encode(&buf, ev); err != nil {
			return
		}
		checkWellFormed(t, buf.Bytes())
		got := roundTrip(t, ev)
		clean := func(s string) string {
			s = strings.ToValidUTF8(s, "\uFFFD")
			s = strings.ReplaceAll(strings.ReplaceAll(s, "\r\n", "\n"), "\r", "\n")
			return strings.Map(func(r rune) rune {
				if r < 0x20 && r != '\n' && r != '\t' || r == 0x7f {
					return -1
				}
				return r
			}, s)
		}
		if got.Summary != clean(summary) || got.Description != clean(desc) {
			t.Errorf("text came back as %q / %q", got.Summary, got.Description)
		}
		if !got.Start.Equal(ev.Start) || !utf8.ValidString(got.Organizer.Name) {
			t.Errorf("start %v name %q", got.Start, got.Organizer.Name)
		}
	})
}

// FuzzDecode: no input makes Decode or Events panic.
func FuzzDecode(f *testing.F) {
	for name, ev := range goldenEvents(f) {
		var buf bytes.Buffer
		if err := ical.Encode(&buf, ev); err != nil {
			f.Fatal(name, err)
		}
		f.Add(buf.Bytes())
	}
	f.Add([]byte("BEGIN:VCALENDAR\r\nX;A=\"b\",c;D=e:f\r\n g\r\nEND:VCALENDAR\r\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		cal, err := ical.Decode(bytes.NewReader(data))
		if err != nil {
			return
		}
		evs, _ := cal.Events()
		for _, ev := range evs {
			_ = ev.Summary
		}
		for _, c := range cal.Children {
			for _, p := range c.Props {
				_, _ = p.Time()
				_ = p.Text()
			}
		}
	})
}
