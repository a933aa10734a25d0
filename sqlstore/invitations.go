package sqlstore

import (
	"context"
	"database/sql"

	"github.com/skillkeepr/skillkeepr"
)

const invitationSelect = `SELECT i.id, i.org_id, o.name, i.email, i.role, i.department_ids, COALESCE(i.invited_by_id, 0), COALESCE(u.name, ''),
	i.expires_at, i.accepted_at, i.revoked_at, i.created_at
	FROM invitations i JOIN organizations o ON o.id = i.org_id LEFT JOIN users u ON u.id = i.invited_by_id`

func scanInvitation(sc interface{ Scan(...any) error }) (*skillkeepr.Invitation, error) {
	inv := &skillkeepr.Invitation{}
	var deps string
	var expires, created int64
	var accepted, revoked sql.NullInt64
	if err := sc.Scan(&inv.ID, &inv.OrgID, &inv.OrgName, &inv.Email, &inv.Role, &deps, &inv.InvitedByID, &inv.InvitedByName,
		&expires, &accepted, &revoked, &created); err != nil {
		return nil, err
	}
	inv.DepartmentIDs = decodeIDs(deps)
	inv.ExpiresAt, inv.CreatedAt = fromTS(expires), fromTS(created)
	inv.AcceptedAt, inv.RevokedAt = fromNullTS(accepted), fromNullTS(revoked)
	return inv, nil
}

func invitationFields(inv *skillkeepr.Invitation) fields {
	return fields{"email": inv.Email, "role": inv.Role, "department_ids": inv.DepartmentIDs}
}

// defaultInvitationEmail is used when the caller passes no template.
func defaultInvitationEmail(inv *skillkeepr.Invitation, token string) skillkeepr.EmailMessage {
	return skillkeepr.EmailMessage{
		To:      []string{inv.Email},
		Subject: "You are invited to join " + inv.OrgName + " on SkillKeepr",
		Text: inv.InvitedByName + " invited you to join " + inv.OrgName + " on SkillKeepr as " + inv.Role.Label() +
			".\n\nYour invitation code: " + token + "\n\nIt works once and expires on " + inv.ExpiresAt.Format("2 January 2006") + ".\n",
		Kind: "invitation",
	}
}

// CreateInvitation invites email to the actor's organisation with a role
// (ActInviteUser for c.Role) and enqueues the invitation email in the same
// transaction. It fails with ECONFLICT when the email already belongs to a
// user, and with EUNAVAILABLE when no Enqueuer is set.
func (s *Store) CreateInvitation(ctx context.Context, c skillkeepr.InvitationCreate, email skillkeepr.InvitationEmail) (*skillkeepr.Invitation, error) {
	a, err := skillkeepr.RequireActor(ctx)
	if err != nil {
		return nil, err
	}
	if err := c.Validate(); err != nil {
		return nil, err
	}
	if err := skillkeepr.Authorize(a, skillkeepr.ActInviteUser, skillkeepr.Target{Role: c.Role}); err != nil {
		return nil, err
	}
	enq := s.enqueuer()
	if enq == nil {
		return nil, skillkeepr.Errorf(skillkeepr.EUNAVAILABLE, "Email sending is not set up yet, so the invitation cannot be sent. Please try again later.")
	}
	if email == nil {
		email = defaultInvitationEmail
	}
	var inv *skillkeepr.Invitation
	err = s.inTx(ctx, func(tx *txn) error {
		deps := uniqueIDs(c.DepartmentIDs)
		if err := checkDepartments(ctx, tx.conn, a.OrgID, deps); err != nil {
			return err
		}
		var n int
		if err := tx.queryRow(ctx, `SELECT count(*) FROM users WHERE email = ?`, c.Email).Scan(&n); err != nil {
			return dbErr("create invitation", err)
		}
		if n > 0 {
			return emailTaken()
		}
		token := skillkeepr.NewToken()
		now := s.clock()
		id, err := tx.insert(ctx, `INSERT INTO invitations (org_id, email, role, department_ids, token_hash, invited_by_id, expires_at, created_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, a.OrgID, c.Email, string(c.Role), encodeIDs(deps), skillkeepr.HashToken(token), a.UserID,
			ts(now.Add(skillkeepr.InvitationTTL)), ts(now))
		if err != nil {
			return dbErr("create invitation", err)
		}
		if inv, err = scanInvitation(tx.queryRow(ctx, invitationSelect+` WHERE i.id = ? AND i.org_id = ?`, id, a.OrgID)); err != nil {
			return dbErr("create invitation", err)
		}
		msg := email(inv, token)
		msg.OrgID = a.OrgID
		if len(msg.To) == 0 {
			msg.To = []string{inv.Email}
		}
		if msg.Kind == "" {
			msg.Kind = "invitation"
		}
		if err := enq.EnqueueTx(ctx, tx.tx, skillkeepr.SendEmailTask{Message: msg}); err != nil {
			return dbErr("enqueue invitation email", err)
		}
		return tx.audit(ctx, a.OrgID, a, "invitation.create", "invitation", id,
			"Invited "+inv.Email+" as "+inv.Role.Label(), nil, invitationFields(inv))
	})
	if err != nil {
		return nil, err
	}
	return inv, nil
}

// FindInvitations lists the invitations of the actor's organisation,
// newest first (those who may view users).
func (s *Store) FindInvitations(ctx context.Context) ([]*skillkeepr.Invitation, error) {
	a, err := skillkeepr.RequireActor(ctx)
	if err != nil {
		return nil, err
	}
	if err := skillkeepr.Authorize(a, skillkeepr.ActViewUsers, skillkeepr.Target{}); err != nil {
		return nil, err
	}
	rows, err := s.read().query(ctx, invitationSelect+` WHERE i.org_id = ? ORDER BY i.id DESC`, a.OrgID)
	if err != nil {
		return nil, dbErr("find invitations", err)
	}
	defer closeRows(rows)
	out := []*skillkeepr.Invitation{}
	for rows.Next() {
		inv, err := scanInvitation(rows)
		if err != nil {
			return nil, dbErr("find invitations", err)
		}
		out = append(out, inv)
	}
	return out, dbErr("find invitations", rows.Err())
}

// RevokeInvitation stops an invitation link from working (ActInviteUser
// for its role). An accepted invitation cannot be revoked (ECONFLICT).
func (s *Store) RevokeInvitation(ctx context.Context, id int64) error {
	a, err := skillkeepr.RequireActor(ctx)
	if err != nil {
		return err
	}
	return s.inTx(ctx, func(tx *txn) error {
		inv, err := scanInvitation(tx.queryRow(ctx, invitationSelect+` WHERE i.id = ? AND i.org_id = ?`, id, a.OrgID))
		if err != nil {
			return notFound(err, "Invitation", "revoke invitation")
		}
		if err := skillkeepr.Authorize(a, skillkeepr.ActInviteUser, skillkeepr.Target{Role: inv.Role}); err != nil {
			return err
		}
		if inv.AcceptedAt != nil {
			return skillkeepr.Errorf(skillkeepr.ECONFLICT, "%s has already accepted this invitation.", inv.Email)
		}
		if inv.RevokedAt != nil {
			return nil
		}
		if _, err := tx.exec(ctx, `UPDATE invitations SET revoked_at = ? WHERE id = ? AND org_id = ?`, ts(s.clock()), id, a.OrgID); err != nil {
			return dbErr("revoke invitation", err)
		}
		return tx.audit(ctx, a.OrgID, a, "invitation.revoke", "invitation", id, "Withdrew the invitation of "+inv.Email,
			fields{"revoked": false}, fields{"revoked": true})
	})
}

// validInvitation finds a live invitation by token.
func (s *Store) validInvitation(ctx context.Context, c conn, token string) (*skillkeepr.Invitation, error) {
	if token == "" {
		return nil, skillkeepr.NotFound("Invitation")
	}
	inv, err := scanInvitation(c.queryRow(ctx, invitationSelect+` WHERE i.token_hash = ? AND i.accepted_at IS NULL AND i.revoked_at IS NULL AND i.expires_at > ?`,
		skillkeepr.HashToken(token), ts(s.clock())))
	return inv, notFound(err, "Invitation", "find invitation")
}

// FindInvitationByToken is a system operation for the accept page;
// expired, used and revoked invitations are not found.
func (s *Store) FindInvitationByToken(ctx context.Context, token string) (*skillkeepr.Invitation, error) {
	return s.validInvitation(ctx, s.read(), token)
}

// AcceptInvitation creates the user and marks the invitation used, in one
// transaction; a second use is not found. Departments deleted since the
// invitation are left out.
func (s *Store) AcceptInvitation(ctx context.Context, token, name, passwordHash string) (*skillkeepr.User, error) {
	var u *skillkeepr.User
	err := s.inTx(ctx, func(tx *txn) error {
		inv, err := s.validInvitation(ctx, tx.conn, token)
		if err != nil {
			return err
		}
		var deps []int64
		if len(inv.DepartmentIDs) > 0 {
			rows, err := tx.query(ctx, `SELECT id FROM departments WHERE org_id = ? AND id IN (`+placeholders(len(inv.DepartmentIDs))+`) ORDER BY id`,
				append([]any{inv.OrgID}, int64Args(inv.DepartmentIDs)...)...)
			if err != nil {
				return dbErr("accept invitation", err)
			}
			for rows.Next() {
				var id int64
				if err := rows.Scan(&id); err != nil {
					rows.Close()
					return dbErr("accept invitation", err)
				}
				deps = append(deps, id)
			}
			rows.Close()
			if err := rows.Err(); err != nil {
				return dbErr("accept invitation", err)
			}
		}
		c := skillkeepr.UserCreate{OrgID: inv.OrgID, Email: inv.Email, Name: name, Role: inv.Role, DepartmentIDs: deps, PasswordHash: passwordHash}
		if err := c.Validate(); err != nil {
			return err
		}
		res, err := tx.exec(ctx, `UPDATE invitations SET accepted_at = ? WHERE id = ? AND org_id = ? AND accepted_at IS NULL AND revoked_at IS NULL`, ts(s.clock()), inv.ID, inv.OrgID)
		if err != nil {
			return dbErr("accept invitation", err)
		}
		if n, _ := res.RowsAffected(); n != 1 {
			return skillkeepr.NotFound("Invitation")
		}
		if u, err = s.createUserTx(ctx, tx, inv.OrgID, c, nil); err != nil {
			return err
		}
		return tx.audit(ctx, inv.OrgID, u.Actor(), "invitation.accept", "invitation", inv.ID,
			u.Name+" accepted the invitation and joined as "+u.Role.Label(), nil, fields{"user_id": u.ID, "accepted": true})
	})
	if err != nil {
		return nil, err
	}
	return u, nil
}
