package ical

import (
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"
)

// ProdID is the PRODID of every calendar this package writes.
const ProdID = "-//SkillKeepr//SkillKeepr Interviews//EN"

const (
	utcLayout   = "20060102T150405Z"
	localLayout = "20060102T150405"
)

// Encode writes ev as a complete VCALENDAR. It checks ev first and writes
// nothing when ev cannot make a valid invite.
func Encode(w io.Writer, ev Event) error {
	if err := ev.validate(); err != nil {
		return err
	}
	var loc *time.Location
	if ev.TZID != "" {
		loc, _ = time.LoadLocation(ev.TZID) // validated
	}
	status := ev.Status
	if status == "" {
		status = StatusConfirmed
		if ev.Method == MethodCancel {
			status = StatusCancelled
		}
	}
	var b strings.Builder
	fw := &foldWriter{w: &b}
	fw.line("BEGIN:VCALENDAR")
	fw.prop("PRODID", escapeText(ProdID))
	fw.prop("VERSION", "2.0")
	fw.prop("CALSCALE", "GREGORIAN")
	fw.prop("METHOD", string(ev.Method))
	if loc != nil {
		writeVTimezone(fw, ev.TZID, loc, ev.Start, ev.End)
	}
	fw.line("BEGIN:VEVENT")
	fw.prop("UID", escapeText(ev.UID))
	fw.prop("SEQUENCE", strconv.Itoa(ev.Sequence))
	fw.prop("DTSTAMP", ev.DTStamp.UTC().Format(utcLayout))
	if !ev.Created.IsZero() {
		fw.prop("CREATED", ev.Created.UTC().Format(utcLayout))
	}
	if !ev.LastModified.IsZero() {
		fw.prop("LAST-MODIFIED", ev.LastModified.UTC().Format(utcLayout))
	}
	writeTime(fw, "DTSTART", ev.Start, ev.TZID, loc)
	writeTime(fw, "DTEND", ev.End, ev.TZID, loc)
	if ev.Summary != "" {
		fw.prop("SUMMARY", escapeText(ev.Summary))
	}
	if ev.Description != "" {
		fw.prop("DESCRIPTION", escapeText(ev.Description))
	}
	if ev.Location != "" {
		fw.prop("LOCATION", escapeText(ev.Location))
	}
	if ev.URL != "" {
		fw.prop("URL", uriValue(ev.URL))
	}
	fw.prop("ORGANIZER", mailto(ev.Organizer.Email), cn(ev.Organizer.Name)...)
	for _, a := range ev.Attendees {
		role := a.Role
		if role == "" {
			role = RoleRequired
		}
		params := append(cn(a.Name),
			param{"CUTYPE", "INDIVIDUAL"},
			param{"ROLE", string(role)},
			param{"PARTSTAT", "NEEDS-ACTION"},
			param{"RSVP", strings.ToUpper(strconv.FormatBool(a.RSVP))})
		fw.prop("ATTENDEE", mailto(a.Email), params...)
	}
	fw.prop("STATUS", string(status))
	if ev.Method == MethodCancel {
		fw.prop("TRANSP", "TRANSPARENT")
	} else {
		fw.prop("TRANSP", "OPAQUE")
	}
	fw.line("END:VEVENT")
	fw.line("END:VCALENDAR")
	if fw.err != nil {
		return fw.err
	}
	_, err := io.WriteString(w, b.String())
	return err
}

func cn(name string) []param {
	if name == "" {
		return nil
	}
	return []param{{"CN", paramValue(name)}}
}

func mailto(email string) string { return "mailto:" + email }

// writeTime writes a DATE-TIME property: local with TZID when the local
// time names t unambiguously, else UTC.
func writeTime(fw *foldWriter, name string, t time.Time, tzid string, loc *time.Location) {
	if loc == nil || secondOccurrence(t.In(loc)) {
		fw.prop(name, t.UTC().Format(utcLayout))
		return
	}
	fw.prop(name, t.In(loc).Format(localLayout), param{"TZID", paramValue(tzid)})
}

// secondOccurrence reports whether the wall time of t occurred once before
// (clocks went back), which a TZID time cannot express: RFC 5545 3.3.5 reads
// it as the first occurrence.
func secondOccurrence(t time.Time) bool {
	_, off := t.Zone()
	start, _ := t.ZoneBounds()
	if start.IsZero() {
		return false
	}
	_, prev := start.Add(-time.Second).Zone()
	d := time.Duration(prev-off) * time.Second
	return d > 0 && t.Sub(start) < d
}

func (ev Event) validate() error {
	var problems []string
	bad := func(format string, args ...any) { problems = append(problems, fmt.Sprintf(format, args...)) }
	if strings.TrimSpace(ev.UID) == "" {
		bad("no UID")
	}
	if ev.Method != MethodRequest && ev.Method != MethodCancel {
		bad("method %q is neither REQUEST nor CANCEL", ev.Method)
	}
	if ev.Status != "" && ev.Status != StatusConfirmed && ev.Status != StatusCancelled {
		bad("status %q is neither CONFIRMED nor CANCELLED", ev.Status)
	}
	if ev.Sequence < 0 {
		bad("negative SEQUENCE")
	}
	if ev.Start.IsZero() || ev.End.IsZero() || !ev.Start.Before(ev.End) {
		bad("the event must end after it starts")
	}
	for _, t := range []time.Time{ev.Start, ev.End, ev.DTStamp, ev.Created, ev.LastModified} {
		if y := t.UTC().Year(); !t.IsZero() && (y < 1 || y > 9999) {
			bad("time %v outside years 1-9999", t)
		}
	}
	if ev.DTStamp.IsZero() {
		bad("no DTSTAMP")
	}
	if ev.TZID != "" {
		if _, err := time.LoadLocation(ev.TZID); err != nil || ev.TZID == "Local" {
			bad("unknown time zone %q", ev.TZID)
		}
	}
	if !validEmail(ev.Organizer.Email) {
		bad("organizer email %q", ev.Organizer.Email)
	}
	if len(ev.Attendees) == 0 {
		bad("no attendees")
	}
	for _, a := range ev.Attendees {
		if !validEmail(a.Email) {
			bad("attendee email %q", a.Email)
		}
		switch a.Role {
		case "", RoleChair, RoleRequired, RoleOptional, RoleNonParticipant:
		default:
			bad("attendee role %q", a.Role)
		}
	}
	if len(problems) > 0 {
		return fmt.Errorf("ical: cannot encode event: %s", strings.Join(problems, "; "))
	}
	return nil
}

// validEmail accepts one address with no characters that would break the
// mailto: URI on a content line.
func validEmail(s string) bool {
	at := strings.LastIndexByte(s, '@')
	return at > 0 && at < len(s)-1 && !strings.ContainsAny(s, " \t\r\n\"<>;:,\\\x7f") &&
		strings.IndexFunc(s, func(r rune) bool { return r < 0x20 }) < 0
}
