package sqlstore

import (
	"context"
	"encoding/json"

	"github.com/skillkeepr/skillkeepr"
)

// Mailer returns the built-in dev mailbox: Send keeps the email in the
// table dev_mailbox, scoped by m.OrgID, where Services().Mailbox reads it.
func (s *Store) Mailer() skillkeepr.Mailer { return devMailer{s} }

type devMailer struct{ s *Store }

// Send stores m in the dev mailbox.
func (d devMailer) Send(ctx context.Context, m skillkeepr.EmailMessage) error {
	if len(m.To) == 0 {
		return skillkeepr.Validation{"to": "Add at least one recipient."}.Err()
	}
	to, _ := json.Marshal(m.To)
	_, err := conn{q: d.s.db, engine: d.s.engine}.exec(ctx, `INSERT INTO dev_mailbox (org_id, recipients, subject, text_body, html_body, kind, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)`,
		m.OrgID, string(to), m.Subject, m.Text, m.HTML, m.Kind, ts(d.s.clock()))
	return dbErr("dev mailbox", err)
}

const sentEmailColumns = `id, org_id, recipients, subject, text_body, html_body, kind, created_at`

func scanSentEmail(sc interface{ Scan(...any) error }) (*skillkeepr.SentEmail, error) {
	e := &skillkeepr.SentEmail{}
	var to string
	var created int64
	if err := sc.Scan(&e.ID, &e.OrgID, &to, &e.Subject, &e.Text, &e.HTML, &e.Kind, &created); err != nil {
		return nil, err
	}
	e.To = decodeList(to)
	e.CreatedAt = fromTS(created)
	return e, nil
}

// FindSentEmails lists the dev mailbox of the actor's organisation, newest
// first. Emails may carry invitation links, so only those who may view
// users (admins) read it.
func (s *Store) FindSentEmails(ctx context.Context, limit int) ([]*skillkeepr.SentEmail, error) {
	a, err := skillkeepr.RequireActor(ctx)
	if err != nil {
		return nil, err
	}
	if err := skillkeepr.Authorize(a, skillkeepr.ActViewUsers, skillkeepr.Target{}); err != nil {
		return nil, err
	}
	_, limit = page(0, limit, 50, 500)
	rows, err := s.read().query(ctx, `SELECT `+sentEmailColumns+` FROM dev_mailbox WHERE org_id = ? ORDER BY id DESC LIMIT ?`, a.OrgID, limit)
	if err != nil {
		return nil, dbErr("dev mailbox", err)
	}
	defer closeRows(rows)
	out := []*skillkeepr.SentEmail{}
	for rows.Next() {
		e, err := scanSentEmail(rows)
		if err != nil {
			return nil, dbErr("dev mailbox", err)
		}
		out = append(out, e)
	}
	return out, dbErr("dev mailbox", rows.Err())
}

// FindSentEmailByID returns one email of the dev mailbox (admins).
func (s *Store) FindSentEmailByID(ctx context.Context, id int64) (*skillkeepr.SentEmail, error) {
	a, err := skillkeepr.RequireActor(ctx)
	if err != nil {
		return nil, err
	}
	e, err := scanSentEmail(s.read().queryRow(ctx, `SELECT `+sentEmailColumns+` FROM dev_mailbox WHERE id = ? AND org_id = ?`, id, a.OrgID))
	if err != nil {
		return nil, notFound(err, "Email", "dev mailbox")
	}
	if err := skillkeepr.Authorize(a, skillkeepr.ActViewUsers, skillkeepr.Target{}); err != nil {
		return nil, err
	}
	return e, nil
}
