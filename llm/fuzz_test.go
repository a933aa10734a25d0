package llm

import (
	"testing"

	"github.com/skillkeepr/skillkeepr/match"
)

// FuzzParse: any answer is either refused or checked without panicking,
// and what survives cites only lines that were sent.
func FuzzParse(f *testing.F) {
	f.Add(goodAnswer)
	f.Add(`{"skills": [], "summary": [{"text": "a", "lines": [1]}]}`)
	f.Add(`{"skills": null, "summary": null}`)
	f.Add(`{}`)
	sent := []match.Line{{N: 6, Text: "Backend engineer with Go."}, {N: 9, Text: "Built k8s clusters."}, {N: 14, Text: "Go, Docker"}}
	f.Fuzz(func(t *testing.T, content string) {
		ans, err := Parse(content)
		if err != nil {
			if KindOf(err) != KindInvalidOutput {
				t.Fatalf("error of kind %q", KindOf(err))
			}
			return
		}
		p := Check(ans, sent)
		ok := map[int]bool{6: true, 9: true, 14: true}
		for _, s := range p.Skills {
			for _, e := range s.Evidence {
				if !ok[e.N] {
					t.Fatalf("skill %q cites line %d", s.Name, e.N)
				}
			}
		}
		for _, s := range p.Summary {
			for _, l := range s.Lines {
				if !ok[l.N] {
					t.Fatalf("sentence cites line %d", l.N)
				}
			}
		}
	})
}
