package sqlstore

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"strconv"
	"time"

	"github.com/skillkeepr/skillkeepr"
)

var _ skillkeepr.RatingCardService = (*Store)(nil)

// ratingCardConfig is how cards are emailed and reminded of.
type ratingCardConfig struct {
	email    skillkeepr.RatingCardEmail
	reminder time.Duration
}

var defaultRatingCardConfig = ratingCardConfig{email: defaultRatingCardEmail, reminder: skillkeepr.DefaultRatingCardReminder}

func (s *Store) ratingCardCfg() ratingCardConfig {
	if c := s.cardCfg.Load(); c != nil {
		return *c
	}
	return defaultRatingCardConfig
}

func (s *Store) setRatingCardCfg(fn func(c *ratingCardConfig)) {
	for {
		old := s.cardCfg.Load()
		c := s.ratingCardCfg()
		fn(&c)
		if s.cardCfg.CompareAndSwap(old, &c) {
			return
		}
	}
}

// SetRatingCardEmail sets the builder of the emails asking interviewers
// for their rating cards (the mail package's templates in production).
func (s *Store) SetRatingCardEmail(e skillkeepr.RatingCardEmail) {
	s.setRatingCardCfg(func(c *ratingCardConfig) { c.email = e })
}

// SetRatingCardReminder sets how long after the first email, and then
// between reminders, a missing card is reminded of (default 24 hours).
func (s *Store) SetRatingCardReminder(d time.Duration) {
	if d <= 0 {
		d = skillkeepr.DefaultRatingCardReminder
	}
	s.setRatingCardCfg(func(c *ratingCardConfig) { c.reminder = d })
}

func defaultRatingCardEmail(n skillkeepr.RatingCardNotice) skillkeepr.EmailMessage {
	subject := "Please fill in your rating card for " + n.CandidateName
	if n.Reminder > 0 {
		subject = "Reminder: " + subject
	}
	return skillkeepr.EmailMessage{OrgID: n.OrgID, To: []string{n.To}, Kind: "rating_card", Subject: subject,
		Text: "Hello " + n.InterviewerName + ",\n\nPlease fill in your rating card for " + n.InterviewTitle + " with " + n.CandidateName +
			" (" + n.JobTitle + "): /interviews/" + strconv.FormatInt(n.InterviewID, 10) + "/card\n"}
}

const cardSelect = `SELECT rc.id, rc.org_id, rc.interview_id, rc.application_id, rc.job_id, rc.template_id, rc.interviewer_id, u.name,
	c.name, i.title, i.ends_at, i.status, rc.status, rc.scores, rc.overall, rc.notes, rc.created_at, rc.submitted_at
	FROM rating_cards rc JOIN users u ON u.id = rc.interviewer_id JOIN interviews i ON i.id = rc.interview_id
	JOIN candidates c ON c.id = i.candidate_id`

func scanCard(sc interface{ Scan(...any) error }) (*skillkeepr.RatingCard, error) {
	rc := &skillkeepr.RatingCard{}
	var scores string
	var ends, created int64
	var submitted sql.NullInt64
	if err := sc.Scan(&rc.ID, &rc.OrgID, &rc.InterviewID, &rc.ApplicationID, &rc.JobID, &rc.TemplateID, &rc.InterviewerID, &rc.InterviewerName,
		&rc.CandidateName, &rc.InterviewTitle, &ends, &rc.InterviewStatus, &rc.Status, &scores, &rc.Overall, &rc.Notes, &created, &submitted); err != nil {
		return nil, err
	}
	if err := json.Unmarshal([]byte(scores), &rc.Scores); err != nil {
		return nil, err
	}
	rc.InterviewEndsAt, rc.CreatedAt = fromTS(ends), fromTS(created)
	if submitted.Valid {
		t := fromTS(submitted.Int64)
		rc.SubmittedAt = &t
	}
	return rc, nil
}

// findCards returns the cards matching where. Cards of an interview that
// was canceled or marked a no-show after its cards opened are left out:
// nobody owes them and they say nothing about the candidate.
func findCards(ctx context.Context, c conn, where string, args ...any) ([]*skillkeepr.RatingCard, error) {
	rows, err := c.query(ctx, cardSelect+` WHERE `+where, args...)
	if err != nil {
		return nil, dbErr("find rating cards", err)
	}
	defer closeRows(rows)
	out := []*skillkeepr.RatingCard{}
	for rows.Next() {
		rc, err := scanCard(rows)
		if err != nil {
			return nil, dbErr("find rating cards", err)
		}
		if rc.InterviewStatus == skillkeepr.InterviewScheduled || rc.InterviewStatus == skillkeepr.InterviewCompleted {
			out = append(out, rc)
		}
	}
	return out, dbErr("find rating cards", rows.Err())
}

// cardsOpen reports whether the cards of an interview in this state are
// due: it has ended and was neither canceled nor a no-show.
func cardsOpen(iv *skillkeepr.Interview, now time.Time) bool {
	return (iv.Status == skillkeepr.InterviewCompleted || iv.Status == skillkeepr.InterviewScheduled) && !now.Before(iv.EndsAt)
}

// openInterviewCards opens the cards of interview id once: one pending
// card per interviewer on the template the interview uses, an email to
// each and a reminder scheduled after the configured delay. It returns
// false when the cards were already open or are not due.
func (s *Store) openInterviewCards(ctx context.Context, tx *txn, org, id int64) (bool, error) {
	iv, err := interviewByID(ctx, tx.conn, org, id)
	if err != nil {
		return false, err
	}
	now := s.clock()
	if !cardsOpen(iv, now) {
		return false, nil
	}
	res, err := tx.exec(ctx, `INSERT INTO rating_card_openings (interview_id, org_id, opened_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING`, id, org, ts(now))
	if err != nil {
		return false, dbErr("open rating cards", err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return false, nil
	}
	enq := s.enqueuer()
	if enq == nil {
		return false, skillkeepr.Errorf(skillkeepr.EUNAVAILABLE, "Background work is not set up yet, so interviewers cannot be emailed. Please try again later.")
	}
	job, err := jobByID(ctx, tx.conn, org, iv.JobID)
	if err != nil {
		return false, err
	}
	system := &skillkeepr.Actor{OrgID: org, Name: "SkillKeepr"}
	t, err := s.cardTemplateFor(ctx, tx, system, iv, job)
	if err != nil {
		return false, err
	}
	cfg := s.ratingCardCfg()
	for _, p := range iv.Interviewers {
		cardID, err := tx.insert(ctx, `INSERT INTO rating_cards (org_id, interview_id, application_id, job_id, template_id, interviewer_id, status, scores, overall, notes, created_at, updated_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, '[]', 0, '', ?, ?)`, org, id, iv.ApplicationID, iv.JobID, t.ID, p.UserID, string(skillkeepr.CardPending), ts(now), ts(now))
		if err != nil {
			return false, dbErr("open rating cards", err)
		}
		msg := cfg.email(cardNotice(iv, p, 0))
		msg.OrgID = org
		if err := enq.EnqueueTx(ctx, tx.tx, skillkeepr.SendEmailTask{Message: msg}); err != nil {
			return false, dbErr("enqueue rating card email", err)
		}
		if err := enq.EnqueueTx(ctx, tx.tx, skillkeepr.RatingCardReminderTask{OrgID: org, CardID: cardID, Reminder: 1, DueAt: now.Add(cfg.reminder)}); err != nil {
			return false, dbErr("enqueue rating card reminder", err)
		}
		if err := tx.notifyRatingCard(ctx, iv, p.UserID, "Please fill in your rating card for "); err != nil {
			return false, err
		}
	}
	return true, tx.audit(ctx, org, nil, "rating_cards.open", "interview", id,
		fmt.Sprintf("Asked %s for rating cards on %s with %s", participantNames(iv.Interviewers), iv.Title, iv.CandidateName),
		nil, fields{"template_id": t.ID, "interviewer_ids": iv.InterviewerIDs()})
}

// notifyRatingCard puts a rating card to fill in on the interviewer's bell;
// the email about it is sent by the caller, so the notification sends none.
func (tx *txn) notifyRatingCard(ctx context.Context, iv *skillkeepr.Interview, userID int64, title string) error {
	return tx.notify(ctx, iv.OrgID, nil, skillkeepr.NotificationCreate{UserID: userID, Kind: skillkeepr.NotifyRatingCard,
		Title: title + iv.Title + " with " + iv.CandidateName,
		Link:  "/interviews/" + strconv.FormatInt(iv.ID, 10) + "/card"})
}

func cardNotice(iv *skillkeepr.Interview, p skillkeepr.InterviewParticipant, reminder int) skillkeepr.RatingCardNotice {
	return skillkeepr.RatingCardNotice{OrgID: iv.OrgID, To: p.Email, InterviewerName: p.Name, CandidateName: iv.CandidateName,
		JobTitle: iv.JobTitle, InterviewTitle: iv.Title, InterviewEndsAt: iv.EndsAt, Timezone: iv.Timezone, InterviewID: iv.ID, Reminder: reminder}
}

// openCardsLookback bounds how far back OpenDueRatingCards looks, so that
// interviews from before rating cards existed are not all asked at once.
const openCardsLookback = 30 * 24 * time.Hour

// OpenDueRatingCards opens the cards of every interview, of any
// organisation, that ended within the last 30 days and has none yet; a
// periodic job calls it. Each interview is opened in its own transaction.
func (s *Store) OpenDueRatingCards(ctx context.Context) (int, error) {
	now := s.clock()
	rows, err := s.read().query(ctx, `SELECT i.id, i.org_id FROM interviews i
		WHERE i.status IN (?, ?) AND i.ends_at <= ? AND i.ends_at > ?
		AND NOT EXISTS (SELECT 1 FROM rating_card_openings o WHERE o.interview_id = i.id AND o.org_id = i.org_id)
		ORDER BY i.ends_at LIMIT 500`,
		string(skillkeepr.InterviewScheduled), string(skillkeepr.InterviewCompleted), ts(now), ts(now.Add(-openCardsLookback)))
	if err != nil {
		return 0, dbErr("find ended interviews", err)
	}
	type due struct{ id, org int64 }
	var list []due
	for rows.Next() {
		var d due
		if err := rows.Scan(&d.id, &d.org); err != nil {
			closeRows(rows)
			return 0, dbErr("find ended interviews", err)
		}
		list = append(list, d)
	}
	closeRows(rows)
	if err := rows.Err(); err != nil {
		return 0, dbErr("find ended interviews", err)
	}
	opened := 0
	for _, d := range list {
		err := s.inTx(ctx, func(tx *txn) error {
			ok, err := s.openInterviewCards(ctx, tx, d.org, d.id)
			if ok {
				opened++
			}
			return err
		})
		if err != nil {
			return opened, err
		}
	}
	return opened, nil
}

// RemindRatingCard emails reminder number n for a missing card and
// schedules the next one (at most MaxRatingCardReminder). A submitted card,
// or one whose interview was canceled or marked a no-show, is left alone.
func (s *Store) RemindRatingCard(ctx context.Context, orgID, cardID int64, n int) error {
	return s.inTx(ctx, func(tx *txn) error {
		cards, err := findCards(ctx, tx.conn, `rc.id = ? AND rc.org_id = ?`, cardID, orgID)
		if err != nil {
			return err
		}
		if len(cards) == 0 || cards[0].Status != skillkeepr.CardPending {
			return nil
		}
		rc := cards[0]
		iv, err := interviewByID(ctx, tx.conn, orgID, rc.InterviewID)
		if err != nil {
			if skillkeepr.ErrorCodeOf(err) == skillkeepr.ENOTFOUND {
				return nil
			}
			return err
		}
		if iv.Status != skillkeepr.InterviewCompleted && iv.Status != skillkeepr.InterviewScheduled {
			return nil
		}
		var p skillkeepr.InterviewParticipant
		for _, x := range iv.Interviewers {
			if x.UserID == rc.InterviewerID {
				p = x
			}
		}
		if p.UserID == 0 {
			return nil // no longer on the interview
		}
		enq := s.enqueuer()
		if enq == nil {
			return skillkeepr.Errorf(skillkeepr.EUNAVAILABLE, "Background work is not set up yet.")
		}
		cfg := s.ratingCardCfg()
		msg := cfg.email(cardNotice(iv, p, n))
		msg.OrgID = orgID
		if err := enq.EnqueueTx(ctx, tx.tx, skillkeepr.SendEmailTask{Message: msg}); err != nil {
			return dbErr("enqueue rating card reminder", err)
		}
		if err := tx.notifyRatingCard(ctx, iv, p.UserID, "Your rating card is still missing for "); err != nil {
			return err
		}
		if n < skillkeepr.MaxRatingCardReminder {
			next := skillkeepr.RatingCardReminderTask{OrgID: orgID, CardID: cardID, Reminder: n + 1, DueAt: s.clock().Add(cfg.reminder)}
			if err := enq.EnqueueTx(ctx, tx.tx, next); err != nil {
				return dbErr("enqueue rating card reminder", err)
			}
		}
		return nil
	})
}

// cardInterview loads an interview for its cards: the actor must be one of
// its interviewers or see its job; anyone else gets "not found".
func cardInterview(ctx context.Context, c conn, a *skillkeepr.Actor, id int64) (*skillkeepr.Interview, *skillkeepr.Job, bool, error) {
	iv, err := interviewByID(ctx, c, a.OrgID, id)
	if err != nil {
		return nil, nil, false, err
	}
	job, err := jobByID(ctx, c, a.OrgID, iv.JobID)
	if err != nil {
		return nil, nil, false, err
	}
	t := skillkeepr.Target{Job: job, InterviewerIDs: iv.InterviewerIDs()}
	on := skillkeepr.Can(a, skillkeepr.ActRateInterview, t)
	if !on && !skillkeepr.Can(a, skillkeepr.ActViewJob, t) {
		return nil, nil, false, skillkeepr.NotFound("Interview")
	}
	return iv, job, on, nil
}

// FindMyRatingCard returns the actor's card for an interview they are on,
// opening the interview's cards first if it has ended.
func (s *Store) FindMyRatingCard(ctx context.Context, interviewID int64) (*skillkeepr.RatingCard, error) {
	a, err := skillkeepr.RequireActor(ctx)
	if err != nil {
		return nil, err
	}
	iv, _, on, err := cardInterview(ctx, s.read(), a, interviewID)
	if err != nil {
		return nil, err
	}
	if !on {
		return nil, skillkeepr.Errorf(skillkeepr.EFORBIDDEN, "Only the interviewers of this interview have a rating card for it.")
	}
	cards, err := findCards(ctx, s.read(), `rc.interview_id = ? AND rc.org_id = ? AND rc.interviewer_id = ?`, interviewID, a.OrgID, a.UserID)
	if err != nil {
		return nil, err
	}
	if len(cards) == 0 {
		if !cardsOpen(iv, s.clock()) {
			return nil, skillkeepr.Errorf(skillkeepr.ECONFLICT, "The rating card opens when the interview ends.")
		}
		if err := s.inTx(ctx, func(tx *txn) error {
			_, err := s.openInterviewCards(ctx, tx, a.OrgID, interviewID)
			return err
		}); err != nil {
			return nil, err
		}
		if cards, err = findCards(ctx, s.writeConn(), `rc.interview_id = ? AND rc.org_id = ? AND rc.interviewer_id = ?`, interviewID, a.OrgID, a.UserID); err != nil {
			return nil, err
		}
		if len(cards) == 0 {
			return nil, skillkeepr.NotFound("Rating card")
		}
	}
	rc := cards[0]
	if rc.Template, err = templateByID(ctx, s.read(), a.OrgID, rc.TemplateID); err != nil {
		return nil, err
	}
	return rc, nil
}

// writeConn returns the write pool as a conn, to read what was just
// written without waiting for the read pool to see it.
func (s *Store) writeConn() conn { return conn{q: s.db, engine: s.engine} }

// SubmitRatingCard submits the actor's card for an interview. When it is
// the last missing card of the application's finished interviews, the
// application moves to review_completed in the same transaction.
func (s *Store) SubmitRatingCard(ctx context.Context, interviewID int64, sub skillkeepr.RatingCardSubmission) (*skillkeepr.RatingCard, error) {
	a, err := skillkeepr.RequireActor(ctx)
	if err != nil {
		return nil, err
	}
	if _, err := s.FindMyRatingCard(ctx, interviewID); err != nil { // opens the cards if due
		return nil, err
	}
	var out *skillkeepr.RatingCard
	err = s.inTx(ctx, func(tx *txn) error {
		iv, job, on, err := cardInterview(ctx, tx.conn, a, interviewID)
		if err != nil {
			return err
		}
		if !on {
			return skillkeepr.Errorf(skillkeepr.EFORBIDDEN, "Only the interviewers of this interview have a rating card for it.")
		}
		cards, err := findCards(ctx, tx.conn, `rc.interview_id = ? AND rc.org_id = ? AND rc.interviewer_id = ?`, interviewID, a.OrgID, a.UserID)
		if err != nil {
			return err
		}
		if len(cards) == 0 {
			return skillkeepr.NotFound("Rating card")
		}
		rc := cards[0]
		if rc.Status == skillkeepr.CardSubmitted {
			return skillkeepr.Errorf(skillkeepr.ECONFLICT, "You already submitted this rating card; a submitted card cannot be changed.")
		}
		t, err := templateByID(ctx, tx.conn, a.OrgID, rc.TemplateID)
		if err != nil {
			return err
		}
		scores, err := sub.Check(t)
		if err != nil {
			return err
		}
		enc, err := json.Marshal(scores)
		if err != nil {
			return err
		}
		now := ts(s.clock())
		res, err := tx.exec(ctx, `UPDATE rating_cards SET status = ?, scores = ?, overall = ?, notes = ?, submitted_at = ?, updated_at = ?
			WHERE id = ? AND org_id = ? AND status = ?`, string(skillkeepr.CardSubmitted), string(enc), sub.Overall, sub.Notes, now, now,
			rc.ID, a.OrgID, string(skillkeepr.CardPending))
		if err != nil {
			return dbErr("submit rating card", err)
		}
		if n, _ := res.RowsAffected(); n != 1 {
			return skillkeepr.Errorf(skillkeepr.ECONFLICT, "You already submitted this rating card; a submitted card cannot be changed.")
		}
		if err := tx.event(ctx, a, iv.CandidateID, iv.ApplicationID, "rating_card_submitted",
			a.Name+" submitted a rating card for "+iv.Title+": "+skillkeepr.RecommendationLabel(sub.Overall)+"."); err != nil {
			return err
		}
		if err := tx.audit(ctx, a.OrgID, a, "rating_card.submit", "rating_card", rc.ID,
			"Submitted the rating card for "+iv.Title+" with "+iv.CandidateName, nil,
			fields{"overall": sub.Overall, "scores": scores}); err != nil {
			return err
		}
		if err := s.reviewCompletedIfAllIn(ctx, tx, a, iv.ApplicationID, job); err != nil {
			return err
		}
		got, err := findCards(ctx, tx.conn, `rc.id = ? AND rc.org_id = ?`, rc.ID, a.OrgID)
		if err != nil || len(got) == 0 {
			return dbErr("submit rating card", err)
		}
		out = got[0]
		out.Template = t
		return nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// reviewCompletedIfAllIn moves the application to review_completed when no
// card of its finished interviews is missing and no interview of it is
// still ahead, and only from an interview status: a recommendation made
// already is never undone by a late card.
func (s *Store) reviewCompletedIfAllIn(ctx context.Context, tx *txn, a *skillkeepr.Actor, appID int64, job *skillkeepr.Job) error {
	var missing, ahead int
	err := tx.queryRow(ctx, `SELECT
		(SELECT COUNT(*) FROM rating_cards rc JOIN interviews i ON i.id = rc.interview_id
			WHERE rc.org_id = ? AND rc.application_id = ? AND rc.status = ? AND i.status IN (?, ?)),
		(SELECT COUNT(*) FROM interviews WHERE org_id = ? AND application_id = ? AND status = ? AND ends_at > ?)`,
		a.OrgID, appID, string(skillkeepr.CardPending), string(skillkeepr.InterviewScheduled), string(skillkeepr.InterviewCompleted),
		a.OrgID, appID, string(skillkeepr.InterviewScheduled), ts(s.clock())).Scan(&missing, &ahead)
	if err != nil {
		return dbErr("check rating cards", err)
	}
	if missing > 0 || ahead > 0 {
		return nil
	}
	app, err := scanApplication(tx.queryRow(ctx, applicationSelect+` WHERE a.id = ? AND a.org_id = ?`, appID, a.OrgID))
	if err != nil {
		return notFound(err, "Application", "find application")
	}
	if app.Status != skillkeepr.StatusInterviewScheduled && app.Status != skillkeepr.StatusInterviewCompleted {
		return nil
	}
	_, err = s.changeApplicationStatus(ctx, tx, a, app, job, skillkeepr.StatusReviewCompleted, "All rating cards are in.")
	return err
}

// FindInterviewRatingCards returns the submitted cards of an interview.
// An interviewer whose own card is still missing gets EFORBIDDEN: nobody
// reads the others before writing their own.
func (s *Store) FindInterviewRatingCards(ctx context.Context, interviewID int64) ([]*skillkeepr.RatingCard, error) {
	a, err := skillkeepr.RequireActor(ctx)
	if err != nil {
		return nil, err
	}
	c := s.read()
	if _, _, _, err := cardInterview(ctx, c, a, interviewID); err != nil {
		return nil, err
	}
	cards, err := findCards(ctx, c, `rc.interview_id = ? AND rc.org_id = ? ORDER BY rc.submitted_at, rc.id`, interviewID, a.OrgID)
	if err != nil {
		return nil, err
	}
	out := []*skillkeepr.RatingCard{}
	for _, rc := range cards {
		if rc.InterviewerID == a.UserID && rc.Status == skillkeepr.CardPending {
			return nil, errSubmitFirst
		}
		if rc.Status == skillkeepr.CardSubmitted {
			out = append(out, rc)
		}
	}
	return out, nil
}

var errSubmitFirst = skillkeepr.Errorf(skillkeepr.EFORBIDDEN, "Submit your own rating card first; then you can read the others.")

// FindMyRatingCards returns the actor's cards, missing ones first.
func (s *Store) FindMyRatingCards(ctx context.Context) ([]*skillkeepr.RatingCard, error) {
	a, err := skillkeepr.RequireActor(ctx)
	if err != nil {
		return nil, err
	}
	opened, err := s.openMyDueCards(ctx, a)
	if err != nil {
		return nil, err
	}
	c := s.read()
	if opened {
		c = s.writeConn()
	}
	return findCards(ctx, c, `rc.org_id = ? AND rc.interviewer_id = ? ORDER BY CASE WHEN rc.status = ? THEN 0 ELSE 1 END, i.ends_at DESC, rc.id DESC LIMIT 200`,
		a.OrgID, a.UserID, string(skillkeepr.CardPending))
}

// openMyDueCards opens the cards of the actor's ended interviews that the
// periodic job has not reached yet, so that the list is right even when
// the workers lag.
func (s *Store) openMyDueCards(ctx context.Context, a *skillkeepr.Actor) (bool, error) {
	now := s.clock()
	rows, err := s.read().query(ctx, `SELECT i.id FROM interviews i JOIN interview_interviewers ii ON ii.interview_id = i.id AND ii.org_id = i.org_id
		WHERE i.org_id = ? AND ii.user_id = ? AND i.status IN (?, ?) AND i.ends_at <= ? AND i.ends_at > ?
		AND NOT EXISTS (SELECT 1 FROM rating_card_openings o WHERE o.interview_id = i.id AND o.org_id = i.org_id) LIMIT 50`,
		a.OrgID, a.UserID, string(skillkeepr.InterviewScheduled), string(skillkeepr.InterviewCompleted), ts(now), ts(now.Add(-openCardsLookback)))
	if err != nil {
		return false, dbErr("find ended interviews", err)
	}
	var ids []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			closeRows(rows)
			return false, dbErr("find ended interviews", err)
		}
		ids = append(ids, id)
	}
	closeRows(rows)
	if err := rows.Err(); err != nil || len(ids) == 0 {
		return false, dbErr("find ended interviews", err)
	}
	return true, s.inTx(ctx, func(tx *txn) error {
		for _, id := range ids {
			if _, err := s.openInterviewCards(ctx, tx, a.OrgID, id); err != nil {
				return err
			}
		}
		return nil
	})
}

// FindRatingSummary averages the submitted cards of an application the
// actor may see; ENOTFOUND when none is submitted, and for an interviewer
// whose own card on it is missing.
func (s *Store) FindRatingSummary(ctx context.Context, applicationID int64) (*skillkeepr.RatingSummary, error) {
	a, err := skillkeepr.RequireActor(ctx)
	if err != nil {
		return nil, err
	}
	c := s.read()
	if _, _, err := applicationFor(ctx, c, a, applicationID); err != nil {
		return nil, err
	}
	cards, err := findCards(ctx, c, `rc.application_id = ? AND rc.org_id = ?`, applicationID, a.OrgID)
	if err != nil {
		return nil, err
	}
	for _, rc := range cards {
		if rc.InterviewerID == a.UserID && rc.Status == skillkeepr.CardPending {
			return nil, errSubmitFirst
		}
	}
	return summaryOrNotFound(cards)
}

// FindApplicationRatingCards returns the cards of an application the actor
// may see; an interviewer who owes a card on it gets EFORBIDDEN.
func (s *Store) FindApplicationRatingCards(ctx context.Context, applicationID int64) ([]*skillkeepr.RatingCard, error) {
	a, err := skillkeepr.RequireActor(ctx)
	if err != nil {
		return nil, err
	}
	c := s.read()
	if _, _, err := applicationFor(ctx, c, a, applicationID); err != nil {
		return nil, err
	}
	cards, err := findCards(ctx, c, `rc.application_id = ? AND rc.org_id = ? ORDER BY rc.id`, applicationID, a.OrgID)
	if err != nil {
		return nil, err
	}
	for _, rc := range cards {
		if rc.InterviewerID == a.UserID && rc.Status == skillkeepr.CardPending {
			return nil, errSubmitFirst
		}
	}
	return cards, nil
}

// CountUpcomingInterviews counts the scheduled interviews of an
// application the actor may see that end in the future.
func (s *Store) CountUpcomingInterviews(ctx context.Context, applicationID int64) (int, error) {
	a, err := skillkeepr.RequireActor(ctx)
	if err != nil {
		return 0, err
	}
	c := s.read()
	if _, _, err := applicationFor(ctx, c, a, applicationID); err != nil {
		return 0, err
	}
	var n int
	err = c.queryRow(ctx, `SELECT COUNT(*) FROM interviews WHERE org_id = ? AND application_id = ? AND status = ? AND ends_at > ?`,
		a.OrgID, applicationID, string(skillkeepr.InterviewScheduled), ts(s.clock())).Scan(&n)
	return n, dbErr("count interviews", err)
}

// RatingSummaryFor is FindRatingSummary for background work of
// organisation orgID (the Lever push).
func (s *Store) RatingSummaryFor(ctx context.Context, orgID, applicationID int64) (*skillkeepr.RatingSummary, error) {
	cards, err := findCards(ctx, s.read(), `rc.application_id = ? AND rc.org_id = ? AND rc.status = ?`, applicationID, orgID, string(skillkeepr.CardSubmitted))
	if err != nil {
		return nil, err
	}
	return summaryOrNotFound(cards)
}

func summaryOrNotFound(cards []*skillkeepr.RatingCard) (*skillkeepr.RatingSummary, error) {
	sum := skillkeepr.SummarizeCards(cards)
	if sum == nil {
		return nil, skillkeepr.NotFound("Rating card")
	}
	return sum, nil
}

// FindInterviewShortlist returns a page of the Interview Shortlist screen
// of a job: the applications with an interview that has ended (not
// canceled, not a no-show), newest interview first, with their submitted
// cards averaged. Three queries whatever the number of candidates; cards
// are read for the page's applications only.
func (s *Store) FindInterviewShortlist(ctx context.Context, jobID int64, p skillkeepr.ShortlistPage) (*skillkeepr.InterviewShortlist, error) {
	a, err := skillkeepr.RequireActor(ctx)
	if err != nil {
		return nil, err
	}
	c := s.read()
	job, err := jobFor(ctx, c, a, jobID, skillkeepr.ActViewJob)
	if err != nil {
		return nil, err
	}
	now := ts(s.clock())
	live := []any{string(skillkeepr.InterviewScheduled), string(skillkeepr.InterviewCompleted), now}
	offset, limit := page(p.Offset, p.Limit, 50, 500)
	out := &skillkeepr.InterviewShortlist{Job: job, Offset: offset, Competencies: []string{}, Rows: []*skillkeepr.ShortlistRow{}}
	if err := c.queryRow(ctx, `SELECT COUNT(DISTINCT application_id) FROM interviews
		WHERE org_id = ? AND job_id = ? AND status IN (?, ?) AND ends_at <= ?`, append([]any{a.OrgID, jobID}, live...)...).Scan(&out.Total); err != nil {
		return nil, dbErr("interview shortlist", err)
	}
	// The page is cut in the database; candidates are joined for its rows only.
	rows, err := c.query(ctx, `SELECT x.id, x.candidate_id, c.name, x.status, x.n, x.last FROM (
		SELECT a.id, a.candidate_id, a.status, COUNT(i.id) AS n, MAX(i.ends_at) AS last
		FROM applications a JOIN interviews i ON i.application_id = a.id AND i.org_id = a.org_id
		WHERE a.org_id = ? AND a.job_id = ? AND i.status IN (?, ?) AND i.ends_at <= ?
		GROUP BY a.id, a.candidate_id, a.status ORDER BY MAX(i.ends_at) DESC, a.id DESC LIMIT ? OFFSET ?) x
		JOIN candidates c ON c.id = x.candidate_id AND c.org_id = ?
		ORDER BY x.last DESC, x.id DESC`, append(append([]any{a.OrgID, jobID}, live...), limit, offset, a.OrgID)...)
	if err != nil {
		return nil, dbErr("interview shortlist", err)
	}
	byApp := map[int64]*skillkeepr.ShortlistRow{}
	for rows.Next() {
		r := &skillkeepr.ShortlistRow{}
		var last int64
		if err := rows.Scan(&r.ApplicationID, &r.CandidateID, &r.CandidateName, &r.Status, &r.Interviews, &last); err != nil {
			closeRows(rows)
			return nil, dbErr("interview shortlist", err)
		}
		r.LastActivity = fromTS(last)
		out.Rows = append(out.Rows, r)
		byApp[r.ApplicationID] = r
	}
	closeRows(rows)
	if err := rows.Err(); err != nil {
		return nil, dbErr("interview shortlist", err)
	}
	ids := make([]int64, len(out.Rows))
	for i, r := range out.Rows {
		ids[i] = r.ApplicationID
	}
	cards, err := findJobCards(ctx, c, a.OrgID, jobID, ids)
	if err != nil {
		return nil, err
	}
	all := map[int64][]*skillkeepr.RatingCard{}
	for _, rc := range cards {
		r := byApp[rc.ApplicationID]
		if r == nil {
			continue
		}
		r.CardsExpected++
		if rc.Status == skillkeepr.CardSubmitted {
			r.CardsSubmitted++
		} else if rc.InterviewerID == a.UserID {
			r.Hidden = true
		}
		all[rc.ApplicationID] = append(all[rc.ApplicationID], rc)
	}
	seen := map[string]bool{}
	for _, r := range out.Rows {
		if r.Hidden {
			continue
		}
		for _, rc := range all[r.ApplicationID] {
			if rc.Status == skillkeepr.CardSubmitted {
				r.Cards = append(r.Cards, rc)
			}
		}
		r.Summary = skillkeepr.SummarizeCards(r.Cards)
		r.Spread, r.Disagreement = skillkeepr.Disagreement(r.Cards)
		if r.Summary != nil {
			for _, ca := range r.Summary.Competencies {
				if !seen[ca.Name] {
					seen[ca.Name] = true
					out.Competencies = append(out.Competencies, ca.Name)
				}
			}
		}
	}
	return out, nil
}

// findJobCards loads every card of a job without the joins of cardSelect
// (the screen knows the candidates already).
func findJobCards(ctx context.Context, c conn, org, jobID int64, appIDs []int64) ([]*skillkeepr.RatingCard, error) {
	out := []*skillkeepr.RatingCard{}
	if len(appIDs) == 0 {
		return out, nil
	}
	rows, err := c.query(ctx, `SELECT rc.id, rc.interview_id, rc.application_id, rc.template_id, rc.interviewer_id, u.name, rc.status,
		rc.scores, rc.overall, rc.notes, rc.created_at, rc.submitted_at
		FROM rating_cards rc JOIN users u ON u.id = rc.interviewer_id JOIN interviews i ON i.id = rc.interview_id
		WHERE rc.org_id = ? AND rc.job_id = ? AND i.status IN (?, ?) AND rc.application_id IN (`+placeholders(len(appIDs))+`) ORDER BY rc.submitted_at, rc.id`,
		append([]any{org, jobID, string(skillkeepr.InterviewScheduled), string(skillkeepr.InterviewCompleted)}, int64Args(appIDs)...)...)
	if err != nil {
		return nil, dbErr("find rating cards", err)
	}
	defer closeRows(rows)
	for rows.Next() {
		rc := &skillkeepr.RatingCard{OrgID: org, JobID: jobID}
		var scores string
		var created int64
		var submitted sql.NullInt64
		if err := rows.Scan(&rc.ID, &rc.InterviewID, &rc.ApplicationID, &rc.TemplateID, &rc.InterviewerID, &rc.InterviewerName, &rc.Status,
			&scores, &rc.Overall, &rc.Notes, &created, &submitted); err != nil {
			return nil, dbErr("find rating cards", err)
		}
		if err := json.Unmarshal([]byte(scores), &rc.Scores); err != nil {
			return nil, dbErr("find rating cards", err)
		}
		rc.CreatedAt = fromTS(created)
		if submitted.Valid {
			t := fromTS(submitted.Int64)
			rc.SubmittedAt = &t
		}
		out = append(out, rc)
	}
	return out, dbErr("find rating cards", rows.Err())
}
