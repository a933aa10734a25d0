package leversync

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"time"

	"github.com/skillkeepr/skillkeepr"
	"github.com/skillkeepr/skillkeepr/lever"
)

// UpdatesStore is what following Lever's changes (webhooks and the
// periodic poll) needs from the database (sqlstore implements it).
type UpdatesStore interface {
	ConnectedLeverOrgs(ctx context.Context) ([]int64, error)
	LeverWebhookDelivery(ctx context.Context, orgID, id int64) (*skillkeepr.StoredLeverWebhook, error)
	MarkLeverWebhookProcessed(ctx context.Context, orgID, id int64) error
	LinkedLeverOpportunity(ctx context.Context, orgID int64, oppID string) (bool, error)
	ApplyLeverOpportunityState(ctx context.Context, orgID int64, st skillkeepr.LeverOpportunityState, deliveryID int64) (skillkeepr.LeverApplyOutcome, error)
	LeverPollStart(ctx context.Context, orgID int64, now time.Time) (time.Time, error)
	ResetLeverPoll(ctx context.Context, orgID int64, last time.Time) error
	SetLeverWebhookEndpoint(ctx context.Context, orgID int64, urlToken string) error
	SetLeverWebhookSignatureToken(ctx context.Context, orgID int64, event, signatureToken string) error
}

// WebhookEvents are the events SkillKeepr registers for.
var WebhookEvents = []string{lever.EventCandidateStageChange, lever.EventCandidateArchiveChange,
	lever.EventCandidateHired, lever.EventCandidateDeleted}

// FirstPollWindow is how far back the first poll of an organisation looks.
const FirstPollWindow = time.Hour

// pollOverlap is re-read at every poll, against clock skew with Lever.
const pollOverlap = time.Minute

// Updates follows Lever's changes to linked opportunities: it processes
// webhook deliveries and polls Lever periodically; both apply the
// opportunity's current state the same way.
type Updates struct {
	c       *Connector
	store   UpdatesStore
	baseURL string
	log     *slog.Logger
	now     func() time.Time
}

// NewUpdates returns an Updates; baseURL is the address Lever reaches
// SkillKeepr at (the webhook URLs are baseURL + /hooks/lever/{token}).
func NewUpdates(c *Connector, store UpdatesStore, baseURL string, logger *slog.Logger) *Updates {
	if logger == nil {
		logger = slog.New(slog.DiscardHandler)
	}
	return &Updates{c: c, store: store, baseURL: strings.TrimRight(baseURL, "/"), log: logger, now: time.Now}
}

func (u *Updates) leverErr(ctx context.Context, cl *Client, err error) error {
	if cl != nil {
		err = cl.Check(ctx, err)
	}
	if errors.Is(err, lever.ErrRevoked) {
		return fmt.Errorf("%w: %w", skillkeepr.ErrLeverPaused, err)
	}
	return err
}

// reasons maps archive reason ids to reasons.
func reasons(ctx context.Context, cl *Client) (map[string]lever.ArchiveReason, error) {
	out := map[string]lever.ArchiveReason{}
	for r, err := range cl.ListArchiveReasons(ctx, "") {
		if err != nil {
			return nil, err
		}
		out[r.ID] = r
	}
	return out, nil
}

func opportunityState(o *lever.Opportunity, rs map[string]lever.ArchiveReason) skillkeepr.LeverOpportunityState {
	st := skillkeepr.LeverOpportunityState{OpportunityID: o.ID}
	if o.Stage.Object != nil {
		st.StageName = o.Stage.Object.Text
	}
	if o.Archived != nil {
		st.Archived = true
		r := rs[o.Archived.Reason]
		st.ArchiveReason = r.Text
		st.Hired = r.Type == "hired"
	}
	return st
}

// ProcessWebhook processes one recorded delivery (the queue calls it). A
// delivery already processed, for an opportunity no application is linked
// to, or of an event not followed is done without a change. Other events
// read the opportunity from Lever and apply its current state, so late or
// out-of-order deliveries converge. It returns an error matching
// skillkeepr.ErrLeverPaused while Lever is not connected.
func (u *Updates) ProcessWebhook(ctx context.Context, t skillkeepr.LeverWebhookTask) error {
	d, err := u.store.LeverWebhookDelivery(ctx, t.OrgID, t.DeliveryID)
	if err != nil {
		return err
	}
	attrs := []any{slog.Int64("org_id", t.OrgID), slog.Int64("delivery_id", d.ID), slog.String("event", d.Event), slog.String("opportunity_id", d.OpportunityID)}
	if d.Processed {
		return nil
	}
	linked := false
	if d.OpportunityID != "" {
		if linked, err = u.store.LinkedLeverOpportunity(ctx, t.OrgID, d.OpportunityID); err != nil {
			return err
		}
	}
	followed := false
	for _, e := range WebhookEvents {
		followed = followed || e == d.Event
	}
	if !linked || !followed {
		u.log.InfoContext(ctx, "lever webhook ignored: no application is linked to the opportunity, or the event is not followed", attrs...)
		return u.store.MarkLeverWebhookProcessed(ctx, t.OrgID, d.ID)
	}
	var st skillkeepr.LeverOpportunityState
	if d.Event == lever.EventCandidateDeleted {
		st = skillkeepr.LeverOpportunityState{OpportunityID: d.OpportunityID, Deleted: true}
	} else {
		cl, err := u.c.Client(ctx, t.OrgID)
		if err != nil {
			return u.leverErr(ctx, nil, err)
		}
		o, err := cl.GetOpportunity(ctx, d.OpportunityID, "stage")
		if errors.Is(err, lever.ErrNotFound) {
			u.log.InfoContext(ctx, "lever webhook: the opportunity is no longer in Lever; a candidateDeleted delivery or the poll will follow", attrs...)
			return u.store.MarkLeverWebhookProcessed(ctx, t.OrgID, d.ID)
		}
		if err != nil {
			return u.leverErr(ctx, cl, err)
		}
		var rs map[string]lever.ArchiveReason
		if o.Archived != nil {
			if rs, err = reasons(ctx, cl); err != nil {
				return u.leverErr(ctx, cl, err)
			}
		}
		st = opportunityState(o, rs)
		if d.Event == lever.EventCandidateHired {
			st.Hired = true
		}
	}
	out, err := u.store.ApplyLeverOpportunityState(ctx, t.OrgID, st, d.ID)
	if err != nil {
		return err
	}
	u.log.InfoContext(ctx, "lever webhook processed", append(attrs, slog.String("outcome", string(out)))...)
	return nil
}

// PollAll polls every connected organisation; an organisation whose poll
// fails is logged and polled again next time from where it stood.
func (u *Updates) PollAll(ctx context.Context) error {
	orgs, err := u.store.ConnectedLeverOrgs(ctx)
	if err != nil {
		return err
	}
	for _, org := range orgs {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		if err := u.PollOrg(ctx, org); err != nil {
			u.log.WarnContext(ctx, "lever poll failed; the next poll tries again", slog.Int64("org_id", org), slog.String("error", err.Error()))
		}
	}
	return nil
}

// PollOrg asks Lever for the opportunities changed since the last poll
// started and applies the state of those linked to applications.
func (u *Updates) PollOrg(ctx context.Context, orgID int64) error {
	start := u.now()
	last, err := u.store.LeverPollStart(ctx, orgID, start)
	if err != nil {
		return err
	}
	since := last.Add(-pollOverlap)
	if last.IsZero() {
		since = start.Add(-FirstPollWindow)
	}
	err = u.poll(ctx, orgID, since)
	if err != nil {
		if last.IsZero() {
			last = start.Add(-FirstPollWindow)
		}
		err = errors.Join(err, u.store.ResetLeverPoll(context.WithoutCancel(ctx), orgID, last))
	}
	return err
}

func (u *Updates) poll(ctx context.Context, orgID int64, since time.Time) error {
	cl, err := u.c.Client(ctx, orgID)
	if err != nil {
		return u.leverErr(ctx, nil, err)
	}
	var rs map[string]lever.ArchiveReason
	f := lever.OpportunityFilter{UpdatedAtStart: since, Confidentiality: "all", Expand: []string{"stage"}, PageSize: 100}
	changed := 0
	for o, err := range cl.ListOpportunities(ctx, f) {
		if err != nil {
			return u.leverErr(ctx, cl, err)
		}
		linked, err := u.store.LinkedLeverOpportunity(ctx, orgID, o.ID)
		if err != nil {
			return err
		}
		if !linked {
			continue
		}
		if o.Archived != nil && rs == nil {
			if rs, err = reasons(ctx, cl); err != nil {
				return u.leverErr(ctx, cl, err)
			}
		}
		out, err := u.store.ApplyLeverOpportunityState(ctx, orgID, opportunityState(&o, rs), 0)
		if err != nil {
			return err
		}
		if out == skillkeepr.LeverApplyChanged {
			changed++
		}
	}
	for o, err := range cl.ListDeletedOpportunities(ctx, since, time.Time{}) {
		if err != nil {
			return u.leverErr(ctx, cl, err)
		}
		linked, err := u.store.LinkedLeverOpportunity(ctx, orgID, o.ID)
		if err != nil {
			return err
		}
		if !linked {
			continue
		}
		out, err := u.store.ApplyLeverOpportunityState(ctx, orgID, skillkeepr.LeverOpportunityState{OpportunityID: o.ID, Deleted: true}, 0)
		if err != nil {
			return err
		}
		if out == skillkeepr.LeverApplyChanged {
			changed++
		}
	}
	u.log.InfoContext(ctx, "lever poll done", slog.Int64("org_id", orgID), slog.Time("since", since), slog.Int("changed", changed))
	return nil
}

// RegisterWebhooks gives the organisation a new webhook address and
// registers the followed events at it in Lever, storing each webhook's
// signature token. It is a system operation (the caller authorises); on a
// Lever refusal it returns an error in plain words, and the poll still
// follows the changes.
func (u *Updates) RegisterWebhooks(ctx context.Context, orgID int64) error {
	b := make([]byte, 32)
	_, _ = rand.Read(b)
	tok := hex.EncodeToString(b)
	if err := u.store.SetLeverWebhookEndpoint(ctx, orgID, tok); err != nil {
		return err
	}
	cl, err := u.c.Client(ctx, orgID)
	if err != nil {
		return skillkeepr.Errorf(skillkeepr.EUNAVAILABLE, "Lever is not connected, so SkillKeepr cannot register for Lever updates.")
	}
	url := u.baseURL + "/hooks/lever/" + tok
	// Webhooks of an earlier registration point at an address that no
	// longer works: remove them first.
	for h, err := range cl.ListWebhooks(ctx) {
		if err != nil {
			break // not fatal: Lever drops webhooks that keep failing
		}
		if strings.HasPrefix(h.URL, u.baseURL+"/hooks/lever/") {
			if err := cl.DeleteWebhook(ctx, h.ID); err != nil {
				u.log.WarnContext(ctx, "lever webhook: could not remove an earlier webhook", slog.Int64("org_id", orgID), slog.String("webhook_id", h.ID), slog.String("error", err.Error()))
			}
		}
	}
	for _, ev := range WebhookEvents {
		h, err := cl.CreateWebhook(ctx, lever.NewWebhook{URL: url, Event: ev})
		if err != nil {
			err = cl.Check(ctx, err)
			u.log.WarnContext(ctx, "lever webhook registration refused", slog.Int64("org_id", orgID), slog.String("event", ev), slog.String("error", err.Error()))
			return skillkeepr.Errorf(skillkeepr.EUNAVAILABLE,
				"Lever refused to send SkillKeepr its updates (%s). SkillKeepr still checks Lever for changes every 5 minutes.", plainLeverError(err))
		}
		if err := u.store.SetLeverWebhookSignatureToken(ctx, orgID, ev, h.Configuration.SignatureToken); err != nil {
			return err
		}
	}
	return nil
}

func plainLeverError(err error) string {
	switch {
	case errors.Is(err, lever.ErrRevoked):
		return "the Lever connection is no longer valid"
	case errors.Is(err, lever.ErrForbidden):
		return "the Lever account may not manage webhooks"
	case errors.Is(err, lever.ErrInvalid):
		return "Lever did not accept the webhook address; it must be reachable over https"
	}
	return "Lever could not be reached"
}

// RegisterLeverUpdates registers the organisation of the actor (who may
// manage integrations: Super Admins) for Lever's webhooks; see
// RegisterWebhooks.
func (u *Updates) RegisterLeverUpdates(ctx context.Context) error {
	a, err := authorize(ctx)
	if err != nil {
		return err
	}
	return u.RegisterWebhooks(ctx, a.OrgID)
}
