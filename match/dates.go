package match

import (
	"maps"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// Month counts months since year 0: year*12 + month-1.
type Month int

// MonthOf returns the Month of t.
func MonthOf(t time.Time) Month { return Month(t.Year()*12 + int(t.Month()) - 1) }

// Year and month number (1–12).
func (m Month) Year() int  { return int(m) / 12 }
func (m Month) Month() int { return int(m)%12 + 1 }

func (m Month) String() string {
	return time.Month(m.Month()).String()[:3] + " " + strconv.Itoa(m.Year())
}

// DateRange is a period written on one line: "Mar 2019 – Present".
// Start is the first month; End the first month after it. Open is set for
// "Present", "Current", "now"...: End is then unknown until an as-of date
// is given (see Span).
type DateRange struct {
	Start Month `json:"start"`
	End   Month `json:"end,omitempty"`
	Open  bool  `json:"open,omitempty"`
}

// Span returns the range as [start, end) months, closing an open range at
// asOf (the month after it). An open range with a zero asOf ends at its
// start.
func (d DateRange) Span(asOf Month) (Month, Month) {
	if !d.Open {
		return d.Start, d.End
	}
	if asOf <= 0 {
		return d.Start, d.Start
	}
	return d.Start, max(d.Start, asOf+1)
}

var monthNames = func() map[string]int {
	monthNames := map[string]int{}
	for i, names := range [12][]string{
		{"jan", "january", "janv", "janvier", "januar", "jän", "enero", "ene", "gennaio", "gen", "janeiro", "januari", "styczeń"},
		{"feb", "february", "févr", "fevr", "février", "februar", "febrero", "febbraio", "fevereiro", "februari"},
		{"mar", "march", "mars", "märz", "maerz", "marzo", "março", "maart", "mär"},
		{"apr", "april", "avr", "avril", "abril", "aprile", "abr"},
		{"may", "mai", "mayo", "maggio", "maio", "mei"},
		{"jun", "june", "juin", "juni", "junio", "giugno", "junho"},
		{"jul", "july", "juil", "juillet", "juli", "julio", "luglio", "julho"},
		{"aug", "august", "août", "aout", "agosto", "ago", "augustus"},
		{"sep", "sept", "september", "septembre", "septiembre", "settembre", "set", "setembro"},
		{"oct", "october", "octobre", "oktober", "okt", "octubre", "ottobre", "outubro", "out"},
		{"nov", "november", "novembre", "noviembre", "novembro"},
		{"dec", "december", "décembre", "decembre", "dezember", "dez", "diciembre", "dic", "dicembre", "dezembro"},
	} {
		for _, n := range names {
			monthNames[n] = i + 1
		}
	}
	seasons := map[string]int{"spring": 4, "summer": 7, "fall": 10, "autumn": 10, "winter": 1}
	for k, v := range seasons {
		monthNames[k] = v
	}
	return monthNames
}()

const presentWords = `present|current|currently|now|today|ongoing|date|heute|aktuell|actualidad|presente|actuel|aujourd'hui|至今|现在|今`

var (
	monthAlt = func() string {
		names := slices.Collect(maps.Keys(monthNames))
		slices.SortFunc(names, func(a, b string) int {
			if len(a) != len(b) {
				return len(b) - len(a)
			}
			return strings.Compare(a, b)
		})
		for i, n := range names {
			names[i] = regexp.QuoteMeta(n)
		}
		return strings.Join(names, "|")
	}()
	// One date: month-name year, numeric month/year, year-month, CJK, a
	// bare year, or a word for "now".
	pointRE = regexp.MustCompile(`(?i)(?:^|[^\p{L}\d])(?:` +
		`(?P<mname>` + monthAlt + `)\.?,?\s*(?P<myear>(?:19|20)\d{2}|'\d{2})` + // Mar 2019, March, 2019, Mar '19
		`|(?P<nmon>0?[1-9]|1[0-2])\s*[/.\-]\s*(?P<nyear>(?:19|20)\d{2})` + // 03/2018, 3.2018, 03-2018
		`|(?P<iyear>(?:19|20)\d{2})\s*[/.\-]\s*(?P<imon>0[1-9]|1[0-2])` + // 2018-03, 2018.03
		`|(?P<cyear>(?:19|20)\d{2})\s*年\s*(?P<cmon>\d{1,2})\s*月` + // 2018年3月
		`|(?P<year>(?:19|20)\d{2})` + // 2019
		`|(?P<now>` + presentWords + `))`)
	connectorRE = regexp.MustCompile(`(?i)^\s*(?:–|-|—|~|～|to|until|till|through|thru|bis|à|au|a|al|hasta|jusqu'à|[-–]\s*to)?\s*$`)
	sinceRE     = regexp.MustCompile(`(?i)(?:since|from|seit|depuis|desde|dal)\s*$`)
)

type datePoint struct {
	m        Month
	yearly   bool // only a year was written
	now      bool
	from, to int // byte offsets in the line
}

func parsePoints(line string) []datePoint {
	var out []datePoint
	names := pointRE.SubexpNames()
	for _, loc := range pointRE.FindAllStringSubmatchIndex(line, -1) {
		g := func(name string) string {
			for i, n := range names {
				if n == name && loc[2*i] >= 0 {
					return line[loc[2*i]:loc[2*i+1]]
				}
			}
			return ""
		}
		span := func() (int, int) { // the date itself, without the border characters
			from := len(line)
			for i := 1; i < len(names); i++ {
				if loc[2*i] >= 0 {
					from = min(from, loc[2*i])
				}
			}
			return from, loc[1]
		}
		from, to := span()
		if r, _ := utf8.DecodeRuneInString(line[to:]); to < len(line) && (unicode.IsLetter(r) || unicode.IsDigit(r)) {
			if g("cyear") == "" {
				continue // "2019ish", "Marching"
			}
		}
		p := datePoint{from: from, to: to}
		switch {
		case g("mname") != "":
			y := g("myear")
			year, _ := strconv.Atoi(strings.TrimPrefix(y, "'"))
			if strings.HasPrefix(y, "'") {
				year += 1900
				if year < 1950 {
					year += 100
				}
			}
			p.m = Month(year*12 + monthNames[strings.ToLower(g("mname"))] - 1)
		case g("nmon") != "":
			mo, _ := strconv.Atoi(g("nmon"))
			y, _ := strconv.Atoi(g("nyear"))
			p.m = Month(y*12 + mo - 1)
		case g("iyear") != "":
			mo, _ := strconv.Atoi(g("imon"))
			y, _ := strconv.Atoi(g("iyear"))
			p.m = Month(y*12 + mo - 1)
		case g("cyear") != "":
			mo, _ := strconv.Atoi(g("cmon"))
			y, _ := strconv.Atoi(g("cyear"))
			if mo < 1 || mo > 12 {
				continue
			}
			p.m = Month(y*12 + mo - 1)
		case g("year") != "":
			y, _ := strconv.Atoi(g("year"))
			p.m = Month(y*12 + 6) // mid-year
			p.yearly = true
		case g("now") != "":
			p.now = true
		}
		out = append(out, p)
	}
	return out
}

// ParseDateRanges finds the periods written on one line: "2019 – 2021",
// "Jan 2019 – Present", "03/2018 - 06/2020", "2018.03 ~ 2020.06",
// "2018年3月 – 2020年6月", "Since 2017", "März 2016 bis heute". A bare year
// counts from mid-year, so "2019 – 2021" is two years; a single year alone
// on a line is not a period.
func ParseDateRanges(line string) []DateRange {
	pts := parsePoints(line)
	var out []DateRange
	for i := 0; i < len(pts); i++ {
		a := pts[i]
		if a.now {
			continue
		}
		if i+1 < len(pts) && connectorRE.MatchString(line[a.to:pts[i+1].from]) {
			b := pts[i+1]
			r := DateRange{Start: a.m}
			switch {
			case b.now:
				r.Open = true
			case b.yearly && a.yearly && b.m == a.m:
				r.End = a.m + 6
			case b.yearly:
				r.End = b.m
			default:
				r.End = b.m + 1
			}
			if a.yearly && !b.yearly && !b.now && b.m < a.m {
				r.Start = Month(a.m.Year() * 12) // "2019 – Mar 2019"
			}
			if r.Open || r.End > r.Start {
				out = append(out, r)
			}
			i++
			continue
		}
		if sinceRE.MatchString(line[:a.from]) {
			out = append(out, DateRange{Start: a.m, Open: true})
		}
	}
	return out
}

// MergedMonths is the number of months covered by the ranges, each month
// counted once however many ranges overlap it; open ranges end at asOf.
func MergedMonths(ranges []DateRange, asOf Month) int {
	type iv struct{ a, b Month }
	ivs := make([]iv, 0, len(ranges))
	for _, r := range ranges {
		a, b := r.Span(asOf)
		if b > a {
			ivs = append(ivs, iv{a, b})
		}
	}
	// insertion sort: a résumé has few periods
	for i := 1; i < len(ivs); i++ {
		for j := i; j > 0 && ivs[j].a < ivs[j-1].a; j-- {
			ivs[j], ivs[j-1] = ivs[j-1], ivs[j]
		}
	}
	total := 0
	var cur iv
	for i, v := range ivs {
		if i == 0 {
			cur = v
			continue
		}
		if v.a <= cur.b {
			cur.b = max(cur.b, v.b)
			continue
		}
		total += int(cur.b - cur.a)
		cur = v
	}
	if len(ivs) > 0 {
		total += int(cur.b - cur.a)
	}
	return total
}
