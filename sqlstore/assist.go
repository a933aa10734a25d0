package sqlstore

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"io"

	"github.com/skillkeepr/skillkeepr"
)

// Assist is the store side of the optional language-model assist. Model
// is the configured model; "" means the assist is off and RequestAssist
// refuses.
type Assist struct {
	s     *Store
	model string
}

var (
	_ skillkeepr.AssistService = (*Assist)(nil)
	_ skillkeepr.AssistWork    = (*Assist)(nil)
)

// Assist returns the assist service for model ("" = off).
func (s *Store) Assist(model string) *Assist { return &Assist{s: s, model: model} }

// AssistEnabled implements skillkeepr.AssistService.
func (as *Assist) AssistEnabled() bool { return as.model != "" }

const assistColumns = `id, org_id, application_id, model, status, payload, error, created_at, updated_at`

func scanAssist(sc interface{ Scan(...any) error }) (*skillkeepr.AssistSuggestion, error) {
	g := &skillkeepr.AssistSuggestion{}
	var payload string
	var created, updated int64
	if err := sc.Scan(&g.ID, &g.OrgID, &g.ApplicationID, &g.Model, &g.Status, &payload, &g.Error, &created, &updated); err != nil {
		return nil, err
	}
	g.CreatedAt, g.UpdatedAt = fromTS(created), fromTS(updated)
	if g.Status == skillkeepr.AssistReady {
		g.Payload = &skillkeepr.AssistPayload{}
		if err := json.Unmarshal([]byte(payload), g.Payload); err != nil {
			return nil, err
		}
	}
	return g, nil
}

// RequestAssist queues a suggestion for an application
// (ActManageCandidates on its job), with an audit entry: the résumé's text
// leaves SkillKeepr for the configured model. A pending suggestion is
// returned instead of a second one.
func (as *Assist) RequestAssist(ctx context.Context, applicationID int64) (*skillkeepr.AssistSuggestion, error) {
	a, err := skillkeepr.RequireActor(ctx)
	if err != nil {
		return nil, err
	}
	s := as.s
	var out *skillkeepr.AssistSuggestion
	err = s.inTx(ctx, func(tx *txn) error {
		app, job, err := applicationFor(ctx, tx.conn, a, applicationID)
		if err != nil {
			return err
		}
		if err := skillkeepr.Authorize(a, skillkeepr.ActManageCandidates, skillkeepr.Target{Job: job}); err != nil {
			return err
		}
		if !as.AssistEnabled() {
			return skillkeepr.Errorf(skillkeepr.EUNAVAILABLE, "The language-model assistant is not turned on for this server.")
		}
		last, err := scanAssist(tx.queryRow(ctx, `SELECT `+assistColumns+` FROM assist_suggestions
			WHERE org_id = ? AND application_id = ? ORDER BY id DESC LIMIT 1`, a.OrgID, app.ID))
		now := s.clock()
		switch {
		case err == nil && last.Status == skillkeepr.AssistPending && !last.Stale(now):
			out = last
			return nil
		case err == nil && last.Status == skillkeepr.AssistPending:
			// Its job gave up without finishing (e.g. no worker had a
			// model configured): close it so that a new one can start.
			if _, err := tx.exec(ctx, `UPDATE assist_suggestions SET status = ?, error = ?, updated_at = ? WHERE id = ? AND org_id = ? AND status = ?`,
				string(skillkeepr.AssistFailed), "This suggestion took too long and was given up.", ts(now), last.ID, a.OrgID, string(skillkeepr.AssistPending)); err != nil {
				return dbErr("give up suggestion", err)
			}
		case err != nil && !errors.Is(err, sql.ErrNoRows):
			return dbErr("latest suggestion", err)
		}
		enq := s.enqueuer()
		if enq == nil {
			return skillkeepr.Errorf(skillkeepr.EUNAVAILABLE, "Background work is not set up on this server, so no suggestion can be made.")
		}
		var id int64
		if err := tx.queryRow(ctx, `INSERT INTO assist_suggestions (org_id, application_id, requested_by, model, status, payload, error, created_at, updated_at)
			VALUES (?, ?, ?, ?, ?, '{}', '', ?, ?) RETURNING id`, a.OrgID, app.ID, a.UserID, as.model, string(skillkeepr.AssistPending), ts(now), ts(now)).Scan(&id); err != nil {
			return dbErr("request suggestion", err)
		}
		if err := enq.EnqueueTx(ctx, tx.tx, skillkeepr.AssistTask{OrgID: a.OrgID, SuggestionID: id}); err != nil {
			return dbErr("enqueue suggestion", err)
		}
		out = &skillkeepr.AssistSuggestion{ID: id, OrgID: a.OrgID, ApplicationID: app.ID, Model: as.model,
			Status: skillkeepr.AssistPending, CreatedAt: now, UpdatedAt: now}
		return tx.audit(ctx, a.OrgID, a, "application.assist_request", "application", app.ID,
			"Asked the language model "+as.model+" for a suggestion on "+jobLabel(job)+" (the résumé text without contact details was sent)", nil, fields{"model": as.model})
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// LatestAssist returns the newest suggestion of an application the actor
// may see.
func (as *Assist) LatestAssist(ctx context.Context, applicationID int64) (*skillkeepr.AssistSuggestion, error) {
	a, err := skillkeepr.RequireActor(ctx)
	if err != nil {
		return nil, err
	}
	c := as.s.read()
	if _, _, err := applicationFor(ctx, c, a, applicationID); err != nil {
		return nil, err
	}
	g, err := scanAssist(c.queryRow(ctx, `SELECT `+assistColumns+` FROM assist_suggestions
		WHERE org_id = ? AND application_id = ? ORDER BY id DESC LIMIT 1`, a.OrgID, applicationID))
	if err != nil {
		return nil, notFound(err, "Suggestion", "latest suggestion")
	}
	return g, nil
}

// AssistInput implements skillkeepr.AssistWork: the suggestion, its
// application and job, and the candidate's newest résumé file.
func (as *Assist) AssistInput(ctx context.Context, orgID, suggestionID int64) (*skillkeepr.AssistInput, error) {
	c := as.s.read()
	g, err := scanAssist(c.queryRow(ctx, `SELECT `+assistColumns+` FROM assist_suggestions WHERE id = ? AND org_id = ?`, suggestionID, orgID))
	if err != nil {
		return nil, notFound(err, "Suggestion", "assist input")
	}
	app, err := scanApplication(c.queryRow(ctx, applicationSelect+` WHERE a.id = ? AND a.org_id = ? AND j.org_id = ?`, g.ApplicationID, orgID, orgID))
	if err != nil {
		return nil, notFound(err, "Application", "assist input")
	}
	job, err := jobByID(ctx, c, orgID, app.JobID)
	if err != nil {
		return nil, err
	}
	in := &skillkeepr.AssistInput{Suggestion: g, Application: app, Job: job}
	r, err := scanResume(c.queryRow(ctx, `SELECT id, org_id, candidate_id, file_name, content_type, size, sha256, blob_key, created_at
		FROM resume_files WHERE candidate_id = ? AND org_id = ? ORDER BY id DESC LIMIT 1`, app.CandidateID, orgID))
	switch {
	case err == nil:
		in.Resume = r
	case !errors.Is(err, sql.ErrNoRows):
		return nil, dbErr("assist input", err)
	}
	return in, nil
}

// OpenResumeFile implements skillkeepr.AssistWork.
func (as *Assist) OpenResumeFile(ctx context.Context, orgID int64, r *skillkeepr.ResumeFile) (io.ReadCloser, error) {
	if r == nil || r.OrgID != orgID {
		return nil, skillkeepr.NotFound("Résumé")
	}
	if as.s.blobs == nil {
		return nil, skillkeepr.Errorf(skillkeepr.EUNAVAILABLE, "File storage is not set up.")
	}
	return as.s.blobs.Open(ctx, r.BlobKey)
}

// FinishAssist implements skillkeepr.AssistWork: a pending suggestion
// becomes ready with payload, or failed with the plain-words failure.
func (as *Assist) FinishAssist(ctx context.Context, orgID, suggestionID int64, model string, payload *skillkeepr.AssistPayload, failure string) error {
	status, body := skillkeepr.AssistFailed, []byte("{}")
	if payload != nil && failure == "" {
		b, err := json.Marshal(payload)
		if err != nil {
			return err
		}
		status, body = skillkeepr.AssistReady, b
	}
	return as.s.inTx(ctx, func(tx *txn) error {
		_, err := tx.exec(ctx, `UPDATE assist_suggestions SET status = ?, model = ?, payload = ?, error = ?, updated_at = ?
			WHERE id = ? AND org_id = ? AND status = ?`, string(status), model, string(body), failure, ts(as.s.clock()), suggestionID, orgID, string(skillkeepr.AssistPending))
		return dbErr("finish suggestion", err)
	})
}
