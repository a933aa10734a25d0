package match

import (
	"context"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/skillkeepr/skillkeepr"
)

// TestEvaluation ranks the labelled evaluation set (testdata/eval/set.json,
// 30 jobs × 20 candidates; `-update` regenerates it) and prints nDCG@10
// and precision@10 (relevant = grade 2 or 3). One résumé in five is read as
// a PDF and one in five as a DOCX, rendered from its text.
//
//	go test ./match -run TestEvaluation -v
func TestEvaluation(t *testing.T) {
	path := filepath.Join("testdata", "eval", "set.json")
	if *update {
		data, _ := json.MarshalIndent(generateEvalSet(), "", " ")
		os.MkdirAll(filepath.Dir(path), 0o755)
		if err := os.WriteFile(path, append(data, '\n'), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var jobs []evalJob
	if err := json.Unmarshal(data, &jobs); err != nil {
		t.Fatal(err)
	}
	if len(jobs) < 30 {
		t.Fatalf("%d jobs, want 30", len(jobs))
	}
	var sumNDCG, sumP, sumIdealP float64
	formats := map[string]int{}
	for _, j := range jobs {
		if len(j.Candidates) < 20 {
			t.Fatalf("job %s has %d candidates", j.ID, len(j.Candidates))
		}
		c := CriteriaFromJob(skillkeepr.Job{Title: j.Title, RequiredSkills: j.Required, NiceToHaveSkills: j.Nice, MinYearsExperience: j.MinYears})
		c.AsOf = Month(2026*12 + 11)
		cands := make([]Candidate, len(j.Candidates))
		for i, res := range j.Candidates {
			name, file := evalFile(t, i, res.Text)
			formats[filepath.Ext(name)]++
			txt, err := ExtractText(context.Background(), name, file, Limits{})
			if err != nil {
				t.Fatalf("job %s candidate %d (%s): %v", j.ID, i, name, err)
			}
			cands[i] = Candidate{ID: fmt.Sprint(i), Facts: Extract(txt).Facts()}
		}
		ranked := Rank(c, cands)
		gains := make([]int, len(ranked))
		for k, r := range ranked {
			var i int
			fmt.Sscan(r.ID, &i)
			gains[k] = j.Grades[i]
		}
		nd := ndcg(gains, j.Grades, 10)
		p, ideal := precision(gains, 10), precision(sortedDesc(j.Grades), 10)
		sumNDCG += nd
		sumP += p
		sumIdealP += ideal
		if testing.Verbose() {
			t.Logf("%-40s nDCG@10 %.3f  P@10 %.2f (best possible %.2f)  top grades %v", j.Title, nd, p, ideal, gains[:10])
		}
	}
	n := float64(len(jobs))
	t.Logf("formats read: %v", formats)
	t.Logf("mean nDCG@10 = %.3f, mean precision@10 = %.3f (best possible %.3f) over %d jobs × 20 candidates", sumNDCG/n, sumP/n, sumIdealP/n, len(jobs))
	if sumNDCG/n < 0.85 {
		t.Errorf("mean nDCG@10 %.3f below 0.85", sumNDCG/n)
	}
}

func evalFile(t testing.TB, i int, text string) (string, []byte) {
	lines := strings.Split(strings.TrimSpace(text), "\n")
	switch {
	case i%5 == 0 && cp1252Safe(text):
		return "cv.pdf", renderPDF(t, []pdfColumn{{x: 40, lines: lines}})
	case i%5 == 1:
		paras := make([]string, len(lines))
		for k, l := range lines {
			if b, ok := strings.CutPrefix(l, "• "); ok {
				l = "* " + b
			}
			paras[k] = l
		}
		return "cv.docx", renderDOCX(t, nil, paras)
	}
	return "cv.txt", []byte(text)
}

func cp1252Safe(s string) bool {
	for _, r := range s {
		if r > 0xFF && !strings.ContainsRune("–—‘’“”•€…", r) {
			return false
		}
	}
	return true
}

func sortedDesc(g []int) []int {
	s := slices.Clone(g)
	slices.Sort(s)
	slices.Reverse(s)
	return s
}

// ndcg is normalised discounted cumulative gain at k with gains 2^g − 1.
func ndcg(ranked, all []int, k int) float64 {
	dcg := func(g []int) float64 {
		s := 0.0
		for i := 0; i < k && i < len(g); i++ {
			s += (math.Pow(2, float64(g[i])) - 1) / math.Log2(float64(i)+2)
		}
		return s
	}
	ideal := dcg(sortedDesc(all))
	if ideal == 0 {
		return 1
	}
	return dcg(ranked) / ideal
}

// precision is the share of the top k with grade 2 or more.
func precision(ranked []int, k int) float64 {
	n := 0
	for i := 0; i < k && i < len(ranked); i++ {
		if ranked[i] >= 2 {
			n++
		}
	}
	return float64(n) / float64(k)
}
