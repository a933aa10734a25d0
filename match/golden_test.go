package match

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite testdata/resumes and testdata/golden")

// goldenView is what a golden file holds for one résumé.
type goldenView struct {
	Format  string   `json:"format"`
	Pages   int      `json:"pages,omitempty"`
	Error   string   `json:"error,omitempty"`
	Reason  Reason   `json:"reason,omitempty"`
	Lines   []string `json:"lines,omitempty"`
	Profile *Profile `json:"profile,omitempty"`
	// Years as of December 2026.
	Years float64 `json:"years_as_of_dec_2026,omitempty"`
}

var dec2026 = Month(2026*12 + 11)

func TestGolden(t *testing.T) {
	dir := filepath.Join("testdata", "resumes")
	if *update {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			t.Fatal(err)
		}
		for name, data := range corpus(t) {
			if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) < 7 {
		t.Fatalf("%d résumés in %s, want 7 (run with -update)", len(entries), dir)
	}
	for _, e := range entries {
		t.Run(e.Name(), func(t *testing.T) {
			data, err := os.ReadFile(filepath.Join(dir, e.Name()))
			if err != nil {
				t.Fatal(err)
			}
			var v goldenView
			txt, err := ExtractText(context.Background(), e.Name(), data, Limits{})
			if err != nil {
				v.Error, v.Reason = err.Error(), ReasonOf(err)
			} else {
				v.Format, v.Pages = txt.Format, txt.Pages
				for _, l := range txt.Lines {
					v.Lines = append(v.Lines, l.Text)
				}
				p := Extract(txt)
				v.Profile = &p
				v.Years = float64(int(p.YearsOfExperience(dec2026)*10)) / 10
			}
			got, _ := json.MarshalIndent(v, "", "  ")
			got = append(got, '\n')
			golden := filepath.Join("testdata", "golden", strings.TrimSuffix(e.Name(), filepath.Ext(e.Name()))+filepath.Ext(e.Name())+".json")
			if *update {
				os.MkdirAll(filepath.Dir(golden), 0o755)
				if err := os.WriteFile(golden, got, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("extraction differs from %s (rerun with -update if intended):\n%s", golden, got)
			}
		})
	}
}

// readCorpus extracts one checked-in résumé.
func readCorpus(t *testing.T, name string) (Text, Profile) {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", "resumes", name))
	if err != nil {
		t.Fatal(err)
	}
	txt, err := ExtractText(context.Background(), name, data, Limits{})
	if err != nil {
		t.Fatal(err)
	}
	return txt, Extract(txt)
}

func skillSet(p Profile) []string {
	var s []string
	for _, k := range p.Skills {
		s = append(s, k.Name)
	}
	slices.Sort(s)
	return s
}

func TestCorpusFacts(t *testing.T) {
	type want struct {
		name      string
		skills    []string
		minYears  float64
		maxYears  float64
		degree    int
		languages []string
		email     string
	}
	for file, w := range map[string]want{
		"zoe-nunez.pdf":       {"Zoë Ñúñez", []string{"Go", "Java", "Kubernetes", "PostgreSQL", "MySQL", "Spring Boot", "CI/CD", "GitHub Actions", "Microservices"}, 9.5, 10.1, DegreeBachelor, []string{"Spanish", "English", "French"}, "zoe.nunez@example.es"},
		"two-column.pdf":      {"José María García", []string{"Python", "SQL", "Tableau", "A/B testing", "Excel"}, 10, 11, DegreeMaster, []string{"Spanish", "English"}, "jm.garcia@example.com"},
		"wang-fang.docx":      {"王芳", []string{"Python", "PyTorch", "Apache Spark", "Apache Airflow", "Recommender systems", "scikit-learn", "spaCy"}, 8.5, 9, DegreeMaster, []string{"Mandarin Chinese", "English"}, "wang.fang@example.cn"},
		"stefan-mueller.docx": {"Stefan Müller", []string{"Project management", "Scrum", "JIRA", "AutoCAD", "PRINCE2", "SAP", "Microsoft Project"}, 14, 14.4, DegreeMaster, []string{"German", "English"}, "stefan.mueller@example.de"},
		"oluwaseun.txt":       {"Oluwaseun Adébáyọ̀", []string{"Critical care nursing", "Medication administration", "Wound care", "Infection control", "Patient assessment", "IV therapy", "Basic Life Support", "Advanced Cardiac Life Support"}, 11, 11.5, DegreeBachelor, []string{"Yoruba", "English"}, "seun.adebayo@example.ng"},
		"no-headings.txt":     {"Priya Raman", []string{"Product management", "B2B SaaS", "Product roadmapping", "User research", "SQL", "Business analysis", "JIRA", "Requirements gathering"}, 12.5, 13, DegreeMaster, nil, "priya.raman@example.in"},
	} {
		t.Run(file, func(t *testing.T) {
			_, p := readCorpus(t, file)
			if p.Contact.Name != w.name {
				t.Errorf("name = %q, want %q", p.Contact.Name, w.name)
			}
			if !slices.Contains(p.Contact.Emails, w.email) {
				t.Errorf("emails = %q, want %q", p.Contact.Emails, w.email)
			}
			got := skillSet(p)
			for _, s := range w.skills {
				if !slices.Contains(got, s) {
					t.Errorf("skill %q not found in %q", s, got)
				}
			}
			if y := p.YearsOfExperience(dec2026); y < w.minYears || y > w.maxYears {
				t.Errorf("years = %.2f, want %.1f–%.1f (periods %+v)", y, w.minYears, w.maxYears, p.Periods)
			}
			if w.degree > 0 {
				best := 0
				for _, e := range p.Education {
					best = max(best, e.Level)
				}
				if best != w.degree {
					t.Errorf("degree level = %d, want %d (%+v)", best, w.degree, p.Education)
				}
			}
			for _, l := range w.languages {
				if !slices.ContainsFunc(p.Languages, func(x Language) bool { return x.Name == l }) {
					t.Errorf("language %s not found in %+v", l, p.Languages)
				}
			}
			// Evidence points at real lines.
			for _, s := range p.Skills {
				for _, e := range s.Evidence {
					if e.Line < 1 || e.Text == "" {
						t.Errorf("skill %s has bad evidence %+v", s.Name, e)
					}
				}
			}
		})
	}
}

func TestScannedPDF(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("testdata", "resumes", "scanned.pdf"))
	if err != nil {
		t.Fatal(err)
	}
	_, err = ExtractText(context.Background(), "scan.pdf", data, Limits{})
	if ReasonOf(err) != NoText || !strings.Contains(err.Error(), "No text found") || !strings.Contains(err.Error(), "scanned") {
		t.Fatalf("err = %v, want a no-text refusal", err)
	}
}
