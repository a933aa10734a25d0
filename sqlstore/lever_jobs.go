package sqlstore

import (
	"context"
	"database/sql"
	"errors"

	"github.com/skillkeepr/skillkeepr"
)

// errPostingTaken is returned inside the import transaction when the
// unique index (org_id, posting_id) refused the link.
var errPostingTaken = errors.New("sqlstore: lever posting already imported")

// ImportLeverJob creates a job from a Lever posting together with its link
// to the posting and its stage mapping, in one transaction (ActImportLeverJobs
// and ActCreateJob in the department). A posting that is already linked
// to a job of the organisation is ECONFLICT naming that job.
func (s *Store) ImportLeverJob(ctx context.Context, rec skillkeepr.LeverJobRecord) (*skillkeepr.Job, error) {
	a, err := skillkeepr.RequireActor(ctx)
	if err != nil {
		return nil, err
	}
	if err := skillkeepr.Authorize(a, skillkeepr.ActImportLeverJobs, skillkeepr.Target{}); err != nil {
		return nil, err
	}
	if rec.PostingID == "" {
		return nil, skillkeepr.Errorf(skillkeepr.EINVALID, "Choose a Lever job to import.")
	}
	f := rec.Fields
	if err := f.Validate(); err != nil {
		return nil, err
	}
	var j *skillkeepr.Job
	err = s.inTx(ctx, func(tx *txn) error {
		if j, err = s.insertJob(ctx, tx, a, f); err != nil {
			return err
		}
		now := ts(s.clock())
		if _, err := tx.exec(ctx, `INSERT INTO lever_job_links (job_id, org_id, posting_id, posting_title, imported_at, imported_by_id, imported_by_name)
			VALUES (?, ?, ?, ?, ?, ?, ?)`, j.ID, a.OrgID, rec.PostingID, rec.PostingTitle, now, nullID(a.UserID), a.Name); err != nil {
			if isUniqueViolation(err) {
				return errPostingTaken
			}
			return dbErr("link lever posting", err)
		}
		mapping := fields{}
		for _, m := range rec.StageMapping {
			if m.StageID == "" {
				mapping[string(m.Status)] = "Don't move"
				continue
			}
			mapping[string(m.Status)] = m.StageName
			if _, err := tx.exec(ctx, `INSERT INTO lever_stage_mappings (org_id, job_id, status, stage_id, stage_name) VALUES (?, ?, ?, ?, ?)`,
				a.OrgID, j.ID, string(m.Status), m.StageID, m.StageName); err != nil {
				return dbErr("save stage mapping", err)
			}
		}
		after := jobFields(j)
		after["lever_posting_id"] = rec.PostingID
		after["lever_posting_title"] = rec.PostingTitle
		after["stage_mapping"] = mapping
		return tx.audit(ctx, a.OrgID, a, "job.import_lever", "job", j.ID,
			"Imported "+jobLabel(j)+" from the Lever job "+rec.PostingTitle, nil, after)
	})
	if errors.Is(err, errPostingTaken) {
		l, lerr := leverJobLinkByPosting(ctx, s.read(), a.OrgID, rec.PostingID)
		if lerr != nil {
			return nil, skillkeepr.Errorf(skillkeepr.ECONFLICT, "This Lever job was already imported.")
		}
		return nil, skillkeepr.Errorf(skillkeepr.ECONFLICT, "This Lever job was already imported as job #%d %s.", l.JobNumber, l.JobTitle)
	}
	if err != nil {
		return nil, err
	}
	return j, nil
}

func nullID(id int64) sql.NullInt64 { return sql.NullInt64{Int64: id, Valid: id != 0} }

const leverLinkSelect = `SELECT l.job_id, j.number, j.title, l.posting_id, l.posting_title, l.imported_at,
	COALESCE(l.imported_by_id, 0), l.imported_by_name
	FROM lever_job_links l JOIN jobs j ON j.id = l.job_id AND j.org_id = l.org_id`

func scanLeverLink(sc interface{ Scan(...any) error }) (*skillkeepr.LeverJobLink, error) {
	l := &skillkeepr.LeverJobLink{}
	var at int64
	if err := sc.Scan(&l.JobID, &l.JobNumber, &l.JobTitle, &l.PostingID, &l.PostingTitle, &at, &l.ImportedByID, &l.ImportedByName); err != nil {
		return nil, err
	}
	l.ImportedAt = fromTS(at)
	return l, nil
}

func leverJobLinkByPosting(ctx context.Context, c conn, org int64, postingID string) (*skillkeepr.LeverJobLink, error) {
	l, err := scanLeverLink(c.queryRow(ctx, leverLinkSelect+` WHERE l.org_id = ? AND l.posting_id = ?`, org, postingID))
	if err != nil {
		return nil, notFound(err, "Imported Lever job", "find lever link")
	}
	return l, fillStageMapping(ctx, c, org, l)
}

func fillStageMapping(ctx context.Context, c conn, org int64, l *skillkeepr.LeverJobLink) error {
	rows, err := c.query(ctx, `SELECT status, stage_id, stage_name FROM lever_stage_mappings WHERE org_id = ? AND job_id = ?`, org, l.JobID)
	if err != nil {
		return dbErr("stage mapping", err)
	}
	defer closeRows(rows)
	var m []skillkeepr.LeverStageMap
	for rows.Next() {
		var e skillkeepr.LeverStageMap
		if err := rows.Scan(&e.Status, &e.StageID, &e.StageName); err != nil {
			return dbErr("stage mapping", err)
		}
		m = append(m, e)
	}
	if err := rows.Err(); err != nil {
		return dbErr("stage mapping", err)
	}
	l.StageMapping = make([]skillkeepr.LeverStageMap, 0, len(skillkeepr.LeverStatuses))
	for _, st := range skillkeepr.LeverStatuses {
		l.StageMapping = append(l.StageMapping, skillkeepr.StageFor(m, st))
	}
	return nil
}

// LeverJobLinkByPosting returns the job of the actor's organisation that
// posting was imported as (ActImportLeverJobs); ENOTFOUND when none.
func (s *Store) LeverJobLinkByPosting(ctx context.Context, postingID string) (*skillkeepr.LeverJobLink, error) {
	a, err := skillkeepr.RequireActor(ctx)
	if err != nil {
		return nil, err
	}
	if err := skillkeepr.Authorize(a, skillkeepr.ActImportLeverJobs, skillkeepr.Target{}); err != nil {
		return nil, err
	}
	return leverJobLinkByPosting(ctx, s.read(), a.OrgID, postingID)
}

// LeverJobLinks returns, for the actor's organisation, every imported
// posting id with the job it became (ActImportLeverJobs).
func (s *Store) LeverJobLinks(ctx context.Context) (map[string]*skillkeepr.LeverJobLink, error) {
	a, err := skillkeepr.RequireActor(ctx)
	if err != nil {
		return nil, err
	}
	if err := skillkeepr.Authorize(a, skillkeepr.ActImportLeverJobs, skillkeepr.Target{}); err != nil {
		return nil, err
	}
	rows, err := s.read().query(ctx, leverLinkSelect+` WHERE l.org_id = ?`, a.OrgID)
	if err != nil {
		return nil, dbErr("lever links", err)
	}
	defer closeRows(rows)
	out := map[string]*skillkeepr.LeverJobLink{}
	for rows.Next() {
		l, err := scanLeverLink(rows)
		if err != nil {
			return nil, dbErr("lever links", err)
		}
		out[l.PostingID] = l
	}
	return out, dbErr("lever links", rows.Err())
}

func leverJobLink(ctx context.Context, c conn, org, jobID int64) (*skillkeepr.LeverJobLink, error) {
	l, err := scanLeverLink(c.queryRow(ctx, leverLinkSelect+` WHERE l.org_id = ? AND l.job_id = ?`, org, jobID))
	if err != nil {
		return nil, notFound(err, "Lever link of the job", "find lever link")
	}
	return l, fillStageMapping(ctx, c, org, l)
}

// LeverJobLink returns the Lever posting a job the actor may see was
// imported from; ENOTFOUND when it was not imported.
func (s *Store) LeverJobLink(ctx context.Context, jobID int64) (*skillkeepr.LeverJobLink, error) {
	if _, err := s.FindJobByID(ctx, jobID); err != nil {
		return nil, err
	}
	a, _ := skillkeepr.RequireActor(ctx)
	return leverJobLink(ctx, s.read(), a.OrgID, jobID)
}

func mappingFields(m []skillkeepr.LeverStageMap) fields {
	f := fields{}
	for _, st := range skillkeepr.LeverStatuses {
		e := skillkeepr.StageFor(m, st)
		if e.StageID == "" {
			f[string(st)] = "Don't move"
		} else {
			f[string(st)] = e.StageName
		}
	}
	return f
}

// SetLeverStageMapping replaces the stage mapping of an imported job
// (ActImportLeverJobs on a job the actor may see); m must already be
// checked against the pipeline (skillkeepr.NormalizeStageMapping).
func (s *Store) SetLeverStageMapping(ctx context.Context, jobID int64, m []skillkeepr.LeverStageMap) (*skillkeepr.LeverJobLink, error) {
	a, err := skillkeepr.RequireActor(ctx)
	if err != nil {
		return nil, err
	}
	var l *skillkeepr.LeverJobLink
	err = s.inTx(ctx, func(tx *txn) error {
		j, err := jobFor(ctx, tx.conn, a, jobID, skillkeepr.ActViewJob)
		if err != nil {
			return err
		}
		if err := skillkeepr.Authorize(a, skillkeepr.ActImportLeverJobs, skillkeepr.Target{}); err != nil {
			return err
		}
		old, err := leverJobLink(ctx, tx.conn, a.OrgID, jobID)
		if err != nil {
			return err
		}
		before, after := changed(fields{"stage_mapping": mappingFields(old.StageMapping)}, fields{"stage_mapping": mappingFields(m)})
		if len(after) == 0 {
			l = old
			return nil
		}
		if _, err := tx.exec(ctx, `DELETE FROM lever_stage_mappings WHERE org_id = ? AND job_id = ?`, a.OrgID, jobID); err != nil {
			return dbErr("save stage mapping", err)
		}
		for _, e := range m {
			if e.StageID == "" {
				continue
			}
			if _, err := tx.exec(ctx, `INSERT INTO lever_stage_mappings (org_id, job_id, status, stage_id, stage_name) VALUES (?, ?, ?, ?, ?)`,
				a.OrgID, jobID, string(e.Status), e.StageID, e.StageName); err != nil {
				return dbErr("save stage mapping", err)
			}
		}
		if l, err = leverJobLink(ctx, tx.conn, a.OrgID, jobID); err != nil {
			return err
		}
		return tx.audit(ctx, a.OrgID, a, "job.lever_stage_mapping", "job", jobID, "Changed the Lever stage mapping of "+jobLabel(j), before, after)
	})
	if err != nil {
		return nil, err
	}
	return l, nil
}
