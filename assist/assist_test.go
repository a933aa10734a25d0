package assist

import (
	"strings"
	"testing"
	"time"

	"github.com/skillkeepr/skillkeepr"
)

func TestBuild(t *testing.T) {
	t.Parallel()
	now := time.Date(2026, 12, 4, 12, 0, 0, 0, time.UTC)
	job := &skillkeepr.Job{Title: "Backend engineer", RequiredSkills: []string{"Go", "SQL"}, NiceToHaveSkills: []string{"Kubernetes"}}
	matchGoOnly := &Match{Score: 60, Source: "résumé cv.pdf", Criteria: []Criterion{
		{Label: "Go", Skill: true, Required: true, Verdict: "met", Reason: "Go is listed with 4 years of use.", Evidence: "Built payment services in Go"},
		{Label: "SQL", Skill: true, Required: true, Verdict: "unknown", Reason: "The résumé does not mention SQL."},
		{Label: "Kubernetes", Skill: true, Verdict: "partly", Reason: "Mentions Docker, a related skill."},
	}}
	card := func(who string, status skillkeepr.RatingCardStatus, overall int, scores ...int) *skillkeepr.RatingCard {
		c := &skillkeepr.RatingCard{InterviewerName: who, Status: status, Overall: overall}
		for i, s := range scores {
			c.Scores = append(c.Scores, skillkeepr.CardScore{Competency: []string{"Go", "SQL"}[i], Score: s})
		}
		return c
	}
	tests := []struct {
		name          string
		in            Input
		firstQuestion string // competency of the first question
		firstWhy      string // part of its source
		next          string // part of the next step
		strength      string // part of some strength ("" = none expected)
		risk          string // part of some risk
		draft         string // purpose of the first draft ("" = none)
	}{
		{"shortlisted long ago, gap on a required skill",
			Input{Job: job, CandidateName: "Carla Diaz", Status: skillkeepr.StatusShortlisted, StatusSince: now.AddDate(0, 0, -6), Now: now, Match: matchGoOnly},
			"SQL", "does not mention SQL", "No interview booked 6 days after shortlisting", "Go is listed", "SQL (required)", "Invite to an interview"},
		{"shortlisted yesterday, interview booked",
			Input{Job: job, Status: skillkeepr.StatusShortlisted, StatusSince: now.AddDate(0, 0, -1), Now: now, Upcoming: 1},
			"Go", "no résumé was scored", "An interview is booked", "", "", "Invite to an interview"},
		{"cards missing",
			Input{Job: job, Status: skillkeepr.StatusInterviewCompleted, StatusSince: now, Now: now, Match: matchGoOnly,
				Cards: []*skillkeepr.RatingCard{card("Lea", skillkeepr.CardSubmitted, 4, 4, 1), card("Hana", skillkeepr.CardPending, 0), card("Ada", skillkeepr.CardPending, 0)}},
			"SQL", "résumé", "2 of 3 cards missing: remind Hana, Ada", "Go scored 4.0", "SQL scored 1.0", "Thank you after the interview"},
		{"all in, disagreement, low competency asked about",
			Input{Job: &skillkeepr.Job{Title: "Designer"}, Status: skillkeepr.StatusReviewCompleted, StatusSince: now, Now: now,
				Cards: []*skillkeepr.RatingCard{card("Lea", skillkeepr.CardSubmitted, 4, 2, 2), card("Hana", skillkeepr.CardSubmitted, 2, 2, 2)}},
			"Go", "averaged 2.0", "decide on the Interview Shortlist screen", "lean to hire", "disagree", "Thank you after the interview"},
		{"hidden cards are not used",
			Input{Job: job, Status: skillkeepr.StatusReviewCompleted, StatusSince: now, Now: now, CardsHidden: true,
				Cards: []*skillkeepr.RatingCard{card("Lea", skillkeepr.CardSubmitted, 1, 1, 1)}},
			"Go", "no résumé", "decide", "", "", "Thank you after the interview"},
		{"not recommended", Input{Job: job, CandidateName: "Dora", Status: skillkeepr.StatusNotRecommended, StatusSince: now, Now: now},
			"Go", "required skills", "let the candidate know", "", "", "Decline kindly"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := Build(tt.in)
			if len(a.Questions) == 0 || a.Questions[0].Competency != tt.firstQuestion || !strings.Contains(a.Questions[0].Why, tt.firstWhy) {
				t.Errorf("first question %+v, want %s from %q", a.Questions, tt.firstQuestion, tt.firstWhy)
			}
			if !strings.Contains(a.NextStep.Text, tt.next) || a.NextStep.Source == "" {
				t.Errorf("next step %+v, want %q", a.NextStep, tt.next)
			}
			if !has(a.Strengths, tt.strength) {
				t.Errorf("strengths %+v lack %q", a.Strengths, tt.strength)
			}
			if !has(a.Risks, tt.risk) {
				t.Errorf("risks %+v lack %q", a.Risks, tt.risk)
			}
			if tt.strength == "" && tt.in.CardsHidden && len(a.Strengths)+len(a.Risks) > 0 {
				t.Errorf("hidden cards were used: %+v %+v", a.Strengths, a.Risks)
			}
			if (tt.draft == "") != (len(a.Drafts) == 0) || (tt.draft != "" && a.Drafts[0].Purpose != tt.draft) {
				t.Errorf("drafts %+v, want %q", a.Drafts, tt.draft)
			}
			for _, s := range append(append([]Statement{}, a.Strengths...), a.Risks...) {
				if s.Source == "" {
					t.Errorf("statement without a source: %+v", s)
				}
			}
			if len(a.Questions) > maxQuestions {
				t.Errorf("%d questions", len(a.Questions))
			}
		})
	}
	// Deterministic: the same input gives the same panel.
	in := tests[2].in
	if a, b := Build(in), Build(in); a.NextStep != b.NextStep || len(a.Questions) != len(b.Questions) || a.Questions[1] != b.Questions[1] {
		t.Error("Build is not deterministic")
	}
}

func has(ss []Statement, part string) bool {
	if part == "" {
		return true
	}
	for _, s := range ss {
		if strings.Contains(s.Text, part) {
			return true
		}
	}
	return false
}

// A stored score reads as the same evidence as one computed now, and says
// where it came from.
func TestFromStored(t *testing.T) {
	t.Parallel()
	sc := &skillkeepr.ApplicationScore{State: skillkeepr.ScoreScored, Score: 72, CriteriaVersion: 3, Criteria: []skillkeepr.CriterionVerdict{
		{Criterion: skillkeepr.Criterion{Kind: "skill", Label: "Go", Required: true}, Verdict: "met", Reason: "Found on 2 lines",
			Evidence: []skillkeepr.EvidenceLine{{Line: 4, Text: "Built services in Go"}, {Line: 9, Text: "Go, SQL"}}},
		{Criterion: skillkeepr.Criterion{Kind: "years", Label: "5+ years"}, Verdict: "not_met", Reason: "3 years found"},
	}}
	m := FromStored(sc)
	if m.Score != 72 || !strings.Contains(m.Source, "criteria version 3") || len(m.Criteria) != 2 {
		t.Fatalf("match %+v", m)
	}
	if c := m.Criteria[0]; !c.Skill || !c.Required || c.Verdict != "met" || c.Evidence != "Built services in Go" {
		t.Errorf("skill criterion %+v", c)
	}
	if c := m.Criteria[1]; c.Skill || c.Evidence != "" || c.Verdict != "not_met" {
		t.Errorf("years criterion %+v", c)
	}
}
