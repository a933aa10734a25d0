package web_test

import (
	"archive/zip"
	"bytes"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/skillkeepr/skillkeepr"
)

func docx(t *testing.T) []byte {
	var b bytes.Buffer
	zw := zip.NewWriter(&b)
	for _, name := range []string{"[Content_Types].xml", "word/document.xml"} {
		w, err := zw.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		io.WriteString(w, "<xml/>")
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func zipOnly(t *testing.T) []byte {
	var b bytes.Buffer
	zw := zip.NewWriter(&b)
	w, _ := zw.Create("hello.txt")
	io.WriteString(w, "hi")
	zw.Close()
	return b.Bytes()
}

// upload posts the add-candidate form with a file.
func (c *client) upload(path string, fields map[string]string, fileName string, data []byte) resp {
	c.t.Helper()
	var b bytes.Buffer
	mw := multipart.NewWriter(&b)
	if _, ok := fields["csrf_token"]; !ok {
		mw.WriteField("csrf_token", c.csrf)
	}
	for k, v := range fields {
		mw.WriteField(k, v)
	}
	if fileName != "" {
		fw, err := mw.CreateFormFile("resume", fileName)
		if err != nil {
			c.t.Fatal(err)
		}
		fw.Write(data)
	}
	mw.Close()
	req, _ := http.NewRequest(http.MethodPost, c.e.ts.URL+path, &b)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	return c.do(req)
}

func requireCandidates(t *testing.T, e *env) {
	if e.svc.Candidates == nil || e.svc.Applications == nil {
		t.Skip("the store has no candidate service yet")
	}
}

func TestAddCandidateAndUploads(t *testing.T) {
	t.Parallel()
	forEachEngine(t, func(t *testing.T, e *env) {
		requireCandidates(t, e)
		e.blindReviewOff() // this test reads names and résumé links
		j := e.createJob("Backend engineer", e.org.Engineering.ID, e.org.Recruiter.ID)
		c := e.login(e.org.Recruiter)
		path := fmt.Sprintf("/jobs/%d/candidates/new", j.ID)
		r := c.get(path)
		wantStatus(t, r, http.StatusOK)
		wantContains(t, r, `enctype="multipart/form-data"`, `<label for="resume">`)

		fields := map[string]string{"name": "Grace Hopper", "emails": "grace@example.test", "phones": "+44 20 1234", "links": "https://example.test/grace", "location": "London"}
		// Wrong types and oversized files are refused; the other fields stay.
		for _, tc := range []struct {
			name string
			data []byte
			msg  string
		}{
			{"photo.png", []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), "This file type is not accepted"},
			{"archive.docx", zipOnly(t), "This file type is not accepted"},
			{"binary.txt", []byte("hello\x00world"), "This file type is not accepted"},
			{"huge.txt", bytes.Repeat([]byte("a"), skillkeepr.MaxResumeSize+1), "larger than 10 MB"},
			{"empty.pdf", nil, "The file is empty"},
		} {
			r := c.upload(path, fields, tc.name, tc.data)
			if r.StatusCode != http.StatusBadRequest {
				t.Errorf("%s: status %d", tc.name, r.StatusCode)
			}
			wantContains(t, r, tc.msg, `value="Grace Hopper"`, `value="grace@example.test"`, "https://example.test/grace")
		}
		// Without a CSRF token nothing is stored.
		r = c.upload(path, map[string]string{"name": "Eve", "csrf_token": "bad"}, "cv.txt", []byte("cv"))
		wantStatus(t, r, http.StatusForbidden)

		// Field errors.
		r = c.upload(path, map[string]string{"name": "", "emails": "not-an-email"}, "", nil)
		wantStatus(t, r, http.StatusBadRequest)
		wantContains(t, r, "Enter the candidate&#39;s name", "is not a valid email address")

		for i, tc := range []struct {
			name, ct string
			data     []byte
		}{
			{"cv.pdf", "application/pdf", []byte("%PDF-1.4\n%âãÏÓ\n1 0 obj\n<<>>\nendobj\n%%EOF\n")},
			{"cv.docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", docx(t)},
			{"cv.txt", "text/plain; charset=utf-8", []byte("Grace Hopper — COBOL, compilers.\n")},
		} {
			f := map[string]string{"name": fmt.Sprintf("Person %d", i), "emails": fmt.Sprintf("p%d@example.test", i)}
			r := c.upload(path, f, tc.name, tc.data)
			wantStatus(t, r, http.StatusSeeOther)
			loc := r.Header.Get("Location")
			r = c.get(loc)
			wantStatus(t, r, http.StatusOK)
			wantContains(t, r, fmt.Sprintf("Person %d", i), "Download "+tc.name, "Backend engineer")
			m := regexp.MustCompile(`href="(/resumes/\d+)"`).FindStringSubmatch(r.body)
			if m == nil {
				t.Fatalf("%s: no résumé link", tc.name)
			}
			dl := c.get(m[1])
			wantStatus(t, dl, http.StatusOK)
			if dl.Header.Get("Content-Type") != tc.ct || !strings.HasPrefix(dl.Header.Get("Content-Disposition"), "attachment") ||
				dl.Header.Get("X-Content-Type-Options") != "nosniff" || dl.body != string(tc.data) {
				t.Errorf("%s: download headers %v, %d bytes", tc.name, dl.Header, len(dl.body))
			}
		}

		// The job page groups candidates by status; the candidates page lists them.
		r = c.get(fmt.Sprintf("/jobs/%d", j.ID))
		wantContains(t, r, "Candidates (3)", "New (3)", "Person 0")
		r = c.get("/candidates?q=Person%201")
		wantContains(t, r, "Person 1")
		if strings.Contains(r.body, "Person 2") {
			t.Error("candidate search did not narrow")
		}

		// Status change, then the timeline shows it.
		r = c.get("/candidates?q=Person%200")
		id := regexp.MustCompile(`href="/candidates/(\d+)"`).FindStringSubmatch(r.body)[1]
		r = c.get("/candidates/" + id)
		app := regexp.MustCompile(`action="/applications/(\d+)/status"`).FindStringSubmatch(r.body)
		if app == nil {
			t.Fatal("no status form for the assigned recruiter")
		}
		r = c.post("/applications/"+app[1]+"/status", url.Values{"status": {"shortlisted"}, "note": {"Strong CV"}})
		wantStatus(t, r, http.StatusSeeOther)
		r = c.get("/candidates/" + id)
		wantContains(t, r, "Shortlisted")

		// The collaborator of Engineering sees the candidate but may only recommend.
		lc := e.login(e.org.Collaborator)
		r = lc.get("/candidates/" + id)
		wantStatus(t, r, http.StatusOK)
		if strings.Contains(r.body, `value="shortlisted"`) {
			t.Error("collaborator offered to shortlist")
		}
		wantStatus(t, lc.get(path), http.StatusForbidden)
	})
}

// Where the candidate can work: recorded by a person who manages one of
// their applications, shown on their page, refused in plain words when
// too long; a Collaborator sees it but has no form.
func TestWorkLocationsOnTheCandidatePage(t *testing.T) {
	t.Parallel()
	forEachEngine(t, func(t *testing.T, e *env) {
		job := e.createJob("Site engineer", e.org.Engineering.ID, e.org.Recruiter.ID)
		c, _, err := e.svc.Candidates.CreateCandidate(e.ctx(e.org.Recruiter), skillkeepr.CandidateCreate{JobID: job.ID, Source: "manual",
			CandidateFields: skillkeepr.CandidateFields{Name: "Noor Haddad", Emails: []string{"noor@example.com"}}})
		if err != nil {
			t.Fatal(err)
		}
		page := "/candidates/" + strconv.FormatInt(c.ID, 10)
		rec := e.login(e.org.Recruiter)
		wantContains(t, rec.get(page), "Where the candidate can work", "Not asked yet.", `action="`+page+`/work-locations"`)
		wantStatus(t, rec.post(page+"/work-locations", url.Values{"work_locations": {"Remote, Lisbon, remote"}}), http.StatusSeeOther)
		wantContains(t, rec.get(page), "Recorded: the candidate can work in Remote, Lisbon.", `value="Remote, Lisbon"`)
		wantStatus(t, rec.post(page+"/work-locations", url.Values{"work_locations": {strings.Repeat("x", 101)}}), http.StatusSeeOther)
		wantContains(t, rec.get(page), "Use at most 100 characters per place.")
		if places, _ := e.svc.Shortlist.CandidateWorkLocations(e.ctx(e.org.Recruiter), c.ID); len(places) != 2 {
			t.Fatalf("a refused answer changed the recorded one: %q", places)
		}
		lead := e.login(e.org.Collaborator)
		r := lead.get(page)
		wantContains(t, r, "Remote, Lisbon")
		if strings.Contains(r.body, `action="`+page+`/work-locations"`) {
			t.Error("the Collaborator is offered the form")
		}
		wantStatus(t, lead.post(page+"/work-locations", url.Values{"work_locations": {"Paris"}}), http.StatusForbidden)
	})
}
