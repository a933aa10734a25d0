package sqlstore

import (
	"context"
	"strconv"
	"strings"
	"testing"

	"github.com/skillkeepr/skillkeepr"
)

// SeedRecommendedLeverApplications adds one candidate per Lever
// opportunity to a job of o, recommended by decidedBy with comment and
// linked to the opportunity, with multi-row inserts (no timeline or audit
// lines), for tests and benchmarks of the push that need many. It returns
// the applications in the order of opps.
func SeedRecommendedLeverApplications(t testing.TB, s *Store, o *TestOrg, jobID, decidedBy int64, comment string, opps []string) []*skillkeepr.Application {
	t.Helper()
	ctx := context.Background()
	org := o.Org.ID
	now := ts(s.clock())
	tag := "push-seed-" + strconv.FormatInt(now, 10)
	const batch = 200
	var out []*skillkeepr.Application
	err := s.inTx(ctx, func(tx *txn) error {
		email := func(i int) string {
			return "pushed" + strconv.Itoa(i) + "-" + strconv.FormatInt(jobID, 10) + "@example.com"
		}
		for start := 0; start < len(opps); start += batch {
			n := min(batch, len(opps)-start)
			args := make([]any, 0, n*8)
			for i := start; i < start+n; i++ {
				args = append(args, org, "Candidate "+strconv.Itoa(i), email(i), encodeList([]string{email(i)}), "[]", "[]", "", tag)
			}
			q := `INSERT INTO candidates (org_id, name, email, emails, phones, links, location, source, created_at, updated_at) VALUES ` +
				strings.TrimSuffix(strings.Repeat("(?, ?, ?, ?, ?, ?, ?, ?, "+strconv.FormatInt(now, 10)+", "+strconv.FormatInt(now, 10)+"), ", n), ", ")
			if _, err := tx.exec(ctx, q, args...); err != nil {
				return err
			}
		}
		var first int64
		if err := tx.queryRow(ctx, `SELECT min(id) FROM candidates WHERE org_id = ? AND source = ?`, org, tag).Scan(&first); err != nil {
			return err
		}
		for start := 0; start < len(opps); start += batch {
			n := min(batch, len(opps)-start)
			eargs := make([]any, 0, n*3)
			aargs := make([]any, 0, n*9)
			for i := start; i < start+n; i++ {
				id := first + int64(i)
				eargs = append(eargs, org, id, email(i))
				aargs = append(aargs, org, id, jobID, string(skillkeepr.StatusRecommended), opps[i], comment, decidedBy, now, now)
			}
			if _, err := tx.exec(ctx, `INSERT INTO candidate_emails (org_id, candidate_id, email) VALUES `+
				strings.TrimSuffix(strings.Repeat("(?, ?, ?), ", n), ", "), eargs...); err != nil {
				return err
			}
			if _, err := tx.exec(ctx, `INSERT INTO applications (org_id, candidate_id, job_id, status, lever_opportunity_id, decision_comment, decision_by_id, decision_at, created_at, updated_at) VALUES `+
				strings.TrimSuffix(strings.Repeat("(?, ?, ?, ?, ?, ?, ?, ?, ?, "+strconv.FormatInt(now, 10)+"), ", n), ", "), aargs...); err != nil {
				return err
			}
		}
		rows, err := tx.query(ctx, applicationSelect+` WHERE a.org_id = ? AND a.job_id = ? AND a.candidate_id >= ? ORDER BY a.candidate_id`, org, jobID, first)
		if err != nil {
			return err
		}
		defer closeRows(rows)
		for rows.Next() {
			app, err := scanApplication(rows)
			if err != nil {
				return err
			}
			out = append(out, app)
		}
		return rows.Err()
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(out) != len(opps) {
		t.Fatalf("seeded %d applications, want %d", len(out), len(opps))
	}
	return out
}
