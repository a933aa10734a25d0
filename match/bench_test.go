package match

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"testing"

	"github.com/skillkeepr/skillkeepr"
)

// Benchmarks:
//
//	go test ./match -run '^$' -bench . -benchmem -cpu 1
//
// BenchmarkParsePDF reports résumés parsed (text and profile) per second on
// one core; BenchmarkRank10000 the time to score and rank 10,000
// candidates for one job; BenchmarkProfiles10000 the memory kept by 10,000
// parsed profiles.

func benchFile(b *testing.B, name string) []byte {
	data, err := os.ReadFile(filepath.Join("testdata", "resumes", name))
	if err != nil {
		b.Fatal(err)
	}
	return data
}

func benchParse(b *testing.B, files ...string) {
	var data [][]byte
	for _, f := range files {
		data = append(data, benchFile(b, f))
	}
	ctx := context.Background()
	DefaultVocabulary()
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		txt, err := ExtractText(ctx, files[i%len(files)], data[i%len(data)], Limits{})
		if err != nil {
			b.Fatal(err)
		}
		Extract(txt)
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "resumes/s")
}

func BenchmarkParsePDF(b *testing.B)  { benchParse(b, "zoe-nunez.pdf", "two-column.pdf") }
func BenchmarkParseDOCX(b *testing.B) { benchParse(b, "wang-fang.docx", "stefan-mueller.docx") }
func BenchmarkParseTXT(b *testing.B)  { benchParse(b, "oluwaseun.txt", "no-headings.txt") }

// evalFacts extracts the 600 résumés of the evaluation set.
func evalFacts(b *testing.B) ([]Facts, []evalJob) {
	data, err := os.ReadFile(filepath.Join("testdata", "eval", "set.json"))
	if err != nil {
		b.Fatal(err)
	}
	var jobs []evalJob
	if err := json.Unmarshal(data, &jobs); err != nil {
		b.Fatal(err)
	}
	var facts []Facts
	for _, j := range jobs {
		for _, c := range j.Candidates {
			txt, err := ExtractText(context.Background(), "cv.txt", []byte(c.Text), Limits{})
			if err != nil {
				b.Fatal(err)
			}
			facts = append(facts, Extract(txt).Facts())
		}
	}
	return facts, jobs
}

func BenchmarkRank10000(b *testing.B) {
	facts, jobs := evalFacts(b)
	cands := make([]Candidate, 10000)
	for i := range cands {
		cands[i] = Candidate{ID: fmt.Sprint(i), Facts: facts[i%len(facts)]}
	}
	j := jobs[0]
	c := CriteriaFromJob(skillkeepr.Job{Title: j.Title, RequiredSkills: j.Required, NiceToHaveSkills: j.Nice, MinYearsExperience: j.MinYears})
	c.AsOf = Month(2026*12 + 11)
	b.ResetTimer()
	for b.Loop() {
		if r := Rank(c, cands); len(r) != len(cands) {
			b.Fatal("short ranking")
		}
	}
	b.ReportMetric(float64(b.Elapsed().Milliseconds())/float64(b.N), "ms/rank")
}

func BenchmarkProfiles10000(b *testing.B) {
	data, err := os.ReadFile(filepath.Join("testdata", "eval", "set.json"))
	if err != nil {
		b.Fatal(err)
	}
	var jobs []evalJob
	if err := json.Unmarshal(data, &jobs); err != nil {
		b.Fatal(err)
	}
	var texts [][]byte
	for _, j := range jobs {
		for _, c := range j.Candidates {
			texts = append(texts, []byte(c.Text))
		}
	}
	DefaultVocabulary()
	var kept []Profile
	var perTenK float64
	for b.Loop() {
		kept = nil
		runtime.GC()
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		kept = make([]Profile, 0, 10000)
		for i := range 10000 {
			txt, err := ExtractText(context.Background(), "cv.txt", texts[i%len(texts)], Limits{})
			if err != nil {
				b.Fatal(err)
			}
			kept = append(kept, Extract(txt))
		}
		runtime.GC()
		runtime.ReadMemStats(&after)
		perTenK = float64(after.HeapAlloc) - float64(before.HeapAlloc)
	}
	runtime.KeepAlive(kept)
	b.ReportMetric(perTenK/(1<<20), "MB/10k-profiles")
}
