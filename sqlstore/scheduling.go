package sqlstore

import (
	"context"
	"database/sql"
	"encoding/json"
	"time"

	"github.com/skillkeepr/skillkeepr"
)

var (
	_ skillkeepr.SchedulingService   = (*Store)(nil)
	_ skillkeepr.CandidateScheduling = (*Store)(nil)
	_ skillkeepr.InterviewNotices    = (*Store)(nil)
)

// DefaultInterviewReminders are the reminder emails sent before an
// interview unless SetInterviewReminders says otherwise.
var DefaultInterviewReminders = []time.Duration{24 * time.Hour, time.Hour}

// SetInterviewReminders sets how long before an interview its reminders
// go out (none when empty).
func (s *Store) SetInterviewReminders(d []time.Duration) {
	c := append([]time.Duration{}, d...)
	s.reminders.Store(&c)
}

func (s *Store) interviewReminders() []time.Duration {
	if p := s.reminders.Load(); p != nil {
		return *p
	}
	return DefaultInterviewReminders
}

// enqueueInterviewNotices enqueues, in tx, the emails about a change of iv
// and, for a booking or a new time, its reminders. Reminders of an
// earlier sequence stay queued but do nothing when they run (the worker
// compares sequences), which is how a move or a cancel withdraws them.
// Without an enqueuer (some store tests) nothing is sent.
func (s *Store) enqueueInterviewNotices(ctx context.Context, tx *txn, iv *skillkeepr.Interview, notice string) error {
	enq := s.enqueuer()
	if enq == nil {
		s.log.WarnContext(ctx, "no background queue: interview emails not sent", "interview_id", iv.ID, "notice", notice)
		return nil
	}
	t := skillkeepr.InterviewNoticeTask{OrgID: iv.OrgID, InterviewID: iv.ID, Sequence: iv.Sequence, Notice: notice}
	if err := enq.EnqueueTx(ctx, tx.tx, t); err != nil {
		return dbErr("queue interview emails", err)
	}
	if notice != skillkeepr.NoticeBooked && notice != skillkeepr.NoticeRescheduled {
		return nil
	}
	now := s.clock()
	for _, d := range s.interviewReminders() {
		at := iv.StartsAt.Add(-d)
		if !at.After(now) {
			continue
		}
		r := t
		r.Notice, r.RunAt = skillkeepr.NoticeReminder, at
		if err := enq.EnqueueTx(ctx, tx.tx, r); err != nil {
			return dbErr("queue interview reminder", err)
		}
	}
	return nil
}

// interviewApplication loads the application to book on: for a user, one
// of a job they may schedule on; for a candidate's verified link, any of
// the organisation.
func (s *Store) interviewApplication(ctx context.Context, tx *txn, a *skillkeepr.Actor, id int64, system bool) (*skillkeepr.Application, *skillkeepr.Job, error) {
	if !system {
		app, job, err := applicationFor(ctx, tx.conn, a, id)
		if err != nil {
			return nil, nil, err
		}
		return app, job, skillkeepr.Authorize(a, skillkeepr.ActScheduleInterview, skillkeepr.Target{Job: job})
	}
	app, err := scanApplication(tx.queryRow(ctx, applicationSelect+` WHERE a.id = ? AND a.org_id = ?`, id, a.OrgID))
	if err != nil {
		return nil, nil, notFound(err, "Application", "find application")
	}
	job, err := jobByID(ctx, tx.conn, a.OrgID, app.JobID)
	return app, job, err
}

// candidateActor is who acts when a candidate uses a link: no user, the
// candidate's name.
func candidateActor(org int64, name string) *skillkeepr.Actor {
	return &skillkeepr.Actor{OrgID: org, Name: name + " (candidate)"}
}

func byWhom(a *skillkeepr.Actor, candidate bool) string {
	if candidate {
		return " by the candidate"
	}
	return " by " + a.Name
}

// candidateInterview loads an interview for its candidate (a verified link).
func candidateInterview(ctx context.Context, c conn, id int64) (*skillkeepr.Interview, *skillkeepr.Actor, error) {
	var org int64
	if err := c.queryRow(ctx, `SELECT org_id FROM interviews WHERE id = ?`, id).Scan(&org); err != nil {
		return nil, nil, notFound(err, "Interview", "find interview")
	}
	iv, err := interviewByID(ctx, c, org, id)
	if err != nil {
		return nil, nil, err
	}
	return iv, candidateActor(org, iv.CandidateName), nil
}

// FindInterviewForCandidate is a system operation for the candidate's
// reschedule and cancel page.
func (s *Store) FindInterviewForCandidate(ctx context.Context, id int64) (*skillkeepr.Interview, error) {
	iv, _, err := candidateInterview(ctx, s.read(), id)
	return iv, err
}

// RescheduleByCandidate moves an interview for its candidate.
func (s *Store) RescheduleByCandidate(ctx context.Context, id int64, r skillkeepr.InterviewReschedule) (*skillkeepr.Interview, error) {
	r.InterviewerIDs = nil
	return s.rescheduleInterview(ctx, id, r, "")
}

// CancelByCandidate cancels an interview for its candidate.
func (s *Store) CancelByCandidate(ctx context.Context, id int64, reason string) (*skillkeepr.Interview, error) {
	return s.cancelInterview(ctx, id, reason, "")
}

const linkSelect = `SELECT l.id, l.org_id, o.name, l.application_id, a.candidate_id, c.name, c.email, j.title, l.plan_id,
	l.expires_at, l.used_at, COALESCE(l.interview_id, 0), l.created_at
	FROM scheduling_links l JOIN organizations o ON o.id = l.org_id JOIN applications a ON a.id = l.application_id
	JOIN candidates c ON c.id = a.candidate_id JOIN jobs j ON j.id = a.job_id`

func linkByID(ctx context.Context, c conn, org, id int64) (*skillkeepr.SchedulingLink, error) {
	q := linkSelect + ` WHERE l.id = ?`
	args := []any{id}
	if org != 0 {
		q += ` AND l.org_id = ?`
		args = append(args, org)
	}
	l := &skillkeepr.SchedulingLink{}
	var planID, expires, created int64
	var used sql.NullInt64
	err := c.queryRow(ctx, q, args...).Scan(&l.ID, &l.OrgID, &l.OrgName, &l.ApplicationID, &l.CandidateID, &l.CandidateName, &l.CandidateEmail,
		&l.JobTitle, &planID, &expires, &used, &l.InterviewID, &created)
	if err != nil {
		return nil, notFound(err, "Scheduling link", "find scheduling link")
	}
	l.ExpiresAt, l.UsedAt, l.CreatedAt = fromTS(expires), fromNullTS(used), fromTS(created)
	if l.Plan, err = planByID(ctx, c, l.OrgID, planID); err != nil {
		return nil, err
	}
	return l, nil
}

// CreateSchedulingLink creates a self-scheduling link for an application
// and one of its job's interview types, and enqueues the email carrying it.
func (s *Store) CreateSchedulingLink(ctx context.Context, applicationID, planID int64, ttl time.Duration) (*skillkeepr.SchedulingLink, error) {
	a, err := skillkeepr.RequireActor(ctx)
	if err != nil {
		return nil, err
	}
	if ttl <= 0 {
		ttl = skillkeepr.SchedulingLinkTTL
	}
	var out *skillkeepr.SchedulingLink
	err = s.inTx(ctx, func(tx *txn) error {
		app, job, err := s.interviewApplication(ctx, tx, a, applicationID, false)
		if err != nil {
			return err
		}
		p, err := planByID(ctx, tx.conn, a.OrgID, planID)
		if err != nil || p.JobID != job.ID {
			return skillkeepr.Validation{"plan_id": "Choose an interview type of this job."}.Err()
		}
		var email string
		if err := tx.queryRow(ctx, `SELECT email FROM candidates WHERE id = ? AND org_id = ?`, app.CandidateID, a.OrgID).Scan(&email); err != nil {
			return dbErr("create scheduling link", err)
		}
		if email == "" {
			return skillkeepr.Validation{"application_id": "This candidate has no email address; add one first."}.Err()
		}
		now := s.clock()
		id, err := tx.insert(ctx, `INSERT INTO scheduling_links (org_id, application_id, plan_id, expires_at, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?)`,
			a.OrgID, app.ID, p.ID, ts(now.Add(ttl)), a.UserID, ts(now))
		if err != nil {
			return dbErr("create scheduling link", err)
		}
		if enq := s.enqueuer(); enq != nil {
			if err := enq.EnqueueTx(ctx, tx.tx, skillkeepr.ScheduleInvitationTask{OrgID: a.OrgID, LinkID: id}); err != nil {
				return dbErr("queue scheduling email", err)
			}
		} else {
			return skillkeepr.Errorf(skillkeepr.EUNAVAILABLE, "Background work is not set up yet, so the email cannot be sent. Please try again later.")
		}
		if out, err = linkByID(ctx, tx.conn, a.OrgID, id); err != nil {
			return err
		}
		if err := tx.event(ctx, a, app.CandidateID, app.ID, "scheduling_link_sent",
			"Self-scheduling link for "+p.Name+" sent by "+a.Name+"; it works until "+out.ExpiresAt.Format("2 Jan 2006 15:04 MST")+"."); err != nil {
			return err
		}
		return tx.audit(ctx, a.OrgID, a, "scheduling_link.create", "application", app.ID,
			"Sent "+out.CandidateName+" a self-scheduling link for "+p.Name+" on "+jobLabel(job), nil, fields{"plan_id": p.ID, "expires_at": out.ExpiresAt})
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// FindSchedulingLink is a system operation for the public page (the
// caller verified the signed token).
func (s *Store) FindSchedulingLink(ctx context.Context, id int64) (*skillkeepr.SchedulingLink, error) {
	return linkByID(ctx, s.read(), 0, id)
}

// SchedulingLinkForNotice is a system operation for the email worker.
func (s *Store) SchedulingLinkForNotice(ctx context.Context, orgID, id int64) (*skillkeepr.SchedulingLink, error) {
	return linkByID(ctx, s.read(), orgID, id)
}

// InterviewerTimes is a system operation: availability and busy times of
// users of org.
func (s *Store) InterviewerTimes(ctx context.Context, orgID int64, userIDs []int64, from, to time.Time) ([]*skillkeepr.Availability, []skillkeepr.BusyTime, error) {
	c := s.read()
	avs := make([]*skillkeepr.Availability, 0, len(userIDs))
	for _, id := range userIDs {
		av, err := availabilityOf(ctx, c, orgID, id)
		if err != nil {
			return nil, nil, err
		}
		avs = append(avs, av)
	}
	busy, err := busyTimes(ctx, c, orgID, userIDs, from, to)
	return avs, busy, err
}

// BookByLink books an interview for the candidate of a link and uses the
// link up, in one transaction. The interviewers must be of the link's plan
// and the length the plan's.
func (s *Store) BookByLink(ctx context.Context, linkID int64, b skillkeepr.InterviewBooking) (*skillkeepr.Interview, error) {
	l, err := linkByID(ctx, s.read(), 0, linkID)
	if err != nil {
		return nil, err
	}
	if !l.Usable(s.clock()) {
		if l.UsedAt != nil {
			return nil, skillkeepr.Errorf(skillkeepr.ECONFLICT, "This link was already used to book an interview.")
		}
		return nil, skillkeepr.Errorf(skillkeepr.ECONFLICT, "This link has expired. Please ask the recruiter for a new one.")
	}
	for _, id := range b.InterviewerIDs {
		if !containsID(l.Plan.InterviewerIDs, id) {
			return nil, skillkeepr.Validation{"interviewer_ids": "Choose a time from the list."}.Err()
		}
	}
	if b.EndsAt.Sub(b.StartsAt) != l.Plan.Duration() {
		return nil, skillkeepr.Validation{"starts_at": "Choose a time from the list."}.Err()
	}
	b.ApplicationID, b.PlanID, b.SchedulingLinkID, b.Title = l.ApplicationID, l.Plan.ID, l.ID, ""
	return s.bookInterview(ctx, candidateActor(l.OrgID, l.CandidateName), b, true)
}

// InterviewForNotice is a system operation for the email worker: the
// interview and its organisation's name.
func (s *Store) InterviewForNotice(ctx context.Context, orgID, id int64) (*skillkeepr.Interview, string, error) {
	c := s.read()
	iv, err := interviewByID(ctx, c, orgID, id)
	if err != nil {
		return nil, "", err
	}
	var name string
	err = c.queryRow(ctx, `SELECT name FROM organizations WHERE id = ?`, orgID).Scan(&name)
	return iv, name, dbErr("find organisation", err)
}

// InterviewerZones is a system operation: the users' own time zones.
func (s *Store) InterviewerZones(ctx context.Context, orgID int64, userIDs []int64) (map[int64]string, error) {
	out := make(map[int64]string, len(userIDs))
	for _, id := range userIDs {
		av, err := availabilityOf(ctx, s.read(), orgID, id)
		if err != nil {
			return nil, err
		}
		out[id] = av.Timezone
	}
	return out, nil
}

// EmailTemplatesOf is a system operation: every kind for org, the
// organisation's text where it has one, else the default.
func (s *Store) EmailTemplatesOf(ctx context.Context, orgID int64, defaults map[string]skillkeepr.EmailTemplate) (map[string]skillkeepr.EmailTemplate, error) {
	out := map[string]skillkeepr.EmailTemplate{}
	for k, t := range defaults {
		t.Kind, t.Custom = k, false
		out[k] = t
	}
	rows, err := s.read().query(ctx, `SELECT kind, subject, text_body, html_body, updated_at FROM email_templates WHERE org_id = ?`, orgID)
	if err != nil {
		return nil, dbErr("find email templates", err)
	}
	defer closeRows(rows)
	for rows.Next() {
		var t skillkeepr.EmailTemplate
		var updated int64
		if err := rows.Scan(&t.Kind, &t.Subject, &t.Text, &t.HTML, &updated); err != nil {
			return nil, dbErr("find email templates", err)
		}
		t.Custom, t.UpdatedAt = true, fromTS(updated)
		out[t.Kind] = t
	}
	return out, dbErr("find email templates", rows.Err())
}

// FindEmailTemplates returns every scheduling email kind of the actor's
// organisation, in Settings order.
func (s *Store) FindEmailTemplates(ctx context.Context, defaults map[string]skillkeepr.EmailTemplate) ([]skillkeepr.EmailTemplate, error) {
	a, err := skillkeepr.RequireActor(ctx)
	if err != nil {
		return nil, err
	}
	m, err := s.EmailTemplatesOf(ctx, a.OrgID, defaults)
	if err != nil {
		return nil, err
	}
	out := make([]skillkeepr.EmailTemplate, 0, len(skillkeepr.EmailKinds))
	for _, k := range skillkeepr.EmailKinds {
		t := m[k]
		t.Kind = k
		out = append(out, t)
	}
	return out, nil
}

// SetEmailTemplate saves the organisation's text of one kind (Super Admin).
func (s *Store) SetEmailTemplate(ctx context.Context, t skillkeepr.EmailTemplate) (*skillkeepr.EmailTemplate, error) {
	a, err := skillkeepr.RequireActor(ctx)
	if err != nil {
		return nil, err
	}
	if err := skillkeepr.Authorize(a, skillkeepr.ActManageOrganization, skillkeepr.Target{}); err != nil {
		return nil, err
	}
	if err := t.Validate(); err != nil {
		return nil, err
	}
	now := s.clock()
	err = s.inTx(ctx, func(tx *txn) error {
		if _, err := tx.exec(ctx, `INSERT INTO email_templates (org_id, kind, subject, text_body, html_body, updated_at) VALUES (?, ?, ?, ?, ?, ?)
			ON CONFLICT (org_id, kind) DO UPDATE SET subject = excluded.subject, text_body = excluded.text_body,
				html_body = excluded.html_body, updated_at = excluded.updated_at`,
			a.OrgID, t.Kind, t.Subject, t.Text, t.HTML, ts(now)); err != nil {
			return dbErr("save email template", err)
		}
		return tx.audit(ctx, a.OrgID, a, "email_template.update", "email_template", 0,
			"Changed the email “"+skillkeepr.EmailKindLabel(t.Kind)+"”", nil, fields{"kind": t.Kind, "subject": t.Subject})
	})
	if err != nil {
		return nil, err
	}
	t.Custom, t.UpdatedAt = true, now
	return &t, nil
}

// ResetEmailTemplate removes the organisation's text of kind.
func (s *Store) ResetEmailTemplate(ctx context.Context, kind string) error {
	a, err := skillkeepr.RequireActor(ctx)
	if err != nil {
		return err
	}
	if err := skillkeepr.Authorize(a, skillkeepr.ActManageOrganization, skillkeepr.Target{}); err != nil {
		return err
	}
	return s.inTx(ctx, func(tx *txn) error {
		if _, err := tx.exec(ctx, `DELETE FROM email_templates WHERE org_id = ? AND kind = ?`, a.OrgID, kind); err != nil {
			return dbErr("reset email template", err)
		}
		return tx.audit(ctx, a.OrgID, a, "email_template.reset", "email_template", 0,
			"Went back to the default email “"+skillkeepr.EmailKindLabel(kind)+"”", nil, fields{"kind": kind})
	})
}

// QueueLoggedEmails inserts a log row per message and enqueues its
// sending, in one transaction.
func (s *Store) QueueLoggedEmails(ctx context.Context, orgID, candidateID, applicationID, interviewID int64, msgs []skillkeepr.EmailMessage) error {
	enq := s.enqueuer()
	if enq == nil {
		return skillkeepr.Errorf(skillkeepr.EUNAVAILABLE, "Background work is not set up yet, so emails cannot be sent.")
	}
	return s.inTx(ctx, func(tx *txn) error {
		now := ts(s.clock())
		for _, m := range msgs {
			to, _ := json.Marshal(m.To)
			id, err := tx.insert(ctx, `INSERT INTO email_log (org_id, candidate_id, application_id, interview_id, kind, recipients, subject, state, error, created_at, updated_at)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?, '', ?, ?)`, orgID, nullID(candidateID), nullID(applicationID), nullID(interviewID),
				m.Kind, string(to), m.Subject, skillkeepr.DeliveryQueued, now, now)
			if err != nil {
				return dbErr("log email", err)
			}
			m.OrgID, m.LogID = orgID, id
			if err := enq.EnqueueTx(ctx, tx.tx, skillkeepr.SendEmailTask{Message: m}); err != nil {
				return dbErr("queue email", err)
			}
		}
		return nil
	})
}

// SetEmailDelivery records the delivery state of a logged email.
func (s *Store) SetEmailDelivery(ctx context.Context, logID int64, state, errMsg string) error {
	if len(errMsg) > 500 {
		errMsg = errMsg[:500]
	}
	_, err := conn{q: s.db, engine: s.engine}.exec(ctx, `UPDATE email_log SET state = ?, error = ?, updated_at = ? WHERE id = ?`,
		state, errMsg, ts(s.clock()), logID)
	return dbErr("record email delivery", err)
}

// FindCandidateEmails returns the logged emails of a candidate the actor
// may see, newest first.
func (s *Store) FindCandidateEmails(ctx context.Context, candidateID int64) ([]*skillkeepr.LoggedEmail, error) {
	a, err := skillkeepr.RequireActor(ctx)
	if err != nil {
		return nil, err
	}
	c := s.read()
	if _, err := candidateFor(ctx, c, a, candidateID); err != nil {
		return nil, err
	}
	rows, err := c.query(ctx, `SELECT id, org_id, COALESCE(candidate_id, 0), COALESCE(application_id, 0), COALESCE(interview_id, 0), kind, recipients,
		subject, state, error, created_at, updated_at FROM email_log WHERE candidate_id = ? AND org_id = ? ORDER BY created_at DESC, id DESC LIMIT 500`,
		candidateID, a.OrgID)
	if err != nil {
		return nil, dbErr("find emails", err)
	}
	defer closeRows(rows)
	out := []*skillkeepr.LoggedEmail{}
	for rows.Next() {
		e := &skillkeepr.LoggedEmail{}
		var to string
		var created, updated int64
		if err := rows.Scan(&e.ID, &e.OrgID, &e.CandidateID, &e.ApplicationID, &e.InterviewID, &e.Kind, &to, &e.Subject, &e.State, &e.Error, &created, &updated); err != nil {
			return nil, dbErr("find emails", err)
		}
		e.To = decodeList(to)
		e.CreatedAt, e.UpdatedAt = fromTS(created), fromTS(updated)
		out = append(out, e)
	}
	return out, dbErr("find emails", rows.Err())
}
