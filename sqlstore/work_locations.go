package sqlstore

import (
	"context"
	"strconv"

	"github.com/skillkeepr/skillkeepr"
)

// CandidateWorkLocations returns where the candidate said they can work,
// for a candidate the actor may see.
func (s *Store) CandidateWorkLocations(ctx context.Context, candidateID int64) ([]string, error) {
	a, err := skillkeepr.RequireActor(ctx)
	if err != nil {
		return nil, err
	}
	c := s.read()
	if _, err := candidateFor(ctx, c, a, candidateID); err != nil {
		return nil, err
	}
	var places string
	if err := c.queryRow(ctx, `SELECT work_locations FROM candidates WHERE id = ? AND org_id = ?`, candidateID, a.OrgID).Scan(&places); err != nil {
		return nil, notFound(err, "Candidate", "work locations")
	}
	return decodeList(places), nil
}

// SetWorkLocations records the candidate's answer to where they can work
// (ActManageCandidates on one of their jobs), audited, and rescores their
// applications in the background: it is what a job's location criterion
// reads.
func (s *Store) SetWorkLocations(ctx context.Context, candidateID int64, places []string) ([]string, error) {
	a, err := skillkeepr.RequireActor(ctx)
	if err != nil {
		return nil, err
	}
	places, err = skillkeepr.CleanWorkLocations(places)
	if err != nil {
		return nil, err
	}
	err = s.inTx(ctx, func(tx *txn) error {
		cand, err := candidateFor(ctx, tx.conn, a, candidateID)
		if err != nil {
			return err
		}
		if err := authorizeCandidate(ctx, tx.conn, a, cand, skillkeepr.ActManageCandidates); err != nil {
			return err
		}
		var before string
		if err := tx.queryRow(ctx, `SELECT work_locations FROM candidates WHERE id = ? AND org_id = ?`, candidateID, a.OrgID).Scan(&before); err != nil {
			return dbErr("work locations", err)
		}
		if _, err := tx.exec(ctx, `UPDATE candidates SET work_locations = ?, updated_at = ? WHERE id = ? AND org_id = ?`,
			encodeList(places), ts(s.clock()), candidateID, a.OrgID); err != nil {
			return dbErr("work locations", err)
		}
		if err := s.enqueueScoring(ctx, tx, skillkeepr.ScoreCandidateTask{OrgID: a.OrgID, CandidateID: candidateID}); err != nil {
			return err
		}
		return tx.audit(ctx, a.OrgID, a, "candidate.work_locations", "candidate", candidateID,
			"Recorded where "+candidateLabel(cand)+" can work", fields{"work_locations": decodeList(before)}, fields{"work_locations": places})
	})
	if err != nil {
		return nil, err
	}
	return places, nil
}

// candidateLabel names a candidate in the audit log by number, not by name:
// the entry outlives an erasure of the person.
func candidateLabel(c *skillkeepr.Candidate) string {
	return "candidate #" + strconv.FormatInt(c.ID, 10)
}
