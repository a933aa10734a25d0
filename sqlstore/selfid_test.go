package sqlstore

import (
	"strings"
	"testing"

	"github.com/skillkeepr/skillkeepr"
	"github.com/skillkeepr/skillkeepr/fairness"
)

func TestSelfIdentificationAndFairnessRows(t *testing.T) {
	t.Parallel()
	ForEachEngine(t, func(t *testing.T, s *Store) {
		a := newWorld(t, s, "Acme")
		b := newWorld(t, s, "Beta")
		rec, admin := a.Ctx(a.Recruiter), a.Ctx(a.SuperAdmin)
		var apps []*skillkeepr.Application
		var cands []*skillkeepr.Candidate
		for i, name := range []string{"Ann", "Bea", "Cy", "Dee", "Eve", "Fay"} {
			c, app, err := s.CreateCandidate(rec, skillkeepr.CandidateCreate{
				CandidateFields: skillkeepr.CandidateFields{Name: name, Emails: []string{strings.ToLower(name) + "@example.com"}}, JobID: a.eng.ID})
			ok(t, err)
			cands, apps = append(cands, c), append(apps, app)
			if i < 3 {
				_, err = s.SetApplicationStatus(rec, app.ID, skillkeepr.StatusShortlisted, "")
				ok(t, err)
			}
		}

		// Validation and permissions: Recruiter of the job yes; a
		// Collaborator (sees the job) no; another organisation: not found.
		_, err := s.SetSelfIdentification(rec, cands[0].ID, skillkeepr.SelfIdentification{Gender: "robot"})
		wantField(t, err, "gender")
		_, err = s.SetSelfIdentification(a.Ctx(a.Collaborator), cands[0].ID, skillkeepr.SelfIdentification{Gender: "woman"})
		wantCode(t, err, skillkeepr.EFORBIDDEN)
		_, err = s.SetSelfIdentification(b.Ctx(b.SuperAdmin), cands[0].ID, skillkeepr.SelfIdentification{Gender: "woman"})
		wantCode(t, err, skillkeepr.ENOTFOUND)
		_, err = s.SelfIdentificationRecord(b.Ctx(b.SuperAdmin), cands[0].ID)
		wantCode(t, err, skillkeepr.ENOTFOUND)

		rec0 := must[skillkeepr.SelfIDRecord](t)(s.SelfIdentificationRecord(rec, cands[0].ID))
		if rec0.Recorded {
			t.Fatal("recorded before any answer")
		}
		genders := []string{"woman", "woman", "man", "man", skillkeepr.PreferNotToSay, ""}
		for i, g := range genders {
			r, err := s.SetSelfIdentification(rec, cands[i].ID, skillkeepr.SelfIdentification{Gender: g, Ethnicity: "asian"})
			ok(t, err)
			if !r.Recorded || r.UpdatedAt == nil {
				t.Fatalf("record %+v", r)
			}
		}
		// Same answers again: no second audit entry.
		_, err = s.SetSelfIdentification(rec, cands[0].ID, skillkeepr.SelfIdentification{Gender: "woman", Ethnicity: "asian"})
		ok(t, err)

		// Audited, without the answers.
		entries, _, err := s.FindAuditEntries(admin, skillkeepr.AuditFilter{EntityType: "candidate", Limit: 100})
		ok(t, err)
		n := 0
		for _, e := range entries {
			if e.Action != "candidate.self_identification" {
				continue
			}
			n++
			for _, secret := range []string{"woman", "man", "asian", "prefer"} {
				if strings.Contains(e.Before+e.After+e.Summary, secret) {
					t.Errorf("audit entry reveals %q: %+v", secret, e)
				}
			}
		}
		if n != len(genders) {
			t.Errorf("%d self-identification audit entries, want %d", n, len(genders))
		}

		// Clearing every answer removes the row.
		r, err := s.SetSelfIdentification(rec, cands[5].ID, skillkeepr.SelfIdentification{})
		ok(t, err)
		if r.Recorded {
			t.Error("cleared answers still recorded")
		}

		// Rows: one per application, none naming anyone.
		job, rows, err := s.FairnessRows(rec, a.eng.ID)
		ok(t, err)
		if job.ID != a.eng.ID || len(rows) != 6 {
			t.Fatalf("job %d, %d rows", job.ID, len(rows))
		}
		rep := fairness.Compute(rows)
		if rep.Considered != 6 || rep.Shortlisted != 3 {
			t.Errorf("report %d considered, %d shortlisted", rep.Considered, rep.Shortlisted)
		}
		if g := rep.Dimensions[1].Groups; len(g) != 1 || g[0].Value != "asian" || g[0].Considered != 5 || g[0].Shortlisted != 3 {
			t.Errorf("ethnicity groups %+v", g)
		}

		// Who may read it: anyone who sees the job's candidates; the
		// Collaborator of Engineering sees the Engineering job.
		_, _, err = s.FairnessRows(a.Ctx(a.Collaborator), a.eng.ID)
		ok(t, err)
		_, _, err = s.FairnessRows(rec, a.design.ID)
		wantCode(t, err, skillkeepr.ENOTFOUND)
		_, _, err = s.FairnessRows(a.Ctx(a.Collaborator), a.design.ID)
		wantCode(t, err, skillkeepr.ENOTFOUND)
		_, _, err = s.FairnessRows(b.Ctx(b.SuperAdmin), a.eng.ID)
		wantCode(t, err, skillkeepr.ENOTFOUND)
		_, rows, err = s.FairnessRows(b.Ctx(b.SuperAdmin), b.eng.ID)
		ok(t, err)
		if len(rows) != 0 {
			t.Errorf("Beta's job has %d rows", len(rows))
		}
		_ = apps
	})
}

// When Lever deletes a candidate's only application, their answers and the
// language-model suggestions (which quote the résumé) are erased with the
// rest of their personal data.
func TestLeverDeletionErasesSelfIDAndSuggestions(t *testing.T) {
	t.Parallel()
	ForEachEngine(t, func(t *testing.T, s *Store) {
		s.SetEnqueuer(&RecordingEnqueuer{})
		a := newWorld(t, s, "Acme")
		rec := a.Ctx(a.Recruiter)
		c, app, err := s.CreateCandidate(rec, skillkeepr.CandidateCreate{
			CandidateFields: skillkeepr.CandidateFields{Name: "Ann", Emails: []string{"ann@example.com"}}, JobID: a.eng.ID})
		ok(t, err)
		_, err = s.SetSelfIdentification(rec, c.ID, skillkeepr.SelfIdentification{Gender: "woman"})
		ok(t, err)
		as := s.Assist("m")
		g := must[*skillkeepr.AssistSuggestion](t)(as.RequestAssist(rec, app.ID))
		ok(t, as.FinishAssist(t.Context(), a.Org.ID, g.ID, "m", &skillkeepr.AssistPayload{Summary: []skillkeepr.AssistSentence{{Text: "Ann wrote Go."}}}, ""))
		if _, err := s.db.ExecContext(t.Context(), rebind(s.engine, `INSERT INTO lever_applications (application_id, org_id, job_id, opportunity_id, imported_at) VALUES (?, ?, ?, ?, 0)`),
			app.ID, a.Org.ID, a.eng.ID, "opp-1"); err != nil {
			t.Fatal(err)
		}
		_, err = s.ApplyLeverOpportunityState(t.Context(), a.Org.ID, skillkeepr.LeverOpportunityState{OpportunityID: "opp-1", Deleted: true}, 0)
		ok(t, err)
		for _, q := range []string{
			`SELECT count(*) FROM candidate_self_identification WHERE candidate_id = ?`,
			`SELECT count(*) FROM assist_suggestions WHERE application_id = ?`,
		} {
			id := c.ID
			if strings.Contains(q, "assist") {
				id = app.ID
			}
			var n int
			if err := s.db.QueryRowContext(t.Context(), rebind(s.engine, q), id).Scan(&n); err != nil {
				t.Fatal(err)
			}
			if n != 0 {
				t.Errorf("%s: %d rows left after the erase", q, n)
			}
		}
	})
}

func TestSelfIDOptions(t *testing.T) {
	t.Parallel()
	ForEachEngine(t, func(t *testing.T, s *Store) {
		a := newWorld(t, s, "Acme")
		b := newWorld(t, s, "Beta")
		admin, rec := a.Ctx(a.SuperAdmin), a.Ctx(a.Recruiter)
		qs := must[[]skillkeepr.SelfIDQuestion](t)(s.SelfIDQuestions(rec))
		if len(qs) != 2 || qs[0].Custom || len(qs[0].Options) != len(skillkeepr.GenderOptions) {
			t.Fatalf("default questions %+v", qs)
		}
		opts := []skillkeepr.SelfIDOption{{Label: "Female"}, {Label: "Male"}, {Label: "Non-binary"}}
		_, err := s.SetSelfIDOptions(a.Ctx(a.RecruiterAdmin), skillkeepr.QuestionGender, opts)
		wantCode(t, err, skillkeepr.EFORBIDDEN)
		_, err = s.SetSelfIDOptions(admin, "religion", opts)
		wantCode(t, err, skillkeepr.ENOTFOUND)
		_, err = s.SetSelfIDOptions(admin, skillkeepr.QuestionGender, opts[:1])
		wantField(t, err, "options")

		qs = must[[]skillkeepr.SelfIDQuestion](t)(s.SetSelfIDOptions(admin, skillkeepr.QuestionGender, opts))
		if !qs[0].Custom || len(qs[0].Options) != 4 || qs[0].Options[0].Value != "female" || qs[0].Options[3].Value != skillkeepr.PreferNotToSay || qs[1].Custom {
			t.Fatalf("custom questions %+v", qs)
		}
		// Another organisation keeps the shipped options.
		if other := must[[]skillkeepr.SelfIDQuestion](t)(s.SelfIDQuestions(b.Ctx(b.Recruiter))); other[0].Custom {
			t.Error("Beta sees Acme's options")
		}
		// Answers are checked against the organisation's options.
		c, _, err := s.CreateCandidate(rec, skillkeepr.CandidateCreate{
			CandidateFields: skillkeepr.CandidateFields{Name: "Ann", Emails: []string{"ann@example.com"}}, JobID: a.eng.ID})
		ok(t, err)
		_, err = s.SetSelfIdentification(rec, c.ID, skillkeepr.SelfIdentification{Gender: "woman"})
		wantField(t, err, "gender")
		_, err = s.SetSelfIdentification(rec, c.ID, skillkeepr.SelfIdentification{Gender: "female"})
		ok(t, err)
		entries, _, err := s.FindAuditEntries(admin, skillkeepr.AuditFilter{EntityType: "organization", Limit: 20})
		ok(t, err)
		if len(entries) == 0 || entries[0].Action != "organization.self_id_options" || !strings.Contains(entries[0].After, "Female") {
			t.Errorf("audit %+v", entries)
		}
		// Back to the shipped options.
		qs = must[[]skillkeepr.SelfIDQuestion](t)(s.SetSelfIDOptions(admin, skillkeepr.QuestionGender, nil))
		if qs[0].Custom || qs[0].Options[0].Value != "woman" {
			t.Errorf("after reset %+v", qs[0])
		}
	})
}
