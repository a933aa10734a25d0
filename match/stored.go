package match

import (
	"encoding/json"
	"regexp"
	"strings"
	"unicode"

	"github.com/skillkeepr/skillkeepr"
)

// Person is what is known about a candidate outside the résumé (their
// record): used only to hide those details from the masked text.
type Person = skillkeepr.CandidateFields

// Read turns the outcome of ExtractText into what is stored for a résumé:
// the outcome in plain words, the numbered lines, the same lines masked for
// blind review (see Mask) and the facts a score reads. err is the error of
// ExtractText; a refusal becomes "no text found" or "unreadable" with its
// message, never an error here.
func Read(t Text, err error, who Person) *skillkeepr.ResumeText {
	rt := &skillkeepr.ResumeText{Format: t.Format, Pages: t.Pages}
	switch {
	case ReasonOf(err) == NoText || (err == nil && len(t.Lines) == 0):
		rt.Outcome, rt.Message = skillkeepr.ResumeNoText, "No text was found in the file. Is it a scanned image? Ask the candidate for a text-based file."
		rt.Facts = []byte("{}")
		return rt
	case err != nil:
		rt.Outcome = skillkeepr.ResumeTextUnreadable
		rt.Message = "The text could not be read."
		if skillkeepr.ErrorCodeOf(err) == skillkeepr.EINVALID {
			rt.Message = "The text could not be read: " + skillkeepr.ErrorMessage(err)
		}
		rt.Facts = []byte("{}")
		return rt
	}
	p := Extract(t)
	rt.Outcome = skillkeepr.ResumeTextOK
	rt.Lines = make([]skillkeepr.TextLine, len(t.Lines))
	for i, l := range t.Lines {
		rt.Lines[i] = skillkeepr.TextLine(l)
	}
	for _, l := range Mask(t, p, who) {
		rt.Masked = append(rt.Masked, skillkeepr.TextLine(l))
	}
	facts, mErr := json.Marshal(p.Facts())
	if mErr != nil { // cannot happen: Facts holds only strings and numbers
		facts = []byte("{}")
	}
	rt.Facts = facts
	return rt
}

// FactsOf decodes the facts stored by Read.
func FactsOf(rt *skillkeepr.ResumeText) (Facts, error) {
	var f Facts
	if rt == nil || len(rt.Facts) == 0 {
		return f, nil
	}
	err := json.Unmarshal(rt.Facts, &f)
	return f, err
}

// CriteriaOf turns stored job criteria into Criteria, closing open
// employment periods at asOf.
func CriteriaOf(jc *skillkeepr.JobCriteria, jobTitle string, asOf Month) Criteria {
	c := Criteria{Version: jc.Version, JobTitle: jobTitle, AsOf: asOf, Items: make([]Criterion, len(jc.Items))}
	for i, it := range jc.Items {
		c.Items[i] = Criterion(it)
	}
	return c
}

// StoredCriteria converts criteria to what is stored for a job.
func StoredCriteria(c Criteria) []skillkeepr.Criterion {
	out := make([]skillkeepr.Criterion, len(c.Items))
	for i, it := range c.Items {
		out[i] = skillkeepr.Criterion(it)
	}
	return out
}

// StoredScore converts a result to what is stored for an application;
// each evidence line carries its masked twin from masked (by line number).
func StoredScore(r Result, masked []skillkeepr.TextLine) *skillkeepr.ApplicationScore {
	s := &skillkeepr.ApplicationScore{State: skillkeepr.ScoreScored, CriteriaVersion: r.CriteriaVersion, Score: r.Score,
		RequiredMet: r.RequiredMet, RequiredTotal: r.RequiredTotal, Criteria: make([]skillkeepr.CriterionVerdict, len(r.Criteria))}
	for i, cr := range r.Criteria {
		v := skillkeepr.CriterionVerdict{Criterion: skillkeepr.Criterion(cr.Criterion), Verdict: string(cr.Verdict),
			Reason: cr.Reason, Points: cr.Points, Evidence: make([]skillkeepr.EvidenceLine, len(cr.Evidence))}
		for k, ev := range cr.Evidence {
			m := hiddenLine
			if ev.Line >= 1 && ev.Line <= len(masked) {
				m = masked[ev.Line-1].Text
			}
			v.Evidence[k] = skillkeepr.EvidenceLine{Line: ev.Line, Text: ev.Text, Masked: m}
		}
		s.Criteria[i] = v
	}
	return s
}

// What masked text shows instead of what it hides.
const (
	hiddenLine    = "[hidden for blind review]"
	hiddenName    = "[name]"
	hiddenEmail   = "[email]"
	hiddenPhone   = "[phone]"
	hiddenLink    = "[link]"
	hiddenPlace   = "[location]"
	hiddenYear    = "[year]"
	hiddenBirth   = "[date of birth hidden]"
	hiddenSection = "[references hidden]"
)

var (
	birthRE = regexp.MustCompile(`(?i)\b(date of birth|birth ?date|d\.?o\.?b\.?|born( on| in)?|geburtsdatum|geboren|date de naissance|né le|née le|fecha de nacimiento|age:?\s*\d{2}|\d{2} years old|nationality|marital status|familienstand|gender|sex:)`)
	yearRE  = regexp.MustCompile(`\b(19[3-9]\d|20[0-4]\d)\b`)
	// Pronouns in any case; titles only as written before a name, so "MS
	// Office" and "miss a deadline" stay.
	pronounRE = regexp.MustCompile(`\b(?:(?i:he|she|him|her|his|hers|himself|herself)\b|(?:Mr|Mrs|Ms|Mx)\b\.?|(?:Miss|Madam)\b)`)
)

// pronouns maps gendered words to neutral ones.
var pronouns = map[string]string{
	"he": "they", "she": "they", "him": "them", "her": "their", "his": "their", "hers": "theirs",
	"himself": "themself", "herself": "themself", "mr": "", "mrs": "", "ms": "", "mx": "", "miss": "", "madam": "",
}

// Mask returns the lines of t with what could identify the candidate or
// reveal their gender or age hidden (docs/shortlisting.md lists it): the
// header block (name, contact details, address) and references are
// replaced whole; emails, phone numbers and links, the candidate's names
// and location (from the résumé and from who), lines about birth, age,
// nationality, marital status or gender, years on education lines
// (graduation years) and gendered pronouns and titles anywhere. Line
// numbers are kept, so evidence points at the same lines.
func Mask(t Text, p Profile, who Person) []Line {
	kind := make([]string, len(t.Lines)+2)
	// The header block: the lines before the first heading, or, without
	// headings, the first short lines (the rule Extract follows).
	if len(p.Sections) > 0 {
		for n := 1; n < p.Sections[0].First && n < len(kind); n++ {
			kind[n] = SectionHeader
		}
	} else {
		for i, l := range t.Lines {
			if i >= 6 || len(l.Text) > 60 || len(ParseDateRanges(l.Text)) > 0 {
				break
			}
			kind[l.N] = SectionHeader
		}
	}
	for _, s := range p.Sections {
		for n := s.First; n <= s.Last && n < len(kind); n++ {
			if n >= 1 {
				kind[n] = s.Kind
			}
		}
	}
	var names []string
	for _, n := range append(strings.Fields(who.Name), strings.Fields(p.Contact.Name)...) {
		n = strings.Trim(n, ".,;:()\"'")
		if len([]rune(n)) >= 2 {
			names = append(names, regexp.QuoteMeta(n))
		}
	}
	var nameRE *regexp.Regexp
	if len(names) > 0 {
		nameRE = anyOf(`(?i)\b(`, names, `)('s|s)?\b`)
	}
	var places []string
	for _, pl := range []string{who.Location, p.Contact.Address} {
		if pl = strings.TrimSpace(pl); len(pl) >= 3 {
			places = append(places, regexp.QuoteMeta(pl))
		}
	}
	var placeRE *regexp.Regexp
	if len(places) > 0 {
		placeRE = anyOf(`(?i)(`, places, `)`)
	}
	var personal []string
	for _, x := range append(append(append([]string{}, who.Emails...), who.Phones...), who.Links...) {
		if x = strings.TrimSpace(x); x != "" {
			personal = append(personal, regexp.QuoteMeta(x))
		}
	}
	var personalRE *regexp.Regexp
	if len(personal) > 0 {
		personalRE = anyOf(`(?i)(`, personal, `)`)
	}
	out := make([]Line, len(t.Lines))
	for i, l := range t.Lines {
		s := l.Text
		k := ""
		if l.N < len(kind) && l.N >= 1 {
			k = kind[l.N]
		}
		switch {
		case k == SectionHeader:
			s = hiddenLine
		case k == SectionReferences:
			s = hiddenSection
		case birthRE.MatchString(s):
			s = hiddenBirth
		default:
			if personalRE != nil {
				s = personalRE.ReplaceAllString(s, "[contact]")
			}
			s = emailRE.ReplaceAllString(s, hiddenEmail)
			s = linkRE.ReplaceAllString(s, hiddenLink)
			for _, ph := range phoneRE.FindAllString(s, -1) {
				if len(phonesIn(ph)) > 0 {
					s = strings.Replace(s, ph, hiddenPhone, 1)
				}
			}
			if placeRE != nil {
				s = placeRE.ReplaceAllString(s, hiddenPlace)
			}
			if nameRE != nil {
				s = nameRE.ReplaceAllString(s, hiddenName)
			}
			if k == SectionEducation || educationWordRE.MatchString(s) {
				s = yearRE.ReplaceAllString(s, hiddenYear)
			}
			s = pronounRE.ReplaceAllStringFunc(s, neutral)
			s = strings.Join(strings.Fields(s), " ")
		}
		out[i] = Line{N: l.N, Text: s}
	}
	return out
}

// neutral replaces a gendered word, keeping a capital first letter.
func neutral(w string) string {
	word := strings.TrimSuffix(w, ".")
	r, ok := pronouns[strings.ToLower(word)]
	if !ok {
		return w
	}
	if r != "" && unicode.IsUpper([]rune(word)[0]) {
		r = strings.ToUpper(r[:1]) + r[1:]
	}
	return r
}

// anyOf compiles prefix + alternatives + suffix; the alternatives are
// quoted and made valid UTF-8 (a record may hold anything). It returns nil
// when nothing compiles, which masks less but never fails.
func anyOf(prefix string, quoted []string, suffix string) *regexp.Regexp {
	for i, q := range quoted {
		quoted[i] = strings.ToValidUTF8(q, "")
	}
	re, err := regexp.Compile(prefix + strings.Join(quoted, "|") + suffix)
	if err != nil {
		return nil
	}
	return re
}
