// Package ical writes and reads iCalendar (RFC 5545) interview invites as
// used by iTIP (RFC 5546): METHOD:REQUEST for a new or changed interview and
// METHOD:CANCEL for a cancelled one. It is pure: no clock (DTSTAMP and the
// other stamps are fields of [Event]), no I/O beyond the given io.Writer or
// io.Reader.
//
// # Writing
//
// [Encode] writes one VCALENDAR with one VEVENT: CRLF line endings, lines
// folded at 75 octets without ever splitting a UTF-8 sequence, TEXT values
// escaped (backslash, semicolon, comma, newline), parameter values quoted
// when needed with characters RFC 5545 forbids in them (double quotes,
// control characters) replaced or dropped, and times in UTC
// (YYYYMMDDTHHMMSSZ) unless Event.TZID is set.
//
// With a TZID, DTSTART and DTEND are written as local times with
// ;TZID=<IANA name>, and a VTIMEZONE is generated from Go's embedded zone
// data: one STANDARD or DAYLIGHT observance per transition from the one in
// force on 1 January of the event's first year through the last one of its
// final year, each with DTSTART (local time before the change),
// TZOFFSETFROM, TZOFFSETTO and TZNAME; no RRULE, so the block is exact for
// those years and says nothing about others. A zone that never changed gets
// one STANDARD observance from 1970. RFC 5545 reads a repeated local time
// (clocks going back) as its first occurrence, so an event starting or
// ending at the second occurrence has that time written in UTC instead.
//
// # UID and SEQUENCE
//
// The UID of an interview never changes: use [UID] (interview id + the
// instance's domain) for every message about it. SEQUENCE starts at 0 with
// the first REQUEST and goes up by one on every change the attendees should
// see (new time, place, link or attendees): [Event.Rescheduled] does that.
// A CANCEL carries the next sequence after the last REQUEST:
// [Event.Cancelled]. Calendar clients ignore messages with a lower SEQUENCE
// than one they already have, so the caller must store the last one sent.
//
// # Reading
//
// [Decode] reads what Encode writes and ordinary invites: unfolding, TEXT
// unescaping, parameters (quoted or not, several values), nested
// components. [Property.Time] resolves DATE-TIME values in UTC (…Z) or with
// an IANA TZID (through Go's zone data; Windows zone names and VTIMEZONE
// rules of the file are not interpreted) and DATE values (midnight UTC). It is
// used in tests as a check independent of the encoder.
//
// Not supported: recurring events (RRULE on VEVENT), VTODO/VJOURNAL,
// VALARM, attachments, METHOD values other than REQUEST and CANCEL when
// writing, and floating (zone-less) times when reading.
package ical

import _ "time/tzdata" // VTIMEZONE data must not depend on the host's zoneinfo.
