package sqlstore

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"errors"
	"time"

	"github.com/skillkeepr/skillkeepr"
)

// Push to Lever (docs/lever.md, "Push"). The web UI and the API start a
// push through leversync.Pushes, which calls CreateLeverPush with the
// stage checked against Lever; the lever_push worker reads LeverPushWork,
// records each write step with SaveLeverPushSteps and ends with
// FinishLeverPush.

// setDecision keeps the comment given with Recommend to Hire / Not
// recommended on the application, for the push.
func setDecision(ctx context.Context, tx *txn, a *skillkeepr.Actor, applicationID int64, note string, now time.Time) error {
	_, err := tx.exec(ctx, `UPDATE applications SET decision_comment = ?, decision_by_id = ?, decision_at = ? WHERE id = ? AND org_id = ?`,
		note, a.UserID, ts(now), applicationID, a.OrgID)
	return dbErr("set decision", err)
}

// ApplicationDecision returns the recommendation comment of an application
// the actor may see, with who gave it ("" when none).
func (s *Store) ApplicationDecision(ctx context.Context, applicationID int64) (comment, by string, err error) {
	a, err := skillkeepr.RequireActor(ctx)
	if err != nil {
		return "", "", err
	}
	if _, _, err := applicationFor(ctx, s.read(), a, applicationID); err != nil {
		return "", "", err
	}
	var name sql.NullString
	err = s.read().queryRow(ctx, `SELECT a.decision_comment, u.name FROM applications a LEFT JOIN users u ON u.id = a.decision_by_id AND u.org_id = a.org_id
		WHERE a.id = ? AND a.org_id = ?`, applicationID, a.OrgID).Scan(&comment, &name)
	if err != nil {
		return "", "", notFound(err, "Application", "application decision")
	}
	return comment, name.String, nil
}

// pushTarget is what the push needs to know about an application before
// it asks Lever for the stages.
type pushTarget struct {
	Dialog skillkeepr.LeverPushDialog
	// Reason is why the application cannot be pushed, in plain words (""
	// when it can).
	Reason string
}

const leverPushSelect = `SELECT p.id, p.application_id, a.candidate_id, a.job_id, p.opportunity_id, p.stage_id, p.stage_name, p.state, p.message,
	p.requested_by_id, p.requested_by_name, p.performed_as, p.stage_done, p.tag_done, p.note_state, p.note_id, p.feedback_state, p.feedback_id,
	p.created_at, p.updated_at, p.pushed_at
	FROM lever_pushes p JOIN applications a ON a.id = p.application_id AND a.org_id = p.org_id`

func scanLeverPush(sc interface{ Scan(...any) error }) (*skillkeepr.LeverPush, error) {
	p := &skillkeepr.LeverPush{}
	var by sql.NullInt64
	var created, updated int64
	var pushed sql.NullInt64
	if err := sc.Scan(&p.ID, &p.ApplicationID, &p.CandidateID, &p.JobID, &p.OpportunityID, &p.StageID, &p.StageName, &p.State, &p.Message,
		&by, &p.RequestedByName, &p.PerformedAs, &p.Steps.Stage, &p.Steps.Tag, &p.Steps.Note, &p.Steps.NoteID, &p.Steps.Feedback, &p.Steps.FeedbackID,
		&created, &updated, &pushed); err != nil {
		return nil, err
	}
	p.RequestedByID = by.Int64
	p.CreatedAt, p.UpdatedAt, p.PushedAt = fromTS(created), fromTS(updated), fromNullTS(pushed)
	return p, nil
}

// leverPushOf returns the application's push, nil when it has none.
func leverPushOf(ctx context.Context, c conn, orgID, applicationID int64) (*skillkeepr.LeverPush, error) {
	p, err := scanLeverPush(c.queryRow(ctx, leverPushSelect+` WHERE p.org_id = ? AND p.application_id = ?`, orgID, applicationID))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	if err != nil {
		return nil, dbErr("lever push", err)
	}
	return p, nil
}

// LeverPushTarget loads an application for the Change Job Stage dialog
// (ActManageCandidates on its job).
// The reason is why it cannot be pushed, in plain words ("" when it can).
func (s *Store) LeverPushTarget(ctx context.Context, applicationID int64) (*skillkeepr.LeverPushDialog, string, error) {
	a, err := skillkeepr.RequireActor(ctx)
	if err != nil {
		return nil, "", err
	}
	t, err := s.leverPushTarget(ctx, s.read(), a, applicationID)
	if err != nil {
		return nil, "", err
	}
	return &t.Dialog, t.Reason, nil
}

func (s *Store) leverPushTarget(ctx context.Context, c conn, a *skillkeepr.Actor, applicationID int64) (*pushTarget, error) {
	app, job, err := applicationFor(ctx, c, a, applicationID)
	if err != nil {
		return nil, err
	}
	if err := skillkeepr.Authorize(a, skillkeepr.ActManageCandidates, skillkeepr.Target{Job: job}); err != nil {
		return nil, err
	}
	t := &pushTarget{Dialog: skillkeepr.LeverPushDialog{ApplicationID: app.ID, CandidateID: app.CandidateID, JobID: job.ID, JobTitle: job.Title}}
	var opp, conn sql.NullString
	var linked sql.NullInt64
	err = c.queryRow(ctx, `SELECT c.name, a.lever_opportunity_id, l.job_id, lc.status FROM applications a
		JOIN candidates c ON c.id = a.candidate_id AND c.org_id = a.org_id
		LEFT JOIN lever_job_links l ON l.job_id = a.job_id AND l.org_id = a.org_id
		LEFT JOIN lever_connections lc ON lc.org_id = a.org_id
		WHERE a.id = ? AND a.org_id = ?`, app.ID, a.OrgID).Scan(&t.Dialog.CandidateName, &opp, &linked, &conn)
	if err != nil {
		return nil, notFound(err, "Application", "lever push")
	}
	if t.Dialog.Push, err = leverPushOf(ctx, c, a.OrgID, app.ID); err != nil {
		return nil, err
	}
	switch {
	case !linked.Valid:
		t.Reason = "This job was not imported from Lever, so its candidates cannot be pushed to Lever."
	case !opp.Valid || opp.String == "":
		t.Reason = "This candidate was not imported from Lever, so there is nothing to update in Lever."
	case !conn.Valid || conn.String == string(skillkeepr.LeverDisconnected):
		t.Reason = "Lever is not connected. A Super Admin can connect it on the Integrations page."
	case t.Dialog.Push == nil && app.Status != skillkeepr.StatusRecommended:
		t.Reason = "Only candidates recommended for hire can be pushed to Lever; this one is " + app.Status.Label() + "."
	}
	l := &skillkeepr.LeverJobLink{JobID: job.ID}
	if linked.Valid {
		if err := fillStageMapping(ctx, c, a.OrgID, l); err != nil {
			return nil, err
		}
		t.Dialog.DefaultStageID = skillkeepr.StageFor(l.StageMapping, skillkeepr.StatusRecommended).StageID
	}
	return t, nil
}

// NewPushRef returns a random push marker.
func newPushRef() string {
	var b [9]byte
	_, _ = rand.Read(b[:])
	return "skp-" + hex.EncodeToString(b[:])
}

// CreateLeverPush starts the push of an application to a stage the caller
// checked against Lever, or retries a failed one, with its task, a timeline
// event and an audit entry in one transaction. A push already queued or
// paused is returned unchanged; one already pushed is ECONFLICT.
func (s *Store) CreateLeverPush(ctx context.Context, req skillkeepr.LeverPushRequest) (*skillkeepr.LeverPush, error) {
	a, err := skillkeepr.RequireActor(ctx)
	if err != nil {
		return nil, err
	}
	if len(req.StageID) > 100 {
		return nil, skillkeepr.Validation{"stage_id": "Choose a Lever stage from the list."}.Err()
	}
	var out *skillkeepr.LeverPush
	err = s.inTx(ctx, func(tx *txn) error {
		t, err := s.leverPushTarget(ctx, tx.conn, a, req.ApplicationID)
		if err != nil {
			return err
		}
		old := t.Dialog.Push
		switch {
		case old != nil && (old.State == skillkeepr.PushQueued || old.State == skillkeepr.PushPaused):
			out = old
			return nil
		case old != nil && old.State == skillkeepr.PushPushed:
			return skillkeepr.Errorf(skillkeepr.ECONFLICT, "%s was already pushed to Lever (%s).", t.Dialog.CandidateName, old.Summary())
		case t.Reason != "":
			return skillkeepr.Errorf(skillkeepr.EINVALID, "%s", t.Reason)
		}
		stageID, stageName := req.StageID, req.StageName
		if stageID == "" && old != nil {
			stageID, stageName = old.StageID, old.StageName
		}
		if stageID == "" {
			return skillkeepr.Validation{"stage_id": "Choose the Lever stage to move the candidate to."}.Err()
		}
		var opp, comment string
		var by sql.NullString
		if err := tx.queryRow(ctx, `SELECT a.lever_opportunity_id, a.decision_comment, u.name FROM applications a
			LEFT JOIN users u ON u.id = a.decision_by_id AND u.org_id = a.org_id WHERE a.id = ? AND a.org_id = ?`, req.ApplicationID, a.OrgID).
			Scan(&opp, &comment, &by); err != nil {
			return dbErr("lever push", err)
		}
		content := skillkeepr.PushContent{Comment: comment, RecommendedBy: by.String, Rating: req.Rating, RecordingURL: req.RecordingURL,
			CandidateName: t.Dialog.CandidateName, JobTitle: t.Dialog.JobTitle}
		raw, err := json.Marshal(content)
		if err != nil {
			return dbErr("lever push", err)
		}
		now := ts(s.clock())
		var id int64
		if old == nil {
			id, err = tx.insert(ctx, `INSERT INTO lever_pushes (org_id, application_id, opportunity_id, ref, stage_id, stage_name, state, content,
				requested_by_id, requested_by_name, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
				a.OrgID, req.ApplicationID, opp, newPushRef(), stageID, stageName, string(skillkeepr.PushQueued), string(raw), a.UserID, a.Name, now, now)
			if isUniqueViolation(err) {
				return skillkeepr.Errorf(skillkeepr.ECONFLICT, "This candidate is being pushed already. Reload the page to see where it stands.")
			}
			if err != nil {
				return dbErr("lever push", err)
			}
		} else {
			// Retry: the steps already made stay made; the content of the
			// writes still to come is refreshed.
			id = old.ID
			if _, err := tx.exec(ctx, `UPDATE lever_pushes SET stage_id = ?, stage_name = ?, stage_done = ?, state = ?, message = '', content = ?,
				requested_by_id = ?, requested_by_name = ?, updated_at = ? WHERE id = ? AND org_id = ?`,
				stageID, stageName, old.Steps.Stage && old.StageID == stageID, string(skillkeepr.PushQueued), string(raw), a.UserID, a.Name, now, id, a.OrgID); err != nil {
				return dbErr("lever push", err)
			}
		}
		enq := s.enqueuer()
		if enq == nil {
			return skillkeepr.Errorf(skillkeepr.EUNAVAILABLE, "Background work is not set up yet, so Lever cannot be updated. Please try again later.")
		}
		if err := enq.EnqueueTx(ctx, tx.tx, skillkeepr.LeverPushTask{OrgID: a.OrgID, PushID: id, ApplicationID: req.ApplicationID}); err != nil {
			return err
		}
		verb := "Push to Lever queued"
		if old != nil {
			verb = "Push to Lever retried"
		}
		if err := tx.event(ctx, a, t.Dialog.CandidateID, req.ApplicationID, "lever_push_queued", verb+": moving to stage \""+stageName+"\"."); err != nil {
			return err
		}
		if out, err = leverPushOf(ctx, tx.conn, a.OrgID, req.ApplicationID); err != nil {
			return err
		}
		return tx.audit(ctx, a.OrgID, a, "application.lever_push", "application", req.ApplicationID,
			verb+": "+t.Dialog.CandidateName+" to stage "+stageName, nil, fields{"stage": stageName})
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// FindLeverPush returns the push of an application the actor may see.
func (s *Store) FindLeverPush(ctx context.Context, applicationID int64) (*skillkeepr.LeverPush, error) {
	a, err := skillkeepr.RequireActor(ctx)
	if err != nil {
		return nil, err
	}
	c := s.read()
	if _, _, err := applicationFor(ctx, c, a, applicationID); err != nil {
		return nil, err
	}
	p, err := leverPushOf(ctx, c, a.OrgID, applicationID)
	if err != nil {
		return nil, err
	}
	if p == nil {
		return nil, skillkeepr.NotFound("Push")
	}
	return p, nil
}

// FindLeverPushes returns the pushes of a job's applications, by
// application id (ActViewJob).
func (s *Store) FindLeverPushes(ctx context.Context, jobID int64) (map[int64]*skillkeepr.LeverPush, error) {
	a, err := skillkeepr.RequireActor(ctx)
	if err != nil {
		return nil, err
	}
	c := s.read()
	job, err := jobByID(ctx, c, a.OrgID, jobID)
	if err != nil {
		return nil, err
	}
	if err := skillkeepr.Authorize(a, skillkeepr.ActViewJob, skillkeepr.Target{Job: job}); err != nil {
		return nil, err
	}
	rows, err := c.query(ctx, leverPushSelect+` WHERE p.org_id = ? AND a.job_id = ?`, a.OrgID, jobID)
	if err != nil {
		return nil, dbErr("lever pushes", err)
	}
	defer closeRows(rows)
	out := map[int64]*skillkeepr.LeverPush{}
	for rows.Next() {
		p, err := scanLeverPush(rows)
		if err != nil {
			return nil, dbErr("lever pushes", err)
		}
		out[p.ApplicationID] = p
	}
	return out, dbErr("lever pushes", rows.Err())
}

// LeverPushWork is a system operation: the push as its worker must carry
// it out now.
func (s *Store) LeverPushWork(ctx context.Context, orgID, pushID int64) (*skillkeepr.LeverPushWork, error) {
	c := s.read()
	p, err := scanLeverPush(c.queryRow(ctx, leverPushSelect+` WHERE p.org_id = ? AND p.id = ?`, orgID, pushID))
	if err != nil {
		return nil, notFound(err, "Push", "lever push work")
	}
	w := &skillkeepr.LeverPushWork{Push: *p, OrgID: orgID}
	var content string
	var email sql.NullString
	err = c.queryRow(ctx, `SELECT p.ref, p.content, a.status, o.tag_prefix, o.lever_keep_all_tags, o.lever_fallback_user_id, o.lever_fallback_user_name, u.email
		FROM lever_pushes p JOIN applications a ON a.id = p.application_id AND a.org_id = p.org_id
		JOIN organizations o ON o.id = p.org_id
		LEFT JOIN users u ON u.id = p.requested_by_id AND u.org_id = p.org_id
		WHERE p.id = ? AND p.org_id = ?`, pushID, orgID).Scan(&w.Ref, &content, &w.Status, &w.TagPrefix, &w.Settings.KeepAllTags,
		&w.Settings.FallbackUserID, &w.Settings.FallbackUserName, &email)
	if err != nil {
		return nil, notFound(err, "Push", "lever push work")
	}
	w.ActorEmail = email.String
	if err := json.Unmarshal([]byte(content), &w.Content); err != nil {
		return nil, dbErr("lever push content", err)
	}
	return w, nil
}

// SaveLeverPushSteps is a system operation recording the write steps of a
// push that Lever acknowledged (or that are being sent), and the Lever
// user they are made as.
func (s *Store) SaveLeverPushSteps(ctx context.Context, orgID, pushID int64, st skillkeepr.LeverPushSteps, performedAs string) error {
	_, err := conn{q: s.db, engine: s.engine}.exec(ctx, `UPDATE lever_pushes SET stage_done = ?, tag_done = ?, note_state = ?, note_id = ?,
		feedback_state = ?, feedback_id = ?, performed_as = ?, updated_at = ? WHERE id = ? AND org_id = ?`,
		st.Stage, st.Tag, st.Note, st.NoteID, st.Feedback, st.FeedbackID, performedAs, ts(s.clock()), pushID, orgID)
	return dbErr("lever push steps", err)
}

// FinishLeverPush is a system operation setting the outcome of a push run
// (pushed, failed, or paused with why), with its steps when given, and
// putting it on the candidate's timeline in plain words. A paused push
// says so on the timeline once.
func (s *Store) FinishLeverPush(ctx context.Context, orgID, pushID int64, o skillkeepr.LeverPushOutcome) error {
	return s.inTx(ctx, func(tx *txn) error {
		var appID, candID int64
		var old string
		if err := tx.queryRow(ctx, `SELECT p.application_id, a.candidate_id, p.state FROM lever_pushes p JOIN applications a ON a.id = p.application_id
			WHERE p.id = ? AND p.org_id = ?`, pushID, orgID).Scan(&appID, &candID, &old); err != nil {
			return notFound(err, "Push", "finish lever push")
		}
		now := s.clock()
		var pushed any
		if o.State == skillkeepr.PushPushed {
			pushed = ts(now)
		}
		if _, err := tx.exec(ctx, `UPDATE lever_pushes SET state = ?, message = ?, pushed_at = COALESCE(?, pushed_at), runs = runs + 1, updated_at = ?
			WHERE id = ? AND org_id = ?`, string(o.State), o.Message, pushed, ts(now), pushID, orgID); err != nil {
			return dbErr("finish lever push", err)
		}
		if st := o.Steps; st != nil {
			if _, err := tx.exec(ctx, `UPDATE lever_pushes SET stage_done = ?, tag_done = ?, note_state = ?, note_id = ?,
				feedback_state = ?, feedback_id = ?, performed_as = ? WHERE id = ? AND org_id = ?`,
				st.Stage, st.Tag, st.Note, st.NoteID, st.Feedback, st.FeedbackID, o.PerformedAs, pushID, orgID); err != nil {
				return dbErr("finish lever push", err)
			}
		}
		if o.Timeline == "" || (o.State == skillkeepr.PushPaused && old == string(skillkeepr.PushPaused)) {
			return nil
		}
		_, err := tx.exec(ctx, `INSERT INTO events (org_id, candidate_id, application_id, actor_id, actor_name, kind, message, created_at)
			VALUES (?, ?, ?, NULL, 'SkillKeepr', ?, ?, ?)`, orgID, candID, appID, "lever_push_"+string(o.State), o.Timeline, ts(now))
		return dbErr("finish lever push", err)
	})
}

// LeverFeedbackTemplate is a system operation: the organisation's
// "SkillKeepr Rating Card" template in Lever and its fields' ids by name
// ("" when none is known yet).
func (s *Store) LeverFeedbackTemplate(ctx context.Context, orgID int64) (string, map[string]string, error) {
	var id, raw string
	err := s.read().queryRow(ctx, `SELECT template_id, field_ids FROM lever_feedback_templates WHERE org_id = ?`, orgID).Scan(&id, &raw)
	if errors.Is(err, sql.ErrNoRows) {
		return "", nil, nil
	}
	if err != nil {
		return "", nil, dbErr("lever feedback template", err)
	}
	fields := map[string]string{}
	if err := json.Unmarshal([]byte(raw), &fields); err != nil {
		return "", nil, dbErr("lever feedback template", err)
	}
	return id, fields, nil
}

// SaveLeverFeedbackTemplate is a system operation remembering the
// organisation's template (id "" forgets it).
func (s *Store) SaveLeverFeedbackTemplate(ctx context.Context, orgID int64, id string, fieldIDs map[string]string) error {
	c := conn{q: s.db, engine: s.engine}
	if id == "" {
		_, err := c.exec(ctx, `DELETE FROM lever_feedback_templates WHERE org_id = ?`, orgID)
		return dbErr("lever feedback template", err)
	}
	raw, err := json.Marshal(fieldIDs)
	if err != nil {
		return dbErr("lever feedback template", err)
	}
	_, err = c.exec(ctx, `INSERT INTO lever_feedback_templates (org_id, template_id, field_ids, created_at) VALUES (?, ?, ?, ?)
		ON CONFLICT (org_id) DO UPDATE SET template_id = excluded.template_id, field_ids = excluded.field_ids`, orgID, id, string(raw), ts(s.clock()))
	return dbErr("lever feedback template", err)
}

// leverPushExists reports whether the application has a push, so that the
// stage sync leaves the stage of a recommended candidate to it.
func leverPushExists(ctx context.Context, c conn, orgID, applicationID int64) (bool, error) {
	var n int
	err := c.queryRow(ctx, `SELECT COUNT(*) FROM lever_pushes WHERE org_id = ? AND application_id = ?`, orgID, applicationID).Scan(&n)
	return n > 0, dbErr("lever push", err)
}

// PushRatings is the rating source of the Lever push: the summary of an
// application's submitted cards in the pushing person's organisation. The
// push has already checked that the person may push the candidate; unlike
// FindRatingSummary, an interviewer's own pending card does not keep the
// others' ratings out of the push.
func (s *Store) PushRatings() skillkeepr.RatingSummarySource { return pushRatings{s} }

type pushRatings struct{ s *Store }

func (r pushRatings) FindRatingSummary(ctx context.Context, applicationID int64) (*skillkeepr.RatingSummary, error) {
	a, err := skillkeepr.RequireActor(ctx)
	if err != nil {
		return nil, err
	}
	return r.s.RatingSummaryFor(ctx, a.OrgID, applicationID)
}
