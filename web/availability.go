package web

import (
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/skillkeepr/skillkeepr"
)

type availabilityData struct {
	Availability *skillkeepr.Availability
	Days         []availabilityDay
	Overrides    string
	Zones        []string
	Fields       map[string]string
}

type availabilityDay struct {
	Name  string // "monday"
	Label string
	Hours string // "09:00-12:00, 13:00-17:00"
}

// weekOrder lists the days Monday first.
var weekOrder = []time.Weekday{time.Monday, time.Tuesday, time.Wednesday, time.Thursday, time.Friday, time.Saturday, time.Sunday}

func formatRanges(rs []skillkeepr.TimeRange) string {
	parts := make([]string, len(rs))
	for i, r := range rs {
		parts[i] = r.Start + "-" + r.End
	}
	return strings.Join(parts, ", ")
}

// parseRanges reads "09:00-12:00, 13:00-17:00"; bad pieces are kept so
// that validation names them.
func parseRanges(s string) []skillkeepr.TimeRange {
	out := []skillkeepr.TimeRange{}
	for _, p := range strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == ';' }) {
		p = strings.TrimSpace(p)
		if p == "" {
			continue
		}
		a, b, ok := strings.Cut(strings.ReplaceAll(strings.ReplaceAll(p, "–", "-"), " ", ""), "-")
		if !ok {
			a, b = p, ""
		}
		out = append(out, skillkeepr.TimeRange{Start: padClock(a), End: padClock(b)})
	}
	return out
}

// padClock accepts "9:00" for "09:00".
func padClock(s string) string {
	if len(s) == 4 && s[1] == ':' {
		return "0" + s
	}
	return s
}

func formatOverrides(os []skillkeepr.AvailabilityOverride) string {
	var b strings.Builder
	for _, o := range os {
		switch o.Kind {
		case skillkeepr.OverrideDayOff:
			fmt.Fprintf(&b, "%s off\n", o.Date)
		case skillkeepr.OverrideExtra:
			fmt.Fprintf(&b, "%s + %s\n", o.Date, formatRanges(o.Hours))
		default:
			fmt.Fprintf(&b, "%s %s\n", o.Date, formatRanges(o.Hours))
		}
	}
	return b.String()
}

// parseOverrides reads one date change per line: "2027-03-01 off",
// "2027-03-02 10:00-14:00" (other hours) or "2027-03-03 + 18:00-20:00"
// (extra hours).
func parseOverrides(s string) []skillkeepr.AvailabilityOverride {
	out := []skillkeepr.AvailabilityOverride{}
	for _, line := range strings.Split(s, "\n") {
		line = strings.TrimSpace(line)
		if line == "" {
			continue
		}
		date, rest, _ := strings.Cut(line, " ")
		rest = strings.TrimSpace(rest)
		o := skillkeepr.AvailabilityOverride{Date: date}
		switch {
		case strings.EqualFold(rest, "off"):
			o.Kind = skillkeepr.OverrideDayOff
		case strings.HasPrefix(rest, "+"):
			o.Kind, o.Hours = skillkeepr.OverrideExtra, parseRanges(rest[1:])
		case rest != "":
			o.Kind, o.Hours = skillkeepr.OverrideReplace, parseRanges(rest)
		}
		out = append(out, o)
	}
	return out
}

func (s *Server) availabilityView(av *skillkeepr.Availability, overrides string, fields map[string]string) availabilityData {
	d := availabilityData{Availability: av, Overrides: overrides, Zones: zoneChoices(av.Timezone), Fields: fields}
	for _, wd := range weekOrder {
		d.Days = append(d.Days, availabilityDay{Name: strings.ToLower(wd.String()), Label: wd.String(), Hours: formatRanges(av.Weekly[wd])})
	}
	return d
}

// availabilityUser is whose availability the page edits: ?user= for
// admins, else the signed-in user.
func availabilityUser(r *http.Request) int64 {
	if id := formInt64(r, "user"); id > 0 {
		return id
	}
	return skillkeepr.ActorFrom(r.Context()).UserID
}

func (s *Server) availabilityPage(w http.ResponseWriter, r *http.Request) error {
	av, err := s.svc.Availability.FindAvailability(r.Context(), availabilityUser(r))
	if err != nil {
		return err
	}
	return s.render(w, r, http.StatusOK, "availability", "My availability", s.availabilityView(av, formatOverrides(av.Overrides), nil))
}

func (s *Server) saveAvailability(w http.ResponseWriter, r *http.Request) error {
	av := skillkeepr.Availability{UserID: availabilityUser(r), Timezone: r.PostFormValue("timezone")}
	for _, wd := range weekOrder {
		av.Weekly[wd] = parseRanges(r.PostFormValue("weekly." + strings.ToLower(wd.String())))
	}
	overrides := r.PostFormValue("overrides")
	av.Overrides = parseOverrides(overrides)
	num := func(name string) int {
		n, err := strconv.Atoi(strings.TrimSpace(r.PostFormValue(name)))
		if err != nil {
			return -1
		}
		return n
	}
	av.BufferBeforeMinutes, av.BufferAfterMinutes = num("buffer_before_minutes"), num("buffer_after_minutes")
	av.MinNoticeMinutes = num("min_notice_hours")
	if av.MinNoticeMinutes >= 0 {
		av.MinNoticeMinutes *= 60
	}
	av.DailyCap = num("daily_cap")
	_, err := s.svc.Availability.SetAvailability(r.Context(), av)
	if skillkeepr.ErrorCodeOf(err) == skillkeepr.EINVALID {
		fields := skillkeepr.ErrorFields(err)
		if f, ok := fields["min_notice_minutes"]; ok {
			fields["min_notice_hours"] = f
		}
		for k, v := range fields {
			if strings.HasPrefix(k, "overrides.") {
				fields["overrides"] = "Line " + lineNumber(k) + ": " + v
			}
		}
		return s.render(w, r, http.StatusBadRequest, "availability", "My availability", s.availabilityView(&av, overrides, fields))
	}
	if err != nil {
		return err
	}
	s.setFlash(w, "Availability saved. New interview slots follow it right away.")
	to := "/account/availability"
	if av.UserID != skillkeepr.ActorFrom(r.Context()).UserID {
		to += "?user=" + strconv.FormatInt(av.UserID, 10)
	}
	return redirect(w, r, to)
}

func lineNumber(field string) string {
	n, _ := strconv.Atoi(strings.TrimPrefix(field, "overrides."))
	return strconv.Itoa(n + 1)
}
