package match

import (
	"testing"
	"time"
)

func m(y int, mo time.Month) Month { return Month(y*12 + int(mo) - 1) }

func TestParseDateRanges(t *testing.T) {
	tests := []struct {
		line string
		want []DateRange
	}{
		{"Acme Ltd, 2019 – 2021", []DateRange{{Start: m(2019, 7), End: m(2021, 7)}}},
		{"Jan 2019 - Mar 2021", []DateRange{{Start: m(2019, 1), End: m(2021, 4)}}},
		{"January 2019 to Present", []DateRange{{Start: m(2019, 1), Open: true}}},
		{"03/2018 - 06/2020", []DateRange{{Start: m(2018, 3), End: m(2020, 7)}}},
		{"3/2018–6/2020", []DateRange{{Start: m(2018, 3), End: m(2020, 7)}}},
		{"2018-03 – 2020-06", []DateRange{{Start: m(2018, 3), End: m(2020, 7)}}},
		{"2018.03 ~ 2020.06", []DateRange{{Start: m(2018, 3), End: m(2020, 7)}}},
		{"2018年3月 – 2020年6月", []DateRange{{Start: m(2018, 3), End: m(2020, 7)}}},
		{"Sept. 2015 – Current", []DateRange{{Start: m(2015, 9), Open: true}}},
		{"Mar '19 – Jun '21", []DateRange{{Start: m(2019, 3), End: m(2021, 7)}}},
		{"März 2016 bis heute", []DateRange{{Start: m(2016, 3), Open: true}}},
		{"Since 2017", []DateRange{{Start: m(2017, 7), Open: true}}},
		{"2020 – 2020", []DateRange{{Start: m(2020, 7), End: m(2021, 1)}}},
		{"Summer 2019 – Fall 2019", []DateRange{{Start: m(2019, 7), End: m(2019, 11)}}},
		{"BSc Computer Science, 2012", nil},
		{"Managed 2019 budget of 2,000,000", nil},
		{"2019-2021 and 2022 – now", []DateRange{{Start: m(2019, 7), End: m(2021, 7)}, {Start: m(2022, 7), Open: true}}},
		{"Marching band", nil},
	}
	for _, tt := range tests {
		got := ParseDateRanges(tt.line)
		if len(got) != len(tt.want) {
			t.Errorf("%q = %+v, want %+v", tt.line, got, tt.want)
			continue
		}
		for i := range got {
			if got[i] != tt.want[i] {
				t.Errorf("%q [%d] = %+v, want %+v", tt.line, i, got[i], tt.want[i])
			}
		}
	}
}

func TestMergedMonths(t *testing.T) {
	rs := []DateRange{
		{Start: m(2015, 1), End: m(2018, 1)}, // 36
		{Start: m(2017, 1), End: m(2019, 1)}, // overlaps one year: +12
		{Start: m(2020, 1), Open: true},      // to Dec 2020 inclusive: 12
	}
	if got := MergedMonths(rs, m(2020, 12)); got != 60 {
		t.Errorf("MergedMonths = %d, want 60", got)
	}
	if got := MergedMonths(nil, 0); got != 0 {
		t.Errorf("MergedMonths(nil) = %d", got)
	}
}
