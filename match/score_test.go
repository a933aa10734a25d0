package match

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/skillkeepr/skillkeepr"
)

func profileOf(t *testing.T, s string) Profile {
	t.Helper()
	txt, err := ExtractText(context.Background(), "cv.txt", []byte(s), Limits{})
	if err != nil {
		t.Fatal(err)
	}
	return Extract(txt)
}

func verdictOf(r Result, label string) CriterionResult {
	for _, c := range r.Criteria {
		if c.Criterion.Label == label {
			return c
		}
	}
	return CriterionResult{}
}

func TestCriteriaFromJob(t *testing.T) {
	c := CriteriaFromJob(skillkeepr.Job{
		Title:              "Backend Engineer",
		RequiredSkills:     []string{"golang", "Postgres", "PostgreSQL", "k8s", "Quantum knitting"},
		NiceToHaveSkills:   []string{"JS"},
		MinYearsExperience: 4,
	})
	var labels []string
	total := 0.0
	for _, it := range c.Items {
		labels = append(labels, it.Label)
		total += it.Weight
	}
	want := "Go,PostgreSQL,Kubernetes,Quantum knitting,JavaScript,4+ years of relevant experience"
	if strings.Join(labels, ",") != want {
		t.Errorf("labels = %q, want %q", strings.Join(labels, ","), want)
	}
	if total != 100 {
		t.Errorf("weights add to %v, want 100", total)
	}
}

func TestScoreVerdicts(t *testing.T) {
	p := profileOf(t, `Sam Doe
sam@example.com
Experience
Backend Engineer, Acme, Jan 2022 – Dec 2023
• Built services in Python and Kubernetes; quantum knitting prototypes
Support Engineer, Beta, 2019 – 2021
• Linux support
Education
MSc in Computer Science, 2018
Skills
Python, Terraform, Kubernetes
Languages
English (fluent), German (basic)`)
	c := CriteriaFromJob(skillkeepr.Job{
		Title: "Backend Engineer", RequiredSkills: []string{"Python", "Terraform", "Rust lang", "quantum knitting"},
		MinYearsExperience: 3,
	})
	c.AsOf = Month(2026*12 + 11)
	c.Items = append(c.Items,
		Criterion{Kind: KindDegree, Label: "degree", DegreeLevel: DegreeBachelor, DegreeSubjects: []string{"Computer Science"}, Weight: 5},
		Criterion{Kind: KindLanguage, Label: "german", Language: "German", LanguageLevel: LanguageFluent, Weight: 5},
		Criterion{Kind: KindLanguage, Label: "english", Language: "English", LanguageLevel: LanguageWorking, Weight: 5},
		Criterion{Kind: KindLocation, Label: "where", Location: "Berlin", Weight: 5},
	)
	r := Score(c, p.Facts())
	for label, want := range map[string]Verdict{
		"Python": Met, "Terraform": Partly, "Rust": NotMet, "quantum knitting": Partly,
		"3+ years of relevant experience": Partly, "degree": Met, "german": Partly, "english": Met, "where": Unknown,
	} {
		got := verdictOf(r, label)
		if got.Verdict != want {
			t.Errorf("%s: %s (%s), want %s", label, got.Verdict, got.Reason, want)
		}
		if (want == Met || want == Partly) && len(got.Evidence) == 0 {
			t.Errorf("%s: %s without evidence", label, got.Verdict)
		}
		for _, e := range got.Evidence {
			if p.Body == nil || e.Text == "" || strings.Contains(e.Text, "sam@example.com") {
				t.Errorf("%s: bad evidence %+v", label, e)
			}
		}
	}
	if r.Score <= 0 || r.Score >= 100 {
		t.Errorf("score %d", r.Score)
	}
	// Years: 2 years relevant (the role naming Python), 4 in all.
	if y := verdictOf(r, "3+ years of relevant experience"); !strings.Contains(y.Reason, "2 years of relevant experience (4 years in all)") {
		t.Errorf("years reason %q", y.Reason)
	}
	// Availability recorded by a person.
	f := p.Facts()
	f.Availability = []string{"berlin"}
	if v := verdictOf(Score(c, f), "where"); v.Verdict != Met {
		t.Errorf("availability: %s", v.Verdict)
	}
	// No periods: unknown, not a guess.
	if v := verdictOf(Score(c, Facts{}), "3+ years of relevant experience"); v.Verdict != Unknown {
		t.Errorf("no periods: %s", v.Verdict)
	}
	if s := Score(c, Facts{}).Score; s != 0 {
		t.Errorf("empty facts score %d", s)
	}
	if s := Score(Criteria{}, p.Facts()); s.Score != 0 || len(s.Criteria) != 0 {
		t.Errorf("no criteria: %+v", s)
	}
}

func TestRankDeterministic(t *testing.T) {
	strong := profileOf(t, "X\nExperience\nEngineer, A, 2015 – 2025\n• Go and Docker and Kubernetes\nSkills\nGo, Docker, Kubernetes").Facts()
	weak := profileOf(t, "Y\nExperience\nEngineer, B, 2023 – 2024\n• Docker\nSkills\nDocker").Facts()
	c := CriteriaFromJob(skillkeepr.Job{Title: "Engineer", RequiredSkills: []string{"Go", "Kubernetes", "Docker"}, MinYearsExperience: 5})
	c.AsOf = Month(2026 * 12)
	var cands []Candidate
	for i := range 30 {
		f := weak
		if i%3 == 0 {
			f = strong
		}
		cands = append(cands, Candidate{ID: fmt.Sprint(i), Facts: f})
	}
	r1 := Rank(c, cands)
	r2 := Rank(c, cands)
	for i := range r1 {
		if r1[i].ID != r2[i].ID || r1[i].Position != i+1 {
			t.Fatalf("not deterministic at %d", i)
		}
	}
	// Strong first, ties in input order.
	want := []string{"0", "3", "6", "9", "12", "15", "18", "21", "24", "27", "1", "2", "4"}
	for i, id := range want {
		if r1[i].ID != id {
			t.Fatalf("position %d = %s, want %s", i+1, r1[i].ID, id)
		}
	}
	if r1[0].Result.Score <= r1[10].Result.Score {
		t.Errorf("strong %d not above weak %d", r1[0].Result.Score, r1[10].Result.Score)
	}
}
