package sqlstore

import (
	"context"
	"strings"

	"github.com/skillkeepr/skillkeepr"
)

// applicationFor loads an application of the actor's organisation and its
// job, which the actor must be able to see.
func applicationFor(ctx context.Context, c conn, a *skillkeepr.Actor, id int64) (*skillkeepr.Application, *skillkeepr.Job, error) {
	app, err := scanApplication(c.queryRow(ctx, applicationSelect+` WHERE a.id = ? AND a.org_id = ? AND j.org_id = ?`, id, a.OrgID, a.OrgID))
	if err != nil {
		return nil, nil, notFound(err, "Application", "find application")
	}
	job, err := jobByID(ctx, c, a.OrgID, app.JobID)
	if err != nil {
		return nil, nil, err
	}
	if err := skillkeepr.Authorize(a, skillkeepr.ActViewJob, skillkeepr.Target{Job: job}); err != nil {
		if skillkeepr.ErrorCodeOf(err) == skillkeepr.ENOTFOUND {
			return nil, nil, skillkeepr.NotFound("Application")
		}
		return nil, nil, err
	}
	return app, job, nil
}

// FindApplicationByID returns an application to a job the actor may see.
func (s *Store) FindApplicationByID(ctx context.Context, id int64) (*skillkeepr.Application, error) {
	a, err := skillkeepr.RequireActor(ctx)
	if err != nil {
		return nil, err
	}
	app, _, err := applicationFor(ctx, s.read(), a, id)
	return app, err
}

// MaxNoteLength bounds the note of a status change.
const MaxNoteLength = 5000

// SetApplicationStatus changes the status (ActManageCandidates on the job;
// ActRecommend for recommended / not recommended), writes a timeline event
// with the note and an audit entry, in one transaction. Setting the
// current status again without a note changes nothing.
func (s *Store) SetApplicationStatus(ctx context.Context, id int64, status skillkeepr.ApplicationStatus, note string) (*skillkeepr.Application, error) {
	a, err := skillkeepr.RequireActor(ctx)
	if err != nil {
		return nil, err
	}
	note = strings.TrimSpace(note)
	v := skillkeepr.Validation{}
	v.Check(status.Valid(), "status", "Choose a status from the list.")
	v.Check(len(note) <= MaxNoteLength, "note", "Use at most 5,000 characters.")
	if err := v.Err(); err != nil {
		return nil, err
	}
	var out *skillkeepr.Application
	err = s.inTx(ctx, func(tx *txn) error {
		app, job, err := applicationFor(ctx, tx.conn, a, id)
		if err != nil {
			return err
		}
		act := skillkeepr.ActManageCandidates
		if status == skillkeepr.StatusRecommended || status == skillkeepr.StatusNotRecommended {
			act = skillkeepr.ActRecommend
		}
		if err := skillkeepr.Authorize(a, act, skillkeepr.Target{Job: job}); err != nil {
			return err
		}
		if app.Status == status && note == "" {
			out = app
			return nil
		}
		out, err = s.changeApplicationStatus(ctx, tx, a, app, job, status, note)
		return err
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// changeApplicationStatus moves app (of job) to status inside tx: the
// update, a timeline event with the note, the Lever tag sync and an audit
// entry. Callers have checked permissions. Interview booking, cancelling
// and marking share it with SetApplicationStatus.
func (s *Store) changeApplicationStatus(ctx context.Context, tx *txn, a *skillkeepr.Actor, app *skillkeepr.Application, job *skillkeepr.Job, status skillkeepr.ApplicationStatus, note string) (*skillkeepr.Application, error) {
	id := app.ID
	var name string
	if err := tx.queryRow(ctx, `SELECT name FROM candidates WHERE id = ? AND org_id = ?`, app.CandidateID, a.OrgID).Scan(&name); err != nil {
		return nil, dbErr("set status", err)
	}
	now := s.clock()
	if _, err := tx.exec(ctx, `UPDATE applications SET status = ?, updated_at = ? WHERE id = ? AND org_id = ?`, string(status), ts(now), id, a.OrgID); err != nil {
		return nil, dbErr("set status", err)
	}
	if status == skillkeepr.StatusRecommended || status == skillkeepr.StatusNotRecommended {
		// The recommendation comment is what Push sends to Lever.
		if err := setDecision(ctx, tx, a, id, note, now); err != nil {
			return nil, err
		}
	}
	msg := "Status changed from " + app.Status.Label() + " to " + status.Label() + " on " + jobLabel(job) + "."
	if app.Status == status {
		msg = "Note on " + jobLabel(job) + "."
	}
	if note != "" {
		msg += " Note: " + note
	}
	if err := tx.event(ctx, a, app.CandidateID, id, "status_changed", msg); err != nil {
		return nil, err
	}
	if app.Status != status {
		if err := s.enqueueLeverStageSync(ctx, tx, a, app, status); err != nil {
			return nil, err
		}
	}
	before := fields{"status": app.Status}
	after := fields{"status": status}
	if note != "" {
		after["note"] = note
	}
	n := *app
	n.Status, n.UpdatedAt = status, now
	return &n, tx.audit(ctx, a.OrgID, a, "application.status_change", "application", id,
		"Moved "+name+" from "+app.Status.Label()+" to "+status.Label()+" on "+jobLabel(job), before, after)
}

// FindEvents returns a candidate's timeline, newest first: the events of
// applications the actor may see and those of no application.
func (s *Store) FindEvents(ctx context.Context, candidateID int64) ([]*skillkeepr.Event, error) {
	a, err := skillkeepr.RequireActor(ctx)
	if err != nil {
		return nil, err
	}
	c := s.read()
	cand, err := candidateFor(ctx, c, a, candidateID)
	if err != nil {
		return nil, err
	}
	ids := make([]int64, 0, len(cand.Applications))
	for _, app := range cand.Applications {
		ids = append(ids, app.ID)
	}
	rows, err := c.query(ctx, `SELECT id, org_id, candidate_id, COALESCE(application_id, 0), COALESCE(actor_id, 0), actor_name, kind, message, created_at
		FROM events WHERE candidate_id = ? AND org_id = ? AND (application_id IS NULL OR application_id IN (`+placeholders(len(ids))+`))
		ORDER BY created_at DESC, id DESC`, append([]any{candidateID, a.OrgID}, int64Args(ids)...)...)
	if err != nil {
		return nil, dbErr("find events", err)
	}
	defer closeRows(rows)
	out := []*skillkeepr.Event{}
	for rows.Next() {
		e := &skillkeepr.Event{}
		var created int64
		if err := rows.Scan(&e.ID, &e.OrgID, &e.CandidateID, &e.ApplicationID, &e.ActorID, &e.ActorName, &e.Kind, &e.Message, &created); err != nil {
			return nil, dbErr("find events", err)
		}
		e.CreatedAt = fromTS(created)
		out = append(out, e)
	}
	return out, dbErr("find events", rows.Err())
}
