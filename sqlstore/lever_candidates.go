package sqlstore

import (
	"bytes"
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"errors"
	"strconv"
	"time"

	"github.com/skillkeepr/skillkeepr"
)

// Imports of a job's candidates from Lever (lever_import_runs, their log in
// lever_import_entries, and lever_applications linking an application to its
// Lever opportunity). Actor methods check ActManageCandidates / ActViewJob on
// the job; the methods with an orgID argument are the background import's.

var _ skillkeepr.LeverCandidateImports = (*Store)(nil)

const importRunSelect = `SELECT r.id, r.org_id, r.job_id, j.number, j.title, r.posting_id, r.state, r.message, r.since, r.found,
	COALESCE(r.started_by_id, 0), r.started_by_name, r.started_at, r.finished_at,
	(SELECT count(*) FROM lever_import_entries e WHERE e.run_id = r.id AND e.outcome = 'imported'),
	(SELECT count(*) FROM lever_import_entries e WHERE e.run_id = r.id AND e.outcome = 'updated'),
	(SELECT count(*) FROM lever_import_entries e WHERE e.run_id = r.id AND e.outcome = 'skipped'),
	(SELECT count(*) FROM lever_import_entries e WHERE e.run_id = r.id AND e.outcome = 'failed')
	FROM lever_import_runs r JOIN jobs j ON j.id = r.job_id AND j.org_id = r.org_id`

func scanImportRun(sc interface{ Scan(...any) error }) (*skillkeepr.LeverImportRun, error) {
	r := &skillkeepr.LeverImportRun{}
	var since, finished sql.NullInt64
	var started int64
	if err := sc.Scan(&r.ID, &r.OrgID, &r.JobID, &r.JobNumber, &r.JobTitle, &r.PostingID, &r.State, &r.Message, &since, &r.Found,
		&r.StartedByID, &r.StartedByName, &started, &finished, &r.Imported, &r.Updated, &r.Skipped, &r.Failed); err != nil {
		return nil, err
	}
	r.Since, r.FinishedAt, r.StartedAt = fromNullTS(since), fromNullTS(finished), fromTS(started)
	return r, nil
}

func importRun(ctx context.Context, c conn, org, id int64) (*skillkeepr.LeverImportRun, error) {
	r, err := scanImportRun(c.queryRow(ctx, importRunSelect+` WHERE r.id = ? AND r.org_id = ?`, id, org))
	if err != nil {
		return nil, notFound(err, "Import", "find import run")
	}
	return r, nil
}

func importEntries(ctx context.Context, c conn, org, runID int64) ([]*skillkeepr.LeverImportEntry, error) {
	rows, err := c.query(ctx, `SELECT id, run_id, opportunity_id, candidate_name, outcome, reason, message,
		COALESCE(application_id, 0), COALESCE(candidate_id, 0), created_at
		FROM lever_import_entries WHERE run_id = ? AND org_id = ? ORDER BY id`, runID, org)
	if err != nil {
		return nil, dbErr("import log", err)
	}
	defer closeRows(rows)
	out := []*skillkeepr.LeverImportEntry{}
	for rows.Next() {
		e := &skillkeepr.LeverImportEntry{}
		var at int64
		if err := rows.Scan(&e.ID, &e.RunID, &e.OpportunityID, &e.CandidateName, &e.Outcome, &e.Reason, &e.Message,
			&e.ApplicationID, &e.CandidateID, &at); err != nil {
			return nil, dbErr("import log", err)
		}
		e.CreatedAt = fromTS(at)
		out = append(out, e)
	}
	return out, dbErr("import log", rows.Err())
}

func (s *Store) enqueueImport(ctx context.Context, tx *txn, org, runID int64) error {
	enq := s.enqueuer()
	if enq == nil {
		return skillkeepr.Errorf(skillkeepr.EUNAVAILABLE, "Background work is not set up on this server, so candidates cannot be imported.")
	}
	if err := enq.EnqueueTx(ctx, tx.tx, skillkeepr.LeverCandidateImportTask{OrgID: org, RunID: runID}); err != nil {
		return dbErr("enqueue candidate import", err)
	}
	return nil
}

// StartLeverImport starts importing the candidates of a job linked to a
// Lever posting (ActManageCandidates on the job): the run row, its
// background job and the audit entry in one transaction. While a run of the
// job is running it is returned instead. A run after a finished one asks
// Lever only for candidates changed since that one started.
func (s *Store) StartLeverImport(ctx context.Context, jobID int64) (*skillkeepr.LeverImportRun, error) {
	a, err := skillkeepr.RequireActor(ctx)
	if err != nil {
		return nil, err
	}
	var run *skillkeepr.LeverImportRun
	err = s.inTx(ctx, func(tx *txn) error {
		job, err := jobFor(ctx, tx.conn, a, jobID, skillkeepr.ActManageCandidates)
		if err != nil {
			return err
		}
		link, err := leverJobLink(ctx, tx.conn, a.OrgID, jobID)
		if skillkeepr.ErrorCodeOf(err) == skillkeepr.ENOTFOUND {
			return skillkeepr.Errorf(skillkeepr.EINVALID, "This job was not imported from Lever, so there are no Lever candidates to import.")
		} else if err != nil {
			return err
		}
		var status string
		err = tx.queryRow(ctx, `SELECT status FROM lever_connections WHERE org_id = ?`, a.OrgID).Scan(&status)
		if err != nil && !errors.Is(err, sql.ErrNoRows) {
			return dbErr("lever connection", err)
		}
		if status != string(skillkeepr.LeverConnected) {
			return skillkeepr.Errorf(skillkeepr.EUNAVAILABLE, "Lever is not connected, so candidates cannot be imported. A Super Admin can connect Lever on the Integrations page.")
		}
		var running int64
		err = tx.queryRow(ctx, `SELECT id FROM lever_import_runs WHERE org_id = ? AND job_id = ? AND state = ? ORDER BY id DESC LIMIT 1`,
			a.OrgID, jobID, string(skillkeepr.ImportRunning)).Scan(&running)
		if err == nil {
			stalled, err := s.endStalledImport(ctx, tx, a, jobID, running)
			if err != nil || !stalled {
				if err == nil {
					run, err = importRun(ctx, tx.conn, a.OrgID, running)
				}
				return err
			}
		} else if !errors.Is(err, sql.ErrNoRows) {
			return dbErr("start import", err)
		}
		var since sql.NullInt64
		err = tx.queryRow(ctx, `SELECT started_at FROM lever_import_runs WHERE org_id = ? AND job_id = ? AND state IN (?, ?) ORDER BY id DESC LIMIT 1`,
			a.OrgID, jobID, string(skillkeepr.ImportCompleted), string(skillkeepr.ImportCompletedWithFailure)).Scan(&since)
		if err != nil && !errors.Is(err, sql.ErrNoRows) {
			return dbErr("start import", err)
		}
		id, err := tx.insert(ctx, `INSERT INTO lever_import_runs (org_id, job_id, posting_id, state, since, started_by_id, started_by_name, started_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, a.OrgID, jobID, link.PostingID, string(skillkeepr.ImportRunning), since, nullID(a.UserID), a.Name, ts(s.clock()))
		if err != nil {
			return dbErr("start import", err)
		}
		if err := s.enqueueImport(ctx, tx, a.OrgID, id); err != nil {
			return err
		}
		if run, err = importRun(ctx, tx.conn, a.OrgID, id); err != nil {
			return err
		}
		what := "all candidates"
		if run.Since != nil {
			what = "candidates changed in Lever since " + run.Since.Format("2 Jan 2006 15:04 UTC")
		}
		return tx.audit(ctx, a.OrgID, a, "lever_import.start", "job", jobID, "Started importing "+what+" of "+jobLabel(job)+" from Lever",
			nil, fields{"run_id": id, "posting_id": link.PostingID})
	})
	if err != nil {
		return nil, err
	}
	return run, nil
}

// LeverImportRuns lists the import runs of a job the actor may see,
// newest first.
func (s *Store) LeverImportRuns(ctx context.Context, jobID int64) ([]*skillkeepr.LeverImportRun, error) {
	a, err := skillkeepr.RequireActor(ctx)
	if err != nil {
		return nil, err
	}
	c := s.read()
	if _, err := jobFor(ctx, c, a, jobID, skillkeepr.ActViewJob); err != nil {
		return nil, err
	}
	rows, err := c.query(ctx, importRunSelect+` WHERE r.org_id = ? AND r.job_id = ? ORDER BY r.id DESC LIMIT 100`, a.OrgID, jobID)
	if err != nil {
		return nil, dbErr("import runs", err)
	}
	defer closeRows(rows)
	out := []*skillkeepr.LeverImportRun{}
	for rows.Next() {
		r, err := scanImportRun(rows)
		if err != nil {
			return nil, dbErr("import runs", err)
		}
		out = append(out, r)
	}
	return out, dbErr("import runs", rows.Err())
}

// LeverImportRun returns a run with its log, if the actor may see its job.
func (s *Store) LeverImportRun(ctx context.Context, runID int64) (*skillkeepr.LeverImportRun, error) {
	a, err := skillkeepr.RequireActor(ctx)
	if err != nil {
		return nil, err
	}
	c := s.read()
	r, err := importRun(ctx, c, a.OrgID, runID)
	if err != nil {
		return nil, err
	}
	if _, err := jobFor(ctx, c, a, r.JobID, skillkeepr.ActViewJob); err != nil {
		if skillkeepr.ErrorCodeOf(err) == skillkeepr.ENOTFOUND {
			return nil, skillkeepr.NotFound("Import")
		}
		return nil, err
	}
	if r.Entries, err = importEntries(ctx, c, a.OrgID, runID); err != nil {
		return nil, err
	}
	return r, nil
}

// RetryLeverImport forgets the failed entries of a run (all, or the one
// entryID names) and runs it again in the background; those candidates are
// tried again, the others are kept as they are. A paused or failed run
// resumes where it stopped.
func (s *Store) RetryLeverImport(ctx context.Context, runID, entryID int64) (*skillkeepr.LeverImportRun, error) {
	a, err := skillkeepr.RequireActor(ctx)
	if err != nil {
		return nil, err
	}
	var run *skillkeepr.LeverImportRun
	err = s.inTx(ctx, func(tx *txn) error {
		r, err := importRun(ctx, tx.conn, a.OrgID, runID)
		if err != nil {
			return err
		}
		job, err := jobFor(ctx, tx.conn, a, r.JobID, skillkeepr.ActManageCandidates)
		if err != nil {
			if skillkeepr.ErrorCodeOf(err) == skillkeepr.ENOTFOUND {
				return skillkeepr.NotFound("Import")
			}
			return err
		}
		var n int
		if err := tx.queryRow(ctx, `SELECT count(*) FROM lever_import_runs WHERE org_id = ? AND job_id = ? AND state = ?`,
			a.OrgID, r.JobID, string(skillkeepr.ImportRunning)).Scan(&n); err != nil {
			return dbErr("retry import", err)
		}
		if n > 0 {
			return skillkeepr.Errorf(skillkeepr.ECONFLICT, "An import of this job is running. Wait until it has finished, then click Retry.")
		}
		q, args := `DELETE FROM lever_import_entries WHERE org_id = ? AND run_id = ? AND outcome = ?`, []any{a.OrgID, runID, string(skillkeepr.OutcomeFailed)}
		summary := "Retried the failed candidates of an import of " + jobLabel(job) + " from Lever"
		if entryID != 0 {
			var name string
			err := tx.queryRow(ctx, `SELECT candidate_name FROM lever_import_entries WHERE id = ? AND run_id = ? AND org_id = ? AND outcome = ?`,
				entryID, runID, a.OrgID, string(skillkeepr.OutcomeFailed)).Scan(&name)
			if err != nil {
				return notFound(err, "Failed candidate", "retry import")
			}
			q, args = q+` AND id = ?`, append(args, entryID)
			summary = "Retried importing " + name + " into " + jobLabel(job) + " from Lever"
		}
		if _, err := tx.exec(ctx, q, args...); err != nil {
			return dbErr("retry import", err)
		}
		if _, err := tx.exec(ctx, `UPDATE lever_import_runs SET state = ?, message = '', finished_at = NULL WHERE id = ? AND org_id = ?`,
			string(skillkeepr.ImportRunning), runID, a.OrgID); err != nil {
			return dbErr("retry import", err)
		}
		if err := s.enqueueImport(ctx, tx, a.OrgID, runID); err != nil {
			return err
		}
		if run, err = importRun(ctx, tx.conn, a.OrgID, runID); err != nil {
			return err
		}
		return tx.audit(ctx, a.OrgID, a, "lever_import.retry", "job", r.JobID, summary, nil, fields{"run_id": runID, "entry_id": entryID})
	})
	if err != nil {
		return nil, err
	}
	return run, nil
}

// LeverImportRunFor returns a run for the background import.
func (s *Store) LeverImportRunFor(ctx context.Context, orgID, runID int64) (*skillkeepr.LeverImportRun, error) {
	return importRun(ctx, s.read(), orgID, runID)
}

// LeverImportLogged returns the opportunities that already have a line in
// the run's log.
func (s *Store) LeverImportLogged(ctx context.Context, orgID, runID int64) (map[string]bool, error) {
	rows, err := s.read().query(ctx, `SELECT opportunity_id FROM lever_import_entries WHERE org_id = ? AND run_id = ?`, orgID, runID)
	if err != nil {
		return nil, dbErr("import log", err)
	}
	defer closeRows(rows)
	out := map[string]bool{}
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			return nil, dbErr("import log", err)
		}
		out[id] = true
	}
	return out, dbErr("import log", rows.Err())
}

// SetLeverImportFound records how many candidates the run found in Lever.
func (s *Store) SetLeverImportFound(ctx context.Context, orgID, runID int64, found int) error {
	return s.inTx(ctx, func(tx *txn) error {
		_, err := tx.exec(ctx, `UPDATE lever_import_runs SET found = ? WHERE id = ? AND org_id = ?`, found, runID, orgID)
		return dbErr("import found", err)
	})
}

// LeverApplications returns what is kept of the opportunities imported
// into a job, by opportunity id.
func (s *Store) LeverApplications(ctx context.Context, orgID, jobID int64) (map[string]*skillkeepr.LeverApplication, error) {
	rows, err := s.read().query(ctx, `SELECT application_id, job_id, opportunity_id, resume_id, stage_name, tags, sources, owner_name
		FROM lever_applications WHERE org_id = ? AND job_id = ?`, orgID, jobID)
	if err != nil {
		return nil, dbErr("lever applications", err)
	}
	defer closeRows(rows)
	out := map[string]*skillkeepr.LeverApplication{}
	for rows.Next() {
		la := &skillkeepr.LeverApplication{}
		var tags, sources string
		if err := rows.Scan(&la.ApplicationID, &la.JobID, &la.OpportunityID, &la.ResumeID, &la.StageName, &tags, &sources, &la.OwnerName); err != nil {
			return nil, dbErr("lever applications", err)
		}
		la.Tags, la.Sources = decodeList(tags), decodeList(sources)
		out[la.OpportunityID] = la
	}
	return out, dbErr("lever applications", rows.Err())
}

// AddLeverImportEntry writes a line of the run's log for a candidate that
// was skipped or failed; a line already there is kept.
func (s *Store) AddLeverImportEntry(ctx context.Context, orgID, runID int64, e skillkeepr.LeverImportEntry) error {
	return s.inTx(ctx, func(tx *txn) error {
		return addEntry(ctx, tx, orgID, runID, &e)
	})
}

func addEntry(ctx context.Context, tx *txn, orgID, runID int64, e *skillkeepr.LeverImportEntry) error {
	_, err := tx.exec(ctx, `INSERT INTO lever_import_entries (org_id, run_id, opportunity_id, candidate_name, outcome, reason, message, application_id, candidate_id, created_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (run_id, opportunity_id) DO NOTHING`,
		orgID, runID, e.OpportunityID, e.CandidateName, string(e.Outcome), e.Reason, e.Message, nullID(e.ApplicationID), nullID(e.CandidateID), ts(tx.s.clock()))
	return dbErr("import log", err)
}

// ImportStallAfter is how long a running import may go without logging a
// candidate before starting the import again replaces it. It is longer than
// one attempt of the queue job (2 hours) plus its back-off, so only a run
// whose job is gone (its worker died on the last attempt, or the job was
// removed) counts as stalled; a job still alive finds its run ended and
// stops.
const ImportStallAfter = 3 * time.Hour

// endStalledImport ends the running run as failed when it has logged nothing
// for ImportStallAfter, so a lost background job cannot block the job's
// imports for ever; it reports whether it did.
func (s *Store) endStalledImport(ctx context.Context, tx *txn, a *skillkeepr.Actor, jobID, runID int64) (bool, error) {
	var started int64
	var last sql.NullInt64
	err := tx.queryRow(ctx, `SELECT r.started_at, (SELECT MAX(e.created_at) FROM lever_import_entries e WHERE e.run_id = r.id)
		FROM lever_import_runs r WHERE r.id = ? AND r.org_id = ?`, runID, a.OrgID).Scan(&started, &last)
	if err != nil {
		return false, dbErr("start import", err)
	}
	active := max(started, last.Int64)
	now := s.clock()
	if now.Sub(fromTS(active)) < ImportStallAfter {
		return false, nil
	}
	const msg = "This import stopped without finishing (the server may have restarted while it ran). A new import was started in its place."
	if _, err := tx.exec(ctx, `UPDATE lever_import_runs SET state = ?, message = ?, finished_at = ? WHERE id = ? AND org_id = ?`,
		string(skillkeepr.ImportFailed), msg, ts(now), runID, a.OrgID); err != nil {
		return false, dbErr("start import", err)
	}
	return true, tx.audit(ctx, a.OrgID, a, "lever_import.stalled", "job", jobID,
		"A stalled import of candidates from Lever was ended", nil, fields{"run_id": runID, "last_activity": fromTS(active)})
}

// FinishLeverImport ends a running run in state with a message in plain
// words, audited; a run no longer running is left alone.
func (s *Store) FinishLeverImport(ctx context.Context, orgID, runID int64, state skillkeepr.LeverImportState, msg string) (*skillkeepr.LeverImportRun, error) {
	var run *skillkeepr.LeverImportRun
	err := s.inTx(ctx, func(tx *txn) error {
		r, err := importRun(ctx, tx.conn, orgID, runID)
		if err != nil {
			return err
		}
		if r.State != skillkeepr.ImportRunning {
			run = r
			return nil
		}
		if state == skillkeepr.ImportCompleted && r.Failed > 0 {
			state = skillkeepr.ImportCompletedWithFailure
		}
		if _, err := tx.exec(ctx, `UPDATE lever_import_runs SET state = ?, message = ?, finished_at = ? WHERE id = ? AND org_id = ?`,
			string(state), msg, ts(s.clock()), runID, orgID); err != nil {
			return dbErr("finish import", err)
		}
		if run, err = importRun(ctx, tx.conn, orgID, runID); err != nil {
			return err
		}
		summary := "Import of candidates of job #" + strconv.FormatInt(run.JobNumber, 10) + " " + run.JobTitle + " from Lever: " + state.Label() +
			" (" + strconv.Itoa(run.Imported) + " imported, " + strconv.Itoa(run.Updated) + " updated, " +
			strconv.Itoa(run.Skipped) + " skipped, " + strconv.Itoa(run.Failed) + " failed)"
		return tx.audit(ctx, orgID, nil, "lever_import.finish", "job", run.JobID, summary, nil,
			fields{"run_id": runID, "state": string(state), "found": run.Found, "imported": run.Imported, "updated": run.Updated,
				"skipped": run.Skipped, "failed": run.Failed})
	})
	return run, err
}

func nullTime(t time.Time) sql.NullInt64 {
	if t.IsZero() {
		return sql.NullInt64{}
	}
	return sql.NullInt64{Int64: ts(t), Valid: true}
}

// SaveLeverCandidate saves one Lever candidate of a run into the run's job
// and logs the outcome, in one transaction: an opportunity imported before
// is updated; a person whose email is already a candidate of the job is
// skipped as a duplicate; a person known from another job gets an
// application to this one; anyone else becomes a new candidate. The résumé,
// when given, is stored first and deleted again if the transaction fails.
// Saving the same opportunity twice in a run returns the first line.
func (s *Store) SaveLeverCandidate(ctx context.Context, orgID, runID int64, rec skillkeepr.LeverCandidateRecord) (*skillkeepr.LeverImportEntry, error) {
	if err := rec.CandidateFields.Validate(); err != nil {
		return nil, err
	}
	// Only the run's job is needed here: loading the whole run would count
	// its log on every save and make a large import quadratic.
	var runJobID int64
	err := s.read().queryRow(ctx, `SELECT job_id FROM lever_import_runs WHERE id = ? AND org_id = ?`, runID, orgID).Scan(&runJobID)
	if err != nil {
		return nil, notFound(err, "Import", "find import run")
	}
	var blobKey, sum string
	var size int64
	if rec.Resume != nil {
		if s.blobs == nil {
			return nil, skillkeepr.Errorf(skillkeepr.EUNAVAILABLE, "File storage is not set up, so the résumé cannot be kept.")
		}
		h := sha256.Sum256(rec.Resume.Data)
		sum = hex.EncodeToString(h[:])
		blobKey = "org/" + strconv.FormatInt(orgID, 10) + "/resumes/" + skillkeepr.NewToken()
		if size, err = s.blobs.Put(ctx, blobKey, bytes.NewReader(rec.Resume.Data)); err != nil {
			return nil, dbErr("store resume", err)
		}
	}
	var entry *skillkeepr.LeverImportEntry
	resumeUsed := false
	err = s.inTx(ctx, func(tx *txn) error {
		resumeUsed = false
		var logged int64
		err := tx.queryRow(ctx, `SELECT id FROM lever_import_entries WHERE run_id = ? AND opportunity_id = ? AND org_id = ?`, runID, rec.OpportunityID, orgID).Scan(&logged)
		if err == nil {
			es, err := importEntries(ctx, tx.conn, orgID, runID)
			if err != nil {
				return err
			}
			for _, e := range es {
				if e.ID == logged {
					entry = e
				}
			}
			return nil
		} else if !errors.Is(err, sql.ErrNoRows) {
			return dbErr("import log", err)
		}
		job, err := jobByID(ctx, tx.conn, orgID, runJobID)
		if err != nil {
			return err
		}
		now := ts(s.clock())
		e := &skillkeepr.LeverImportEntry{OpportunityID: rec.OpportunityID, CandidateName: rec.Name, Reason: rec.Reason}
		var appID, candID int64
		err = tx.queryRow(ctx, `SELECT la.application_id, a.candidate_id FROM lever_applications la JOIN applications a ON a.id = la.application_id
			WHERE la.org_id = ? AND la.opportunity_id = ?`, orgID, rec.OpportunityID).Scan(&appID, &candID)
		switch {
		case err == nil:
			// Imported before: refresh what Lever says.
			old, err := scanCandidate(tx.queryRow(ctx, `SELECT `+candidateColumns+` FROM candidates c WHERE c.id = ? AND c.org_id = ?`, candID, orgID))
			if err != nil {
				return dbErr("update lever candidate", err)
			}
			if err := s.addCandidateEmails(ctx, tx, orgID, candID, rec.Emails); err != nil {
				return err
			}
			emails, err := candidateEmails(ctx, tx.conn, orgID, candID)
			if err != nil {
				return err
			}
			loc := rec.Location
			if loc == "" {
				loc = old.Location
			}
			if _, err := tx.exec(ctx, `UPDATE candidates SET name = ?, emails = ?, email = ?, phones = ?, links = ?, location = ?, updated_at = ? WHERE id = ? AND org_id = ?`,
				rec.Name, encodeList(emails), first(emails), encodeList(merge(old.Phones, rec.Phones)), encodeList(merge(old.Links, rec.Links)), loc, now, candID, orgID); err != nil {
				return dbErr("update lever candidate", err)
			}
			q := `UPDATE lever_applications SET stage_name = ?, tags = ?, sources = ?, owner_name = ?, lever_created_at = ?, lever_updated_at = ?`
			args := []any{rec.StageName, encodeList(rec.Tags), encodeList(rec.Sources), rec.OwnerName, nullTime(rec.CreatedAt), nullTime(rec.UpdatedAt)}
			if rec.ResumeID != "" {
				q += `, resume_id = ?`
				args = append(args, rec.ResumeID)
			}
			if _, err := tx.exec(ctx, q+` WHERE application_id = ? AND org_id = ?`, append(args, appID, orgID)...); err != nil {
				return dbErr("update lever candidate", err)
			}
			if _, err := tx.exec(ctx, `UPDATE applications SET updated_at = ? WHERE id = ? AND org_id = ?`, now, appID, orgID); err != nil {
				return dbErr("update lever candidate", err)
			}
			e.Outcome = skillkeepr.OutcomeUpdated
			e.Message = "Updated with the latest details from Lever."
			if err := importEvent(ctx, tx, orgID, candID, appID, "lever_updated", "Details updated from Lever"); err != nil {
				return err
			}
		case errors.Is(err, sql.ErrNoRows):
			if len(rec.Emails) > 0 {
				err := tx.queryRow(ctx, `SELECT candidate_id FROM candidate_emails WHERE org_id = ? AND email IN (`+placeholders(len(rec.Emails))+`) ORDER BY candidate_id LIMIT 1`,
					append([]any{orgID}, stringArgs(rec.Emails)...)...).Scan(&candID)
				if err != nil && !errors.Is(err, sql.ErrNoRows) {
					return dbErr("find candidate by email", err)
				}
			}
			if candID != 0 {
				var dupName string
				err := tx.queryRow(ctx, `SELECT c.name FROM applications a JOIN candidates c ON c.id = a.candidate_id
					WHERE a.candidate_id = ? AND a.job_id = ? AND a.org_id = ?`, candID, job.ID, orgID).Scan(&dupName)
				if err == nil {
					e.Outcome, e.Reason, e.CandidateID = skillkeepr.OutcomeSkipped, skillkeepr.ReasonDuplicateEmail, candID
					e.Message = "Skipped: a candidate with the same email (" + dupName + ") is already in this job."
					entry = e
					return addEntry(ctx, tx, orgID, runID, e)
				} else if !errors.Is(err, sql.ErrNoRows) {
					return dbErr("find duplicate", err)
				}
				old, err := scanCandidate(tx.queryRow(ctx, `SELECT `+candidateColumns+` FROM candidates c WHERE c.id = ? AND c.org_id = ?`, candID, orgID))
				if err != nil {
					return dbErr("import lever candidate", err)
				}
				if err := s.addCandidateEmails(ctx, tx, orgID, candID, rec.Emails); err != nil {
					return err
				}
				emails, err := candidateEmails(ctx, tx.conn, orgID, candID)
				if err != nil {
					return err
				}
				loc := old.Location
				if loc == "" {
					loc = rec.Location
				}
				if _, err := tx.exec(ctx, `UPDATE candidates SET emails = ?, email = ?, phones = ?, links = ?, location = ?, updated_at = ? WHERE id = ? AND org_id = ?`,
					encodeList(emails), first(emails), encodeList(merge(old.Phones, rec.Phones)), encodeList(merge(old.Links, rec.Links)), loc, now, candID, orgID); err != nil {
					return dbErr("import lever candidate", err)
				}
			} else {
				candID, err = tx.insert(ctx, `INSERT INTO candidates (org_id, name, email, emails, phones, links, location, source, created_at, updated_at)
					VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, orgID, rec.Name, first(rec.Emails), encodeList(rec.Emails), encodeList(rec.Phones),
					encodeList(rec.Links), rec.Location, "lever", now, now)
				if err != nil {
					return dbErr("import lever candidate", err)
				}
				if err := s.addCandidateEmails(ctx, tx, orgID, candID, rec.Emails); err != nil {
					return err
				}
			}
			// lever_opportunity_id is what the stage tags write to.
			appID, err = tx.insert(ctx, `INSERT INTO applications (org_id, candidate_id, job_id, status, lever_opportunity_id, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)`,
				orgID, candID, job.ID, string(skillkeepr.StatusNew), rec.OpportunityID, now, now)
			if err != nil {
				return dbErr("import lever application", err)
			}
			if _, err := tx.exec(ctx, `INSERT INTO lever_applications (application_id, org_id, job_id, opportunity_id, stage_name, tags, sources, owner_name, resume_id, lever_created_at, lever_updated_at, imported_at)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, appID, orgID, job.ID, rec.OpportunityID, rec.StageName, encodeList(rec.Tags), encodeList(rec.Sources),
				rec.OwnerName, rec.ResumeID, nullTime(rec.CreatedAt), nullTime(rec.UpdatedAt), now); err != nil {
				return dbErr("import lever application", err)
			}
			e.Outcome = skillkeepr.OutcomeImported
			e.Message = "Imported."
			if err := importEvent(ctx, tx, orgID, candID, appID, "created", "Imported from Lever into "+jobLabel(job)); err != nil {
				return err
			}
		default:
			return dbErr("find lever application", err)
		}
		if rec.Message != "" {
			e.Message = rec.Message
		}
		if rec.Resume != nil {
			resumeID, err := tx.insert(ctx, `INSERT INTO resume_files (org_id, candidate_id, file_name, content_type, size, sha256, blob_key, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
				orgID, candID, rec.Resume.FileName, rec.Resume.ContentType, size, sum, blobKey, now)
			if err != nil {
				return dbErr("store resume", err)
			}
			// The import read the text already; keep it rather than reading
			// the file twice.
			if rec.Text != nil {
				rt := *rec.Text
				rt.ResumeID = resumeID
				if err := saveResumeText(ctx, tx, orgID, &rt); err != nil {
					return err
				}
			}
			resumeUsed = true
			if err := importEvent(ctx, tx, orgID, candID, appID, "resume_added", "Résumé imported from Lever: "+rec.Resume.FileName); err != nil {
				return err
			}
		}
		e.ApplicationID, e.CandidateID = appID, candID
		entry = e
		if rec.Resume != nil || e.Outcome == skillkeepr.OutcomeImported {
			if err := s.enqueueScoring(ctx, tx, skillkeepr.ScoreCandidateTask{OrgID: orgID, CandidateID: candID}); err != nil {
				return err
			}
		}
		return addEntry(ctx, tx, orgID, runID, e)
	})
	if blobKey != "" && (err != nil || !resumeUsed) {
		if derr := s.blobs.Delete(context.WithoutCancel(ctx), blobKey); derr != nil {
			s.log.Error("delete unused imported résumé", "key", blobKey, "err", derr)
		}
	}
	if err != nil {
		return nil, err
	}
	return entry, nil
}

func importEvent(ctx context.Context, tx *txn, orgID, candID, appID int64, kind, msg string) error {
	_, err := tx.exec(ctx, `INSERT INTO events (org_id, candidate_id, application_id, actor_id, actor_name, kind, message, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
		orgID, candID, appID, nil, "Lever import", kind, msg, ts(tx.s.clock()))
	return dbErr("timeline event", err)
}
