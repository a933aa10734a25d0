package web

import (
	"net/http"
	"strconv"

	"github.com/skillkeepr/skillkeepr"
)

// Import Candidates on the job page: starts a background import of the
// job's Lever candidates; the import status panel shows its progress and
// See More the detailed log, where failed candidates have Retry.

// fillImport adds the latest import and the Import Candidates button to a
// job page of a job imported from Lever.
func (s *Server) fillImport(r *http.Request, d *jobData) error {
	d.CanImport = skillkeepr.Can(skillkeepr.ActorFrom(r.Context()), skillkeepr.ActManageCandidates, skillkeepr.Target{Job: d.Job})
	runs, err := s.cfg.LeverImports.LeverImportRuns(r.Context(), d.Job.ID)
	if err != nil {
		return err
	}
	if len(runs) > 0 {
		d.Import = runs[0]
	}
	return nil
}

func (s *Server) startLeverImport(w http.ResponseWriter, r *http.Request) error {
	if s.cfg.LeverImports == nil {
		return skillkeepr.NotFound("Page")
	}
	job, err := s.jobFor(r, skillkeepr.ActManageCandidates)
	if err != nil {
		return err
	}
	run, err := s.cfg.LeverImports.StartLeverImport(r.Context(), job.ID)
	switch skillkeepr.ErrorCodeOf(err) {
	case "":
	case skillkeepr.EUNAVAILABLE, skillkeepr.EINVALID:
		s.renderErrorPage(w, r, http.StatusServiceUnavailable, "Candidates cannot be imported just now", skillkeepr.ErrorMessage(err))
		return nil
	default:
		return err
	}
	if run.Done() > 0 {
		s.setFlash(w, "An import of candidates from Lever is already running for this job; its progress is shown below.")
	} else {
		s.setFlash(w, "Importing candidates from Lever. This runs in the background: you can close this page and come back later.")
	}
	return redirect(w, r, "/jobs/"+strconv.FormatInt(job.ID, 10)+"#import-status")
}

type leverImportData struct {
	Run       *skillkeepr.LeverImportRun
	CanManage bool
	CanRetry  bool
}

func (s *Server) importRunFor(r *http.Request) (*skillkeepr.LeverImportRun, bool, error) {
	if s.cfg.LeverImports == nil {
		return nil, false, skillkeepr.NotFound("Page")
	}
	id, err := pathID(r, "Import")
	if err != nil {
		return nil, false, err
	}
	run, err := s.cfg.LeverImports.LeverImportRun(r.Context(), id)
	if err != nil {
		return nil, false, err
	}
	job, err := s.svc.Jobs.FindJobByID(r.Context(), run.JobID)
	if err != nil {
		return nil, false, err
	}
	return run, skillkeepr.Can(skillkeepr.ActorFrom(r.Context()), skillkeepr.ActManageCandidates, skillkeepr.Target{Job: job}), nil
}

func (s *Server) leverImportLogPage(w http.ResponseWriter, r *http.Request) error {
	run, manage, err := s.importRunFor(r)
	if err != nil {
		return err
	}
	d := leverImportData{Run: run, CanManage: manage,
		CanRetry: manage && run.State != skillkeepr.ImportRunning && (run.Failed > 0 || run.State == skillkeepr.ImportPaused || run.State == skillkeepr.ImportFailed)}
	return s.render(w, r, http.StatusOK, "leverimport", "Import of candidates for #"+strconv.FormatInt(run.JobNumber, 10), d)
}

func (s *Server) retryLeverImport(w http.ResponseWriter, r *http.Request) error {
	run, manage, err := s.importRunFor(r)
	if err != nil {
		return err
	}
	if !manage {
		return skillkeepr.Forbidden()
	}
	entry := formInt64(r, "entry")
	_, err = s.cfg.LeverImports.RetryLeverImport(r.Context(), run.ID, entry)
	switch skillkeepr.ErrorCodeOf(err) {
	case "":
	case skillkeepr.ECONFLICT, skillkeepr.EUNAVAILABLE:
		s.renderErrorPage(w, r, http.StatusConflict, "The import cannot be retried just now", skillkeepr.ErrorMessage(err))
		return nil
	default:
		return err
	}
	if entry != 0 {
		s.setFlash(w, "Trying that candidate again. The result appears in the log below.")
	} else {
		s.setFlash(w, "The import is running again. Results appear in the log below.")
	}
	return redirect(w, r, "/lever-imports/"+strconv.FormatInt(run.ID, 10))
}
