package leversync

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/skillkeepr/skillkeepr"
	"github.com/skillkeepr/skillkeepr/lever"
)

// StageSyncStore is what the stage sync needs from the database (sqlstore
// implements it); all are system operations.
type StageSyncStore interface {
	LeverStageSync(ctx context.Context, orgID, applicationID, actorID int64) (*skillkeepr.LeverStageSync, error)
	RecordLeverSyncEvent(ctx context.Context, orgID, applicationID int64, kind, msg string) error
	RecordLeverSyncWaiting(ctx context.Context, orgID, applicationID int64, msg string) error
}

// performAsTTL is how long the Lever user found for an email is reused.
const performAsTTL = 5 * time.Minute

// maxSyncRounds bounds how often one run writes again because the status
// changed while it was writing.
const maxSyncRounds = 5

// StageSync writes an application's status to its Lever opportunity: the
// tag "<prefix>: <status>" (replacing the earlier SkillKeepr tags unless
// the organisation keeps them all) and the move to the job's mapped stage.
// It implements the queue's LeverStageSyncer.
//
// Order per opportunity: a run writes the application's status as it is
// in the database when the run starts, then reads it again, and writes
// again when it changed meanwhile. Every write is idempotent (adding a tag
// it has, removing one it lacks, moving to the stage it is in), so any
// number of runs, in any order, retried at any point, leave Lever with the
// latest status: the last run to finish checked the status after its last
// write.
type StageSync struct {
	c     *Connector
	store StageSyncStore
	now   func() time.Time

	mu    sync.Mutex
	users map[performAsKey]performAsEntry
}

type performAsKey struct {
	org   int64
	email string
}

type performAsEntry struct {
	user    skillkeepr.LeverUser
	expires time.Time
}

// NewStageSync returns a StageSync.
func NewStageSync(c *Connector, store StageSyncStore) *StageSync {
	return &StageSync{c: c, store: store, now: time.Now, users: map[performAsKey]performAsEntry{}}
}

// failure is an outcome that retrying cannot change.
func failure(msg string) error { return &skillkeepr.Error{Code: skillkeepr.EINVALID, Message: msg} }

// SyncStage writes the application's current status to Lever; see
// StageSync. final says that this is the last attempt of the task.
func (s *StageSync) SyncStage(ctx context.Context, t skillkeepr.LeverStageSyncTask, final bool) error {
	err := s.sync(ctx, t)
	if errors.Is(err, skillkeepr.ErrLeverPaused) {
		if rerr := s.store.RecordLeverSyncWaiting(context.WithoutCancel(ctx), t.OrgID, t.ApplicationID,
			"Lever update waiting: Lever is not connected (access may have been revoked in Lever). It will be made once a Super Admin connects Lever again on the Integrations page."); rerr != nil {
			return errors.Join(err, rerr)
		}
		return err
	}
	if err == nil || ctx.Err() != nil {
		return err
	}
	var msg string
	switch {
	case skillkeepr.ErrorCodeOf(err) == skillkeepr.EINVALID:
		msg = skillkeepr.ErrorMessage(err)
	case final:
		msg = "Could not update Lever after several tries: Lever could not be reached or answered with an error. Change the status again to try once more."
	default:
		return err
	}
	if rerr := s.store.RecordLeverSyncEvent(context.WithoutCancel(ctx), t.OrgID, t.ApplicationID, "lever_sync_failed", msg); rerr != nil {
		return errors.Join(err, rerr)
	}
	return err
}

func (s *StageSync) sync(ctx context.Context, t skillkeepr.LeverStageSyncTask) error {
	var done string
	for range maxSyncRounds {
		st, err := s.store.LeverStageSync(ctx, t.OrgID, t.ApplicationID, t.ActorID)
		if skillkeepr.ErrorCodeOf(err) == skillkeepr.ENOTFOUND {
			return nil // the application is gone; nothing to write
		}
		if err != nil {
			return err
		}
		if st.OpportunityID == "" {
			return nil
		}
		if !skillkeepr.IsLeverStatus(st.Status) {
			if done != "" {
				break
			}
			return s.store.RecordLeverSyncEvent(ctx, t.OrgID, t.ApplicationID, "lever_sync_skipped",
				"Lever was not changed: the status is now "+st.Status.Label()+", which is not written to Lever.")
		}
		if done == string(st.Status) {
			return nil // written, and still current
		}
		if st.Status == skillkeepr.StatusRecommended && st.Pushed {
			// The push writes the tag and the chosen stage; moving to the
			// mapped stage here would undo the stage chosen in the dialog.
			return s.store.RecordLeverSyncEvent(ctx, t.OrgID, t.ApplicationID, "lever_sync_skipped",
				"Lever was not changed here: the Push to Lever writes the tag and the stage of this recommended candidate.")
		}
		msg, err := s.write(ctx, st)
		if err != nil {
			return err
		}
		done = string(st.Status)
		if err := s.store.RecordLeverSyncEvent(ctx, t.OrgID, t.ApplicationID, "lever_synced", msg); err != nil {
			return err
		}
	}
	return nil
}

// write makes the opportunity show st.Status and returns what was done in
// plain words.
func (s *StageSync) write(ctx context.Context, st *skillkeepr.LeverStageSync) (string, error) {
	cl, err := s.c.Client(ctx, st.OrgID)
	if err != nil {
		return "", s.leverErr(ctx, nil, err)
	}
	who, err := s.performAs(ctx, cl, st)
	if err != nil {
		return "", err
	}
	prefix := st.TagPrefix
	if prefix == "" {
		prefix = "skillkeepr"
	}
	tag := st.Status.LeverTag(prefix)
	opp, err := cl.AddTags(ctx, st.OpportunityID, []string{tag}, who.ID)
	if err != nil {
		return "", s.leverErr(ctx, cl, err)
	}
	msg := "Lever updated (as " + who.Name + "): tag \"" + tag + "\" added"
	if !st.Settings.KeepAllTags {
		var old []string
		for _, x := range opp.Tags {
			if x != tag && strings.HasPrefix(x, prefix+":") {
				old = append(old, x)
			}
		}
		if len(old) > 0 {
			if opp, err = cl.RemoveTags(ctx, st.OpportunityID, old, who.ID); err != nil {
				return "", s.leverErr(ctx, cl, err)
			}
			msg += ", replacing " + quoteList(old)
		}
	}
	stage := skillkeepr.StageFor(st.StageMapping, st.Status)
	switch {
	case stage.StageID == "":
		msg += "; the stage is not moved for this status"
	case opp.Stage.ID == stage.StageID:
		msg += "; already in stage \"" + stage.StageName + "\""
	default:
		if _, err := cl.ChangeStage(ctx, st.OpportunityID, stage.StageID, who.ID); err != nil {
			return "", s.leverErr(ctx, cl, err)
		}
		msg += "; moved to stage \"" + stage.StageName + "\""
	}
	return msg + ".", nil
}

func quoteList(tags []string) string {
	q := make([]string, len(tags))
	for i, t := range tags {
		q[i] = "\"" + t + "\""
	}
	return strings.Join(q, ", ")
}

// leverErr turns what Lever answered into the outcome of the run.
func (s *StageSync) leverErr(ctx context.Context, cl *Client, err error) error {
	if cl != nil {
		err = cl.Check(ctx, err)
	}
	switch {
	case errors.Is(err, lever.ErrRevoked):
		return fmt.Errorf("%w: %w", skillkeepr.ErrLeverPaused, err)
	case errors.Is(err, lever.ErrNotFound):
		return failure("Could not update Lever: this candidate's opportunity is no longer in Lever.")
	case errors.Is(err, lever.ErrForbidden):
		return failure("Could not update Lever: Lever does not allow SkillKeepr to change this candidate. A Super Admin can check the Lever connection on the Integrations page.")
	}
	return err
}

// performAs is the Lever user the writes are performed as: the one with
// the acting person's email, else the organisation's fallback user.
func (s *StageSync) performAs(ctx context.Context, cl *Client, st *skillkeepr.LeverStageSync) (skillkeepr.LeverUser, error) {
	email := strings.ToLower(strings.TrimSpace(st.ActorEmail))
	if email != "" {
		key := performAsKey{org: st.OrgID, email: email}
		s.mu.Lock()
		e, ok := s.users[key]
		s.mu.Unlock()
		if ok && s.now().Before(e.expires) {
			return e.user, nil
		}
		u, err := cl.UserByEmail(ctx, email)
		switch {
		case err == nil:
			lu := skillkeepr.LeverUser{ID: u.ID, Name: u.Name, Email: u.Email}
			if lu.Name == "" {
				lu.Name = lu.Email
			}
			s.mu.Lock()
			s.users[key] = performAsEntry{user: lu, expires: s.now().Add(performAsTTL)}
			s.mu.Unlock()
			return lu, nil
		case errors.Is(err, lever.ErrNotFound):
		default:
			return skillkeepr.LeverUser{}, s.leverErr(ctx, cl, err)
		}
	}
	if st.Settings.FallbackUserID != "" {
		name := st.Settings.FallbackUserName
		if name == "" {
			name = "the fallback Lever user"
		}
		return skillkeepr.LeverUser{ID: st.Settings.FallbackUserID, Name: name}, nil
	}
	who := "the person who changed the status"
	if email != "" {
		who = email
	}
	return skillkeepr.LeverUser{}, failure("Could not update Lever: no Lever user matches " + who +
		" and no fallback Lever user is set in Settings. A Super Admin can choose one in Settings, then change the status again.")
}

// LeverUsers lists the active users of the actor's organisation's Lever
// account, by name, for the fallback user in Settings (Super Admin).
func (s *StageSync) LeverUsers(ctx context.Context) ([]skillkeepr.LeverUser, error) {
	a, err := skillkeepr.RequireActor(ctx)
	if err != nil {
		return nil, err
	}
	if err := skillkeepr.Authorize(a, skillkeepr.ActManageOrganization, skillkeepr.Target{}); err != nil {
		return nil, err
	}
	cl, err := s.c.Client(ctx, a.OrgID)
	if err != nil {
		return nil, skillkeepr.Errorf(skillkeepr.EUNAVAILABLE, "Lever is not connected. A Super Admin can connect it on the Integrations page.")
	}
	var out []skillkeepr.LeverUser
	for u, err := range cl.ListUsers(ctx, lever.UserFilter{PageSize: 100}) {
		if err != nil {
			if errors.Is(cl.Check(ctx, err), lever.ErrRevoked) {
				return nil, skillkeepr.Errorf(skillkeepr.EUNAVAILABLE, "Access to Lever was revoked in Lever. A Super Admin can connect again on the Integrations page.")
			}
			return nil, skillkeepr.Errorf(skillkeepr.EUNAVAILABLE, "Lever could not be reached. Please try again in a few minutes.")
		}
		out = append(out, skillkeepr.LeverUser{ID: u.ID, Name: u.Name, Email: u.Email})
	}
	slices.SortFunc(out, func(x, y skillkeepr.LeverUser) int {
		return strings.Compare(strings.ToLower(x.Name), strings.ToLower(y.Name))
	})
	return out, nil
}
