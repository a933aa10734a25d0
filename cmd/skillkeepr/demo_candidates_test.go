package main

import (
	"html"
	"io"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"
)

var (
	demoInputRe    = regexp.MustCompile(`<input[^>]* name="([a-z_]+)"[^>]*>`)
	demoValueRe    = regexp.MustCompile(` value="([^"]*)"`)
	demoTextareaRe = regexp.MustCompile(`(?s)<textarea[^>]* name="([a-z_]+)"[^>]*>(.*?)</textarea>`)
	demoSelectRe   = regexp.MustCompile(`(?s)<select[^>]* name="([a-z_]+)"[^>]*>(.*?)</select>`)
	demoOptionRe   = regexp.MustCompile(`<option(?: value="([^"]*)")?( selected)?>([^<]*)</option>`)
)

// formOf reads a page's form as a browser would submit it; a select with
// nothing selected gets its first option with a value.
func formOf(page string) url.Values {
	f := url.Values{}
	for _, m := range demoInputRe.FindAllStringSubmatch(page, -1) {
		v := ""
		if vm := demoValueRe.FindStringSubmatch(m[0]); vm != nil {
			v = vm[1]
		}
		f.Set(m[1], html.UnescapeString(v))
	}
	for _, m := range demoTextareaRe.FindAllStringSubmatch(page, -1) {
		f.Set(m[1], html.UnescapeString(m[2]))
	}
	for _, m := range demoSelectRe.FindAllStringSubmatch(page, -1) {
		first, got := "", false
		for _, o := range demoOptionRe.FindAllStringSubmatch(m[2], -1) {
			v := o[1]
			if v == "" && !strings.Contains(o[0], "value=") {
				v = o[3]
			}
			if !got && (v != "" || strings.HasPrefix(m[1], "stage_")) {
				first, got = v, true
			}
			if o[2] != "" {
				first = v
				break
			}
		}
		f.Set(m[1], html.UnescapeString(first))
	}
	return f
}

// importCandidatesInDemo imports a Lever job, then clicks Import Candidates
// on its page and follows the import status until the demo's own workers
// (River on the demo database) and its rate-limited Lever sandbox have
// finished it, then opens See More.
func importCandidatesInDemo(t *testing.T, c *http.Client, base string) {
	t.Helper()
	post := func(u string, form url.Values) *http.Response {
		t.Helper()
		r, err := c.PostForm(u, form)
		if err != nil {
			t.Fatal(err)
		}
		io.Copy(io.Discard, r.Body)
		r.Body.Close()
		return r
	}
	list := fetch(t, c, base+"/jobs/lever")
	link := regexp.MustCompile(`href="(/jobs/lever/[0-9a-f-]{36}/import)"`).FindStringSubmatch(list)
	if link == nil {
		t.Fatalf("Lever Jobs:\n%.800s", list)
	}
	form := formOf(fetch(t, c, base+link[1]))
	r := post(base+link[1], form)
	job := r.Header.Get("Location")
	if r.StatusCode != http.StatusSeeOther || !strings.HasPrefix(job, "/jobs") {
		t.Fatalf("job import: %d → %q (form %v)", r.StatusCode, job, form)
	}
	jobs := fetch(t, c, base+"/jobs")
	id := regexp.MustCompile(`data-job-id="(\d+)"`).FindStringSubmatch(jobs)
	if id == nil {
		t.Fatal("no job on the Jobs list")
	}
	jobURL := base + "/jobs/" + id[1]
	page := fetch(t, c, jobURL)
	token := regexp.MustCompile(`name="csrf_token" value="([^"]+)"`).FindStringSubmatch(page)
	if !strings.Contains(page, ">Import Candidates</button>") || token == nil {
		t.Fatalf("job page:\n%.800s", page)
	}
	r = post(jobURL+"/lever-imports", url.Values{"csrf_token": {token[1]}})
	if r.StatusCode != http.StatusSeeOther {
		t.Fatalf("Import Candidates: %d", r.StatusCode)
	}
	state := regexp.MustCompile(`data-import-state="([a-z-]+)" data-run-id="(\d+)"`)
	deadline := time.Now().Add(60 * time.Second)
	var m []string
	for {
		page = fetch(t, c, jobURL)
		if m = state.FindStringSubmatch(page); m == nil {
			t.Fatalf("no import status:\n%.800s", page)
		}
		if m[1] != "running" || time.Now().After(deadline) {
			break
		}
		time.Sleep(250 * time.Millisecond)
	}
	if m[1] != "completed-with-failures" && m[1] != "completed" {
		t.Fatalf("import ended %q:\n%s", m[1], page)
	}
	if !strings.Contains(page, `data-application-id="`) {
		t.Fatal("no imported candidates on the job page")
	}
	log := fetch(t, c, base+"/lever-imports/"+m[2])
	if !strings.Contains(log, "Detailed log") || !strings.Contains(log, `data-outcome="imported"`) {
		t.Fatalf("See More:\n%.1200s", log)
	}
}
