// Package shortlist keeps résumé text and match scores up to date in the
// background: it reads the text of résumés that have none yet, and scores
// applications against their job's current criteria with package match,
// storing each score with its evidence and the criteria version it used.
// The queue's score_candidate and score_job workers call it.
package shortlist

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"time"

	"github.com/skillkeepr/skillkeepr"
	"github.com/skillkeepr/skillkeepr/match"
)

// Store is what scoring needs from the database (sqlstore implements it).
// These are system operations of one organisation: the change that caused
// the work was authorised when it was made.
type Store interface {
	ScoringWork(ctx context.Context, orgID, jobID, candidateID int64) ([]*skillkeepr.ScoringItem, error)
	ScoringCriteria(ctx context.Context, orgID, jobID int64) (*skillkeepr.JobCriteria, error)
	ScoringResume(ctx context.Context, orgID, resumeID int64) (*skillkeepr.ResumeFile, io.ReadCloser, error)
	SaveResumeText(ctx context.Context, orgID int64, rt *skillkeepr.ResumeText) error
	SaveScores(ctx context.Context, orgID int64, scores []*skillkeepr.ApplicationScore) error
}

// saveBatch is how many scores are written per transaction, so that a
// large job does not hold SQLite's one write connection for long.
const saveBatch = 200

// Scorer reads résumés and scores applications. It implements
// queue.Scorer.
type Scorer struct {
	store  Store
	now    func() time.Time
	log    *slog.Logger
	Limits match.Limits // résumé text extraction
}

// NewScorer returns a Scorer on store; now and log may be nil.
func NewScorer(store Store, now func() time.Time, log *slog.Logger) *Scorer {
	if now == nil {
		now = time.Now
	}
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	return &Scorer{store: store, now: now, log: log}
}

// DeriveCriteria derives a job's first criteria from its description
// (sqlstore.Store.SetCriteriaDeriver takes it).
func DeriveCriteria(job skillkeepr.Job) []skillkeepr.Criterion {
	return match.StoredCriteria(match.CriteriaFromJob(job))
}

// ScoreCandidate reads the candidate's newest résumé if it has no text yet
// and scores all of the candidate's applications.
func (s *Scorer) ScoreCandidate(ctx context.Context, orgID, candidateID int64) error {
	items, err := s.store.ScoringWork(ctx, orgID, 0, candidateID)
	if err != nil {
		return err
	}
	return s.score(ctx, orgID, items)
}

// ScoreJob scores every application of the job against its current
// criteria, reading résumés that have no text yet.
func (s *Scorer) ScoreJob(ctx context.Context, orgID, jobID int64) error {
	items, err := s.store.ScoringWork(ctx, orgID, jobID, 0)
	if err != nil {
		return err
	}
	return s.score(ctx, orgID, items)
}

func (s *Scorer) score(ctx context.Context, orgID int64, items []*skillkeepr.ScoringItem) error {
	read := map[int64]*skillkeepr.ResumeText{}
	criteria := map[int64]match.Criteria{}
	asOf := match.MonthOf(s.now().UTC())
	var batch []*skillkeepr.ApplicationScore
	flush := func() error {
		err := s.store.SaveScores(ctx, orgID, batch)
		batch = batch[:0]
		return err
	}
	for _, it := range items {
		if it.ResumeID != 0 && it.Text == nil {
			rt, ok := read[it.ResumeID]
			if !ok {
				var err error
				if rt, err = s.readResume(ctx, orgID, it); err != nil {
					return err
				}
				read[it.ResumeID] = rt
			}
			it.Text = rt
		}
		c, ok := criteria[it.JobID]
		if !ok {
			jc, err := s.store.ScoringCriteria(ctx, orgID, it.JobID)
			if err != nil {
				return err
			}
			c = match.CriteriaOf(jc, "", asOf)
			criteria[it.JobID] = c
		}
		sc, err := scoreItem(c, it)
		if err != nil {
			return err
		}
		sc.ScoredAt = s.now()
		batch = append(batch, sc)
		if len(batch) >= saveBatch {
			if err := flush(); err != nil {
				return err
			}
		}
	}
	return flush()
}

func scoreItem(c match.Criteria, it *skillkeepr.ScoringItem) (*skillkeepr.ApplicationScore, error) {
	var sc *skillkeepr.ApplicationScore
	switch {
	case it.ResumeID == 0:
		sc = &skillkeepr.ApplicationScore{State: skillkeepr.ScoreNoResume, CriteriaVersion: c.Version}
	case it.Text.Outcome != skillkeepr.ResumeTextOK:
		sc = &skillkeepr.ApplicationScore{State: skillkeepr.ScoreNoText, CriteriaVersion: c.Version}
	default:
		f, err := match.FactsOf(it.Text)
		if err != nil {
			return nil, fmt.Errorf("shortlist: facts of résumé %d: %w", it.ResumeID, err)
		}
		f.Availability = it.WorkLocations // the candidate's own answer, never the résumé
		sc = match.StoredScore(match.Score(c, f), it.Text.Masked)
	}
	sc.ApplicationID, sc.JobID, sc.ResumeID = it.ApplicationID, it.JobID, it.ResumeID
	return sc, nil
}

// readResume extracts and stores the text of an item's résumé. A file
// that cannot be read is stored as such (and scored "no text"); only
// storage failures are errors, so the job is retried.
func (s *Scorer) readResume(ctx context.Context, orgID int64, it *skillkeepr.ScoringItem) (*skillkeepr.ResumeText, error) {
	f, body, err := s.store.ScoringResume(ctx, orgID, it.ResumeID)
	if err != nil {
		return nil, err
	}
	data, err := io.ReadAll(io.LimitReader(body, skillkeepr.MaxResumeSize+1))
	body.Close()
	if err != nil {
		return nil, fmt.Errorf("shortlist: read résumé %d: %w", it.ResumeID, err)
	}
	txt, xerr := match.ExtractText(ctx, f.FileName, data, s.Limits)
	if xerr != nil && ctx.Err() != nil {
		return nil, ctx.Err()
	}
	rt := match.Read(txt, xerr, it.Person)
	rt.ResumeID, rt.CandidateID, rt.OrgID, rt.ExtractedAt = it.ResumeID, it.CandidateID, orgID, s.now()
	if err := s.store.SaveResumeText(ctx, orgID, rt); err != nil {
		return nil, err
	}
	if xerr != nil {
		s.log.InfoContext(ctx, "résumé text not read", "org_id", orgID, "resume_id", it.ResumeID, "outcome", rt.Outcome)
	}
	return rt, nil
}
