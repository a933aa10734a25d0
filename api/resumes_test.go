package api_test

import (
	"archive/zip"
	"bytes"
	"fmt"
	"mime"
	"net/http"
	"strings"
	"testing"

	"github.com/skillkeepr/skillkeepr"
	"github.com/skillkeepr/skillkeepr/api"
)

func docx(t *testing.T, withDocument bool) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	name := "word/document.xml"
	if !withDocument {
		name = "xl/workbook.xml"
	}
	for _, n := range []string{"[Content_Types].xml", name} {
		w, err := zw.Create(n)
		if err != nil {
			t.Fatal(err)
		}
		fmt.Fprintf(w, "<x>%s</x>", n)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestResumeUploadAndDownload(t *testing.T) {
	t.Parallel()
	forEachEngine(t, func(t *testing.T, e *env) {
		e.blindReviewOff(e.a) // this test reads names and downloads files
		admin := e.a.RecruiterAdmin
		job := e.mustJob(admin, "Engineer", e.a.Engineering.ID)
		jobID := fmt.Sprint(job.ID)
		pdf := []byte("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n")
		for i, tc := range []struct {
			file     string
			data     []byte
			wantType string
			wantName string
		}{
			{"grace.pdf", pdf, api.ContentTypePDF, "grace.pdf"},
			{`C:\Users\me\CV "final".docx`, docx(t, true), api.ContentTypeDOCX, "CV final.docx"},
			{"notes.txt", []byte("Grace — Go, SQL, COBOL\n"), api.ContentTypeText, "notes.txt"},
			{"resume.exe", pdf, api.ContentTypePDF, "resume.pdf"}, // the name follows the detected type
		} {
			email := fmt.Sprintf("grace%d@example.com", i)
			body, ct := multipartBody(t, [][2]string{{"job_id", jobID}, {"name", "Grace Hopper"},
				{"emails", email + ", other" + email}, {"links", "https://example.com"}, {"location", "Arlington"}}, tc.file, tc.data)
			created := decode[api.CandidateCreated](t, e.send(t, admin, request{Method: "POST", Path: "/api/v1/candidates", Body: body, ContentType: ct}), 201)
			c := created.Candidate
			if len(c.Emails) != 2 || c.Location != "Arlington" {
				t.Errorf("%s: candidate %+v", tc.file, c)
			}
			full := decode[skillkeepr.Candidate](t, e.do(admin, "GET", fmt.Sprintf("/api/v1/candidates/%d", c.ID), nil), 200)
			if len(full.Resumes) != 1 {
				t.Fatalf("%s: resumes %+v", tc.file, full.Resumes)
			}
			rf := full.Resumes[0]
			if rf.ContentType != tc.wantType || rf.FileName != tc.wantName || rf.Size != int64(len(tc.data)) {
				t.Errorf("%s: stored %+v", tc.file, rf)
			}
			r := e.do(admin, "GET", fmt.Sprintf("/api/v1/resumes/%d", rf.ID), nil)
			if r.Code != 200 || !bytes.Equal(r.Body, tc.data) {
				t.Fatalf("%s: download %d, %d bytes", tc.file, r.Code, len(r.Body))
			}
			disp, params, err := mime.ParseMediaType(r.Header.Get("Content-Disposition"))
			if err != nil || disp != "attachment" || params["filename"] != tc.wantName {
				t.Errorf("%s: Content-Disposition %q", tc.file, r.Header.Get("Content-Disposition"))
			}
			wantHeader := tc.wantType
			if wantHeader == api.ContentTypeText {
				wantHeader += "; charset=utf-8"
			}
			if r.Header.Get("Content-Type") != wantHeader || r.Header.Get("X-Content-Type-Options") != "nosniff" {
				t.Errorf("%s: headers %v", tc.file, r.Header)
			}
			// Only people who may see the candidate may download it.
			if r := e.do(e.a.Recruiter, "GET", fmt.Sprintf("/api/v1/resumes/%d", rf.ID), nil); r.Code != 404 {
				t.Errorf("%s: unassigned recruiter download: %v", tc.file, r)
			}
		}

		// A multipart candidate without a file.
		body, ct := multipartBody(t, [][2]string{{"job_id", jobID}, {"name", "No File"}}, "", nil)
		created := decode[api.CandidateCreated](t, e.send(t, admin, request{Method: "POST", Path: "/api/v1/candidates", Body: body, ContentType: ct}), 201)
		if len(created.Candidate.Resumes) != 0 {
			t.Errorf("resumes without a file: %+v", created.Candidate.Resumes)
		}
	})
}

func TestResumeRefused(t *testing.T) {
	t.Parallel()
	forEachEngine(t, func(t *testing.T, e *env) {
		admin := e.a.SuperAdmin
		job := e.mustJob(admin, "Engineer", e.a.Engineering.ID)
		fields := [][2]string{{"job_id", fmt.Sprint(job.ID)}, {"name", "Alan"}}
		oversized := bytes.Repeat([]byte("a"), skillkeepr.MaxResumeSize+1)
		for _, tc := range []struct {
			name      string
			fields    [][2]string
			file      string
			data      []byte
			wantField string
			wantMsg   string
		}{
			{"oversized", fields, "big.txt", oversized, "resume", "larger than"},
			{"oversized pdf", fields, "big.pdf", append([]byte("%PDF-"), oversized...), "resume", "larger than"},
			{"png", fields, "me.png", []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), "resume", "PDF"},
			{"binary with NUL", fields, "cv.txt", []byte("hello\x00world"), "resume", "PDF"},
			{"invalid UTF-8", fields, "cv.txt", []byte("caf\xe9"), "resume", "PDF"},
			{"zip without a Word document", fields, "cv.docx", docx(t, false), "resume", "PDF"},
			{"broken zip", fields, "cv.docx", []byte("PK\x03\x04garbage"), "resume", "PDF"},
			{"empty file", fields, "cv.pdf", []byte{}, "resume", "empty"},
			{"unknown form field", append(fields[:2:2], [2]string{"salary", "1"}), "cv.txt", []byte("ok"), "salary", ""},
			{"bad job id", [][2]string{{"job_id", "x"}, {"name", "Alan"}}, "cv.txt", []byte("ok"), "job_id", ""},
		} {
			t.Run(tc.name, func(t *testing.T) {
				body, ct := multipartBody(t, tc.fields, tc.file, tc.data)
				r := e.send(t, admin, request{Method: "POST", Path: "/api/v1/candidates", Body: body, ContentType: ct})
				if r.Code != http.StatusBadRequest {
					t.Fatalf("got %v", r)
				}
				_, _, f := r.errBody(t)
				if f[tc.wantField] == "" || !strings.Contains(f[tc.wantField], tc.wantMsg) {
					t.Errorf("field errors %v, want %q on %q", f, tc.wantMsg, tc.wantField)
				}
			})
		}
		// A whole request beyond the limit is cut off while reading.
		huge := append(bytes.Repeat([]byte("a"), skillkeepr.MaxResumeSize+api.MaxBodySize+10), 'b')
		body, ct := multipartBody(t, fields, "huge.txt", huge)
		if r := e.send(t, admin, request{Method: "POST", Path: "/api/v1/candidates", Body: body, ContentType: ct}); r.Code != 400 {
			t.Errorf("huge request: %v", r)
		}
		many := append([][2]string{}, fields...)
		for i := 0; i < 150; i++ {
			many = append(many, [2]string{"phones", fmt.Sprint(i)})
		}
		body, ct = multipartBody(t, many, "", nil)
		if r := e.send(t, admin, request{Method: "POST", Path: "/api/v1/candidates", Body: body, ContentType: ct}); r.Code != 400 {
			t.Errorf("too many parts: %v", r)
		}
		if r := e.send(t, admin, request{Method: "POST", Path: "/api/v1/candidates", Body: "x", ContentType: "multipart/form-data"}); r.Code != 400 {
			t.Errorf("multipart without boundary: %v", r)
		}
		if l := decode[listOf[skillkeepr.CandidateRow]](t, e.do(admin, "GET", "/api/v1/candidates", nil), 200); l.Total != 0 {
			t.Errorf("a refused upload left candidates behind: %+v", l)
		}
	})
}
