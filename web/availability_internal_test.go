package web

import (
	"testing"

	"github.com/skillkeepr/skillkeepr"
)

func TestParseAvailabilityForm(t *testing.T) {
	t.Parallel()
	rs := parseRanges(" 9:00-12:00, 13:00 – 17:30;18:00-24:00 ")
	if len(rs) != 3 || rs[0] != (skillkeepr.TimeRange{Start: "09:00", End: "12:00"}) || rs[1].End != "17:30" || rs[2].End != "24:00" {
		t.Fatalf("ranges %+v", rs)
	}
	os := parseOverrides("2027-03-01 off\n\n2027-03-02 10:00-14:00\r\n2027-03-03 + 18:00-20:00\n2027-03-04")
	if len(os) != 4 || os[0].Kind != skillkeepr.OverrideDayOff || os[1].Kind != skillkeepr.OverrideReplace ||
		os[2].Kind != skillkeepr.OverrideExtra || os[2].Hours[0].Start != "18:00" || os[3].Kind != "" {
		t.Fatalf("overrides %+v", os)
	}
	if back := parseOverrides(formatOverrides(os[:3])); len(back) != 3 || back[2].Kind != skillkeepr.OverrideExtra {
		t.Fatalf("round trip %+v", back)
	}
}

// FuzzAvailabilityForm: whatever is typed into the availability form is
// parsed and validated without a panic, and accepted values are sane.
func FuzzAvailabilityForm(f *testing.F) {
	f.Add("09:00-17:00", "2027-03-01 off\n2027-03-02 + 18:00-20:00")
	f.Add("+1:00-2:0", "x y z")
	f.Fuzz(func(t *testing.T, weekly, overrides string) {
		av := skillkeepr.Availability{UserID: 1, Timezone: "UTC", Overrides: parseOverrides(overrides)}
		av.Weekly[1] = parseRanges(weekly)
		if av.Validate() != nil {
			return
		}
		for _, r := range av.Weekly[1] {
			if s, e, ok := r.Minutes(); !ok || s < 0 || e > 24*60 || s >= e {
				t.Fatalf("accepted range %+v", r)
			}
		}
	})
}
