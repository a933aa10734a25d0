package ical

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Events returns the VEVENTs of the calendar as Events, with the
// calendar's METHOD. Times are instants (see [Property.Time]); TZID is the
// one on DTSTART, if any.
func (c *Calendar) Events() ([]Event, error) {
	var out []Event
	for i, vc := range c.Find("VEVENT") {
		ev := Event{
			UID:         vc.Text("UID"),
			Method:      Method(strings.ToUpper(c.Method())),
			Summary:     vc.Text("SUMMARY"),
			Description: vc.Text("DESCRIPTION"),
			Location:    vc.Text("LOCATION"),
			Status:      Status(strings.ToUpper(vc.Text("STATUS"))),
		}
		if p := vc.Prop("URL"); p != nil {
			ev.URL = p.Value
		}
		if p := vc.Prop("SEQUENCE"); p != nil {
			n, err := strconv.Atoi(strings.TrimSpace(p.Value))
			if err != nil {
				return nil, fmt.Errorf("ical: event %d: SEQUENCE %q: %w", i+1, p.Value, err)
			}
			ev.Sequence = n
		}
		for _, f := range []struct {
			name string
			dst  *time.Time
		}{
			{"DTSTART", &ev.Start}, {"DTEND", &ev.End}, {"DTSTAMP", &ev.DTStamp},
			{"CREATED", &ev.Created}, {"LAST-MODIFIED", &ev.LastModified},
		} {
			p := vc.Prop(f.name)
			if p == nil {
				continue
			}
			t, err := p.Time()
			if err != nil {
				return nil, fmt.Errorf("ical: event %d: %w", i+1, err)
			}
			*f.dst = t
		}
		if p := vc.Prop("DTSTART"); p != nil {
			ev.TZID = strings.TrimPrefix(p.Param("TZID"), "/")
		}
		if p := vc.Prop("ORGANIZER"); p != nil {
			ev.Organizer = Person{Name: p.Param("CN"), Email: address(p.Value)}
		}
		for _, p := range vc.All("ATTENDEE") {
			ev.Attendees = append(ev.Attendees, Attendee{
				Name:  p.Param("CN"),
				Email: address(p.Value),
				Role:  Role(strings.ToUpper(p.Param("ROLE"))),
				RSVP:  strings.EqualFold(p.Param("RSVP"), "TRUE"),
			})
		}
		out = append(out, ev)
	}
	return out, nil
}

// address strips a mailto: prefix (any case).
func address(v string) string {
	if len(v) >= 7 && strings.EqualFold(v[:7], "mailto:") {
		return v[7:]
	}
	return v
}
