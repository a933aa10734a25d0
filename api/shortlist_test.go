package api_test

import (
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/skillkeepr/skillkeepr"
	"github.com/skillkeepr/skillkeepr/shortlist"
)

func TestShortlistAPI(t *testing.T) {
	t.Parallel()
	forEachEngine(t, func(t *testing.T, e *env) {
		a := e.a
		job := e.mustJob(a.SuperAdmin, "Go Engineer", a.Engineering.ID)
		add := func(name, email string) *skillkeepr.Application {
			_, app, err := e.svc.Candidates.CreateCandidate(ctxAs(a.SuperAdmin), skillkeepr.CandidateCreate{
				CandidateFields: skillkeepr.CandidateFields{Name: name, Emails: []string{email}}, JobID: job.ID,
				Resume: &skillkeepr.ResumeUpload{FileName: "cv.txt", Data: []byte(name + "\n" + email + "\n\nExperience\nEngineer, Initech, 2016 - 2024\nBuilt Go services.\n\nSkills\nGo, SQL\n")}})
			if err != nil {
				t.Fatal(err)
			}
			return app
		}
		app1, app2 := add("Zed Quenby", "zed@example.com"), add("Bo Fairweather", "bo@example.com")
		base := fmt.Sprintf("/api/v1/jobs/%d", job.ID)

		// Criteria: version 1 on first use, then a new version.
		jc := decode[skillkeepr.JobCriteria](t, e.do(a.Recruiter, "GET", base+"/criteria", nil), http.StatusNotFound)
		_ = jc
		jc = decode[skillkeepr.JobCriteria](t, e.do(a.SuperAdmin, "GET", base+"/criteria", nil), http.StatusOK)
		if jc.Version != 1 {
			t.Fatalf("criteria = %+v", jc)
		}
		bad := e.do(a.SuperAdmin, "PUT", base+"/criteria", map[string]any{"base_version": 1,
			"items": []any{map[string]any{"kind": "skill", "weight": 10}}})
		if _, _, f := bad.errBody(t); bad.Code != http.StatusBadRequest || f["criteria.1.skill"] == "" {
			t.Fatalf("invalid criteria: %s", bad)
		}
		jc = decode[skillkeepr.JobCriteria](t, e.do(a.SuperAdmin, "PUT", base+"/criteria", map[string]any{"base_version": 1,
			"items": []any{map[string]any{"kind": "skill", "skill": "Go", "required": true, "weight": 50}}}), http.StatusOK)
		if jc.Version != 2 || jc.CreatedByID != a.SuperAdmin.ID {
			t.Fatalf("version 2 = %+v", jc)
		}
		if r := e.do(a.SuperAdmin, "PUT", base+"/criteria", map[string]any{"base_version": 1, "items": []any{}}); r.Code != http.StatusConflict {
			t.Fatalf("stale criteria update: %s", r)
		}
		if r := e.do(a.Collaborator, "PUT", base+"/criteria", map[string]any{"base_version": 2, "items": []any{}}); r.Code != http.StatusForbidden {
			t.Fatalf("collaborator criteria update: %s", r)
		}
		vs := decode[listOf[skillkeepr.JobCriteria]](t, e.do(a.Collaborator, "GET", base+"/criteria/versions", nil), http.StatusOK)
		if vs.Total != 2 || vs.Data[0].Version != 2 {
			t.Fatalf("versions = %+v", vs)
		}

		// Scores: "scoring…" (null) until the background work ran, then
		// ranked, masked, with the criteria version.
		sl := decode[skillkeepr.Shortlist](t, e.do(a.SuperAdmin, "GET", base+"/scores", nil), http.StatusOK)
		if len(sl.Entries) != 2 || sl.Entries[0].Score != nil || !sl.BlindReview {
			t.Fatalf("before scoring: %+v", sl)
		}
		if err := shortlist.NewScorer(e.st, nil, nil).ScoreJob(ctxAs(a.SuperAdmin), a.Org.ID, job.ID); err != nil {
			t.Fatal(err)
		}
		r := e.do(a.Collaborator, "GET", base+"/scores", nil)
		sl = decode[skillkeepr.Shortlist](t, r, http.StatusOK)
		if len(sl.Entries) != 2 || sl.Entries[0].Score == nil || sl.Entries[0].Score.CriteriaVersion != 2 || sl.Entries[0].Score.Score != 100 {
			t.Fatalf("scores = %+v %+v", sl.Entries[0], sl.Entries[0].Score)
		}
		for _, leak := range []string{"Zed", "Quenby", "Bo ", "Fairweather", "example.com"} {
			if strings.Contains(string(r.Body), leak) {
				t.Errorf("masked scores show %q: %s", leak, r.Body)
			}
		}

		// The candidate endpoints hide who a masked candidate is, and the
		// résumé file stays hidden.
		cand := decode[skillkeepr.Candidate](t, e.do(a.SuperAdmin, "GET", fmt.Sprintf("/api/v1/candidates/%d", app1.CandidateID), nil), http.StatusOK)
		if !cand.Masked || cand.Name != "Candidate 1" || len(cand.Emails) != 0 || len(cand.Resumes) != 1 || cand.Resumes[0].FileName != "" {
			t.Fatalf("masked candidate = %+v", cand)
		}
		rows := e.do(a.SuperAdmin, "GET", fmt.Sprintf("/api/v1/candidates?job_id=%d", job.ID), nil)
		for _, leak := range []string{"Zed", "Quenby", "Fairweather", "example.com"} {
			if strings.Contains(string(rows.Body), leak) {
				t.Errorf("masked candidate list shows %q: %s", leak, rows.Body)
			}
		}
		if r := e.do(a.SuperAdmin, "GET", fmt.Sprintf("/api/v1/resumes/%d", cand.Resumes[0].ID), nil); r.Code != http.StatusForbidden {
			t.Fatalf("masked résumé download: %s", r)
		}

		// Not a fit needs a reason; the Collaborator may not.
		if r := e.do(a.SuperAdmin, "POST", fmt.Sprintf("/api/v1/applications/%d/not-fit", app2.ID), map[string]any{"reason": ""}); r.Code != http.StatusBadRequest {
			t.Fatalf("not a fit without reason: %s", r)
		}
		if r := e.do(a.Collaborator, "POST", fmt.Sprintf("/api/v1/applications/%d/not-fit", app2.ID), map[string]any{"reason": "x"}); r.Code != http.StatusForbidden {
			t.Fatalf("collaborator not a fit: %s", r)
		}
		ent := decode[skillkeepr.ShortlistEntry](t, e.do(a.SuperAdmin, "POST", fmt.Sprintf("/api/v1/applications/%d/not-fit", app2.ID),
			map[string]any{"reason": "No Go"}), http.StatusOK)
		if ent.NotFit == nil || ent.Masked || ent.Name != "Bo Fairweather" {
			t.Fatalf("not a fit: %+v", ent)
		}
		ent = decode[skillkeepr.ShortlistEntry](t, e.do(a.SuperAdmin, "DELETE", fmt.Sprintf("/api/v1/applications/%d/not-fit", app2.ID), nil), http.StatusOK)
		if ent.NotFit != nil || !ent.Masked {
			t.Fatalf("not a fit taken back: %+v", ent)
		}

		// Unmask: confirmed, not by the Collaborator.
		unmask := fmt.Sprintf("/api/v1/applications/%d/unmask", app2.ID)
		if r := e.do(a.SuperAdmin, "POST", unmask, map[string]any{"confirm": false}); r.Code != http.StatusBadRequest {
			t.Fatalf("unmask without confirm: %s", r)
		}
		if r := e.do(a.Collaborator, "POST", unmask, map[string]any{"confirm": true}); r.Code != http.StatusForbidden {
			t.Fatalf("collaborator unmask: %s", r)
		}
		ent = decode[skillkeepr.ShortlistEntry](t, e.do(a.SuperAdmin, "POST", unmask, map[string]any{"confirm": true}), http.StatusOK)
		if ent.Masked || ent.Name != "Bo Fairweather" {
			t.Fatalf("unmasked: %+v", ent)
		}

		// Shortlist through the API.
		apps := decode[listOf[skillkeepr.Application]](t, e.do(a.SuperAdmin, "POST", base+"/shortlist",
			map[string]any{"application_ids": []int64{app1.ID}}), http.StatusOK)
		if apps.Total != 1 || apps.Data[0].Status != skillkeepr.StatusShortlisted {
			t.Fatalf("shortlisted = %+v", apps)
		}
		if r := e.do(a.SuperAdmin, "POST", base+"/shortlist", map[string]any{"application_ids": []int64{}}); r.Code != http.StatusBadRequest {
			t.Fatalf("empty shortlist: %s", r)
		}

		// Blind review per job; résumé text.
		br := decode[map[string]any](t, e.do(a.SuperAdmin, "PUT", base+"/blind-review", map[string]any{"blind_review": "off"}), http.StatusOK)
		if br["blind_review"] != "off" {
			t.Fatalf("blind review = %v", br)
		}
		if r := e.do(a.SuperAdmin, "PUT", base+"/blind-review", map[string]any{"blind_review": "maybe"}); r.Code != http.StatusBadRequest {
			t.Fatalf("bad blind review: %s", r)
		}
		txt := decode[map[string]any](t, e.do(a.SuperAdmin, "GET", fmt.Sprintf("/api/v1/candidates/%d/resume-text", app1.CandidateID), nil), http.StatusOK)
		if txt["masked"] != false || txt["text"] == nil {
			t.Fatalf("résumé text = %v", txt)
		}
	})
}

// blindReviewOff turns o's blind review (on for new organisations) off,
// for tests about other things that read names and files.
func (e *env) blindReviewOff(o *org) {
	e.t.Helper()
	off := false
	if _, err := e.svc.Organizations.UpdateOrganization(ctxAs(o.SuperAdmin), skillkeepr.OrganizationUpdate{BlindReview: &off}); err != nil {
		e.t.Fatal(err)
	}
}
