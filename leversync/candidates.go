package leversync

import (
	"context"
	"errors"
	"io"
	"strings"
	"sync"

	"github.com/skillkeepr/skillkeepr"
	"github.com/skillkeepr/skillkeepr/lever"
	"github.com/skillkeepr/skillkeepr/match"
)

// CandidateStore is what importing a job's candidates from Lever needs
// from the database (sqlstore implements it). These are the background
// import's system operations: the run was authorised when it started.
type CandidateStore interface {
	LeverImportRunFor(ctx context.Context, orgID, runID int64) (*skillkeepr.LeverImportRun, error)
	LeverImportLogged(ctx context.Context, orgID, runID int64) (map[string]bool, error)
	SetLeverImportFound(ctx context.Context, orgID, runID int64, found int) error
	LeverApplications(ctx context.Context, orgID, jobID int64) (map[string]*skillkeepr.LeverApplication, error)
	AddLeverImportEntry(ctx context.Context, orgID, runID int64, e skillkeepr.LeverImportEntry) error
	SaveLeverCandidate(ctx context.Context, orgID, runID int64, rec skillkeepr.LeverCandidateRecord) (*skillkeepr.LeverImportEntry, error)
	FinishLeverImport(ctx context.Context, orgID, runID int64, state skillkeepr.LeverImportState, msg string) (*skillkeepr.LeverImportRun, error)
}

// DefaultImportWorkers is how many candidates an import works on at once:
// enough to keep Lever's limit (10 calls a second) busy while résumés are
// downloaded and read.
const DefaultImportWorkers = 8

// Candidates imports the active candidates of a job's Lever posting. It
// implements queue.LeverCandidateImporter.
//
// Calls to Lever: one listing page per 100 candidates (stage and owner
// expanded, so no call per name), then per candidate one résumé listing and,
// when the newest résumé is not stored yet, one download.
type Candidates struct {
	c       *Connector
	store   CandidateStore
	Workers int          // default DefaultImportWorkers
	Limits  match.Limits // résumé text extraction
}

// NewCandidates returns the candidate import of c, saving through store.
func NewCandidates(c *Connector, store CandidateStore) *Candidates {
	return &Candidates{c: c, store: store, Workers: DefaultImportWorkers}
}

const (
	msgPaused = "Paused: Lever no longer allows SkillKeepr to read your candidates (access was revoked in Lever, or Lever was disconnected). " +
		"A Super Admin can connect Lever again on the Integrations page; then click Retry and the import continues where it stopped."
	msgForbidden  = "Lever did not let SkillKeepr read the candidates of this job. A Super Admin can connect Lever again and allow access to candidates; then click Retry."
	msgListFailed = "Lever could not be reached after several tries, so the import stopped. Candidates imported so far are kept. Click Retry to continue."
)

// RunLeverImport works (or continues) an import run. Candidates already
// in the run's log are not asked for again, so a run retried after a crash
// continues where it stopped. When Lever access is revoked the run is
// paused and nil returned; other failures to list the posting's candidates
// are returned so that the queue retries, and end the run as failed on the
// last attempt.
func (ci *Candidates) RunLeverImport(ctx context.Context, orgID, runID int64, lastAttempt bool) error {
	run, err := ci.store.LeverImportRunFor(ctx, orgID, runID)
	if err != nil {
		if skillkeepr.ErrorCodeOf(err) == skillkeepr.ENOTFOUND {
			return nil // the job was deleted meanwhile
		}
		return err
	}
	if run.State != skillkeepr.ImportRunning {
		return nil
	}
	pause := func() error {
		_, err := ci.store.FinishLeverImport(ctx, orgID, runID, skillkeepr.ImportPaused, msgPaused)
		return err
	}
	cl, err := ci.c.Client(ctx, orgID)
	if errors.Is(err, lever.ErrRevoked) {
		return pause()
	} else if err != nil {
		return err
	}
	f := lever.OpportunityFilter{PostingIDs: []string{run.PostingID}, Archived: new(bool), Confidentiality: "all",
		Expand: []string{"stage", "owner"}, PageSize: 100}
	if run.Since != nil {
		f.UpdatedAtStart = *run.Since
	}
	opps, err := listOpportunities(ctx, cl, f)
	if err != nil {
		err = cl.Check(ctx, err)
		switch {
		case errors.Is(err, lever.ErrRevoked):
			return pause()
		case errors.Is(err, lever.ErrForbidden) || errors.Is(err, lever.ErrNotFound):
			// Asking again would be refused the same way.
			ci.c.log.WarnContext(ctx, "lever: listing a posting's candidates refused", "org_id", orgID, "run_id", runID, "err", err)
			_, ferr := ci.store.FinishLeverImport(ctx, orgID, runID, skillkeepr.ImportFailed, msgForbidden)
			return ferr
		case ctx.Err() != nil:
			return ctx.Err()
		case lastAttempt:
			_, ferr := ci.store.FinishLeverImport(ctx, orgID, runID, skillkeepr.ImportFailed, msgListFailed)
			return errors.Join(err, ferr)
		}
		return err
	}
	if err := ci.store.SetLeverImportFound(ctx, orgID, runID, len(opps)); err != nil {
		return err
	}
	logged, err := ci.store.LeverImportLogged(ctx, orgID, runID)
	if err != nil {
		return err
	}
	known, err := ci.store.LeverApplications(ctx, orgID, run.JobID)
	if err != nil {
		return err
	}

	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	var (
		mu       sync.Mutex
		revoked  bool
		firstErr error
	)
	work := make(chan *lever.Opportunity)
	var wg sync.WaitGroup
	n := ci.Workers
	if n <= 0 {
		n = DefaultImportWorkers
	}
	for range n {
		wg.Go(func() {
			for o := range work {
				err := ci.importOne(ctx, cl, orgID, runID, o, known[o.ID])
				if err == nil {
					continue
				}
				mu.Lock()
				if errors.Is(err, lever.ErrRevoked) {
					revoked = true
				} else if firstErr == nil {
					firstErr = err
				}
				mu.Unlock()
				cancel()
			}
		})
	}
	// Candidates sharing an email with one before them wait for a second,
	// one-at-a-time pass, so that the first is saved before the others are
	// recognised as its duplicates.
	seen := map[string]bool{}
	var later []*lever.Opportunity
	send := func(o *lever.Opportunity) bool {
		select {
		case work <- o:
		case <-ctx.Done():
		}
		return ctx.Err() == nil
	}
	for i := range opps {
		o := &opps[i]
		if logged[o.ID] {
			continue
		}
		dup := false
		for _, em := range o.Emails {
			em = skillkeepr.NormalizeEmail(em)
			dup = dup || seen[em]
			seen[em] = true
		}
		if dup {
			later = append(later, o)
			continue
		}
		if !send(o) {
			break
		}
	}
	close(work)
	wg.Wait()
	for _, o := range later {
		if ctx.Err() != nil {
			break
		}
		err := ci.importOne(ctx, cl, orgID, runID, o, known[o.ID])
		if errors.Is(err, lever.ErrRevoked) {
			revoked = true
			break
		} else if err != nil {
			firstErr = err
			break
		}
	}
	ctx = context.WithoutCancel(ctx)
	switch {
	case revoked:
		return pause()
	case firstErr != nil:
		if lastAttempt {
			_, ferr := ci.store.FinishLeverImport(ctx, orgID, runID, skillkeepr.ImportFailed,
				"The import stopped because of a problem on our side. Candidates imported so far are kept. Click Retry to continue.")
			return errors.Join(firstErr, ferr)
		}
		return firstErr
	}
	_, err = ci.store.FinishLeverImport(ctx, orgID, runID, skillkeepr.ImportCompleted, "")
	return err
}

// listOpportunities pages through the posting's candidates, confidential
// ones included when the connection has Lever's confidential scope (an API
// key has it); without it Lever refuses at once and the others are listed.
func listOpportunities(ctx context.Context, cl *Client, f lever.OpportunityFilter) ([]lever.Opportunity, error) {
	out, err := collectOpportunities(ctx, cl, f)
	if errors.Is(err, lever.ErrForbidden) && len(out) == 0 && f.Confidentiality != "" {
		f.Confidentiality = ""
		return collectOpportunities(ctx, cl, f)
	}
	return out, err
}

func collectOpportunities(ctx context.Context, cl *Client, f lever.OpportunityFilter) ([]lever.Opportunity, error) {
	var out []lever.Opportunity
	for o, err := range cl.ListOpportunities(ctx, f) {
		if err != nil {
			return out, err
		}
		out = append(out, o)
	}
	return out, nil
}

func oppName(o *lever.Opportunity) string {
	if n := strings.TrimSpace(o.Name); n != "" {
		return n
	}
	if o.Contact.Object != nil {
		return strings.TrimSpace(o.Contact.Object.Name)
	}
	return ""
}

// importOne imports one candidate and logs the outcome. It returns an
// error only when the whole run must stop: access revoked (matching
// lever.ErrRevoked), the run being cancelled, or the database failing.
func (ci *Candidates) importOne(ctx context.Context, cl *Client, orgID, runID int64, o *lever.Opportunity, known *skillkeepr.LeverApplication) error {
	name := oppName(o)
	if name == "" {
		name = "Unnamed candidate"
	}
	fail := func(reason, msg string) error {
		return ci.store.AddLeverImportEntry(ctx, orgID, runID, skillkeepr.LeverImportEntry{OpportunityID: o.ID, CandidateName: name,
			Outcome: skillkeepr.OutcomeFailed, Reason: reason, Message: msg})
	}
	leverFailed := func(err error) error {
		err = cl.Check(ctx, err)
		switch {
		case errors.Is(err, lever.ErrRevoked):
			return err
		case ctx.Err() != nil:
			return ctx.Err()
		}
		ci.c.log.WarnContext(ctx, "lever: importing a candidate failed", "org_id", orgID, "opportunity", o.ID, "err", err)
		return fail(skillkeepr.ReasonLeverError, "Not imported: Lever could not be reached after several tries. Click Retry to try again.")
	}
	rec := skillkeepr.LeverCandidateRecord{OpportunityID: o.ID, CandidateFields: skillkeepr.CandidateFields{
		Name: name, Emails: o.Emails, Links: o.Links, Location: o.Location},
		Tags: o.Tags, Sources: o.Sources, CreatedAt: o.CreatedAt.Time, UpdatedAt: o.UpdatedAt.Time}
	for _, p := range o.Phones {
		rec.Phones = append(rec.Phones, p.Value)
	}
	if o.Stage.Object != nil {
		rec.StageName = o.Stage.Object.Text
	}
	if o.Owner.Object != nil {
		rec.OwnerName = o.Owner.Object.Name
	}
	if err := rec.CandidateFields.Validate(); err != nil {
		if len(rec.Emails) == 0 {
			return fail(skillkeepr.ReasonMissingEmail, "Not imported: Lever has no email address for this candidate. Add one in Lever, then click Retry.")
		}
		msgs := []string{}
		for _, m := range skillkeepr.ErrorFields(err) {
			msgs = append(msgs, m)
		}
		return fail("invalid", "Not imported: "+strings.Join(msgs, " "))
	}
	if len(rec.Emails) == 0 {
		return fail(skillkeepr.ReasonMissingEmail, "Not imported: Lever has no email address for this candidate. Add one in Lever, then click Retry.")
	}

	// The newest résumé.
	var newest *lever.Resume
	for r, err := range cl.ListResumes(ctx, o.ID, lever.UploadedRange{}) {
		if err != nil {
			return leverFailed(err)
		}
		if r.File == nil {
			continue
		}
		if newest == nil || r.CreatedAt.After(newest.CreatedAt.Time) {
			newest = &r
		}
	}
	switch {
	case newest == nil:
		rec.Reason, rec.Message = skillkeepr.ReasonMissingResume, "Imported without a résumé: Lever has none for this candidate."
	case known != nil && known.ResumeID == newest.ID:
		// Stored before.
	default:
		rec.ResumeID = newest.ID
		data, fileName, err := download(ctx, cl, o.ID, newest.ID)
		switch {
		case errors.Is(err, lever.ErrInvalid) || errors.Is(err, lever.ErrTooLarge):
			rec.Reason, rec.Message = skillkeepr.ReasonUnreadableResume, "Imported, but Lever could not hand over the résumé file. Ask the candidate for another file."
		case err != nil:
			return leverFailed(err)
		default:
			if fileName == "" && newest.File != nil {
				fileName = newest.File.Name
			}
			up, err := skillkeepr.NewResumeUpload(fileName, data)
			if err != nil {
				rec.Reason = skillkeepr.ReasonUnreadableResume
				rec.Message = "Imported, but the résumé could not be read: " + strings.Join(fieldMessages(err), " ")
				break
			}
			rec.Resume = up
			txt, err := match.ExtractText(ctx, up.FileName, up.Data, ci.Limits)
			switch {
			case err != nil && skillkeepr.ErrorCodeOf(err) != skillkeepr.EINVALID:
				if ctx.Err() != nil {
					return ctx.Err()
				}
				rec.Reason, rec.Message = skillkeepr.ReasonUnreadableResume, "Imported with the résumé file, but its text could not be read."
			case err != nil:
				rec.Reason, rec.Message = skillkeepr.ReasonUnreadableResume, "Imported with the résumé file, but its text could not be read: "+skillkeepr.ErrorMessage(err)
			case len(txt.Lines) == 0:
				rec.Reason, rec.Message = skillkeepr.ReasonNoResumeText, "Imported with the résumé file, but no text was found in it (is it a scanned image?)."
			}
			// Keep the text for shortlisting rather than reading the file again.
			rec.Text = match.Read(txt, err, rec.CandidateFields)
		}
	}
	_, err := ci.store.SaveLeverCandidate(ctx, orgID, runID, rec)
	if err == nil {
		return nil
	}
	switch skillkeepr.ErrorCodeOf(err) {
	case skillkeepr.EINVALID, skillkeepr.ECONFLICT:
		return fail("invalid", "Not imported: "+skillkeepr.ErrorMessage(err))
	}
	return err
}

func fieldMessages(err error) []string {
	var out []string
	for _, m := range skillkeepr.ErrorFields(err) {
		out = append(out, m)
	}
	if len(out) == 0 {
		out = append(out, skillkeepr.ErrorMessage(err))
	}
	return out
}

// download reads a résumé, at most one byte more than the largest accepted.
func download(ctx context.Context, cl *Client, oppID, resumeID string) ([]byte, string, error) {
	d, err := cl.DownloadResume(ctx, oppID, resumeID)
	if err != nil {
		return nil, "", err
	}
	defer d.Close()
	data, err := io.ReadAll(io.LimitReader(d, skillkeepr.MaxResumeSize+1))
	if err != nil {
		return nil, "", &lever.NetworkError{Err: err}
	}
	return data, d.Filename, nil
}
