package web

import (
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/skillkeepr/skillkeepr"
	"github.com/skillkeepr/skillkeepr/schedule"
)

// slotWindow is how far ahead slots are offered.
const slotWindow = 21 * 24 * time.Hour

// commonZones is the time zone list of the pickers; a zone the browser
// reports that is not here is added to the list for that page.
var commonZones = []string{
	"UTC", "Europe/London", "Europe/Dublin", "Europe/Lisbon", "Europe/Paris", "Europe/Berlin", "Europe/Amsterdam",
	"Europe/Madrid", "Europe/Rome", "Europe/Zurich", "Europe/Vienna", "Europe/Stockholm", "Europe/Warsaw",
	"Europe/Prague", "Europe/Athens", "Europe/Helsinki", "Europe/Kyiv", "Europe/Istanbul", "Europe/Moscow",
	"Africa/Lagos", "Africa/Cairo", "Africa/Johannesburg", "Africa/Nairobi", "Asia/Dubai", "Asia/Karachi",
	"Asia/Kolkata", "Asia/Kathmandu", "Asia/Dhaka", "Asia/Bangkok", "Asia/Jakarta", "Asia/Singapore",
	"Asia/Shanghai", "Asia/Hong_Kong", "Asia/Taipei", "Asia/Manila", "Asia/Seoul", "Asia/Tokyo",
	"Australia/Perth", "Australia/Adelaide", "Australia/Brisbane", "Australia/Sydney", "Australia/Melbourne",
	"Pacific/Auckland", "America/St_Johns", "America/Halifax", "America/Sao_Paulo", "America/Argentina/Buenos_Aires",
	"America/Santiago", "America/Bogota", "America/Lima", "America/Mexico_City", "America/New_York",
	"America/Toronto", "America/Chicago", "America/Denver", "America/Phoenix", "America/Los_Angeles",
	"America/Vancouver", "America/Anchorage", "Pacific/Honolulu",
}

// zoneChoices returns the picker list with current in it.
func zoneChoices(current string) []string {
	if current == "" || slices.Contains(commonZones, current) || !skillkeepr.ValidTimezone(current) {
		return commonZones
	}
	return append([]string{current}, commonZones...)
}

// pickZone returns the zone asked for in the request (?tz=), else def.
func pickZone(r *http.Request, def string) string {
	if tz := strings.TrimSpace(r.FormValue("tz")); skillkeepr.ValidTimezone(tz) {
		return tz
	}
	if skillkeepr.ValidTimezone(def) {
		return def
	}
	return "UTC"
}

// slotView is one bookable time as a page shows it.
type slotView struct {
	Label        string // "14:00–14:45", with the zone's abbreviation when the hour repeats
	Start        string // RFC 3339, what the form sends back
	Interviewers string // user ids, comma-separated
	Names        string
}

type dayView struct {
	Label string
	Open  bool // the first days are shown unfolded
	Slots []slotView
}

// openDays is how many days of slots a page shows unfolded.
const openDays = 3

// slotDays groups slots by local day of tz for a page.
func slotDays(slots []schedule.Slot, tz string, names map[int64]string) []dayView {
	loc, err := time.LoadLocation(tz)
	if err != nil {
		loc = time.UTC
	}
	var out []dayView
	for _, d := range schedule.GroupByDay(slots, loc) {
		dv := dayView{Label: time.Date(d.Date.Year, d.Date.Month, d.Date.Day, 12, 0, 0, 0, time.UTC).Format("Monday 2 January"), Open: len(out) < openDays}
		for _, s := range d.Slots {
			st, en := s.Start.In(loc), s.End.In(loc)
			label := st.Format("15:04") + "–" + en.Format("15:04")
			if s.Repeated {
				label += " " + st.Format("MST")
			}
			ids := make([]string, 0, len(s.Interviewers))
			var who []string
			for _, x := range s.Interviewers {
				ids = append(ids, x)
				if id, err := strconv.ParseInt(x, 10, 64); err == nil && names[id] != "" {
					who = append(who, names[id])
				}
			}
			dv.Slots = append(dv.Slots, slotView{Label: label, Start: s.Start.UTC().Format(time.RFC3339),
				Interviewers: strings.Join(ids, ","), Names: strings.Join(who, ", ")})
		}
		out = append(out, dv)
	}
	return out
}

// slotSpec is what an interview needs from the slot finder.
type slotSpec struct {
	Duration       time.Duration
	Mode           string
	InterviewerIDs []int64
	Exclude        int64 // an interview being moved
}

// freeSlots finds the free slots of spec from now over slotWindow, with
// availabilities and busy times read by load.
func freeSlots(now time.Time, spec slotSpec,
	load func(ids []int64, from, to time.Time) ([]*skillkeepr.Availability, []skillkeepr.BusyTime, error)) ([]schedule.Slot, error) {
	if len(spec.InterviewerIDs) == 0 || spec.Duration <= 0 {
		return nil, nil
	}
	from, to := now, now.Add(slotWindow)
	avs, busy, err := load(spec.InterviewerIDs, from.Add(-24*time.Hour), to.Add(24*time.Hour))
	if err != nil {
		return nil, err
	}
	req := schedule.PlanRequest(now, from, to, spec.Duration, spec.Mode, avs, busy, spec.Exclude)
	if err := req.Validate(); err != nil {
		return nil, err
	}
	return schedule.FindSlots(req), nil
}

// actorTimes reads availabilities and busy times as the signed-in user.
func (s *Server) actorTimes(r *http.Request) func(ids []int64, from, to time.Time) ([]*skillkeepr.Availability, []skillkeepr.BusyTime, error) {
	return func(ids []int64, from, to time.Time) ([]*skillkeepr.Availability, []skillkeepr.BusyTime, error) {
		ctx := r.Context()
		avs := make([]*skillkeepr.Availability, 0, len(ids))
		for _, id := range ids {
			av, err := s.svc.Availability.FindAvailability(ctx, id)
			if err != nil {
				return nil, nil, err
			}
			avs = append(avs, av)
		}
		busy, err := s.svc.Interviews.FindBusyTimes(ctx, ids, from, to)
		return avs, busy, err
	}
}

// parseSlot reads the chosen slot of a booking form.
func parseSlot(r *http.Request) (time.Time, []int64, error) {
	start, err := time.Parse(time.RFC3339, r.PostFormValue("start"))
	var ids []int64
	for _, x := range strings.Split(r.PostFormValue("interviewers"), ",") {
		if id, err := strconv.ParseInt(strings.TrimSpace(x), 10, 64); err == nil && id > 0 {
			ids = append(ids, id)
		}
	}
	if err != nil || len(ids) == 0 {
		return time.Time{}, nil, skillkeepr.Validation{"start": "Choose a time from the list."}.Err()
	}
	return start, ids, nil
}

// userNames maps user ids to names for slot labels.
func (s *Server) userNames(r *http.Request) (map[int64]string, []skillkeepr.InterviewParticipant, error) {
	people, err := s.svc.Interviews.FindInterviewers(r.Context())
	if err != nil {
		return nil, nil, err
	}
	m := make(map[int64]string, len(people))
	for _, p := range people {
		m[p.UserID] = p.Name
	}
	return m, people, nil
}

// localTime formats t in tz for pages.
func localTime(t time.Time, tz string) string {
	loc, err := time.LoadLocation(tz)
	if err != nil {
		loc = time.UTC
	}
	return t.In(loc).Format("Mon 2 Jan 2006, 15:04 MST")
}

// The template functions of the scheduling pages.
func init() {
	funcs["localtime"] = localTime
	funcs["ivstatus"] = func(s skillkeepr.InterviewStatus) string { return s.Label() }
	funcs["since"] = func(t time.Time) string { return t.UTC().Format(time.RFC3339) }
	funcs["div60"] = func(n int) int { return n / 60 }
	funcs["delivery"] = func(state string) string {
		switch state {
		case skillkeepr.DeliveryQueued:
			return "Sending"
		case skillkeepr.DeliverySent:
			return "Sent"
		case skillkeepr.DeliveryFailed:
			return "Not sent yet, will retry"
		case skillkeepr.DeliveryGaveUp:
			return "Could not be sent"
		}
		return state
	}
}
