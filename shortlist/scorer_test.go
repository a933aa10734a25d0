package shortlist

import (
	"bytes"
	"context"
	"errors"
	"io"
	"testing"
	"time"

	"github.com/skillkeepr/skillkeepr"
)

// fakeStore is a hand-written Store of one job's applications.
type fakeStore struct {
	items    []*skillkeepr.ScoringItem
	files    map[int64][]byte
	criteria *skillkeepr.JobCriteria
	texts    map[int64]*skillkeepr.ResumeText
	scores   map[int64]*skillkeepr.ApplicationScore
	saves    int
	failOpen bool
}

func (f *fakeStore) ScoringWork(ctx context.Context, orgID, jobID, candidateID int64) ([]*skillkeepr.ScoringItem, error) {
	return f.items, nil
}

func (f *fakeStore) ScoringCriteria(ctx context.Context, orgID, jobID int64) (*skillkeepr.JobCriteria, error) {
	return f.criteria, nil
}

func (f *fakeStore) ScoringResume(ctx context.Context, orgID, resumeID int64) (*skillkeepr.ResumeFile, io.ReadCloser, error) {
	if f.failOpen {
		return nil, nil, errors.New("disk gone")
	}
	return &skillkeepr.ResumeFile{ID: resumeID, FileName: "cv.txt"}, io.NopCloser(bytes.NewReader(f.files[resumeID])), nil
}

func (f *fakeStore) SaveResumeText(ctx context.Context, orgID int64, rt *skillkeepr.ResumeText) error {
	f.texts[rt.ResumeID] = rt
	return nil
}

func (f *fakeStore) SaveScores(ctx context.Context, orgID int64, scores []*skillkeepr.ApplicationScore) error {
	f.saves++
	for _, s := range scores {
		f.scores[s.ApplicationID] = s
	}
	return nil
}

func TestScorer(t *testing.T) {
	t.Parallel()
	resume := []byte("Ada Lovelace\nada@example.org\n\nExperience\nEngineer, Initech, 2015 - 2024\nBuilt Go services.\n\nSkills\nGo, SQL\n")
	newStore := func() *fakeStore {
		return &fakeStore{
			items: []*skillkeepr.ScoringItem{
				{ApplicationID: 1, JobID: 9, CandidateID: 1, ResumeID: 11, Person: skillkeepr.CandidateFields{Name: "Ada Lovelace"}},
				{ApplicationID: 2, JobID: 9, CandidateID: 2}, // no résumé
				{ApplicationID: 3, JobID: 9, CandidateID: 3, ResumeID: 13},
				{ApplicationID: 4, JobID: 9, CandidateID: 1, ResumeID: 11}, // the same résumé, read once
			},
			files:    map[int64][]byte{11: resume, 13: []byte("%PDF-1.4 nothing readable")},
			criteria: &skillkeepr.JobCriteria{JobID: 9, Version: 3, Items: DeriveCriteria(skillkeepr.Job{RequiredSkills: []string{"Go", "Rust"}})},
			texts:    map[int64]*skillkeepr.ResumeText{},
			scores:   map[int64]*skillkeepr.ApplicationScore{},
		}
	}
	st := newStore()
	now := time.Date(2026, 12, 4, 0, 0, 0, 0, time.UTC)
	sc := NewScorer(st, func() time.Time { return now }, nil)
	if err := sc.ScoreJob(t.Context(), 1, 9); err != nil {
		t.Fatal(err)
	}
	if len(st.texts) != 2 || st.texts[11].Outcome != skillkeepr.ResumeTextOK || st.texts[13].Outcome == skillkeepr.ResumeTextOK {
		t.Fatalf("texts = %+v", st.texts)
	}
	if st.texts[11].Masked[0].Text == "Ada Lovelace" {
		t.Error("the stored text is not masked")
	}
	want := map[int64]skillkeepr.ScoreState{1: skillkeepr.ScoreScored, 2: skillkeepr.ScoreNoResume, 3: skillkeepr.ScoreNoText, 4: skillkeepr.ScoreScored}
	for id, state := range want {
		s := st.scores[id]
		if s == nil || s.State != state || s.CriteriaVersion != 3 || s.JobID != 9 || !s.ScoredAt.Equal(now) {
			t.Errorf("application %d: %+v, want %s with version 3", id, s, state)
		}
	}
	go1 := st.scores[1].Criteria[0]
	if go1.Verdict != skillkeepr.VerdictMet || len(go1.Evidence) == 0 || go1.Evidence[0].Masked == "" {
		t.Errorf("Go verdict = %+v", go1)
	}
	if rust := st.scores[1].Criteria[1]; rust.Verdict != skillkeepr.VerdictNotMet {
		t.Errorf("Rust verdict = %+v", rust)
	}
	// A storage failure fails the job, so that it is retried.
	st = newStore()
	st.failOpen = true
	if err := NewScorer(st, nil, nil).ScoreJob(t.Context(), 1, 9); err == nil {
		t.Fatal("a résumé that cannot be opened did not fail the job")
	}
}
