package api

import (
	"net/http"

	"github.com/skillkeepr/skillkeepr"
)

// LeverJobImport is a Lever posting to import as a job: the job's fields
// (start from the posting's "fields") and, per status, the Lever stage id
// to move to ("" or absent: don't move; start from "stage_mapping").
type LeverJobImport struct {
	JobCreate
	StageMapping []LeverStageChoice `json:"stage_mapping,omitempty"`
}

// LeverStageChoice maps one of the seven statuses to a Lever stage.
type LeverStageChoice struct {
	Status  skillkeepr.ApplicationStatus `json:"status"`
	StageID string                       `json:"stage_id"`
}

func (a *API) leverJobs() (skillkeepr.LeverJobs, error) {
	if a.cfg.LeverJobs == nil {
		return nil, skillkeepr.Errorf(skillkeepr.EUNAVAILABLE, "This SkillKeepr server is not set up to connect to Lever.")
	}
	return a.cfg.LeverJobs, nil
}

func (a *API) listLeverPostings(w http.ResponseWriter, r *http.Request) error {
	lj, err := a.leverJobs()
	if err != nil {
		return err
	}
	q := newQuery(r)
	f := skillkeepr.LeverPostingFilter{Query: q.str("q"), State: q.str("state")}
	if err := q.err(); err != nil {
		return err
	}
	ps, err := lj.LeverPostings(r.Context(), f)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, newList(ps, len(ps)))
}

// postingID is the Lever posting id of the path; Lever's ids are UUIDs.
func postingID(r *http.Request) (string, error) {
	id := r.PathValue("posting_id")
	if !skillkeepr.ValidLeverID(id) {
		return "", skillkeepr.NotFound("Lever job")
	}
	return id, nil
}

func (a *API) getLeverPosting(w http.ResponseWriter, r *http.Request) error {
	id, err := postingID(r)
	if err != nil {
		return err
	}
	lj, err := a.leverJobs()
	if err != nil {
		return err
	}
	d, err := lj.LeverJobDraft(r.Context(), id)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, d)
}

func (a *API) importLeverPosting(w http.ResponseWriter, r *http.Request) error {
	id, err := postingID(r)
	if err != nil {
		return err
	}
	lj, err := a.leverJobs()
	if err != nil {
		return err
	}
	var in LeverJobImport
	if err := decodeJSON(w, r, &in); err != nil {
		return err
	}
	imp := skillkeepr.LeverJobImport{PostingID: id, Fields: skillkeepr.JobFields{
		Title: in.Title, DepartmentID: in.DepartmentID, Location: in.Location,
		EmploymentType: in.EmploymentType, Level: in.Level, Description: in.Description,
		RequiredSkills: in.RequiredSkills, NiceToHaveSkills: in.NiceToHaveSkills,
		MinYearsExperience: in.MinYearsExperience, Status: in.Status,
	}}
	for _, c := range in.StageMapping {
		imp.StageMapping = append(imp.StageMapping, skillkeepr.LeverStageMap{Status: c.Status, StageID: c.StageID})
	}
	j, err := lj.ImportLeverJob(r.Context(), imp)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusCreated, j)
}

// LeverStageMappingInput replaces an imported job's stage mapping;
// statuses left out do not move.
type LeverStageMappingInput struct {
	StageMapping []LeverStageChoice `json:"stage_mapping"`
}

// leverJob checks that the job of the path is visible before anything
// else, so that another organisation's ids are 404 whatever the setup.
func (a *API) leverJob(r *http.Request) (int64, skillkeepr.LeverJobs, error) {
	id, err := pathID(r, "id", "Job")
	if err != nil {
		return 0, nil, err
	}
	if _, err := a.svc.Jobs.FindJobByID(r.Context(), id); err != nil {
		return 0, nil, err
	}
	lj, err := a.leverJobs()
	return id, lj, err
}

func (a *API) getJobLever(w http.ResponseWriter, r *http.Request) error {
	id, lj, err := a.leverJob(r)
	if err != nil {
		return err
	}
	l, err := lj.LeverJobLink(r.Context(), id)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, l)
}

func (a *API) putJobLeverStageMapping(w http.ResponseWriter, r *http.Request) error {
	id, lj, err := a.leverJob(r)
	if err != nil {
		return err
	}
	var in LeverStageMappingInput
	if err := decodeJSON(w, r, &in); err != nil {
		return err
	}
	var m []skillkeepr.LeverStageMap
	for _, c := range in.StageMapping {
		m = append(m, skillkeepr.LeverStageMap{Status: c.Status, StageID: c.StageID})
	}
	l, err := lj.SetLeverStageMapping(r.Context(), id, m)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, l)
}
