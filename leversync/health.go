package leversync

import (
	"context"
	"errors"
	"time"

	"github.com/skillkeepr/skillkeepr/lever"
)

// checkTimeout bounds the health check of one organisation.
const checkTimeout = 30 * time.Second

// CheckAll makes one cheap call to Lever for every connected organisation
// and records the outcome: a revocation marks the connection revoked;
// other failures are kept, in plain words, as the connection's last error
// (the connection stays connected and the next check tries again). It
// returns an error only when the connections cannot be listed.
func (c *Connector) CheckAll(ctx context.Context) error {
	orgs, err := c.store.ConnectedLeverOrgs(ctx)
	if err != nil {
		return err
	}
	for _, org := range orgs {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		c.CheckOrg(ctx, org)
	}
	return nil
}

// CheckOrg runs the health check of one organisation.
func (c *Connector) CheckOrg(ctx context.Context, orgID int64) {
	ctx, cancel := context.WithTimeout(ctx, checkTimeout)
	defer cancel()
	cl, err := c.client(ctx, orgID, 2)
	if err == nil {
		err = cl.Ping(ctx)
	}
	msg := ""
	switch {
	case err == nil:
	case errors.Is(err, ErrNotConnected):
		return // disconnected meanwhile
	case errors.Is(err, lever.ErrRevoked) && cl != nil:
		cl.Check(ctx, err)
		return
	case errors.Is(err, lever.ErrForbidden):
		msg = "Lever refused a request: the connection may lack a permission. Connect again to grant it."
	default:
		msg = "Lever could not be reached at the last check. SkillKeepr will try again in a few minutes."
	}
	if err != nil {
		c.log.WarnContext(ctx, "lever: health check failed", "org_id", orgID, "err", err)
	}
	if cl == nil {
		return // the credentials could not be read; logged above
	}
	if rerr := c.store.RecordLeverCheck(context.WithoutCancel(ctx), orgID, cl.generation, msg); rerr != nil {
		c.log.ErrorContext(ctx, "lever: recording a health check failed", "org_id", orgID, "err", rerr)
	}
}
