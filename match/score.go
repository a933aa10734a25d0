package match

import (
	"fmt"
	"math"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/skillkeepr/skillkeepr"
)

// Facts are the only input of the score: skills, employment periods,
// degrees (level and subject, no year), languages and the lines that may be
// cited as evidence. There is no field for a name, contact details, an
// address or location of the person, gender, pronouns, age, date of birth,
// a photo or graduation years, so no score can depend on them.
type Facts struct {
	Skills    []FoundSkill `json:"skills"`
	Periods   []Period     `json:"periods"`
	Degrees   []Degree     `json:"degrees"`
	Languages []Language   `json:"languages"`
	// Body is the résumé lines facts may cite, without the header block,
	// references and lines holding contact details; free-text criteria are
	// looked up here.
	Body []Line `json:"body"`
	// Availability is where the candidate said they can work ("Berlin",
	// "remote"), recorded by a person from the candidate's own answer.
	// It is never read from the résumé; empty means not asked.
	Availability []string `json:"availability,omitempty"`
}

// Facts returns the part of the profile a score may read.
func (p Profile) Facts() Facts {
	f := Facts{Skills: p.Skills, Periods: p.Periods, Languages: p.Languages, Body: p.Body}
	for _, e := range p.Education {
		f.Degrees = append(f.Degrees, e.Degree)
	}
	return f
}

// Criterion kinds.
const (
	KindSkill    = "skill"
	KindYears    = "years"
	KindDegree   = "degree"
	KindLanguage = "language"
	KindLocation = "location"
)

// Criterion is one thing a job asks for, with its weight.
type Criterion struct {
	Kind     string  `json:"kind"`
	Label    string  `json:"label"` // what people see: "Kubernetes", "5+ years"
	Required bool    `json:"required"`
	Weight   float64 `json:"weight"`

	Skill string `json:"skill,omitempty"` // KindSkill: canonical name, or free text outside the vocabulary

	MinYears float64 `json:"min_years,omitempty"` // KindYears

	DegreeLevel    int      `json:"degree_level,omitempty"`    // KindDegree
	DegreeSubjects []string `json:"degree_subjects,omitempty"` // KindDegree: any of; empty = any subject

	Language      string `json:"language,omitempty"`       // KindLanguage
	LanguageLevel int    `json:"language_level,omitempty"` // KindLanguage

	Location string `json:"location,omitempty"` // KindLocation: a place or "Remote"
}

// Criteria are what a job asks for. Version is the caller's version number
// of the criteria, copied to every Result. AsOf closes open periods
// ("2019 – Present"); the caller sets it from its clock.
type Criteria struct {
	Version  int         `json:"version"`
	JobTitle string      `json:"job_title"`
	AsOf     Month       `json:"as_of"`
	Items    []Criterion `json:"items"`

	known []bool // per item: a skill of the vocabulary (see prepare)
}

// prepare resolves once what every score needs.
func (c Criteria) prepare() Criteria {
	if len(c.known) == len(c.Items) {
		return c
	}
	v := DefaultVocabulary()
	c.known = make([]bool, len(c.Items))
	for i, it := range c.Items {
		if it.Kind == KindSkill {
			_, c.known[i] = v.Lookup(it.Skill)
		}
	}
	return c
}

// Default weights: required skills share 60 points, nice-to-have skills
// 15, minimum years 25.
const (
	requiredSkillsWeight = 60
	niceSkillsWeight     = 15
	yearsWeight          = 25
)

// CriteriaFromJob derives criteria from a job: its required and
// nice-to-have skills (mapped to the vocabulary when known) and minimum
// years. AsOf is the job's last update; callers scoring today set it from
// their clock. Education, language and location criteria are added by a
// person (see Criterion).
func CriteriaFromJob(job skillkeepr.Job) Criteria {
	v := DefaultVocabulary()
	c := Criteria{JobTitle: job.Title}
	at := job.UpdatedAt
	if at.IsZero() {
		at = job.CreatedAt
	}
	if !at.IsZero() {
		c.AsOf = MonthOf(at.UTC())
	}
	add := func(skills []string, required bool, total float64) {
		skills = skillkeepr.CleanList(skills)
		seen := map[string]bool{}
		var items []Criterion
		for _, s := range skills {
			name := s
			if sk, ok := v.Lookup(s); ok {
				name = sk.Name
			}
			if seen[strings.ToLower(name)] {
				continue
			}
			seen[strings.ToLower(name)] = true
			items = append(items, Criterion{Kind: KindSkill, Label: name, Skill: name, Required: required})
		}
		for i := range items {
			items[i].Weight = total / float64(len(items))
		}
		c.Items = append(c.Items, items...)
	}
	add(job.RequiredSkills, true, requiredSkillsWeight)
	add(job.NiceToHaveSkills, false, niceSkillsWeight)
	if job.MinYearsExperience > 0 {
		c.Items = append(c.Items, Criterion{
			Kind: KindYears, Label: fmt.Sprintf("%d+ years of relevant experience", job.MinYearsExperience),
			Required: true, Weight: yearsWeight, MinYears: float64(job.MinYearsExperience),
		})
	}
	return c
}

// Verdict is how a criterion is met.
type Verdict string

const (
	Met     Verdict = "met"
	Partly  Verdict = "partly"
	NotMet  Verdict = "not_met"
	Unknown Verdict = "unknown" // the résumé does not say
)

// Label is the word people see.
func (v Verdict) Label() string {
	switch v {
	case Met:
		return "Met"
	case Partly:
		return "Partly met"
	case NotMet:
		return "Not met"
	}
	return "Unknown"
}

func (v Verdict) credit() float64 {
	switch v {
	case Met:
		return 1
	case Partly:
		return 0.5
	}
	return 0
}

// CriterionResult is the verdict on one criterion, why, and the lines that
// show it.
type CriterionResult struct {
	Criterion Criterion  `json:"criterion"`
	Verdict   Verdict    `json:"verdict"`
	Reason    string     `json:"reason"` // plain words
	Points    float64    `json:"points"` // share of the 0–100 score
	Evidence  []Evidence `json:"evidence"`
}

// Result is a candidate's score against criteria. The score is evidence for
// a person; it never rejects anyone.
type Result struct {
	Score           int               `json:"score"` // 0–100
	CriteriaVersion int               `json:"criteria_version"`
	Criteria        []CriterionResult `json:"criteria"`
	RequiredMet     int               `json:"required_met"`
	RequiredTotal   int               `json:"required_total"`
	exact           float64
}

// maxEvidence bounds the lines cited per criterion.
const maxEvidence = 5

// Score rates facts against criteria: each criterion gets a verdict with
// its evidence, and the score is the weighted share of criteria met (partly
// counts half) on 0–100. It reads nothing but f and c.
func Score(c Criteria, f Facts) Result {
	c = c.prepare()
	r := Result{CriteriaVersion: c.Version, Criteria: make([]CriterionResult, 0, len(c.Items))}
	var total, got float64
	for i, it := range c.Items {
		cr := judge(c, i, f)
		w := max(it.Weight, 0)
		if math.IsNaN(w) || math.IsInf(w, 0) {
			w = 0
		}
		total += w
		cr.Points = w * cr.Verdict.credit()
		got += cr.Points
		if it.Required {
			r.RequiredTotal++
			if cr.Verdict == Met {
				r.RequiredMet++
			}
		}
		r.Criteria = append(r.Criteria, cr)
	}
	if total > 0 {
		r.exact = 100 * got / total
		for i := range r.Criteria {
			r.Criteria[i].Points = math.Round(1000*r.Criteria[i].Points/total) / 10
		}
	}
	r.Score = int(math.Round(r.exact))
	return r
}

// ScoreProfile is Score(c, p.Facts()).
func ScoreProfile(c Criteria, p Profile) Result { return Score(c, p.Facts()) }

func judge(c Criteria, i int, f Facts) CriterionResult {
	it := c.Items[i]
	cr := CriterionResult{Criterion: it, Verdict: Unknown}
	switch it.Kind {
	case KindSkill:
		judgeSkill(&cr, it, c.known[i], f)
	case KindYears:
		judgeYears(&cr, c, it, f)
	case KindDegree:
		judgeDegree(&cr, it, f)
	case KindLanguage:
		judgeLanguage(&cr, it, f)
	case KindLocation:
		judgeLocation(&cr, it, f)
	default:
		cr.Reason = "This kind of criterion is not known, so it was not judged."
	}
	return cr
}

func capEvidence(ev []Evidence) []Evidence {
	if len(ev) > maxEvidence {
		return slices.Clone(ev[:maxEvidence])
	}
	return slices.Clone(ev)
}

func judgeSkill(cr *CriterionResult, it Criterion, known bool, f Facts) {
	for _, s := range f.Skills {
		if !strings.EqualFold(s.Name, it.Skill) {
			continue
		}
		cr.Evidence = capEvidence(s.Evidence)
		switch {
		case s.InExperience:
			cr.Verdict, cr.Reason = Met, "Used in work or projects"
		case len(s.Evidence) >= 2:
			cr.Verdict, cr.Reason = Met, fmt.Sprintf("Named on %d lines", len(s.Evidence))
		case s.InSkillsSection:
			cr.Verdict, cr.Reason = Partly, "Listed among skills, not shown in work or projects"
		default:
			cr.Verdict, cr.Reason = Partly, "Named once"
		}
		return
	}
	// A vocabulary skill was looked for by Extract with its context rules;
	// anything else is looked for as words.
	if known {
		cr.Verdict, cr.Reason = NotMet, "Not found in the résumé"
		return
	}
	if ev := findPhrase(f.Body, it.Skill); len(ev) > 0 {
		cr.Evidence = capEvidence(ev)
		if len(ev) >= 2 {
			cr.Verdict, cr.Reason = Met, fmt.Sprintf("Named on %d lines", len(ev))
		} else {
			cr.Verdict, cr.Reason = Partly, "Named once"
		}
		return
	}
	cr.Verdict, cr.Reason = NotMet, "Not found in the résumé"
}

// findPhrase finds the lines naming phrase as whole words,
// case-insensitive (simple case folding of each line).
func findPhrase(body []Line, phrase string) []Evidence {
	phrase = strings.ToLower(strings.TrimSpace(phrase))
	if phrase == "" {
		return nil
	}
	var out []Evidence
	for _, l := range body {
		if containsWord(strings.ToLower(l.Text), phrase) {
			out = append(out, Evidence{l.N, l.Text})
		}
	}
	return out
}

func containsWord(s, w string) bool {
	for i := 0; i <= len(s)-len(w); {
		j := strings.Index(s[i:], w)
		if j < 0 {
			return false
		}
		a, b := i+j, i+j+len(w)
		before, _ := utf8.DecodeLastRuneInString(s[:a])
		after, _ := utf8.DecodeRuneInString(s[b:])
		if (a == 0 || !isWordRune(before)) && (b == len(s) || !isWordRune(after) && after != '+' && after != '#') {
			return true
		}
		i = a + 1
	}
	return false
}

func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

func judgeYears(cr *CriterionResult, c Criteria, it Criterion, f Facts) {
	if len(f.Periods) == 0 {
		cr.Reason = "No employment dates found"
		return
	}
	var all, relevant []DateRange
	var evAll, evRel []Evidence
	for _, p := range f.Periods {
		all = append(all, p.DateRange)
		evAll = append(evAll, p.Evidence...)
		if periodRelevant(c, p) {
			relevant = append(relevant, p.DateRange)
			evRel = append(evRel, p.Evidence...)
		}
	}
	yAll := float64(MergedMonths(all, c.AsOf)) / 12
	yRel := float64(MergedMonths(relevant, c.AsOf)) / 12
	want := it.MinYears
	switch {
	case yRel >= want:
		cr.Verdict = Met
		cr.Evidence = capEvidence(evRel)
	case yAll >= want || yRel >= 0.6*want:
		cr.Verdict = Partly
		cr.Evidence = capEvidence(evAll)
	default:
		cr.Verdict = NotMet
		cr.Evidence = capEvidence(evAll)
	}
	cr.Reason = fmt.Sprintf("%s of relevant experience (%s in all); %s asked", yearsWords(yRel), yearsWords(yAll), yearsWords(want))
}

// periodRelevant: the period names a skill the job asks for, or its title
// shares a word with the job title.
func periodRelevant(c Criteria, p Period) bool {
	for _, it := range c.Items {
		if it.Kind == KindSkill {
			for _, s := range p.Skills {
				if strings.EqualFold(s, it.Skill) {
					return true
				}
			}
		}
	}
	if p.Title != "" && c.JobTitle != "" {
		jw := titleWords(c.JobTitle)
		for _, w := range titleWords(p.Title) {
			if slices.Contains(jw, w) {
				return true
			}
		}
	}
	return false
}

var titleStop = map[string]bool{"senior": true, "junior": true, "lead": true, "principal": true, "staff": true, "head": true, "of": true, "and": true, "the": true, "i": true, "ii": true, "iii": true, "sr": true, "jr": true, "associate": true, "assistant": true, "chief": true, "intern": true, "&": true, "-": true, "–": true,
	// Role nouns alone say little: "Support Engineer" is not a "Backend Engineer".
	"engineer": true, "developer": true, "manager": true, "specialist": true, "officer": true, "representative": true,
	"consultant": true, "coordinator": true, "executive": true, "director": true, "analyst": true, "administrator": true}

func titleWords(s string) []string {
	var out []string
	for _, w := range strings.FieldsFunc(strings.ToLower(s), func(r rune) bool { return r == ' ' || r == ',' || r == '/' || r == '(' || r == ')' }) {
		if !titleStop[w] {
			out = append(out, w)
		}
	}
	return out
}

func yearsWords(y float64) string {
	y = math.Round(y*10) / 10
	if y == 1 {
		return "1 year"
	}
	return strings.TrimSuffix(fmt.Sprintf("%.1f", y), ".0") + " years"
}

func judgeDegree(cr *CriterionResult, it Criterion, f Facts) {
	if len(f.Degrees) == 0 {
		cr.Reason = "No degree found"
		return
	}
	best := -1
	for i, d := range f.Degrees {
		if best < 0 || degreeRank(d, it) > degreeRank(f.Degrees[best], it) {
			best = i
		}
	}
	d := f.Degrees[best]
	cr.Evidence = capEvidence(d.Evidence)
	subjectOK := len(it.DegreeSubjects) == 0
	for _, s := range it.DegreeSubjects {
		if s != "" && strings.Contains(strings.ToLower(d.Subject), strings.ToLower(s)) {
			subjectOK = true
		}
	}
	switch {
	case d.Level >= it.DegreeLevel && subjectOK:
		cr.Verdict = Met
	case d.Level >= it.DegreeLevel || d.Level == it.DegreeLevel-1:
		cr.Verdict = Partly
	default:
		cr.Verdict = NotMet
	}
	lvl := DegreeLevelLabel
	cr.Reason = "Highest matching: " + lvl(d.Level)
	if d.Subject != "" {
		cr.Reason += " in " + d.Subject
	}
	cr.Reason += "; asked: " + lvl(it.DegreeLevel)
	if len(it.DegreeSubjects) > 0 {
		cr.Reason += " in " + strings.Join(it.DegreeSubjects, " or ")
	}
}

func degreeRank(d Degree, it Criterion) int {
	r := d.Level * 2
	for _, s := range it.DegreeSubjects {
		if s != "" && strings.Contains(strings.ToLower(d.Subject), strings.ToLower(s)) {
			r++
		}
	}
	return r
}

var languageLevelName = []string{"level not written", "basic", "working", "fluent", "native"}

func judgeLanguage(cr *CriterionResult, it Criterion, f Facts) {
	if len(f.Languages) == 0 {
		cr.Reason = "No languages listed"
		return
	}
	for _, l := range f.Languages {
		if !strings.EqualFold(l.Name, it.Language) {
			continue
		}
		cr.Evidence = capEvidence(l.Evidence)
		switch {
		case l.Level >= it.LanguageLevel:
			cr.Verdict = Met
		case l.Level == LanguageUnknown:
			cr.Verdict = Partly
		default:
			cr.Verdict = Partly
		}
		cr.Reason = l.Name + ": " + languageLevelName[min(max(l.Level, 0), 4)]
		return
	}
	cr.Verdict, cr.Reason = NotMet, it.Language+" not listed among languages"
}

func judgeLocation(cr *CriterionResult, it Criterion, f Facts) {
	if len(f.Availability) == 0 {
		cr.Reason = "Not asked yet: where the candidate can work is never read from the résumé"
		return
	}
	for _, a := range f.Availability {
		if strings.EqualFold(strings.TrimSpace(a), strings.TrimSpace(it.Location)) {
			cr.Verdict, cr.Reason = Met, "The candidate said they can work in "+a
			return
		}
	}
	cr.Verdict, cr.Reason = NotMet, "The candidate named other places: "+strings.Join(f.Availability, ", ")
}
