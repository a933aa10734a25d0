package sqlstore

import (
	"context"
	"database/sql"
	"strings"
	"time"

	"github.com/skillkeepr/skillkeepr"
)

// slideEvery is how often FindSession and AuthenticateAPIToken write a
// new expiry or last-used time, so that not every request writes.
const slideEvery = time.Minute

// apiTokenPrefixLen is how many leading characters of an API token are
// kept in clear to recognise it in lists.
const apiTokenPrefixLen = 10

func unauthorized() error {
	return &skillkeepr.Error{Code: skillkeepr.EUNAUTHORIZED, Message: "Please sign in."}
}

// CreateSession is a system operation: it signs userID in and returns the
// cookie token.
func (s *Store) CreateSession(ctx context.Context, userID int64) (string, *skillkeepr.Session, error) {
	token := skillkeepr.NewToken()
	now := s.clock()
	sess := &skillkeepr.Session{UserID: userID, CSRFToken: skillkeepr.NewToken(), ExpiresAt: now.Add(skillkeepr.SessionTTL), CreatedAt: now}
	err := s.inTx(ctx, func(tx *txn) error {
		u, err := userByID(ctx, tx.conn, 0, userID)
		if err != nil {
			return err
		}
		if !u.Active {
			return unauthorized()
		}
		sess.OrgID = u.OrgID
		// Expired sessions of this user are cleaned up here, a cheap place to do it.
		if _, err := tx.exec(ctx, `DELETE FROM sessions WHERE user_id = ? AND org_id = ? AND expires_at <= ?`, userID, u.OrgID, ts(now)); err != nil {
			return dbErr("create session", err)
		}
		sess.ID, err = tx.insert(ctx, `INSERT INTO sessions (org_id, user_id, token_hash, csrf_token, expires_at, last_seen_at, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)`,
			u.OrgID, userID, skillkeepr.HashToken(token), sess.CSRFToken, ts(sess.ExpiresAt), ts(now), ts(now))
		return dbErr("create session", err)
	})
	if err != nil {
		return "", nil, err
	}
	return token, sess, nil
}

// FindSession returns the live session and its active user; expired,
// deleted or deactivated ones are EUNAUTHORIZED. It slides the expiry, at
// most once a minute.
func (s *Store) FindSession(ctx context.Context, token string) (*skillkeepr.Session, *skillkeepr.User, error) {
	if token == "" {
		return nil, nil, unauthorized()
	}
	c := s.read()
	sess := &skillkeepr.Session{}
	var expires, lastSeen, created int64
	err := c.queryRow(ctx, `SELECT id, org_id, user_id, csrf_token, expires_at, last_seen_at, created_at FROM sessions WHERE token_hash = ?`,
		skillkeepr.HashToken(token)).Scan(&sess.ID, &sess.OrgID, &sess.UserID, &sess.CSRFToken, &expires, &lastSeen, &created)
	if err == sql.ErrNoRows {
		return nil, nil, unauthorized()
	}
	if err != nil {
		return nil, nil, dbErr("find session", err)
	}
	now := s.clock()
	sess.ExpiresAt, sess.CreatedAt = fromTS(expires), fromTS(created)
	if !now.Before(sess.ExpiresAt) {
		return nil, nil, unauthorized()
	}
	u, err := userByID(ctx, c, sess.OrgID, sess.UserID)
	if skillkeepr.ErrorCodeOf(err) == skillkeepr.ENOTFOUND {
		return nil, nil, unauthorized()
	}
	if err != nil {
		return nil, nil, err
	}
	if !u.Active {
		return nil, nil, unauthorized()
	}
	if now.Sub(fromTS(lastSeen)) >= slideEvery {
		sess.ExpiresAt = now.Add(skillkeepr.SessionTTL)
		w := conn{q: s.db, engine: s.engine}
		if _, err := w.exec(ctx, `UPDATE sessions SET expires_at = ?, last_seen_at = ? WHERE id = ? AND org_id = ?`, ts(sess.ExpiresAt), ts(now), sess.ID, sess.OrgID); err != nil {
			return nil, nil, dbErr("slide session", err)
		}
	}
	return sess, u, nil
}

// DeleteSession signs a browser out; a missing session is not an error.
func (s *Store) DeleteSession(ctx context.Context, token string) error {
	_, err := conn{q: s.db, engine: s.engine}.exec(ctx, `DELETE FROM sessions WHERE token_hash = ?`, skillkeepr.HashToken(token))
	return dbErr("delete session", err)
}

// DeleteUserSessions signs a user out everywhere but keepToken. Without an
// actor it is a system operation; with one, the user must be of the
// actor's organisation and be the actor or someone they may deactivate.
func (s *Store) DeleteUserSessions(ctx context.Context, userID int64, keepToken string) error {
	a := actorOrSystem(ctx)
	return s.inTx(ctx, func(tx *txn) error {
		var org int64
		if a != nil {
			org = a.OrgID
		}
		u, err := userByID(ctx, tx.conn, org, userID)
		if err != nil {
			return err
		}
		if a != nil && userID != a.UserID {
			if err := skillkeepr.Authorize(a, skillkeepr.ActDeactivateUser, skillkeepr.Target{UserRole: u.Role, UserID: userID}); err != nil {
				return err
			}
		}
		_, err = tx.exec(ctx, `DELETE FROM sessions WHERE user_id = ? AND org_id = ? AND token_hash <> ?`, userID, u.OrgID, skillkeepr.HashToken(keepToken))
		return dbErr("delete sessions", err)
	})
}

// CreateAPIToken creates a personal API token of the actor; the token is
// returned once and only its hash is kept.
func (s *Store) CreateAPIToken(ctx context.Context, name string) (string, *skillkeepr.APIToken, error) {
	a, err := skillkeepr.RequireActor(ctx)
	if err != nil {
		return "", nil, err
	}
	name = strings.TrimSpace(name)
	v := skillkeepr.Validation{}
	v.Check(name != "", "name", "Give the token a name, e.g. what it is for.")
	v.Check(len(name) <= 100, "name", "Use at most 100 characters.")
	if err := v.Err(); err != nil {
		return "", nil, err
	}
	token := "sk_" + skillkeepr.NewToken()
	now := s.clock()
	t := &skillkeepr.APIToken{OrgID: a.OrgID, UserID: a.UserID, Name: name, Prefix: token[:apiTokenPrefixLen], CreatedAt: now}
	err = s.inTx(ctx, func(tx *txn) error {
		var err error
		t.ID, err = tx.insert(ctx, `INSERT INTO api_tokens (org_id, user_id, name, prefix, token_hash, created_at) VALUES (?, ?, ?, ?, ?, ?)`,
			a.OrgID, a.UserID, name, t.Prefix, skillkeepr.HashToken(token), ts(now))
		if err != nil {
			return dbErr("create api token", err)
		}
		return tx.audit(ctx, a.OrgID, a, "api_token.create", "api_token", t.ID, "Created the API token "+name,
			nil, fields{"name": name, "prefix": t.Prefix})
	})
	if err != nil {
		return "", nil, err
	}
	return token, t, nil
}

// FindAPITokens lists the actor's own API tokens, newest first.
func (s *Store) FindAPITokens(ctx context.Context) ([]*skillkeepr.APIToken, error) {
	a, err := skillkeepr.RequireActor(ctx)
	if err != nil {
		return nil, err
	}
	rows, err := s.read().query(ctx, `SELECT id, org_id, user_id, name, prefix, last_used_at, created_at FROM api_tokens
		WHERE org_id = ? AND user_id = ? ORDER BY id DESC`, a.OrgID, a.UserID)
	if err != nil {
		return nil, dbErr("find api tokens", err)
	}
	defer closeRows(rows)
	out := []*skillkeepr.APIToken{}
	for rows.Next() {
		t := &skillkeepr.APIToken{}
		var last sql.NullInt64
		var created int64
		if err := rows.Scan(&t.ID, &t.OrgID, &t.UserID, &t.Name, &t.Prefix, &last, &created); err != nil {
			return nil, dbErr("find api tokens", err)
		}
		t.LastUsedAt, t.CreatedAt = fromNullTS(last), fromTS(created)
		out = append(out, t)
	}
	return out, dbErr("find api tokens", rows.Err())
}

// DeleteAPIToken deletes one of the actor's own tokens.
func (s *Store) DeleteAPIToken(ctx context.Context, id int64) error {
	a, err := skillkeepr.RequireActor(ctx)
	if err != nil {
		return err
	}
	return s.inTx(ctx, func(tx *txn) error {
		var name, prefix string
		err := tx.queryRow(ctx, `SELECT name, prefix FROM api_tokens WHERE id = ? AND org_id = ? AND user_id = ?`, id, a.OrgID, a.UserID).Scan(&name, &prefix)
		if err != nil {
			return notFound(err, "API token", "delete api token")
		}
		if _, err := tx.exec(ctx, `DELETE FROM api_tokens WHERE id = ? AND org_id = ?`, id, a.OrgID); err != nil {
			return dbErr("delete api token", err)
		}
		return tx.audit(ctx, a.OrgID, a, "api_token.delete", "api_token", id, "Deleted the API token "+name,
			fields{"name": name, "prefix": prefix}, nil)
	})
}

// AuthenticateAPIToken is a system operation returning the token's active
// user; anything else is EUNAUTHORIZED.
func (s *Store) AuthenticateAPIToken(ctx context.Context, token string) (*skillkeepr.User, error) {
	if !strings.HasPrefix(token, "sk_") {
		return nil, unauthorized()
	}
	c := s.read()
	var id, org, userID int64
	var last sql.NullInt64
	err := c.queryRow(ctx, `SELECT id, org_id, user_id, last_used_at FROM api_tokens WHERE token_hash = ?`, skillkeepr.HashToken(token)).Scan(&id, &org, &userID, &last)
	if err == sql.ErrNoRows {
		return nil, unauthorized()
	}
	if err != nil {
		return nil, dbErr("authenticate api token", err)
	}
	u, err := userByID(ctx, c, org, userID)
	if skillkeepr.ErrorCodeOf(err) == skillkeepr.ENOTFOUND {
		return nil, unauthorized()
	}
	if err != nil {
		return nil, err
	}
	if !u.Active {
		return nil, unauthorized()
	}
	now := s.clock()
	if !last.Valid || now.Sub(fromTS(last.Int64)) >= slideEvery {
		w := conn{q: s.db, engine: s.engine}
		if _, err := w.exec(ctx, `UPDATE api_tokens SET last_used_at = ? WHERE id = ? AND org_id = ?`, ts(now), id, org); err != nil {
			return nil, dbErr("authenticate api token", err)
		}
	}
	return u, nil
}

// RecordFailedLogin records one failed sign-in for key; rows older than a
// day are dropped on the way.
func (s *Store) RecordFailedLogin(ctx context.Context, key string) error {
	now := s.clock()
	return s.inTx(ctx, func(tx *txn) error {
		if _, err := tx.exec(ctx, `DELETE FROM failed_logins WHERE key = ? AND created_at < ?`, key, ts(now.Add(-24*time.Hour))); err != nil {
			return dbErr("record failed login", err)
		}
		_, err := tx.exec(ctx, `INSERT INTO failed_logins (key, created_at) VALUES (?, ?)`, key, ts(now))
		return dbErr("record failed login", err)
	})
}

// FailedLogins counts failed sign-ins for key since the given time.
func (s *Store) FailedLogins(ctx context.Context, key string, since time.Time) (int, error) {
	var n int
	err := s.read().queryRow(ctx, `SELECT count(*) FROM failed_logins WHERE key = ? AND created_at >= ?`, key, ts(since)).Scan(&n)
	return n, dbErr("failed logins", err)
}

// ClearFailedLogins forgets the failed sign-ins of key.
func (s *Store) ClearFailedLogins(ctx context.Context, key string) error {
	_, err := conn{q: s.db, engine: s.engine}.exec(ctx, `DELETE FROM failed_logins WHERE key = ?`, key)
	return dbErr("clear failed logins", err)
}
