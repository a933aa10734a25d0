package sqlstore

import (
	"context"
	"database/sql"
	"strconv"
	"strings"

	"github.com/skillkeepr/skillkeepr"
)

type notificationEmailBox struct{ f skillkeepr.NotificationEmail }

// SetNotificationEmail sets the builder of notification emails (package
// mail provides one with links to the public URL). Without one, a plain
// text email with the path of the link is sent.
func (s *Store) SetNotificationEmail(f skillkeepr.NotificationEmail) {
	s.notifEmail.Store(&notificationEmailBox{f: f})
}

func (s *Store) notificationEmail() skillkeepr.NotificationEmail {
	if b := s.notifEmail.Load(); b != nil && b.f != nil {
		return b.f
	}
	return defaultNotificationEmail
}

func defaultNotificationEmail(n *skillkeepr.Notification, to *skillkeepr.User) skillkeepr.EmailMessage {
	text := n.Title + "\n"
	if n.Body != "" {
		text += "\n" + n.Body + "\n"
	}
	return skillkeepr.EmailMessage{OrgID: n.OrgID, To: []string{to.Email}, Subject: n.Title,
		Text: text + "\nOpen it in SkillKeepr: " + n.Link + "\n", Kind: "notification_" + string(n.Kind)}
}

const maxNotificationTitle, maxNotificationBody = 300, 500

// notify gives user n.UserID of orgID a notification, and when n.Email is
// set and the user has not turned emails off, enqueues its email, all in
// tx: the notification exists exactly when the change it is about does.
// a is who caused it (nil for the system). Nobody is notified of their
// own doing, nor is an inactive user or one of another organisation
// (those are skipped, not errors: the change itself stands).
//
// Other features call it from inside their own transaction, e.g.
//
//	err := s.inTx(ctx, func(tx *txn) error {
//		… the change …
//		return tx.notify(ctx, orgID, a, skillkeepr.NotificationCreate{UserID: id, Kind: kind, Title: …, Link: "/…", Email: true})
//	})
func (tx *txn) notify(ctx context.Context, orgID int64, a *skillkeepr.Actor, n skillkeepr.NotificationCreate) error {
	if a != nil && a.UserID == n.UserID {
		return nil
	}
	v := skillkeepr.Validation{}
	v.Check(n.UserID != 0, "user_id", "Choose who to notify.")
	v.Check(n.Kind != "", "kind", "Say what the notification is about.")
	v.Check(strings.TrimSpace(n.Title) != "", "title", "Give the notification a title.")
	v.Check(strings.HasPrefix(n.Link, "/") && !strings.HasPrefix(n.Link, "//"), "link", "Link to a page of SkillKeepr.")
	if err := v.Err(); err != nil {
		return err
	}
	to, err := userByID(ctx, tx.conn, orgID, n.UserID)
	if skillkeepr.ErrorCodeOf(err) == skillkeepr.ENOTFOUND {
		return nil
	}
	if err != nil {
		return err
	}
	if !to.Active {
		return nil
	}
	var actorID sql.NullInt64
	var actorName string
	if a != nil && a.UserID != 0 {
		actorID, actorName = sql.NullInt64{Int64: a.UserID, Valid: true}, a.Name
	}
	now := tx.s.clock()
	note := &skillkeepr.Notification{OrgID: orgID, UserID: n.UserID, Kind: n.Kind, Title: truncate(strings.TrimSpace(n.Title), maxNotificationTitle),
		Body: truncate(strings.TrimSpace(n.Body), maxNotificationBody), Link: n.Link, ActorID: actorID.Int64, ActorName: actorName, CreatedAt: now}
	if note.ID, err = tx.insert(ctx, `INSERT INTO notifications (org_id, user_id, kind, title, body, link, actor_id, actor_name, created_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`, orgID, n.UserID, string(n.Kind), note.Title, note.Body, note.Link, actorID, actorName, ts(now)); err != nil {
		return dbErr("notify", err)
	}
	if !n.Email {
		return nil
	}
	settings, err := notificationSettings(ctx, tx.conn, orgID, n.UserID)
	if err != nil || !settings.Email {
		return err
	}
	enq := tx.s.enqueuer()
	if enq == nil {
		// The in-app notification is the record; the email is a courtesy
		// that this process cannot send (no queue, e.g. a bare admin run).
		tx.s.log.WarnContext(ctx, "notification email not sent: no background queue", "kind", n.Kind, "user_id", n.UserID)
		return nil
	}
	msg := tx.s.notificationEmail()(note, to)
	msg.OrgID = orgID
	if len(msg.To) == 0 {
		msg.To = []string{to.Email}
	}
	if msg.Kind == "" {
		msg.Kind = "notification_" + string(n.Kind)
	}
	return dbErr("enqueue notification email", enq.EnqueueTx(ctx, tx.tx, skillkeepr.SendEmailTask{Message: msg}))
}

// truncate cuts s to at most n bytes on a character boundary, marking the
// cut with "…".
func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	cut := n - len("…")
	for cut > 0 && !isRuneStart(s[cut]) {
		cut--
	}
	return strings.TrimSpace(s[:cut]) + "…"
}

func isRuneStart(b byte) bool { return b&0xC0 != 0x80 }

func notificationSettings(ctx context.Context, c conn, orgID, userID int64) (*skillkeepr.NotificationSettings, error) {
	st := &skillkeepr.NotificationSettings{Email: true}
	err := c.queryRow(ctx, `SELECT email FROM notification_settings WHERE user_id = ? AND org_id = ?`, userID, orgID).Scan(&st.Email)
	if err == sql.ErrNoRows {
		return st, nil
	}
	return st, dbErr("notification settings", err)
}

const notificationColumns = `id, org_id, user_id, kind, title, body, link, COALESCE(actor_id, 0), actor_name, read_at, created_at`

func scanNotification(sc interface{ Scan(...any) error }) (*skillkeepr.Notification, error) {
	n := &skillkeepr.Notification{}
	var read sql.NullInt64
	var created int64
	if err := sc.Scan(&n.ID, &n.OrgID, &n.UserID, &n.Kind, &n.Title, &n.Body, &n.Link, &n.ActorID, &n.ActorName, &read, &created); err != nil {
		return nil, err
	}
	n.ReadAt, n.CreatedAt = fromNullTS(read), fromTS(created)
	return n, nil
}

// FindNotifications lists the actor's notifications, newest first.
func (s *Store) FindNotifications(ctx context.Context, f skillkeepr.NotificationFilter) ([]*skillkeepr.Notification, int, error) {
	a, err := skillkeepr.RequireActor(ctx)
	if err != nil {
		return nil, 0, err
	}
	offset, limit := page(f.Offset, f.Limit, 50, 200)
	w := `org_id = ? AND user_id = ?`
	if f.UnreadOnly {
		w += ` AND read_at IS NULL`
	}
	c := s.read()
	var total int
	if err := c.queryRow(ctx, `SELECT count(*) FROM notifications WHERE `+w, a.OrgID, a.UserID).Scan(&total); err != nil {
		return nil, 0, dbErr("count notifications", err)
	}
	rows, err := c.query(ctx, `SELECT `+notificationColumns+` FROM notifications WHERE `+w+` ORDER BY id DESC LIMIT ? OFFSET ?`,
		a.OrgID, a.UserID, limit, offset)
	if err != nil {
		return nil, 0, dbErr("find notifications", err)
	}
	defer closeRows(rows)
	out := []*skillkeepr.Notification{}
	for rows.Next() {
		n, err := scanNotification(rows)
		if err != nil {
			return nil, 0, dbErr("find notifications", err)
		}
		out = append(out, n)
	}
	return out, total, dbErr("find notifications", rows.Err())
}

// UnreadNotificationCount counts the actor's unread notifications up to
// skillkeepr.MaxUnreadCount, from the partial index of unread rows.
func (s *Store) UnreadNotificationCount(ctx context.Context) (int, error) {
	a, err := skillkeepr.RequireActor(ctx)
	if err != nil {
		return 0, err
	}
	var n int
	err = s.read().queryRow(ctx, `SELECT count(*) FROM (SELECT 1 FROM notifications WHERE org_id = ? AND user_id = ? AND read_at IS NULL LIMIT ?) u`,
		a.OrgID, a.UserID, skillkeepr.MaxUnreadCount).Scan(&n)
	return n, dbErr("unread notifications", err)
}

// ReadNotification marks one of the actor's notifications read (once:
// the first reading time stays) and returns it.
func (s *Store) ReadNotification(ctx context.Context, id int64) (*skillkeepr.Notification, error) {
	a, err := skillkeepr.RequireActor(ctx)
	if err != nil {
		return nil, err
	}
	var n *skillkeepr.Notification
	err = s.inTx(ctx, func(tx *txn) error {
		if _, err := tx.exec(ctx, `UPDATE notifications SET read_at = ? WHERE id = ? AND org_id = ? AND user_id = ? AND read_at IS NULL`,
			ts(s.clock()), id, a.OrgID, a.UserID); err != nil {
			return dbErr("read notification", err)
		}
		n, err = scanNotification(tx.queryRow(ctx, `SELECT `+notificationColumns+` FROM notifications WHERE id = ? AND org_id = ? AND user_id = ?`,
			id, a.OrgID, a.UserID))
		return notFound(err, "Notification", "read notification")
	})
	if err != nil {
		return nil, err
	}
	return n, nil
}

// MarkAllNotificationsRead marks the actor's unread notifications read.
// Reading is not a change to the organisation's data, so it is not
// audited.
func (s *Store) MarkAllNotificationsRead(ctx context.Context) (int, error) {
	a, err := skillkeepr.RequireActor(ctx)
	if err != nil {
		return 0, err
	}
	var n int64
	err = s.inTx(ctx, func(tx *txn) error {
		res, err := tx.exec(ctx, `UPDATE notifications SET read_at = ? WHERE org_id = ? AND user_id = ? AND read_at IS NULL`,
			ts(s.clock()), a.OrgID, a.UserID)
		if err != nil {
			return dbErr("mark notifications read", err)
		}
		n, err = res.RowsAffected()
		return dbErr("mark notifications read", err)
	})
	return int(n), err
}

// FindNotificationSettings returns the actor's notification settings.
func (s *Store) FindNotificationSettings(ctx context.Context) (*skillkeepr.NotificationSettings, error) {
	a, err := skillkeepr.RequireActor(ctx)
	if err != nil {
		return nil, err
	}
	return notificationSettings(ctx, s.read(), a.OrgID, a.UserID)
}

// UpdateNotificationSettings replaces the actor's own notification
// settings, with an audit entry.
func (s *Store) UpdateNotificationSettings(ctx context.Context, st skillkeepr.NotificationSettings) (*skillkeepr.NotificationSettings, error) {
	a, err := skillkeepr.RequireActor(ctx)
	if err != nil {
		return nil, err
	}
	err = s.inTx(ctx, func(tx *txn) error {
		old, err := notificationSettings(ctx, tx.conn, a.OrgID, a.UserID)
		if err != nil {
			return err
		}
		if *old == st {
			return nil
		}
		now := ts(s.clock())
		res, err := tx.exec(ctx, `UPDATE notification_settings SET email = ?, updated_at = ? WHERE user_id = ? AND org_id = ?`, st.Email, now, a.UserID, a.OrgID)
		if err != nil {
			return dbErr("notification settings", err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			if _, err := tx.exec(ctx, `INSERT INTO notification_settings (user_id, org_id, email, updated_at) VALUES (?, ?, ?, ?)`,
				a.UserID, a.OrgID, st.Email, now); err != nil {
				return dbErr("notification settings", err)
			}
		}
		summary := "Turned notification emails off"
		if st.Email {
			summary = "Turned notification emails on"
		}
		return tx.audit(ctx, a.OrgID, a, "user.notification_settings", "user", a.UserID, summary,
			fields{"email": old.Email}, fields{"email": st.Email})
	})
	if err != nil {
		return nil, err
	}
	return &st, nil
}

// notifyAssigned tells each recruiter newly assigned to job j (in ids but
// not in oldIDs) about it, in the assignment's transaction.
func (tx *txn) notifyAssigned(ctx context.Context, a *skillkeepr.Actor, j *skillkeepr.Job, oldIDs, ids []int64) error {
	for _, uid := range ids {
		if containsID(oldIDs, uid) {
			continue
		}
		err := tx.notify(ctx, a.OrgID, a, skillkeepr.NotificationCreate{
			UserID: uid, Kind: skillkeepr.NotifyJobAssigned,
			Title: a.Name + " assigned you to " + jobLabel(j),
			Body:  "You can now see its candidates and work with them.",
			Link:  "/jobs/" + strconv.FormatInt(j.ID, 10),
			Email: true,
		})
		if err != nil {
			return err
		}
	}
	return nil
}
