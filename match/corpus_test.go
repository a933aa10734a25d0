package match

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"fmt"
	"strings"
	"testing"
	"time"

	"codeberg.org/go-pdf/fpdf"
)

// Test résumés are written here as text and rendered to PDF, DOCX or TXT
// by the helpers below; `go test ./match -run TestGolden -update` writes
// them to testdata/resumes and their expected extraction to
// testdata/golden.

// pdfLine is one line of a PDF page: "# " starts a heading.
type pdfColumn struct {
	x     float64
	lines []string
}

var fixedTime = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)

// renderPDF draws columns of text with a core font (Windows-1252), one
// line every 14 pt. Each page holds the given columns.
func renderPDF(t testing.TB, pages ...[]pdfColumn) []byte {
	t.Helper()
	p := fpdf.New("P", "pt", "A4", "")
	p.SetCreationDate(fixedTime)
	p.SetModificationDate(fixedTime)
	p.SetCatalogSort(true)
	p.SetCompression(true)
	tr := p.UnicodeTranslatorFromDescriptor("")
	for _, cols := range pages {
		p.AddPage()
		for _, col := range cols {
			y := 60.0
			for _, l := range col.lines {
				size, style := 10.0, ""
				if h, ok := strings.CutPrefix(l, "# "); ok {
					l, size, style = h, 13, "B"
					y += 6
				}
				p.SetFont("Helvetica", style, size)
				if l != "" {
					p.Text(col.x, y, tr(l))
				}
				y += 14
			}
		}
	}
	var b bytes.Buffer
	if err := p.Output(&b); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// renderScannedPDF is a page with only a drawn box: no text.
func renderScannedPDF(t testing.TB) []byte {
	p := fpdf.New("P", "pt", "A4", "")
	p.SetCreationDate(fixedTime)
	p.SetModificationDate(fixedTime)
	p.AddPage()
	p.SetFillColor(200, 200, 200)
	p.Rect(50, 50, 400, 600, "F")
	var b bytes.Buffer
	if err := p.Output(&b); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// docxPara is a paragraph: "# " heading, "* " list item, and "a || b" a
// table row of cells.
func renderDOCX(t testing.TB, header []string, paras []string) []byte {
	t.Helper()
	esc := func(s string) string {
		var b bytes.Buffer
		xml.EscapeText(&b, []byte(s))
		return b.String()
	}
	para := func(s string) string {
		switch {
		case strings.HasPrefix(s, "# "):
			return `<w:p><w:pPr><w:pStyle w:val="Heading1"/></w:pPr><w:r><w:t>` + esc(s[2:]) + `</w:t></w:r></w:p>`
		case strings.HasPrefix(s, "* "):
			return `<w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr></w:pPr><w:r><w:t xml:space="preserve">` + esc(s[2:]) + `</w:t></w:r></w:p>`
		case strings.Contains(s, " || "):
			var b strings.Builder
			b.WriteString(`<w:tbl><w:tr>`)
			for _, c := range strings.Split(s, " || ") {
				b.WriteString(`<w:tc><w:p><w:r><w:t>` + esc(c) + `</w:t></w:r></w:p></w:tc>`)
			}
			b.WriteString(`</w:tr></w:tbl>`)
			return b.String()
		}
		// Split runs and a tab, as Word does.
		h := len(s) / 2
		for h < len(s) && s[h] != ' ' {
			h++
		}
		return `<w:p><w:r><w:t xml:space="preserve">` + esc(s[:h]) + `</w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t xml:space="preserve">` + esc(s[h:]) + `</w:t></w:r></w:p>`
	}
	doc := func(root string, ps []string) string {
		var b strings.Builder
		b.WriteString(xml.Header + `<w:` + root + ` xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">`)
		if root == "document" {
			b.WriteString("<w:body>")
		}
		for _, p := range ps {
			b.WriteString(para(p))
		}
		if root == "document" {
			b.WriteString("</w:body>")
		}
		b.WriteString(`</w:` + root + `>`)
		return b.String()
	}
	files := []struct{ name, body string }{
		{"[Content_Types].xml", `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>`},
		{"_rels/.rels", `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>`},
		{"word/document.xml", doc("document", paras)},
	}
	if len(header) > 0 {
		files = append(files, struct{ name, body string }{"word/header1.xml", doc("hdr", header)})
	}
	var b bytes.Buffer
	zw := zip.NewWriter(&b)
	for _, f := range files {
		w, err := zw.CreateHeader(&zip.FileHeader{Name: f.name, Method: zip.Deflate, Modified: fixedTime})
		if err != nil {
			t.Fatal(err)
		}
		fmt.Fprint(w, f.body)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// corpus is the golden set: file name → bytes.
func corpus(t testing.TB) map[string][]byte {
	return map[string][]byte{
		"zoe-nunez.pdf": renderPDF(t, []pdfColumn{{x: 50, lines: []string{
			"Zoë Ñúñez",
			"Calle de Alcalá 42, 28014 Madrid, Spain",
			"zoe.nunez@example.es | +34 612 345 678 | github.com/zoenunez",
			"# Summary",
			"Backend engineer who builds reliable payment services in Go and PostgreSQL.",
			"# Experience",
			"Senior Backend Engineer, Pagos Rápidos S.L.   Jan 2021 – Present",
			"• Designed Go microservices on k8s handling 2,000 payments per second",
			"• Moved reporting from MySQL to Postgres; cut query time by 80%",
			"Software Engineer, Banco Nube   03/2017 - 12/2020",
			"• Built REST APIs in Java and Spring Boot; CI/CD with GitHub Actions",
			"# Education",
			"BSc in Computer Science, Universidad Politécnica de Madrid, 2016",
			"# Skills",
			"Go, Java, PostgreSQL, Docker, Kubernetes, gRPC, Terraform",
			"# Languages",
			"Spanish (native), English (C1), French (basic)",
		}}}),
		"two-column.pdf": renderPDF(t, []pdfColumn{
			{x: 40, lines: []string{
				"José María García",
				"Sevilla, Spain",
				"jm.garcia@example.com",
				"# Skills",
				"Python",
				"SQL",
				"Tableau",
				"A/B testing",
				"Excel",
				"# Languages",
				"Spanish – native",
				"English – fluent",
				"# Education",
				"MSc in Statistics",
				"Universidad de Sevilla",
				"2014 – 2015",
			}},
			{x: 250, lines: []string{
				"",
				"",
				"",
				"# Experience",
				"Data Analyst",
				"Mercado Verde, Sept. 2019 – Current",
				"Built dashboards in Tableau for 40 stores",
				"Ran A/B tests on pricing with Python",
				"Junior Analyst",
				"Seguros Sol, 2016 – 2019",
				"Monthly reports in SQL and Excel",
			}},
		}),
		"scanned.pdf": renderScannedPDF(t),
		"wang-fang.docx": renderDOCX(t, []string{"王芳", "wang.fang@example.cn · +86 138 0013 8000"}, []string{
			"# 个人简介",
			"Data scientist working on recommender systems and NLP for e-commerce.",
			"# 工作经历",
			"Senior Data Scientist, 星河电商 || 2020.07 ~ 至今",
			"* Built a recommender system in PyTorch serving 30M users",
			"* Feature pipelines in Spark and Airflow",
			"Data Scientist, 北京数据科技 || 2018年3月 – 2020年6月",
			"* Text classification with scikit-learn and spaCy",
			"# 教育背景",
			"硕士 in Computer Science, 清华大学, 2018",
			"# 技能",
			"Python, PyTorch, Apache Spark, SQL, Machine learning, NLP",
			"# Languages",
			"Mandarin (native), English (fluent)",
		}),
		"stefan-mueller.docx": renderDOCX(t, nil, []string{
			"Stefan Müller",
			"Hauptstraße 5, 10115 Berlin",
			"stefan.mueller@example.de",
			"# Berufserfahrung",
			"Projektmanager, Bau AG — März 2016 bis heute",
			"* Project management for 12 sites; Scrum and Jira",
			"Bauleiter, Stadtwerke, 09/2012 - 02/2016",
			"* Construction management and budgeting",
			"# Ausbildung",
			"Diplom Bauingenieurwesen, TU München, 2012",
			"# Kenntnisse",
			"MS Project, AutoCAD, PRINCE2, SAP",
			"# Sprachen",
			"Deutsch (Muttersprache), Englisch (fließend)",
		}),
		"oluwaseun.txt": []byte(strings.Join([]string{
			"Oluwaseun Adébáyọ̀",
			"14 Awolowo Road, Ikoyi, Lagos",
			"seun.adebayo@example.ng   +234 803 123 4567",
			"",
			"PROFESSIONAL SUMMARY",
			"Registered nurse with ﬁve years in critical care and “patient-ﬁrst” teamwork.",
			"",
			"WORK EXPERIENCE",
			"ICU Staff Nurse — Lagos University Teaching Hospital",
			"Sept. 2019 – Current",
			"\u00a0\u00a0▪ ICU nursing for 16 beds; medication administration; wound care",
			"\u00a0\u00a0▪ Trained new staff in infection control",
			"Staff Nurse, Reddington Hospital, 2015 - 2019",
			"  ◦ Patient assessment, IV therapy, Epic EHR charting",
			"",
			"EDUCATION",
			"Bachelor of Nursing Science (BNSc), University of Ibadan, 2014",
			"",
			"CERTIFICATIONS",
			"BLS, ACLS",
			"",
			"LANGUAGES",
			"Yoruba (native), English (fluent)",
		}, "\r\n")),
		"no-headings.txt": []byte(strings.Join([]string{
			"Priya Raman",
			"priya.raman@example.in",
			"Product manager for B2B SaaS, 2018 – present, at Ledgerly: roadmaps, user research, SQL.",
			"Business analyst at Finserve, 2014 – 2018, requirements gathering and Jira.",
			"MBA, 2014.",
		}, "\n")),
	}
}
