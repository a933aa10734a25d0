package sqlstore

import (
	"context"
	"database/sql"
	"slices"
	"strings"

	"github.com/skillkeepr/skillkeepr"
)

const userColumns = `u.id, u.org_id, u.email, u.name, u.role, u.active, u.password_hash, u.last_login_at, u.created_at, u.updated_at`

func scanUser(sc interface{ Scan(...any) error }) (*skillkeepr.User, error) {
	u := &skillkeepr.User{}
	var last sql.NullInt64
	var created, updated int64
	if err := sc.Scan(&u.ID, &u.OrgID, &u.Email, &u.Name, &u.Role, &u.Active, &u.PasswordHash, &last, &created, &updated); err != nil {
		return nil, err
	}
	u.LastLoginAt = fromNullTS(last)
	u.CreatedAt, u.UpdatedAt = fromTS(created), fromTS(updated)
	u.DepartmentIDs = []int64{}
	return u, nil
}

// loadUserDepartments fills DepartmentIDs of users with one query.
func loadUserDepartments(ctx context.Context, c conn, users ...*skillkeepr.User) error {
	if len(users) == 0 {
		return nil
	}
	byID := make(map[int64]*skillkeepr.User, len(users))
	ids := make([]int64, 0, len(users))
	for _, u := range users {
		byID[u.ID] = u
		ids = append(ids, u.ID)
	}
	// Users are loaded one organisation at a time; the org filter is belt and braces.
	rows, err := c.query(ctx, `SELECT user_id, department_id FROM user_departments WHERE org_id = ? AND user_id IN (`+placeholders(len(ids))+`) ORDER BY department_id`,
		append([]any{users[0].OrgID}, int64Args(ids)...)...)
	if err != nil {
		return dbErr("user departments", err)
	}
	defer closeRows(rows)
	for rows.Next() {
		var uid, did int64
		if err := rows.Scan(&uid, &did); err != nil {
			return dbErr("user departments", err)
		}
		if u := byID[uid]; u != nil {
			u.DepartmentIDs = append(u.DepartmentIDs, did)
		}
	}
	return dbErr("user departments", rows.Err())
}

// userByID loads a user of org (or of any organisation when org is 0).
func userByID(ctx context.Context, c conn, org, id int64) (*skillkeepr.User, error) {
	q := `SELECT ` + userColumns + ` FROM users u WHERE u.id = ?`
	args := []any{id}
	if org != 0 {
		q += ` AND u.org_id = ?`
		args = append(args, org)
	}
	u, err := scanUser(c.queryRow(ctx, q, args...))
	if err != nil {
		return nil, notFound(err, "User", "find user")
	}
	return u, loadUserDepartments(ctx, c, u)
}

func userFields(u *skillkeepr.User) fields {
	return fields{"email": u.Email, "name": u.Name, "role": u.Role, "department_ids": u.DepartmentIDs, "active": u.Active}
}

func emailTaken() error {
	return &skillkeepr.Error{Code: skillkeepr.ECONFLICT, Message: "Someone already uses this email address.",
		Fields: map[string]string{"email": "This email address is already in use."}}
}

// checkDepartments verifies that every id is a department of org.
func checkDepartments(ctx context.Context, c conn, org int64, ids []int64) error {
	ids = uniqueIDs(ids)
	if len(ids) == 0 {
		return nil
	}
	var n int
	err := c.queryRow(ctx, `SELECT count(*) FROM departments WHERE org_id = ? AND id IN (`+placeholders(len(ids))+`)`,
		append([]any{org}, int64Args(ids)...)...).Scan(&n)
	if err != nil {
		return dbErr("check departments", err)
	}
	if n != len(ids) {
		return skillkeepr.Validation{"department_ids": "Choose departments from the list."}.Err()
	}
	return nil
}

func uniqueIDs(ids []int64) []int64 {
	out := make([]int64, 0, len(ids))
	for _, id := range ids {
		if id != 0 && !slices.Contains(out, id) {
			out = append(out, id)
		}
	}
	slices.Sort(out)
	return out
}

// actorOrSystem returns the actor of ctx, or nil for a system call.
func actorOrSystem(ctx context.Context) *skillkeepr.Actor {
	a := skillkeepr.ActorFrom(ctx)
	if a == nil || a.UserID == 0 || a.OrgID == 0 {
		return nil
	}
	return a
}

// CreateUser is a system operation when ctx has no actor (it uses
// c.OrgID); with an actor it requires ActInviteUser for c.Role.
func (s *Store) CreateUser(ctx context.Context, c skillkeepr.UserCreate) (*skillkeepr.User, error) {
	if err := c.Validate(); err != nil {
		return nil, err
	}
	a := actorOrSystem(ctx)
	org := c.OrgID
	if a != nil {
		if err := skillkeepr.Authorize(a, skillkeepr.ActInviteUser, skillkeepr.Target{Role: c.Role}); err != nil {
			return nil, err
		}
		org = a.OrgID
	}
	var u *skillkeepr.User
	err := s.inTx(ctx, func(tx *txn) error {
		if _, err := s.orgByID(ctx, tx.conn, org); err != nil {
			return err
		}
		var err error
		u, err = s.createUserTx(ctx, tx, org, c, a)
		return err
	})
	if err != nil {
		return nil, err
	}
	return u, nil
}

func (s *Store) createUserTx(ctx context.Context, tx *txn, org int64, c skillkeepr.UserCreate, a *skillkeepr.Actor) (*skillkeepr.User, error) {
	deps := uniqueIDs(c.DepartmentIDs)
	if err := checkDepartments(ctx, tx.conn, org, deps); err != nil {
		return nil, err
	}
	var n int
	if err := tx.queryRow(ctx, `SELECT count(*) FROM users WHERE email = ?`, c.Email).Scan(&n); err != nil {
		return nil, dbErr("create user", err)
	}
	if n > 0 {
		return nil, emailTaken()
	}
	now := s.clock()
	u := &skillkeepr.User{OrgID: org, Email: c.Email, Name: c.Name, Role: c.Role, DepartmentIDs: deps, Active: true,
		PasswordHash: c.PasswordHash, CreatedAt: now, UpdatedAt: now}
	id, err := tx.insert(ctx, `INSERT INTO users (org_id, email, name, role, active, password_hash, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
		org, u.Email, u.Name, string(u.Role), true, u.PasswordHash, ts(now), ts(now))
	if err != nil {
		if isUniqueViolation(err) {
			return nil, emailTaken()
		}
		return nil, dbErr("create user", err)
	}
	u.ID = id
	if err := setUserDepartments(ctx, tx, org, id, deps); err != nil {
		return nil, err
	}
	return u, tx.audit(ctx, org, a, "user.create", "user", id, "Added "+u.Name+" ("+u.Email+") as "+u.Role.Label(), nil, userFields(u))
}

func setUserDepartments(ctx context.Context, tx *txn, org, userID int64, ids []int64) error {
	if _, err := tx.exec(ctx, `DELETE FROM user_departments WHERE user_id = ? AND org_id = ?`, userID, org); err != nil {
		return dbErr("user departments", err)
	}
	for _, d := range ids {
		if _, err := tx.exec(ctx, `INSERT INTO user_departments (org_id, user_id, department_id) VALUES (?, ?, ?)`, org, userID, d); err != nil {
			return dbErr("user departments", err)
		}
	}
	return nil
}

// FindUserByID returns a user of the actor's organisation: the actor
// themself, or anyone for those who may view users.
func (s *Store) FindUserByID(ctx context.Context, id int64) (*skillkeepr.User, error) {
	a, err := skillkeepr.RequireActor(ctx)
	if err != nil {
		return nil, err
	}
	u, err := userByID(ctx, s.read(), a.OrgID, id)
	if err != nil {
		return nil, err
	}
	if id != a.UserID {
		if err := skillkeepr.Authorize(a, skillkeepr.ActViewUsers, skillkeepr.Target{}); err != nil {
			return nil, err
		}
	}
	return u, nil
}

// FindUserByEmail is a system operation used by sign-in; it searches every
// organisation.
func (s *Store) FindUserByEmail(ctx context.Context, email string) (*skillkeepr.User, error) {
	c := s.read()
	u, err := scanUser(c.queryRow(ctx, `SELECT `+userColumns+` FROM users u WHERE u.email = ?`, skillkeepr.NormalizeEmail(email)))
	if err != nil {
		return nil, notFound(err, "User", "find user")
	}
	return u, loadUserDepartments(ctx, c, u)
}

// FindUsers lists users of the actor's organisation by name (admins).
func (s *Store) FindUsers(ctx context.Context, f skillkeepr.UserFilter) ([]*skillkeepr.User, int, error) {
	a, err := skillkeepr.RequireActor(ctx)
	if err != nil {
		return nil, 0, err
	}
	if err := skillkeepr.Authorize(a, skillkeepr.ActViewUsers, skillkeepr.Target{}); err != nil {
		return nil, 0, err
	}
	offset, limit := page(f.Offset, f.Limit, 100, 1000)
	where := []string{"u.org_id = ?"}
	args := []any{a.OrgID}
	if f.Role != "" {
		where = append(where, "u.role = ?")
		args = append(args, string(f.Role))
	}
	if f.DepartmentID != 0 {
		where = append(where, "u.id IN (SELECT user_id FROM user_departments WHERE department_id = ? AND org_id = ?)")
		args = append(args, f.DepartmentID, a.OrgID)
	}
	if f.ActiveOnly {
		where = append(where, "u.active = ?")
		args = append(args, true)
	}
	if q := strings.TrimSpace(f.Query); q != "" {
		where = append(where, `(lower(u.name) LIKE ? ESCAPE '\' OR u.email LIKE ? ESCAPE '\')`)
		p := likePattern(q)
		args = append(args, p, p)
	}
	w := strings.Join(where, " AND ")
	c := s.read()
	var total int
	if err := c.queryRow(ctx, `SELECT count(*) FROM users u WHERE `+w, args...).Scan(&total); err != nil {
		return nil, 0, dbErr("count users", err)
	}
	rows, err := c.query(ctx, `SELECT `+userColumns+` FROM users u WHERE `+w+` ORDER BY lower(u.name), u.id LIMIT ? OFFSET ?`, append(args, limit, offset)...)
	if err != nil {
		return nil, 0, dbErr("find users", err)
	}
	var out []*skillkeepr.User
	for rows.Next() {
		u, err := scanUser(rows)
		if err != nil {
			rows.Close()
			return nil, 0, dbErr("find users", err)
		}
		out = append(out, u)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, 0, dbErr("find users", err)
	}
	return out, total, loadUserDepartments(ctx, c, out...)
}

// UpdateUser changes a user. Changing one's own name needs nothing more;
// changing someone else's name or departments, or anyone's role, needs
// ActChangeRole; (de)activating needs ActDeactivateUser; changing one's own
// departments needs ActManageDepartments.
func (s *Store) UpdateUser(ctx context.Context, id int64, upd skillkeepr.UserUpdate) (*skillkeepr.User, error) {
	a, err := skillkeepr.RequireActor(ctx)
	if err != nil {
		return nil, err
	}
	if err := upd.Validate(); err != nil {
		return nil, err
	}
	var out *skillkeepr.User
	err = s.inTx(ctx, func(tx *txn) error {
		old, err := userByID(ctx, tx.conn, a.OrgID, id)
		if err != nil {
			return err
		}
		manage := skillkeepr.Target{Role: old.Role, UserRole: old.Role, UserID: id}
		n := *old
		if upd.Name != nil && *upd.Name != old.Name {
			if id != a.UserID {
				if err := skillkeepr.Authorize(a, skillkeepr.ActChangeRole, manage); err != nil {
					return err
				}
			}
			n.Name = *upd.Name
		}
		if upd.Role != nil && *upd.Role != old.Role {
			if err := skillkeepr.Authorize(a, skillkeepr.ActChangeRole, skillkeepr.Target{Role: *upd.Role, UserRole: old.Role, UserID: id}); err != nil {
				return err
			}
			n.Role = *upd.Role
		}
		if upd.Active != nil && *upd.Active != old.Active {
			if err := skillkeepr.Authorize(a, skillkeepr.ActDeactivateUser, skillkeepr.Target{UserRole: old.Role, UserID: id}); err != nil {
				return err
			}
			n.Active = *upd.Active
		}
		if upd.DepartmentIDs != nil {
			deps := uniqueIDs(*upd.DepartmentIDs)
			if !slices.Equal(deps, old.DepartmentIDs) {
				if id == a.UserID {
					err = skillkeepr.Authorize(a, skillkeepr.ActManageDepartments, skillkeepr.Target{})
				} else {
					err = skillkeepr.Authorize(a, skillkeepr.ActChangeRole, manage)
				}
				if err != nil {
					return err
				}
				if err := checkDepartments(ctx, tx.conn, a.OrgID, deps); err != nil {
					return err
				}
				n.DepartmentIDs = deps
			}
		}
		out = &n
		before, after := changed(userFields(old), userFields(&n))
		if len(after) == 0 {
			return nil
		}
		n.UpdatedAt = s.clock()
		if _, err := tx.exec(ctx, `UPDATE users SET name = ?, role = ?, active = ?, updated_at = ? WHERE id = ? AND org_id = ?`,
			n.Name, string(n.Role), n.Active, ts(n.UpdatedAt), id, a.OrgID); err != nil {
			return dbErr("update user", err)
		}
		if _, ok := after["department_ids"]; ok {
			if err := setUserDepartments(ctx, tx, a.OrgID, id, n.DepartmentIDs); err != nil {
				return err
			}
		}
		action, summary := "user.update", "Changed "+n.Name
		switch {
		case n.Role != old.Role:
			action, summary = "user.role_change", "Changed the role of "+n.Name+" from "+old.Role.Label()+" to "+n.Role.Label()
		case !n.Active && old.Active:
			action, summary = "user.deactivate", "Deactivated "+n.Name
		case n.Active && !old.Active:
			action, summary = "user.reactivate", "Reactivated "+n.Name
		}
		if !n.Active && old.Active {
			if _, err := tx.exec(ctx, `DELETE FROM sessions WHERE user_id = ? AND org_id = ?`, id, a.OrgID); err != nil {
				return dbErr("update user", err)
			}
		}
		return tx.audit(ctx, a.OrgID, a, action, "user", id, summary, before, after)
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// SetPassword replaces the actor's own password hash, or, for system calls
// (no actor), user id's.
func (s *Store) SetPassword(ctx context.Context, id int64, passwordHash string) error {
	if passwordHash == "" {
		return skillkeepr.Validation{"password": "Choose a password."}.Err()
	}
	a := actorOrSystem(ctx)
	var org int64
	if a != nil {
		if id != a.UserID {
			return skillkeepr.Forbidden()
		}
		org = a.OrgID
	}
	return s.inTx(ctx, func(tx *txn) error {
		u, err := userByID(ctx, tx.conn, org, id)
		if err != nil {
			return err
		}
		if _, err := tx.exec(ctx, `UPDATE users SET password_hash = ?, updated_at = ? WHERE id = ? AND org_id = ?`, passwordHash, ts(s.clock()), id, u.OrgID); err != nil {
			return dbErr("set password", err)
		}
		who := a
		if who == nil {
			who = u.Actor()
		}
		return tx.audit(ctx, u.OrgID, who, "user.password_change", "user", id, "Changed the password of "+u.Name, nil, nil)
	})
}

// RecordLogin stamps LastLoginAt (system operation).
func (s *Store) RecordLogin(ctx context.Context, id int64) error {
	res, err := conn{q: s.db, engine: s.engine}.exec(ctx, `UPDATE users SET last_login_at = ? WHERE id = ?`, ts(s.clock()), id)
	if err != nil {
		return dbErr("record login", err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return skillkeepr.NotFound("User")
	}
	return nil
}
