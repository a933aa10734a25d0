package match

import (
	"archive/zip"
	"bytes"
	"compress/zlib"
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"testing"
	"time"

	"github.com/skillkeepr/skillkeepr"
)

func TestExtractRefusals(t *testing.T) {
	ctx := context.Background()
	// A DOCX whose document.xml unpacks to 30 MB of zeros-like text.
	var bomb bytes.Buffer
	zw := zip.NewWriter(&bomb)
	w, _ := zw.Create("word/document.xml")
	w.Write([]byte(`<w:document xmlns:w="x"><w:body><w:p><w:r><w:t>`))
	chunk := bytes.Repeat([]byte("a"), 1<<20)
	for range 30 {
		w.Write(chunk)
	}
	w.Write([]byte(`</w:t></w:r></w:p></w:body></w:document>`))
	zw.Close()

	// The same bomb with its declared size lowered to 1 KB: the limited
	// reader must still stop it.
	lying := lieAboutSize(t, bomb.Bytes())

	many := renderPDF(t, func() [][]pdfColumn {
		var ps [][]pdfColumn
		for range 5 {
			ps = append(ps, []pdfColumn{{x: 50, lines: []string{"Experience with Go and Python on many pages"}}})
		}
		return ps
	}()...)

	// The limited reader alone (declared sizes not trusted): 2 KB budget.
	small := renderDOCX(t, nil, []string{strings.Repeat("Python developer. ", 400)})
	tests := []struct {
		name   string
		data   []byte
		limits Limits
		reason Reason
		words  string
	}{
		{"empty", nil, Limits{}, Unreadable, "empty"},
		{"too large", bytes.Repeat([]byte("a "), 6<<20), Limits{}, TooLarge, "larger than 10 MB"},
		{"binary", []byte("\x00\x01\x02 not a résumé"), Limits{}, UnsupportedType, "not a PDF"},
		{"zip without document", zipOf(t, map[string]string{"a.txt": "x"}), Limits{}, UnsupportedType, "not a PDF"},
		{"zip bomb", bomb.Bytes(), Limits{}, TooMuchContent, "unpacks to more than 20 MB"},
		// archive/zip itself stops reading past the declared size: damaged.
		{"zip bomb with a lying size", lying, Limits{}, Unreadable, "could not be read"},
		{"over the decompressed budget", small, Limits{MaxDecompressed: 2048}, TooMuchContent, "unpacks to more than 2 KB"},
		{"too many pages", many, Limits{MaxPages: 3}, TooManyPages, "5 pages"},
		{"broken pdf", []byte("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF"), Limits{}, Unreadable, "could not be read"},
		{"blank text", []byte("   \n\n  • \n"), Limits{}, NoText, "No text found"},
		{"too much text", bytes.Repeat([]byte("Python developer\n"), 70000), Limits{}, TooMuchContent, "more text than a résumé"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ExtractText(ctx, "cv", tt.data, tt.limits)
			if ReasonOf(err) != tt.reason {
				t.Fatalf("reason = %q (%v), want %q", ReasonOf(err), err, tt.reason)
			}
			if skillkeepr.ErrorCodeOf(err) != skillkeepr.EINVALID {
				t.Errorf("code = %s, want invalid", skillkeepr.ErrorCodeOf(err))
			}
			if msg := skillkeepr.ErrorMessage(err); !strings.Contains(msg, tt.words) {
				t.Errorf("message %q does not say %q", msg, tt.words)
			}
		})
	}
}

func TestExtractTimeout(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	data := renderPDF(t, []pdfColumn{{x: 50, lines: []string{"Go developer with enough text to read"}}})
	start := time.Now()
	_, err := ExtractText(ctx, "cv.pdf", data, Limits{})
	if ReasonOf(err) != TimedOut {
		t.Fatalf("err = %v, want timed out", err)
	}
	if time.Since(start) > time.Second {
		t.Errorf("took %v", time.Since(start))
	}
	// A hanging parser is abandoned at the deadline.
	_, err = extractWithDeadline(t, func(ctx context.Context) error { <-make(chan int); return nil }, 50*time.Millisecond)
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("hang: err = %v", err)
	}
}

// extractWithDeadline runs fn the way extractPDF runs the parser.
func extractWithDeadline(t *testing.T, fn func(context.Context) error, d time.Duration) (time.Duration, error) {
	ctx, cancel := context.WithTimeout(context.Background(), d)
	defer cancel()
	start := time.Now()
	err := runAbandonable(ctx, fn)
	if el := time.Since(start); el > d+time.Second {
		t.Errorf("returned after %v", el)
	}
	return time.Since(start), err
}

func TestPlainEncodings(t *testing.T) {
	utf16 := []byte{0xFF, 0xFE}
	for _, r := range "Zoë Ñúñez\nPython developer, Go, Kubernetes" {
		utf16 = append(utf16, byte(r), byte(r>>8))
	}
	latin1 := []byte("Zo\xeb \xd1\xfa\xf1ez\nPython developer \x96 Go, Kubernetes")
	for name, data := range map[string][]byte{"utf16": utf16, "cp1252": latin1} {
		txt, err := ExtractText(context.Background(), name, data, Limits{})
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if txt.Lines[0].Text != "Zoë Ñúñez" {
			t.Errorf("%s: first line %q", name, txt.Lines[0].Text)
		}
	}
}

func TestNormalize(t *testing.T) {
	got := normalizeLines([]string{"  ﬁnance   “quoted”\u00a0and ‘single’ — dash\r\n\n\n ▪  item\u200b one\n–––––\nCafe\u0301 o\uf0b7k"})
	want := []string{`finance "quoted" and 'single' – dash`, "• item one", "Cafe\u0301 o•k"}
	if len(got) != len(want) {
		t.Fatalf("got %+v", got)
	}
	for i := range want {
		if got[i].Text != want[i] || got[i].N != i+1 {
			t.Errorf("line %d = %+v, want %q", i+1, got[i], want[i])
		}
	}
}

func zipOf(t *testing.T, files map[string]string) []byte {
	var b bytes.Buffer
	zw := zip.NewWriter(&b)
	for n, s := range files {
		w, err := zw.Create(n)
		if err != nil {
			t.Fatal(err)
		}
		w.Write([]byte(s))
	}
	zw.Close()
	return b.Bytes()
}

// lieAboutSize rewrites the uncompressed sizes in a zip's local and central
// headers to 1024.
func lieAboutSize(t *testing.T, data []byte) []byte {
	out := bytes.Clone(data)
	put := func(at int) {
		out[at], out[at+1], out[at+2], out[at+3] = 0, 4, 0, 0
	}
	for i := 0; i+4 <= len(out); i++ {
		switch string(out[i : i+4]) {
		case "PK\x03\x04":
			put(i + 22)
		case "PK\x01\x02":
			put(i + 24)
		}
	}
	return out
}

func TestCapReader(t *testing.T) {
	for n, wantErr := range map[int]bool{2048: false, 2049: true} {
		cr := &capReader{r: strings.NewReader(strings.Repeat("a", n)), n: 2048}
		_, err := io.ReadAll(cr)
		if errors.Is(err, errTooBig) != wantErr {
			t.Errorf("%d bytes: err = %v", n, err)
		}
	}
}

func TestPDFBomb(t *testing.T) {
	// One page whose content stream unpacks to 3 MB of text-showing
	// operators; with a 1 MB budget it is refused before parsing.
	var ops bytes.Buffer
	ops.WriteString("BT /F1 10 Tf 50 700 Td ")
	for ops.Len() < 3<<20 {
		ops.WriteString("(Go Python Kubernetes) Tj ")
	}
	ops.WriteString("ET")
	data := pdfWithContent(t, ops.Bytes())
	_, err := ExtractText(context.Background(), "bomb.pdf", data, Limits{MaxDecompressed: 1 << 20})
	if ReasonOf(err) != TooMuchContent || !strings.Contains(err.Error(), "unpacks to more than 1 MB") {
		t.Fatalf("err = %v, want too much content", err)
	}
	// A small page of the same make reads fine.
	ok := pdfWithContent(t, []byte("BT /F1 10 Tf 50 700 Td (Senior engineer with Go, Python and Kubernetes) Tj ET"))
	txt, err := ExtractText(context.Background(), "ok.pdf", ok, Limits{})
	if err != nil || !strings.Contains(txt.String(), "Kubernetes") {
		t.Fatalf("small page: %v %q", err, txt.String())
	}
	if len(data) > 200<<10 {
		t.Fatalf("test file is %d bytes; expected a small compressed file", len(data))
	}
}

// pdfWithContent writes a one-page PDF with a Flate-compressed content
// stream and a correct cross-reference table.
func pdfWithContent(t *testing.T, content []byte) []byte {
	var z bytes.Buffer
	zw := zlib.NewWriter(&z)
	zw.Write(content)
	zw.Close()
	objs := []string{
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
		"", // stream
		"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
	}
	var b bytes.Buffer
	b.WriteString("%PDF-1.4\n")
	offs := make([]int, len(objs))
	for i, o := range objs {
		offs[i] = b.Len()
		fmt.Fprintf(&b, "%d 0 obj\n", i+1)
		if i == 3 {
			fmt.Fprintf(&b, "<< /Length %d /Filter /FlateDecode >>\nstream\n", z.Len())
			b.Write(z.Bytes())
			b.WriteString("\nendstream")
		} else {
			b.WriteString(o)
		}
		b.WriteString("\nendobj\n")
	}
	xref := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(objs)+1)
	for _, o := range offs {
		fmt.Fprintf(&b, "%010d 00000 n \n", o)
	}
	fmt.Fprintf(&b, "trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n", len(objs)+1, xref)
	return b.Bytes()
}

func TestPDFDateColumnIsNotASecondColumn(t *testing.T) {
	data := renderPDF(t, []pdfColumn{
		{x: 50, lines: []string{"Experience", "Senior Engineer, Acme", "• Go services", "Engineer, Beta", "• Python tools", "Intern, Gamma", "• Testing", "Analyst, Delta", "• SQL reports"}},
		{x: 400, lines: []string{"", "Jan 2021 – Present", "", "03/2017 - 12/2020", "", "2016 – 2017", "", "2014 – 2016"}},
	})
	txt, err := ExtractText(context.Background(), "cv.pdf", data, Limits{})
	if err != nil {
		t.Fatal(err)
	}
	if got := txt.Line(2); got != "Senior Engineer, Acme Jan 2021 – Present" {
		t.Errorf("line 2 = %q (lines %q)", got, txt.String())
	}
}
