package web_test

import (
	"html"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/skillkeepr/skillkeepr"
	"github.com/skillkeepr/skillkeepr/leversandbox"
)

var (
	importLinkRe = regexp.MustCompile(`href="(/jobs/lever/[0-9a-f-]{36}/import)"`)
	selectedRe   = regexp.MustCompile(`(?s)<select id="stage_recommended" name="stage_recommended">.*?<option value="([^"]*)" selected>([^<]*)</option>`)
	firstRowRe   = regexp.MustCompile(`<tr data-href="/jobs/(\d+)" data-job-id="(\d+)" data-job-number="(\d+)">`)
	inputRe      = regexp.MustCompile(`<(?:input|textarea)[^>]* name="(title|location|level|description|required_skills|nice_to_have_skills|min_years_experience)"([^>]*)>([^<]*)`)
	valueRe      = regexp.MustCompile(` value="([^"]*)"`)
)

// importForm reads the import form as a browser would submit it.
func importForm(t *testing.T, body string) url.Values {
	t.Helper()
	f := url.Values{}
	for _, m := range inputRe.FindAllStringSubmatch(body, -1) {
		v := ""
		if vm := valueRe.FindStringSubmatch(m[2]); vm != nil {
			v = vm[1]
		}
		if m[1] == "description" {
			v = m[3]
		}
		f.Set(m[1], html.UnescapeString(v))
	}
	sel := regexp.MustCompile(`(?s)<select id="([a-z_]+)" name="[a-z_]+"[^>]*>(.*?)</select>`)
	opt := regexp.MustCompile(`<option(?: value="([^"]*)")? selected>([^<]*)</option>`)
	for _, m := range sel.FindAllStringSubmatch(body, -1) {
		if o := opt.FindStringSubmatch(m[2]); o != nil {
			v := o[1]
			if v == "" && !strings.Contains(o[0], "value=") {
				v = o[2]
			}
			f.Set(m[1], html.UnescapeString(v))
		} else {
			f.Set(m[1], "")
		}
	}
	return f
}

func TestLeverJobsImportFlow(t *testing.T) {
	t.Parallel()
	forEachLeverEngine(t, func(t *testing.T, e *leverEnv) {
		admin := e.login(e.org.SuperAdmin)
		hr := e.login(e.org.RecruiterAdmin)
		rec := e.login(e.org.Recruiter)

		// Not connected: plain words, a link to Integrations for Super Admins.
		r := admin.get("/jobs")
		wantContains(t, r, `id="lever-not-connected"`, `<a href="/integrations">Integrations</a>`)
		if strings.Contains(r.body, `href="/jobs/lever"`) {
			t.Error("Lever Jobs button before connecting")
		}
		wantContains(t, hr.get("/jobs"), "Ask a Super Admin to connect Lever")
		if b := rec.get("/jobs").body; strings.Contains(b, "lever-not-connected") || strings.Contains(b, "/jobs/lever") {
			t.Error("a Recruiter sees Lever Jobs")
		}
		r = hr.get("/jobs/lever")
		wantStatus(t, r, http.StatusServiceUnavailable)
		wantContains(t, r, "Lever is not connected")

		wantStatus(t, admin.post("/integrations/lever/api-key", url.Values{"api_key": {leversandbox.DefaultAPIKey}}), http.StatusSeeOther)

		r = hr.get("/jobs")
		wantContains(t, r, `href="/jobs/lever"`, ">Lever Jobs<")
		for _, c := range []*client{rec, e.login(e.org.Collaborator)} {
			if strings.Contains(c.get("/jobs").body, `href="/jobs/lever"`) {
				t.Error("Lever Jobs button for a Recruiter or Collaborator")
			}
			wantStatus(t, c.get("/jobs/lever"), http.StatusForbidden)
		}

		r = hr.get("/jobs/lever")
		wantStatus(t, r, http.StatusOK)
		posts := e.sb.Postings()
		wantContains(t, r, html.EscapeString(posts[0].Text), html.EscapeString(posts[1].Text), "Confidential", "Published")
		links := importLinkRe.FindAllStringSubmatch(r.body, -1)
		if len(links) != 2 {
			t.Fatalf("%d Import buttons", len(links))
		}
		wantContains(t, hr.get("/jobs/lever?state=closed"), "No Lever jobs match")

		var p leversandbox.Posting
		for _, x := range posts {
			if x.Categories.Department == "Engineering" {
				p = x
			}
		}
		path := "/jobs/lever/" + p.ID + "/import"
		r = hr.get(path)
		wantStatus(t, r, http.StatusOK)
		wantContains(t, r, "Import from Lever", `value="`+html.EscapeString(p.Text)+`"`, "Stage mapping", "Don't move", `class="req"`,
			"Hiring manager in Lever", ">Import<", `action="`+path+`"`)
		if m := selectedRe.FindStringSubmatch(r.body); m == nil || m[2] != "Offer" {
			t.Errorf("recommended is not pre-set to Offer: %v", m)
		}
		form := importForm(t, r.body)
		if form.Get("department_id") == "" || form.Get("description") == "" || form.Get("stage_shortlisted") == "" {
			t.Fatalf("form %v", form)
		}
		form.Set("stage_interview_noshow", form.Get("stage_shortlisted"))

		r = hr.post(path, form)
		if r.StatusCode != http.StatusSeeOther {
			t.Logf("form %v", form)
			for _, l := range regexp.MustCompile(`field-error[^<]*<`).FindAllString(r.body, -1) {
				t.Log(l)
			}
		}
		wantStatus(t, r, http.StatusSeeOther)
		if loc := r.Header.Get("Location"); loc != "/jobs" {
			t.Fatalf("redirected to %q", loc)
		}
		r = hr.get("/jobs")
		wantContains(t, r, "#1001 "+html.EscapeString(p.Text)+" was imported from Lever")
		m := firstRowRe.FindStringSubmatch(r.body)
		if m == nil || m[1] != m[2] || m[3] != "1001" {
			t.Fatalf("first row %v", m)
		}
		l, err := e.store.LeverJobLinkByPosting(e.ctx(e.org.RecruiterAdmin), p.ID)
		if err != nil {
			t.Fatal(err)
		}
		if skillkeepr.StageFor(l.StageMapping, skillkeepr.StatusInterviewNoShow).StageID != form.Get("stage_shortlisted") ||
			skillkeepr.StageFor(l.StageMapping, skillkeepr.StatusRecommended).StageName != "Offer" {
			t.Fatalf("mapping %+v", l.StageMapping)
		}

		wantContains(t, hr.get("/jobs/lever"), `href="/jobs/`+m[1]+`" class="imported">Imported as #1001</a>`)
		r = hr.get(path)
		wantContains(t, r, "already imported as", `href="/jobs/`+m[1]+`"`)
		r = hr.post(path, form)
		wantStatus(t, r, http.StatusConflict)
		wantContains(t, r, "already imported as", `href="/jobs/`+m[1]+`"`)
		wantStatus(t, rec.post(path, form), http.StatusForbidden)

		// The job page shows the link; the mapping can be changed later.
		jobPath := "/jobs/" + m[1]
		r = hr.get(jobPath)
		wantContains(t, r, `id="lever-link"`, "Imported from the Lever job <strong>"+html.EscapeString(p.Text), "Offer", `href="`+jobPath+`/lever-stages"`)
		r = hr.get(jobPath + "/lever-stages")
		wantStatus(t, r, http.StatusOK)
		stages := importForm(t, r.body)
		stages.Set("stage_recommended", "")
		stages.Set("stage_review_completed", form.Get("stage_recommended"))
		wantStatus(t, hr.post(jobPath+"/lever-stages", stages), http.StatusSeeOther)
		l, err = e.store.LeverJobLinkByPosting(e.ctx(e.org.RecruiterAdmin), p.ID)
		if err != nil {
			t.Fatal(err)
		}
		if skillkeepr.StageFor(l.StageMapping, skillkeepr.StatusRecommended).StageID != "" ||
			skillkeepr.StageFor(l.StageMapping, skillkeepr.StatusReviewCompleted).StageName != "Offer" {
			t.Fatalf("mapping after the change %+v", l.StageMapping)
		}
		wantContains(t, hr.get(jobPath), "The stage mapping of job #1001")
		stages.Set("stage_shortlisted", "not-a-stage")
		r = hr.post(jobPath+"/lever-stages", stages)
		wantStatus(t, r, http.StatusBadRequest)
		wantContains(t, r, "Choose each stage from the list")
		if got := admin.get(jobPath).body; !strings.Contains(got, `href="`+jobPath+`/lever-stages"`) {
			t.Error("no Change stage mapping for the Super Admin")
		}
		e.createJob("Plain", e.org.Engineering.ID, e.org.Recruiter.ID)
		wantStatus(t, rec.get(jobPath+"/lever-stages"), http.StatusForbidden)
	})
}

func TestLeverImportAfterRevocation(t *testing.T) {
	t.Parallel()
	forEachLeverEngine(t, func(t *testing.T, e *leverEnv) {
		c := e.login(e.org.SuperAdmin)
		e.follow(c, e.connectAtLever(c, true))
		r := c.get("/jobs/lever")
		wantStatus(t, r, http.StatusOK)
		path := importLinkRe.FindStringSubmatch(r.body)[1]
		r = c.get(path)
		wantStatus(t, r, http.StatusOK)
		form := importForm(t, r.body)
		e.sb.Revoke(leversandbox.DefaultClientID)
		e.sb.ExpireAllTokens()
		r = c.post(path, form)
		wantStatus(t, r, http.StatusServiceUnavailable)
		wantContains(t, r, "access was revoked in Lever", "Nothing was changed")
		if strings.Contains(r.body, "Database") {
			t.Error("the Lever failure reads as a database failure")
		}
		if _, total, err := e.store.FindJobs(e.ctx(e.org.SuperAdmin), skillkeepr.JobFilter{}); err != nil || total != 0 {
			t.Fatalf("%d jobs after a refused import (%v)", total, err)
		}
		// The Jobs page now explains how to connect again.
		wantContains(t, c.get("/jobs"), `id="lever-not-connected"`)
	})
}
