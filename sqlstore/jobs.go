package sqlstore

import (
	"context"
	"strconv"
	"strings"

	"github.com/skillkeepr/skillkeepr"
)

const jobSelect = `SELECT j.id, j.org_id, j.number, j.title, j.department_id, COALESCE(d.name, ''), j.location, j.employment_type,
	j.level, j.description, j.required_skills, j.nice_to_have_skills, j.min_years_experience, j.status,
	COALESCE(j.owner_id, 0), COALESCE(o.name, ''), j.created_at, j.updated_at
	FROM jobs j
	LEFT JOIN departments d ON d.id = j.department_id
	LEFT JOIN users o ON o.id = j.owner_id`

func scanJob(sc interface{ Scan(...any) error }) (*skillkeepr.Job, error) {
	j := &skillkeepr.Job{}
	var req, nice string
	var created, updated int64
	if err := sc.Scan(&j.ID, &j.OrgID, &j.Number, &j.Title, &j.DepartmentID, &j.DepartmentName, &j.Location, &j.EmploymentType,
		&j.Level, &j.Description, &req, &nice, &j.MinYearsExperience, &j.Status, &j.OwnerID, &j.OwnerName, &created, &updated); err != nil {
		return nil, err
	}
	j.RequiredSkills, j.NiceToHaveSkills = decodeList(req), decodeList(nice)
	j.CreatedAt, j.UpdatedAt = fromTS(created), fromTS(updated)
	j.RecruiterIDs, j.RecruiterNames, j.CollaboratorIDs = []int64{}, []string{}, []int64{}
	return j, nil
}

// fillJobs loads recruiters, collaborators and candidate counts of jobs
// with one query each.
func fillJobs(ctx context.Context, c conn, org int64, jobs ...*skillkeepr.Job) error {
	if len(jobs) == 0 {
		return nil
	}
	byID := make(map[int64]*skillkeepr.Job, len(jobs))
	ids := make([]int64, 0, len(jobs))
	for _, j := range jobs {
		byID[j.ID] = j
		ids = append(ids, j.ID)
	}
	in := `(` + placeholders(len(ids)) + `)`
	args := append([]any{org}, int64Args(ids)...)

	rows, err := c.query(ctx, `SELECT jr.job_id, u.id, u.name FROM job_recruiters jr JOIN users u ON u.id = jr.user_id
		WHERE jr.org_id = ? AND jr.job_id IN `+in+` ORDER BY lower(u.name), u.id`, args...)
	if err != nil {
		return dbErr("job recruiters", err)
	}
	for rows.Next() {
		var jid, uid int64
		var name string
		if err := rows.Scan(&jid, &uid, &name); err != nil {
			rows.Close()
			return dbErr("job recruiters", err)
		}
		if j := byID[jid]; j != nil {
			j.RecruiterIDs = append(j.RecruiterIDs, uid)
			j.RecruiterNames = append(j.RecruiterNames, name)
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return dbErr("job recruiters", err)
	}

	rows, err = c.query(ctx, `SELECT job_id, user_id FROM job_collaborators WHERE org_id = ? AND job_id IN `+in+` ORDER BY user_id`, args...)
	if err != nil {
		return dbErr("job collaborators", err)
	}
	for rows.Next() {
		var jid, uid int64
		if err := rows.Scan(&jid, &uid); err != nil {
			rows.Close()
			return dbErr("job collaborators", err)
		}
		if j := byID[jid]; j != nil {
			j.CollaboratorIDs = append(j.CollaboratorIDs, uid)
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return dbErr("job collaborators", err)
	}

	rows, err = c.query(ctx, `SELECT job_id, count(*) FROM applications WHERE org_id = ? AND job_id IN `+in+` GROUP BY job_id`, args...)
	if err != nil {
		return dbErr("job candidate counts", err)
	}
	defer closeRows(rows)
	for rows.Next() {
		var jid int64
		var n int
		if err := rows.Scan(&jid, &n); err != nil {
			return dbErr("job candidate counts", err)
		}
		if j := byID[jid]; j != nil {
			j.CandidateCount = n
		}
	}
	return dbErr("job candidate counts", rows.Err())
}

func jobByID(ctx context.Context, c conn, org, id int64) (*skillkeepr.Job, error) {
	j, err := scanJob(c.queryRow(ctx, jobSelect+` WHERE j.id = ? AND j.org_id = ?`, id, org))
	if err != nil {
		return nil, notFound(err, "Job", "find job")
	}
	return j, fillJobs(ctx, c, org, j)
}

// visibleJobsSQL turns skillkeepr.VisibleJobs into a condition on the
// jobs table aliased as alias.
func visibleJobsSQL(a *skillkeepr.Actor, alias string) (string, []any) {
	v := skillkeepr.VisibleJobs(a)
	switch {
	case v.All:
		return "1 = 1", nil
	case v.AssignedTo != 0:
		return alias + ".id IN (SELECT job_id FROM job_recruiters WHERE user_id = ? AND org_id = ?)", []any{v.AssignedTo, a.OrgID}
	case v.CollaboratorOf != 0:
		cond := alias + ".id IN (SELECT job_id FROM job_collaborators WHERE user_id = ? AND org_id = ?)"
		args := []any{v.CollaboratorOf, a.OrgID}
		if len(v.DepartmentIDs) > 0 {
			cond = "(" + alias + ".department_id IN (" + placeholders(len(v.DepartmentIDs)) + ") OR " + cond + ")"
			args = append(int64Args(v.DepartmentIDs), args...)
		}
		return cond, args
	case len(v.DepartmentIDs) > 0:
		return alias + ".department_id IN (" + placeholders(len(v.DepartmentIDs)) + ")", int64Args(v.DepartmentIDs)
	}
	return "1 = 0", nil
}

func jobFields(j *skillkeepr.Job) fields {
	return fields{"title": j.Title, "department_id": j.DepartmentID, "location": j.Location, "employment_type": j.EmploymentType,
		"level": j.Level, "description": j.Description, "required_skills": j.RequiredSkills, "nice_to_have_skills": j.NiceToHaveSkills,
		"min_years_experience": j.MinYearsExperience, "status": j.Status}
}

func jobLabel(j *skillkeepr.Job) string { return "job " + j.DisplayNumber() + " " + j.Title }

// checkJobDepartment verifies that the department exists in org.
func checkJobDepartment(ctx context.Context, c conn, org, id int64) error {
	var n int
	if err := c.queryRow(ctx, `SELECT count(*) FROM departments WHERE id = ? AND org_id = ?`, id, org).Scan(&n); err != nil {
		return dbErr("check department", err)
	}
	if n == 0 {
		return skillkeepr.Validation{"department_id": "Choose a department."}.Err()
	}
	return nil
}

// CreateJob creates a job with the next ID number of the organisation.
func (s *Store) CreateJob(ctx context.Context, f skillkeepr.JobFields) (*skillkeepr.Job, error) {
	a, err := skillkeepr.RequireActor(ctx)
	if err != nil {
		return nil, err
	}
	if err := f.Validate(); err != nil {
		return nil, err
	}
	var j *skillkeepr.Job
	err = s.inTx(ctx, func(tx *txn) error {
		if j, err = s.insertJob(ctx, tx, a, f); err != nil {
			return err
		}
		return tx.audit(ctx, a.OrgID, a, "job.create", "job", j.ID, "Created "+jobLabel(j), nil, jobFields(j))
	})
	if err != nil {
		return nil, err
	}
	return j, nil
}

// insertJob creates a job of validated fields with the organisation's next
// ID number, inside tx; the caller audits it.
func (s *Store) insertJob(ctx context.Context, tx *txn, a *skillkeepr.Actor, f skillkeepr.JobFields) (*skillkeepr.Job, error) {
	if err := checkJobDepartment(ctx, tx.conn, a.OrgID, f.DepartmentID); err != nil {
		return nil, err
	}
	if err := skillkeepr.Authorize(a, skillkeepr.ActCreateJob, skillkeepr.Target{DepartmentID: f.DepartmentID}); err != nil {
		return nil, err
	}
	var number int64
	if err := tx.queryRow(ctx, `UPDATE organizations SET next_job_number = next_job_number + 1 WHERE id = ? RETURNING next_job_number - 1`, a.OrgID).Scan(&number); err != nil {
		return nil, notFound(err, "Organisation", "job number")
	}
	now := ts(s.clock())
	id, err := tx.insert(ctx, `INSERT INTO jobs (org_id, number, title, department_id, location, employment_type, level, description,
		required_skills, nice_to_have_skills, min_years_experience, status, owner_id, created_at, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		a.OrgID, number, f.Title, f.DepartmentID, f.Location, f.EmploymentType, f.Level, f.Description,
		encodeList(f.RequiredSkills), encodeList(f.NiceToHaveSkills), f.MinYearsExperience, string(f.Status), a.UserID, now, now)
	if err != nil {
		return nil, dbErr("create job", err)
	}
	return jobByID(ctx, tx.conn, a.OrgID, id)
}

// UpdateJob changes a job's fields (ActEditJob; moving it to another
// department also needs ActCreateJob there).
func (s *Store) UpdateJob(ctx context.Context, id int64, f skillkeepr.JobFields) (*skillkeepr.Job, error) {
	a, err := skillkeepr.RequireActor(ctx)
	if err != nil {
		return nil, err
	}
	var j *skillkeepr.Job
	err = s.inTx(ctx, func(tx *txn) error {
		old, err := jobFor(ctx, tx.conn, a, id, skillkeepr.ActEditJob)
		if err != nil {
			return err
		}
		if err := f.Validate(); err != nil {
			return err
		}
		if f.DepartmentID != old.DepartmentID {
			if err := checkJobDepartment(ctx, tx.conn, a.OrgID, f.DepartmentID); err != nil {
				return err
			}
			if err := skillkeepr.Authorize(a, skillkeepr.ActCreateJob, skillkeepr.Target{DepartmentID: f.DepartmentID}); err != nil {
				return err
			}
		}
		n := *old
		n.Title, n.DepartmentID, n.Location, n.EmploymentType, n.Level = f.Title, f.DepartmentID, f.Location, f.EmploymentType, f.Level
		n.Description, n.RequiredSkills, n.NiceToHaveSkills = f.Description, f.RequiredSkills, f.NiceToHaveSkills
		n.MinYearsExperience, n.Status = f.MinYearsExperience, f.Status
		before, after := changed(jobFields(old), jobFields(&n))
		if len(after) == 0 {
			j = old
			return nil
		}
		if _, err := tx.exec(ctx, `UPDATE jobs SET title = ?, department_id = ?, location = ?, employment_type = ?, level = ?, description = ?,
			required_skills = ?, nice_to_have_skills = ?, min_years_experience = ?, status = ?, updated_at = ? WHERE id = ? AND org_id = ?`,
			f.Title, f.DepartmentID, f.Location, f.EmploymentType, f.Level, f.Description, encodeList(f.RequiredSkills),
			encodeList(f.NiceToHaveSkills), f.MinYearsExperience, string(f.Status), ts(s.clock()), id, a.OrgID); err != nil {
			return dbErr("update job", err)
		}
		if j, err = jobByID(ctx, tx.conn, a.OrgID, id); err != nil {
			return err
		}
		return tx.audit(ctx, a.OrgID, a, "job.update", "job", id, "Changed "+jobLabel(j), before, after)
	})
	if err != nil {
		return nil, err
	}
	return j, nil
}

// FindJobByID returns a job the actor may see.
func (s *Store) FindJobByID(ctx context.Context, id int64) (*skillkeepr.Job, error) {
	a, err := skillkeepr.RequireActor(ctx)
	if err != nil {
		return nil, err
	}
	j, err := jobByID(ctx, s.read(), a.OrgID, id)
	if err != nil {
		return nil, err
	}
	if err := skillkeepr.Authorize(a, skillkeepr.ActViewJob, skillkeepr.Target{Job: j}); err != nil {
		return nil, err
	}
	return j, nil
}

// FindJobByNumber returns a job the actor may see by its ID number.
func (s *Store) FindJobByNumber(ctx context.Context, number int64) (*skillkeepr.Job, error) {
	a, err := skillkeepr.RequireActor(ctx)
	if err != nil {
		return nil, err
	}
	c := s.read()
	j, err := scanJob(c.queryRow(ctx, jobSelect+` WHERE j.number = ? AND j.org_id = ?`, number, a.OrgID))
	if err != nil {
		return nil, notFound(err, "Job", "find job")
	}
	if err := fillJobs(ctx, c, a.OrgID, j); err != nil {
		return nil, err
	}
	if err := skillkeepr.Authorize(a, skillkeepr.ActViewJob, skillkeepr.Target{Job: j}); err != nil {
		return nil, err
	}
	return j, nil
}

// jobNumberQuery parses "#1001" or "1001".
func jobNumberQuery(q string) (int64, bool) {
	n, err := strconv.ParseInt(strings.TrimPrefix(q, "#"), 10, 64)
	return n, err == nil && n > 0
}

// FindJobs lists the jobs the actor may see, newest first, with the total.
func (s *Store) FindJobs(ctx context.Context, f skillkeepr.JobFilter) ([]*skillkeepr.Job, int, error) {
	a, err := skillkeepr.RequireActor(ctx)
	if err != nil {
		return nil, 0, err
	}
	offset, limit := page(f.Offset, f.Limit, 50, 500)
	vis, visArgs := visibleJobsSQL(a, "j")
	where := []string{"j.org_id = ?", vis}
	args := append([]any{a.OrgID}, visArgs...)
	if q := strings.TrimSpace(f.Query); q != "" {
		if n, ok := jobNumberQuery(q); ok {
			where = append(where, `(j.number = ? OR lower(j.title) LIKE ? ESCAPE '\')`)
			args = append(args, n, likePattern(q))
		} else {
			where = append(where, `lower(j.title) LIKE ? ESCAPE '\'`)
			args = append(args, likePattern(q))
		}
	}
	if f.Status != "" {
		where = append(where, "j.status = ?")
		args = append(args, string(f.Status))
	}
	if f.DepartmentID != 0 {
		where = append(where, "j.department_id = ?")
		args = append(args, f.DepartmentID)
	}
	if f.RecruiterID != 0 {
		where = append(where, "j.id IN (SELECT job_id FROM job_recruiters WHERE user_id = ? AND org_id = ?)")
		args = append(args, f.RecruiterID, a.OrgID)
	}
	w := strings.Join(where, " AND ")
	c := s.read()
	var total int
	if err := c.queryRow(ctx, `SELECT count(*) FROM jobs j WHERE `+w, args...).Scan(&total); err != nil {
		return nil, 0, dbErr("count jobs", err)
	}
	rows, err := c.query(ctx, jobSelect+` WHERE `+w+` ORDER BY j.number DESC LIMIT ? OFFSET ?`, append(args, limit, offset)...)
	if err != nil {
		return nil, 0, dbErr("find jobs", err)
	}
	out := []*skillkeepr.Job{}
	for rows.Next() {
		j, err := scanJob(rows)
		if err != nil {
			rows.Close()
			return nil, 0, dbErr("find jobs", err)
		}
		out = append(out, j)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, 0, dbErr("find jobs", err)
	}
	return out, total, fillJobs(ctx, c, a.OrgID, out...)
}

// activeUsers returns the names of the ids that are active users of org
// (with one of roles, when given), or a validation error on field.
func activeUsers(ctx context.Context, c conn, org int64, ids []int64, field, msg string, roles ...skillkeepr.Role) ([]string, error) {
	if len(ids) == 0 {
		return []string{}, nil
	}
	q := `SELECT name FROM users WHERE org_id = ? AND active = ? AND id IN (` + placeholders(len(ids)) + `)`
	args := append([]any{org, true}, int64Args(ids)...)
	if len(roles) > 0 {
		q += ` AND role IN (` + placeholders(len(roles)) + `)`
		for _, r := range roles {
			args = append(args, string(r))
		}
	}
	rows, err := c.query(ctx, q+` ORDER BY lower(name), id`, args...)
	if err != nil {
		return nil, dbErr("check users", err)
	}
	defer closeRows(rows)
	names := []string{}
	for rows.Next() {
		var n string
		if err := rows.Scan(&n); err != nil {
			return nil, dbErr("check users", err)
		}
		names = append(names, n)
	}
	if err := rows.Err(); err != nil {
		return nil, dbErr("check users", err)
	}
	if len(names) != len(ids) {
		return nil, skillkeepr.Validation{field: msg}.Err()
	}
	return names, nil
}

// AssignJob replaces the job's assigned recruiters; each must be an active
// Recruiter or Recruiter Admin of the organisation.
func (s *Store) AssignJob(ctx context.Context, id int64, recruiterIDs []int64) (*skillkeepr.Job, error) {
	return s.setJobPeople(ctx, id, recruiterIDs, true)
}

// SetJobCollaborators replaces the job's collaborators (ActEditJob); each
// must be an active user of the organisation.
func (s *Store) SetJobCollaborators(ctx context.Context, id int64, userIDs []int64) (*skillkeepr.Job, error) {
	return s.setJobPeople(ctx, id, userIDs, false)
}

func (s *Store) setJobPeople(ctx context.Context, id int64, ids []int64, recruiters bool) (*skillkeepr.Job, error) {
	a, err := skillkeepr.RequireActor(ctx)
	if err != nil {
		return nil, err
	}
	ids = uniqueIDs(ids)
	var j *skillkeepr.Job
	err = s.inTx(ctx, func(tx *txn) error {
		old, err := jobByID(ctx, tx.conn, a.OrgID, id)
		if err != nil {
			return err
		}
		act, table, action, field := skillkeepr.ActAssignJob, "job_recruiters", "job.assign", "recruiters"
		var names []string
		if recruiters {
			names, err = activeUsers(ctx, tx.conn, a.OrgID, ids, "recruiter_ids", "Choose recruiters from the list.",
				skillkeepr.RoleRecruiter, skillkeepr.RoleRecruiterAdmin)
		} else {
			act, table, action, field = skillkeepr.ActEditJob, "job_collaborators", "job.collaborators", "collaborators"
			names, err = activeUsers(ctx, tx.conn, a.OrgID, ids, "collaborator_ids", "Choose people from the list.")
		}
		if aerr := skillkeepr.Authorize(a, act, skillkeepr.Target{Job: old}); aerr != nil {
			return aerr
		}
		if err != nil {
			return err
		}
		oldIDs := old.CollaboratorIDs
		if recruiters {
			oldIDs = uniqueIDs(old.RecruiterIDs)
		}
		if slicesEqual(oldIDs, ids) {
			j = old
			return nil
		}
		var oldNames []string
		if recruiters {
			oldNames = old.RecruiterNames
		} else if oldNames, err = activeOrAnyNames(ctx, tx.conn, a.OrgID, oldIDs); err != nil {
			return err
		}
		if _, err := tx.exec(ctx, `DELETE FROM `+table+` WHERE job_id = ? AND org_id = ?`, id, a.OrgID); err != nil {
			return dbErr(action, err)
		}
		for _, uid := range ids {
			if _, err := tx.exec(ctx, `INSERT INTO `+table+` (org_id, job_id, user_id) VALUES (?, ?, ?)`, a.OrgID, id, uid); err != nil {
				return dbErr(action, err)
			}
		}
		if _, err := tx.exec(ctx, `UPDATE jobs SET updated_at = ? WHERE id = ? AND org_id = ?`, ts(s.clock()), id, a.OrgID); err != nil {
			return dbErr(action, err)
		}
		if j, err = jobByID(ctx, tx.conn, a.OrgID, id); err != nil {
			return err
		}
		var summary string
		switch {
		case recruiters && len(names) == 0:
			summary = "Removed every recruiter from " + jobLabel(j)
		case recruiters:
			summary = "Assigned " + jobLabel(j) + " to " + strings.Join(names, ", ")
		case len(names) == 0:
			summary = "Removed every collaborator from " + jobLabel(j)
		default:
			summary = "Set the collaborators of " + jobLabel(j) + " to " + strings.Join(names, ", ")
		}
		if recruiters {
			if err := tx.notifyAssigned(ctx, a, j, oldIDs, ids); err != nil {
				return err
			}
		}
		return tx.audit(ctx, a.OrgID, a, action, "job", id, summary, fields{field: oldNames}, fields{field: names})
	})
	if err != nil {
		return nil, err
	}
	return j, nil
}

func activeOrAnyNames(ctx context.Context, c conn, org int64, ids []int64) ([]string, error) {
	names := []string{}
	if len(ids) == 0 {
		return names, nil
	}
	rows, err := c.query(ctx, `SELECT name FROM users WHERE org_id = ? AND id IN (`+placeholders(len(ids))+`) ORDER BY lower(name), id`,
		append([]any{org}, int64Args(ids)...)...)
	if err != nil {
		return nil, dbErr("user names", err)
	}
	defer closeRows(rows)
	for rows.Next() {
		var n string
		if err := rows.Scan(&n); err != nil {
			return nil, dbErr("user names", err)
		}
		names = append(names, n)
	}
	return names, dbErr("user names", rows.Err())
}

func slicesEqual(a, b []int64) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// JobStatusCounts returns, per visible job (newest first), the number of
// applications in each status.
func (s *Store) JobStatusCounts(ctx context.Context) ([]skillkeepr.JobStatusCount, error) {
	a, err := skillkeepr.RequireActor(ctx)
	if err != nil {
		return nil, err
	}
	vis, visArgs := visibleJobsSQL(a, "j")
	args := append([]any{a.OrgID}, visArgs...)
	c := s.read()
	rows, err := c.query(ctx, `SELECT j.id, j.number, j.title, j.status FROM jobs j WHERE j.org_id = ? AND `+vis+` ORDER BY j.number DESC`, args...)
	if err != nil {
		return nil, dbErr("job status counts", err)
	}
	out := []skillkeepr.JobStatusCount{}
	index := map[int64]int{}
	for rows.Next() {
		r := skillkeepr.JobStatusCount{Counts: map[skillkeepr.ApplicationStatus]int{}}
		if err := rows.Scan(&r.JobID, &r.Number, &r.Title, &r.JobState); err != nil {
			rows.Close()
			return nil, dbErr("job status counts", err)
		}
		index[r.JobID] = len(out)
		out = append(out, r)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, dbErr("job status counts", err)
	}
	if len(out) == 0 {
		return out, nil
	}
	// One grouped scan of the covering index applications(org_id, job_id, status).
	q := `SELECT job_id, status, count(*) FROM applications WHERE org_id = ?`
	qargs := []any{a.OrgID}
	if !skillkeepr.VisibleJobs(a).All {
		ids := make([]int64, len(out))
		for i, r := range out {
			ids[i] = r.JobID
		}
		q += ` AND job_id IN (` + placeholders(len(ids)) + `)`
		qargs = append(qargs, int64Args(ids)...)
	}
	rows, err = c.query(ctx, q+` GROUP BY job_id, status`, qargs...)
	if err != nil {
		return nil, dbErr("job status counts", err)
	}
	defer closeRows(rows)
	for rows.Next() {
		var jid int64
		var st skillkeepr.ApplicationStatus
		var n int
		if err := rows.Scan(&jid, &st, &n); err != nil {
			return nil, dbErr("job status counts", err)
		}
		if i, ok := index[jid]; ok {
			out[i].Counts[st] = n
			out[i].Total += n
		}
	}
	return out, dbErr("job status counts", rows.Err())
}

// jobFor loads a job of the actor's organisation and checks act on it.
func jobFor(ctx context.Context, c conn, a *skillkeepr.Actor, jobID int64, act skillkeepr.Action) (*skillkeepr.Job, error) {
	job, err := jobByID(ctx, c, a.OrgID, jobID)
	if err != nil {
		return nil, err
	}
	if err := skillkeepr.Authorize(a, act, skillkeepr.Target{Job: job}); err != nil {
		return nil, err
	}
	return job, nil
}
