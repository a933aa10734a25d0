package sqlstore

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"slices"
	"strings"
	"time"

	"github.com/jackc/pgx/v5/pgconn"

	"github.com/skillkeepr/skillkeepr"
)

var _ skillkeepr.InterviewService = (*Store)(nil)

const interviewSelect = `SELECT i.id, i.org_id, i.job_id, j.title, i.application_id, i.candidate_id, c.name, c.email,
	COALESCE(i.plan_id, 0), i.title, i.starts_at, i.ends_at, i.timezone, i.status, i.sequence, i.uid,
	COALESCE(i.rating_card_template_id, 0), i.cancel_reason, COALESCE(i.created_by, 0), i.created_at, i.updated_at
	FROM interviews i JOIN jobs j ON j.id = i.job_id JOIN candidates c ON c.id = i.candidate_id`

func scanInterview(sc interface{ Scan(...any) error }) (*skillkeepr.Interview, error) {
	iv := &skillkeepr.Interview{}
	var starts, ends, created, updated int64
	if err := sc.Scan(&iv.ID, &iv.OrgID, &iv.JobID, &iv.JobTitle, &iv.ApplicationID, &iv.CandidateID, &iv.CandidateName, &iv.CandidateEmail,
		&iv.PlanID, &iv.Title, &starts, &ends, &iv.Timezone, &iv.Status, &iv.Sequence, &iv.UID,
		&iv.RatingCardTemplateID, &iv.CancelReason, &iv.CreatedByID, &created, &updated); err != nil {
		return nil, err
	}
	iv.StartsAt, iv.EndsAt, iv.CreatedAt, iv.UpdatedAt = fromTS(starts), fromTS(ends), fromTS(created), fromTS(updated)
	iv.Interviewers = []skillkeepr.InterviewParticipant{}
	return iv, nil
}

// fillInterviewers loads the interviewers of ivs.
func fillInterviewers(ctx context.Context, c conn, org int64, ivs ...*skillkeepr.Interview) error {
	if len(ivs) == 0 {
		return nil
	}
	byID := make(map[int64]*skillkeepr.Interview, len(ivs))
	ids := make([]int64, 0, len(ivs))
	for _, iv := range ivs {
		byID[iv.ID] = iv
		ids = append(ids, iv.ID)
	}
	rows, err := c.query(ctx, `SELECT ii.interview_id, u.id, u.name, u.email FROM interview_interviewers ii JOIN users u ON u.id = ii.user_id
		WHERE ii.org_id = ? AND ii.interview_id IN (`+placeholders(len(ids))+`) ORDER BY u.name, u.id`, append([]any{org}, int64Args(ids)...)...)
	if err != nil {
		return dbErr("find interviewers", err)
	}
	defer closeRows(rows)
	for rows.Next() {
		var id int64
		var p skillkeepr.InterviewParticipant
		if err := rows.Scan(&id, &p.UserID, &p.Name, &p.Email); err != nil {
			return dbErr("find interviewers", err)
		}
		if iv := byID[id]; iv != nil {
			iv.Interviewers = append(iv.Interviewers, p)
		}
	}
	return dbErr("find interviewers", rows.Err())
}

func interviewByID(ctx context.Context, c conn, org, id int64) (*skillkeepr.Interview, error) {
	iv, err := scanInterview(c.queryRow(ctx, interviewSelect+` WHERE i.id = ? AND i.org_id = ?`, id, org))
	if err != nil {
		return nil, notFound(err, "Interview", "find interview")
	}
	return iv, fillInterviewers(ctx, c, org, iv)
}

// interviewFor loads an interview of the actor's organisation on which the
// actor may do act; one they may not even see is "not found".
func interviewFor(ctx context.Context, c conn, a *skillkeepr.Actor, id int64, act skillkeepr.Action) (*skillkeepr.Interview, *skillkeepr.Job, error) {
	iv, err := interviewByID(ctx, c, a.OrgID, id)
	if err != nil {
		return nil, nil, err
	}
	job, err := jobByID(ctx, c, a.OrgID, iv.JobID)
	if err != nil {
		return nil, nil, err
	}
	t := skillkeepr.Target{Job: job, InterviewerIDs: iv.InterviewerIDs()}
	if !skillkeepr.Can(a, skillkeepr.ActViewInterview, t) {
		return nil, nil, skillkeepr.NotFound("Interview")
	}
	if err := skillkeepr.Authorize(a, act, t); err != nil {
		return nil, nil, err
	}
	return iv, job, nil
}

// FindInterviewByID returns an interview the actor may see.
func (s *Store) FindInterviewByID(ctx context.Context, id int64) (*skillkeepr.Interview, error) {
	a, err := skillkeepr.RequireActor(ctx)
	if err != nil {
		return nil, err
	}
	iv, _, err := interviewFor(ctx, s.read(), a, id, skillkeepr.ActViewInterview)
	return iv, err
}

// FindInterviews returns the interviews the actor may see — all of the
// organisation for admins, those of their assigned jobs for recruiters,
// and those they are on — by start time.
func (s *Store) FindInterviews(ctx context.Context, f skillkeepr.InterviewFilter) ([]*skillkeepr.Interview, error) {
	a, err := skillkeepr.RequireActor(ctx)
	if err != nil {
		return nil, err
	}
	_, limit := page(0, f.Limit, 200, 1000)
	where := []string{"i.org_id = ?"}
	args := []any{a.OrgID}
	switch a.Role {
	case skillkeepr.RoleSuperAdmin, skillkeepr.RoleRecruiterAdmin:
	case skillkeepr.RoleRecruiter:
		where = append(where, `(i.id IN (SELECT interview_id FROM interview_interviewers WHERE user_id = ? AND org_id = ?)
			OR i.job_id IN (SELECT job_id FROM job_recruiters WHERE user_id = ? AND org_id = ?))`)
		args = append(args, a.UserID, a.OrgID, a.UserID, a.OrgID)
	default:
		where = append(where, `i.id IN (SELECT interview_id FROM interview_interviewers WHERE user_id = ? AND org_id = ?)`)
		args = append(args, a.UserID, a.OrgID)
	}
	if f.JobID != 0 {
		where = append(where, "i.job_id = ?")
		args = append(args, f.JobID)
	}
	if f.ApplicationID != 0 {
		where = append(where, "i.application_id = ?")
		args = append(args, f.ApplicationID)
	}
	if f.InterviewerID != 0 {
		where = append(where, "i.id IN (SELECT interview_id FROM interview_interviewers WHERE user_id = ? AND org_id = ?)")
		args = append(args, f.InterviewerID, a.OrgID)
	}
	if !f.From.IsZero() {
		where = append(where, "i.ends_at > ?")
		args = append(args, ts(f.From))
	}
	if !f.To.IsZero() {
		where = append(where, "i.starts_at < ?")
		args = append(args, ts(f.To))
	}
	if len(f.Statuses) > 0 {
		where = append(where, "i.status IN ("+placeholders(len(f.Statuses))+")")
		for _, st := range f.Statuses {
			args = append(args, string(st))
		}
	}
	order := "i.starts_at, i.id"
	if !f.To.IsZero() && f.From.IsZero() {
		order = "i.starts_at DESC, i.id DESC" // the past, most recent first
	}
	c := s.read()
	rows, err := c.query(ctx, interviewSelect+` WHERE `+strings.Join(where, " AND ")+` ORDER BY `+order+` LIMIT ?`, append(args, limit)...)
	if err != nil {
		return nil, dbErr("find interviews", err)
	}
	out := []*skillkeepr.Interview{}
	for rows.Next() {
		iv, err := scanInterview(rows)
		if err != nil {
			closeRows(rows)
			return nil, dbErr("find interviews", err)
		}
		out = append(out, iv)
	}
	closeRows(rows)
	if err := rows.Err(); err != nil {
		return nil, dbErr("find interviews", err)
	}
	return out, fillInterviewers(ctx, c, a.OrgID, out...)
}

// FindBusyTimes returns the interviews (not canceled) of the given users
// overlapping [from, to).
func (s *Store) FindBusyTimes(ctx context.Context, userIDs []int64, from, to time.Time) ([]skillkeepr.BusyTime, error) {
	a, err := skillkeepr.RequireActor(ctx)
	if err != nil {
		return nil, err
	}
	return busyTimes(ctx, s.read(), a.OrgID, userIDs, from, to)
}

func busyTimes(ctx context.Context, c conn, org int64, userIDs []int64, from, to time.Time) ([]skillkeepr.BusyTime, error) {
	out := []skillkeepr.BusyTime{}
	if len(userIDs) == 0 {
		return out, nil
	}
	rows, err := c.query(ctx, `SELECT ii.user_id, i.id, i.starts_at, i.ends_at FROM interviews i
		JOIN interview_interviewers ii ON ii.interview_id = i.id AND ii.org_id = i.org_id
		WHERE i.org_id = ? AND i.status <> ? AND i.ends_at > ? AND i.starts_at < ? AND ii.user_id IN (`+placeholders(len(userIDs))+`)
		ORDER BY i.starts_at`, append([]any{org, string(skillkeepr.InterviewCanceled), ts(from), ts(to)}, int64Args(userIDs)...)...)
	if err != nil {
		return nil, dbErr("find busy times", err)
	}
	defer closeRows(rows)
	for rows.Next() {
		var b skillkeepr.BusyTime
		var st, en int64
		if err := rows.Scan(&b.UserID, &b.InterviewID, &st, &en); err != nil {
			return nil, dbErr("find busy times", err)
		}
		b.StartsAt, b.EndsAt = fromTS(st), fromTS(en)
		out = append(out, b)
	}
	return out, dbErr("find busy times", rows.Err())
}

// interviewers loads active users of org by id, sorted by id (the order
// in which busy granules are claimed, so that concurrent bookings on
// PostgreSQL wait for each other instead of deadlocking).
func interviewers(ctx context.Context, c conn, org int64, ids []int64) ([]skillkeepr.InterviewParticipant, error) {
	if len(ids) == 0 {
		return nil, skillkeepr.Validation{"interviewer_ids": "Choose at least one interviewer."}.Err()
	}
	rows, err := c.query(ctx, `SELECT id, name, email FROM users WHERE org_id = ? AND active = ? AND id IN (`+placeholders(len(ids))+`) ORDER BY id`,
		append([]any{org, true}, int64Args(ids)...)...)
	if err != nil {
		return nil, dbErr("find interviewers", err)
	}
	defer closeRows(rows)
	out := []skillkeepr.InterviewParticipant{}
	for rows.Next() {
		var p skillkeepr.InterviewParticipant
		if err := rows.Scan(&p.UserID, &p.Name, &p.Email); err != nil {
			return nil, dbErr("find interviewers", err)
		}
		out = append(out, p)
	}
	if err := rows.Err(); err != nil {
		return nil, dbErr("find interviewers", err)
	}
	if len(out) != len(ids) {
		return nil, skillkeepr.Validation{"interviewer_ids": "Choose interviewers from the list of active users."}.Err()
	}
	return out, nil
}

// granules returns the busy granules [start, end) touches, rounded
// outwards, as stored timestamps.
func granules(start, end time.Time) []int64 {
	g := skillkeepr.BusyGranule
	first := start.UTC().Truncate(g)
	var out []int64
	for t := first; t.Before(end); t = t.Add(g) {
		out = append(out, ts(t))
	}
	return out
}

// claimBusy inserts the busy granules of interview id for each
// interviewer, one statement per interviewer. The primary key of
// interviewer_busy refuses a granule another interview holds; that is the
// double-booking guard, and it maps to ECONFLICT naming the interviewer.
func claimBusy(ctx context.Context, tx *txn, org, id int64, people []skillkeepr.InterviewParticipant, start, end time.Time) error {
	gs := granules(start, end)
	for _, p := range people {
		args := make([]any, 0, len(gs)*4)
		var b strings.Builder
		b.WriteString(`INSERT INTO interviewer_busy (org_id, user_id, slot_start, interview_id) VALUES `)
		for i, g := range gs {
			if i > 0 {
				b.WriteString(", ")
			}
			b.WriteString("(?, ?, ?, ?)")
			args = append(args, org, p.UserID, g, id)
		}
		if _, err := tx.exec(ctx, b.String(), args...); err != nil {
			if isUniqueViolation(err) || isDeadlock(err) {
				return skillkeepr.Errorf(skillkeepr.ECONFLICT, "%s is no longer free at that time: someone else booked them a moment ago. Please choose another time.", p.Name)
			}
			return dbErr("claim interviewer time", err)
		}
	}
	return nil
}

// isDeadlock reports a PostgreSQL deadlock; claimBusy takes granules in a
// global order so it should not happen, but if it does the loser is told
// like any other.
func isDeadlock(err error) bool {
	var pe *pgconn.PgError
	return errors.As(err, &pe) && pe.Code == "40P01"
}

func releaseBusy(ctx context.Context, tx *txn, org, id int64) error {
	_, err := tx.exec(ctx, `DELETE FROM interviewer_busy WHERE interview_id = ? AND org_id = ?`, id, org)
	return dbErr("release interviewer time", err)
}

func newInterviewUID() string {
	b := make([]byte, 16)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b) + "@skillkeepr"
}

func orgTimezone(ctx context.Context, c conn, org int64) (string, error) {
	var tz string
	err := c.queryRow(ctx, `SELECT timezone FROM organizations WHERE id = ?`, org).Scan(&tz)
	if tz == "" {
		tz = "UTC"
	}
	return tz, dbErr("find organisation time zone", err)
}

func interviewWhen(iv *skillkeepr.Interview) string {
	loc, err := time.LoadLocation(iv.Timezone)
	if err != nil {
		loc = time.UTC
	}
	return iv.StartsAt.In(loc).Format("Mon 2 Jan 2006 15:04 MST")
}

func interviewFields(iv *skillkeepr.Interview) fields {
	return fields{"title": iv.Title, "starts_at": iv.StartsAt, "ends_at": iv.EndsAt, "timezone": iv.Timezone,
		"status": iv.Status, "sequence": iv.Sequence, "interviewer_ids": iv.InterviewerIDs()}
}

// BookInterview books an interview (ActScheduleInterview on the job, or a
// system actor of the organisation using a scheduling link), claims the
// interviewers' time and moves the application to interview_scheduled.
func (s *Store) BookInterview(ctx context.Context, b skillkeepr.InterviewBooking) (*skillkeepr.Interview, error) {
	a, err := skillkeepr.RequireActor(ctx)
	if err != nil {
		return nil, err
	}
	b.SchedulingLinkID = 0 // only BookByLink uses links
	return s.bookInterview(ctx, a, b, false)
}

// bookInterview books for a user (system false: their permissions apply)
// or for a candidate using a verified scheduling link (system true).
func (s *Store) bookInterview(ctx context.Context, a *skillkeepr.Actor, b skillkeepr.InterviewBooking, system bool) (*skillkeepr.Interview, error) {
	if err := b.Validate(); err != nil {
		return nil, err
	}
	if !b.StartsAt.After(s.clock()) {
		return nil, skillkeepr.Validation{"starts_at": "Choose a time in the future."}.Err()
	}
	var out *skillkeepr.Interview
	err := s.inTx(ctx, func(tx *txn) error {
		app, job, err := s.interviewApplication(ctx, tx, a, b.ApplicationID, system)
		if err != nil {
			return err
		}
		var ratingCard any
		title := b.Title
		if b.PlanID != 0 {
			p, err := planByID(ctx, tx.conn, a.OrgID, b.PlanID)
			if err != nil || p.JobID != app.JobID {
				return skillkeepr.Validation{"plan_id": "Choose an interview type of this job."}.Err()
			}
			if title == "" {
				title = p.Name
			}
			if p.RatingCardTemplateID != 0 {
				ratingCard = p.RatingCardTemplateID
			}
		}
		if title == "" {
			title = "Interview"
		}
		people, err := interviewers(ctx, tx.conn, a.OrgID, b.InterviewerIDs)
		if err != nil {
			return err
		}
		tz := b.Timezone
		if tz == "" {
			if tz, err = orgTimezone(ctx, tx.conn, a.OrgID); err != nil {
				return err
			}
		}
		var plan, createdBy any
		if b.PlanID != 0 {
			plan = b.PlanID
		}
		if a.UserID != 0 {
			createdBy = a.UserID
		}
		now := s.clock()
		id, err := tx.insert(ctx, `INSERT INTO interviews (org_id, job_id, application_id, candidate_id, plan_id, title, starts_at, ends_at, timezone,
			status, sequence, uid, rating_card_template_id, cancel_reason, created_by, created_at, updated_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?, '', ?, ?, ?)`,
			a.OrgID, app.JobID, app.ID, app.CandidateID, plan, title, ts(b.StartsAt), ts(b.EndsAt), tz,
			string(skillkeepr.InterviewScheduled), newInterviewUID(), ratingCard, createdBy, ts(now), ts(now))
		if err != nil {
			return dbErr("book interview", err)
		}
		for _, p := range people {
			if _, err := tx.exec(ctx, `INSERT INTO interview_interviewers (org_id, interview_id, user_id) VALUES (?, ?, ?)`, a.OrgID, id, p.UserID); err != nil {
				return dbErr("book interview", err)
			}
		}
		if err := claimBusy(ctx, tx, a.OrgID, id, people, b.StartsAt, b.EndsAt); err != nil {
			return err
		}
		if b.SchedulingLinkID != 0 {
			res, err := tx.exec(ctx, `UPDATE scheduling_links SET used_at = ?, interview_id = ? WHERE id = ? AND org_id = ? AND application_id = ? AND used_at IS NULL`,
				ts(now), id, b.SchedulingLinkID, a.OrgID, app.ID)
			if err != nil {
				return dbErr("use scheduling link", err)
			}
			if n, _ := res.RowsAffected(); n != 1 {
				return skillkeepr.Errorf(skillkeepr.ECONFLICT, "This link was already used to book an interview.")
			}
		}
		iv, err := interviewByID(ctx, tx.conn, a.OrgID, id)
		if err != nil {
			return err
		}
		if err := s.afterInterviewChange(ctx, tx, a, iv, app, job, "interview_booked",
			"Interview booked"+byWhom(a, system)+": "+iv.Title+" on "+interviewWhen(iv)+" with "+participantNames(iv.Interviewers)+"."); err != nil {
			return err
		}
		if err := s.enqueueInterviewNotices(ctx, tx, iv, skillkeepr.NoticeBooked); err != nil {
			return err
		}
		out = iv
		return tx.audit(ctx, a.OrgID, a, "interview.book", "interview", id,
			"Booked "+iv.Title+" with "+iv.CandidateName+" on "+interviewWhen(iv), nil, interviewFields(iv))
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

func participantNames(ps []skillkeepr.InterviewParticipant) string {
	names := make([]string, len(ps))
	for i, p := range ps {
		names[i] = p.Name
	}
	return strings.Join(names, ", ")
}

// afterInterviewChange writes the interview's timeline event and moves its
// application to the status matching the interview's, through the shared
// status change (event, Lever tag sync, audit).
func (s *Store) afterInterviewChange(ctx context.Context, tx *txn, a *skillkeepr.Actor, iv *skillkeepr.Interview, app *skillkeepr.Application, job *skillkeepr.Job, kind, msg string) error {
	if err := tx.event(ctx, a, iv.CandidateID, iv.ApplicationID, kind, msg); err != nil {
		return err
	}
	if status := iv.Status.ApplicationStatus(); app.Status != status {
		if _, err := s.changeApplicationStatus(ctx, tx, a, app, job, status, ""); err != nil {
			return err
		}
	}
	return nil
}

// changeInterview runs fn on a scheduled interview inside a transaction,
// for reschedule, cancel and marks: it loads the interview with the
// permission act, and the interview's application.
// With act "", the call is the candidate's through a verified link: the
// actor is the candidate, found from the interview.
func (s *Store) changeInterview(ctx context.Context, id int64, act skillkeepr.Action,
	fn func(tx *txn, a *skillkeepr.Actor, iv *skillkeepr.Interview, app *skillkeepr.Application, job *skillkeepr.Job) error) (*skillkeepr.Interview, error) {
	var a *skillkeepr.Actor
	if act != "" {
		var err error
		if a, err = skillkeepr.RequireActor(ctx); err != nil {
			return nil, err
		}
	}
	var out *skillkeepr.Interview
	err := s.inTx(ctx, func(tx *txn) error {
		var iv *skillkeepr.Interview
		var job *skillkeepr.Job
		var err error
		if act == "" {
			if iv, a, err = candidateInterview(ctx, tx.conn, id); err != nil {
				return err
			}
			job, err = jobByID(ctx, tx.conn, a.OrgID, iv.JobID)
		} else {
			iv, job, err = interviewFor(ctx, tx.conn, a, id, act)
		}
		if err != nil {
			return err
		}
		if iv.Status != skillkeepr.InterviewScheduled {
			return skillkeepr.Errorf(skillkeepr.ECONFLICT, "This interview is already %s.", strings.ToLower(iv.Status.Label()))
		}
		app, err := scanApplication(tx.queryRow(ctx, applicationSelect+` WHERE a.id = ? AND a.org_id = ?`, iv.ApplicationID, a.OrgID))
		if err != nil {
			return notFound(err, "Application", "find application")
		}
		if err := fn(tx, a, iv, app, job); err != nil {
			return err
		}
		out, err = interviewByID(ctx, tx.conn, a.OrgID, id)
		return err
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// updateScheduled updates a scheduled interview only if nobody changed it
// since it was read (its sequence), so that two concurrent changes cannot
// both win.
func updateScheduled(ctx context.Context, tx *txn, iv *skillkeepr.Interview, set string, args ...any) error {
	res, err := tx.exec(ctx, `UPDATE interviews SET `+set+` WHERE id = ? AND org_id = ? AND status = ? AND sequence = ?`,
		append(args, iv.ID, iv.OrgID, string(skillkeepr.InterviewScheduled), iv.Sequence)...)
	if err != nil {
		return dbErr("update interview", err)
	}
	if n, _ := res.RowsAffected(); n != 1 {
		return skillkeepr.Errorf(skillkeepr.ECONFLICT, "This interview was changed by someone else a moment ago. Please reload and try again.")
	}
	return nil
}

// RescheduleInterview moves a scheduled interview, possibly to other
// interviewers, re-claiming their time; SEQUENCE goes up by one.
func (s *Store) RescheduleInterview(ctx context.Context, id int64, r skillkeepr.InterviewReschedule) (*skillkeepr.Interview, error) {
	return s.rescheduleInterview(ctx, id, r, skillkeepr.ActScheduleInterview)
}

func (s *Store) rescheduleInterview(ctx context.Context, id int64, r skillkeepr.InterviewReschedule, act skillkeepr.Action) (*skillkeepr.Interview, error) {
	if err := r.Validate(); err != nil {
		return nil, err
	}
	if !r.StartsAt.After(s.clock()) {
		return nil, skillkeepr.Validation{"starts_at": "Choose a time in the future."}.Err()
	}
	return s.changeInterview(ctx, id, act, func(tx *txn, a *skillkeepr.Actor, iv *skillkeepr.Interview, app *skillkeepr.Application, job *skillkeepr.Job) error {
		ids := r.InterviewerIDs
		if len(ids) == 0 {
			ids = iv.InterviewerIDs()
		}
		people, err := interviewers(ctx, tx.conn, a.OrgID, ids)
		if err != nil {
			return err
		}
		tz := r.Timezone
		if tz == "" {
			tz = iv.Timezone
		}
		if err := updateScheduled(ctx, tx, iv, `starts_at = ?, ends_at = ?, timezone = ?, sequence = sequence + 1, updated_at = ?`,
			ts(r.StartsAt), ts(r.EndsAt), tz, ts(s.clock())); err != nil {
			return err
		}
		if err := releaseBusy(ctx, tx, a.OrgID, id); err != nil {
			return err
		}
		if !slices.Equal(sortedIDs(ids), sortedIDs(iv.InterviewerIDs())) {
			if _, err := tx.exec(ctx, `DELETE FROM interview_interviewers WHERE interview_id = ? AND org_id = ?`, id, a.OrgID); err != nil {
				return dbErr("reschedule interview", err)
			}
			for _, p := range people {
				if _, err := tx.exec(ctx, `INSERT INTO interview_interviewers (org_id, interview_id, user_id) VALUES (?, ?, ?)`, a.OrgID, id, p.UserID); err != nil {
					return dbErr("reschedule interview", err)
				}
			}
		}
		if err := claimBusy(ctx, tx, a.OrgID, id, people, r.StartsAt, r.EndsAt); err != nil {
			return err
		}
		n, err := interviewByID(ctx, tx.conn, a.OrgID, id)
		if err != nil {
			return err
		}
		if err := s.afterInterviewChange(ctx, tx, a, n, app, job, "interview_rescheduled",
			"Interview rescheduled"+byWhom(a, act == "")+": "+n.Title+" moved from "+interviewWhen(iv)+" to "+interviewWhen(n)+"."); err != nil {
			return err
		}
		if err := s.enqueueInterviewNotices(ctx, tx, n, skillkeepr.NoticeRescheduled); err != nil {
			return err
		}
		b, af := changed(interviewFields(iv), interviewFields(n))
		return tx.audit(ctx, a.OrgID, a, "interview.reschedule", "interview", id,
			"Rescheduled "+n.Title+" with "+n.CandidateName+" to "+interviewWhen(n), b, af)
	})
}

func sortedIDs(ids []int64) []int64 {
	out := slices.Clone(ids)
	slices.Sort(out)
	return out
}

// CancelInterview cancels a scheduled interview and frees the
// interviewers; SEQUENCE goes up by one (the iCalendar CANCEL).
func (s *Store) CancelInterview(ctx context.Context, id int64, reason string) (*skillkeepr.Interview, error) {
	return s.cancelInterview(ctx, id, reason, skillkeepr.ActScheduleInterview)
}

func (s *Store) cancelInterview(ctx context.Context, id int64, reason string, act skillkeepr.Action) (*skillkeepr.Interview, error) {
	reason = strings.TrimSpace(reason)
	if len(reason) > skillkeepr.MaxCancelReason {
		return nil, skillkeepr.Validation{"reason": "Use at most 2,000 characters."}.Err()
	}
	return s.changeInterview(ctx, id, act, func(tx *txn, a *skillkeepr.Actor, iv *skillkeepr.Interview, app *skillkeepr.Application, job *skillkeepr.Job) error {
		if err := updateScheduled(ctx, tx, iv, `status = ?, cancel_reason = ?, sequence = sequence + 1, updated_at = ?`,
			string(skillkeepr.InterviewCanceled), reason, ts(s.clock())); err != nil {
			return err
		}
		if err := releaseBusy(ctx, tx, a.OrgID, id); err != nil {
			return err
		}
		n := *iv
		n.Status = skillkeepr.InterviewCanceled
		n.Sequence++
		n.CancelReason = reason
		msg := "Interview canceled" + byWhom(a, act == "") + ": " + iv.Title + " on " + interviewWhen(iv) + "."
		if reason != "" {
			msg += " Reason: " + reason
		}
		if err := s.afterInterviewChange(ctx, tx, a, &n, app, job, "interview_canceled", msg); err != nil {
			return err
		}
		if err := s.enqueueInterviewNotices(ctx, tx, &n, skillkeepr.NoticeCanceled); err != nil {
			return err
		}
		return tx.audit(ctx, a.OrgID, a, "interview.cancel", "interview", id,
			"Canceled "+iv.Title+" with "+iv.CandidateName+" on "+interviewWhen(iv),
			fields{"status": iv.Status}, fields{"status": skillkeepr.InterviewCanceled, "reason": reason})
	})
}

// MarkInterviewCompleted records an interviewer's confirmation, after the
// end, that the interview took place.
func (s *Store) MarkInterviewCompleted(ctx context.Context, id int64) (*skillkeepr.Interview, error) {
	return s.markInterview(ctx, id, skillkeepr.InterviewCompleted)
}

// MarkInterviewNoShow records that the candidate did not come, once the
// interview has started.
func (s *Store) MarkInterviewNoShow(ctx context.Context, id int64) (*skillkeepr.Interview, error) {
	return s.markInterview(ctx, id, skillkeepr.InterviewNoShow)
}

func (s *Store) markInterview(ctx context.Context, id int64, status skillkeepr.InterviewStatus) (*skillkeepr.Interview, error) {
	return s.changeInterview(ctx, id, skillkeepr.ActConductInterview, func(tx *txn, a *skillkeepr.Actor, iv *skillkeepr.Interview, app *skillkeepr.Application, job *skillkeepr.Job) error {
		now := s.clock()
		if status == skillkeepr.InterviewCompleted && now.Before(iv.EndsAt) {
			return skillkeepr.Errorf(skillkeepr.ECONFLICT, "The interview ends at %s; confirm it took place after that.", interviewWhen(&skillkeepr.Interview{StartsAt: iv.EndsAt, Timezone: iv.Timezone}))
		}
		if status == skillkeepr.InterviewNoShow && now.Before(iv.StartsAt) {
			return skillkeepr.Errorf(skillkeepr.ECONFLICT, "The interview has not started yet; mark a no-show once it has.")
		}
		if err := updateScheduled(ctx, tx, iv, `status = ?, updated_at = ?`, string(status), ts(now)); err != nil {
			return err
		}
		n := *iv
		n.Status = status
		kind, msg := "interview_completed", "Interview completed: "+iv.Title+" on "+interviewWhen(iv)+", confirmed by "+a.Name+"."
		if status == skillkeepr.InterviewNoShow {
			kind, msg = "interview_noshow", "Candidate did not attend "+iv.Title+" on "+interviewWhen(iv)+", marked by "+a.Name+"."
		}
		if err := s.afterInterviewChange(ctx, tx, a, &n, app, job, kind, msg); err != nil {
			return err
		}
		return tx.audit(ctx, a.OrgID, a, "interview."+string(status), "interview", id,
			"Marked "+iv.Title+" with "+iv.CandidateName+" as "+strings.ToLower(status.Label()),
			fields{"status": iv.Status}, fields{"status": status})
	})
}

// FindInterviewers lists the active users of the actor's organisation by name.
func (s *Store) FindInterviewers(ctx context.Context) ([]skillkeepr.InterviewParticipant, error) {
	a, err := skillkeepr.RequireActor(ctx)
	if err != nil {
		return nil, err
	}
	rows, err := s.read().query(ctx, `SELECT id, name, email FROM users WHERE org_id = ? AND active = ? ORDER BY name, id`, a.OrgID, true)
	if err != nil {
		return nil, dbErr("find interviewers", err)
	}
	defer closeRows(rows)
	out := []skillkeepr.InterviewParticipant{}
	for rows.Next() {
		var p skillkeepr.InterviewParticipant
		if err := rows.Scan(&p.UserID, &p.Name, &p.Email); err != nil {
			return nil, dbErr("find interviewers", err)
		}
		out = append(out, p)
	}
	return out, dbErr("find interviewers", rows.Err())
}
