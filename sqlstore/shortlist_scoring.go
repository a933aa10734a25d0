package sqlstore

import (
	"context"
	"database/sql"
	"encoding/json"
	"io"

	"github.com/skillkeepr/skillkeepr"
)

// The system operations of background scoring (package shortlist): the
// work was caused by a change that was authorised when it was made, so
// they take the organisation id instead of an actor, and every query
// filters by it.

// ScoringWork returns the applications to score: those of jobID, or of
// candidateID when jobID is 0, with the candidate's newest résumé and its
// stored text (masked lines and facts only).
func (s *Store) ScoringWork(ctx context.Context, orgID, jobID, candidateID int64) ([]*skillkeepr.ScoringItem, error) {
	where, arg := `a.job_id = ?`, jobID
	if jobID == 0 {
		where, arg = `a.candidate_id = ?`, candidateID
	}
	rows, err := s.read().query(ctx, `SELECT a.id, a.job_id, a.candidate_id, c.name, c.emails, c.phones, c.links, c.location, c.work_locations,
			COALESCE(r.id, 0), t.outcome, t.message, t.masked_lines, t.facts
		FROM applications a JOIN candidates c ON c.id = a.candidate_id AND c.org_id = a.org_id
		LEFT JOIN resume_files r ON r.org_id = a.org_id AND r.id = (SELECT MAX(id) FROM resume_files x WHERE x.candidate_id = a.candidate_id AND x.org_id = a.org_id)
		LEFT JOIN resume_texts t ON t.resume_id = r.id AND t.org_id = a.org_id
		WHERE a.org_id = ? AND `+where+` ORDER BY a.id`, orgID, arg)
	if err != nil {
		return nil, dbErr("scoring work", err)
	}
	defer closeRows(rows)
	var out []*skillkeepr.ScoringItem
	for rows.Next() {
		it := &skillkeepr.ScoringItem{}
		var emails, phones, links, places string
		var outcome, message, masked, facts sql.NullString
		if err := rows.Scan(&it.ApplicationID, &it.JobID, &it.CandidateID, &it.Person.Name, &emails, &phones, &links, &it.Person.Location, &places,
			&it.ResumeID, &outcome, &message, &masked, &facts); err != nil {
			return nil, dbErr("scoring work", err)
		}
		it.Person.Emails, it.Person.Phones, it.Person.Links = decodeList(emails), decodeList(phones), decodeList(links)
		it.WorkLocations = decodeList(places)
		if outcome.Valid {
			it.Text = &skillkeepr.ResumeText{ResumeID: it.ResumeID, OrgID: orgID, CandidateID: it.CandidateID,
				Outcome: skillkeepr.ResumeOutcome(outcome.String), Message: message.String, Facts: []byte(facts.String)}
			if err := json.Unmarshal([]byte(masked.String), &it.Text.Masked); err != nil {
				return nil, dbErr("scoring work", err)
			}
		}
		out = append(out, it)
	}
	return out, dbErr("scoring work", rows.Err())
}

// ScoringCriteria returns a job's current criteria, deriving version 1
// when there are none yet.
func (s *Store) ScoringCriteria(ctx context.Context, orgID, jobID int64) (*skillkeepr.JobCriteria, error) {
	job, err := jobByID(ctx, s.read(), orgID, jobID)
	if err != nil {
		return nil, err
	}
	return s.ensureCriteria(ctx, orgID, job)
}

// ScoringResume opens a stored résumé file of the organisation.
func (s *Store) ScoringResume(ctx context.Context, orgID, resumeID int64) (*skillkeepr.ResumeFile, io.ReadCloser, error) {
	f, err := scanResume(s.read().queryRow(ctx, `SELECT id, org_id, candidate_id, file_name, content_type, size, sha256, blob_key, created_at
		FROM resume_files WHERE id = ? AND org_id = ?`, resumeID, orgID))
	if err != nil {
		return nil, nil, notFound(err, "Résumé", "scoring resume")
	}
	if s.blobs == nil {
		return nil, nil, skillkeepr.Errorf(skillkeepr.EUNAVAILABLE, "File storage is not set up.")
	}
	body, err := s.blobs.Open(ctx, f.BlobKey)
	if err != nil {
		return nil, nil, dbErr("scoring resume", err)
	}
	return f, body, nil
}

// SaveResumeText stores (or replaces) the text read from a résumé.
func (s *Store) SaveResumeText(ctx context.Context, orgID int64, rt *skillkeepr.ResumeText) error {
	return s.inTx(ctx, func(tx *txn) error { return saveResumeText(ctx, tx, orgID, rt) })
}

func saveResumeText(ctx context.Context, tx *txn, orgID int64, rt *skillkeepr.ResumeText) error {
	lines, err := json.Marshal(nonNilLines(rt.Lines))
	if err != nil {
		return err
	}
	masked, err := json.Marshal(nonNilLines(rt.Masked))
	if err != nil {
		return err
	}
	facts := string(rt.Facts)
	if facts == "" {
		facts = "{}"
	}
	at := rt.ExtractedAt
	if at.IsZero() {
		at = tx.s.clock()
	}
	_, err = tx.exec(ctx, `INSERT INTO resume_texts (resume_id, org_id, candidate_id, outcome, message, format, pages, lines, masked_lines, facts, extracted_at)
		SELECT r.id, r.org_id, r.candidate_id, ?, ?, ?, ?, ?, ?, ?, ? FROM resume_files r WHERE r.id = ? AND r.org_id = ?
		ON CONFLICT (resume_id) DO UPDATE SET outcome = excluded.outcome, message = excluded.message, format = excluded.format,
			pages = excluded.pages, lines = excluded.lines, masked_lines = excluded.masked_lines, facts = excluded.facts, extracted_at = excluded.extracted_at`,
		string(rt.Outcome), rt.Message, rt.Format, rt.Pages, string(lines), string(masked), facts, ts(at), rt.ResumeID, orgID)
	return dbErr("save resume text", err)
}

func nonNilLines(l []skillkeepr.TextLine) []skillkeepr.TextLine {
	if l == nil {
		return []skillkeepr.TextLine{}
	}
	return l
}

// SaveScores stores scores in one transaction. A score computed from
// older criteria never replaces one computed from newer criteria.
func (s *Store) SaveScores(ctx context.Context, orgID int64, scores []*skillkeepr.ApplicationScore) error {
	if len(scores) == 0 {
		return nil
	}
	return s.inTx(ctx, func(tx *txn) error {
		for _, sc := range scores {
			crit := sc.Criteria
			if crit == nil {
				crit = []skillkeepr.CriterionVerdict{}
			}
			results, err := json.Marshal(crit)
			if err != nil {
				return err
			}
			at := sc.ScoredAt
			if at.IsZero() {
				at = s.clock()
			}
			if _, err := tx.exec(ctx, `INSERT INTO application_scores (application_id, org_id, job_id, resume_id, criteria_version, state, score, required_met, required_total, results, scored_at)
				SELECT a.id, a.org_id, a.job_id, ?, ?, ?, ?, ?, ?, ?, ? FROM applications a WHERE a.id = ? AND a.org_id = ?
				ON CONFLICT (application_id) DO UPDATE SET resume_id = excluded.resume_id, criteria_version = excluded.criteria_version,
					state = excluded.state, score = excluded.score, required_met = excluded.required_met, required_total = excluded.required_total,
					results = excluded.results, scored_at = excluded.scored_at
				WHERE application_scores.criteria_version <= excluded.criteria_version`,
				sc.ResumeID, sc.CriteriaVersion, string(sc.State), sc.Score, sc.RequiredMet, sc.RequiredTotal, string(results), ts(at),
				sc.ApplicationID, orgID); err != nil {
				return dbErr("save score", err)
			}
		}
		return nil
	})
}
