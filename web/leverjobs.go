package web

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/skillkeepr/skillkeepr"
)

// leverJobsButton is what the Jobs page shows about Lever.
type leverJobsButton struct {
	Show       bool // the person may import Lever jobs on this server
	Connected  bool
	CanConnect bool // a Super Admin: link the Integrations page
}

func (s *Server) leverJobsButton(r *http.Request) (leverJobsButton, error) {
	a := skillkeepr.ActorFrom(r.Context())
	b := leverJobsButton{}
	if s.cfg.LeverJobs == nil || s.cfg.Lever == nil || !skillkeepr.Can(a, skillkeepr.ActImportLeverJobs, skillkeepr.Target{}) {
		return b, nil
	}
	c, err := s.cfg.Lever.LeverConnection(r.Context())
	if err != nil {
		return b, err
	}
	b.Show, b.Connected = true, c.Connected()
	b.CanConnect = skillkeepr.Can(a, skillkeepr.ActManageIntegrations, skillkeepr.Target{})
	return b, nil
}

// leverJobs returns the Lever job import after the permission check.
func (s *Server) leverJobs(r *http.Request) (skillkeepr.LeverJobs, error) {
	if err := skillkeepr.Authorize(skillkeepr.ActorFrom(r.Context()), skillkeepr.ActImportLeverJobs, skillkeepr.Target{}); err != nil {
		return nil, err
	}
	if s.cfg.LeverJobs == nil {
		return nil, skillkeepr.NotFound("Page")
	}
	return s.cfg.LeverJobs, nil
}

// leverProblem renders a Lever failure in plain words; it reports whether
// err was one.
func (s *Server) leverProblem(w http.ResponseWriter, r *http.Request, err error) bool {
	if skillkeepr.ErrorCodeOf(err) != skillkeepr.EUNAVAILABLE {
		return false
	}
	s.renderErrorPage(w, r, http.StatusServiceUnavailable, "Lever is not available", skillkeepr.ErrorMessage(err))
	return true
}

type stateOption struct {
	Value, Label string
}

type leverJobsData struct {
	Postings   []skillkeepr.LeverPosting
	Query      string
	State      string
	States     []stateOption
	Filtered   bool
	CanConnect bool
}

func (s *Server) leverJobsPage(w http.ResponseWriter, r *http.Request) error {
	lj, err := s.leverJobs(r)
	if err != nil {
		return err
	}
	q := r.URL.Query()
	d := leverJobsData{Query: strings.TrimSpace(q.Get("q")), State: q.Get("state"),
		CanConnect: skillkeepr.Can(skillkeepr.ActorFrom(r.Context()), skillkeepr.ActManageIntegrations, skillkeepr.Target{})}
	for _, st := range skillkeepr.LeverPostingStates {
		d.States = append(d.States, stateOption{st, skillkeepr.LeverPostingStateLabel(st)})
	}
	valid := false
	for _, st := range skillkeepr.LeverPostingStates {
		valid = valid || st == d.State
	}
	if !valid {
		d.State = ""
	}
	d.Filtered = d.Query != "" || d.State != ""
	d.Postings, err = lj.LeverPostings(r.Context(), skillkeepr.LeverPostingFilter{Query: d.Query, State: d.State})
	if err != nil {
		if s.leverProblem(w, r, err) {
			return nil
		}
		return err
	}
	return s.render(w, r, http.StatusOK, "leverjobs", "Lever jobs", d)
}

// leverForm is the Lever part of the job form on import.
type leverForm struct {
	Action          string
	Posting         skillkeepr.LeverPosting
	LeverDepartment string
	Stages          []skillkeepr.LeverStage
	Rows            []stageRow
	Existing        *skillkeepr.LeverJobLink // already imported
}

type stageRow struct {
	Field    string
	Label    string
	Selected string
}

func stageRows(m []skillkeepr.LeverStageMap) []stageRow {
	rows := make([]stageRow, 0, len(skillkeepr.LeverStatuses))
	for _, st := range skillkeepr.LeverStatuses {
		rows = append(rows, stageRow{Field: "stage_" + string(st), Label: st.Label(), Selected: skillkeepr.StageFor(m, st).StageID})
	}
	return rows
}

func leverImportPath(postingID string) string {
	return "/jobs/lever/" + url.PathEscape(postingID) + "/import"
}

func (s *Server) renderLeverImport(w http.ResponseWriter, r *http.Request, status int, dr *skillkeepr.LeverJobDraft, d jobFormData) error {
	var err error
	if d.Departments, err = s.jobFormDepartments(r); err != nil {
		return err
	}
	d.EmploymentTypes = skillkeepr.EmploymentTypes
	d.Statuses = jobStatuses
	if d.Lever == nil {
		d.Lever = &leverForm{}
	}
	d.Lever.Action = leverImportPath(dr.Posting.ID)
	d.Lever.Posting, d.Lever.LeverDepartment, d.Lever.Stages = dr.Posting, dr.LeverDepartment, dr.Stages
	if d.Lever.Rows == nil {
		d.Lever.Rows = stageRows(dr.StageMapping)
	}
	return s.render(w, r, status, "jobform", "Import "+dr.Posting.Title+" from Lever", d)
}

func (s *Server) leverImportPage(w http.ResponseWriter, r *http.Request) error {
	lj, err := s.leverJobs(r)
	if err != nil {
		return err
	}
	id := r.PathValue("posting")
	if l, err := lj.LeverJobLinkByPosting(r.Context(), id); err == nil {
		return s.render(w, r, http.StatusOK, "jobform", "Already imported", jobFormData{Lever: &leverForm{Existing: l}})
	} else if skillkeepr.ErrorCodeOf(err) != skillkeepr.ENOTFOUND {
		return err
	}
	dr, err := lj.LeverJobDraft(r.Context(), id)
	if err != nil {
		if s.leverProblem(w, r, err) {
			return nil
		}
		return err
	}
	f := dr.Fields
	return s.renderLeverImport(w, r, http.StatusOK, dr, jobFormData{
		Title: f.Title, DepartmentID: f.DepartmentID, Location: f.Location, EmploymentType: f.EmploymentType,
		Level: f.Level, Description: f.Description, RequiredSkills: strings.Join(f.RequiredSkills, ", "),
		NiceToHave: strings.Join(f.NiceToHaveSkills, ", "), MinYears: strconv.Itoa(f.MinYearsExperience), Status: string(f.Status),
	})
}

func (s *Server) leverImport(w http.ResponseWriter, r *http.Request) error {
	lj, err := s.leverJobs(r)
	if err != nil {
		return err
	}
	id := r.PathValue("posting")
	d, f, v := jobFormFromRequest(r)
	imp := skillkeepr.LeverJobImport{PostingID: id, Fields: f}
	d.Lever = &leverForm{}
	for _, st := range skillkeepr.LeverStatuses {
		sid := r.PostFormValue("stage_" + string(st))
		imp.StageMapping = append(imp.StageMapping, skillkeepr.LeverStageMap{Status: st, StageID: sid})
	}
	d.Lever.Rows = stageRows(imp.StageMapping)
	var job *skillkeepr.Job
	if v = validateJob(&imp.Fields, v); len(v) == 0 {
		job, err = lj.ImportLeverJob(r.Context(), imp)
	} else {
		err = v.Err()
	}
	switch skillkeepr.ErrorCodeOf(err) {
	case "":
		s.setFlash(w, "Job "+job.DisplayNumber()+" "+job.Title+" was imported from Lever.")
		return redirect(w, r, "/jobs")
	case skillkeepr.EINVALID, skillkeepr.ECONFLICT:
		if skillkeepr.ErrorCodeOf(err) == skillkeepr.ECONFLICT {
			if l, lerr := lj.LeverJobLinkByPosting(r.Context(), id); lerr == nil {
				return s.render(w, r, http.StatusConflict, "jobform", "Already imported", jobFormData{Lever: &leverForm{Existing: l}})
			}
		}
		d.Fields, d.Message = skillkeepr.ErrorFields(err), skillkeepr.ErrorMessage(err)
		if len(d.Fields) == 0 {
			d.Fields = map[string]string{"": d.Message}
		}
		dr, derr := lj.LeverJobDraft(r.Context(), id)
		if derr != nil {
			if s.leverProblem(w, r, derr) {
				return nil
			}
			return derr
		}
		return s.renderLeverImport(w, r, http.StatusBadRequest, dr, d)
	}
	if s.leverProblem(w, r, err) {
		return nil
	}
	return err
}

type leverStagesData struct {
	Job     *skillkeepr.Job
	Link    *skillkeepr.LeverJobLink
	Stages  []skillkeepr.LeverStage
	Rows    []stageRow
	Message string
}

// leverStagesFor loads the job, its Lever link and the account's stages.
func (s *Server) leverStagesFor(r *http.Request) (leverStagesData, error) {
	lj, err := s.leverJobs(r)
	if err != nil {
		return leverStagesData{}, err
	}
	job, err := s.jobFor(r, skillkeepr.ActViewJob)
	if err != nil {
		return leverStagesData{}, err
	}
	l, err := lj.LeverJobLink(r.Context(), job.ID)
	if err != nil {
		return leverStagesData{}, err
	}
	st, err := lj.LeverStages(r.Context())
	if err != nil {
		return leverStagesData{}, err
	}
	return leverStagesData{Job: job, Link: l, Stages: st, Rows: stageRows(l.StageMapping)}, nil
}

func (s *Server) leverStagesPage(w http.ResponseWriter, r *http.Request) error {
	d, err := s.leverStagesFor(r)
	if err != nil {
		if s.leverProblem(w, r, err) {
			return nil
		}
		return err
	}
	return s.render(w, r, http.StatusOK, "leverstages", "Stage mapping of "+d.Job.DisplayNumber(), d)
}

func (s *Server) setLeverStages(w http.ResponseWriter, r *http.Request) error {
	d, err := s.leverStagesFor(r)
	if err != nil {
		if s.leverProblem(w, r, err) {
			return nil
		}
		return err
	}
	var m []skillkeepr.LeverStageMap
	for _, st := range skillkeepr.LeverStatuses {
		m = append(m, skillkeepr.LeverStageMap{Status: st, StageID: r.PostFormValue("stage_" + string(st))})
	}
	_, err = s.cfg.LeverJobs.SetLeverStageMapping(r.Context(), d.Job.ID, m)
	switch skillkeepr.ErrorCodeOf(err) {
	case "":
		s.setFlash(w, "The stage mapping of job "+d.Job.DisplayNumber()+" "+d.Job.Title+" was saved.")
		return redirect(w, r, "/jobs/"+strconv.FormatInt(d.Job.ID, 10))
	case skillkeepr.EINVALID:
		d.Rows, d.Message = stageRows(m), skillkeepr.ErrorMessage(err)
		if f := skillkeepr.ErrorFields(err)["stage_mapping"]; f != "" {
			d.Message = f
		}
		return s.render(w, r, http.StatusBadRequest, "leverstages", "Stage mapping of "+d.Job.DisplayNumber(), d)
	}
	if s.leverProblem(w, r, err) {
		return nil
	}
	return err
}
