package sqlstore

import (
	"context"

	"github.com/skillkeepr/skillkeepr"
)

const planSelect = `SELECT id, org_id, job_id, name, duration_minutes, mode, COALESCE(rating_card_template_id, 0), created_at, updated_at FROM interview_plans`

func scanPlan(sc interface{ Scan(...any) error }) (*skillkeepr.InterviewPlan, error) {
	p := &skillkeepr.InterviewPlan{InterviewerIDs: []int64{}}
	var created, updated int64
	if err := sc.Scan(&p.ID, &p.OrgID, &p.JobID, &p.Name, &p.DurationMinutes, &p.Mode, &p.RatingCardTemplateID, &created, &updated); err != nil {
		return nil, err
	}
	p.CreatedAt, p.UpdatedAt = fromTS(created), fromTS(updated)
	return p, nil
}

func fillPlanMembers(ctx context.Context, c conn, org int64, ps ...*skillkeepr.InterviewPlan) error {
	if len(ps) == 0 {
		return nil
	}
	byID := map[int64]*skillkeepr.InterviewPlan{}
	ids := make([]int64, 0, len(ps))
	for _, p := range ps {
		byID[p.ID] = p
		ids = append(ids, p.ID)
	}
	rows, err := c.query(ctx, `SELECT m.plan_id, m.user_id FROM interview_plan_members m JOIN users u ON u.id = m.user_id
		WHERE m.org_id = ? AND m.plan_id IN (`+placeholders(len(ids))+`) ORDER BY u.name, u.id`, append([]any{org}, int64Args(ids)...)...)
	if err != nil {
		return dbErr("find plan interviewers", err)
	}
	defer closeRows(rows)
	for rows.Next() {
		var pid, uid int64
		if err := rows.Scan(&pid, &uid); err != nil {
			return dbErr("find plan interviewers", err)
		}
		byID[pid].InterviewerIDs = append(byID[pid].InterviewerIDs, uid)
	}
	return dbErr("find plan interviewers", rows.Err())
}

func planByID(ctx context.Context, c conn, org, id int64) (*skillkeepr.InterviewPlan, error) {
	p, err := scanPlan(c.queryRow(ctx, planSelect+` WHERE id = ? AND org_id = ?`, id, org))
	if err != nil {
		return nil, notFound(err, "Interview type", "find interview type")
	}
	return p, fillPlanMembers(ctx, c, org, p)
}

func planFields(p *skillkeepr.InterviewPlan) fields {
	return fields{"name": p.Name, "duration_minutes": p.DurationMinutes, "mode": p.Mode,
		"interviewer_ids": p.InterviewerIDs, "rating_card_template_id": p.RatingCardTemplateID}
}

// scheduleJob loads a job the actor may schedule on.
func scheduleJob(ctx context.Context, c conn, a *skillkeepr.Actor, jobID int64) (*skillkeepr.Job, error) {
	job, err := jobByID(ctx, c, a.OrgID, jobID)
	if err != nil {
		return nil, err
	}
	return job, skillkeepr.Authorize(a, skillkeepr.ActScheduleInterview, skillkeepr.Target{Job: job})
}

func (tx *txn) setPlanMembers(ctx context.Context, org, planID int64, ids []int64) error {
	if _, err := interviewers(ctx, tx.conn, org, ids); err != nil {
		return err
	}
	if _, err := tx.exec(ctx, `DELETE FROM interview_plan_members WHERE plan_id = ? AND org_id = ?`, planID, org); err != nil {
		return dbErr("save interview type", err)
	}
	for _, id := range ids {
		if _, err := tx.exec(ctx, `INSERT INTO interview_plan_members (org_id, plan_id, user_id) VALUES (?, ?, ?)`, org, planID, id); err != nil {
			return dbErr("save interview type", err)
		}
	}
	return nil
}

// CreateInterviewPlan adds an interview type to a job.
func (s *Store) CreateInterviewPlan(ctx context.Context, p skillkeepr.InterviewPlan) (*skillkeepr.InterviewPlan, error) {
	a, err := skillkeepr.RequireActor(ctx)
	if err != nil {
		return nil, err
	}
	if err := p.Validate(); err != nil {
		return nil, err
	}
	var out *skillkeepr.InterviewPlan
	err = s.inTx(ctx, func(tx *txn) error {
		job, err := scheduleJob(ctx, tx.conn, a, p.JobID)
		if err != nil {
			return err
		}
		now := ts(s.clock())
		id, err := tx.insert(ctx, `INSERT INTO interview_plans (org_id, job_id, name, duration_minutes, mode, rating_card_template_id, created_at, updated_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, a.OrgID, job.ID, p.Name, p.DurationMinutes, p.Mode, nullID(p.RatingCardTemplateID), now, now)
		if err != nil {
			return dbErr("create interview type", err)
		}
		if err := tx.setPlanMembers(ctx, a.OrgID, id, p.InterviewerIDs); err != nil {
			return err
		}
		if out, err = planByID(ctx, tx.conn, a.OrgID, id); err != nil {
			return err
		}
		return tx.audit(ctx, a.OrgID, a, "interview_plan.create", "interview_plan", id,
			"Added interview type "+out.Name+" to "+jobLabel(job), nil, planFields(out))
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// UpdateInterviewPlan changes an interview type; interviews already
// booked keep their interviewers and rating card.
func (s *Store) UpdateInterviewPlan(ctx context.Context, p skillkeepr.InterviewPlan) (*skillkeepr.InterviewPlan, error) {
	a, err := skillkeepr.RequireActor(ctx)
	if err != nil {
		return nil, err
	}
	if err := p.Validate(); err != nil {
		return nil, err
	}
	var out *skillkeepr.InterviewPlan
	err = s.inTx(ctx, func(tx *txn) error {
		old, err := planByID(ctx, tx.conn, a.OrgID, p.ID)
		if err != nil {
			return err
		}
		job, err := scheduleJob(ctx, tx.conn, a, old.JobID)
		if err != nil {
			return err
		}
		if _, err := tx.exec(ctx, `UPDATE interview_plans SET name = ?, duration_minutes = ?, mode = ?, rating_card_template_id = ?, updated_at = ?
			WHERE id = ? AND org_id = ?`, p.Name, p.DurationMinutes, p.Mode, nullID(p.RatingCardTemplateID), ts(s.clock()), p.ID, a.OrgID); err != nil {
			return dbErr("update interview type", err)
		}
		if err := tx.setPlanMembers(ctx, a.OrgID, p.ID, p.InterviewerIDs); err != nil {
			return err
		}
		if out, err = planByID(ctx, tx.conn, a.OrgID, p.ID); err != nil {
			return err
		}
		b, af := changed(planFields(old), planFields(out))
		return tx.audit(ctx, a.OrgID, a, "interview_plan.update", "interview_plan", p.ID,
			"Changed interview type "+out.Name+" of "+jobLabel(job), b, af)
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// DeleteInterviewPlan removes an interview type; booked interviews stay
// (their plan becomes none) and unused scheduling links for it stop working.
func (s *Store) DeleteInterviewPlan(ctx context.Context, id int64) error {
	a, err := skillkeepr.RequireActor(ctx)
	if err != nil {
		return err
	}
	return s.inTx(ctx, func(tx *txn) error {
		old, err := planByID(ctx, tx.conn, a.OrgID, id)
		if err != nil {
			return err
		}
		job, err := scheduleJob(ctx, tx.conn, a, old.JobID)
		if err != nil {
			return err
		}
		if _, err := tx.exec(ctx, `DELETE FROM interview_plans WHERE id = ? AND org_id = ?`, id, a.OrgID); err != nil {
			return dbErr("delete interview type", err)
		}
		return tx.audit(ctx, a.OrgID, a, "interview_plan.delete", "interview_plan", id,
			"Removed interview type "+old.Name+" from "+jobLabel(job), planFields(old), nil)
	})
}

// FindInterviewPlanByID returns an interview type of a job the actor may see.
func (s *Store) FindInterviewPlanByID(ctx context.Context, id int64) (*skillkeepr.InterviewPlan, error) {
	a, err := skillkeepr.RequireActor(ctx)
	if err != nil {
		return nil, err
	}
	c := s.read()
	p, err := planByID(ctx, c, a.OrgID, id)
	if err != nil {
		return nil, err
	}
	job, err := jobByID(ctx, c, a.OrgID, p.JobID)
	if err != nil {
		return nil, err
	}
	if err := skillkeepr.Authorize(a, skillkeepr.ActViewJob, skillkeepr.Target{Job: job}); err != nil {
		return nil, skillkeepr.NotFound("Interview type")
	}
	return p, nil
}

// FindInterviewPlans returns the interview types of a job the actor may see.
func (s *Store) FindInterviewPlans(ctx context.Context, jobID int64) ([]*skillkeepr.InterviewPlan, error) {
	a, err := skillkeepr.RequireActor(ctx)
	if err != nil {
		return nil, err
	}
	c := s.read()
	if _, err := jobFor(ctx, c, a, jobID, skillkeepr.ActViewJob); err != nil {
		return nil, err
	}
	rows, err := c.query(ctx, planSelect+` WHERE org_id = ? AND job_id = ? ORDER BY name, id`, a.OrgID, jobID)
	if err != nil {
		return nil, dbErr("find interview types", err)
	}
	out := []*skillkeepr.InterviewPlan{}
	for rows.Next() {
		p, err := scanPlan(rows)
		if err != nil {
			closeRows(rows)
			return nil, dbErr("find interview types", err)
		}
		out = append(out, p)
	}
	closeRows(rows)
	if err := rows.Err(); err != nil {
		return nil, dbErr("find interview types", err)
	}
	return out, fillPlanMembers(ctx, c, a.OrgID, out...)
}
