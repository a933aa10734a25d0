package queue

import (
	"strings"
	"testing"

	"github.com/skillkeepr/skillkeepr"
	"github.com/skillkeepr/skillkeepr/shortlist"
	"github.com/skillkeepr/skillkeepr/sqlstore"
)

// The score_candidate and score_job workers, end to end on the store: a
// résumé upload is read and scored in the background, and a change of the
// job's criteria rescores it with the new version.
func TestScoringWorkers(t *testing.T) {
	for _, engine := range sqlstore.TestEngines() {
		t.Run(engine, func(t *testing.T) {
			t.Parallel()
			st := sqlstore.OpenTest(t, engine)
			st.SetCriteriaDeriver(shortlist.DeriveCriteria)
			mustMigrate(t, engine, st.DB())
			q := newQueue(t, engine, st.DB(), newRecordingMailer(), func(c *Config) {
				c.Scorer = shortlist.NewScorer(st, nil, nil)
			})
			st.SetEnqueuer(q)
			start(t, q)
			o := sqlstore.SeedTestOrg(t, st, "Acme")
			ctx := o.Ctx(o.SuperAdmin)
			job, err := st.CreateJob(ctx, skillkeepr.JobFields{Title: "Backend Engineer", DepartmentID: o.Engineering.ID, Location: "Remote",
				Description: "Build things.", RequiredSkills: []string{"Go", "SQL"}, Status: skillkeepr.JobOpen})
			if err != nil {
				t.Fatal(err)
			}
			up, err := skillkeepr.NewResumeUpload("cv.txt", []byte("Ada Lovelace\nada@example.org\n\nExperience\nEngineer, Initech, 2015 - 2024\nBuilt Go services.\n\nSkills\nGo, Kubernetes\n"))
			if err != nil {
				t.Fatal(err)
			}
			_, app, err := st.CreateCandidate(ctx, skillkeepr.CandidateCreate{CandidateFields: skillkeepr.CandidateFields{Name: "Ada Lovelace",
				Emails: []string{"ada@example.org"}}, JobID: job.ID, Resume: up})
			if err != nil {
				t.Fatal(err)
			}
			scoreOf := func() *skillkeepr.ApplicationScore {
				e, err := st.ApplicationEntry(ctx, app.ID)
				if err != nil {
					t.Fatal(err)
				}
				return e.Score
			}
			eventually(t, "the upload is read and scored", func() bool { return scoreOf() != nil })
			sc := scoreOf()
			if sc.State != skillkeepr.ScoreScored || sc.CriteriaVersion != 1 || sc.Score != 50 || sc.Criteria[0].Verdict != skillkeepr.VerdictMet {
				t.Fatalf("first score = %+v", sc)
			}
			text, _, err := st.CandidateResumeText(ctx, app.CandidateID)
			if err != nil || text == nil || text.Outcome != skillkeepr.ResumeTextOK || len(text.Lines) == 0 {
				t.Fatalf("résumé text = %+v, %v", text, err)
			}

			// The criteria change: Kubernetes instead of SQL.
			items := []skillkeepr.Criterion{{Kind: skillkeepr.CriterionSkill, Skill: "Go", Required: true, Weight: 50},
				{Kind: skillkeepr.CriterionSkill, Skill: "Kubernetes", Required: true, Weight: 50}}
			if _, err := st.UpdateJobCriteria(ctx, job.ID, 1, items); err != nil {
				t.Fatal(err)
			}
			eventually(t, "the job is rescored with version 2", func() bool { return scoreOf().CriteriaVersion == 2 })
			if sc := scoreOf(); sc.Score != 75 || sc.Criteria[1].Verdict != skillkeepr.VerdictPartly { // Kubernetes is listed, not shown in work
				t.Fatalf("rescored = %+v", sc)
			}

			// A location criterion reads only the candidate's own answer:
			// unknown until it is recorded, then met, and never the résumé.
			items = append(items, skillkeepr.Criterion{Kind: skillkeepr.CriterionLocation, Location: "Remote", Weight: 20})
			if _, err := st.UpdateJobCriteria(ctx, job.ID, 2, items); err != nil {
				t.Fatal(err)
			}
			eventually(t, "the job is rescored with version 3", func() bool { return scoreOf().CriteriaVersion == 3 })
			if v := scoreOf().Criteria[2].Verdict; v != skillkeepr.VerdictUnknown {
				t.Fatalf("location before the answer: %s", v)
			}
			before := scoreOf().ScoredAt
			if _, err := st.SetWorkLocations(ctx, app.CandidateID, []string{" remote ", "Lisbon"}); err != nil {
				t.Fatal(err)
			}
			eventually(t, "the answer rescores the candidate", func() bool { return scoreOf().ScoredAt.After(before) })
			if c := scoreOf().Criteria[2]; c.Verdict != skillkeepr.VerdictMet || !strings.Contains(c.Reason, "remote") {
				t.Fatalf("location after the answer: %+v", c)
			}
		})
	}
}
