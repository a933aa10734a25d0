package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"time"

	"github.com/skillkeepr/skillkeepr"
)

var _ skillkeepr.FairnessService = (*Store)(nil)

// SetSelfIdentification replaces a candidate's voluntary answers
// (ActManageCandidates on one of their jobs). All answers empty removes
// the row. The audit entry names the questions whose answer changed, not
// the answers: they are visible only in aggregate.
func (s *Store) SetSelfIdentification(ctx context.Context, candidateID int64, in skillkeepr.SelfIdentification) (skillkeepr.SelfIDRecord, error) {
	a, err := skillkeepr.RequireActor(ctx)
	if err != nil {
		return skillkeepr.SelfIDRecord{}, err
	}
	var out skillkeepr.SelfIDRecord
	err = s.inTx(ctx, func(tx *txn) error {
		cand, err := candidateFor(ctx, tx.conn, a, candidateID)
		if err != nil {
			return err
		}
		if err := authorizeCandidate(ctx, tx.conn, a, cand, skillkeepr.ActManageCandidates); err != nil {
			return err
		}
		if err := in.Validate(); err != nil {
			return err
		}
		old, _, err := selfID(ctx, tx.conn, a.OrgID, candidateID)
		if err != nil {
			return err
		}
		var questions []string
		if old.Gender != in.Gender {
			questions = append(questions, "gender identity")
		}
		if old.Ethnicity != in.Ethnicity {
			questions = append(questions, "ethnicity or race")
		}
		now := s.clock()
		if in == (skillkeepr.SelfIdentification{}) {
			if _, err := tx.exec(ctx, `DELETE FROM candidate_self_identification WHERE candidate_id = ? AND org_id = ?`, candidateID, a.OrgID); err != nil {
				return dbErr("self-identification", err)
			}
		} else {
			t := now
			out = skillkeepr.SelfIDRecord{Recorded: true, UpdatedAt: &t}
			if len(questions) == 0 {
				_, at, err := selfID(ctx, tx.conn, a.OrgID, candidateID)
				out.UpdatedAt = at
				return err
			}
			if _, err := tx.exec(ctx, `INSERT INTO candidate_self_identification (candidate_id, org_id, gender, ethnicity, updated_at) VALUES (?, ?, ?, ?, ?)
				ON CONFLICT (candidate_id) DO UPDATE SET gender = excluded.gender, ethnicity = excluded.ethnicity, updated_at = excluded.updated_at`,
				candidateID, a.OrgID, in.Gender, in.Ethnicity, ts(now)); err != nil {
				return dbErr("self-identification", err)
			}
		}
		if len(questions) == 0 {
			return nil
		}
		return tx.audit(ctx, a.OrgID, a, "candidate.self_identification", "candidate", candidateID,
			"Changed the self-identification answers of "+cand.Name+" (the answers are not logged)",
			nil, fields{"questions_changed": questions})
	})
	if err != nil {
		return skillkeepr.SelfIDRecord{}, err
	}
	return out, nil
}

// SelfIdentificationRecord says whether answers are on file for a
// candidate the actor may see, without the answers.
func (s *Store) SelfIdentificationRecord(ctx context.Context, candidateID int64) (skillkeepr.SelfIDRecord, error) {
	a, err := skillkeepr.RequireActor(ctx)
	if err != nil {
		return skillkeepr.SelfIDRecord{}, err
	}
	c := s.read()
	if _, err := candidateFor(ctx, c, a, candidateID); err != nil {
		return skillkeepr.SelfIDRecord{}, err
	}
	_, at, err := selfID(ctx, c, a.OrgID, candidateID)
	if err != nil || at == nil {
		return skillkeepr.SelfIDRecord{}, err
	}
	return skillkeepr.SelfIDRecord{Recorded: true, UpdatedAt: at}, nil
}

// selfID reads the answers of a candidate; a nil time means none on file.
func selfID(ctx context.Context, c conn, org, candidateID int64) (skillkeepr.SelfIdentification, *time.Time, error) {
	var out skillkeepr.SelfIdentification
	var at int64
	err := c.queryRow(ctx, `SELECT gender, ethnicity, updated_at FROM candidate_self_identification WHERE candidate_id = ? AND org_id = ?`,
		candidateID, org).Scan(&out.Gender, &out.Ethnicity, &at)
	if errors.Is(err, sql.ErrNoRows) {
		return out, nil, nil
	}
	if err != nil {
		return out, nil, dbErr("self-identification", err)
	}
	t := fromTS(at)
	return out, &t, nil
}

// FairnessRows returns one row per application of a job the actor may see
// (ActViewJob), sorted by values so that the order says nothing about who
// is who.
func (s *Store) FairnessRows(ctx context.Context, jobID int64) (*skillkeepr.Job, []skillkeepr.FairnessRow, error) {
	job, err := s.FindJobByID(ctx, jobID)
	if err != nil {
		return nil, nil, err
	}
	rows, err := s.read().query(ctx, `SELECT a.status, COALESCE(la.status_before_archive, ''), COALESCE(si.gender, ''), COALESCE(si.ethnicity, '')
		FROM applications a
		LEFT JOIN lever_applications la ON la.application_id = a.id AND la.org_id = a.org_id
		LEFT JOIN candidate_self_identification si ON si.candidate_id = a.candidate_id AND si.org_id = a.org_id
		WHERE a.org_id = ? AND a.job_id = ?
		ORDER BY 3, 4, 1, 2`, job.OrgID, job.ID)
	if err != nil {
		return nil, nil, dbErr("fairness rows", err)
	}
	defer closeRows(rows)
	out := []skillkeepr.FairnessRow{}
	for rows.Next() {
		var r skillkeepr.FairnessRow
		if err := rows.Scan(&r.Status, &r.StatusBeforeArchive, &r.Gender, &r.Ethnicity); err != nil {
			return nil, nil, dbErr("fairness rows", err)
		}
		out = append(out, r)
	}
	return job, out, dbErr("fairness rows", rows.Err())
}
