package sqlstore

import (
	"context"
	"database/sql"
	"errors"

	"github.com/skillkeepr/skillkeepr"
)

// Writes to Lever: the stage tags. SetApplicationStatus calls
// enqueueLeverStageSync in its transaction; the queue's lever_stage_sync
// worker (leversync.StageSync) reads LeverStageSync when it runs and
// records its outcome on the candidate's timeline with
// RecordLeverSyncEvent.

// enqueueLeverStageSync enqueues a lever_stage_sync task in tx when the
// application's new status is one of the seven written to Lever, its job
// was imported from a Lever posting, the application has a Lever
// opportunity and the organisation has a Lever connection (connected, or
// revoked: then the task waits until a Super Admin connects again).
func (s *Store) enqueueLeverStageSync(ctx context.Context, tx *txn, a *skillkeepr.Actor, app *skillkeepr.Application, status skillkeepr.ApplicationStatus) error {
	if !skillkeepr.IsLeverStatus(status) {
		return nil
	}
	var opp sql.NullString
	var conn sql.NullString
	err := tx.queryRow(ctx, `SELECT a.lever_opportunity_id, c.status FROM applications a
		JOIN lever_job_links l ON l.job_id = a.job_id AND l.org_id = a.org_id
		LEFT JOIN lever_connections c ON c.org_id = a.org_id
		WHERE a.id = ? AND a.org_id = ?`, app.ID, a.OrgID).Scan(&opp, &conn)
	if errors.Is(err, sql.ErrNoRows) {
		return nil // the job is not linked to a Lever posting
	}
	if err != nil {
		return dbErr("lever stage sync", err)
	}
	if !opp.Valid || opp.String == "" || !conn.Valid || conn.String == string(skillkeepr.LeverDisconnected) {
		return nil
	}
	enq := s.enqueuer()
	if enq == nil {
		return skillkeepr.Errorf(skillkeepr.EUNAVAILABLE, "Background work is not set up yet, so Lever cannot be updated. Please try again later.")
	}
	return enq.EnqueueTx(ctx, tx.tx, skillkeepr.LeverStageSyncTask{OrgID: a.OrgID, ApplicationID: app.ID,
		OpportunityID: opp.String, Status: status, ActorID: a.UserID})
}

// SetApplicationLeverOpportunity is a system operation linking an
// application to its Lever opportunity (the candidate import does it).
func (s *Store) SetApplicationLeverOpportunity(ctx context.Context, orgID, applicationID int64, opportunityID string) error {
	if !skillkeepr.ValidLeverID(opportunityID) {
		return skillkeepr.Errorf(skillkeepr.EINVALID, "That is not a Lever opportunity.")
	}
	return s.inTx(ctx, func(tx *txn) error {
		res, err := tx.exec(ctx, `UPDATE applications SET lever_opportunity_id = ? WHERE id = ? AND org_id = ?`, opportunityID, applicationID, orgID)
		if err != nil {
			return dbErr("link lever opportunity", err)
		}
		if n, err := res.RowsAffected(); err != nil || n == 0 {
			return notFound(sql.ErrNoRows, "Application", "link lever opportunity")
		}
		return tx.audit(ctx, orgID, nil, "application.lever_link", "application", applicationID,
			"Linked the application to its Lever opportunity", nil, fields{"lever_opportunity_id": opportunityID})
	})
}

// LeverStageSync is a system operation: the application as the stage sync
// must write it now, with the organisation's tag settings, the job's stage
// mapping and the email of actorID (if that user still exists).
func (s *Store) LeverStageSync(ctx context.Context, orgID, applicationID, actorID int64) (*skillkeepr.LeverStageSync, error) {
	c := s.read()
	st := &skillkeepr.LeverStageSync{OrgID: orgID, ApplicationID: applicationID}
	var opp sql.NullString
	var status string
	err := c.queryRow(ctx, `SELECT a.candidate_id, a.job_id, a.lever_opportunity_id, a.status, o.tag_prefix,
			o.lever_keep_all_tags, o.lever_fallback_user_id, o.lever_fallback_user_name
		FROM applications a JOIN organizations o ON o.id = a.org_id
		WHERE a.id = ? AND a.org_id = ?`, applicationID, orgID).Scan(&st.CandidateID, &st.JobID, &opp, &status, &st.TagPrefix,
		&st.Settings.KeepAllTags, &st.Settings.FallbackUserID, &st.Settings.FallbackUserName)
	if err != nil {
		return nil, notFound(err, "Application", "lever stage sync")
	}
	st.OpportunityID, st.Status = opp.String, skillkeepr.ApplicationStatus(status)
	l := &skillkeepr.LeverJobLink{JobID: st.JobID}
	if err := fillStageMapping(ctx, c, orgID, l); err != nil {
		return nil, err
	}
	st.StageMapping = l.StageMapping
	if st.Pushed, err = leverPushExists(ctx, c, orgID, applicationID); err != nil {
		return nil, err
	}
	if actorID != 0 {
		err := c.queryRow(ctx, `SELECT email FROM users WHERE id = ? AND org_id = ?`, actorID, orgID).Scan(&st.ActorEmail)
		if err != nil && !errors.Is(err, sql.ErrNoRows) {
			return nil, dbErr("lever stage sync", err)
		}
	}
	return st, nil
}

// RecordLeverSyncEvent is a system operation putting the outcome of a
// write to Lever on the candidate's timeline, in plain words.
func (s *Store) RecordLeverSyncEvent(ctx context.Context, orgID, applicationID int64, kind, msg string) error {
	_, err := conn{q: s.db, engine: s.engine}.exec(ctx, `INSERT INTO events (org_id, candidate_id, application_id, actor_id, actor_name, kind, message, created_at)
		SELECT org_id, candidate_id, id, NULL, 'SkillKeepr', ?, ?, ? FROM applications WHERE id = ? AND org_id = ?`,
		kind, msg, ts(s.clock()), applicationID, orgID)
	return dbErr("lever sync event", err)
}

// RecordLeverSyncWaiting is a system operation: it puts msg on the
// timeline with kind "lever_sync_waiting" unless the application's latest
// Lever outcome already is one, so that a write waiting through many
// retries says so once.
func (s *Store) RecordLeverSyncWaiting(ctx context.Context, orgID, applicationID int64, msg string) error {
	return s.inTx(ctx, func(tx *txn) error {
		var last string
		err := tx.queryRow(ctx, `SELECT kind FROM events WHERE application_id = ? AND org_id = ? AND kind LIKE 'lever\_%' ESCAPE '\'
			ORDER BY created_at DESC, id DESC LIMIT 1`, applicationID, orgID).Scan(&last)
		if err != nil && !errors.Is(err, sql.ErrNoRows) {
			return dbErr("lever sync event", err)
		}
		if last == "lever_sync_waiting" {
			return nil
		}
		_, err = tx.exec(ctx, `INSERT INTO events (org_id, candidate_id, application_id, actor_id, actor_name, kind, message, created_at)
			SELECT org_id, candidate_id, id, NULL, 'SkillKeepr', 'lever_sync_waiting', ?, ? FROM applications WHERE id = ? AND org_id = ?`,
			msg, ts(s.clock()), applicationID, orgID)
		return dbErr("lever sync event", err)
	})
}

// LeverWriteSettings returns the settings of the writes to Lever of the
// actor's organisation (Super Admin).
func (s *Store) LeverWriteSettings(ctx context.Context) (*skillkeepr.LeverWriteSettings, error) {
	a, err := skillkeepr.RequireActor(ctx)
	if err != nil {
		return nil, err
	}
	if err := skillkeepr.Authorize(a, skillkeepr.ActManageOrganization, skillkeepr.Target{}); err != nil {
		return nil, err
	}
	return leverWriteSettings(ctx, s.read(), a.OrgID)
}

func leverWriteSettings(ctx context.Context, c conn, orgID int64) (*skillkeepr.LeverWriteSettings, error) {
	ws := &skillkeepr.LeverWriteSettings{}
	err := c.queryRow(ctx, `SELECT lever_keep_all_tags, lever_fallback_user_id, lever_fallback_user_name FROM organizations WHERE id = ?`, orgID).
		Scan(&ws.KeepAllTags, &ws.FallbackUserID, &ws.FallbackUserName)
	if err != nil {
		return nil, notFound(err, "Organization", "lever write settings")
	}
	return ws, nil
}

// UpdateLeverWriteSettings saves the settings of the writes to Lever
// (Super Admin), audited in the same transaction.
func (s *Store) UpdateLeverWriteSettings(ctx context.Context, ws skillkeepr.LeverWriteSettings) (*skillkeepr.LeverWriteSettings, error) {
	a, err := skillkeepr.RequireActor(ctx)
	if err != nil {
		return nil, err
	}
	if err := skillkeepr.Authorize(a, skillkeepr.ActManageOrganization, skillkeepr.Target{}); err != nil {
		return nil, err
	}
	if ws.FallbackUserID == "" {
		ws.FallbackUserName = ""
	} else if !skillkeepr.ValidLeverID(ws.FallbackUserID) {
		return nil, skillkeepr.Validation{"lever_fallback_user": "Choose a Lever user from the list."}.Err()
	}
	err = s.inTx(ctx, func(tx *txn) error {
		old, err := leverWriteSettings(ctx, tx.conn, a.OrgID)
		if err != nil {
			return err
		}
		before, after := changed(
			fields{"keep_all_tags": old.KeepAllTags, "fallback_lever_user": old.FallbackUserName},
			fields{"keep_all_tags": ws.KeepAllTags, "fallback_lever_user": ws.FallbackUserName})
		if len(after) == 0 && old.FallbackUserID == ws.FallbackUserID {
			return nil
		}
		if _, err := tx.exec(ctx, `UPDATE organizations SET lever_keep_all_tags = ?, lever_fallback_user_id = ?, lever_fallback_user_name = ?, updated_at = ? WHERE id = ?`,
			ws.KeepAllTags, ws.FallbackUserID, ws.FallbackUserName, ts(s.clock()), a.OrgID); err != nil {
			return dbErr("update lever write settings", err)
		}
		return tx.audit(ctx, a.OrgID, a, "organization.lever_settings", "organization", a.OrgID, "Changed how SkillKeepr writes to Lever", before, after)
	})
	if err != nil {
		return nil, err
	}
	return &ws, nil
}
