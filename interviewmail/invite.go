package interviewmail

import (
	"bytes"
	"net/mail"
	"strings"
	"time"

	"github.com/skillkeepr/skillkeepr"
	"github.com/skillkeepr/skillkeepr/ical"
)

// Invite returns the iCalendar file of iv as it is now: METHOD:CANCEL for
// a canceled interview, else METHOD:REQUEST, with the stored UID and
// SEQUENCE, times in the interview's zone (with a VTIMEZONE), the
// candidate and interviewers as attendees and the join link.
func Invite(iv *skillkeepr.Interview, orgName string, organizer ical.Person, links *Links, now time.Time) ([]byte, error) {
	ev := ical.Event{
		UID:          iv.UID,
		Sequence:     iv.Sequence,
		Method:       ical.MethodRequest,
		Start:        iv.StartsAt,
		End:          iv.EndsAt,
		TZID:         iv.Timezone,
		Summary:      iv.Title + ": " + iv.CandidateName + " — " + orgName,
		Description:  "Interview for " + iv.JobTitle + " at " + orgName + ".\nJoin: " + links.JoinURL(iv),
		Location:     links.JoinURL(iv),
		URL:          links.JoinURL(iv),
		Organizer:    organizer,
		DTStamp:      now,
		Created:      iv.CreatedAt,
		LastModified: iv.UpdatedAt,
	}
	if iv.Timezone == "UTC" || iv.Timezone == "" {
		ev.TZID = ""
	}
	if iv.CandidateEmail != "" {
		ev.Attendees = append(ev.Attendees, ical.Attendee{Name: iv.CandidateName, Email: iv.CandidateEmail, Role: ical.RoleRequired, RSVP: true})
	}
	for _, p := range iv.Interviewers {
		ev.Attendees = append(ev.Attendees, ical.Attendee{Name: p.Name, Email: p.Email, Role: ical.RoleRequired, RSVP: true})
	}
	if iv.Status == skillkeepr.InterviewCanceled {
		ev.Method, ev.Status = ical.MethodCancel, ical.StatusCancelled
	}
	var b bytes.Buffer
	if err := ical.Encode(&b, ev); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// InviteAttachment wraps an invite for an email.
func InviteAttachment(data []byte, canceled bool) skillkeepr.EmailAttachment {
	method := "REQUEST"
	if canceled {
		method = "CANCEL"
	}
	return skillkeepr.EmailAttachment{Filename: "invite.ics", ContentType: "text/calendar; charset=utf-8; method=" + method, Data: data}
}

// Organizer turns a From address ("Name <addr>" or "addr") into the
// invite's ORGANIZER; without one, scheduling@ the base URL's host.
func Organizer(from, orgName, baseURL string) ical.Person {
	if a, err := mail.ParseAddress(from); err == nil {
		name := a.Name
		if name == "" {
			name = orgName
		}
		return ical.Person{Name: name, Email: a.Address}
	}
	host := baseURL
	if i := strings.Index(host, "://"); i >= 0 {
		host = host[i+3:]
	}
	host, _, _ = strings.Cut(host, "/")
	host, _, _ = strings.Cut(host, ":")
	if host == "" || !strings.Contains(host, ".") {
		host = "skillkeepr.invalid"
	}
	return ical.Person{Name: orgName, Email: "scheduling@" + host}
}
