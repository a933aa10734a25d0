package sqlstore

import (
	"context"
	"encoding/json"
	"strconv"

	"github.com/skillkeepr/skillkeepr"
)

const templateSelect = `SELECT t.id, t.org_id, t.job_id, t.family_id, t.version, t.name, t.is_default, t.is_current, t.competencies,
	(SELECT COUNT(*) FROM rating_cards rc WHERE rc.template_id = t.id AND rc.org_id = t.org_id), t.created_at, t.updated_at
	FROM rating_card_templates t`

func scanTemplate(sc interface{ Scan(...any) error }) (*skillkeepr.RatingCardTemplate, error) {
	t := &skillkeepr.RatingCardTemplate{}
	var comps string
	var created, updated int64
	if err := sc.Scan(&t.ID, &t.OrgID, &t.JobID, &t.FamilyID, &t.Version, &t.Name, &t.IsDefault, &t.Current, &comps,
		&t.CardsUsing, &created, &updated); err != nil {
		return nil, err
	}
	if err := json.Unmarshal([]byte(comps), &t.Competencies); err != nil {
		return nil, err
	}
	t.CreatedAt, t.UpdatedAt = fromTS(created), fromTS(updated)
	return t, nil
}

func templateByID(ctx context.Context, c conn, org, id int64) (*skillkeepr.RatingCardTemplate, error) {
	t, err := scanTemplate(c.queryRow(ctx, templateSelect+` WHERE t.id = ? AND t.org_id = ?`, id, org))
	if err != nil {
		return nil, notFound(err, "Rating card", "find rating card")
	}
	return t, nil
}

func templateFields(t *skillkeepr.RatingCardTemplate) fields {
	names := make([]string, len(t.Competencies))
	for i, c := range t.Competencies {
		names[i] = c.Name
	}
	return fields{"name": t.Name, "version": t.Version, "is_default": t.IsDefault, "competencies": names}
}

// FindRatingCardTemplates returns the current templates of a job the actor
// may see, the default first.
func (s *Store) FindRatingCardTemplates(ctx context.Context, jobID int64) ([]*skillkeepr.RatingCardTemplate, error) {
	a, err := skillkeepr.RequireActor(ctx)
	if err != nil {
		return nil, err
	}
	c := s.read()
	if _, err := jobFor(ctx, c, a, jobID, skillkeepr.ActViewJob); err != nil {
		return nil, err
	}
	return queryAll(ctx, c, "find rating cards", scanTemplate, templateSelect+` WHERE t.org_id = ? AND t.job_id = ? AND t.is_current = ? ORDER BY t.is_default DESC, t.family_id`,
		a.OrgID, jobID, true)
}

// FindRatingCardTemplateByID returns any version of a template of a job
// the actor may see, or whose interview they are rating.
func (s *Store) FindRatingCardTemplateByID(ctx context.Context, id int64) (*skillkeepr.RatingCardTemplate, error) {
	a, err := skillkeepr.RequireActor(ctx)
	if err != nil {
		return nil, err
	}
	c := s.read()
	t, err := templateByID(ctx, c, a.OrgID, id)
	if err != nil {
		return nil, err
	}
	job, err := jobByID(ctx, c, a.OrgID, t.JobID)
	if err != nil {
		return nil, err
	}
	if !skillkeepr.Can(a, skillkeepr.ActViewJob, skillkeepr.Target{Job: job}) {
		var n int
		if err := c.queryRow(ctx, `SELECT COUNT(*) FROM rating_cards WHERE org_id = ? AND template_id = ? AND interviewer_id = ?`,
			a.OrgID, id, a.UserID).Scan(&n); err != nil {
			return nil, dbErr("find rating card", err)
		}
		if n == 0 {
			return nil, skillkeepr.NotFound("Rating card")
		}
	}
	return t, nil
}

// CreateRatingCardTemplate makes a template of the job generated from its
// skills; the job's first template is its default.
func (s *Store) CreateRatingCardTemplate(ctx context.Context, jobID int64, name string) (*skillkeepr.RatingCardTemplate, error) {
	a, err := skillkeepr.RequireActor(ctx)
	if err != nil {
		return nil, err
	}
	var out *skillkeepr.RatingCardTemplate
	err = s.inTx(ctx, func(tx *txn) error {
		job, err := jobFor(ctx, tx.conn, a, jobID, skillkeepr.ActEditRatingCard)
		if err != nil {
			return err
		}
		out, err = s.createTemplate(ctx, tx, a, job, name)
		return err
	})
	return out, err
}

// createTemplate inserts version 1 of a template generated from job's
// skills; a may be a system actor (UserID 0).
func (s *Store) createTemplate(ctx context.Context, tx *txn, a *skillkeepr.Actor, job *skillkeepr.Job, name string) (*skillkeepr.RatingCardTemplate, error) {
	u := skillkeepr.RatingCardTemplateUpdate{Name: name, Competencies: skillkeepr.GenerateCompetencies(job)}
	if u.Name == "" {
		u.Name = "Interview rating card"
	}
	if err := u.Validate(); err != nil {
		return nil, err
	}
	var n int
	if err := tx.queryRow(ctx, `SELECT COUNT(*) FROM rating_card_templates WHERE org_id = ? AND job_id = ? AND is_default = ? AND is_current = ?`,
		a.OrgID, job.ID, true, true).Scan(&n); err != nil {
		return nil, dbErr("create rating card", err)
	}
	comps, err := json.Marshal(u.Competencies)
	if err != nil {
		return nil, err
	}
	var by any
	if a.UserID != 0 {
		by = a.UserID
	}
	now := ts(s.clock())
	id, err := tx.insert(ctx, `INSERT INTO rating_card_templates (org_id, job_id, family_id, version, name, is_default, is_current, competencies, created_by, created_at, updated_at)
		VALUES (?, ?, 0, 1, ?, ?, ?, ?, ?, ?, ?)`, a.OrgID, job.ID, u.Name, n == 0, true, string(comps), by, now, now)
	if err != nil {
		return nil, dbErr("create rating card", err)
	}
	if _, err := tx.exec(ctx, `UPDATE rating_card_templates SET family_id = ? WHERE id = ? AND org_id = ?`, id, id, a.OrgID); err != nil {
		return nil, dbErr("create rating card", err)
	}
	t, err := templateByID(ctx, tx.conn, a.OrgID, id)
	if err != nil {
		return nil, err
	}
	return t, tx.audit(ctx, a.OrgID, a, "rating_card_template.create", "rating_card_template", id,
		"Created the rating card “"+t.Name+"” of "+jobLabel(job), nil, templateFields(t))
}

// UpdateRatingCardTemplate edits the current version of a template. When
// a card already uses that version it stays as it is and the edit becomes
// the next version, which later cards use.
func (s *Store) UpdateRatingCardTemplate(ctx context.Context, id int64, u skillkeepr.RatingCardTemplateUpdate) (*skillkeepr.RatingCardTemplate, error) {
	a, err := skillkeepr.RequireActor(ctx)
	if err != nil {
		return nil, err
	}
	if err := u.Validate(); err != nil {
		return nil, err
	}
	comps, err := json.Marshal(u.Competencies)
	if err != nil {
		return nil, err
	}
	var out *skillkeepr.RatingCardTemplate
	err = s.inTx(ctx, func(tx *txn) error {
		old, err := templateByID(ctx, tx.conn, a.OrgID, id)
		if err != nil {
			return err
		}
		job, err := jobFor(ctx, tx.conn, a, old.JobID, skillkeepr.ActEditRatingCard)
		if err != nil {
			return err
		}
		if !old.Current {
			return skillkeepr.Errorf(skillkeepr.ECONFLICT, "This is an older version of the rating card; edit the newest one.")
		}
		now := ts(s.clock())
		if u.IsDefault && !old.IsDefault {
			if _, err := tx.exec(ctx, `UPDATE rating_card_templates SET is_default = ? WHERE org_id = ? AND job_id = ? AND is_current = ?`,
				false, a.OrgID, job.ID, true); err != nil {
				return dbErr("save rating card", err)
			}
		}
		isDefault := u.IsDefault || old.IsDefault // the default stays until another takes its place
		newID := id
		if old.CardsUsing == 0 {
			if _, err := tx.exec(ctx, `UPDATE rating_card_templates SET name = ?, is_default = ?, competencies = ?, updated_at = ? WHERE id = ? AND org_id = ?`,
				u.Name, isDefault, string(comps), now, id, a.OrgID); err != nil {
				return dbErr("save rating card", err)
			}
		} else {
			if _, err := tx.exec(ctx, `UPDATE rating_card_templates SET is_current = ?, is_default = ? WHERE id = ? AND org_id = ?`, false, false, id, a.OrgID); err != nil {
				return dbErr("save rating card", err)
			}
			var by any
			if a.UserID != 0 {
				by = a.UserID
			}
			newID, err = tx.insert(ctx, `INSERT INTO rating_card_templates (org_id, job_id, family_id, version, name, is_default, is_current, competencies, created_by, created_at, updated_at)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, a.OrgID, job.ID, old.FamilyID, old.Version+1, u.Name, isDefault, true, string(comps), by, now, now)
			if err != nil {
				return dbErr("save rating card", err)
			}
		}
		if out, err = templateByID(ctx, tx.conn, a.OrgID, newID); err != nil {
			return err
		}
		summary := "Edited the rating card “" + out.Name + "” of " + jobLabel(job)
		if newID != id {
			summary += " (version " + strconv.Itoa(out.Version) + "; cards already written keep version " + strconv.Itoa(old.Version) + ")"
		}
		b, af := changed(templateFields(old), templateFields(out))
		return tx.audit(ctx, a.OrgID, a, "rating_card_template.update", "rating_card_template", newID, summary, b, af)
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// cardTemplateFor picks the template version the cards of iv use: the
// current version of the one its interview type chose, else the job's
// default; a job without any gets one generated from its skills.
func (s *Store) cardTemplateFor(ctx context.Context, tx *txn, a *skillkeepr.Actor, iv *skillkeepr.Interview, job *skillkeepr.Job) (*skillkeepr.RatingCardTemplate, error) {
	if iv.RatingCardTemplateID != 0 {
		t, err := scanTemplate(tx.queryRow(ctx, templateSelect+` WHERE t.org_id = ? AND t.job_id = ? AND t.is_current = ?
			AND t.family_id = (SELECT family_id FROM rating_card_templates WHERE id = ? AND org_id = ?)`,
			a.OrgID, job.ID, true, iv.RatingCardTemplateID, a.OrgID))
		if err == nil {
			return t, nil
		}
		if err := notFound(err, "Rating card", "find rating card"); skillkeepr.ErrorCodeOf(err) != skillkeepr.ENOTFOUND {
			return nil, err
		}
	}
	t, err := scanTemplate(tx.queryRow(ctx, templateSelect+` WHERE t.org_id = ? AND t.job_id = ? AND t.is_current = ? ORDER BY t.is_default DESC, t.family_id LIMIT 1`,
		a.OrgID, job.ID, true))
	if err == nil {
		return t, nil
	}
	if err := notFound(err, "Rating card", "find rating card"); skillkeepr.ErrorCodeOf(err) != skillkeepr.ENOTFOUND {
		return nil, err
	}
	return s.createTemplate(ctx, tx, a, job, "")
}
