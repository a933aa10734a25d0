package match

import (
	"strings"
	"testing"

	"github.com/skillkeepr/skillkeepr"
)

const maskResume = `Zofia Quenby
zofia.quenby@example.org | +44 7700 900123 | 12 Acacia Avenue, Leeds
https://github.com/zquenby

Summary
Backend engineer. Zofia likes clean code; she mentors juniors and her team ships weekly. Mr. Smith was her manager.
Uses MS Office and will not miss a deadline.

Experience
Senior Software Engineer, Initech — Jan 2016 – Present
Built services in Go and PostgreSQL for payments; Zofia's team grew to 8.

Education
BSc Computer Science, University of Leeds, 2012

Skills
Go, PostgreSQL, Docker

Personal details
Date of birth: 14 March 1990
Nationality: Polish

References
Jan Kowalski, +48 600 100 200
`

func textOf(s string) Text {
	var t Text
	for i, l := range strings.Split(strings.TrimSpace(s), "\n") {
		t.Lines = append(t.Lines, Line{N: i + 1, Text: l})
	}
	return t
}

func TestMask(t *testing.T) {
	t.Parallel()
	t.Run("hides", func(t *testing.T) {
		tx := textOf(maskResume)
		who := Person{Name: "Zofia Quenby", Emails: []string{"zofia.quenby@example.org"}, Phones: []string{"+44 7700 900123"}, Location: "Leeds"}
		masked := Mask(tx, Extract(tx), who)
		if len(masked) != len(tx.Lines) {
			t.Fatalf("%d lines, want %d", len(masked), len(tx.Lines))
		}
		all := ""
		for i, l := range masked {
			if l.N != tx.Lines[i].N {
				t.Fatalf("line %d renumbered to %d", tx.Lines[i].N, l.N)
			}
			all += l.Text + "\n"
		}
		for _, leak := range []string{"Zofia", "Quenby", "example.org", "7700", "Acacia", "Leeds", "github", "2012", "1990", "March",
			"Polish", "Kowalski", " she ", " her ", "Mr."} {
			if strings.Contains(all, leak) {
				t.Errorf("masked text shows %q:\n%s", leak, all)
			}
		}
		for _, keep := range []string{"Senior Software Engineer, Initech — Jan 2016 – Present", "Go, PostgreSQL, Docker",
			"BSc Computer Science", "they mentors juniors and their team", "[name]'s team", "MS Office", "not miss a deadline"} {
			if !strings.Contains(all, keep) && !strings.Contains(all, strings.Replace(keep, "[name]'s", "[name]", 1)) {
				t.Errorf("masked text lost %q:\n%s", keep, all)
			}
		}
	})
	t.Run("no headings", func(t *testing.T) {
		tx := textOf("Ada Lovelace\nada@example.org\nLondon")
		for _, l := range Mask(tx, Extract(tx), Person{Name: "Ada Lovelace"}) {
			if l.Text != hiddenLine {
				t.Errorf("header line %d = %q", l.N, l.Text)
			}
		}
	})
}

func TestRead(t *testing.T) {
	t.Parallel()
	rt := Read(textOf(maskResume), nil, Person{Name: "Zofia Quenby"})
	if rt.Outcome != skillkeepr.ResumeTextOK || len(rt.Lines) != len(rt.Masked) || len(rt.Facts) < 10 {
		t.Fatalf("read = %+v", rt)
	}
	f, err := FactsOf(rt)
	if err != nil || len(f.Skills) == 0 {
		t.Fatalf("facts = %+v, %v", f, err)
	}
	if rt := Read(Text{}, nil, Person{}); rt.Outcome != skillkeepr.ResumeNoText {
		t.Errorf("empty text: %s", rt.Outcome)
	}
	_, err = ExtractText(t.Context(), "x.pdf", []byte("%PDF-1.4 broken"), Limits{})
	if rt := Read(Text{}, err, Person{}); rt.Outcome == skillkeepr.ResumeTextOK || rt.Message == "" {
		t.Errorf("broken file: %+v", rt)
	}
}

// BenchmarkRead is what the Lever import adds per résumé: the profile,
// the masked lines and the encoded facts.
func BenchmarkRead(b *testing.B) {
	tx := textOf(maskResume)
	who := Person{Name: "Zofia Quenby", Emails: []string{"zofia.quenby@example.org"}, Phones: []string{"+44 7700 900123"}, Location: "Leeds"}
	b.ReportAllocs()
	for b.Loop() {
		Read(tx, nil, who)
	}
}

// FuzzMask: any résumé text masks without panicking, line for line.
func FuzzMask(f *testing.F) {
	f.Add(maskResume, "Zofia Quenby", "Leeds")
	f.Add("", "", "")
	f.Add("Mr\n(?i)\n\\b", "a (b", "[x")
	f.Fuzz(func(t *testing.T, text, name, place string) {
		tx := textOf(text)
		out := Mask(tx, Extract(tx), Person{Name: name, Location: place, Emails: []string{place}})
		if len(out) != len(tx.Lines) {
			t.Fatalf("%d lines, want %d", len(out), len(tx.Lines))
		}
	})
}
