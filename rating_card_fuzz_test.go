package skillkeepr

import (
	"strings"
	"testing"
)

// FuzzRatingCardInput feeds outside input (form and API values) to the
// validation of templates and submissions: it must never panic, and what
// it accepts must be within the limits.
func FuzzRatingCardInput(f *testing.F) {
	f.Add("Interview card", "Go", "Strong Go", "SQL", 3, 4, "notes")
	f.Add("", "", "", "Go", 9, -1, strings.Repeat("x", 6000))
	f.Fuzz(func(t *testing.T, name, c1, anchor, c2 string, score, overall int, notes string) {
		u := RatingCardTemplateUpdate{Name: name, Competencies: []Competency{{Name: c1, Anchors: [4]string{anchor}}, {Name: c2}}}
		if err := u.Validate(); err == nil {
			if len(u.Competencies) == 0 || len(u.Competencies) > MaxCompetencies || u.Name == "" {
				t.Fatalf("accepted %+v", u)
			}
			for _, c := range u.Competencies {
				for _, a := range c.Anchors {
					if a == "" || len(a) > MaxAnchorText+len(c.Name)+80 {
						t.Fatalf("anchor %q", a)
					}
				}
			}
			s := RatingCardSubmission{Scores: map[string]int{}, Overall: overall, Notes: notes}
			for _, c := range u.Competencies {
				s.Scores[c.Name] = score
			}
			tmpl := &RatingCardTemplate{Competencies: u.Competencies}
			if scores, err := s.Check(tmpl); err == nil {
				if overall < 1 || overall > 4 || score < 1 || score > 4 || len(s.Notes) > MaxCardNotes || len(scores) != len(u.Competencies) {
					t.Fatalf("accepted %+v", s)
				}
			}
		}
		if _, _, err := ShortlistDecision(c1, notes); err == nil && ShortlistDecisions[c1] == "" {
			t.Fatalf("accepted decision %q", c1)
		}
	})
}
