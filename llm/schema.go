package llm

import (
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"strings"
	"unicode/utf8"
)

// The schema of the model's answer. The prompt shows it to the model;
// Parse enforces it. Every field is required.
//
//	{
//	  "skills": [                       // 0–40
//	    {"name": "Kubernetes",          // 1–80 characters, one line
//	     "source": "experience",        // one of Sources
//	     "evidence": [                  // 1–5
//	       {"line": 12,                 // a line number that was sent
//	        "quote": "k8s clusters"}]}],// 2–200 characters copied from that line
//	  "summary": [                      // 1–6 sentences
//	    {"text": "…",                   // 1–400 characters
//	     "lines": [3, 4]}]              // 1–8 line numbers that were sent
//	}
const (
	maxSkills        = 40
	maxSkillName     = 80
	maxEvidence      = 5
	minQuote         = 2
	maxQuote         = 200
	minSentences     = 1
	maxSentences     = 6
	maxSentence      = 400
	maxSentenceLines = 8
	maxLineNumber    = 100000
)

// Sources are where a skill was seen, as the model must name it.
var Sources = []string{"skills_section", "experience", "education", "projects", "other"}

// Answer is the model's answer after Parse.
type Answer struct {
	Skills  []AnswerSkill
	Summary []AnswerSentence
}

// AnswerSkill is one suggested skill.
type AnswerSkill struct {
	Name     string
	Source   string
	Evidence []AnswerEvidence
}

// AnswerEvidence is a cited line and the words quoted from it.
type AnswerEvidence struct {
	Line  int
	Quote string
}

// AnswerSentence is one sentence of the summary with its lines.
type AnswerSentence struct {
	Text  string
	Lines []int
}

// Wire shapes: pointers tell a missing field from a zero one.
type wireAnswer struct {
	Skills  *[]wireSkill    `json:"skills"`
	Summary *[]wireSentence `json:"summary"`
}

type wireSkill struct {
	Name     *string         `json:"name"`
	Source   *string         `json:"source"`
	Evidence *[]wireEvidence `json:"evidence"`
}

type wireEvidence struct {
	Line  *int    `json:"line"`
	Quote *string `json:"quote"`
}

type wireSentence struct {
	Text  *string `json:"text"`
	Lines *[]int  `json:"lines"`
}

// SchemaError lists what is wrong with an answer; it is a KindInvalidOutput
// *Error when returned by Parse.
type problems []string

func (p *problems) add(format string, args ...any) {
	if len(*p) < 20 {
		*p = append(*p, fmt.Sprintf(format, args...))
	}
}

// Parse decodes content strictly (one JSON object, no unknown fields) and
// checks it against the schema. Any failure refuses the whole answer.
func Parse(content string) (*Answer, error) {
	dec := json.NewDecoder(strings.NewReader(content))
	dec.DisallowUnknownFields()
	var w wireAnswer
	if err := dec.Decode(&w); err != nil {
		return nil, &Error{Kind: KindInvalidOutput, Detail: "answer is not the expected JSON: " + err.Error()}
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, &Error{Kind: KindInvalidOutput, Detail: "answer has more than one JSON value"}
	}
	var p problems
	out := &Answer{}
	if w.Skills == nil {
		p.add("skills: required")
	} else if len(*w.Skills) > maxSkills {
		p.add("skills: at most %d", maxSkills)
	} else {
		for i, s := range *w.Skills {
			out.Skills = append(out.Skills, checkSkill(&p, i, s))
		}
	}
	if w.Summary == nil {
		p.add("summary: required")
	} else if n := len(*w.Summary); n < minSentences || n > maxSentences {
		p.add("summary: %d to %d sentences, got %d", minSentences, maxSentences, n)
	} else {
		for i, s := range *w.Summary {
			out.Summary = append(out.Summary, checkSentence(&p, i, s))
		}
	}
	if len(p) > 0 {
		return nil, &Error{Kind: KindInvalidOutput, Detail: "answer does not match the schema: " + strings.Join(p, "; ")}
	}
	return out, nil
}

func checkSkill(p *problems, i int, s wireSkill) AnswerSkill {
	var out AnswerSkill
	at := fmt.Sprintf("skills[%d]", i)
	if s.Name == nil {
		p.add("%s.name: required", at)
	} else {
		out.Name = strings.TrimSpace(*s.Name)
		if n := utf8.RuneCountInString(out.Name); n < 1 || n > maxSkillName || strings.ContainsAny(out.Name, "\r\n") {
			p.add("%s.name: 1 to %d characters on one line", at, maxSkillName)
		}
	}
	if s.Source == nil {
		p.add("%s.source: required", at)
	} else if out.Source = *s.Source; !slices.Contains(Sources, out.Source) {
		p.add("%s.source: one of %s", at, strings.Join(Sources, ", "))
	}
	if s.Evidence == nil {
		p.add("%s.evidence: required", at)
		return out
	}
	if n := len(*s.Evidence); n < 1 || n > maxEvidence {
		p.add("%s.evidence: 1 to %d items", at, maxEvidence)
		return out
	}
	for j, e := range *s.Evidence {
		eat := fmt.Sprintf("%s.evidence[%d]", at, j)
		var ev AnswerEvidence
		if e.Line == nil {
			p.add("%s.line: required", eat)
		} else if ev.Line = *e.Line; ev.Line < 1 || ev.Line > maxLineNumber {
			p.add("%s.line: a line number", eat)
		}
		if e.Quote == nil {
			p.add("%s.quote: required", eat)
		} else {
			ev.Quote = strings.TrimSpace(*e.Quote)
			if n := utf8.RuneCountInString(ev.Quote); n < minQuote || n > maxQuote {
				p.add("%s.quote: %d to %d characters", eat, minQuote, maxQuote)
			}
		}
		out.Evidence = append(out.Evidence, ev)
	}
	return out
}

func checkSentence(p *problems, i int, s wireSentence) AnswerSentence {
	var out AnswerSentence
	at := fmt.Sprintf("summary[%d]", i)
	if s.Text == nil {
		p.add("%s.text: required", at)
	} else {
		out.Text = strings.TrimSpace(*s.Text)
		if n := utf8.RuneCountInString(out.Text); n < 1 || n > maxSentence {
			p.add("%s.text: 1 to %d characters", at, maxSentence)
		}
	}
	if s.Lines == nil {
		p.add("%s.lines: required", at)
		return out
	}
	if n := len(*s.Lines); n < 1 || n > maxSentenceLines {
		p.add("%s.lines: 1 to %d line numbers", at, maxSentenceLines)
		return out
	}
	for _, l := range *s.Lines {
		if l < 1 || l > maxLineNumber {
			p.add("%s.lines: line numbers only", at)
			break
		}
	}
	out.Lines = *s.Lines
	return out
}

// schemaForPrompt is the schema as shown to the model.
const schemaForPrompt = `{
  "skills": [
    {"name": "<skill, 1-80 characters>",
     "source": "skills_section | experience | education | projects | other",
     "evidence": [{"line": <line number>, "quote": "<2-200 characters copied exactly from that line>"}]}
  ],
  "summary": [
    {"text": "<one sentence, at most 400 characters>", "lines": [<line numbers the sentence rests on>]}
  ]
}`

// foldSpace lowers s and folds runs of white space, for quote checks.
func foldSpace(s string) string {
	return strings.Join(strings.Fields(strings.ToLower(s)), " ")
}
