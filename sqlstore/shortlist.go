package sqlstore

import (
	"cmp"
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"slices"
	"strconv"
	"strings"

	"github.com/skillkeepr/skillkeepr"
)

// CriteriaDeriver derives a job's first criteria from its description
// (cmd wires match.CriteriaFromJob). Without one, version 1 is empty.
type CriteriaDeriver func(job skillkeepr.Job) []skillkeepr.Criterion

type deriverBox struct{ d CriteriaDeriver }

// SetCriteriaDeriver sets how a job's first criteria are derived.
func (s *Store) SetCriteriaDeriver(d CriteriaDeriver) { s.deriver.Store(&deriverBox{d: d}) }

func (s *Store) derive(job *skillkeepr.Job) []skillkeepr.Criterion {
	if b := s.deriver.Load(); b != nil && b.d != nil {
		return b.d(*job)
	}
	return []skillkeepr.Criterion{}
}

// enqueueScoring inserts background scoring in tx. Scores are derived
// data: without a queue (some tests, tools) nothing is enqueued and the
// shortlist says "scoring…" until a job rescore runs.
func (s *Store) enqueueScoring(ctx context.Context, tx *txn, t skillkeepr.Task) error {
	enq := s.enqueuer()
	if enq == nil {
		return nil
	}
	return enq.EnqueueTx(ctx, tx.tx, t)
}

// blindReview returns a job's own blind review setting and the effective one.
func blindReview(ctx context.Context, c conn, org, jobID int64) (*bool, bool, error) {
	var own sql.NullBool
	var orgOn bool
	err := c.queryRow(ctx, `SELECT j.blind_review, o.blind_review FROM jobs j JOIN organizations o ON o.id = j.org_id
		WHERE j.id = ? AND j.org_id = ?`, jobID, org).Scan(&own, &orgOn)
	if err != nil {
		return nil, false, notFound(err, "Job", "blind review")
	}
	if own.Valid {
		return &own.Bool, own.Bool, nil
	}
	return nil, orgOn, nil
}

func scanCriteria(sc interface{ Scan(...any) error }) (*skillkeepr.JobCriteria, error) {
	jc := &skillkeepr.JobCriteria{}
	var items string
	var by sql.NullInt64
	var created int64
	if err := sc.Scan(&jc.JobID, &jc.Version, &items, &by, &jc.CreatedByName, &created); err != nil {
		return nil, err
	}
	jc.CreatedByID, jc.CreatedAt = by.Int64, fromTS(created)
	if err := json.Unmarshal([]byte(items), &jc.Items); err != nil {
		return nil, err
	}
	if jc.Items == nil {
		jc.Items = []skillkeepr.Criterion{}
	}
	return jc, nil
}

const criteriaColumns = `job_id, version, items, created_by_id, created_by_name, created_at`

// currentCriteria returns the newest criteria of a job, or nil.
func currentCriteria(ctx context.Context, c conn, org, jobID int64) (*skillkeepr.JobCriteria, error) {
	jc, err := scanCriteria(c.queryRow(ctx, `SELECT `+criteriaColumns+` FROM job_criteria WHERE org_id = ? AND job_id = ?
		ORDER BY version DESC LIMIT 1`, org, jobID))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	return jc, dbErr("job criteria", err)
}

func encodeCriteria(items []skillkeepr.Criterion) string {
	if items == nil {
		items = []skillkeepr.Criterion{}
	}
	b, _ := json.Marshal(items)
	return string(b)
}

// ensureCriteria returns the job's criteria, deriving and storing version
// 1 (and a rescore of the job) when there are none yet.
func (s *Store) ensureCriteria(ctx context.Context, org int64, job *skillkeepr.Job) (*skillkeepr.JobCriteria, error) {
	if jc, err := currentCriteria(ctx, s.read(), org, job.ID); err != nil || jc != nil {
		return jc, err
	}
	var out *skillkeepr.JobCriteria
	err := s.inTx(ctx, func(tx *txn) error {
		jc, err := currentCriteria(ctx, tx.conn, org, job.ID)
		if err != nil || jc != nil {
			out = jc
			return err
		}
		now := s.clock()
		items := s.derive(job)
		const by = "SkillKeepr, from the job description"
		if _, err := tx.exec(ctx, `INSERT INTO job_criteria (org_id, job_id, version, items, created_by_id, created_by_name, created_at)
			VALUES (?, ?, 1, ?, NULL, ?, ?)`, org, job.ID, encodeCriteria(items), by, ts(now)); err != nil {
			return dbErr("derive job criteria", err)
		}
		out = &skillkeepr.JobCriteria{JobID: job.ID, Version: 1, Items: items, CreatedByName: by, CreatedAt: now}
		if out.Items == nil {
			out.Items = []skillkeepr.Criterion{}
		}
		return s.enqueueScoring(ctx, tx, skillkeepr.ScoreJobTask{OrgID: org, JobID: job.ID})
	})
	return out, err
}

// JobCriteria returns the job's current criteria (ActViewJob), deriving
// version 1 from the job description on first use.
func (s *Store) JobCriteria(ctx context.Context, jobID int64) (*skillkeepr.JobCriteria, error) {
	a, err := skillkeepr.RequireActor(ctx)
	if err != nil {
		return nil, err
	}
	job, err := jobFor(ctx, s.read(), a, jobID, skillkeepr.ActViewJob)
	if err != nil {
		return nil, err
	}
	return s.ensureCriteria(ctx, a.OrgID, job)
}

// JobCriteriaHistory lists every version of the job's criteria, newest
// first (ActViewJob).
func (s *Store) JobCriteriaHistory(ctx context.Context, jobID int64) ([]*skillkeepr.JobCriteria, error) {
	a, err := skillkeepr.RequireActor(ctx)
	if err != nil {
		return nil, err
	}
	c := s.read()
	if _, err := jobFor(ctx, c, a, jobID, skillkeepr.ActViewJob); err != nil {
		return nil, err
	}
	return queryAll(ctx, c, "criteria history", scanCriteria, `SELECT `+criteriaColumns+` FROM job_criteria WHERE org_id = ? AND job_id = ? ORDER BY version DESC`, a.OrgID, jobID)
}

// UpdateJobCriteria saves a new version of the job's criteria
// (ActManageCandidates) if baseVersion is still the current one, and
// rescores the job in the background.
func (s *Store) UpdateJobCriteria(ctx context.Context, jobID int64, baseVersion int, items []skillkeepr.Criterion) (*skillkeepr.JobCriteria, error) {
	a, err := skillkeepr.RequireActor(ctx)
	if err != nil {
		return nil, err
	}
	items = slices.Clone(items)
	if err := skillkeepr.ValidateCriteria(items); err != nil {
		return nil, err
	}
	var out *skillkeepr.JobCriteria
	err = s.inTx(ctx, func(tx *txn) error {
		job, err := jobFor(ctx, tx.conn, a, jobID, skillkeepr.ActManageCandidates)
		if err != nil {
			return err
		}
		cur, err := currentCriteria(ctx, tx.conn, a.OrgID, jobID)
		if err != nil {
			return err
		}
		curVersion := 0
		before := fields{}
		if cur != nil {
			curVersion = cur.Version
			before["items"] = cur.Items
		}
		if baseVersion != curVersion {
			return skillkeepr.Errorf(skillkeepr.ECONFLICT, "Someone changed the matching criteria while you were editing them (now version %d). Open the page again and make your change once more.", curVersion)
		}
		now := s.clock()
		v := curVersion + 1
		if _, err := tx.exec(ctx, `INSERT INTO job_criteria (org_id, job_id, version, items, created_by_id, created_by_name, created_at)
			VALUES (?, ?, ?, ?, ?, ?, ?)`, a.OrgID, jobID, v, encodeCriteria(items), a.UserID, a.Name, ts(now)); err != nil {
			if isUniqueViolation(err) {
				return skillkeepr.Errorf(skillkeepr.ECONFLICT, "Someone changed the matching criteria while you were editing them. Open the page again and make your change once more.")
			}
			return dbErr("update job criteria", err)
		}
		out = &skillkeepr.JobCriteria{JobID: jobID, Version: v, Items: items, CreatedByID: a.UserID, CreatedByName: a.Name, CreatedAt: now}
		if err := tx.audit(ctx, a.OrgID, a, "job.criteria_update", "job", jobID,
			"Changed the matching criteria of "+jobLabel(job)+" (version "+strconv.Itoa(v)+")", before, fields{"items": items, "version": v}); err != nil {
			return err
		}
		return s.enqueueScoring(ctx, tx, skillkeepr.ScoreJobTask{OrgID: a.OrgID, JobID: jobID})
	})
	return out, err
}

// entrySelect reads applications of one job with their candidate, score
// and stable number (order of arrival in the job).
const entrySelect = `SELECT x.id, x.candidate_id, x.number, x.name, x.email, x.status, x.not_fit_reason, x.not_fit_at, x.not_fit_by_name, x.unmasked_at,
	s.state, s.resume_id, s.criteria_version, s.score, s.required_met, s.required_total, s.results, s.scored_at
	FROM (SELECT a.id, a.org_id, a.job_id, a.candidate_id, c.name, c.email, a.status, a.not_fit_reason, a.not_fit_at, a.not_fit_by_name, a.unmasked_at,
		ROW_NUMBER() OVER (ORDER BY a.id) AS number
		FROM applications a JOIN candidates c ON c.id = a.candidate_id AND c.org_id = a.org_id
		WHERE a.org_id = ? AND a.job_id = ?) x
	LEFT JOIN application_scores s ON s.application_id = x.id AND s.org_id = x.org_id`

func scanEntry(sc interface{ Scan(...any) error }, jobID int64, blind bool) (*skillkeepr.ShortlistEntry, error) {
	e := &skillkeepr.ShortlistEntry{}
	var notFitAt, unmaskedAt, resumeID, version, score, met, total, scored sql.NullInt64
	var state, results sql.NullString
	var notFitReason, notFitBy string
	if err := sc.Scan(&e.ApplicationID, &e.CandidateID, &e.Number, &e.Name, &e.Email, &e.Status, &notFitReason, &notFitAt, &notFitBy, &unmaskedAt,
		&state, &resumeID, &version, &score, &met, &total, &results, &scored); err != nil {
		return nil, err
	}
	if notFitAt.Valid {
		e.NotFit = &skillkeepr.NotFit{Reason: notFitReason, ByName: notFitBy, At: fromTS(notFitAt.Int64)}
	}
	e.Masked = skillkeepr.Masked(blind, e.Status, e.NotFit != nil, unmaskedAt.Valid)
	if e.Masked {
		e.Name, e.Email = "", ""
	}
	if state.Valid {
		sc := &skillkeepr.ApplicationScore{ApplicationID: e.ApplicationID, JobID: jobID, ResumeID: resumeID.Int64,
			State: skillkeepr.ScoreState(state.String), CriteriaVersion: int(version.Int64), Score: int(score.Int64),
			RequiredMet: int(met.Int64), RequiredTotal: int(total.Int64), ScoredAt: fromTS(scored.Int64)}
		if err := json.Unmarshal([]byte(results.String), &sc.Criteria); err != nil {
			return nil, err
		}
		for i := range sc.Criteria {
			for k := range sc.Criteria[i].Evidence {
				ev := &sc.Criteria[i].Evidence[k]
				if e.Masked {
					ev.Text = ev.Masked
				}
				ev.Masked = ""
			}
		}
		e.Score = sc
	}
	return e, nil
}

// JobShortlist returns the job's candidates, best score first (ActViewJob).
func (s *Store) JobShortlist(ctx context.Context, jobID int64) (*skillkeepr.Shortlist, error) {
	a, err := skillkeepr.RequireActor(ctx)
	if err != nil {
		return nil, err
	}
	c := s.read()
	job, err := jobFor(ctx, c, a, jobID, skillkeepr.ActViewJob)
	if err != nil {
		return nil, err
	}
	jc, err := s.ensureCriteria(ctx, a.OrgID, job)
	if err != nil {
		return nil, err
	}
	_, blind, err := blindReview(ctx, c, a.OrgID, jobID)
	if err != nil {
		return nil, err
	}
	rows, err := c.query(ctx, entrySelect, a.OrgID, jobID)
	if err != nil {
		return nil, dbErr("shortlist", err)
	}
	defer closeRows(rows)
	sl := &skillkeepr.Shortlist{Job: job, BlindReview: blind, Criteria: jc, Entries: []*skillkeepr.ShortlistEntry{}}
	for rows.Next() {
		e, err := scanEntry(rows, jobID, blind)
		if err != nil {
			return nil, dbErr("shortlist", err)
		}
		sl.Entries = append(sl.Entries, e)
	}
	if err := rows.Err(); err != nil {
		return nil, dbErr("shortlist", err)
	}
	slices.SortStableFunc(sl.Entries, compareEntries)
	return sl, nil
}

// compareEntries ranks scored entries by score, then required criteria
// met; unscored entries come last; ties keep the order of arrival.
func compareEntries(x, y *skillkeepr.ShortlistEntry) int {
	rank := func(e *skillkeepr.ShortlistEntry) (int, int, int) {
		if e.Score == nil || e.Score.State != skillkeepr.ScoreScored {
			if e.Score == nil {
				return 0, -1, 0
			}
			return 1, -1, 0
		}
		return 2, e.Score.Score, e.Score.RequiredMet
	}
	xa, xs, xm := rank(x)
	ya, ys, ym := rank(y)
	return cmp.Or(cmp.Compare(ya, xa), cmp.Compare(ys, xs), cmp.Compare(ym, xm), cmp.Compare(x.Number, y.Number))
}

// entryFor loads one application as the shortlist shows it, with its job;
// the actor must see the job.
func (s *Store) entryFor(ctx context.Context, c conn, a *skillkeepr.Actor, appID int64) (*skillkeepr.ShortlistEntry, *skillkeepr.Job, error) {
	app, job, err := applicationFor(ctx, c, a, appID)
	if err != nil {
		return nil, nil, err
	}
	_, blind, err := blindReview(ctx, c, a.OrgID, job.ID)
	if err != nil {
		return nil, nil, err
	}
	e, err := scanEntry(c.queryRow(ctx, entrySelect+` WHERE x.id = ?`, a.OrgID, job.ID, app.ID), job.ID, blind)
	if err != nil {
		return nil, nil, notFound(err, "Application", "shortlist entry")
	}
	return e, job, nil
}

// ApplicationEntry returns one application as the shortlist shows it.
func (s *Store) ApplicationEntry(ctx context.Context, applicationID int64) (*skillkeepr.ShortlistEntry, error) {
	a, err := skillkeepr.RequireActor(ctx)
	if err != nil {
		return nil, err
	}
	e, _, err := s.entryFor(ctx, s.read(), a, applicationID)
	return e, err
}

// JobBlindReview returns the job's own blind review setting and the
// effective one (ActViewJob).
func (s *Store) JobBlindReview(ctx context.Context, jobID int64) (*bool, bool, error) {
	a, err := skillkeepr.RequireActor(ctx)
	if err != nil {
		return nil, false, err
	}
	c := s.read()
	if _, err := jobFor(ctx, c, a, jobID, skillkeepr.ActViewJob); err != nil {
		return nil, false, err
	}
	return blindReview(ctx, c, a.OrgID, jobID)
}

// SetJobBlindReview sets the job's blind review, or nil to follow the
// organisation (ActManageCandidates: the people who may also unmask).
func (s *Store) SetJobBlindReview(ctx context.Context, jobID int64, on *bool) (*skillkeepr.Job, error) {
	a, err := skillkeepr.RequireActor(ctx)
	if err != nil {
		return nil, err
	}
	var out *skillkeepr.Job
	err = s.inTx(ctx, func(tx *txn) error {
		job, err := jobFor(ctx, tx.conn, a, jobID, skillkeepr.ActManageCandidates)
		if err != nil {
			return err
		}
		own, _, err := blindReview(ctx, tx.conn, a.OrgID, jobID)
		if err != nil {
			return err
		}
		var v any
		if on != nil {
			v = *on
		}
		if _, err := tx.exec(ctx, `UPDATE jobs SET blind_review = ? WHERE id = ? AND org_id = ?`, v, jobID, a.OrgID); err != nil {
			return dbErr("set blind review", err)
		}
		out = job
		word := func(b *bool) any {
			if b == nil {
				return "organisation default"
			}
			return *b
		}
		return tx.audit(ctx, a.OrgID, a, "job.blind_review", "job", jobID, "Changed blind review of "+jobLabel(job),
			fields{"blind_review": word(own)}, fields{"blind_review": word(on)})
	})
	return out, err
}

// MarkNotFit records that a person finds the candidate not a fit for the
// job, with a reason (ActManageCandidates). The status is unchanged and
// nothing is written to Lever.
func (s *Store) MarkNotFit(ctx context.Context, applicationID int64, reason string) (*skillkeepr.ShortlistEntry, error) {
	a, err := skillkeepr.RequireActor(ctx)
	if err != nil {
		return nil, err
	}
	reason = strings.TrimSpace(reason)
	v := skillkeepr.Validation{}
	v.Check(reason != "", "reason", "Say why this candidate is not a fit.")
	v.Check(len(reason) <= skillkeepr.MaxNotFitReason, "reason", "Use at most 2,000 characters.")
	if err := v.Err(); err != nil {
		return nil, err
	}
	return s.changeEntry(ctx, a, applicationID, skillkeepr.ActManageCandidates, func(tx *txn, e *skillkeepr.ShortlistEntry, job *skillkeepr.Job) error {
		now := s.clock()
		if _, err := tx.exec(ctx, `UPDATE applications SET not_fit_reason = ?, not_fit_at = ?, not_fit_by_name = ?, updated_at = ? WHERE id = ? AND org_id = ?`,
			reason, ts(now), a.Name, ts(now), applicationID, a.OrgID); err != nil {
			return dbErr("not a fit", err)
		}
		if err := tx.event(ctx, a, e.CandidateID, applicationID, "not_fit", "Marked not a fit for "+jobLabel(job)+". Reason: "+reason); err != nil {
			return err
		}
		var before fields
		if e.NotFit != nil {
			before = fields{"not_fit_reason": e.NotFit.Reason}
		}
		return tx.audit(ctx, a.OrgID, a, "application.not_fit", "application", applicationID,
			"Marked "+e.DisplayName()+" not a fit for "+jobLabel(job), before, fields{"not_fit_reason": reason})
	})
}

// ClearNotFit takes back "not a fit" (ActManageCandidates).
func (s *Store) ClearNotFit(ctx context.Context, applicationID int64) (*skillkeepr.ShortlistEntry, error) {
	a, err := skillkeepr.RequireActor(ctx)
	if err != nil {
		return nil, err
	}
	return s.changeEntry(ctx, a, applicationID, skillkeepr.ActManageCandidates, func(tx *txn, e *skillkeepr.ShortlistEntry, job *skillkeepr.Job) error {
		if e.NotFit == nil {
			return nil
		}
		if _, err := tx.exec(ctx, `UPDATE applications SET not_fit_reason = '', not_fit_at = NULL, not_fit_by_name = '', updated_at = ? WHERE id = ? AND org_id = ?`,
			ts(s.clock()), applicationID, a.OrgID); err != nil {
			return dbErr("undo not a fit", err)
		}
		if err := tx.event(ctx, a, e.CandidateID, applicationID, "not_fit_cleared", "\"Not a fit\" taken back for "+jobLabel(job)+"."); err != nil {
			return err
		}
		return tx.audit(ctx, a.OrgID, a, "application.not_fit_clear", "application", applicationID,
			"Took back \"not a fit\" on "+jobLabel(job), fields{"not_fit_reason": e.NotFit.Reason}, fields{"not_fit_reason": ""})
	})
}

// UnmaskApplication shows who a blind-reviewed candidate is (ActUnmask);
// the audit log records who did it.
func (s *Store) UnmaskApplication(ctx context.Context, applicationID int64) (*skillkeepr.ShortlistEntry, error) {
	a, err := skillkeepr.RequireActor(ctx)
	if err != nil {
		return nil, err
	}
	return s.changeEntry(ctx, a, applicationID, skillkeepr.ActUnmask, func(tx *txn, e *skillkeepr.ShortlistEntry, job *skillkeepr.Job) error {
		if !e.Masked {
			return nil
		}
		now := s.clock()
		if _, err := tx.exec(ctx, `UPDATE applications SET unmasked_at = ?, unmasked_by_name = ? WHERE id = ? AND org_id = ?`,
			ts(now), a.Name, applicationID, a.OrgID); err != nil {
			return dbErr("unmask", err)
		}
		label := e.DisplayName()
		if err := tx.event(ctx, a, e.CandidateID, applicationID, "unmasked", "Identity shown during blind review of "+jobLabel(job)+" ("+label+")."); err != nil {
			return err
		}
		return tx.audit(ctx, a.OrgID, a, "application.unmask", "application", applicationID,
			"Showed who "+label+" is on "+jobLabel(job), fields{"masked": true}, fields{"masked": false})
	})
}

// changeEntry runs change on an application in a transaction after
// checking act on its job, and returns the entry as it is afterwards.
func (s *Store) changeEntry(ctx context.Context, a *skillkeepr.Actor, appID int64, act skillkeepr.Action,
	change func(tx *txn, e *skillkeepr.ShortlistEntry, job *skillkeepr.Job) error) (*skillkeepr.ShortlistEntry, error) {
	var out *skillkeepr.ShortlistEntry
	err := s.inTx(ctx, func(tx *txn) error {
		e, job, err := s.entryFor(ctx, tx.conn, a, appID)
		if err != nil {
			return err
		}
		if err := skillkeepr.Authorize(a, act, skillkeepr.Target{Job: job}); err != nil {
			return err
		}
		if err := change(tx, e, job); err != nil {
			return err
		}
		out, _, err = s.entryFor(ctx, tx.conn, a, appID)
		return err
	})
	return out, err
}

// CandidateResumeText returns the text of the candidate's newest résumé,
// masked when any application the actor can see is still masked.
func (s *Store) CandidateResumeText(ctx context.Context, candidateID int64) (*skillkeepr.ResumeText, bool, error) {
	a, err := skillkeepr.RequireActor(ctx)
	if err != nil {
		return nil, false, err
	}
	c := s.read()
	cand, err := candidateFor(ctx, c, a, candidateID)
	if err != nil {
		return nil, false, err
	}
	masked, err := s.candidateMasked(ctx, c, a, cand)
	if err != nil {
		return nil, false, err
	}
	if len(cand.Resumes) == 0 {
		return nil, masked, nil
	}
	rt, err := resumeText(ctx, c, a.OrgID, cand.Resumes[0].ID)
	if err != nil || rt == nil {
		return nil, masked, err
	}
	if masked {
		rt.Lines = rt.Masked
	}
	rt.Masked, rt.Facts = nil, nil
	return rt, masked, nil
}

// resumeText reads a stored résumé text, or nil when none was read yet.
func resumeText(ctx context.Context, c conn, org, resumeID int64) (*skillkeepr.ResumeText, error) {
	rt := &skillkeepr.ResumeText{}
	var lines, masked, facts string
	var at int64
	err := c.queryRow(ctx, `SELECT resume_id, org_id, candidate_id, outcome, message, format, pages, lines, masked_lines, facts, extracted_at
		FROM resume_texts WHERE resume_id = ? AND org_id = ?`, resumeID, org).Scan(&rt.ResumeID, &rt.OrgID, &rt.CandidateID, &rt.Outcome,
		&rt.Message, &rt.Format, &rt.Pages, &lines, &masked, &facts, &at)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	if err != nil {
		return nil, dbErr("resume text", err)
	}
	if err := json.Unmarshal([]byte(lines), &rt.Lines); err != nil {
		return nil, dbErr("resume text", err)
	}
	if err := json.Unmarshal([]byte(masked), &rt.Masked); err != nil {
		return nil, dbErr("resume text", err)
	}
	rt.Facts, rt.ExtractedAt = []byte(facts), fromTS(at)
	return rt, nil
}

// CandidateMasked reports whether any application of the candidate that
// the actor sees is masked.
func (s *Store) CandidateMasked(ctx context.Context, candidateID int64) (bool, error) {
	a, err := skillkeepr.RequireActor(ctx)
	if err != nil {
		return false, err
	}
	c := s.read()
	cand, err := candidateFor(ctx, c, a, candidateID)
	if err != nil {
		return false, err
	}
	return s.candidateMasked(ctx, c, a, cand)
}

func (s *Store) candidateMasked(ctx context.Context, c conn, a *skillkeepr.Actor, cand *skillkeepr.Candidate) (bool, error) {
	for _, app := range cand.Applications {
		e, _, err := s.entryFor(ctx, c, a, app.ID)
		if err != nil {
			return false, err
		}
		if e.Masked {
			return true, nil
		}
	}
	return false, nil
}

// MaskedNumbers returns the masked applications of a job with their
// stable number; empty when the job is not blind-reviewed.
func (s *Store) MaskedNumbers(ctx context.Context, jobID int64) (map[int64]int, error) {
	a, err := skillkeepr.RequireActor(ctx)
	if err != nil {
		return nil, err
	}
	c := s.read()
	if _, err := jobFor(ctx, c, a, jobID, skillkeepr.ActViewJob); err != nil {
		return nil, err
	}
	_, blind, err := blindReview(ctx, c, a.OrgID, jobID)
	if err != nil || !blind {
		return map[int64]int{}, err
	}
	rows, err := c.query(ctx, `SELECT id, number FROM (SELECT a.id, a.status, a.not_fit_at, a.unmasked_at, ROW_NUMBER() OVER (ORDER BY a.id) AS number
		FROM applications a WHERE a.org_id = ? AND a.job_id = ?) x
		WHERE x.status = ? AND x.not_fit_at IS NULL AND x.unmasked_at IS NULL`, a.OrgID, jobID, string(skillkeepr.StatusNew))
	if err != nil {
		return nil, dbErr("masked applications", err)
	}
	defer closeRows(rows)
	out := map[int64]int{}
	for rows.Next() {
		var id int64
		var n int
		if err := rows.Scan(&id, &n); err != nil {
			return nil, dbErr("masked applications", err)
		}
		out[id] = n
	}
	return out, dbErr("masked applications", rows.Err())
}

// MatchScores returns the stored match scores (0–100) of the given
// applications of the actor's organisation; applications not scored yet
// (or of another organisation) are left out. The Interview Shortlist
// screen shows them beside the rating cards.
func (s *Store) MatchScores(ctx context.Context, applicationIDs []int64) (map[int64]int, error) {
	a, err := skillkeepr.RequireActor(ctx)
	if err != nil {
		return nil, err
	}
	out := make(map[int64]int, len(applicationIDs))
	if len(applicationIDs) == 0 {
		return out, nil
	}
	args := make([]any, 0, len(applicationIDs)+2)
	args = append(args, a.OrgID, string(skillkeepr.ScoreScored))
	for _, id := range applicationIDs {
		args = append(args, id)
	}
	rows, err := s.read().query(ctx, `SELECT application_id, score FROM application_scores
		WHERE org_id = ? AND state = ? AND application_id IN (`+placeholders(len(applicationIDs))+`)`, args...)
	if err != nil {
		return nil, dbErr("match scores", err)
	}
	defer closeRows(rows)
	for rows.Next() {
		var id int64
		var score int
		if err := rows.Scan(&id, &score); err != nil {
			return nil, dbErr("match scores", err)
		}
		out[id] = score
	}
	return out, dbErr("match scores", rows.Err())
}
