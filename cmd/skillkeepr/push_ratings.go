package main

import (
	"context"

	"github.com/skillkeepr/skillkeepr"
	"github.com/skillkeepr/skillkeepr/sqlstore"
)

// pushRatings gives the Lever push the rating summary of an application's
// submitted cards in the pushing person's organisation. The push has
// already checked that the person may push the candidate; unlike
// FindRatingSummary, an interviewer's own pending card does not hide the
// others' ratings from the push.
type pushRatings struct{ store *sqlstore.Store }

// FindRatingSummary implements skillkeepr.RatingSummarySource.
func (r pushRatings) FindRatingSummary(ctx context.Context, applicationID int64) (*skillkeepr.RatingSummary, error) {
	a, err := skillkeepr.RequireActor(ctx)
	if err != nil {
		return nil, err
	}
	return r.store.RatingSummaryFor(ctx, a.OrgID, applicationID)
}
