package api

import (
	"net/http"

	"github.com/skillkeepr/skillkeepr"
)

// JobCreate is a new job description.
type JobCreate struct {
	Title              string               `json:"title"`
	DepartmentID       int64                `json:"department_id"`
	Location           string               `json:"location"`
	EmploymentType     string               `json:"employment_type,omitempty"`
	Level              string               `json:"level,omitempty"`
	Description        string               `json:"description"`
	RequiredSkills     []string             `json:"required_skills,omitempty"`
	NiceToHaveSkills   []string             `json:"nice_to_have_skills,omitempty"`
	MinYearsExperience int                  `json:"min_years_experience,omitempty"`
	Status             skillkeepr.JobStatus `json:"status,omitempty"` // default open
}

// JobPatch edits a job; absent fields stay as they are.
type JobPatch struct {
	Title              *string               `json:"title,omitempty"`
	DepartmentID       *int64                `json:"department_id,omitempty"`
	Location           *string               `json:"location,omitempty"`
	EmploymentType     *string               `json:"employment_type,omitempty"`
	Level              *string               `json:"level,omitempty"`
	Description        *string               `json:"description,omitempty"`
	RequiredSkills     *[]string             `json:"required_skills,omitempty"`
	NiceToHaveSkills   *[]string             `json:"nice_to_have_skills,omitempty"`
	MinYearsExperience *int                  `json:"min_years_experience,omitempty"`
	Status             *skillkeepr.JobStatus `json:"status,omitempty"`
}

// JobRecruiters is the full list of recruiters assigned to a job.
type JobRecruiters struct {
	RecruiterIDs []int64 `json:"recruiter_ids"`
}

// JobCollaborators is the full list of a job's collaborators.
type JobCollaborators struct {
	CollaboratorIDs []int64 `json:"collaborator_ids"`
}

func (a *API) listJobs(w http.ResponseWriter, r *http.Request) error {
	q := newQuery(r)
	f := skillkeepr.JobFilter{
		Query:        q.str("q"),
		Status:       skillkeepr.JobStatus(q.str("status")),
		DepartmentID: q.id("department_id"),
		RecruiterID:  q.id("recruiter_id"),
	}
	q.v.Check(f.Status == "" || f.Status.Valid(), "status", "Expected draft, open or closed.")
	f.Offset, f.Limit = q.page()
	if err := q.err(); err != nil {
		return err
	}
	jobs, total, err := a.svc.Jobs.FindJobs(r.Context(), f)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, newList(jobs, total))
}

func (a *API) createJob(w http.ResponseWriter, r *http.Request) error {
	var in JobCreate
	if err := decodeJSON(w, r, &in); err != nil {
		return err
	}
	j, err := a.svc.Jobs.CreateJob(r.Context(), skillkeepr.JobFields{
		Title: in.Title, DepartmentID: in.DepartmentID, Location: in.Location,
		EmploymentType: in.EmploymentType, Level: in.Level, Description: in.Description,
		RequiredSkills: in.RequiredSkills, NiceToHaveSkills: in.NiceToHaveSkills,
		MinYearsExperience: in.MinYearsExperience, Status: in.Status,
	})
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusCreated, j)
}

func (a *API) getJob(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id", "Job")
	if err != nil {
		return err
	}
	j, err := a.svc.Jobs.FindJobByID(r.Context(), id)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, j)
}

func (a *API) patchJob(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id", "Job")
	if err != nil {
		return err
	}
	var in JobPatch
	if err := decodeJSON(w, r, &in); err != nil {
		return err
	}
	j, err := a.svc.Jobs.FindJobByID(r.Context(), id)
	if err != nil {
		return err
	}
	f := skillkeepr.JobFields{
		Title: j.Title, DepartmentID: j.DepartmentID, Location: j.Location,
		EmploymentType: j.EmploymentType, Level: j.Level, Description: j.Description,
		RequiredSkills: j.RequiredSkills, NiceToHaveSkills: j.NiceToHaveSkills,
		MinYearsExperience: j.MinYearsExperience, Status: j.Status,
	}
	set(&f.Title, in.Title)
	set(&f.DepartmentID, in.DepartmentID)
	set(&f.Location, in.Location)
	set(&f.EmploymentType, in.EmploymentType)
	set(&f.Level, in.Level)
	set(&f.Description, in.Description)
	set(&f.RequiredSkills, in.RequiredSkills)
	set(&f.NiceToHaveSkills, in.NiceToHaveSkills)
	set(&f.MinYearsExperience, in.MinYearsExperience)
	set(&f.Status, in.Status)
	j, err = a.svc.Jobs.UpdateJob(r.Context(), id, f)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, j)
}

// set stores *v in dst when v is not nil.
func set[T any](dst *T, v *T) {
	if v != nil {
		*dst = *v
	}
}

func (a *API) putJobRecruiters(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id", "Job")
	if err != nil {
		return err
	}
	var in JobRecruiters
	if err := decodeJSON(w, r, &in); err != nil {
		return err
	}
	if in.RecruiterIDs == nil {
		return fieldError("recruiter_ids", "List the recruiters' ids; an empty list unassigns everyone.")
	}
	j, err := a.svc.Jobs.AssignJob(r.Context(), id, in.RecruiterIDs)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, j)
}

func (a *API) putJobCollaborators(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id", "Job")
	if err != nil {
		return err
	}
	var in JobCollaborators
	if err := decodeJSON(w, r, &in); err != nil {
		return err
	}
	if in.CollaboratorIDs == nil {
		return fieldError("collaborator_ids", "List the collaborators' ids; an empty list removes everyone.")
	}
	j, err := a.svc.Jobs.SetJobCollaborators(r.Context(), id, in.CollaboratorIDs)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, j)
}
