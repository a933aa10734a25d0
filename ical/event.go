package ical

import (
	"strings"
	"time"
)

// Method is the iTIP method of the calendar object.
type Method string

// The two methods SkillKeepr sends: an invite or its update, and a cancellation.
const (
	MethodRequest Method = "REQUEST"
	MethodCancel  Method = "CANCEL"
)

// Status is the STATUS of the event.
type Status string

// The event statuses an interview invite can carry.
const (
	StatusConfirmed Status = "CONFIRMED"
	StatusCancelled Status = "CANCELLED"
)

// Role is the participation role of an attendee (RFC 5545 3.2.16).
type Role string

// The participation roles of RFC 5545.
const (
	RoleChair          Role = "CHAIR"
	RoleRequired       Role = "REQ-PARTICIPANT"
	RoleOptional       Role = "OPT-PARTICIPANT"
	RoleNonParticipant Role = "NON-PARTICIPANT"
)

// Person is the organizer of an event.
type Person struct {
	Name  string
	Email string
}

// Attendee is one invited person. An empty Role is written as
// REQ-PARTICIPANT.
type Attendee struct {
	Name  string
	Email string
	Role  Role
	RSVP  bool
}

// Event is one interview invite.
type Event struct {
	UID      string
	Sequence int
	Method   Method
	// Start and End are instants; their locations are ignored.
	Start, End time.Time
	// TZID, when set, is the IANA zone the times are shown in (with a
	// VTIMEZONE); when empty they are written in UTC.
	TZID        string
	Summary     string
	Description string
	Location    string
	// URL is the join link.
	URL       string
	Organizer Person
	Attendees []Attendee
	// Status defaults to CONFIRMED for a REQUEST and CANCELLED for a CANCEL.
	Status Status
	// Created and LastModified are optional; DTStamp (when this message was
	// made) is required.
	Created, LastModified, DTStamp time.Time
}

// UID returns the stable UID of an interview: the same for every message
// about it, and unique across SkillKeepr instances because it carries the
// instance's domain (e.g. "skillkeepr.example.com").
func UID(interviewID, domain string) string {
	clean := func(s string) string {
		return strings.Map(func(r rune) rune {
			if r <= ' ' || r == 0x7f || r == '@' {
				return '-'
			}
			return r
		}, s)
	}
	return "interview-" + clean(interviewID) + "@" + clean(strings.ToLower(domain))
}

// Rescheduled returns the update for a moved interview: new times,
// SEQUENCE one higher, METHOD:REQUEST, stamped at now.
func (ev Event) Rescheduled(start, end, now time.Time) Event {
	ev.Start, ev.End = start, end
	ev.Sequence++
	ev.Method, ev.Status = MethodRequest, StatusConfirmed
	ev.DTStamp, ev.LastModified = now, now
	return ev
}

// Cancelled returns the cancellation of ev: METHOD:CANCEL,
// STATUS:CANCELLED, SEQUENCE one higher, stamped at now.
func (ev Event) Cancelled(now time.Time) Event {
	ev.Sequence++
	ev.Method, ev.Status = MethodCancel, StatusCancelled
	ev.DTStamp, ev.LastModified = now, now
	return ev
}
