package match

import (
	"context"
	"fmt"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/skillkeepr/skillkeepr"
)

// The score must not depend on name, gender, age or address. These tests
// swap each of them in otherwise identical résumés and require identical
// scores, verdicts and evidence line numbers.

var cfTemplate = strings.Join([]string{
	"{NAME}",
	"{ADDRESS}",
	"{EMAIL} | +44 7700 900{PHONE}",
	"Summary",
	"Backend engineer. {They} {have} built payment systems in Go for eight years; {their} last team shipped weekly.",
	"Experience",
	"Senior Software Engineer, Ledger Ltd, Jan 2020 – Present",
	"• Go microservices on Kubernetes; PostgreSQL tuning; {their} on-call rota",
	"Software Engineer, Nimbus, 03/2016 - 12/2019",
	"• Python and Django APIs; Terraform for AWS",
	"Education",
	"BSc in Computer Science, University of {TOWN}, {GRADSTART} – {GRAD}",
	"Skills",
	"Go, Python, PostgreSQL, Kubernetes, Docker, Terraform",
	"Languages",
	"English (fluent), {LANG} (native)",
	"References",
	"Available on request from {NAME}'s previous manager; {they} can share contacts.",
}, "\n")

type cfVariant map[string]string

func (v cfVariant) render() string {
	s := cfTemplate
	for k, val := range v {
		s = strings.ReplaceAll(s, "{"+k+"}", val)
	}
	return s
}

var (
	cfNames = []string{"Emily Walsh", "Lakisha Washington", "Mohammed Al-Sayed", "王芳", "Zoë Ñúñez", "Oluwaseun Adébáyọ̀", "Go Rust", "Julia Ruby", "Ada Swift", "R C", "Dr. Anna-Lena Schmidt"}
	cfAddr  = []string{"12 Rue de Rivoli, 75001 Paris", "Flat 3, 44 Peckham Road, London SE5 8PX", "Beverly Hills, CA 90210", "Lagos, Nigeria", "P.O. Box 17, Kabul", "Address on request"}
	cfPron  = []map[string]string{
		{"They": "He", "they": "he", "have": "has", "their": "his"},
		{"They": "She", "they": "she", "have": "has", "their": "her"},
		{"They": "They", "they": "they", "have": "have", "their": "their"},
		{"They": "Xe", "they": "xe", "have": "has", "their": "xyr"},
	}
	cfGrad = [][2]string{{"1971", "1975"}, {"1991", "1995"}, {"2011", "2015"}, {"2019", "2023"}}
)

func cfBase() cfVariant {
	return cfVariant{
		"NAME": "Emily Walsh", "ADDRESS": "12 Rue de Rivoli, 75001 Paris", "EMAIL": "candidate@example.com", "PHONE": "123",
		"They": "They", "they": "they", "have": "have", "their": "their",
		"GRADSTART": "2011", "GRAD": "2015", "TOWN": "Leeds", "LANG": "French",
	}
}

func cfCriteria() []Criteria {
	c := CriteriaFromJob(skillkeepr.Job{
		Title: "Senior Backend Engineer", RequiredSkills: []string{"Go", "k8s", "Postgres"},
		NiceToHaveSkills: []string{"Terraform", "Rust", "Kafka"}, MinYearsExperience: 5,
	})
	c.AsOf = Month(2026*12 + 11)
	c2 := c
	c2.Items = append(slices.Clone(c.Items),
		Criterion{Kind: KindDegree, Label: "Bachelor's in Computer Science", DegreeLevel: DegreeBachelor, DegreeSubjects: []string{"Computer Science"}, Weight: 10},
		Criterion{Kind: KindLanguage, Label: "English, fluent", Language: "English", LanguageLevel: LanguageFluent, Weight: 5},
		Criterion{Kind: KindLocation, Label: "Berlin or remote", Location: "Berlin", Weight: 5},
		Criterion{Kind: KindSkill, Label: "payment systems", Skill: "payment systems", Weight: 5},
	)
	return []Criteria{c, c2}
}

// resultKey is everything a decision could read from a result: the score,
// and per criterion the verdict, points and evidence line numbers.
func resultKey(r Result) string {
	var b strings.Builder
	fmt.Fprintf(&b, "score=%d exact=%.6f req=%d/%d\n", r.Score, r.exact, r.RequiredMet, r.RequiredTotal)
	for _, c := range r.Criteria {
		fmt.Fprintf(&b, "%s %s %.3f %s lines=", c.Criterion.Label, c.Verdict, c.Points, c.Reason)
		for _, e := range c.Evidence {
			fmt.Fprintf(&b, "%d,", e.Line)
		}
		b.WriteByte('\n')
	}
	return b.String()
}

func scoreText(t *testing.T, s string, c Criteria) Result {
	t.Helper()
	txt, err := ExtractText(context.Background(), "cv.txt", []byte(s), Limits{})
	if err != nil {
		t.Fatal(err)
	}
	return ScoreProfile(c, Extract(txt))
}

func TestCounterfactual(t *testing.T) {
	for ci, c := range cfCriteria() {
		base := cfBase()
		want := resultKey(scoreText(t, base.render(), c))
		if !strings.Contains(want, "met") {
			t.Fatalf("base result has no verdicts: %s", want)
		}
		check := func(what string, v cfVariant) {
			t.Helper()
			if got := resultKey(scoreText(t, v.render(), c)); got != want {
				t.Errorf("criteria %d: changing %s changed the result:\n got %s\nwant %s", ci, what, got, want)
			}
		}
		for _, n := range cfNames {
			v := cfBase()
			v["NAME"] = n
			v["EMAIL"] = strings.ToLower(strings.ReplaceAll(n, " ", ".")) + "@example.com"
			check("the name to "+n, v)
		}
		for _, a := range cfAddr {
			v := cfBase()
			v["ADDRESS"] = a
			v["TOWN"] = strings.Fields(a + " X")[0]
			check("the address to "+a, v)
		}
		for _, p := range cfPron {
			v := cfBase()
			for k, val := range p {
				v[k] = val
			}
			check("pronouns to "+p["they"], v)
		}
		for _, g := range cfGrad {
			v := cfBase()
			v["GRADSTART"], v["GRAD"] = g[0], g[1]
			check("the graduation years to "+g[1], v)
		}
		// All at once, and the phone number.
		v := cfBase()
		v["NAME"], v["ADDRESS"], v["GRADSTART"], v["GRAD"], v["PHONE"] = "Go Rust", "Lagos, Nigeria", "1971", "1975", "999"
		for k, val := range cfPron[1] {
			v[k] = val
		}
		check("everything at once", v)
	}
}

// TestCounterfactualRank: swapping the names and addresses of two
// candidates swaps nothing in the order.
func TestCounterfactualRank(t *testing.T) {
	c := cfCriteria()[1]
	a, b := cfBase(), cfBase()
	b["NAME"], b["ADDRESS"] = "Lakisha Washington", "Beverly Hills, CA 90210"
	facts := func(v cfVariant) Facts {
		txt, err := ExtractText(context.Background(), "", []byte(v.render()), Limits{})
		if err != nil {
			t.Fatal(err)
		}
		return Extract(txt).Facts()
	}
	r1 := Rank(c, []Candidate{{"1", facts(a)}, {"2", facts(b)}})
	r2 := Rank(c, []Candidate{{"1", facts(b)}, {"2", facts(a)}})
	for i := range r1 {
		if r1[i].ID != r2[i].ID || resultKey(r1[i].Result) != resultKey(r2[i].Result) {
			t.Errorf("position %d: %s vs %s", i+1, r1[i].ID, r2[i].ID)
		}
	}
}

// TestFactsCarryNoPersonalData checks by construction: no field of Facts,
// at any depth, is named for a personal detail, and the only strings are
// skill, title, subject and language names, criteria text and evidence.
func TestFactsCarryNoPersonalData(t *testing.T) {
	banned := regexp.MustCompile(`(?i)name|email|phone|link|address|location|gender|pronoun|age$|birth|photo|year|contact|nationality|ethnic|religio|marital`)
	allowed := map[string]bool{"Facts.Skills.Name": true, "Facts.Languages.Name": true}
	var walk func(t reflect.Type, path string, depth int)
	walk = func(typ reflect.Type, path string, depth int) {
		if depth > 6 {
			return
		}
		switch typ.Kind() {
		case reflect.Slice, reflect.Array, reflect.Pointer:
			walk(typ.Elem(), path, depth+1)
		case reflect.Struct:
			for i := 0; i < typ.NumField(); i++ {
				f := typ.Field(i)
				p := path + "." + f.Name
				if f.Anonymous {
					p = path
				}
				if !f.Anonymous && banned.MatchString(f.Name) && !allowed[p] {
					t.Errorf("Facts carries %s", p)
				}
				walk(f.Type, p, depth+1)
			}
		}
	}
	walk(reflect.TypeOf(Facts{}), "Facts", 0)
}
