package match

import (
	"slices"
	"testing"
)

func TestVocabularySize(t *testing.T) {
	v := DefaultVocabulary()
	if v.Len() < 1500 {
		t.Fatalf("vocabulary has %d skills, want at least 1500", v.Len())
	}
	cats := map[string]int{}
	for _, s := range v.Skills() {
		cats[s.Category]++
	}
	for _, c := range []string{"engineering", "data", "design", "product", "sales", "marketing", "operations", "finance", "hr", "healthcare"} {
		if cats[c] < 50 {
			t.Errorf("category %s has %d skills, want at least 50", c, cats[c])
		}
	}
	t.Logf("%d skills: %v", v.Len(), cats)
}

func skillNames(v *Vocabulary, line string, skillsSection bool) []string {
	var out []string
	for _, h := range v.matchLine(line, 1, skillsSection, nil) {
		out = append(out, v.skills[h.skill].Name)
	}
	slices.Sort(out)
	return out
}

func TestMatchLine(t *testing.T) {
	v := DefaultVocabulary()
	tests := []struct {
		line   string
		skills bool
		want   []string
	}{
		{"Go, Python, Kubernetes", false, []string{"Go", "Kubernetes", "Python"}},
		{"k8s, Postgres and JS", false, []string{"JavaScript", "Kubernetes", "PostgreSQL"}},
		{"Built services in golang on k8s", false, []string{"Go", "Kubernetes"}},
		{"We were ready to go live in March", false, nil},
		{"Go to market in three countries", false, nil},
		{"Go", true, []string{"Go"}},
		{"Go", false, nil},
		{"Grade: C", false, nil},
		{"C, C++, C#, Objective-C", false, []string{"C", "C#", "C++", "Objective-C"}},
		{"Languages: C++ and C#.", false, []string{"C#", "C++"}},
		{".NET, Node.js, R", false, []string{".NET", "Node.js", "R"}},
		{"Statistics in R", false, []string{"Statistics"}},
		{"R, Python", false, []string{"Python", "R"}},
		{"Python/Django, CI/CD", false, []string{"CI/CD", "Django", "Python"}},
		{"Spring Boot microservices", false, []string{"Microservices", "Spring Boot"}},
		{"React Native and React", false, []string{"React", "React Native"}},
		{"Advanced Excel (pivot tables)", false, []string{"Excel", "Excel modeling"}},
		{"I excel at teamwork", false, []string{"Teamwork"}},
		{"ICU nursing, BLS, ACLS", false, []string{"Advanced Cardiac Life Support", "Basic Life Support", "Critical care nursing"}},
		{"Managed the rest of the team", false, nil},
		{"Swift, SwiftUI", false, []string{"Swift", "SwiftUI"}},
		{"Tailored a swift response", false, nil},
	}
	for _, tt := range tests {
		got := skillNames(v, tt.line, tt.skills)
		if !slices.Equal(got, tt.want) {
			t.Errorf("%q (skills section %v) = %q, want %q", tt.line, tt.skills, got, tt.want)
		}
	}
}

func TestLookup(t *testing.T) {
	v := DefaultVocabulary()
	for in, want := range map[string]string{"k8s": "Kubernetes", "Postgres": "PostgreSQL", "JS": "JavaScript", "golang": "Go", "go": "Go", "c#": "C#", "dotnet": ".NET", "nodejs": "Node.js"} {
		s, ok := v.Lookup(in)
		if !ok || s.Name != want {
			t.Errorf("Lookup(%q) = %q, %v; want %q", in, s.Name, ok, want)
		}
	}
}

func TestConfirmedAmbiguous(t *testing.T) {
	p := Extract(Text{Lines: normalizeLines([]string{"Experience\n• Go microservices on k8s\n• Go to market with sales\n• Designed Go services\nGo live in May\nSkills\nGo, Docker"})})
	for _, s := range p.Skills {
		if s.Name == "Go" {
			var lines []int
			for _, e := range s.Evidence {
				lines = append(lines, e.Line)
			}
			if !slices.Equal(lines, []int{2, 4, 7}) {
				t.Errorf("Go lines = %v, want [2 4 7]", lines)
			}
			return
		}
	}
	t.Fatal("Go not found")
}
