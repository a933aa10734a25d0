package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"sync"
	"time"

	"github.com/skillkeepr/skillkeepr"
)

// Cipher seals secrets before they are written and opens them after they
// are read; ad binds a value to its row and column. Package secret
// implements it.
type Cipher interface {
	EncryptString(plaintext, ad string) (string, error)
	DecryptString(sealed, ad string) (string, error)
}

// SetCipher sets the cipher of the Lever secrets.
func (s *Store) SetCipher(c Cipher) { s.cipher.Store(&cipherBox{c: c}) }

type cipherBox struct{ c Cipher }

func (s *Store) secrets() (Cipher, error) {
	if b := s.cipher.Load(); b != nil && b.c != nil {
		return b.c, nil
	}
	return nil, errors.New("sqlstore: no cipher configured for secrets")
}

// tokenSkew is how long before its expiry an access token counts as
// expired, so that a call never starts with a token about to die.
const tokenSkew = time.Minute

// errLeverNotConnected is what Lever work gets while the organisation has
// no working connection: the work pauses (it is not invalid).
func errLeverNotConnected() error {
	return &skillkeepr.Error{Code: skillkeepr.ECONFLICT,
		Message: "Lever is not connected. A Super Admin can connect it on the Integrations page."}
}

func adFor(orgID int64, column string) string {
	return "lever_connections:" + strconv.FormatInt(orgID, 10) + ":" + column
}

const leverColumns = `org_id, mode, status, account_label, connected_by_id, connected_by_name, connected_at,
	checked_at, last_error, revoked_at, disconnected_at`

func scanLever(sc interface{ Scan(...any) error }) (*skillkeepr.LeverConnection, error) {
	c := &skillkeepr.LeverConnection{}
	var by sql.NullInt64
	var connected int64
	var checked, revoked, disconnected sql.NullInt64
	var mode, status string
	if err := sc.Scan(&c.OrgID, &mode, &status, &c.AccountLabel, &by, &c.ConnectedByName, &connected,
		&checked, &c.LastError, &revoked, &disconnected); err != nil {
		return nil, err
	}
	c.Mode, c.Status = skillkeepr.LeverMode(mode), skillkeepr.LeverStatus(status)
	c.ConnectedByID = by.Int64
	c.ConnectedAt = fromTS(connected)
	c.CheckedAt, c.RevokedAt, c.DisconnectedAt = fromNullTS(checked), fromNullTS(revoked), fromNullTS(disconnected)
	return c, nil
}

func (s *Store) leverByOrg(ctx context.Context, c conn, orgID int64) (*skillkeepr.LeverConnection, error) {
	lc, err := scanLever(c.queryRow(ctx, `SELECT `+leverColumns+` FROM lever_connections WHERE org_id = ?`, orgID))
	if errors.Is(err, sql.ErrNoRows) {
		return &skillkeepr.LeverConnection{OrgID: orgID, Status: skillkeepr.LeverDisconnected}, nil
	}
	return lc, dbErr("find lever connection", err)
}

// FindLeverConnection returns the Lever connection of the actor's
// organisation (one primary-key read, cheap enough for every page); an
// organisation that never connected gets LeverDisconnected.
func (s *Store) FindLeverConnection(ctx context.Context) (*skillkeepr.LeverConnection, error) {
	a, err := skillkeepr.RequireActor(ctx)
	if err != nil {
		return nil, err
	}
	return s.leverByOrg(ctx, s.read(), a.OrgID)
}

// LeverConnectionByOrg is a system operation for background work.
func (s *Store) LeverConnectionByOrg(ctx context.Context, orgID int64) (*skillkeepr.LeverConnection, error) {
	return s.leverByOrg(ctx, s.read(), orgID)
}

func authorizeIntegrations(ctx context.Context) (*skillkeepr.Actor, error) {
	a, err := skillkeepr.RequireActor(ctx)
	if err != nil {
		return nil, err
	}
	return a, skillkeepr.Authorize(a, skillkeepr.ActManageIntegrations, skillkeepr.Target{})
}

// CreateLeverOAuthState records the state of a new "Connect" for the
// actor in browser session sessionID; only its hash is kept. Expired
// states of the organisation are dropped on the way.
func (s *Store) CreateLeverOAuthState(ctx context.Context, sessionID int64, state string) error {
	a, err := authorizeIntegrations(ctx)
	if err != nil {
		return err
	}
	if sessionID == 0 || len(state) < 32 {
		return errors.New("sqlstore: a Lever state needs a session and at least 32 characters")
	}
	now := s.clock()
	return s.inTx(ctx, func(tx *txn) error {
		if _, err := tx.exec(ctx, `DELETE FROM lever_oauth_states WHERE org_id = ? AND expires_at <= ?`, a.OrgID, ts(now)); err != nil {
			return dbErr("lever state", err)
		}
		_, err := tx.exec(ctx, `INSERT INTO lever_oauth_states (org_id, user_id, session_id, state_hash, expires_at, created_at) VALUES (?, ?, ?, ?, ?, ?)`,
			a.OrgID, a.UserID, sessionID, skillkeepr.HashToken(state), ts(now.Add(skillkeepr.LeverOAuthStateTTL)), ts(now))
		return dbErr("lever state", err)
	})
}

// leverStateMessage is the message of a refused state.
const leverStateMessage = "The link back from Lever is out of date, was already used or belongs to another sign-in. Nothing was changed. Please click Connect again."

// ConsumeLeverOAuthState uses up a state: it must have been made by the
// actor in browser session sessionID less than 10 minutes ago and not be
// used yet; anything else is EINVALID. Another person's state is left alone.
func (s *Store) ConsumeLeverOAuthState(ctx context.Context, sessionID int64, state string) error {
	a, err := authorizeIntegrations(ctx)
	if err != nil {
		return err
	}
	refused := &skillkeepr.Error{Code: skillkeepr.EINVALID, Message: leverStateMessage}
	if state == "" {
		return refused
	}
	now := s.clock()
	return s.inTx(ctx, func(tx *txn) error {
		var expires int64
		err := tx.queryRow(ctx, `DELETE FROM lever_oauth_states WHERE state_hash = ? AND org_id = ? AND user_id = ? AND session_id = ? RETURNING expires_at`,
			skillkeepr.HashToken(state), a.OrgID, a.UserID, sessionID).Scan(&expires)
		if errors.Is(err, sql.ErrNoRows) {
			return refused
		}
		if err != nil {
			return dbErr("lever state", err)
		}
		if !now.Before(fromTS(expires)) {
			return refused
		}
		return nil
	})
}

// SaveLeverConnection connects the actor's organisation (Super Admin),
// replacing any earlier connection; secrets are sealed with the cipher.
func (s *Store) SaveLeverConnection(ctx context.Context, c skillkeepr.LeverConnect) (*skillkeepr.LeverConnection, error) {
	a, err := authorizeIntegrations(ctx)
	if err != nil {
		return nil, err
	}
	ciph, err := s.secrets()
	if err != nil {
		return nil, err
	}
	switch c.Mode {
	case skillkeepr.LeverModeOAuth:
		if c.Token.AccessToken == "" {
			return nil, errors.New("sqlstore: a Lever OAuth connection needs an access token")
		}
		c.APIKey = ""
	case skillkeepr.LeverModeAPIKey:
		if c.APIKey == "" {
			return nil, errors.New("sqlstore: a Lever API-key connection needs a key")
		}
		c.Token = skillkeepr.LeverToken{}
	default:
		return nil, fmt.Errorf("sqlstore: unknown Lever mode %q", c.Mode)
	}
	org := a.OrgID
	access, err := ciph.EncryptString(c.Token.AccessToken, adFor(org, "access_token"))
	if err != nil {
		return nil, err
	}
	refresh, err := ciph.EncryptString(c.Token.RefreshToken, adFor(org, "refresh_token"))
	if err != nil {
		return nil, err
	}
	key, err := ciph.EncryptString(c.APIKey, adFor(org, "api_key"))
	if err != nil {
		return nil, err
	}
	var expiry *time.Time
	if !c.Token.Expiry.IsZero() {
		expiry = &c.Token.Expiry
	}
	now := s.clock()
	var out *skillkeepr.LeverConnection
	err = s.inTx(ctx, func(tx *txn) error {
		old, err := s.leverByOrg(ctx, tx.conn, org)
		if err != nil {
			return err
		}
		_, err = tx.exec(ctx, `INSERT INTO lever_connections (org_id, mode, status, account_label, connected_by_id, connected_by_name, connected_at,
			access_token_enc, refresh_token_enc, token_expires_at, api_key_enc, checked_at, last_error, revoked_at, disconnected_at, updated_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, '', NULL, NULL, ?)
			ON CONFLICT (org_id) DO UPDATE SET generation = lever_connections.generation + 1, mode = excluded.mode, status = excluded.status, account_label = excluded.account_label,
			connected_by_id = excluded.connected_by_id, connected_by_name = excluded.connected_by_name, connected_at = excluded.connected_at,
			access_token_enc = excluded.access_token_enc, refresh_token_enc = excluded.refresh_token_enc, token_expires_at = excluded.token_expires_at,
			api_key_enc = excluded.api_key_enc, checked_at = excluded.checked_at, last_error = '', revoked_at = NULL, disconnected_at = NULL,
			updated_at = excluded.updated_at`,
			org, string(c.Mode), string(skillkeepr.LeverConnected), c.AccountLabel, a.UserID, a.Name, ts(now),
			access, refresh, nullTS(expiry), key, ts(now), ts(now))
		if err != nil {
			return dbErr("save lever connection", err)
		}
		how := "by signing in to Lever"
		if c.Mode == skillkeepr.LeverModeAPIKey {
			how = "with an API key"
		}
		summary := "Connected Lever " + how
		if c.AccountLabel != "" {
			summary += " (" + c.AccountLabel + ")"
		}
		if out, err = s.leverByOrg(ctx, tx.conn, org); err != nil {
			return err
		}
		return tx.audit(ctx, org, a, "lever.connect", "lever_connection", org, summary,
			fields{"status": string(old.Status)}, fields{"status": string(out.Status), "mode": string(c.Mode), "account": c.AccountLabel})
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// DisconnectLever forgets the actor's organisation's Lever credentials
// (Super Admin). Disconnecting twice is not an error.
func (s *Store) DisconnectLever(ctx context.Context) error {
	a, err := authorizeIntegrations(ctx)
	if err != nil {
		return err
	}
	now := s.clock()
	return s.inTx(ctx, func(tx *txn) error {
		old, err := s.leverByOrg(ctx, tx.conn, a.OrgID)
		if err != nil {
			return err
		}
		if old.Status == skillkeepr.LeverDisconnected {
			return nil
		}
		if _, err := tx.exec(ctx, `UPDATE lever_connections SET status = ?, access_token_enc = '', refresh_token_enc = '', token_expires_at = NULL,
			api_key_enc = '', last_error = '', disconnected_at = ?, updated_at = ? WHERE org_id = ?`,
			string(skillkeepr.LeverDisconnected), ts(now), ts(now), a.OrgID); err != nil {
			return dbErr("disconnect lever", err)
		}
		return tx.audit(ctx, a.OrgID, a, "lever.disconnect", "lever_connection", a.OrgID, "Disconnected Lever",
			fields{"status": string(old.Status), "account": old.AccountLabel}, fields{"status": string(skillkeepr.LeverDisconnected)})
	})
}

// MarkLeverRevoked is a system operation: Lever refused the credentials
// of connection generation of the organisation. If that connection is
// still the current one and connected, it becomes revoked (its secrets are
// dropped, they no longer work) and the audit log says so; it reports
// whether anything changed. A newer connection is left alone.
func (s *Store) MarkLeverRevoked(ctx context.Context, orgID, generation int64) (bool, error) {
	now := s.clock()
	changed := false
	err := s.inTx(ctx, func(tx *txn) error {
		res, err := tx.exec(ctx, `UPDATE lever_connections SET status = ?, access_token_enc = '', refresh_token_enc = '', token_expires_at = NULL,
			api_key_enc = '', revoked_at = ?, checked_at = ?, last_error = ?, updated_at = ? WHERE org_id = ? AND status = ? AND generation = ?`,
			string(skillkeepr.LeverRevoked), ts(now), ts(now), "Access was revoked in Lever.", ts(now), orgID, string(skillkeepr.LeverConnected), generation)
		if err != nil {
			return dbErr("mark lever revoked", err)
		}
		n, err := res.RowsAffected()
		if err != nil {
			return dbErr("mark lever revoked", err)
		}
		if n == 0 {
			return nil
		}
		changed = true
		return tx.audit(ctx, orgID, nil, "lever.revoked", "lever_connection", orgID,
			"Access was revoked in Lever; Lever updates are paused until a Super Admin connects again",
			fields{"status": string(skillkeepr.LeverConnected)}, fields{"status": string(skillkeepr.LeverRevoked)})
	})
	return changed, err
}

// RecordLeverCheck is a system operation: it stamps the last health check
// of connection generation of an organisation and its outcome in plain
// words ("" when Lever answered).
func (s *Store) RecordLeverCheck(ctx context.Context, orgID, generation int64, lastError string) error {
	now := s.clock()
	_, err := conn{q: s.db, engine: s.engine}.exec(ctx, `UPDATE lever_connections SET checked_at = ?, last_error = ? WHERE org_id = ? AND status = ? AND generation = ?`,
		ts(now), lastError, orgID, string(skillkeepr.LeverConnected), generation)
	return dbErr("record lever check", err)
}

// ConnectedLeverOrgs is a system operation listing the organisations with
// a working Lever connection, for the health check.
func (s *Store) ConnectedLeverOrgs(ctx context.Context) ([]int64, error) {
	rows, err := s.read().query(ctx, `SELECT org_id FROM lever_connections WHERE status = ? ORDER BY org_id`, string(skillkeepr.LeverConnected))
	if err != nil {
		return nil, dbErr("connected lever orgs", err)
	}
	defer closeRows(rows)
	var out []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, dbErr("connected lever orgs", err)
		}
		out = append(out, id)
	}
	return out, dbErr("connected lever orgs", rows.Err())
}

type leverSecrets struct {
	generation           int64
	status, mode         string
	access, refresh, key string // sealed
	expires              sql.NullInt64
}

func (s *Store) readLeverSecrets(ctx context.Context, c conn, orgID int64, lock bool) (*leverSecrets, error) {
	q := `SELECT generation, status, mode, access_token_enc, refresh_token_enc, api_key_enc, token_expires_at FROM lever_connections WHERE org_id = ?`
	if lock && s.engine == enginePostgres {
		q += ` FOR UPDATE`
	}
	ls := &leverSecrets{}
	err := c.queryRow(ctx, q, orgID).Scan(&ls.generation, &ls.status, &ls.mode, &ls.access, &ls.refresh, &ls.key, &ls.expires)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, errLeverNotConnected()
	}
	if err != nil {
		return nil, dbErr("lever credentials", err)
	}
	if ls.status != string(skillkeepr.LeverConnected) {
		return nil, errLeverNotConnected()
	}
	return ls, nil
}

func (s *Store) openLeverSecrets(orgID int64, ls *leverSecrets) (*skillkeepr.LeverCredentials, error) {
	ciph, err := s.secrets()
	if err != nil {
		return nil, err
	}
	cr := &skillkeepr.LeverCredentials{OrgID: orgID, Generation: ls.generation, Mode: skillkeepr.LeverMode(ls.mode)}
	if cr.Token.AccessToken, err = ciph.DecryptString(ls.access, adFor(orgID, "access_token")); err != nil {
		return nil, fmt.Errorf("sqlstore: lever access token of organisation %d: %w", orgID, err)
	}
	if cr.Token.RefreshToken, err = ciph.DecryptString(ls.refresh, adFor(orgID, "refresh_token")); err != nil {
		return nil, fmt.Errorf("sqlstore: lever refresh token of organisation %d: %w", orgID, err)
	}
	if cr.APIKey, err = ciph.DecryptString(ls.key, adFor(orgID, "api_key")); err != nil {
		return nil, fmt.Errorf("sqlstore: lever API key of organisation %d: %w", orgID, err)
	}
	if ls.expires.Valid {
		cr.Token.Expiry = fromTS(ls.expires.Int64)
	}
	return cr, nil
}

// LeverCredentials is a system operation returning the decrypted
// credentials of a connected organisation; without a working connection it
// is ECONFLICT ("Lever is not connected").
func (s *Store) LeverCredentials(ctx context.Context, orgID int64) (*skillkeepr.LeverCredentials, error) {
	ls, err := s.readLeverSecrets(ctx, s.read(), orgID, false)
	if err != nil {
		return nil, err
	}
	return s.openLeverSecrets(orgID, ls)
}

// RefreshLeverToken is a system operation renewing an organisation's
// access token in one process at a time. It takes the connection's row
// lock (SELECT … FOR UPDATE on PostgreSQL; on SQLite the transaction holds
// the single write lock) and re-reads the token: when another process has
// already replaced stale with a token that is still valid, that token is
// returned and Lever is not called. Otherwise refresh is called with the
// stored refresh token, and the new access token and the rotated refresh
// token are saved in the same transaction before they are returned.
//
// refresh runs inside the transaction: it must not call the store. Its
// error is returned as is (the caller decides whether it means revoked).
func (s *Store) RefreshLeverToken(ctx context.Context, orgID int64, stale string,
	refresh func(ctx context.Context, refreshToken string) (skillkeepr.LeverToken, error)) (skillkeepr.LeverToken, error) {
	mu := s.leverLock(orgID)
	mu.Lock()
	defer mu.Unlock()
	var out skillkeepr.LeverToken
	err := s.inTx(ctx, func(tx *txn) error {
		ls, err := s.readLeverSecrets(ctx, tx.conn, orgID, true)
		if err != nil {
			return err
		}
		if ls.mode != string(skillkeepr.LeverModeOAuth) {
			return errors.New("sqlstore: only OAuth connections have tokens to refresh")
		}
		cr, err := s.openLeverSecrets(orgID, ls)
		if err != nil {
			return err
		}
		cur := cr.Token
		if cur.AccessToken != "" && cur.AccessToken != stale && (cur.Expiry.IsZero() || s.clock().Add(tokenSkew).Before(cur.Expiry)) {
			out = cur // another process refreshed it already
			return nil
		}
		t, err := refresh(ctx, cur.RefreshToken)
		if err != nil {
			return err
		}
		if t.RefreshToken == "" {
			t.RefreshToken = cur.RefreshToken
		}
		ciph, err := s.secrets()
		if err != nil {
			return err
		}
		access, err := ciph.EncryptString(t.AccessToken, adFor(orgID, "access_token"))
		if err != nil {
			return err
		}
		rt, err := ciph.EncryptString(t.RefreshToken, adFor(orgID, "refresh_token"))
		if err != nil {
			return err
		}
		var expiry *time.Time
		if !t.Expiry.IsZero() {
			expiry = &t.Expiry
		}
		if _, err := tx.exec(ctx, `UPDATE lever_connections SET access_token_enc = ?, refresh_token_enc = ?, token_expires_at = ?, updated_at = ? WHERE org_id = ?`,
			access, rt, nullTS(expiry), ts(s.clock()), orgID); err != nil {
			return dbErr("save refreshed lever token", err)
		}
		out = t
		return nil
	})
	return out, err
}

// leverLock returns the in-process lock of an organisation's token, so
// that goroutines of one process queue here rather than on the database.
func (s *Store) leverLock(orgID int64) *sync.Mutex {
	m, _ := s.leverLocks.LoadOrStore(orgID, &sync.Mutex{})
	return m.(*sync.Mutex)
}
