package sqlstore

import (
	"context"
	"encoding/json"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/skillkeepr/skillkeepr"
)

// SeedEndedInterview stores, for tests of the packages above the store,
// an interview of application appID that ended an hour ago (status
// completed) with the given interviewers, as if it had been booked and
// held. The application moves to interview_completed.
func SeedEndedInterview(t testing.TB, s *Store, orgID, appID int64, interviewerIDs ...int64) *skillkeepr.Interview {
	t.Helper()
	ctx := context.Background()
	var id int64
	err := s.inTx(ctx, func(tx *txn) error {
		var jobID, candID int64
		if err := tx.queryRow(ctx, `SELECT job_id, candidate_id FROM applications WHERE id = ? AND org_id = ?`, appID, orgID).Scan(&jobID, &candID); err != nil {
			return err
		}
		end := s.clock().Add(-time.Hour)
		var err error
		id, err = tx.insert(ctx, `INSERT INTO interviews (org_id, job_id, application_id, candidate_id, title, starts_at, ends_at, timezone, status, sequence, uid, created_at, updated_at)
			VALUES (?, ?, ?, ?, 'Video interview', ?, ?, 'UTC', ?, 0, ?, ?, ?)`, orgID, jobID, appID, candID, ts(end.Add(-45*time.Minute)), ts(end),
			string(skillkeepr.InterviewCompleted), newInterviewUID(), ts(end), ts(end))
		if err != nil {
			return err
		}
		for _, u := range interviewerIDs {
			if _, err := tx.exec(ctx, `INSERT INTO interview_interviewers (org_id, interview_id, user_id) VALUES (?, ?, ?)`, orgID, id, u); err != nil {
				return err
			}
		}
		_, err = tx.exec(ctx, `UPDATE applications SET status = ? WHERE id = ? AND org_id = ?`, string(skillkeepr.StatusInterviewCompleted), appID, orgID)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	iv, err := interviewByID(ctx, s.read(), orgID, id)
	if err != nil {
		t.Fatal(err)
	}
	return iv
}

// SeedRatedInterviews fills job with n candidates for benchmarks, each
// with one completed interview by the given interviewers and one
// submitted card from each (scores varying from candidate to candidate),
// written with multi-row inserts in one transaction.
func SeedRatedInterviews(t testing.TB, s *Store, o *TestOrg, job *skillkeepr.Job, n int, interviewerIDs []int64) {
	t.Helper()
	ctx := context.Background()
	org := o.Org.ID
	tmpl, err := s.CreateRatingCardTemplate(o.Ctx(o.SuperAdmin), job.ID, "")
	if err != nil {
		t.Fatal(err)
	}
	now := s.clock()
	multi := func(tx *txn, head string, cols, rows int, args []any) error {
		row := "(" + strings.TrimSuffix(strings.Repeat("?, ", cols), ", ") + ")"
		_, err := tx.exec(ctx, head+strings.TrimSuffix(strings.Repeat(row+", ", rows), ", "), args...)
		return err
	}
	err = s.inTx(ctx, func(tx *txn) error {
		for i := range n {
			email := "rated" + strconv.Itoa(i) + "@example.com"
			cand, err := tx.insert(ctx, `INSERT INTO candidates (org_id, name, email, emails, phones, links, location, source, created_at, updated_at)
				VALUES (?, ?, ?, ?, '[]', '[]', '', 'seed', ?, ?)`, org, "Rated Candidate "+strconv.Itoa(i), email, encodeList([]string{email}), ts(now), ts(now))
			if err != nil {
				return err
			}
			app, err := tx.insert(ctx, `INSERT INTO applications (org_id, candidate_id, job_id, status, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)`,
				org, cand, job.ID, string(skillkeepr.StatusReviewCompleted), ts(now), ts(now))
			if err != nil {
				return err
			}
			end := now.Add(-time.Duration(i+1) * time.Minute)
			iv, err := tx.insert(ctx, `INSERT INTO interviews (org_id, job_id, application_id, candidate_id, title, starts_at, ends_at, timezone, status, sequence, uid, created_at, updated_at)
				VALUES (?, ?, ?, ?, 'Video interview', ?, ?, 'UTC', ?, 0, ?, ?, ?)`, org, job.ID, app, cand, ts(end.Add(-time.Hour)), ts(end),
				string(skillkeepr.InterviewCompleted), newInterviewUID(), ts(end), ts(end))
			if err != nil {
				return err
			}
			var iargs, cargs []any
			for k, u := range interviewerIDs {
				iargs = append(iargs, org, iv, u)
				scores := make([]skillkeepr.CardScore, len(tmpl.Competencies))
				for c, comp := range tmpl.Competencies {
					scores[c] = skillkeepr.CardScore{Competency: comp.Name, Score: 1 + (i+k+c)%4}
				}
				enc, _ := json.Marshal(scores)
				cargs = append(cargs, org, iv, app, job.ID, tmpl.ID, u, string(skillkeepr.CardSubmitted), string(enc), 1+(i+k)%4,
					"Notes from interviewer "+strconv.Itoa(k+1)+" about a thoughtful conversation.", ts(end), ts(end), ts(end))
			}
			if err := multi(tx, `INSERT INTO interview_interviewers (org_id, interview_id, user_id) VALUES `, 3, len(interviewerIDs), iargs); err != nil {
				return err
			}
			if err := multi(tx, `INSERT INTO rating_cards (org_id, interview_id, application_id, job_id, template_id, interviewer_id, status, scores, overall, notes, created_at, submitted_at, updated_at) VALUES `,
				13, len(interviewerIDs), cargs); err != nil {
				return err
			}
			if _, err := tx.exec(ctx, `INSERT INTO rating_card_openings (interview_id, org_id, opened_at) VALUES (?, ?, ?)`, iv, org, ts(end)); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.db.ExecContext(ctx, `ANALYZE`); err != nil {
		t.Fatal(err)
	}
}
