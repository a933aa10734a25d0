package match

import (
	"regexp"
	"slices"
	"strings"
	"unicode"
)

// Evidence is one résumé line that supports a fact.
type Evidence struct {
	Line int    `json:"line"`
	Text string `json:"text"`
}

// Section kinds.
const (
	SectionHeader         = "header" // lines before the first heading: name and contact details
	SectionSummary        = "summary"
	SectionExperience     = "experience"
	SectionEducation      = "education"
	SectionSkills         = "skills"
	SectionProjects       = "projects"
	SectionCertifications = "certifications"
	SectionLanguages      = "languages"
	SectionReferences     = "references"
	SectionOther          = "other"
)

// Section is a run of lines under one heading; First and Last are line
// numbers (the heading is First).
type Section struct {
	Kind    string `json:"kind"`
	Heading string `json:"heading"`
	First   int    `json:"first"`
	Last    int    `json:"last"`
}

// Contact holds the contact details found in a résumé. They are for
// de-duplication and display only; nothing in Facts or Score reads them.
type Contact struct {
	Name    string   `json:"name,omitempty"`    // a guess: the first name-like header line
	Emails  []string `json:"emails,omitempty"`  // lower-case
	Phones  []string `json:"phones,omitempty"`  // digits, with a leading + when written
	Links   []string `json:"links,omitempty"`   // as written
	Address string   `json:"address,omitempty"` // a guess: a header line that reads like a place
}

// FoundSkill is a vocabulary skill and the lines it was found on.
type FoundSkill struct {
	Name     string     `json:"name"`
	Category string     `json:"category"`
	Evidence []Evidence `json:"evidence"`
	// InSkillsSection and InExperience tell where it was seen.
	InSkillsSection bool `json:"in_skills_section,omitempty"`
	InExperience    bool `json:"in_experience,omitempty"`
}

// Period is one employment period with the job title near it.
type Period struct {
	DateRange
	Title    string     `json:"title,omitempty"`
	Evidence []Evidence `json:"evidence"`
	// Skills are the skills named on the lines of this period, from its
	// first line to the next period's.
	Skills []string `json:"skills,omitempty"`
}

// Degree levels, in order.
const (
	DegreeNone        = 0
	DegreeHighSchool  = 1
	DegreeDiploma     = 2
	DegreeAssociate   = 3
	DegreeBachelor    = 4
	DegreeMaster      = 5
	DegreeDoctorate   = 6
	DegreeLevelsCount = 7
)

// DegreeLevelLabel is the word people see for a degree level.
func DegreeLevelLabel(level int) string {
	names := [DegreeLevelsCount]string{"none", "high school", "diploma", "associate degree", "bachelor's degree", "master's degree", "doctorate"}
	if level >= 0 && level < DegreeLevelsCount {
		return names[level]
	}
	return "degree"
}

// Degree is an academic degree: level and subject, never its year.
type Degree struct {
	Level    int        `json:"level"`
	Subject  string     `json:"subject,omitempty"`
	Evidence []Evidence `json:"evidence"`
}

// Education is a degree with the year written next to it, for display.
// Only Degree is given to the score.
type Education struct {
	Degree
	Year int `json:"year,omitempty"`
}

// Language levels, in order.
const (
	LanguageUnknown = 0
	LanguageBasic   = 1
	LanguageWorking = 2
	LanguageFluent  = 3
	LanguageNative  = 4
)

// Language is a spoken language with the level written next to it.
type Language struct {
	Name     string     `json:"name"`
	Level    int        `json:"level"` // LanguageUnknown when not written
	Evidence []Evidence `json:"evidence"`
}

// Profile is what Extract reads from a résumé.
type Profile struct {
	Contact   Contact      `json:"contact"`
	Sections  []Section    `json:"sections"`
	Skills    []FoundSkill `json:"skills"`
	Titles    []string     `json:"titles,omitempty"`
	Periods   []Period     `json:"periods,omitempty"`
	Education []Education  `json:"education,omitempty"`
	Languages []Language   `json:"languages,omitempty"`
	// Body is the lines facts may cite: everything except the header block
	// (name, contact details, address), references and lines holding an
	// email, phone number or link.
	Body []Line `json:"body"`
}

// YearsOfExperience is the merged length of the employment periods in
// years, open periods ending at asOf.
func (p Profile) YearsOfExperience(asOf Month) float64 {
	rs := make([]DateRange, len(p.Periods))
	for i, pe := range p.Periods {
		rs[i] = pe.DateRange
	}
	return float64(MergedMonths(rs, asOf)) / 12
}

var headings = func() map[string]string {
	m := map[string]string{}
	for kind, hs := range map[string][]string{
		SectionExperience:     {"experience", "work experience", "professional experience", "employment", "employment history", "work history", "career history", "relevant experience", "professional background", "career", "experience and employment", "berufserfahrung", "expérience professionnelle", "expérience", "experiencia", "experiencia laboral", "experiencia profesional", "esperienza", "esperienza lavorativa", "工作经历", "工作经验", "职业经历"},
		SectionEducation:      {"education", "academic background", "qualifications", "education and training", "academic qualifications", "academic history", "ausbildung", "bildung", "formation", "educación", "formación", "formación académica", "istruzione", "教育背景", "教育经历", "学历"},
		SectionSkills:         {"skills", "technical skills", "core skills", "key skills", "core competencies", "competencies", "technologies", "tools", "tech stack", "technical stack", "expertise", "areas of expertise", "skills and tools", "tools and technologies", "skills and technologies", "skills and expertise", "technical proficiencies", "kenntnisse", "fähigkeiten", "compétences", "habilidades", "competencias", "competenze", "技能", "专业技能"},
		SectionProjects:       {"projects", "personal projects", "selected projects", "key projects", "side projects", "open source", "projekte", "projets", "proyectos", "progetti", "项目经历", "项目经验"},
		SectionSummary:        {"summary", "profile", "professional summary", "professional profile", "career summary", "about", "about me", "objective", "career objective", "personal statement", "overview", "profil", "perfil", "个人简介", "自我评价"},
		SectionCertifications: {"certifications", "certificates", "certification", "licenses", "licences", "licenses and certifications", "licences and certifications", "certifications and licenses", "training", "courses", "training and certifications", "zertifikate"},
		SectionLanguages:      {"languages", "language skills", "spoken languages", "language", "sprachen", "langues", "idiomas", "lingue", "语言", "语言能力"},
		SectionReferences:     {"references", "referees", "referenzen", "références", "referencias"},
		SectionOther:          {"awards", "honors", "honours", "awards and honors", "publications", "volunteer", "volunteering", "volunteer experience", "interests", "hobbies", "activities", "achievements", "memberships", "affiliations", "additional information", "personal details", "personal information", "contact", "contact details", "interessen", "hobbys"},
	} {
		for _, h := range hs {
			m[h] = kind
		}
	}
	return m
}()

// headingKind returns the kind of a heading line and, for an inline heading
// ("Skills: Go, Python"), the rest of the line.
func headingKind(line string) (kind, rest string, ok bool) {
	if len(line) > 60 {
		return "", "", false
	}
	key, after, inline := strings.Cut(line, ":")
	norm := func(s string) string {
		s = strings.ToLower(strings.Trim(s, " •-–_=*#.:|"))
		s = strings.ReplaceAll(s, "&", "and")
		return strings.Join(strings.Fields(s), " ")
	}
	if k, found := headings[norm(key)]; found {
		if inline && strings.TrimSpace(after) != "" {
			return k, strings.TrimSpace(after), true
		}
		if !inline || strings.TrimSpace(after) == "" {
			return k, "", true
		}
	}
	if k, found := headings[norm(line)]; found {
		return k, "", true
	}
	return "", "", false
}

var (
	emailRE = regexp.MustCompile(`[\p{L}\p{N}._%+\-]+@[\p{L}\p{N}\-]+(?:\.[\p{L}\p{N}\-]+)*\.\p{L}{2,}`)
	linkRE  = regexp.MustCompile(`(?i)(?:https?://|www\.)[^\s,;|()<>"]+|\b(?:linkedin\.com|github\.com|gitlab\.com|behance\.net|dribbble\.com|medium\.com|twitter\.com|x\.com)/[^\s,;|()<>"]+`)
	phoneRE = regexp.MustCompile(`\+?\(?\d[\d ().\-]{5,}\d`)
)

func phonesIn(line string) []string {
	var out []string
	for _, m := range phoneRE.FindAllString(line, -1) {
		digits := 0
		for _, r := range m {
			if r >= '0' && r <= '9' {
				digits++
			}
		}
		plus := strings.HasPrefix(m, "+")
		if digits < 7 || digits > 15 || !plus && digits < 9 {
			continue
		}
		if len(ParseDateRanges(m)) > 0 {
			continue
		}
		var b strings.Builder
		if plus {
			b.WriteByte('+')
		}
		for _, r := range m {
			if r >= '0' && r <= '9' {
				b.WriteRune(r)
			}
		}
		out = append(out, b.String())
	}
	return out
}

// lineInfo is what Extract knows about one line.
type lineInfo struct {
	kind    string // section kind
	inline  string // text after an inline heading, or ""
	heading bool
	contact bool // holds an email, phone or link
}

// Extract reads a profile from résumé text. It is pure and deterministic.
func Extract(t Text) Profile {
	return DefaultVocabulary().Extract(t)
}

// Extract reads a profile using this vocabulary.
func (v *Vocabulary) Extract(t Text) Profile {
	var p Profile
	info := make([]lineInfo, len(t.Lines))
	kind := SectionHeader
	var cur *Section
	for i, l := range t.Lines {
		li := lineInfo{kind: kind}
		if k, rest, ok := headingKind(l.Text); ok {
			if rest == "" {
				kind = k
				li = lineInfo{kind: k, heading: true}
				p.Sections = append(p.Sections, Section{Kind: k, Heading: l.Text, First: l.N, Last: l.N})
				cur = &p.Sections[len(p.Sections)-1]
			} else {
				li.inline = rest
				li.kind = k
				if kind == SectionHeader {
					li.kind = k
				}
			}
		}
		if !li.heading && cur != nil {
			cur.Last = l.N
		}
		// Contact details, wherever they are.
		for _, e := range emailRE.FindAllString(l.Text, -1) {
			p.Contact.Emails = appendUnique(p.Contact.Emails, strings.ToLower(e))
			li.contact = true
		}
		for _, u := range linkRE.FindAllString(l.Text, -1) {
			if !strings.Contains(u, "@") {
				p.Contact.Links = appendUnique(p.Contact.Links, strings.TrimRight(u, "."))
				li.contact = true
			}
		}
		for _, ph := range phonesIn(emailRE.ReplaceAllString(linkRE.ReplaceAllString(l.Text, ""), "")) {
			p.Contact.Phones = appendUnique(p.Contact.Phones, ph)
			li.contact = true
		}
		info[i] = li
	}
	// A résumé without headings: the first short lines are the header,
	// the rest is read as experience.
	if len(p.Sections) == 0 {
		header := true
		for i, l := range t.Lines {
			if header && (i >= 6 || len(l.Text) > 60 || len(ParseDateRanges(l.Text)) > 0) {
				header = false
			}
			if !header && info[i].kind == SectionHeader {
				info[i].kind = SectionExperience
			}
		}
	}
	v.readHeader(t, info, &p)
	// Body: lines facts may cite.
	for i, l := range t.Lines {
		li := info[i]
		if li.heading || li.contact || li.kind == SectionHeader || li.kind == SectionReferences {
			continue
		}
		p.Body = append(p.Body, l)
	}
	bodyIdx := map[int]int{}
	for i, l := range p.Body {
		bodyIdx[l.N] = i
	}
	// Skills.
	var hits []skillHit
	for _, l := range p.Body {
		li := info[l.N-1]
		text := l.Text
		if li.inline != "" {
			text = li.inline
		}
		hits = v.matchLine(text, l.N, li.kind == SectionSkills, hits)
	}
	confirmed := map[int]bool{}
	for _, h := range hits {
		if v.ambiguousSkill[h.skill] {
			confirmed[h.skill] = true
		}
	}
	if len(confirmed) > 0 {
		for _, l := range p.Body {
			hits = v.matchConfirmed(l.Text, l.N, confirmed, hits)
		}
		slices.SortStableFunc(hits, func(a, b skillHit) int { return a.line - b.line })
	}
	bySkill := map[int]int{}
	for _, h := range hits {
		j, ok := bySkill[h.skill]
		if !ok {
			j = len(p.Skills)
			bySkill[h.skill] = j
			s := v.skills[h.skill]
			p.Skills = append(p.Skills, FoundSkill{Name: s.Name, Category: s.Category})
		}
		fs := &p.Skills[j]
		if !slices.ContainsFunc(fs.Evidence, func(e Evidence) bool { return e.Line == h.line }) {
			fs.Evidence = append(fs.Evidence, Evidence{h.line, t.Line(h.line)})
		}
		switch info[h.line-1].kind {
		case SectionSkills:
			fs.InSkillsSection = true
		case SectionExperience, SectionProjects:
			fs.InExperience = true
		}
	}
	// Periods, titles, education, languages.
	for _, l := range p.Body {
		li := info[l.N-1]
		kind := li.kind
		if len(p.Sections) == 0 && kind == SectionExperience && len(ParseDateRanges(l.Text)) == 0 {
			// Without headings, a line naming a degree and no period is
			// education ("MBA, 2014.").
			if _, ok := parseDegree(l.Text); ok {
				kind = SectionEducation
			}
		}
		switch kind {
		case SectionExperience:
			for _, r := range ParseDateRanges(l.Text) {
				if educationWordRE.MatchString(l.Text) {
					continue
				}
				pe := Period{DateRange: r, Evidence: []Evidence{{l.N, l.Text}}}
				pe.Title, pe.Evidence = findTitle(p.Body, bodyIdx[l.N], pe.Evidence)
				p.Periods = append(p.Periods, pe)
				if pe.Title != "" {
					p.Titles = appendUnique(p.Titles, pe.Title)
				}
			}
		case SectionEducation, SectionCertifications:
			if e, ok := parseDegree(l.Text); ok {
				e.Evidence = []Evidence{{l.N, l.Text}}
				e.Year = gradYear(p.Body, bodyIdx[l.N])
				p.Education = append(p.Education, e)
			}
		case SectionLanguages:
			p.Languages = addLanguages(p.Languages, l, li.inline)
		}
	}
	periodSkills(&p, hits, v)
	return p
}

// periodSkills gives each period the skills named in its block of lines.
func periodSkills(p *Profile, hits []skillHit, v *Vocabulary) {
	for i := range p.Periods {
		from := p.Periods[i].Evidence[0].Line
		to := 1 << 30
		for j := range p.Periods {
			if f := p.Periods[j].Evidence[0].Line; f > from && f < to {
				to = f
			}
		}
		// A title on the line before the period starts its block.
		for _, e := range p.Periods[i].Evidence {
			from = min(from, e.Line)
		}
		for _, sec := range p.Sections {
			if sec.First <= from && from <= sec.Last {
				to = min(to, sec.Last+1)
			}
		}
		for _, h := range hits {
			if h.line >= from && h.line < to {
				p.Periods[i].Skills = appendUnique(p.Periods[i].Skills, v.skills[h.skill].Name)
			}
		}
	}
}

// readHeader guesses the name and address among the header lines, for
// display only.
func (v *Vocabulary) readHeader(t Text, info []lineInfo, p *Profile) {
	for i, l := range t.Lines {
		li := info[i]
		if li.kind != SectionHeader {
			break
		}
		if li.contact || li.heading {
			continue
		}
		if p.Contact.Name == "" && looksLikeName(l.Text) {
			p.Contact.Name = l.Text
			continue
		}
		if p.Contact.Address == "" && (strings.Contains(l.Text, ",") || strings.IndexFunc(l.Text, unicode.IsDigit) >= 0) && len(l.Text) <= 80 {
			p.Contact.Address = l.Text
		}
	}
}

func looksLikeName(s string) bool {
	words := strings.Fields(s)
	if len(words) == 0 || len(words) > 5 || len(s) > 60 {
		return false
	}
	for _, r := range s {
		if !unicode.IsLetter(r) && !unicode.IsMark(r) && r != ' ' && r != '-' && r != '\'' && r != '.' {
			return false
		}
	}
	return true
}

var (
	educationWordRE = regexp.MustCompile(`(?i)\b(university|universit[äé]|college|school|institute|academy|bachelor|master|ph\.?d|degree|b\.?sc|m\.?sc)\b|大学|学院`)
	titleWordRE     = regexp.MustCompile(`(?i)\b(engineer|developer|programmer|architect|manager|director|analyst|scientist|designer|consultant|specialist|coordinator|administrator|assistant|associate|officer|lead|head|vp|vice president|president|intern|nurse|physician|doctor|therapist|technician|accountant|auditor|controller|recruiter|representative|executive|advisor|adviser|owner|founder|co-founder|teacher|lecturer|professor|writer|editor|researcher|clerk|supervisor|agent|strategist|marketer|planner|buyer|pharmacist|dentist|surgeon|paramedic|cashier|chef|cook|driver|operator|mechanic|electrician|partner|ceo|cto|cfo|coo|cmo|sre|devops|tester|qa|bookkeeper|paralegal|receptionist|secretary|trainer|coach|producer|photographer|illustrator|copywriter|sourcer|generalist|caregiver|midwife|hygienist|sonographer|radiographer|pilot|welder|carpenter|plumber|foreman|superintendent|estimator|underwriter|actuary|economist|statistician|librarian|counselor|counsellor|psychologist|dietitian|optometrist|veterinarian|steward|barista|server|waiter|bartender|host)s?\b|工程师|经理|总监|设计师|分析师|护士`)
	titleCutRE      = regexp.MustCompile(`\s+(?:\||at|@|–|-|—|·|,)\s+|\s{2,}|,\s*`)
)

// findTitle looks for a job title on the period's line, then the line
// before and after it (in that order).
func findTitle(body []Line, i int, ev []Evidence) (string, []Evidence) {
	for _, j := range []int{i, i - 1, i + 1, i - 2} {
		if j < 0 || j >= len(body) {
			continue
		}
		if j != i && len(ParseDateRanges(body[j].Text)) > 0 {
			continue // another period's line
		}
		for _, part := range titleCutRE.Split(body[j].Text, -1) {
			part = strings.TrimSpace(strings.Trim(part, "•()[]"))
			if part == "" || len(part) > 80 || !titleWordRE.MatchString(part) || len(ParseDateRanges(part)) > 0 {
				continue
			}
			if strings.HasPrefix(part, "•") || len(strings.Fields(part)) > 8 {
				continue
			}
			if j != i {
				ev = append(ev, Evidence{body[j].N, body[j].Text})
				slices.SortFunc(ev, func(a, b Evidence) int { return a.Line - b.Line })
			}
			return part, ev
		}
	}
	return "", ev
}

var (
	degreeREs = []struct {
		level int
		re    *regexp.Regexp
	}{
		{DegreeDoctorate, regexp.MustCompile(`(?i)\b(ph\.?\s?d|doctor of|doctorate|d\.?phil|ed\.?d|dr\.?\s?rer|doktor|doctorat|doctorado)\b|\bM\.D\.|\bMD\b|博士`)},
		{DegreeMaster, regexp.MustCompile(`(?i)\b(master'?s?|m\.?sc|m\.s\.|m\.a\.|mba|m\.?eng|mphil|m\.?ed|mfa|mpa|mph|llm|msn|máster|maestría|diplom)\b|\b(MS|MA|MSc|MEng)\b|硕士`)},
		{DegreeBachelor, regexp.MustCompile(`(?i)\b(bachelor'?s?|b\.?sc|b\.s\.|b\.a\.|b\.?eng|b\.?tech|bba|bfa|llb|b\.?com|bsn|licence|licenciatura|laurea|grado)\b|\b(BS|BA|BSc|BEng)\b|学士|本科`)},
		{DegreeAssociate, regexp.MustCompile(`(?i)\bassociate'?s?\s+(degree|of)\b|\b(a\.a\.s|aas|a\.s\.|a\.a\.)\b|\b(AS|AA)\s+(in|degree)\b`)},
		{DegreeDiploma, regexp.MustCompile(`(?i)\b(diploma|hnd|hnc|higher national|vocational certificate|certificate iv|ausbildung)\b`)},
		{DegreeHighSchool, regexp.MustCompile(`(?i)\b(high school|secondary school|a-levels?|ged|abitur|baccalauréat|bachillerato|gcse)\b|高中`)},
	}
	notDegreeRE = regexp.MustCompile(`\b(MS|MA)\s+(Office|Excel|Word|SQL|Project|Teams|Access|Outlook|PowerPoint|Azure|Dynamics|Visio)\b`)
	subjectRE   = regexp.MustCompile(`(?i)\b(?:in|of)\s+([\p{L}][\p{L}&/ '\-]{1,60}?)\s*(?:$|[,|(–—;:]|\s-\s|\s(?:at|from)\s|\d)`)
	yearOnlyRE  = regexp.MustCompile(`\b(19[5-9]\d|20[0-4]\d)\b`)
)

func parseDegree(line string) (Education, bool) {
	clean := notDegreeRE.ReplaceAllString(line, "")
	for _, d := range degreeREs {
		loc := d.re.FindStringIndex(clean)
		if loc == nil {
			continue
		}
		e := Education{Degree: Degree{Level: d.level}}
		if m := subjectRE.FindStringSubmatch(clean[loc[0]:]); m != nil {
			e.Subject = strings.TrimSpace(m[1])
		}
		return e, true
	}
	return Education{}, false
}

// gradYear is the last year written on the degree's line or the next one.
func gradYear(body []Line, i int) int {
	for _, j := range []int{i, i + 1} {
		if j < len(body) {
			if ys := yearOnlyRE.FindAllString(body[j].Text, -1); len(ys) > 0 {
				y := 0
				for _, c := range ys[len(ys)-1] {
					y = y*10 + int(c-'0')
				}
				return y
			}
		}
	}
	return 0
}

func appendUnique(list []string, s string) []string {
	if slices.Contains(list, s) {
		return list
	}
	return append(list, s)
}
