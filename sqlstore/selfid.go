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
		qs, err := selfIDQuestions(ctx, tx.conn, a.OrgID)
		if err != nil {
			return err
		}
		if err := in.ValidateWith(qs); err != nil {
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

// selfIDQuestions returns the organisation's questions: the shipped ones,
// with the options the organisation set in their place.
func selfIDQuestions(ctx context.Context, c conn, org int64) ([]skillkeepr.SelfIDQuestion, error) {
	qs := skillkeepr.DefaultSelfIDQuestions()
	rows, err := c.query(ctx, `SELECT question, value, label FROM self_id_options WHERE org_id = ? ORDER BY question, sort_order`, org)
	if err != nil {
		return nil, dbErr("self-identification options", err)
	}
	defer closeRows(rows)
	custom := map[string][]skillkeepr.SelfIDOption{}
	for rows.Next() {
		var q string
		var o skillkeepr.SelfIDOption
		if err := rows.Scan(&q, &o.Value, &o.Label); err != nil {
			return nil, dbErr("self-identification options", err)
		}
		custom[q] = append(custom[q], o)
	}
	if err := rows.Err(); err != nil {
		return nil, dbErr("self-identification options", err)
	}
	for i := range qs {
		if opts, ok := custom[qs[i].Key]; ok {
			qs[i].Options, qs[i].Custom = opts, true
		}
	}
	return qs, nil
}

// SelfIDQuestions returns the questions of the actor's organisation.
func (s *Store) SelfIDQuestions(ctx context.Context) ([]skillkeepr.SelfIDQuestion, error) {
	a, err := skillkeepr.RequireActor(ctx)
	if err != nil {
		return nil, err
	}
	return selfIDQuestions(ctx, s.read(), a.OrgID)
}

// SetSelfIDOptions replaces the options of one question
// (ActManageOrganization), audited; nil restores the shipped options.
func (s *Store) SetSelfIDOptions(ctx context.Context, key string, opts []skillkeepr.SelfIDOption) ([]skillkeepr.SelfIDQuestion, error) {
	a, err := skillkeepr.RequireActor(ctx)
	if err != nil {
		return nil, err
	}
	if err := skillkeepr.Authorize(a, skillkeepr.ActManageOrganization, skillkeepr.Target{}); err != nil {
		return nil, err
	}
	var q *skillkeepr.SelfIDQuestion
	for _, d := range skillkeepr.DefaultSelfIDQuestions() {
		if d.Key == key {
			q = &d
		}
	}
	if q == nil {
		return nil, skillkeepr.NotFound("Question")
	}
	labels := make([]string, 0, len(opts))
	for _, o := range opts {
		labels = append(labels, o.Label)
	}
	clean, err := skillkeepr.NewSelfIDOptions(labels)
	if err != nil {
		return nil, err
	}
	var out []skillkeepr.SelfIDQuestion
	err = s.inTx(ctx, func(tx *txn) error {
		before, err := selfIDQuestions(ctx, tx.conn, a.OrgID)
		if err != nil {
			return err
		}
		if _, err := tx.exec(ctx, `DELETE FROM self_id_options WHERE org_id = ? AND question = ?`, a.OrgID, key); err != nil {
			return dbErr("self-identification options", err)
		}
		for i, o := range clean {
			if _, err := tx.exec(ctx, `INSERT INTO self_id_options (org_id, question, sort_order, value, label) VALUES (?, ?, ?, ?, ?)`,
				a.OrgID, key, i, o.Value, o.Label); err != nil {
				return dbErr("self-identification options", err)
			}
		}
		if out, err = selfIDQuestions(ctx, tx.conn, a.OrgID); err != nil {
			return err
		}
		labelsOf := func(qs []skillkeepr.SelfIDQuestion) []string {
			var l []string
			for _, x := range qs {
				if x.Key == key {
					for _, o := range x.Options {
						l = append(l, o.Label)
					}
				}
			}
			return l
		}
		return tx.audit(ctx, a.OrgID, a, "organization.self_id_options", "organization", a.OrgID,
			"Changed the answers offered for "+q.Title, fields{"options": labelsOf(before)}, fields{"options": labelsOf(out)})
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}
