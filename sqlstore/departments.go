package sqlstore

import (
	"context"

	"github.com/skillkeepr/skillkeepr"
)

const departmentSelect = `SELECT d.id, d.org_id, d.name, d.created_at,
	(SELECT count(*) FROM user_departments ud WHERE ud.department_id = d.id),
	(SELECT count(*) FROM jobs j WHERE j.department_id = d.id AND j.org_id = d.org_id)
	FROM departments d`

func scanDepartment(sc interface{ Scan(...any) error }) (*skillkeepr.Department, error) {
	d := &skillkeepr.Department{}
	var created int64
	if err := sc.Scan(&d.ID, &d.OrgID, &d.Name, &created, &d.MemberCount, &d.JobCount); err != nil {
		return nil, err
	}
	d.CreatedAt = fromTS(created)
	return d, nil
}

func departmentByID(ctx context.Context, c conn, org, id int64) (*skillkeepr.Department, error) {
	d, err := scanDepartment(c.queryRow(ctx, departmentSelect+` WHERE d.id = ? AND d.org_id = ?`, id, org))
	return d, notFound(err, "Department", "find department")
}

func departmentTaken() error {
	return &skillkeepr.Error{Code: skillkeepr.ECONFLICT, Message: "A department with this name already exists.",
		Fields: map[string]string{"name": "A department with this name already exists."}}
}

// CreateDepartment needs ActManageDepartments, or no actor and orgID set
// (system call).
func (s *Store) CreateDepartment(ctx context.Context, orgID int64, name string) (*skillkeepr.Department, error) {
	if err := skillkeepr.ValidateDepartmentName(&name); err != nil {
		return nil, err
	}
	a := actorOrSystem(ctx)
	if a != nil {
		if err := skillkeepr.Authorize(a, skillkeepr.ActManageDepartments, skillkeepr.Target{}); err != nil {
			return nil, err
		}
		orgID = a.OrgID
	}
	now := s.clock()
	d := &skillkeepr.Department{OrgID: orgID, Name: name, CreatedAt: now}
	err := s.inTx(ctx, func(tx *txn) error {
		if _, err := s.orgByID(ctx, tx.conn, orgID); err != nil {
			return err
		}
		var n int
		if err := tx.queryRow(ctx, `SELECT count(*) FROM departments WHERE org_id = ? AND lower(name) = lower(?)`, orgID, name).Scan(&n); err != nil {
			return dbErr("create department", err)
		}
		if n > 0 {
			return departmentTaken()
		}
		id, err := tx.insert(ctx, `INSERT INTO departments (org_id, name, created_at) VALUES (?, ?, ?)`, orgID, name, ts(now))
		if err != nil {
			if isUniqueViolation(err) {
				return departmentTaken()
			}
			return dbErr("create department", err)
		}
		d.ID = id
		return tx.audit(ctx, orgID, a, "department.create", "department", id, "Created the department "+name, nil, fields{"name": name})
	})
	if err != nil {
		return nil, err
	}
	return d, nil
}

// FindDepartments lists the departments of the actor's organisation by name.
func (s *Store) FindDepartments(ctx context.Context) ([]*skillkeepr.Department, error) {
	a, err := skillkeepr.RequireActor(ctx)
	if err != nil {
		return nil, err
	}
	rows, err := s.read().query(ctx, departmentSelect+` WHERE d.org_id = ? ORDER BY lower(d.name), d.id`, a.OrgID)
	if err != nil {
		return nil, dbErr("find departments", err)
	}
	defer closeRows(rows)
	out := []*skillkeepr.Department{}
	for rows.Next() {
		d, err := scanDepartment(rows)
		if err != nil {
			return nil, dbErr("find departments", err)
		}
		out = append(out, d)
	}
	return out, dbErr("find departments", rows.Err())
}

// FindDepartmentByID returns a department of the actor's organisation.
func (s *Store) FindDepartmentByID(ctx context.Context, id int64) (*skillkeepr.Department, error) {
	a, err := skillkeepr.RequireActor(ctx)
	if err != nil {
		return nil, err
	}
	return departmentByID(ctx, s.read(), a.OrgID, id)
}

// RenameDepartment renames a department (ActManageDepartments).
func (s *Store) RenameDepartment(ctx context.Context, id int64, name string) (*skillkeepr.Department, error) {
	a, err := skillkeepr.RequireActor(ctx)
	if err != nil {
		return nil, err
	}
	if err := skillkeepr.ValidateDepartmentName(&name); err != nil {
		return nil, err
	}
	var d *skillkeepr.Department
	err = s.inTx(ctx, func(tx *txn) error {
		var err error
		d, err = departmentByID(ctx, tx.conn, a.OrgID, id)
		if err != nil {
			return err
		}
		if err := skillkeepr.Authorize(a, skillkeepr.ActManageDepartments, skillkeepr.Target{}); err != nil {
			return err
		}
		if d.Name == name {
			return nil
		}
		var n int
		if err := tx.queryRow(ctx, `SELECT count(*) FROM departments WHERE org_id = ? AND lower(name) = lower(?) AND id <> ?`, a.OrgID, name, id).Scan(&n); err != nil {
			return dbErr("rename department", err)
		}
		if n > 0 {
			return departmentTaken()
		}
		if _, err := tx.exec(ctx, `UPDATE departments SET name = ? WHERE id = ? AND org_id = ?`, name, id, a.OrgID); err != nil {
			if isUniqueViolation(err) {
				return departmentTaken()
			}
			return dbErr("rename department", err)
		}
		old := d.Name
		d.Name = name
		return tx.audit(ctx, a.OrgID, a, "department.rename", "department", id, "Renamed the department "+old+" to "+name,
			fields{"name": old}, fields{"name": name})
	})
	if err != nil {
		return nil, err
	}
	return d, nil
}

// DeleteDepartment deletes a department (ActManageDepartments); it refuses
// with ECONFLICT while jobs still belong to it.
func (s *Store) DeleteDepartment(ctx context.Context, id int64) error {
	a, err := skillkeepr.RequireActor(ctx)
	if err != nil {
		return err
	}
	return s.inTx(ctx, func(tx *txn) error {
		d, err := departmentByID(ctx, tx.conn, a.OrgID, id)
		if err != nil {
			return err
		}
		if err := skillkeepr.Authorize(a, skillkeepr.ActManageDepartments, skillkeepr.Target{}); err != nil {
			return err
		}
		if d.JobCount > 0 {
			return skillkeepr.Errorf(skillkeepr.ECONFLICT, "The department %s still has jobs. Move them to another department first.", d.Name)
		}
		if _, err := tx.exec(ctx, `DELETE FROM user_departments WHERE department_id = ? AND org_id = ?`, id, a.OrgID); err != nil {
			return dbErr("delete department", err)
		}
		if _, err := tx.exec(ctx, `DELETE FROM departments WHERE id = ? AND org_id = ?`, id, a.OrgID); err != nil {
			if isForeignKeyViolation(err) {
				return skillkeepr.Errorf(skillkeepr.ECONFLICT, "The department %s still has jobs. Move them to another department first.", d.Name)
			}
			return dbErr("delete department", err)
		}
		return tx.audit(ctx, a.OrgID, a, "department.delete", "department", id, "Deleted the department "+d.Name,
			fields{"name": d.Name}, nil)
	})
}
