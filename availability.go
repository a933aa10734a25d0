package skillkeepr

import (
	"context"
	"fmt"
	"strings"
	"time"
)

// Kinds of availability override.
const (
	OverrideDayOff  = "day_off" // not available that day
	OverrideReplace = "replace" // these hours instead of the weekly ones
	OverrideExtra   = "extra"   // these hours as well as the weekly ones
)

// Limits of availability settings.
const (
	MaxBufferMinutes    = 240
	MaxMinNoticeMinutes = 30 * 24 * 60
	MaxDailyCap         = 24
	MaxOverrides        = 366
	MaxRangesPerDay     = 8
)

// TimeRange is a stretch of wall-clock time on one day, "HH:MM" to "HH:MM"
// (End may be "24:00").
type TimeRange struct {
	Start string `json:"start"`
	End   string `json:"end"`
}

// Minutes returns the start and end as minutes after midnight, or ok=false.
func (r TimeRange) Minutes() (start, end int, ok bool) {
	s, ok1 := parseClock(r.Start)
	e, ok2 := parseClock(r.End)
	return s, e, ok1 && ok2 && s < e
}

func (r TimeRange) String() string { return r.Start + "–" + r.End }

func parseClock(s string) (int, bool) {
	if len(s) != 5 || s[2] != ':' {
		return 0, false
	}
	for _, i := range []int{0, 1, 3, 4} {
		if s[i] < '0' || s[i] > '9' {
			return 0, false
		}
	}
	h := int(s[0]-'0')*10 + int(s[1]-'0')
	m := int(s[3]-'0')*10 + int(s[4]-'0')
	if h < 0 || m < 0 || m > 59 || h > 24 || (h == 24 && m != 0) {
		return 0, false
	}
	return h*60 + m, true
}

// AvailabilityOverride changes one local date of an interviewer.
type AvailabilityOverride struct {
	Date  string      `json:"date"` // YYYY-MM-DD in the interviewer's zone
	Kind  string      `json:"kind"` // OverrideDayOff, OverrideReplace or OverrideExtra
	Hours []TimeRange `json:"hours,omitempty"`
}

// Availability is when an interviewer can be booked.
type Availability struct {
	UserID   int64  `json:"user_id"`
	Timezone string `json:"timezone"` // the interviewer's own IANA zone
	// Weekly holds the hours of each weekday, indexed by time.Weekday
	// (0 = Sunday), in Timezone.
	Weekly              [7][]TimeRange         `json:"weekly"`
	Overrides           []AvailabilityOverride `json:"overrides"`
	BufferBeforeMinutes int                    `json:"buffer_before_minutes"`
	BufferAfterMinutes  int                    `json:"buffer_after_minutes"`
	MinNoticeMinutes    int                    `json:"min_notice_minutes"`
	DailyCap            int                    `json:"daily_cap"` // 0 = no cap
	// Default is true when the user never saved theirs (Monday to Friday,
	// 09:00–17:00 in the organisation's zone).
	Default   bool      `json:"default"`
	UpdatedAt time.Time `json:"updated_at"`
}

// DefaultAvailability is what a user who never set theirs gets.
func DefaultAvailability(userID int64, tz string) *Availability {
	a := &Availability{UserID: userID, Timezone: tz, Default: true, Overrides: []AvailabilityOverride{}, MinNoticeMinutes: 12 * 60}
	for d := time.Monday; d <= time.Friday; d++ {
		a.Weekly[d] = []TimeRange{{Start: "09:00", End: "17:00"}}
	}
	for d := range a.Weekly {
		if a.Weekly[d] == nil {
			a.Weekly[d] = []TimeRange{}
		}
	}
	return a
}

// Validate checks and normalises the fields.
func (a *Availability) Validate() error {
	a.Timezone = strings.TrimSpace(a.Timezone)
	v := Validation{}
	v.Check(ValidTimezone(a.Timezone), "timezone", "Choose your time zone from the list.")
	for d := range a.Weekly {
		if a.Weekly[d] == nil {
			a.Weekly[d] = []TimeRange{}
		}
		field := "weekly." + strings.ToLower(time.Weekday(d).String())
		v.Check(len(a.Weekly[d]) <= MaxRangesPerDay, field, "Use at most 8 ranges a day.")
		for _, r := range a.Weekly[d] {
			_, _, ok := r.Minutes()
			v.Check(ok, field, "Write hours as 09:00 to 17:00, the end after the start.")
		}
	}
	if a.Overrides == nil {
		a.Overrides = []AvailabilityOverride{}
	}
	v.Check(len(a.Overrides) <= MaxOverrides, "overrides", "Use at most 366 date changes.")
	seen := map[string]bool{}
	for i, o := range a.Overrides {
		field := fmt.Sprintf("overrides.%d", i)
		_, err := time.Parse(time.DateOnly, o.Date)
		v.Check(err == nil, field, "Write the date as YYYY-MM-DD.")
		v.Check(!seen[o.Date], field, "Each date can be changed once; merge the two lines.")
		seen[o.Date] = true
		switch o.Kind {
		case OverrideDayOff:
			a.Overrides[i].Hours = nil
		case OverrideReplace, OverrideExtra:
			v.Check(len(o.Hours) > 0 && len(o.Hours) <= MaxRangesPerDay, field, "Give the hours of that day.")
			for _, r := range o.Hours {
				_, _, ok := r.Minutes()
				v.Check(ok, field, "Write hours as 09:00 to 17:00, the end after the start.")
			}
		default:
			v.Add(field, "Choose day off, other hours or extra hours.")
		}
	}
	v.Check(a.BufferBeforeMinutes >= 0 && a.BufferBeforeMinutes <= MaxBufferMinutes, "buffer_before_minutes", "Use 0 to 240 minutes.")
	v.Check(a.BufferAfterMinutes >= 0 && a.BufferAfterMinutes <= MaxBufferMinutes, "buffer_after_minutes", "Use 0 to 240 minutes.")
	v.Check(a.MinNoticeMinutes >= 0 && a.MinNoticeMinutes <= MaxMinNoticeMinutes, "min_notice_minutes", "Use at most 30 days of notice.")
	v.Check(a.DailyCap >= 0 && a.DailyCap <= MaxDailyCap, "daily_cap", "Use 0 (no limit) to 24 interviews a day.")
	return v.Err()
}

// AvailabilityService keeps interviewers' availability.
type AvailabilityService interface {
	// FindAvailability returns the user's availability, or the default
	// when they never saved one. Anyone of the organisation may read it
	// (it is needed to offer slots).
	FindAvailability(ctx context.Context, userID int64) (*Availability, error)
	// SetAvailability needs ActManageAvailability for a.UserID.
	SetAvailability(ctx context.Context, a Availability) (*Availability, error)
}
