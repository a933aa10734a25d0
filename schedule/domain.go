package schedule

import (
	"strconv"
	"time"

	"github.com/skillkeepr/skillkeepr"
)

// DefaultStep is the grid of offered slots: quarter hours, which fit every
// UTC offset in use (see the package doc).
const DefaultStep = 15 * time.Minute

// FromDomain turns a user's stored availability and their busy times (any
// user's; only theirs are kept) into what FindSlots reads. The
// Interviewer is the user id in decimal.
func FromDomain(av *skillkeepr.Availability, busy []skillkeepr.BusyTime) Availability {
	out := Availability{
		Interviewer:  strconv.FormatInt(av.UserID, 10),
		TimeZone:     av.Timezone,
		BufferBefore: time.Duration(av.BufferBeforeMinutes) * time.Minute,
		BufferAfter:  time.Duration(av.BufferAfterMinutes) * time.Minute,
		MinNotice:    time.Duration(av.MinNoticeMinutes) * time.Minute,
		DailyCap:     av.DailyCap,
	}
	for d, rs := range av.Weekly {
		out.Weekly[d] = hoursOf(rs)
	}
	for _, o := range av.Overrides {
		date, err := ParseDate(o.Date)
		if err != nil {
			continue // validated on save
		}
		ov := Override{Date: date, Hours: hoursOf(o.Hours)}
		switch o.Kind {
		case skillkeepr.OverrideDayOff:
			ov.Kind = DayOff
		case skillkeepr.OverrideReplace:
			ov.Kind = ReplaceHours
		case skillkeepr.OverrideExtra:
			ov.Kind = ExtraHours
		default:
			continue
		}
		out.Overrides = append(out.Overrides, ov)
	}
	for _, b := range busy {
		if b.UserID == av.UserID {
			out.Busy = append(out.Busy, Interval{Start: b.StartsAt, End: b.EndsAt})
		}
	}
	return out
}

func hoursOf(rs []skillkeepr.TimeRange) []Hours {
	var out []Hours
	for _, r := range rs {
		if s, e, ok := r.Minutes(); ok {
			out = append(out, Hours{Start: Clock(s), End: Clock(e)})
		}
	}
	return out
}

// PlanRequest builds the request for an interview of length d in mode
// (skillkeepr.ModePanel or ModeRoundRobin) with these interviewers, over
// [from, to) on the DefaultStep grid. excludeInterview, when not 0, is an
// interview being moved: its own busy time does not count.
func PlanRequest(now, from, to time.Time, d time.Duration, mode string, avs []*skillkeepr.Availability, busy []skillkeepr.BusyTime, excludeInterview int64) Request {
	if excludeInterview != 0 {
		kept := busy[:0:0]
		for _, b := range busy {
			if b.InterviewID != excludeInterview {
				kept = append(kept, b)
			}
		}
		busy = kept
	}
	req := Request{Now: now, From: from.UTC().Truncate(DefaultStep), To: to, Duration: d, Step: DefaultStep, Mode: Panel}
	if req.From.Before(from) {
		req.From = req.From.Add(DefaultStep)
	}
	if mode == skillkeepr.ModeRoundRobin {
		req.Mode = RoundRobin
	}
	for _, av := range avs {
		req.Interviewers = append(req.Interviewers, FromDomain(av, busy))
	}
	return req
}

// InterviewerIDs returns the user ids of a slot's interviewers.
func (s Slot) InterviewerIDs() []int64 {
	out := make([]int64, 0, len(s.Interviewers))
	for _, x := range s.Interviewers {
		if id, err := strconv.ParseInt(x, 10, 64); err == nil {
			out = append(out, id)
		}
	}
	return out
}
