package sqlstore

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"time"

	"github.com/skillkeepr/skillkeepr"
)

// Lever → SkillKeepr: the webhook endpoint of an organisation
// (lever_webhook_endpoints), the deliveries it accepted
// (lever_webhook_deliveries, unique per delivery token) and the state
// Lever reports for linked opportunities, applied to their applications.
// These are system operations: Lever, not a signed-in person, is acting.

var _ skillkeepr.LeverWebhookReceiver = (*Store)(nil)

// leverActor is who the timeline names for changes made in Lever.
func leverActor(orgID int64) *skillkeepr.Actor {
	return &skillkeepr.Actor{OrgID: orgID, Name: "Lever"}
}

func hashURLToken(tok string) string {
	h := sha256.Sum256([]byte(tok))
	return hex.EncodeToString(h[:])
}

// SetLeverWebhookEndpoint stores the organisation's webhook URL token
// (hashed), forgetting the signature tokens of an earlier one.
func (s *Store) SetLeverWebhookEndpoint(ctx context.Context, orgID int64, urlToken string) error {
	if urlToken == "" {
		return errors.New("sqlstore: empty webhook URL token")
	}
	return s.inTx(ctx, func(tx *txn) error {
		_, err := tx.exec(ctx, `INSERT INTO lever_webhook_endpoints (org_id, url_token_hash, signature_token_enc, created_at) VALUES (?, ?, '', ?)
			ON CONFLICT (org_id) DO UPDATE SET url_token_hash = excluded.url_token_hash, signature_token_enc = '', created_at = excluded.created_at`,
			orgID, hashURLToken(urlToken), ts(s.clock()))
		return dbErr("webhook endpoint", err)
	})
}

// SetLeverWebhookSignatureToken stores (sealed) the token Lever signs the
// deliveries of one event with (each registered webhook has its own).
func (s *Store) SetLeverWebhookSignatureToken(ctx context.Context, orgID int64, event, signatureToken string) error {
	ciph, err := s.secrets()
	if err != nil {
		return err
	}
	return s.inTx(ctx, func(tx *txn) error {
		q := `SELECT signature_token_enc FROM lever_webhook_endpoints WHERE org_id = ?`
		if s.engine == enginePostgres {
			q += ` FOR UPDATE`
		}
		var sealed string
		err := tx.queryRow(ctx, q, orgID).Scan(&sealed)
		if errors.Is(err, sql.ErrNoRows) {
			return skillkeepr.Errorf(skillkeepr.ENOTFOUND, "This organisation has no Lever webhook address yet.")
		} else if err != nil {
			return dbErr("webhook endpoint", err)
		}
		toks := map[string]string{}
		if sealed != "" {
			plain, err := ciph.DecryptString(sealed, adFor(orgID, "webhook_signature_tokens"))
			if err != nil {
				return fmt.Errorf("sqlstore: webhook signature tokens of organisation %d: %w", orgID, err)
			}
			if err := json.Unmarshal([]byte(plain), &toks); err != nil {
				return fmt.Errorf("sqlstore: webhook signature tokens of organisation %d: %w", orgID, err)
			}
		}
		toks[event] = signatureToken
		b, _ := json.Marshal(toks)
		if sealed, err = ciph.EncryptString(string(b), adFor(orgID, "webhook_signature_tokens")); err != nil {
			return fmt.Errorf("sqlstore: seal webhook signature token: %w", err)
		}
		_, err = tx.exec(ctx, `UPDATE lever_webhook_endpoints SET signature_token_enc = ? WHERE org_id = ?`, sealed, orgID)
		return dbErr("webhook endpoint", err)
	})
}

// LeverWebhookEndpoint implements skillkeepr.LeverWebhookReceiver.
func (s *Store) LeverWebhookEndpoint(ctx context.Context, urlToken string) (int64, map[string]string, error) {
	var org int64
	var sealed string
	err := s.read().queryRow(ctx, `SELECT org_id, signature_token_enc FROM lever_webhook_endpoints WHERE url_token_hash = ?`,
		hashURLToken(urlToken)).Scan(&org, &sealed)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, nil, skillkeepr.Errorf(skillkeepr.ENOTFOUND, "Unknown webhook address.")
	}
	if err != nil {
		return 0, nil, dbErr("webhook endpoint", err)
	}
	toks := map[string]string{}
	if sealed == "" {
		return org, toks, nil
	}
	ciph, err := s.secrets()
	if err != nil {
		return 0, nil, err
	}
	plain, err := ciph.DecryptString(sealed, adFor(org, "webhook_signature_tokens"))
	if err == nil {
		err = json.Unmarshal([]byte(plain), &toks)
	}
	if err != nil {
		return 0, nil, fmt.Errorf("sqlstore: webhook signature tokens of organisation %d: %w", org, err)
	}
	return org, toks, nil
}

// RecordLeverWebhook implements skillkeepr.LeverWebhookReceiver.
func (s *Store) RecordLeverWebhook(ctx context.Context, orgID int64, d skillkeepr.LeverWebhookDelivery) (bool, error) {
	if d.Token == "" || d.Event == "" {
		return false, skillkeepr.Errorf(skillkeepr.EINVALID, "A delivery needs a token and an event.")
	}
	data := string(d.Data)
	if data == "" {
		data = "{}"
	}
	replay := false
	err := s.inTx(ctx, func(tx *txn) error {
		id, err := tx.insert(ctx, `INSERT INTO lever_webhook_deliveries (org_id, token, lever_id, event, opportunity_id, data, received_at)
			VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (org_id, token) DO NOTHING`,
			orgID, d.Token, d.LeverID, d.Event, d.OpportunityID, data, ts(s.clock()))
		if errors.Is(err, sql.ErrNoRows) {
			replay = true
			return nil
		}
		if err != nil {
			return dbErr("record webhook", err)
		}
		enq := s.enqueuer()
		if enq == nil {
			return skillkeepr.Errorf(skillkeepr.EUNAVAILABLE, "Background work is not set up on this server.")
		}
		return dbErr("enqueue webhook", enq.EnqueueTx(ctx, tx.tx, skillkeepr.LeverWebhookTask{OrgID: orgID, DeliveryID: id}))
	})
	return replay, err
}

// LeverWebhookDelivery returns a recorded delivery.
func (s *Store) LeverWebhookDelivery(ctx context.Context, orgID, id int64) (*skillkeepr.StoredLeverWebhook, error) {
	d := &skillkeepr.StoredLeverWebhook{}
	var data string
	var processed sql.NullInt64
	err := s.read().queryRow(ctx, `SELECT id, org_id, event, opportunity_id, data, processed_at FROM lever_webhook_deliveries WHERE id = ? AND org_id = ?`,
		id, orgID).Scan(&d.ID, &d.OrgID, &d.Event, &d.OpportunityID, &data, &processed)
	if err != nil {
		return nil, notFound(err, "Webhook delivery", "webhook delivery")
	}
	d.Data, d.Processed = []byte(data), processed.Valid
	return d, nil
}

// MarkLeverWebhookProcessed marks a delivery processed without applying
// anything (unknown opportunity, event not followed).
func (s *Store) MarkLeverWebhookProcessed(ctx context.Context, orgID, id int64) error {
	return s.inTx(ctx, func(tx *txn) error {
		_, err := tx.exec(ctx, `UPDATE lever_webhook_deliveries SET processed_at = ? WHERE id = ? AND org_id = ? AND processed_at IS NULL`,
			ts(s.clock()), id, orgID)
		return dbErr("webhook delivery", err)
	})
}

// LeverPollStart returns when the organisation's last poll started (zero:
// never) and records now as the start of this one.
func (s *Store) LeverPollStart(ctx context.Context, orgID int64, now time.Time) (time.Time, error) {
	var last sql.NullInt64
	err := s.inTx(ctx, func(tx *txn) error {
		err := tx.queryRow(ctx, `SELECT last_started_at FROM lever_polls WHERE org_id = ?`, orgID).Scan(&last)
		if err != nil && !errors.Is(err, sql.ErrNoRows) {
			return dbErr("lever poll", err)
		}
		_, err = tx.exec(ctx, `INSERT INTO lever_polls (org_id, last_started_at) VALUES (?, ?)
			ON CONFLICT (org_id) DO UPDATE SET last_started_at = excluded.last_started_at`, orgID, ts(now))
		return dbErr("lever poll", err)
	})
	if err != nil || !last.Valid {
		return time.Time{}, err
	}
	return fromTS(last.Int64), nil
}

// ResetLeverPoll forgets where the poll stood (it then starts from now).
func (s *Store) ResetLeverPoll(ctx context.Context, orgID int64, last time.Time) error {
	return s.inTx(ctx, func(tx *txn) error {
		_, err := tx.exec(ctx, `INSERT INTO lever_polls (org_id, last_started_at) VALUES (?, ?)
			ON CONFLICT (org_id) DO UPDATE SET last_started_at = excluded.last_started_at`, orgID, ts(last))
		return dbErr("lever poll", err)
	})
}

// LinkedLeverOpportunity reports whether an application is linked to the
// opportunity.
func (s *Store) LinkedLeverOpportunity(ctx context.Context, orgID int64, oppID string) (bool, error) {
	var id int64
	err := s.read().queryRow(ctx, `SELECT application_id FROM lever_applications WHERE org_id = ? AND opportunity_id = ?`, orgID, oppID).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return false, nil
	}
	return err == nil, dbErr("lever application", err)
}

// ApplyLeverOpportunityState applies what Lever reports of an opportunity
// to the application linked to it: the stage name, archived (with the
// status before kept, and restored when Lever unarchives), hired, deleted
// (the person's data erased when they have no other application). With a
// deliveryID the delivery is marked processed in the same transaction, and
// a delivery processed before changes nothing.
func (s *Store) ApplyLeverOpportunityState(ctx context.Context, orgID int64, st skillkeepr.LeverOpportunityState, deliveryID int64) (skillkeepr.LeverApplyOutcome, error) {
	out := skillkeepr.LeverApplyUnchanged
	var blobKeys []string
	err := s.inTx(ctx, func(tx *txn) error {
		if deliveryID != 0 {
			res, err := tx.exec(ctx, `UPDATE lever_webhook_deliveries SET processed_at = ? WHERE id = ? AND org_id = ? AND processed_at IS NULL`,
				ts(s.clock()), deliveryID, orgID)
			if err != nil {
				return dbErr("webhook delivery", err)
			}
			if n, _ := res.RowsAffected(); n == 0 {
				out = skillkeepr.LeverApplyDone
				return nil
			}
		}
		var appID, candID int64
		var status, stage, before, jobTitle string
		var jobNumber int64
		err := tx.queryRow(ctx, `SELECT la.application_id, a.candidate_id, a.status, la.stage_name, la.status_before_archive, j.title, j.number
			FROM lever_applications la JOIN applications a ON a.id = la.application_id JOIN jobs j ON j.id = a.job_id
			WHERE la.org_id = ? AND la.opportunity_id = ?`, orgID, st.OpportunityID).
			Scan(&appID, &candID, &status, &stage, &before, &jobTitle, &jobNumber)
		if errors.Is(err, sql.ErrNoRows) {
			out = skillkeepr.LeverApplyUnknown
			return nil
		}
		if err != nil {
			return dbErr("lever application", err)
		}
		on := fmt.Sprintf("#%d %s", jobNumber, jobTitle)
		a := leverActor(orgID)
		now := s.clock()
		cur := skillkeepr.ApplicationStatus(status)
		if cur == skillkeepr.StatusDeleted {
			return nil // nothing comes back from a deletion
		}
		setStatus := func(to skillkeepr.ApplicationStatus, msg string) error {
			if _, err := tx.exec(ctx, `UPDATE applications SET status = ?, updated_at = ? WHERE id = ? AND org_id = ?`, string(to), ts(now), appID, orgID); err != nil {
				return dbErr("application status", err)
			}
			if err := tx.event(ctx, a, candID, appID, "lever_status_changed", msg); err != nil {
				return err
			}
			out = skillkeepr.LeverApplyChanged
			return tx.audit(ctx, orgID, nil, "application.lever_status_change", "application", appID,
				"Lever moved an application on "+on+" from "+cur.Label()+" to "+to.Label(), fields{"status": cur}, fields{"status": to})
		}
		if st.Deleted {
			// The interviewers' time is freed and their calendars told;
			// the candidate's address is erased below, so only they are.
			if _, err := s.cancelUpcomingInterviews(ctx, tx, a, appID, "The candidate was deleted in Lever."); err != nil {
				return err
			}
			if err := setStatus(skillkeepr.StatusDeleted, "Deleted in Lever on "+on+"."); err != nil {
				return err
			}
			keys, err := s.eraseIfOnlyApplication(ctx, tx, orgID, candID, appID)
			blobKeys = keys
			return err
		}
		if st.StageName != "" && st.StageName != stage {
			if _, err := tx.exec(ctx, `UPDATE lever_applications SET stage_name = ? WHERE application_id = ?`, st.StageName, appID); err != nil {
				return dbErr("lever stage", err)
			}
			msg := "Lever stage changed to " + st.StageName + " on " + on + "."
			if stage != "" {
				msg = "Lever stage changed from " + stage + " to " + st.StageName + " on " + on + "."
			}
			if err := tx.event(ctx, a, candID, appID, "lever_stage_changed", msg); err != nil {
				return err
			}
			out = skillkeepr.LeverApplyChanged
		}
		switch {
		case st.Hired && cur != skillkeepr.StatusHired:
			if cur != skillkeepr.StatusArchived {
				before = status
			}
			if _, err := tx.exec(ctx, `UPDATE lever_applications SET status_before_archive = ? WHERE application_id = ?`, before, appID); err != nil {
				return dbErr("lever application", err)
			}
			return setStatus(skillkeepr.StatusHired, "Hired in Lever on "+on+".")
		case st.Archived && !st.Hired && cur != skillkeepr.StatusArchived:
			msg := "Archived in Lever on " + on + "."
			reason := "The candidate was archived in Lever."
			if st.ArchiveReason != "" {
				msg = "Archived in Lever on " + on + ". Reason: " + st.ArchiveReason + "."
				reason = "The candidate was archived in Lever (" + st.ArchiveReason + ")."
			}
			canceled, err := s.cancelUpcomingInterviews(ctx, tx, a, appID, reason)
			if err != nil {
				return err
			}
			if cur != skillkeepr.StatusHired {
				before = status
				// Unarchiving must not bring back an interview that is gone.
				if canceled > 0 && cur == skillkeepr.StatusInterviewScheduled {
					before = string(skillkeepr.StatusInterviewCanceled)
				}
			}
			if _, err := tx.exec(ctx, `UPDATE lever_applications SET status_before_archive = ? WHERE application_id = ?`, before, appID); err != nil {
				return dbErr("lever application", err)
			}
			return setStatus(skillkeepr.StatusArchived, msg)
		case !st.Archived && !st.Hired && (cur == skillkeepr.StatusArchived || cur == skillkeepr.StatusHired):
			to := skillkeepr.ApplicationStatus(before)
			if !to.Valid() || to == skillkeepr.StatusArchived || to == skillkeepr.StatusHired || to == skillkeepr.StatusDeleted {
				to = skillkeepr.StatusNew
			}
			if _, err := tx.exec(ctx, `UPDATE lever_applications SET status_before_archive = '' WHERE application_id = ?`, appID); err != nil {
				return dbErr("lever application", err)
			}
			return setStatus(to, "Unarchived in Lever on "+on+"; back to "+to.Label()+".")
		}
		return nil
	})
	if err != nil {
		return "", err
	}
	for _, k := range blobKeys {
		if s.blobs == nil {
			break
		}
		if err := s.blobs.Delete(context.WithoutCancel(ctx), k); err != nil && s.log != nil {
			s.log.WarnContext(ctx, "erase résumé file", "org_id", orgID, "error", err.Error())
		}
	}
	return out, nil
}

// eraseIfOnlyApplication erases the candidate's personal data when appID
// is their only application that is not deleted: name, emails, phones,
// links, location, their timeline and résumé rows (the blob keys are
// returned, deleted after commit). An anonymised audit entry remains.
func (s *Store) eraseIfOnlyApplication(ctx context.Context, tx *txn, orgID, candID, appID int64) ([]string, error) {
	var others int
	if err := tx.queryRow(ctx, `SELECT count(*) FROM applications WHERE org_id = ? AND candidate_id = ? AND id <> ? AND status <> ?`,
		orgID, candID, appID, string(skillkeepr.StatusDeleted)).Scan(&others); err != nil {
		return nil, dbErr("erase candidate", err)
	}
	if others > 0 {
		return nil, nil
	}
	rows, err := tx.query(ctx, `SELECT blob_key FROM resume_files WHERE org_id = ? AND candidate_id = ?`, orgID, candID)
	if err != nil {
		return nil, dbErr("erase candidate", err)
	}
	var keys []string
	for rows.Next() {
		var k string
		if err := rows.Scan(&k); err != nil {
			closeRows(rows)
			return nil, dbErr("erase candidate", err)
		}
		keys = append(keys, k)
	}
	closeRows(rows)
	stmts := []struct {
		q    string
		args []any
	}{
		{`DELETE FROM resume_files WHERE org_id = ? AND candidate_id = ?`, []any{orgID, candID}},
		{`DELETE FROM candidate_emails WHERE org_id = ? AND candidate_id = ?`, []any{orgID, candID}},
		{`DELETE FROM events WHERE org_id = ? AND candidate_id = ?`, []any{orgID, candID}},
		{`UPDATE candidates SET name = ?, email = '', emails = '[]', phones = '[]', links = '[]', location = '', source = '', updated_at = ? WHERE id = ? AND org_id = ?`,
			[]any{"Deleted candidate", ts(s.clock()), candID, orgID}},
		{`UPDATE lever_applications SET tags = '[]', sources = '[]', owner_name = '', resume_id = '' WHERE org_id = ? AND application_id IN (SELECT id FROM applications WHERE candidate_id = ?)`, []any{orgID, candID}},
		{`UPDATE lever_import_entries SET candidate_name = '' WHERE org_id = ? AND candidate_id = ?`, []any{orgID, candID}},
		// Self-identification answers and language-model suggestions (résumé lines) go too.
		{`DELETE FROM candidate_self_identification WHERE org_id = ? AND candidate_id = ?`, []any{orgID, candID}},
		{`DELETE FROM assist_suggestions WHERE org_id = ? AND application_id IN (SELECT id FROM applications WHERE org_id = ? AND candidate_id = ?)`, []any{orgID, orgID, candID}},
		// Scores quote résumé lines; the answer to where they can work is theirs.
		{`DELETE FROM application_scores WHERE org_id = ? AND application_id IN (SELECT id FROM applications WHERE org_id = ? AND candidate_id = ?)`, []any{orgID, orgID, candID}},
		{`UPDATE candidates SET work_locations = '[]' WHERE id = ? AND org_id = ?`, []any{candID, orgID}},
		// What people wrote about them: comments, rating card notes, the
		// comment of a recommendation and what a push captured.
		{`DELETE FROM comments WHERE org_id = ? AND candidate_id = ?`, []any{orgID, candID}},
		{`UPDATE rating_cards SET notes = '' WHERE org_id = ? AND application_id IN (SELECT id FROM applications WHERE org_id = ? AND candidate_id = ?)`, []any{orgID, orgID, candID}},
		{`UPDATE applications SET decision_comment = '' WHERE org_id = ? AND candidate_id = ?`, []any{orgID, candID}},
		{`UPDATE lever_pushes SET content = '{}' WHERE org_id = ? AND application_id IN (SELECT id FROM applications WHERE org_id = ? AND candidate_id = ?)`, []any{orgID, orgID, candID}},
		// Emails sent to them (addresses, subjects with their name), and
		// notifications that name them or point at them.
		{`DELETE FROM email_log WHERE org_id = ? AND candidate_id = ?`, []any{orgID, candID}},
		{`DELETE FROM notifications WHERE org_id = ? AND (link = ? OR link LIKE ? OR link IN (SELECT '/interviews/' || CAST(id AS TEXT) || '/card' FROM interviews WHERE org_id = ? AND candidate_id = ?))`,
			[]any{orgID, "/candidates/" + strconv.FormatInt(candID, 10), "/candidates/" + strconv.FormatInt(candID, 10) + "#%", orgID, candID}},
	}
	for _, st := range stmts {
		if _, err := tx.exec(ctx, st.q, st.args...); err != nil {
			return nil, dbErr("erase candidate", err)
		}
	}
	if err := tx.event(ctx, leverActor(orgID), candID, appID, "lever_deleted", "Deleted in Lever: personal data and résumé files erased."); err != nil {
		return nil, err
	}
	return keys, tx.audit(ctx, orgID, nil, "candidate.erase", "candidate", candID,
		"Erased a candidate's personal data after Lever deleted them", nil, fields{"application_id": appID, "resume_files": len(keys)})
}

// cancelUpcomingInterviews cancels the application's interviews that have
// not started, for a reason Lever gave (an archive): the interviewers' time
// is freed, everyone gets the calendar cancellation, and the timeline and
// audit log say why. The application's status is Lever's to set, so it is
// left to the caller. It returns how many it canceled.
func (s *Store) cancelUpcomingInterviews(ctx context.Context, tx *txn, a *skillkeepr.Actor, appID int64, reason string) (int, error) {
	now := s.clock()
	rows, err := tx.query(ctx, `SELECT id FROM interviews WHERE application_id = ? AND org_id = ? AND status = ? AND starts_at > ? ORDER BY starts_at`,
		appID, a.OrgID, string(skillkeepr.InterviewScheduled), ts(now))
	if err != nil {
		return 0, dbErr("upcoming interviews", err)
	}
	var ids []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			closeRows(rows)
			return 0, dbErr("upcoming interviews", err)
		}
		ids = append(ids, id)
	}
	closeRows(rows)
	if err := rows.Err(); err != nil {
		return 0, dbErr("upcoming interviews", err)
	}
	for _, id := range ids {
		iv, err := interviewByID(ctx, tx.conn, a.OrgID, id)
		if err != nil {
			return 0, err
		}
		if err := updateScheduled(ctx, tx, iv, `status = ?, cancel_reason = ?, sequence = sequence + 1, updated_at = ?`,
			string(skillkeepr.InterviewCanceled), reason, ts(now)); err != nil {
			return 0, err
		}
		if err := releaseBusy(ctx, tx, a.OrgID, id); err != nil {
			return 0, err
		}
		n := *iv
		n.Status, n.CancelReason = skillkeepr.InterviewCanceled, reason
		n.Sequence++
		if err := tx.event(ctx, a, iv.CandidateID, appID, "interview_canceled",
			"Interview canceled: "+iv.Title+" on "+interviewWhen(iv)+". "+reason); err != nil {
			return 0, err
		}
		if err := s.enqueueInterviewNotices(ctx, tx, &n, skillkeepr.NoticeCanceled); err != nil {
			return 0, err
		}
		if err := tx.audit(ctx, a.OrgID, nil, "interview.cancel", "interview", id,
			"Canceled "+iv.Title+" with "+iv.CandidateName+" on "+interviewWhen(iv)+" because of Lever",
			fields{"status": iv.Status}, fields{"status": skillkeepr.InterviewCanceled, "reason": reason}); err != nil {
			return 0, err
		}
	}
	return len(ids), nil
}
