package sqlstore

import (
	"testing"

	"github.com/skillkeepr/skillkeepr"
)

// testDeriver stands in for match.CriteriaFromJob: one required skill
// per required skill of the job.
func testDeriver(job skillkeepr.Job) []skillkeepr.Criterion {
	var out []skillkeepr.Criterion
	for _, s := range skillkeepr.CleanList(job.RequiredSkills) {
		out = append(out, skillkeepr.Criterion{Kind: skillkeepr.CriterionSkill, Label: s, Skill: s, Required: true, Weight: 10})
	}
	return out
}

func addApplicant(t *testing.T, s *Store, w *world, name string) *skillkeepr.Application {
	t.Helper()
	_, app, err := s.CreateCandidate(w.Ctx(w.SuperAdmin), skillkeepr.CandidateCreate{
		CandidateFields: skillkeepr.CandidateFields{Name: name, Emails: []string{name + "@example.test"}},
		JobID:           w.eng.ID, Resume: pdf(name + ".pdf")})
	if err != nil {
		t.Fatal(err)
	}
	return app
}

func TestJobCriteriaVersions(t *testing.T) {
	t.Parallel()
	ForEachEngine(t, func(t *testing.T, s *Store) {
		enq := &RecordingEnqueuer{}
		s.SetEnqueuer(enq)
		s.SetCriteriaDeriver(testDeriver)
		w := newWorld(t, s, "Acme")
		ctx := w.Ctx(w.Recruiter)

		// First use derives version 1 from the job description and asks
		// for the job to be scored.
		jc := must[*skillkeepr.JobCriteria](t)(s.JobCriteria(ctx, w.eng.ID))
		if jc.Version != 1 || jc.CreatedByID != 0 || len(jc.Items) != 2 || jc.Items[0].Skill != "Go" {
			t.Fatalf("derived criteria = %+v", jc)
		}
		if again := must[*skillkeepr.JobCriteria](t)(s.JobCriteria(ctx, w.eng.ID)); again.Version != 1 {
			t.Fatalf("second read made version %d", again.Version)
		}
		wantTask := func(want skillkeepr.Task) {
			t.Helper()
			for _, task := range enq.Tasks() {
				if task == want {
					return
				}
			}
			t.Errorf("no task %#v among %#v", want, enq.Tasks())
		}
		wantTask(skillkeepr.ScoreJobTask{OrgID: w.Org.ID, JobID: w.eng.ID})

		// A change is a new version, by whom, audited.
		items := []skillkeepr.Criterion{{Kind: skillkeepr.CriterionSkill, Skill: "Kubernetes", Required: true, Weight: 30},
			{Kind: skillkeepr.CriterionYears, MinYears: 3, Weight: 20}}
		v2 := must[*skillkeepr.JobCriteria](t)(s.UpdateJobCriteria(ctx, w.eng.ID, 1, items))
		if v2.Version != 2 || v2.CreatedByID != w.Recruiter.ID || v2.Items[0].Label != "Kubernetes" || v2.Items[1].Label == "" {
			t.Fatalf("version 2 = %+v", v2)
		}
		// Saving on top of a stale version is a conflict.
		if _, err := s.UpdateJobCriteria(ctx, w.eng.ID, 1, items); skillkeepr.ErrorCodeOf(err) != skillkeepr.ECONFLICT {
			t.Fatalf("stale update: %v", err)
		}
		hist := must[[]*skillkeepr.JobCriteria](t)(s.JobCriteriaHistory(ctx, w.eng.ID))
		if len(hist) != 2 || hist[0].Version != 2 || hist[1].Version != 1 || hist[0].CreatedByName != w.Recruiter.Name {
			t.Fatalf("history = %+v", hist)
		}
		entries, _ := mustAudit(t)(s.FindAuditEntries(w.Ctx(w.SuperAdmin), skillkeepr.AuditFilter{}))
		if !hasAudit(entries, "job.criteria_update") {
			t.Error("no audit entry for the criteria change")
		}

		// Field errors.
		_, err := s.UpdateJobCriteria(ctx, w.eng.ID, 2, []skillkeepr.Criterion{{Kind: skillkeepr.CriterionSkill, Weight: 10},
			{Kind: "height", Weight: 10}, {Kind: skillkeepr.CriterionYears, MinYears: 3, Weight: -1}})
		f := skillkeepr.ErrorFields(err)
		if skillkeepr.ErrorCodeOf(err) != skillkeepr.EINVALID || f["criteria.1.skill"] == "" || f["criteria.2.kind"] == "" || f["criteria.3.weight"] == "" {
			t.Fatalf("invalid criteria: %v %v", err, f)
		}

		// Permissions: the Collaborator reads but does not change; a
		// Recruiter not on the job does not see it.
		if _, err := s.JobCriteria(w.Ctx(w.Collaborator), w.eng.ID); err != nil {
			t.Errorf("collaborator reading criteria: %v", err)
		}
		if _, err := s.UpdateJobCriteria(w.Ctx(w.Collaborator), w.eng.ID, 2, items); skillkeepr.ErrorCodeOf(err) != skillkeepr.EFORBIDDEN {
			t.Errorf("collaborator changing criteria: %v", err)
		}
		if _, err := s.JobCriteria(ctx, w.design.ID); skillkeepr.ErrorCodeOf(err) != skillkeepr.ENOTFOUND {
			t.Errorf("recruiter reading another job's criteria: %v", err)
		}
	})
}

func mustAudit(t *testing.T) func(v []*skillkeepr.AuditEntry, n int, err error) ([]*skillkeepr.AuditEntry, int) {
	return func(v []*skillkeepr.AuditEntry, n int, err error) ([]*skillkeepr.AuditEntry, int) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
		return v, n
	}
}

func hasAudit(entries []*skillkeepr.AuditEntry, action string) bool {
	for _, e := range entries {
		if e.Action == action {
			return true
		}
	}
	return false
}

func TestScoresRecordCriteriaVersion(t *testing.T) {
	t.Parallel()
	ForEachEngine(t, func(t *testing.T, s *Store) {
		s.SetCriteriaDeriver(testDeriver)
		w := newWorld(t, s, "Acme")
		ctx := w.Ctx(w.Recruiter)
		a1, a2 := addApplicant(t, s, w, "ada"), addApplicant(t, s, w, "bob")

		// Work for the job: both applications with their résumés, no text yet.
		work := must[[]*skillkeepr.ScoringItem](t)(s.ScoringWork(ctx, w.Org.ID, w.eng.ID, 0))
		if len(work) != 2 || work[0].ResumeID == 0 || work[0].Text != nil || work[0].Person.Name != "ada" {
			t.Fatalf("scoring work = %+v", work)
		}
		// Store a text; the work now carries it.
		rt := &skillkeepr.ResumeText{ResumeID: work[0].ResumeID, Outcome: skillkeepr.ResumeTextOK, Format: "txt",
			Lines:  []skillkeepr.TextLine{{N: 1, Text: "Ada Lovelace"}, {N: 2, Text: "Go, SQL"}},
			Masked: []skillkeepr.TextLine{{N: 1, Text: "[hidden]"}, {N: 2, Text: "Go, SQL"}}, Facts: []byte(`{"skills":[]}`)}
		if err := s.SaveResumeText(ctx, w.Org.ID, rt); err != nil {
			t.Fatal(err)
		}
		work = must[[]*skillkeepr.ScoringItem](t)(s.ScoringWork(ctx, w.Org.ID, 0, a1.CandidateID))
		if len(work) != 1 || work[0].Text == nil || string(work[0].Text.Facts) != `{"skills":[]}` || work[0].Text.Masked[0].Text != "[hidden]" {
			t.Fatalf("work after text = %+v", work[0])
		}

		score := func(app *skillkeepr.Application, version, points int) *skillkeepr.ApplicationScore {
			return &skillkeepr.ApplicationScore{ApplicationID: app.ID, State: skillkeepr.ScoreScored, CriteriaVersion: version, Score: points,
				RequiredMet: 1, RequiredTotal: 2, Criteria: []skillkeepr.CriterionVerdict{{Criterion: skillkeepr.Criterion{Kind: "skill", Label: "Go"},
					Verdict: skillkeepr.VerdictMet, Evidence: []skillkeepr.EvidenceLine{{Line: 1, Text: "Ada Lovelace wrote Go", Masked: "[name] wrote Go"}}}}}
		}
		if err := s.SaveScores(ctx, w.Org.ID, []*skillkeepr.ApplicationScore{score(a1, 2, 80), score(a2, 2, 90)}); err != nil {
			t.Fatal(err)
		}
		// A late score from older criteria does not replace a newer one.
		if err := s.SaveScores(ctx, w.Org.ID, []*skillkeepr.ApplicationScore{score(a2, 1, 10)}); err != nil {
			t.Fatal(err)
		}
		// The Interview Shortlist screen reads the scores by application;
		// another organisation reads none of them.
		if m := must[map[int64]int](t)(s.MatchScores(ctx, []int64{a1.ID, a2.ID, a2.ID + 1000})); len(m) != 2 || m[a1.ID] != 80 || m[a2.ID] != 90 {
			t.Fatalf("match scores %v", m)
		}
		other := SeedTestOrg(t, s, "Globex")
		if m := must[map[int64]int](t)(s.MatchScores(other.Ctx(other.SuperAdmin), []int64{a1.ID, a2.ID})); len(m) != 0 {
			t.Fatalf("another organisation reads match scores %v", m)
		}
		sl := must[*skillkeepr.Shortlist](t)(s.JobShortlist(ctx, w.eng.ID))
		if !sl.BlindReview || len(sl.Entries) != 2 {
			t.Fatalf("shortlist = %+v", sl)
		}
		first, second := sl.Entries[0], sl.Entries[1]
		if first.ApplicationID != a2.ID || first.Score.Score != 90 || first.Score.CriteriaVersion != 2 || second.Score.Score != 80 {
			t.Fatalf("ranking: %+v %+v", first.Score, second.Score)
		}
		// Masked (new organisations review blind): no name, masked evidence.
		if !first.Masked || first.Name != "" || first.Email != "" || first.DisplayName() != "Candidate 2" ||
			first.Score.Criteria[0].Evidence[0].Text != "[name] wrote Go" || first.Score.Criteria[0].Evidence[0].Masked != "" {
			t.Fatalf("masked entry = %+v %+v", first, first.Score.Criteria[0].Evidence)
		}
		// The candidate page's text is masked as well.
		text, masked, err := s.CandidateResumeText(ctx, a1.CandidateID)
		if err != nil || !masked || text.Lines[0].Text != "[hidden]" || text.Facts != nil {
			t.Fatalf("candidate text = %+v, %v, %v", text, masked, err)
		}

		// Shortlisting reveals; not a fit reveals and is reversible.
		must[*skillkeepr.Application](t)(s.SetApplicationStatus(ctx, a2.ID, skillkeepr.StatusShortlisted, ""))
		e := must[*skillkeepr.ShortlistEntry](t)(s.ApplicationEntry(ctx, a2.ID))
		if e.Masked || e.Name != "bob" || e.Score.Criteria[0].Evidence[0].Text != "Ada Lovelace wrote Go" {
			t.Fatalf("after shortlisting: %+v", e)
		}
		if _, err := s.MarkNotFit(ctx, a1.ID, " "); skillkeepr.ErrorFields(err)["reason"] == "" {
			t.Fatalf("not a fit without a reason: %v", err)
		}
		e = must[*skillkeepr.ShortlistEntry](t)(s.MarkNotFit(ctx, a1.ID, "No Go"))
		if e.Masked || e.NotFit == nil || e.NotFit.Reason != "No Go" || e.NotFit.ByName != w.Recruiter.Name || e.Status != skillkeepr.StatusNew {
			t.Fatalf("not a fit: %+v", e)
		}
		e = must[*skillkeepr.ShortlistEntry](t)(s.ClearNotFit(ctx, a1.ID))
		if !e.Masked || e.NotFit != nil {
			t.Fatalf("not a fit taken back: %+v", e)
		}
		// Unmasking: not by the Collaborator; by the Recruiter, audited.
		if _, err := s.UnmaskApplication(w.Ctx(w.Collaborator), a1.ID); skillkeepr.ErrorCodeOf(err) != skillkeepr.EFORBIDDEN {
			t.Fatalf("collaborator unmasking: %v", err)
		}
		e = must[*skillkeepr.ShortlistEntry](t)(s.UnmaskApplication(ctx, a1.ID))
		if e.Masked || e.Name != "ada" {
			t.Fatalf("unmasked: %+v", e)
		}
		entries, _ := mustAudit(t)(s.FindAuditEntries(w.Ctx(w.SuperAdmin), skillkeepr.AuditFilter{}))
		for _, act := range []string{"application.unmask", "application.not_fit", "application.not_fit_clear"} {
			if !hasAudit(entries, act) {
				t.Errorf("no audit entry %s", act)
			}
		}

		// Blind review per job: off shows names, "organisation" follows it.
		a3 := addApplicant(t, s, w, "cy")
		off := false
		must[*skillkeepr.Job](t)(s.SetJobBlindReview(ctx, w.eng.ID, &off))
		if e := must[*skillkeepr.ShortlistEntry](t)(s.ApplicationEntry(ctx, a3.ID)); e.Masked || e.Name != "cy" {
			t.Fatalf("blind review off: %+v", e)
		}
		if nums := must[map[int64]int](t)(s.MaskedNumbers(ctx, w.eng.ID)); len(nums) != 0 {
			t.Fatalf("masked with blind review off: %v", nums)
		}
		must[*skillkeepr.Job](t)(s.SetJobBlindReview(ctx, w.eng.ID, nil))
		if e := must[*skillkeepr.ShortlistEntry](t)(s.ApplicationEntry(ctx, a3.ID)); !e.Masked || e.Number != 3 {
			t.Fatalf("blind review back to the organisation's: %+v", e)
		}
		// a1 was unmasked and a2 shortlisted: only a3 is masked.
		if nums := must[map[int64]int](t)(s.MaskedNumbers(ctx, w.eng.ID)); len(nums) != 1 || nums[a3.ID] != 3 {
			t.Fatalf("masked numbers = %v", nums)
		}
	})
}

func TestShortlistTenantIsolation(t *testing.T) {
	t.Parallel()
	ForEachEngine(t, func(t *testing.T, s *Store) {
		s.SetCriteriaDeriver(testDeriver)
		w := newWorld(t, s, "Acme")
		other := newWorld(t, s, "Globex")
		app := addApplicant(t, s, w, "ada")
		octx := other.Ctx(other.SuperAdmin)
		notFound := func(what string, err error) {
			t.Helper()
			if skillkeepr.ErrorCodeOf(err) != skillkeepr.ENOTFOUND {
				t.Errorf("%s of another organisation: %v, want not found", what, err)
			}
		}
		_, err := s.JobCriteria(octx, w.eng.ID)
		notFound("JobCriteria", err)
		_, err = s.JobCriteriaHistory(octx, w.eng.ID)
		notFound("JobCriteriaHistory", err)
		_, err = s.UpdateJobCriteria(octx, w.eng.ID, 0, nil)
		notFound("UpdateJobCriteria", err)
		_, err = s.JobShortlist(octx, w.eng.ID)
		notFound("JobShortlist", err)
		_, _, err = s.JobBlindReview(octx, w.eng.ID)
		notFound("JobBlindReview", err)
		_, err = s.SetJobBlindReview(octx, w.eng.ID, nil)
		notFound("SetJobBlindReview", err)
		_, err = s.MarkNotFit(octx, app.ID, "x")
		notFound("MarkNotFit", err)
		_, err = s.ClearNotFit(octx, app.ID)
		notFound("ClearNotFit", err)
		_, err = s.UnmaskApplication(octx, app.ID)
		notFound("UnmaskApplication", err)
		_, err = s.ApplicationEntry(octx, app.ID)
		notFound("ApplicationEntry", err)
		_, _, err = s.CandidateResumeText(octx, app.CandidateID)
		notFound("CandidateResumeText", err)
		_, err = s.CandidateMasked(octx, app.CandidateID)
		notFound("CandidateMasked", err)
		_, err = s.MaskedNumbers(octx, w.eng.ID)
		notFound("MaskedNumbers", err)
		_, err = s.ScoringCriteria(octx, other.Org.ID, w.eng.ID)
		notFound("ScoringCriteria", err)
		_, _, err = s.ScoringResume(octx, other.Org.ID, 1)
		notFound("ScoringResume", err)
		// System operations with another organisation's id see nothing
		// and write nothing.
		if work := must[[]*skillkeepr.ScoringItem](t)(s.ScoringWork(octx, other.Org.ID, w.eng.ID, 0)); len(work) != 0 {
			t.Errorf("scoring work across organisations: %+v", work)
		}
		if err := s.SaveScores(octx, other.Org.ID, []*skillkeepr.ApplicationScore{{ApplicationID: app.ID, State: skillkeepr.ScoreScored, Score: 99}}); err != nil {
			t.Fatal(err)
		}
		if e := must[*skillkeepr.ShortlistEntry](t)(s.ApplicationEntry(w.Ctx(w.SuperAdmin), app.ID)); e.Score != nil {
			t.Errorf("another organisation wrote a score: %+v", e.Score)
		}
	})
}
