package match

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"
)

// Fuzz tests: no panic, bounded time on any input. Run one with
// `go test ./match -run '^$' -fuzz FuzzExtractPDF -fuzztime 60s`; normal
// test runs use the seeds only.

func seedCorpus(f *testing.F, ext string) {
	entries, _ := os.ReadDir(filepath.Join("testdata", "resumes"))
	for _, e := range entries {
		if filepath.Ext(e.Name()) == ext {
			data, err := os.ReadFile(filepath.Join("testdata", "resumes", e.Name()))
			if err == nil {
				f.Add(data)
			}
		}
	}
}

// fuzzLimits keep one input cheap.
var fuzzLimits = Limits{MaxFileSize: 1 << 20, MaxPages: 5, MaxDecompressed: 4 << 20, MaxTextBytes: 256 << 10, Timeout: 2 * time.Second}

func checkExtract(t *testing.T, data []byte) {
	start := time.Now()
	txt, err := ExtractText(context.Background(), "fuzz", data, fuzzLimits)
	if el := time.Since(start); el > 3*time.Second {
		t.Fatalf("took %v", el)
	}
	if err != nil {
		if ReasonOf(err) == "" {
			t.Fatalf("error without a reason: %v", err)
		}
		return
	}
	for i, l := range txt.Lines {
		if l.N != i+1 || l.Text == "" {
			t.Fatalf("bad line %d: %+v", i, l)
		}
	}
	p := Extract(txt)
	Score(cfCriteria()[1], p.Facts())
}

func FuzzExtractPDF(f *testing.F) {
	seedCorpus(f, ".pdf")
	f.Add([]byte("%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF"))
	f.Add([]byte("%PDF-"))
	f.Fuzz(func(t *testing.T, data []byte) { checkExtract(t, data) })
}

func FuzzExtractDOCX(f *testing.F) {
	seedCorpus(f, ".docx")
	f.Add([]byte("PK\x03\x04"))
	f.Fuzz(func(t *testing.T, data []byte) { checkExtract(t, data) })
}

func FuzzExtractText(f *testing.F) {
	seedCorpus(f, ".txt")
	f.Add([]byte("Skills: Go, C, C++, C#, R\nExperience\nEngineer 2019 – Present"))
	f.Add([]byte{0xFF, 0xFE, 0x41})
	f.Add([]byte(`{\rtf1{\fonttbl{\f0 x;}}\pard Zo\'eb \u209?ez\par Go, k8s\par}`))
	f.Add([]byte(`<!DOCTYPE html><html><body><h1>Name</h1><ul><li>Go</li></ul><script>x</script></body></html>`))
	f.Fuzz(func(t *testing.T, data []byte) { checkExtract(t, data) })
}

func FuzzParseDateRanges(f *testing.F) {
	for _, s := range []string{"Jan 2019 – Present", "03/2018 - 06/2020", "2018年3月 – 2020年6月", "Since 2017", "Mar '19 – Jun '21", "2019-2021", "März 2016 bis heute"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for _, r := range ParseDateRanges(s) {
			if !r.Open && r.End <= r.Start {
				t.Fatalf("%q: empty range %+v", s, r)
			}
			if r.Start.Year() < 1900 || r.Start.Year() > 2100 {
				t.Fatalf("%q: start %v", s, r.Start)
			}
		}
		MergedMonths(ParseDateRanges(s), Month(2026*12))
	})
}

func FuzzExtractProfile(f *testing.F) {
	f.Add("Zoë\nSkills\nGo, Python\nExperience\nEngineer, 2019 – now\nEducation\nBSc in CS, 2015\nLanguages\nEnglish (native)")
	f.Fuzz(func(t *testing.T, s string) {
		txt := Text{Lines: normalizeLines([]string{s})}
		p := Extract(txt)
		for _, k := range p.Skills {
			for _, e := range k.Evidence {
				if e.Line < 1 || e.Line > len(txt.Lines) {
					t.Fatalf("evidence line %d of %d", e.Line, len(txt.Lines))
				}
			}
		}
	})
}
