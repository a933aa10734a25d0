package leversandbox

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"fmt"
	"math/rand/v2"
	"net/http"
	"strings"
	"sync"

	"codeberg.org/go-pdf/fpdf"
)

// profile is what a candidate's résumé says. It is derived from the
// résumé's seed, so the file, its parsedData and the seed always agree.
type profile struct {
	Skills    []string
	Years     int
	Positions []ResumePosition
	School    ResumeSchool
	Summary   string
}

func buildProfile(spec resumeSpec, city string) profile {
	r := rand.New(rand.NewPCG(spec.Seed, uint64(spec.Template)+1))
	t := postingTemplates[spec.Template%len(postingTemplates)]
	// Most candidates have most of the posting's core skills; some have few.
	perm := r.Perm(len(t.Skills))
	n := 3 + r.IntN(len(t.Skills)-2)
	var skills []string
	for _, i := range perm[:n] {
		skills = append(skills, t.Skills[i])
	}
	p := profile{Skills: skills, Years: 1 + r.IntN(14)}
	endYear, endMonth := 2026, 1+r.IntN(10)
	for k := 0; k < 2+r.IntN(2); k++ {
		dur := 1 + r.IntN(4)
		startYear, startMonth := endYear-dur, 1+r.IntN(12)
		title := t.Titles[r.IntN(len(t.Titles))]
		used := skills[r.IntN(len(skills))]
		used2 := skills[r.IntN(len(skills))]
		summary := fmt.Sprintf("Worked with %s and %s to %s.", used, used2, t.Duties[r.IntN(len(t.Duties))])
		p.Positions = append(p.Positions, ResumePosition{Org: seedCompanies[r.IntN(len(seedCompanies))], Title: title,
			Summary: summary, Location: city, Start: YearMonth{startYear, startMonth}, End: YearMonth{endYear, endMonth}})
		endYear, endMonth = startYear, startMonth
	}
	sc := seedSchools[r.IntN(len(seedSchools))]
	p.School = ResumeSchool{Org: sc.Name, Degree: sc.Degree, Field: sc.Field, Summary: "",
		Start: YearMonth{endYear - 4, 9}, End: YearMonth{endYear, 6}}
	p.Summary = fmt.Sprintf("%s with %d years of experience. Skills: %s.", t.Titles[0], p.Years, strings.Join(skills, ", "))
	return p
}

func resumeExt(kind uint8) string {
	if kind == resumeDOCX {
		return "docx"
	}
	return "pdf"
}

func (s *Sandbox) resumeFileName(o *oppRecord) string {
	base := strings.ReplaceAll(o.Name, " ", "_")
	if base == "" {
		base = "Resume"
	}
	return base + "_Resume." + resumeExt(o.Resume.Kind)
}

// resumeOf builds the API object. Caller holds s.mu for reading.
func (s *Sandbox) resumeOf(o *oppRecord) Resume {
	spec := o.Resume
	res := Resume{ID: spec.ID, CreatedAt: spec.CreatedAt,
		File: ResumeFile{Name: s.resumeFileName(o), Ext: resumeExt(spec.Kind),
			DownloadURL: s.baseURL() + "/candidates/" + o.ID + "/resumes/" + spec.ID + "/download",
			UploadedAt:  spec.CreatedAt + 4, Status: "processed"},
		ParsedData: ResumeParsed{Positions: []ResumePosition{}, Schools: []ResumeSchool{}}}
	b, _ := s.resumeBytes(o)
	res.File.Size = len(b)
	if spec.Kind != resumeCorrupt {
		pr := buildProfile(spec, o.Location)
		res.ParsedData = ResumeParsed{Positions: pr.Positions, Schools: []ResumeSchool{pr.School}}
	}
	return res
}

// resumeCache keeps the last few generated files: a client usually fetches
// metadata (which needs the size) and then downloads the same file.
type resumeCache struct {
	mu    sync.Mutex
	max   int
	keys  []string
	files map[string][]byte
}

func newResumeCache(max int) *resumeCache { return &resumeCache{max: max, files: map[string][]byte{}} }

func (c *resumeCache) get(k string) ([]byte, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	b, ok := c.files[k]
	return b, ok
}

func (c *resumeCache) put(k string, b []byte) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if _, ok := c.files[k]; ok {
		return
	}
	if len(c.keys) >= c.max {
		delete(c.files, c.keys[0])
		c.keys = c.keys[1:]
	}
	c.keys = append(c.keys, k)
	c.files[k] = b
}

// resumeBytes generates (deterministically) the résumé file.
func (s *Sandbox) resumeBytes(o *oppRecord) ([]byte, error) {
	key := o.Resume.ID + "|" + o.Name
	if b, ok := s.resumeMemo.get(key); ok {
		return b, nil
	}
	var (
		b   []byte
		err error
	)
	switch o.Resume.Kind {
	case resumeCorrupt:
		// Starts like a PDF, then garbage: an upload that no parser can read.
		r := rand.New(rand.NewPCG(o.Resume.Seed, 7))
		g := make([]byte, 2048)
		for i := range g {
			g[i] = byte(r.Uint32())
		}
		b = append([]byte("%PDF-1.4\n%\xe2\xe3\xcf\xd3\n"), g...)
	case resumeDOCX:
		b, err = resumeDOCXBytes(s.resumeLines(o))
	default:
		b, err = resumePDFBytes(s.resumeLines(o))
	}
	if err == nil {
		s.resumeMemo.put(key, b)
	}
	return b, err
}

// resumeLines is the résumé's text, shared by the PDF and the DOCX.
func (s *Sandbox) resumeLines(o *oppRecord) []string {
	p := buildProfile(o.Resume, o.Location)
	lines := []string{"# " + o.Name}
	contact := []string{}
	if len(o.Emails) > 0 {
		contact = append(contact, o.Emails[0])
	}
	if len(o.Phones) > 0 {
		contact = append(contact, o.Phones[0].Value)
	}
	contact = append(contact, o.Location)
	lines = append(lines, strings.Join(contact, " | "))
	if len(o.Links) > 0 {
		lines = append(lines, strings.Join(o.Links, " | "))
	}
	lines = append(lines, "## Summary", p.Summary, "## Skills", strings.Join(p.Skills, ", "), "## Experience")
	for _, pos := range p.Positions {
		lines = append(lines, fmt.Sprintf("%s, %s (%02d/%d - %02d/%d)", pos.Title, pos.Org, pos.Start.Month, pos.Start.Year, pos.End.Month, pos.End.Year),
			pos.Summary)
	}
	lines = append(lines, "## Education", fmt.Sprintf("%s %s, %s (%d - %d)", p.School.Degree, p.School.Field, p.School.Org, p.School.Start.Year, p.School.End.Year))
	return lines
}

func resumePDFBytes(lines []string) ([]byte, error) {
	pdf := fpdf.New("P", "mm", "A4", "")
	pdf.SetCompression(false) // plain text streams: easy for any PDF text extractor
	pdf.SetCreator("Lever sandbox", true)
	pdf.SetCatalogSort(true)        // stable object order ...
	pdf.SetCreationDate(seedAnchor) // ... and dates: the same seed gives the same bytes
	pdf.SetModificationDate(seedAnchor)
	pdf.AddPage()
	tr := pdf.UnicodeTranslatorFromDescriptor("")
	for _, l := range lines {
		switch {
		case strings.HasPrefix(l, "# "):
			pdf.SetFont("Helvetica", "B", 18)
			pdf.MultiCell(0, 9, tr(l[2:]), "", "L", false)
		case strings.HasPrefix(l, "## "):
			pdf.Ln(3)
			pdf.SetFont("Helvetica", "B", 13)
			pdf.MultiCell(0, 7, tr(l[3:]), "", "L", false)
		default:
			pdf.SetFont("Helvetica", "", 11)
			pdf.MultiCell(0, 5.5, tr(l), "", "L", false)
		}
	}
	var buf bytes.Buffer
	if err := pdf.Output(&buf); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

func xmlEscape(s string) string {
	var b bytes.Buffer
	_ = xml.EscapeText(&b, []byte(s))
	return b.String()
}

// resumeDOCXBytes writes a minimal but valid WordprocessingML document.
func resumeDOCXBytes(lines []string) ([]byte, error) {
	var body strings.Builder
	for _, l := range lines {
		style, text := "", l
		if strings.HasPrefix(l, "# ") {
			style, text = "Title", l[2:]
		} else if strings.HasPrefix(l, "## ") {
			style, text = "Heading1", l[3:]
		}
		body.WriteString("<w:p>")
		if style != "" {
			body.WriteString(`<w:pPr><w:pStyle w:val="` + style + `"/></w:pPr>`)
		}
		body.WriteString(`<w:r><w:t xml:space="preserve">` + xmlEscape(text) + "</w:t></w:r></w:p>")
	}
	files := []struct{ name, body string }{
		{"[Content_Types].xml", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>`},
		{"_rels/.rels", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>`},
		{"word/document.xml", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>` + body.String() + `</w:body></w:document>`},
	}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, f := range files {
		// A fixed modification time keeps the bytes deterministic.
		fw, err := zw.CreateHeader(&zip.FileHeader{Name: f.name, Method: zip.Deflate, Modified: seedAnchor})
		if err != nil {
			return nil, err
		}
		if _, err := fw.Write([]byte(f.body)); err != nil {
			return nil, err
		}
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

func contentTypeFor(ext string) string {
	switch strings.TrimPrefix(ext, ".") {
	case "pdf":
		return "application/pdf"
	case "docx":
		return "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
	}
	return "application/octet-stream"
}

func (s *Sandbox) listResumes(w http.ResponseWriter, r *http.Request, p *principal) {
	rg, err := parseRange(r.URL.Query(), "uploaded_at")
	if err != nil {
		badRequest(w, err.Error())
		return
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	o := s.lookupOpp(w, p, r.PathValue("id"))
	if o == nil {
		return
	}
	out := []Resume{}
	if o.Resume.Kind != resumeNone && rg.contains(o.Resume.CreatedAt+4) {
		out = append(out, s.resumeOf(o))
	}
	writeList(w, out, "")
}

func (s *Sandbox) oppResume(w http.ResponseWriter, r *http.Request, p *principal) *oppRecord {
	o := s.lookupOpp(w, p, r.PathValue("id"))
	if o == nil {
		return nil
	}
	if o.Resume.Kind == resumeNone || o.Resume.ID != r.PathValue("resume") {
		notFound(w, "resumes", r.PathValue("resume"))
		return nil
	}
	return o
}

func (s *Sandbox) getResume(w http.ResponseWriter, r *http.Request, p *principal) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	if o := s.oppResume(w, r, p); o != nil {
		writeJSON(w, http.StatusOK, dataResponse{Data: s.resumeOf(o)})
	}
}

func (s *Sandbox) downloadResume(w http.ResponseWriter, r *http.Request, p *principal) {
	s.mu.RLock()
	o := s.oppResume(w, r, p)
	var copyOpp oppRecord
	if o != nil {
		copyOpp = *o
	}
	s.mu.RUnlock()
	if o == nil {
		return
	}
	b, err := s.resumeBytes(&copyOpp)
	if err != nil {
		writeError(w, http.StatusUnprocessableEntity, codeUnprocessable, "The file could not be processed")
		return
	}
	writeFile(w, s.resumeFileName(&copyOpp), b)
}

func writeFile(w http.ResponseWriter, name string, b []byte) {
	ext := name[strings.LastIndexByte(name, '.')+1:]
	w.Header().Set("Content-Type", contentTypeFor(ext))
	w.Header().Set("Content-Disposition", fmt.Sprintf("attachment; filename=%q", name))
	w.Header().Set("Content-Length", itoa(len(b)))
	w.WriteHeader(http.StatusOK)
	_, _ = w.Write(b)
}

// coverLetter is the one non-résumé file some candidates have.
func (s *Sandbox) coverLetter(o *oppRecord) []byte {
	b, _ := resumeDOCXBytes([]string{"# Cover letter", "Dear hiring team,",
		"I am excited to apply. My background is summarised in my résumé.", "Kind regards,", o.Name})
	return b
}

func (s *Sandbox) fileOf(o *oppRecord) File {
	f := *o.CoverFile
	f.DownloadURL = s.baseURL() + "/candidates/" + o.ID + "/files/" + f.ID + "/download"
	f.Size = len(s.coverLetter(o))
	return f
}

func (s *Sandbox) listFiles(w http.ResponseWriter, r *http.Request, p *principal) {
	rg, err := parseRange(r.URL.Query(), "uploaded_at")
	if err != nil {
		badRequest(w, err.Error())
		return
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	o := s.lookupOpp(w, p, r.PathValue("id"))
	if o == nil {
		return
	}
	out := []File{}
	if o.CoverFile != nil && rg.contains(o.CoverFile.UploadedAt) {
		out = append(out, s.fileOf(o))
	}
	writeList(w, out, "")
}

func (s *Sandbox) oppFile(w http.ResponseWriter, r *http.Request, p *principal) *oppRecord {
	o := s.lookupOpp(w, p, r.PathValue("id"))
	if o == nil {
		return nil
	}
	if o.CoverFile == nil || o.CoverFile.ID != r.PathValue("file") {
		notFound(w, "files", r.PathValue("file"))
		return nil
	}
	return o
}

func (s *Sandbox) getFile(w http.ResponseWriter, r *http.Request, p *principal) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	if o := s.oppFile(w, r, p); o != nil {
		writeJSON(w, http.StatusOK, dataResponse{Data: s.fileOf(o)})
	}
}

func (s *Sandbox) downloadFile(w http.ResponseWriter, r *http.Request, p *principal) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	if o := s.oppFile(w, r, p); o != nil {
		writeFile(w, o.CoverFile.Name, s.coverLetter(o))
	}
}
