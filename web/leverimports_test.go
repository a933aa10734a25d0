package web_test

import (
	"context"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/skillkeepr/skillkeepr"
	"github.com/skillkeepr/skillkeepr/leversandbox"
	"github.com/skillkeepr/skillkeepr/leversync"
)

var (
	runIDRe    = regexp.MustCompile(`data-import-state="([a-z-]+)" data-run-id="(\d+)"`)
	appRowRe   = regexp.MustCompile(`<tr data-application-id="(\d+)"`)
	retryRowRe = regexp.MustCompile(`<input type="hidden" name="entry" value="(\d+)">`)
)

// work runs the import tasks enqueued since done, as the queue would.
func (e *leverEnv) workImports(t *testing.T, done *int) {
	t.Helper()
	tasks := e.enq.Tasks()
	ci := leversync.NewCandidates(e.conn, e.store)
	for _, task := range tasks[*done:] {
		if it, ok := task.(skillkeepr.LeverCandidateImportTask); ok {
			if err := ci.RunLeverImport(context.Background(), it.OrgID, it.RunID, false); err != nil {
				t.Fatal(err)
			}
		}
	}
	*done = len(tasks)
}

func TestImportCandidatesFlow(t *testing.T) {
	t.Parallel()
	forEachLeverEngine(t, func(t *testing.T, e *leverEnv) {
		admin := e.login(e.org.SuperAdmin)
		wantStatus(t, admin.post("/integrations/lever/api-key", url.Values{"api_key": {leversandbox.DefaultAPIKey}}), http.StatusSeeOther)
		hrCtx := e.ctx(e.org.RecruiterAdmin)
		p, job := e.importLeverJob(t)
		jobURL := "/jobs/" + strconv.FormatInt(job.ID, 10)
		done := 0

		// Who sees the button.
		collab := e.login(e.org.Collaborator)
		r := collab.get(jobURL)
		wantStatus(t, r, http.StatusOK)
		if strings.Contains(r.body, "Import Candidates") {
			t.Fatal("a Collaborator sees Import Candidates")
		}
		if r := collab.post(jobURL+"/lever-imports", nil); r.StatusCode != http.StatusForbidden {
			t.Fatalf("Collaborator import: %d", r.StatusCode)
		}
		rec := e.login(e.org.Recruiter)
		wantStatus(t, rec.post(jobURL+"/lever-imports", nil), http.StatusNotFound)

		hr := e.login(e.org.RecruiterAdmin)
		r = hr.get(jobURL)
		wantContains(t, r, ">Import Candidates</button>", `action="`+jobURL+`/lever-imports"`)
		if strings.Contains(r.body, "data-import-state") {
			t.Fatal("import status before any import")
		}
		wantStatus(t, hr.post(jobURL+"/lever-imports", nil), http.StatusSeeOther)
		r = hr.get(jobURL)
		wantContains(t, r, `data-import-state="running"`, "Importing candidates from Lever", "close this page", ">See More</a>")
		m := runIDRe.FindStringSubmatch(r.body)
		if m == nil {
			t.Fatal("no import status panel")
		}
		runURL := "/lever-imports/" + m[2]
		e.workImports(t, &done)

		r = hr.get(jobURL)
		wantContains(t, r, `data-import-state="completed-with-failures"`, "Completed with failures", `<progress max="100" value="100"`)
		rows := appRowRe.FindAllStringSubmatch(r.body, -1)
		if len(rows) == 0 {
			t.Fatal("no candidate rows with data-application-id")
		}
		for _, row := range rows {
			id, _ := strconv.ParseInt(row[1], 10, 64)
			if app, err := e.store.FindApplicationByID(hrCtx, id); err != nil || app.JobID != job.ID {
				t.Fatalf("row %s: %v", row[1], err)
			}
		}

		// See More: the detailed log with the reasons in plain words.
		r = hr.get(runURL)
		wantContains(t, r, "Detailed log", "Lever has no email address", "Imported without a résumé", ">Retry failed</button>")
		if dup := expectDuplicate(e.sb, p.ID); dup && !strings.Contains(r.body, `data-reason="duplicate_email"`) {
			t.Fatal("the duplicate is not logged as skipped")
		}
		entries := retryRowRe.FindAllStringSubmatch(r.body, -1)
		if len(entries) == 0 {
			t.Fatal("no Retry on failed rows")
		}
		if b := collab.get(runURL).body; strings.Contains(b, ">Retry") {
			t.Fatal("a Collaborator sees Retry")
		}
		wantStatus(t, collab.post(runURL+"/retry", nil), http.StatusForbidden)
		wantStatus(t, hr.post(runURL+"/retry", url.Values{"entry": {entries[0][1]}}), http.StatusSeeOther)
		wantContains(t, hr.get(runURL), `data-import-state="running"`)
		e.workImports(t, &done)
		wantContains(t, hr.get(runURL), `data-import-state="completed-with-failures"`)
		// Re-running finds nothing new and adds nobody.
		before := len(appRowRe.FindAllString(hr.get(jobURL).body, -1))
		wantStatus(t, hr.post(jobURL+"/lever-imports", nil), http.StatusSeeOther)
		e.workImports(t, &done)
		r = hr.get(jobURL)
		wantContains(t, r, `data-import-state="completed"`)
		if n := len(appRowRe.FindAllString(r.body, -1)); n != before {
			t.Fatalf("%d candidate rows after re-run, had %d", n, before)
		}
		// Another organisation's user gets "not found".
		if r := e.login(e.org.Recruiter).get(runURL); r.StatusCode != http.StatusNotFound {
			t.Fatalf("unassigned recruiter sees the log: %d", r.StatusCode)
		}
	})
}

// expectDuplicate reports whether two active candidates of the posting
// share an email.
func expectDuplicate(sb *leversandbox.Sandbox, posting string) bool {
	seen := map[string]bool{}
	for _, o := range sb.Opportunities(posting) {
		if o.Archived != nil || len(o.Emails) == 0 {
			continue
		}
		if seen[o.Emails[0]] {
			return true
		}
		seen[o.Emails[0]] = true
	}
	return false
}

// importLeverJob imports the sandbox's first posting as a job of
// Engineering, with the stage mapping Lever's pipeline suggests, as the
// Recruiter Admin (Lever must be connected).
func (e *leverEnv) importLeverJob(t *testing.T) (leversandbox.Posting, *skillkeepr.Job) {
	t.Helper()
	hrCtx := e.ctx(e.org.RecruiterAdmin)
	jobs := leversync.NewJobs(e.conn, e.store)
	p := e.sb.Postings()[0]
	d, err := jobs.LeverJobDraft(hrCtx, p.ID)
	if err != nil {
		t.Fatal(err)
	}
	d.Fields.DepartmentID = e.org.Engineering.ID
	job, err := jobs.ImportLeverJob(hrCtx, skillkeepr.LeverJobImport{PostingID: p.ID, Fields: d.Fields, StageMapping: d.StageMapping})
	if err != nil {
		t.Fatal(err)
	}
	return p, job
}
