package sqlstore

import (
	"bytes"
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"path"
	"slices"
	"strconv"
	"strings"

	"github.com/skillkeepr/skillkeepr"
)

// resumeType returns the content type of an upload detected from its
// bytes, or "" when it is not an accepted résumé: the store does not trust
// what the caller says the file is.
func resumeType(u *skillkeepr.ResumeUpload) string { return skillkeepr.DetectResumeType(u.Data) }

const candidateColumns = `c.id, c.org_id, c.name, c.emails, c.phones, c.links, c.location, c.source, c.created_at, c.updated_at`

func scanCandidate(sc interface{ Scan(...any) error }) (*skillkeepr.Candidate, error) {
	c := &skillkeepr.Candidate{}
	var emails, phones, links string
	var created, updated int64
	if err := sc.Scan(&c.ID, &c.OrgID, &c.Name, &emails, &phones, &links, &c.Location, &c.Source, &created, &updated); err != nil {
		return nil, err
	}
	c.Emails, c.Phones, c.Links = decodeList(emails), decodeList(phones), decodeList(links)
	c.CreatedAt, c.UpdatedAt = fromTS(created), fromTS(updated)
	c.Resumes, c.Applications = []*skillkeepr.ResumeFile{}, []*skillkeepr.Application{}
	return c, nil
}

const applicationSelect = `SELECT a.id, a.org_id, a.candidate_id, a.job_id, j.number, j.title, a.status, a.created_at, a.updated_at
	FROM applications a JOIN jobs j ON j.id = a.job_id`

func scanApplication(sc interface{ Scan(...any) error }) (*skillkeepr.Application, error) {
	a := &skillkeepr.Application{}
	var created, updated int64
	if err := sc.Scan(&a.ID, &a.OrgID, &a.CandidateID, &a.JobID, &a.JobNumber, &a.JobTitle, &a.Status, &created, &updated); err != nil {
		return nil, err
	}
	a.CreatedAt, a.UpdatedAt = fromTS(created), fromTS(updated)
	return a, nil
}

// candidateFor loads a candidate with résumés and the applications the
// actor may see; a candidate with none is not found.
func candidateFor(ctx context.Context, c conn, a *skillkeepr.Actor, id int64) (*skillkeepr.Candidate, error) {
	cand, err := scanCandidate(c.queryRow(ctx, `SELECT `+candidateColumns+` FROM candidates c WHERE c.id = ? AND c.org_id = ?`, id, a.OrgID))
	if err != nil {
		return nil, notFound(err, "Candidate", "find candidate")
	}
	vis, visArgs := visibleJobsSQL(a, "j")
	rows, err := c.query(ctx, applicationSelect+` WHERE a.candidate_id = ? AND a.org_id = ? AND j.org_id = ? AND `+vis+` ORDER BY a.id`,
		append([]any{id, a.OrgID, a.OrgID}, visArgs...)...)
	if err != nil {
		return nil, dbErr("candidate applications", err)
	}
	for rows.Next() {
		app, err := scanApplication(rows)
		if err != nil {
			rows.Close()
			return nil, dbErr("candidate applications", err)
		}
		cand.Applications = append(cand.Applications, app)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, dbErr("candidate applications", err)
	}
	if len(cand.Applications) == 0 {
		return nil, skillkeepr.NotFound("Candidate")
	}
	rows, err = c.query(ctx, `SELECT id, org_id, candidate_id, file_name, content_type, size, sha256, blob_key, created_at
		FROM resume_files WHERE candidate_id = ? AND org_id = ? ORDER BY id DESC`, id, a.OrgID)
	if err != nil {
		return nil, dbErr("candidate resumes", err)
	}
	defer closeRows(rows)
	for rows.Next() {
		r, err := scanResume(rows)
		if err != nil {
			return nil, dbErr("candidate resumes", err)
		}
		cand.Resumes = append(cand.Resumes, r)
	}
	return cand, dbErr("candidate resumes", rows.Err())
}

func scanResume(sc interface{ Scan(...any) error }) (*skillkeepr.ResumeFile, error) {
	r := &skillkeepr.ResumeFile{}
	var created int64
	if err := sc.Scan(&r.ID, &r.OrgID, &r.CandidateID, &r.FileName, &r.ContentType, &r.Size, &r.SHA256, &r.BlobKey, &created); err != nil {
		return nil, err
	}
	r.CreatedAt = fromTS(created)
	return r, nil
}

func candidateFields(c *skillkeepr.Candidate) fields {
	return fields{"name": c.Name, "emails": c.Emails, "phones": c.Phones, "links": c.Links, "location": c.Location}
}

func (tx *txn) event(ctx context.Context, a *skillkeepr.Actor, candidateID, applicationID int64, kind, msg string) error {
	var app any
	if applicationID != 0 {
		app = applicationID
	}
	_, err := tx.exec(ctx, `INSERT INTO events (org_id, candidate_id, application_id, actor_id, actor_name, kind, message, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
		a.OrgID, candidateID, app, a.UserID, a.Name, kind, msg, ts(tx.s.clock()))
	return dbErr("timeline event", err)
}

// merge appends the items of add that list lacks (case-insensitively).
func merge(list, add []string) []string {
	return skillkeepr.CleanList(append(slices.Clone(list), add...))
}

// CreateCandidate stores the candidate, the résumé and an application to
// c.JobID in one transaction (ActManageCandidates on the job). An existing
// candidate with one of the emails is reused; an existing application to
// the same job is ECONFLICT. The résumé blob is deleted again when the
// transaction fails.
func (s *Store) CreateCandidate(ctx context.Context, c skillkeepr.CandidateCreate) (*skillkeepr.Candidate, *skillkeepr.Application, error) {
	a, err := skillkeepr.RequireActor(ctx)
	if err != nil {
		return nil, nil, err
	}
	v := skillkeepr.Validation{}
	if err := c.CandidateFields.Validate(); err != nil {
		for k, m := range skillkeepr.ErrorFields(err) {
			v.Add(k, m)
		}
	}
	v.Check(c.JobID != 0, "job_id", "Choose a job.")
	var ctype string
	if c.Resume != nil {
		ctype = resumeType(c.Resume)
		c.Resume.FileName = strings.TrimSpace(path.Base(strings.ReplaceAll(c.Resume.FileName, `\`, "/")))
		if c.Resume.FileName == "" || c.Resume.FileName == "." || c.Resume.FileName == "/" {
			c.Resume.FileName = "resume"
		}
		v.Check(len(c.Resume.Data) > 0, "resume", "The résumé file is empty.")
		v.Check(len(c.Resume.Data) <= skillkeepr.MaxResumeSize, "resume", fmt.Sprintf("The résumé is too large; the limit is %d MB.", skillkeepr.MaxResumeSize>>20))
		v.Check(ctype != "", "resume", "Upload the résumé as a PDF, Word (.docx) or plain text file.")
		v.Check(len(c.Resume.FileName) <= 255, "resume", "The file name is too long.")
	}
	if err := v.Err(); err != nil {
		return nil, nil, err
	}
	if c.Source = strings.TrimSpace(c.Source); c.Source == "" {
		c.Source = "manual"
	}
	// Check the job before anything is written, then store the résumé
	// outside the transaction so that the (single, on SQLite) write
	// connection is not held during file I/O; the transaction checks the
	// job again and the blob is deleted if it fails.
	job, err := jobByID(ctx, s.read(), a.OrgID, c.JobID)
	if err != nil {
		return nil, nil, err
	}
	if err := skillkeepr.Authorize(a, skillkeepr.ActManageCandidates, skillkeepr.Target{Job: job}); err != nil {
		return nil, nil, err
	}
	var blobKey, sum string
	var size int64
	if c.Resume != nil {
		if s.blobs == nil {
			return nil, nil, skillkeepr.Errorf(skillkeepr.EUNAVAILABLE, "File storage is not set up, so the résumé cannot be kept.")
		}
		h := sha256.Sum256(c.Resume.Data)
		sum = hex.EncodeToString(h[:])
		blobKey = "org/" + strconv.FormatInt(a.OrgID, 10) + "/resumes/" + skillkeepr.NewToken()
		if size, err = s.blobs.Put(ctx, blobKey, bytes.NewReader(c.Resume.Data)); err != nil {
			return nil, nil, dbErr("store resume", err)
		}
	}
	var cand *skillkeepr.Candidate
	var app *skillkeepr.Application
	err = s.inTx(ctx, func(tx *txn) error {
		job, err := jobFor(ctx, tx.conn, a, c.JobID, skillkeepr.ActManageCandidates)
		if err != nil {
			return err
		}
		now := ts(s.clock())
		var candID int64
		if len(c.Emails) > 0 {
			err := tx.queryRow(ctx, `SELECT candidate_id FROM candidate_emails WHERE org_id = ? AND email IN (`+placeholders(len(c.Emails))+`) ORDER BY candidate_id LIMIT 1`,
				append([]any{a.OrgID}, stringArgs(c.Emails)...)...).Scan(&candID)
			if err != nil && !errors.Is(err, sql.ErrNoRows) {
				return dbErr("find candidate by email", err)
			}
		}
		existing := candID != 0
		if existing {
			var n int
			if err := tx.queryRow(ctx, `SELECT count(*) FROM applications WHERE candidate_id = ? AND job_id = ? AND org_id = ?`, candID, job.ID, a.OrgID).Scan(&n); err != nil {
				return dbErr("create candidate", err)
			}
			if n > 0 {
				return &skillkeepr.Error{Code: skillkeepr.ECONFLICT, Message: "This candidate has already applied to " + jobLabel(job) + "."}
			}
			old, err := scanCandidate(tx.queryRow(ctx, `SELECT `+candidateColumns+` FROM candidates c WHERE c.id = ? AND c.org_id = ?`, candID, a.OrgID))
			if err != nil {
				return dbErr("create candidate", err)
			}
			if err := s.addCandidateEmails(ctx, tx, a.OrgID, candID, c.Emails); err != nil {
				return err
			}
			emails, err := candidateEmails(ctx, tx.conn, a.OrgID, candID)
			if err != nil {
				return err
			}
			loc := old.Location
			if loc == "" {
				loc = c.Location
			}
			if _, err := tx.exec(ctx, `UPDATE candidates SET emails = ?, email = ?, phones = ?, links = ?, location = ?, updated_at = ? WHERE id = ? AND org_id = ?`,
				encodeList(emails), first(emails), encodeList(merge(old.Phones, c.Phones)), encodeList(merge(old.Links, c.Links)), loc, now, candID, a.OrgID); err != nil {
				return dbErr("create candidate", err)
			}
		} else {
			candID, err = tx.insert(ctx, `INSERT INTO candidates (org_id, name, email, emails, phones, links, location, source, created_at, updated_at)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, a.OrgID, c.Name, first(c.Emails), encodeList(c.Emails), encodeList(c.Phones),
				encodeList(c.Links), c.Location, c.Source, now, now)
			if err != nil {
				return dbErr("create candidate", err)
			}
			if err := s.addCandidateEmails(ctx, tx, a.OrgID, candID, c.Emails); err != nil {
				return err
			}
		}
		appID, err := tx.insert(ctx, `INSERT INTO applications (org_id, candidate_id, job_id, status, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)`,
			a.OrgID, candID, job.ID, string(skillkeepr.StatusNew), now, now)
		if err != nil {
			if isUniqueViolation(err) {
				return &skillkeepr.Error{Code: skillkeepr.ECONFLICT, Message: "This candidate has already applied to " + jobLabel(job) + "."}
			}
			return dbErr("create application", err)
		}
		if err := tx.event(ctx, a, candID, appID, "created", "Added by "+a.Name+" to "+jobLabel(job)); err != nil {
			return err
		}
		if c.Resume != nil {
			if _, err := tx.exec(ctx, `INSERT INTO resume_files (org_id, candidate_id, file_name, content_type, size, sha256, blob_key, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
				a.OrgID, candID, c.Resume.FileName, ctype, size, sum, blobKey, now); err != nil {
				return dbErr("store resume", err)
			}
			if err := tx.event(ctx, a, candID, appID, "resume_added", "Résumé uploaded: "+c.Resume.FileName); err != nil {
				return err
			}
		}
		// Read the résumé's text and score the candidate in the background.
		if err := s.enqueueScoring(ctx, tx, skillkeepr.ScoreCandidateTask{OrgID: a.OrgID, CandidateID: candID}); err != nil {
			return err
		}
		if cand, err = candidateFor(ctx, tx.conn, a, candID); err != nil {
			return err
		}
		for _, x := range cand.Applications {
			if x.ID == appID {
				app = x
			}
		}
		if existing {
			return tx.audit(ctx, a.OrgID, a, "application.create", "application", appID,
				"Added "+cand.Name+" to "+jobLabel(job), nil, fields{"candidate_id": candID, "job_id": job.ID, "status": skillkeepr.StatusNew})
		}
		after := candidateFields(cand)
		after["job_id"] = job.ID
		return tx.audit(ctx, a.OrgID, a, "candidate.create", "candidate", candID, "Added the candidate "+cand.Name+" to "+jobLabel(job), nil, after)
	})
	if err != nil {
		if blobKey != "" {
			if derr := s.blobs.Delete(context.WithoutCancel(ctx), blobKey); derr != nil {
				s.log.Error("delete résumé after failed create", "key", blobKey, "err", derr)
			}
		}
		return nil, nil, err
	}
	return cand, app, nil
}

func stringArgs(ss []string) []any {
	out := make([]any, len(ss))
	for i, s := range ss {
		out[i] = s
	}
	return out
}

func first(ss []string) string {
	if len(ss) == 0 {
		return ""
	}
	return ss[0]
}

// addCandidateEmails records the emails of a candidate that no candidate of
// the organisation has yet.
func (s *Store) addCandidateEmails(ctx context.Context, tx *txn, org, candID int64, emails []string) error {
	for _, e := range emails {
		var n int
		if err := tx.queryRow(ctx, `SELECT count(*) FROM candidate_emails WHERE org_id = ? AND email = ?`, org, e).Scan(&n); err != nil {
			return dbErr("candidate emails", err)
		}
		if n > 0 {
			continue
		}
		if _, err := tx.exec(ctx, `INSERT INTO candidate_emails (org_id, candidate_id, email) VALUES (?, ?, ?)`, org, candID, e); err != nil {
			if isUniqueViolation(err) {
				return skillkeepr.Errorf(skillkeepr.ECONFLICT, "Another candidate was just added with the email %s. Please try again.", e)
			}
			return dbErr("candidate emails", err)
		}
	}
	return nil
}

// candidateEmails returns the stored emails of a candidate, the first
// ones first.
func candidateEmails(ctx context.Context, c conn, org, candID int64) ([]string, error) {
	var emails string
	if err := c.queryRow(ctx, `SELECT emails FROM candidates WHERE id = ? AND org_id = ?`, candID, org).Scan(&emails); err != nil {
		return nil, dbErr("candidate emails", err)
	}
	rows, err := c.query(ctx, `SELECT email FROM candidate_emails WHERE candidate_id = ? AND org_id = ?`, candID, org)
	if err != nil {
		return nil, dbErr("candidate emails", err)
	}
	defer closeRows(rows)
	var all []string
	for rows.Next() {
		var e string
		if err := rows.Scan(&e); err != nil {
			return nil, dbErr("candidate emails", err)
		}
		all = append(all, e)
	}
	slices.Sort(all)
	return merge(decodeList(emails), all), dbErr("candidate emails", rows.Err())
}

// FindCandidateByID returns the candidate with résumés and the
// applications the actor may see; not found when none is visible.
func (s *Store) FindCandidateByID(ctx context.Context, id int64) (*skillkeepr.Candidate, error) {
	a, err := skillkeepr.RequireActor(ctx)
	if err != nil {
		return nil, err
	}
	return candidateFor(ctx, s.read(), a, id)
}

// FindCandidates lists applications to visible jobs, most recently
// changed first, with the total.
func (s *Store) FindCandidates(ctx context.Context, f skillkeepr.CandidateFilter) ([]*skillkeepr.CandidateRow, int, error) {
	a, err := skillkeepr.RequireActor(ctx)
	if err != nil {
		return nil, 0, err
	}
	offset, limit := page(f.Offset, f.Limit, 50, 500)
	// The count joins only the tables its conditions need: on 20,000
	// applications that is the difference between a covering index scan
	// and a join per row.
	all := skillkeepr.VisibleJobs(a).All
	var where []string
	var args []any
	if !all {
		vis, visArgs := visibleJobsSQL(a, "j")
		where = append(where, "j.org_id = ?", vis)
		args = append(append(args, a.OrgID), visArgs...)
	}
	where = append(where, "a.org_id = ?")
	args = append(args, a.OrgID)
	if f.JobID != 0 {
		where = append(where, "a.job_id = ?")
		args = append(args, f.JobID)
	}
	if f.Status != "" {
		where = append(where, "a.status = ?")
		args = append(args, string(f.Status))
	}
	q := strings.TrimSpace(f.Query)
	if q != "" {
		p := likePattern(q)
		where = append(where, `(lower(c.name) LIKE ? ESCAPE '\' OR c.id IN (SELECT candidate_id FROM candidate_emails WHERE org_id = ? AND email LIKE ? ESCAPE '\'))`)
		args = append(args, p, a.OrgID, p)
	}
	w := strings.Join(where, " AND ")
	countFrom := ` FROM applications a`
	if q != "" {
		countFrom += ` JOIN candidates c ON c.id = a.candidate_id`
	}
	if !all {
		countFrom += ` JOIN jobs j ON j.id = a.job_id`
	}
	from := ` FROM applications a JOIN candidates c ON c.id = a.candidate_id JOIN jobs j ON j.id = a.job_id WHERE ` + w
	rc := s.read()
	var total int
	if err := rc.queryRow(ctx, `SELECT count(*)`+countFrom+` WHERE `+w, args...).Scan(&total); err != nil {
		return nil, 0, dbErr("count candidates", err)
	}
	rows, err := rc.query(ctx, `SELECT c.id, a.id, c.name, c.email, j.id, j.number, j.title, a.status, a.updated_at`+from+
		` ORDER BY a.updated_at DESC, a.id DESC LIMIT ? OFFSET ?`, append(args, limit, offset)...)
	if err != nil {
		return nil, 0, dbErr("find candidates", err)
	}
	defer closeRows(rows)
	out := []*skillkeepr.CandidateRow{}
	for rows.Next() {
		r := &skillkeepr.CandidateRow{}
		var updated int64
		if err := rows.Scan(&r.CandidateID, &r.ApplicationID, &r.Name, &r.Email, &r.JobID, &r.JobNumber, &r.JobTitle, &r.Status, &updated); err != nil {
			return nil, 0, dbErr("find candidates", err)
		}
		r.UpdatedAt = fromTS(updated)
		out = append(out, r)
	}
	return out, total, dbErr("find candidates", rows.Err())
}

// authorizeCandidate checks act on at least one of the candidate's
// visible applications' jobs.
func authorizeCandidate(ctx context.Context, c conn, a *skillkeepr.Actor, cand *skillkeepr.Candidate, act skillkeepr.Action) error {
	err := error(skillkeepr.Forbidden())
	for _, app := range cand.Applications {
		job, jerr := jobByID(ctx, c, a.OrgID, app.JobID)
		if jerr != nil {
			return jerr
		}
		if err = skillkeepr.Authorize(a, act, skillkeepr.Target{Job: job}); err == nil {
			return nil
		}
	}
	return err
}

// UpdateCandidate changes a candidate's details (ActManageCandidates on
// one of their jobs). Emails must not belong to another candidate.
func (s *Store) UpdateCandidate(ctx context.Context, id int64, f skillkeepr.CandidateFields) (*skillkeepr.Candidate, error) {
	a, err := skillkeepr.RequireActor(ctx)
	if err != nil {
		return nil, err
	}
	var cand *skillkeepr.Candidate
	err = s.inTx(ctx, func(tx *txn) error {
		old, err := candidateFor(ctx, tx.conn, a, id)
		if err != nil {
			return err
		}
		if err := authorizeCandidate(ctx, tx.conn, a, old, skillkeepr.ActManageCandidates); err != nil {
			return err
		}
		if err := f.Validate(); err != nil {
			return err
		}
		if len(f.Emails) > 0 {
			var n int
			if err := tx.queryRow(ctx, `SELECT count(*) FROM candidate_emails WHERE org_id = ? AND candidate_id <> ? AND email IN (`+placeholders(len(f.Emails))+`)`,
				append([]any{a.OrgID, id}, stringArgs(f.Emails)...)...).Scan(&n); err != nil {
				return dbErr("update candidate", err)
			}
			if n > 0 {
				return &skillkeepr.Error{Code: skillkeepr.ECONFLICT, Message: "Another candidate already has this email address.",
					Fields: map[string]string{"emails": "Another candidate already has this email address."}}
			}
		}
		n := *old
		n.Name, n.Emails, n.Phones, n.Links, n.Location = f.Name, f.Emails, f.Phones, f.Links, f.Location
		before, after := changed(candidateFields(old), candidateFields(&n))
		if len(after) == 0 {
			cand = old
			return nil
		}
		if _, err := tx.exec(ctx, `UPDATE candidates SET name = ?, email = ?, emails = ?, phones = ?, links = ?, location = ?, updated_at = ? WHERE id = ? AND org_id = ?`,
			f.Name, first(f.Emails), encodeList(f.Emails), encodeList(f.Phones), encodeList(f.Links), f.Location, ts(s.clock()), id, a.OrgID); err != nil {
			return dbErr("update candidate", err)
		}
		if _, err := tx.exec(ctx, `DELETE FROM candidate_emails WHERE candidate_id = ? AND org_id = ?`, id, a.OrgID); err != nil {
			return dbErr("update candidate", err)
		}
		if err := s.addCandidateEmails(ctx, tx, a.OrgID, id, f.Emails); err != nil {
			return err
		}
		if err := tx.event(ctx, a, id, 0, "updated", "Details changed by "+a.Name); err != nil {
			return err
		}
		if cand, err = candidateFor(ctx, tx.conn, a, id); err != nil {
			return err
		}
		return tx.audit(ctx, a.OrgID, a, "candidate.update", "candidate", id, "Changed the details of "+cand.Name, before, after)
	})
	if err != nil {
		return nil, err
	}
	return cand, nil
}

// OpenResume returns the résumé and its bytes, if the actor may see the
// candidate. The caller closes the reader.
func (s *Store) OpenResume(ctx context.Context, resumeID int64) (*skillkeepr.ResumeFile, io.ReadCloser, error) {
	a, err := skillkeepr.RequireActor(ctx)
	if err != nil {
		return nil, nil, err
	}
	c := s.read()
	r, err := scanResume(c.queryRow(ctx, `SELECT id, org_id, candidate_id, file_name, content_type, size, sha256, blob_key, created_at
		FROM resume_files WHERE id = ? AND org_id = ?`, resumeID, a.OrgID))
	if err != nil {
		return nil, nil, notFound(err, "Résumé", "open resume")
	}
	if _, err := candidateFor(ctx, c, a, r.CandidateID); err != nil {
		if skillkeepr.ErrorCodeOf(err) == skillkeepr.ENOTFOUND {
			return nil, nil, skillkeepr.NotFound("Résumé")
		}
		return nil, nil, err
	}
	if s.blobs == nil {
		return nil, nil, skillkeepr.Errorf(skillkeepr.EUNAVAILABLE, "File storage is not set up.")
	}
	rc, err := s.blobs.Open(ctx, r.BlobKey)
	if err != nil {
		return nil, nil, err
	}
	return r, rc, nil
}
