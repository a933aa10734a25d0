package match

import (
	"bufio"
	"embed"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"strings"
	"sync"
	"unicode"
)

// The skills vocabulary ships with the code: skills/*.txt, one skill a line,
// "Canonical | alias, alias | category" (see skills/README.txt).
//
//go:embed skills/*.txt
var skillFiles embed.FS

// Skill is one canonical skill of the vocabulary.
type Skill struct {
	Name     string `json:"name"`
	Category string `json:"category"`
}

// Vocabulary maps spellings to canonical skills.
type Vocabulary struct {
	skills   []Skill
	byKey    map[string][]alias // lower-case key → spellings
	byName   map[string]int     // lower-case canonical name → index
	maxWords int
	// ambiguousSkill marks skills with an ambiguous spelling.
	ambiguousSkill map[int]bool
}

type alias struct {
	skill int
	// ambiguous spellings count only with the exact case in exact, as a
	// list item or in a Skills section (see matchLine).
	ambiguous bool
	exact     string
}

var (
	defaultVocab     *Vocabulary
	defaultVocabErr  error
	defaultVocabOnce sync.Once
)

// DefaultVocabulary is the vocabulary shipped in skills/*.txt.
func DefaultVocabulary() *Vocabulary {
	defaultVocabOnce.Do(func() {
		defaultVocab, defaultVocabErr = LoadVocabulary(skillFiles)
	})
	if defaultVocabErr != nil {
		panic("match: shipped skills vocabulary: " + defaultVocabErr.Error())
	}
	return defaultVocab
}

// LoadVocabulary reads every *.txt file of fsys except README.txt, in name
// order. A spelling used by two skills keeps the first.
func LoadVocabulary(fsys fs.FS) (*Vocabulary, error) {
	v := &Vocabulary{byKey: map[string][]alias{}, byName: map[string]int{}, ambiguousSkill: map[int]bool{}}
	names, err := fs.Glob(fsys, "*/*.txt")
	if err != nil {
		return nil, err
	}
	more, _ := fs.Glob(fsys, "*.txt")
	names = append(names, more...)
	slices.Sort(names)
	for _, name := range names {
		if path.Base(name) == "README.txt" {
			continue
		}
		f, err := fsys.Open(name)
		if err != nil {
			return nil, err
		}
		cat := strings.TrimSuffix(path.Base(name), ".txt")
		sc := bufio.NewScanner(f)
		n := 0
		for sc.Scan() {
			n++
			line := strings.TrimSpace(sc.Text())
			if line == "" || strings.HasPrefix(line, "#") {
				continue
			}
			if err := v.addLine(line, cat); err != nil {
				f.Close()
				return nil, fmt.Errorf("%s:%d: %w", name, n, err)
			}
		}
		f.Close()
		if err := sc.Err(); err != nil {
			return nil, err
		}
	}
	return v, nil
}

func (v *Vocabulary) addLine(line, category string) error {
	parts := strings.Split(line, "|")
	name := strings.TrimSpace(parts[0])
	ambiguous := strings.HasPrefix(name, "~")
	name = strings.TrimPrefix(name, "~")
	if name == "" {
		return fmt.Errorf("no skill name")
	}
	if len(parts) > 2 && strings.TrimSpace(parts[2]) != "" {
		category = strings.TrimSpace(parts[2])
	}
	lname := strings.ToLower(name)
	if _, dup := v.byName[lname]; dup {
		return fmt.Errorf("skill %q listed twice", name)
	}
	id := len(v.skills)
	v.skills = append(v.skills, Skill{Name: name, Category: category})
	v.byName[lname] = id
	v.addAlias(id, name, ambiguous)
	if len(parts) > 1 {
		for a := range strings.SplitSeq(parts[1], ",") {
			a = strings.TrimSpace(a)
			amb := strings.HasPrefix(a, "~")
			a = strings.TrimPrefix(a, "~")
			if a != "" {
				v.addAlias(id, a, amb)
			}
		}
	}
	return nil
}

func (v *Vocabulary) addAlias(id int, spelling string, ambiguous bool) {
	toks := tokens(spelling, nil)
	if len(toks) == 0 {
		return
	}
	exact := joinTokens(toks, false)
	key := joinTokens(toks, true)
	for _, a := range v.byKey[key] {
		if a.skill == id && a.exact == exact {
			return
		}
		if a.skill != id && !a.ambiguous && !ambiguous {
			return // the first skill keeps an unambiguous spelling
		}
	}
	v.byKey[key] = append(v.byKey[key], alias{skill: id, ambiguous: ambiguous, exact: exact})
	if ambiguous {
		v.ambiguousSkill[id] = true
	}
	v.maxWords = max(v.maxWords, len(toks))
}

// Len is the number of canonical skills.
func (v *Vocabulary) Len() int { return len(v.skills) }

// Skills lists the canonical skills in file order.
func (v *Vocabulary) Skills() []Skill { return slices.Clone(v.skills) }

// Lookup finds the canonical skill for a spelling typed by a person (a job's
// skill list): case-insensitive, no context rule.
func (v *Vocabulary) Lookup(spelling string) (Skill, bool) {
	key := joinTokens(tokens(spelling, nil), true)
	if as := v.byKey[key]; len(as) > 0 {
		return v.skills[as[0].skill], true
	}
	return Skill{}, false
}

// token is one word of a line, as written and folded to lower case.
type token struct{ text, lower string }

func joinTokens(ts []token, lower bool) string {
	var b strings.Builder
	for i, t := range ts {
		if i > 0 {
			b.WriteByte(' ')
		}
		if lower {
			b.WriteString(t.lower)
		} else {
			b.WriteString(t.text)
		}
	}
	return b.String()
}

// tokens splits s at spaces and trims each word of punctuation, keeping the
// characters that make skill names: "C++", "C#", ".NET", "Node.js",
// "CI/CD", "Objective-C", "A/B".
func tokens(s string, buf []token) []token {
	for w := range strings.FieldsSeq(s) {
		w = strings.TrimLeftFunc(w, func(r rune) bool {
			return !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '.'
		})
		// A leading dot stays only before a letter (".NET").
		for strings.HasPrefix(w, ".") && (len(w) < 2 || !unicode.IsLetter(rune(w[1]))) {
			w = w[1:]
		}
		w = strings.TrimRightFunc(w, func(r rune) bool {
			return !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '+' && r != '#'
		})
		if w == "" {
			continue
		}
		buf = append(buf, token{text: w, lower: strings.ToLower(w)})
	}
	return buf
}

// isListSep reports the characters that separate list items on a line.
func isListSep(r rune) bool {
	switch r {
	case ',', ';', '|', '•', '·', '(', ')', '[', ']', '{', '}', ':', '\t', '"':
		return true
	}
	return false
}

// skillHit is one skill found on one line.
type skillHit struct {
	skill int
	line  int
}

// matchLine finds the skills on one line.
//
// Spellings are matched case-insensitively on whole words, longest first
// (so "Spring Boot" wins over "Spring", "React Native" over "React"); a word
// with a slash that is not itself a skill ("Python/Django") is read as a
// list. Ambiguous names (marked "~" in the vocabulary: Go, R, C, Swift,
// Excel, Rust, Word...) count only when all of these hold:
//   - written with the exact capitalisation of the vocabulary ("Go", not "go"
//     or "GO");
//   - standing alone as a list item: the only words between separators
//     (, ; | • · : parentheses, brackets, a slash, or the line's ends);
//   - either the line is in a Skills section, or another skill that is not
//     ambiguous is on the same line ("Python, Go, Docker").
//
// So "Go, Rust, Kubernetes" and a Skills line "Go" count, while "ready to go
// live", "Go to market" and "Grade: C" do not.
func (v *Vocabulary) matchLine(line string, lineNo int, skillsSection bool, out []skillHit) []skillHit {
	var toks []token
	start := len(out)
	type pending struct {
		skill int
	}
	var amb []pending
	clear := 0
	for seg := range strings.FieldsFuncSeq(splitDashes(line), isListSep) {
		toks = tokens(seg, toks[:0])
		for i := 0; i < len(toks); {
			n, id, ambiguous := v.longest(toks, i)
			if n == 0 {
				// "Python/Django", "TCP/IP" (a skill itself) already tried.
				if strings.ContainsRune(toks[i].text, '/') {
					for part := range strings.SplitSeq(toks[i].text, "/") {
						pt := tokens(part, nil)
						if len(pt) != 1 {
							continue
						}
						if m, pid, pamb := v.longest(pt, 0); m == 1 {
							if pamb {
								amb = append(amb, pending{pid})
							} else {
								out = append(out, skillHit{pid, lineNo})
								clear++
							}
						}
					}
				}
				i++
				continue
			}
			if ambiguous {
				if n == len(toks) { // alone in its segment
					amb = append(amb, pending{id})
				}
			} else {
				out = append(out, skillHit{id, lineNo})
				clear++
			}
			i += n
		}
	}
	if len(amb) > 0 && (skillsSection || clear > 0) {
		for _, a := range amb {
			out = append(out, skillHit{a.skill, lineNo})
		}
	}
	// One hit per skill per line.
	hits := out[start:]
	slices.SortStableFunc(hits, func(a, b skillHit) int { return a.skill - b.skill })
	hits = slices.CompactFunc(hits, func(a, b skillHit) bool { return a.skill == b.skill })
	return out[:start+len(hits)]
}

// longest returns the longest spelling starting at toks[i]: its length in
// words, the skill and whether the match is ambiguous (so needs context).
// An ambiguous spelling matches only with its exact case.
func (v *Vocabulary) longest(toks []token, i int) (int, int, bool) {
	var key strings.Builder
	bestN, bestID, bestAmb := 0, 0, false
	for n := 1; n <= v.maxWords && i+n <= len(toks); n++ {
		if n > 1 {
			key.WriteByte(' ')
		}
		key.WriteString(toks[i+n-1].lower)
		as, ok := v.byKey[key.String()]
		if !ok {
			continue
		}
		for _, a := range as {
			if !a.ambiguous {
				bestN, bestID, bestAmb = n, a.skill, false
				break
			}
			if joinTokens(toks[i:i+n], false) == a.exact {
				bestN, bestID, bestAmb = n, a.skill, true
				break
			}
		}
	}
	return bestN, bestID, bestAmb
}

// splitDashes turns spaced dashes (" – ", " - ") into list separators.
func splitDashes(s string) string {
	if !strings.Contains(s, " – ") && !strings.Contains(s, " - ") {
		return s
	}
	s = strings.ReplaceAll(s, " – ", " | ")
	return strings.ReplaceAll(s, " - ", " | ")
}

// matchConfirmed is the second pass for ambiguous names: once a résumé
// names an ambiguous skill in a way that counts (a Skills list, say), its
// other mentions with the exact capitalisation count too, except as the
// first word of a sentence or list item when the next word makes it read
// as a verb or adjective ("Designed Go services" and "• Go microservices"
// count; "Go to market", "Go live in May" and "Swift and accurate" do not).
func (v *Vocabulary) matchConfirmed(line string, lineNo int, confirmed map[int]bool, out []skillHit) []skillHit {
	var toks []token
	for seg := range strings.FieldsFuncSeq(splitDashes(line), func(r rune) bool { return isListSep(r) || r == '.' || r == '!' || r == '?' }) {
		toks = tokens(seg, toks[:0])
		for i := 0; i < len(toks); i++ {
			if i == 0 && (len(toks) == 1 || verbFollowers[toks[1].lower]) {
				continue
			}
			for _, a := range v.byKey[toks[i].lower] {
				if a.ambiguous && confirmed[a.skill] && toks[i].text == a.exact {
					out = append(out, skillHit{a.skill, lineNo})
				}
			}
		}
	}
	return out
}

// verbFollowers are words after which a leading ambiguous name reads as
// an English word.
var verbFollowers = map[string]bool{"to": true, "live": true, "ahead": true, "back": true, "out": true, "through": true,
	"over": true, "on": true, "up": true, "down": true, "for": true, "beyond": true, "forward": true, "further": true,
	"and": true, "or": true, "get": true, "home": true, "with": true, "into": true, "the": true, "a": true, "an": true,
	"is": true, "was": true, "of": true, "at": true, "in": true, "by": true}
