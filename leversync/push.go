package leversync

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/skillkeepr/skillkeepr"
	"github.com/skillkeepr/skillkeepr/lever"
)

// PushStore is what the push needs from the database (sqlstore implements
// it). The first four are actor operations, the others system operations.
type PushStore interface {
	LeverPushTarget(ctx context.Context, applicationID int64) (*skillkeepr.LeverPushDialog, string, error)
	CreateLeverPush(ctx context.Context, req skillkeepr.LeverPushRequest) (*skillkeepr.LeverPush, error)
	FindLeverPush(ctx context.Context, applicationID int64) (*skillkeepr.LeverPush, error)
	FindLeverPushes(ctx context.Context, jobID int64) (map[int64]*skillkeepr.LeverPush, error)

	LeverPushWork(ctx context.Context, orgID, pushID int64) (*skillkeepr.LeverPushWork, error)
	SaveLeverPushSteps(ctx context.Context, orgID, pushID int64, st skillkeepr.LeverPushSteps, performedAs string) error
	FinishLeverPush(ctx context.Context, orgID, pushID int64, o skillkeepr.LeverPushOutcome) error
	LeverFeedbackTemplate(ctx context.Context, orgID int64) (string, map[string]string, error)
	SaveLeverFeedbackTemplate(ctx context.Context, orgID int64, id string, fieldIDs map[string]string) error
}

// pushRounds bounds how often one run of a push starts over after a
// temporary failure (Lever unreachable, an answer lost) before it leaves
// the work to the queue's retries; the steps already acknowledged are not
// made again.
const pushRounds = 8

// stagesTTL is how long the account's pipeline is reused for the dialog
// and for checking the chosen stage.
const stagesTTL = 5 * time.Minute

// The fields of the "SkillKeepr Rating Card" template, by name.
const (
	fieldOverall     = "Overall rating"
	fieldCompetency  = "Competency scores"
	fieldComment     = "Recommendation comment"
	fieldCards       = "Rating cards"
	fieldRecording   = "Interview recording"
	fieldReference   = "SkillKeepr reference"
	templateInstruct = "Filled in by SkillKeepr when a recommended candidate is pushed: the average of the interviewers' rating cards."
)

var templateFields = []lever.FormField{
	{Type: "score-system", Text: fieldOverall},
	{Type: "textarea", Text: fieldCompetency, Description: "Each competency's average score of 4, over the submitted rating cards."},
	{Type: "textarea", Text: fieldComment, Description: "Why the candidate was recommended for hire."},
	{Type: "text", Text: fieldCards},
	{Type: "text", Text: fieldRecording},
	{Type: "text", Text: fieldReference, Description: "Used by SkillKeepr to make sure this form is added once."},
}

// Pushes pushes recommended candidates to Lever: it implements
// skillkeepr.LeverPushes for the web UI and the API, and the queue's
// LeverPusher for the lever_push jobs.
//
// Exactly once: the stage move and the tags are idempotent, the note and
// the feedback form are not. Before sending a note or a form the push
// records that it is sending it; after Lever acknowledges it, its id. A
// run that finds a step recorded as sending (the answer was lost: a
// timeout, a dropped connection, a 5xx after Lever may have applied it)
// first looks in Lever for the push's marker — a last line "SkillKeepr
// ref: skp-…" in the note, the field "SkillKeepr reference" of the form —
// and sends again only when it is not there.
type Pushes struct {
	c       *Connector
	store   PushStore
	users   *StageSync // the Lever user writes are performed as
	ratings skillkeepr.RatingSummarySource
	sleep   func(context.Context, time.Duration) error

	mu        sync.Mutex
	stages    map[int64]stagesEntry
	templates map[int64]*sync.Mutex // one template lookup or creation per organisation at a time
}

type stagesEntry struct {
	stages  []skillkeepr.LeverStage
	expires time.Time
}

var _ skillkeepr.LeverPushes = (*Pushes)(nil)

// NewPushes returns the push service. users gives the Lever user each
// write is performed as (the stage sync's lookup, shared); ratings may be
// nil, then pushes carry no rating (and no feedback form).
func NewPushes(c *Connector, store PushStore, users *StageSync, ratings skillkeepr.RatingSummarySource) *Pushes {
	return &Pushes{c: c, store: store, users: users, ratings: ratings, sleep: sleepCtx,
		stages: map[int64]stagesEntry{}, templates: map[int64]*sync.Mutex{}}
}

// pushErr turns an error of a Lever call made while a person waits into
// plain words, recording a revocation.
func (p *Pushes) pushErr(ctx context.Context, cl *Client, err error) error {
	if cl != nil {
		err = cl.Check(ctx, err)
	}
	var de *skillkeepr.Error
	switch {
	case errors.As(err, &de):
		return err
	case errors.Is(err, lever.ErrRevoked):
		return skillkeepr.Errorf(skillkeepr.EUNAVAILABLE, "Lever is not connected (access may have been revoked in Lever). A Super Admin can connect it again on the Integrations page.")
	case errors.Is(err, lever.ErrForbidden):
		return skillkeepr.Errorf(skillkeepr.EUNAVAILABLE, "Lever did not let SkillKeepr read your pipeline stages. A Super Admin can connect Lever again and allow access to stages.")
	}
	p.c.log.WarnContext(ctx, "lever: push dialog call failed", "err", err)
	return skillkeepr.Errorf(skillkeepr.EUNAVAILABLE, "Lever could not be reached just now. Please try again in a few minutes.")
}

// pipeline returns the account's stages in order, from a short cache.
func (p *Pushes) pipeline(ctx context.Context, orgID int64, fresh bool) ([]skillkeepr.LeverStage, error) {
	p.mu.Lock()
	e, ok := p.stages[orgID]
	p.mu.Unlock()
	if ok && !fresh && time.Now().Before(e.expires) {
		return e.stages, nil
	}
	cl, err := p.c.client(ctx, orgID, interactiveAttempts)
	if err != nil {
		return nil, p.pushErr(ctx, nil, err)
	}
	st, err := stages(ctx, cl)
	if err != nil {
		return nil, p.pushErr(ctx, cl, err)
	}
	p.mu.Lock()
	p.stages[orgID] = stagesEntry{stages: st, expires: time.Now().Add(stagesTTL)}
	p.mu.Unlock()
	return st, nil
}

// LeverPushDialog loads the Change Job Stage dialog.
func (p *Pushes) LeverPushDialog(ctx context.Context, applicationID int64) (*skillkeepr.LeverPushDialog, error) {
	a, err := skillkeepr.RequireActor(ctx)
	if err != nil {
		return nil, err
	}
	d, reason, err := p.store.LeverPushTarget(ctx, applicationID)
	if err != nil {
		return nil, err
	}
	if reason != "" && d.Push == nil {
		return nil, skillkeepr.Errorf(skillkeepr.EINVALID, "%s", reason)
	}
	if d.Push != nil && d.Push.State == skillkeepr.PushPushed {
		return d, nil // nothing to choose
	}
	if d.Stages, err = p.pipeline(ctx, a.OrgID, true); err != nil {
		return nil, err
	}
	if !slices.ContainsFunc(d.Stages, func(s skillkeepr.LeverStage) bool { return s.ID == d.DefaultStageID }) {
		d.DefaultStageID = ""
	}
	if d.Push != nil {
		d.DefaultStageID = d.Push.StageID
	}
	return d, nil
}

// PushToLever starts the push of a recommended candidate to stageID (or,
// for a failed push, retries it; "" keeps its stage).
func (p *Pushes) PushToLever(ctx context.Context, applicationID int64, stageID string) (*skillkeepr.LeverPush, error) {
	a, err := skillkeepr.RequireActor(ctx)
	if err != nil {
		return nil, err
	}
	stageID = strings.TrimSpace(stageID)
	d, reason, err := p.store.LeverPushTarget(ctx, applicationID)
	if err != nil {
		return nil, err
	}
	if d.Push != nil && (d.Push.State == skillkeepr.PushQueued || d.Push.State == skillkeepr.PushPaused) {
		return d.Push, nil
	}
	if reason != "" || (d.Push != nil && d.Push.State == skillkeepr.PushPushed) {
		return p.store.CreateLeverPush(ctx, skillkeepr.LeverPushRequest{ApplicationID: applicationID}) // says why not
	}
	if stageID == "" && d.Push == nil {
		return nil, skillkeepr.Validation{"stage_id": "Choose the Lever stage to move the candidate to."}.Err()
	}
	req := skillkeepr.LeverPushRequest{ApplicationID: applicationID}
	if stageID != "" {
		if len(stageID) > 100 { // Lever's stage ids are UUIDs or short names such as "lead-new"
			return nil, skillkeepr.Validation{"stage_id": "Choose a Lever stage from the list."}.Err()
		}
		find := func(st []skillkeepr.LeverStage) int {
			return slices.IndexFunc(st, func(s skillkeepr.LeverStage) bool { return s.ID == stageID })
		}
		st, err := p.pipeline(ctx, a.OrgID, false)
		if err != nil {
			return nil, err
		}
		i := find(st)
		if i < 0 {
			if st, err = p.pipeline(ctx, a.OrgID, true); err != nil {
				return nil, err
			}
			if i = find(st); i < 0 {
				return nil, skillkeepr.Validation{"stage_id": "Choose a Lever stage from the list; that one is no longer in your Lever pipeline."}.Err()
			}
		}
		req.StageID, req.StageName = st[i].ID, st[i].Name
	}
	if p.ratings != nil {
		r, err := p.ratings.FindRatingSummary(ctx, applicationID)
		switch {
		case skillkeepr.ErrorCodeOf(err) == skillkeepr.ENOTFOUND:
		case err != nil:
			return nil, err
		case r != nil && r.Cards > 0:
			req.Rating = r
		}
	}
	return p.store.CreateLeverPush(ctx, req)
}

// LeverPush returns the application's push.
func (p *Pushes) LeverPush(ctx context.Context, applicationID int64) (*skillkeepr.LeverPush, error) {
	return p.store.FindLeverPush(ctx, applicationID)
}

// LeverPushes returns the pushes of a job's applications.
func (p *Pushes) LeverPushes(ctx context.Context, jobID int64) (map[int64]*skillkeepr.LeverPush, error) {
	return p.store.FindLeverPushes(ctx, jobID)
}

// RunLeverPush carries out a queued push; final says that this is the
// queue's last attempt. It returns an error matching
// skillkeepr.ErrLeverPaused while Lever work is paused (the push shows
// "paused"), a domain error with code EINVALID when retrying cannot help
// (the push shows "failed" with the reason), and any other error for a
// temporary failure.
func (p *Pushes) RunLeverPush(ctx context.Context, t skillkeepr.LeverPushTask, final bool) error {
	var err error
	for round := range pushRounds {
		if err = p.run(ctx, t); err == nil || ctx.Err() != nil || errors.Is(err, skillkeepr.ErrLeverPaused) ||
			skillkeepr.ErrorCodeOf(err) == skillkeepr.EINVALID || skillkeepr.ErrorCodeOf(err) == skillkeepr.ENOTFOUND {
			break
		}
		if p.sleep(ctx, time.Duration(100<<round)*time.Millisecond) != nil {
			break
		}
	}
	bg := context.WithoutCancel(ctx)
	switch {
	case err == nil:
		return nil
	case skillkeepr.ErrorCodeOf(err) == skillkeepr.ENOTFOUND:
		return nil // the application or its push is gone
	case errors.Is(err, skillkeepr.ErrLeverPaused):
		msg := "Lever is not connected (access may have been revoked in Lever). The push goes on once a Super Admin connects Lever again on the Integrations page."
		return errors.Join(err, p.store.FinishLeverPush(bg, t.OrgID, t.PushID, skillkeepr.LeverPushOutcome{State: skillkeepr.PushPaused, Message: msg, Timeline: "Push to Lever waiting: " + msg}))
	case ctx.Err() != nil:
		return err
	case skillkeepr.ErrorCodeOf(err) == skillkeepr.EINVALID:
		msg := skillkeepr.ErrorMessage(err)
		return errors.Join(err, p.store.FinishLeverPush(bg, t.OrgID, t.PushID, skillkeepr.LeverPushOutcome{State: skillkeepr.PushFailed, Message: msg, Timeline: "Push to Lever failed: " + msg}))
	case final:
		msg := "Lever could not be reached or answered with an error after several tries. Click Retry to try again; nothing is written twice."
		return errors.Join(err, p.store.FinishLeverPush(bg, t.OrgID, t.PushID, skillkeepr.LeverPushOutcome{State: skillkeepr.PushFailed, Message: msg, Timeline: "Push to Lever failed: " + msg}))
	}
	return err
}

// run makes the writes of a push that are not acknowledged yet.
func (p *Pushes) run(ctx context.Context, t skillkeepr.LeverPushTask) error {
	w, err := p.store.LeverPushWork(ctx, t.OrgID, t.PushID)
	if err != nil {
		return err
	}
	if w.Push.State == skillkeepr.PushPushed {
		return nil
	}
	if w.Status != skillkeepr.StatusRecommended && w.Push.Steps == (skillkeepr.LeverPushSteps{}) {
		return failure("The candidate is no longer recommended (now " + w.Status.Label() + "), so nothing was sent to Lever.")
	}
	cl, err := p.c.Client(ctx, t.OrgID)
	if err != nil {
		return p.leverErr(ctx, nil, err)
	}
	who, err := p.users.performAs(ctx, cl, &skillkeepr.LeverStageSync{OrgID: t.OrgID, Settings: w.Settings, ActorEmail: w.ActorEmail})
	if skillkeepr.ErrorCodeOf(err) == skillkeepr.EINVALID {
		return failure("No Lever user matches " + cmp(w.ActorEmail, "the person who pushed") +
			" and no fallback Lever user is set in Settings. A Super Admin can choose one in Settings → Lever updates, then click Retry.")
	}
	if err != nil {
		return p.leverErr(ctx, cl, err)
	}
	// Only the sending of a note or a form must be saved before the call
	// (it is what makes a lost answer looked up instead of written
	// again); the other steps are saved with the next save, or when the
	// run ends, so that a push costs few writes to the database.
	steps, oppID := w.Push.Steps, w.Push.OpportunityID
	dirty := false
	save := func() error {
		dirty = false
		return p.store.SaveLeverPushSteps(ctx, t.OrgID, t.PushID, steps, who.Name)
	}
	defer func() {
		if dirty {
			_ = p.store.SaveLeverPushSteps(context.WithoutCancel(ctx), t.OrgID, t.PushID, steps, who.Name)
		}
	}()

	var opp *lever.Opportunity
	if !steps.Stage {
		if opp, err = cl.ChangeStage(ctx, oppID, w.Push.StageID, who.ID); err != nil {
			return p.leverErr(ctx, cl, err)
		}
		steps.Stage = true
		dirty = true
	}
	prefix := cmp(w.TagPrefix, "skillkeepr")
	tag := skillkeepr.StatusRecommended.LeverTag(prefix)
	if !steps.Tag {
		if opp == nil {
			if opp, err = cl.GetOpportunity(ctx, oppID); err != nil {
				return p.leverErr(ctx, cl, err)
			}
		}
		// Only what is missing is written: the stage sync may have added
		// the tag already when the candidate was recommended.
		if !slices.Contains(opp.Tags, tag) {
			if opp, err = cl.AddTags(ctx, oppID, []string{tag}, who.ID); err != nil {
				return p.leverErr(ctx, cl, err)
			}
		}
		if !w.Settings.KeepAllTags {
			var old []string
			for _, x := range opp.Tags {
				if x != tag && strings.HasPrefix(x, prefix+":") {
					old = append(old, x)
				}
			}
			if len(old) > 0 {
				if _, err = cl.RemoveTags(ctx, oppID, old, who.ID); err != nil {
					return p.leverErr(ctx, cl, err)
				}
			}
		}
		steps.Tag = true
		dirty = true
	}

	if steps.Note != skillkeepr.PushStepDone {
		if steps.Note == skillkeepr.PushStepSending {
			id, err := findNote(ctx, cl, oppID, w.Ref)
			if err != nil {
				return p.leverErr(ctx, cl, err)
			}
			if id != "" {
				steps.Note, steps.NoteID = skillkeepr.PushStepDone, id
				dirty = true
			}
		}
		if steps.Note != skillkeepr.PushStepDone {
			steps.Note = skillkeepr.PushStepSending
			if err := save(); err != nil {
				return err
			}
			id, err := cl.CreateNote(ctx, oppID, lever.NewNote{Value: skillkeepr.PushNoteText(w.Content, w.Ref)}, who.ID)
			if err != nil {
				return p.leverErr(ctx, cl, err)
			}
			steps.Note, steps.NoteID = skillkeepr.PushStepDone, id
			dirty = true
		}
	}

	if steps.Feedback != skillkeepr.PushStepDone && steps.Feedback != skillkeepr.PushStepSkipped {
		if w.Content.Rating == nil {
			steps.Feedback = skillkeepr.PushStepSkipped
		} else if err := p.feedback(ctx, cl, w, who.ID, &steps, save); err != nil {
			return err
		}
		dirty = true
	}

	msg := "Pushed to Lever (as " + who.Name + "): moved to stage \"" + w.Push.StageName + "\", tag \"" + tag + "\", a note"
	if steps.Feedback == skillkeepr.PushStepDone {
		msg += " and a feedback form with the rating."
	} else {
		msg += "; no feedback form, as no rating cards were submitted."
	}
	dirty = false // saved with the outcome
	return p.store.FinishLeverPush(ctx, t.OrgID, t.PushID, skillkeepr.LeverPushOutcome{State: skillkeepr.PushPushed, Timeline: msg,
		Steps: &steps, PerformedAs: who.Name})
}

// feedback adds the rating as a feedback form, once.
func (p *Pushes) feedback(ctx context.Context, cl *Client, w *skillkeepr.LeverPushWork, performAs string, steps *skillkeepr.LeverPushSteps, save func() error) error {
	tmpl, fields, err := p.template(ctx, cl, w.OrgID)
	if err != nil {
		return err
	}
	oppID := w.Push.OpportunityID
	if steps.Feedback == skillkeepr.PushStepSending {
		id, err := findFeedback(ctx, cl, oppID, fields[fieldReference], w.Ref)
		if err != nil {
			return p.leverErr(ctx, cl, err)
		}
		if id != "" {
			steps.Feedback, steps.FeedbackID = skillkeepr.PushStepDone, id
			return nil
		}
	}
	steps.Feedback = skillkeepr.PushStepSending
	if err := save(); err != nil {
		return err
	}
	f, err := cl.CreateFeedback(ctx, oppID, lever.NewFeedback{BaseTemplateID: tmpl, FieldValues: feedbackValues(w, fields)}, performAs)
	if err != nil {
		if errors.Is(err, lever.ErrInvalid) && strings.Contains(strings.ToLower(err.Error()), "template") {
			// The template was deleted in Lever: find or create it again.
			_ = p.store.SaveLeverFeedbackTemplate(ctx, w.OrgID, "", nil)
			return fmt.Errorf("leversync: the feedback template is gone: %w", err)
		}
		return p.leverErr(ctx, cl, err)
	}
	steps.Feedback, steps.FeedbackID = skillkeepr.PushStepDone, f.ID
	return nil
}

// feedbackValues fills in the template's fields that have something to say.
func feedbackValues(w *skillkeepr.LeverPushWork, fields map[string]string) []lever.FieldValue {
	r := w.Content.Rating
	level := r.OverallLevel
	if level < 1 || level > 4 {
		level = skillkeepr.OverallLevelOf(r.Overall)
	}
	vals := map[string]string{
		fieldOverall:    skillkeepr.RatingOption(level),
		fieldCompetency: skillkeepr.CompetencyLines(r),
		fieldComment:    w.Content.Comment,
		fieldCards:      fmt.Sprintf("%d submitted rating %s, overall %.1f of 4", r.Cards, pluralCards(r.Cards), r.Overall),
		fieldRecording:  w.Content.RecordingURL,
		fieldReference:  w.Ref,
	}
	var out []lever.FieldValue
	for _, f := range templateFields {
		if id, v := fields[f.Text], vals[f.Text]; id != "" && v != "" {
			out = append(out, lever.FieldValue{ID: id, Value: v})
		}
	}
	return out
}

func pluralCards(n int) string {
	if n == 1 {
		return "card"
	}
	return "cards"
}

// template returns the organisation's "SkillKeepr Rating Card" template
// and its fields' ids: the one remembered, else one found in Lever by
// name, else a new one — once per organisation at a time.
func (p *Pushes) template(ctx context.Context, cl *Client, orgID int64) (string, map[string]string, error) {
	if id, fields, err := p.store.LeverFeedbackTemplate(ctx, orgID); err != nil || id != "" {
		return id, fields, err
	}
	p.mu.Lock()
	m, ok := p.templates[orgID]
	if !ok {
		m = &sync.Mutex{}
		p.templates[orgID] = m
	}
	p.mu.Unlock()
	m.Lock()
	defer m.Unlock()
	if id, fields, err := p.store.LeverFeedbackTemplate(ctx, orgID); err != nil || id != "" {
		return id, fields, err
	}
	for range 3 {
		id, fields, err := findTemplate(ctx, cl)
		if err != nil {
			return "", nil, p.leverErr(ctx, cl, err)
		}
		if id == "" {
			_, err := cl.CreateFeedbackTemplate(ctx, lever.NewFeedbackTemplate{Text: skillkeepr.FeedbackTemplateName,
				Instructions: templateInstruct, Fields: templateFields})
			if errors.Is(err, lever.ErrOutcomeUnknown) {
				continue // look again before creating again
			}
			if err != nil {
				return "", nil, p.leverErr(ctx, cl, err)
			}
			continue // read it back by name, so that two creators agree on the oldest
		}
		if err := p.store.SaveLeverFeedbackTemplate(ctx, orgID, id, fields); err != nil {
			return "", nil, err
		}
		return id, fields, nil
	}
	return "", nil, fmt.Errorf("leversync: the %q feedback template could not be found or created", skillkeepr.FeedbackTemplateName)
}

// findTemplate looks for the oldest template named FeedbackTemplateName
// that has the reference field.
func findTemplate(ctx context.Context, cl *Client) (string, map[string]string, error) {
	var best *lever.FeedbackTemplate
	for t, err := range cl.ListFeedbackTemplates(ctx) {
		if err != nil {
			return "", nil, err
		}
		if t.Text != skillkeepr.FeedbackTemplateName {
			continue
		}
		if !slices.ContainsFunc(t.Fields, func(f lever.FormField) bool { return f.Text == fieldReference && f.ID != "" }) {
			continue // not ours: without the reference a form could be added twice
		}
		if best == nil || t.CreatedAt.Before(best.CreatedAt.Time) || (t.CreatedAt.Equal(best.CreatedAt.Time) && t.ID < best.ID) {
			best = &t
		}
	}
	if best == nil {
		return "", nil, nil
	}
	fields := map[string]string{}
	for _, f := range best.Fields {
		if f.ID != "" {
			fields[f.Text] = f.ID
		}
	}
	return best.ID, fields, nil
}

// findNote returns the id of the opportunity's note carrying ref ("" when
// none).
func findNote(ctx context.Context, cl *Client, oppID, ref string) (string, error) {
	marker := skillkeepr.PushNoteRefPrefix + ref
	for n, err := range cl.ListNotes(ctx, oppID) {
		if err != nil {
			return "", err
		}
		if !n.DeletedAt.IsZero() {
			continue
		}
		for _, f := range n.Fields {
			if strings.Contains(f.Value, marker) {
				return n.ID, nil
			}
		}
	}
	return "", nil
}

// findFeedback returns the id of the opportunity's feedback form whose
// reference field holds ref ("" when none).
func findFeedback(ctx context.Context, cl *Client, oppID, fieldID, ref string) (string, error) {
	for f, err := range cl.ListFeedback(ctx, oppID) {
		if err != nil {
			return "", err
		}
		if !f.DeletedAt.IsZero() {
			continue
		}
		for _, fl := range f.Fields {
			if (fl.ID == fieldID || fl.Text == fieldReference) && len(fl.Value) > 0 {
				var v string
				if json.Unmarshal(fl.Value, &v) == nil && v == ref {
					return f.ID, nil
				}
			}
		}
	}
	return "", nil
}

// leverErr turns what Lever answered into the outcome of the run.
func (p *Pushes) leverErr(ctx context.Context, cl *Client, err error) error {
	if cl != nil {
		err = cl.Check(ctx, err)
	}
	switch {
	case errors.Is(err, lever.ErrRevoked):
		return fmt.Errorf("%w: %w", skillkeepr.ErrLeverPaused, err)
	case errors.Is(err, lever.ErrNotFound):
		return failure("This candidate's opportunity is no longer in Lever.")
	case errors.Is(err, lever.ErrForbidden):
		return failure("Lever does not allow SkillKeepr to change this candidate. A Super Admin can check the Lever connection on the Integrations page.")
	case errors.Is(err, lever.ErrInvalid) && !errors.Is(err, lever.ErrOutcomeUnknown):
		var ae *lever.APIError
		if errors.As(err, &ae) && ae.Message != "" {
			return failure("Lever refused the update: " + ae.Message + ".")
		}
		return failure("Lever refused the update.")
	}
	return err
}

func cmp(s, def string) string {
	if s == "" {
		return def
	}
	return s
}
