package web

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/skillkeepr/skillkeepr"
)

type jobFormData struct {
	Job             *skillkeepr.Job // nil for a new job
	Title           string
	DepartmentID    int64
	Location        string
	EmploymentType  string
	Level           string
	Description     string
	RequiredSkills  string
	NiceToHave      string
	MinYears        string
	Status          string
	Departments     []*skillkeepr.Department
	EmploymentTypes []string
	Statuses        []skillkeepr.JobStatus
	Fields          map[string]string
	Message         string
	Lever           *leverForm // importing from Lever
}

func (s *Server) jobFormDepartments(r *http.Request) ([]*skillkeepr.Department, error) {
	a := skillkeepr.ActorFrom(r.Context())
	all, err := s.svc.Departments.FindDepartments(r.Context())
	if err != nil {
		return nil, err
	}
	if skillkeepr.Can(a, skillkeepr.ActCreateJob, skillkeepr.Target{}) {
		return all, nil // admins: every department
	}
	var mine []*skillkeepr.Department
	for _, d := range all {
		if skillkeepr.Can(a, skillkeepr.ActCreateJob, skillkeepr.Target{DepartmentID: d.ID}) {
			mine = append(mine, d)
		}
	}
	return mine, nil
}

func (s *Server) renderJobForm(w http.ResponseWriter, r *http.Request, status int, d jobFormData) error {
	var err error
	if d.Departments, err = s.jobFormDepartments(r); err != nil {
		return err
	}
	d.EmploymentTypes = skillkeepr.EmploymentTypes
	d.Statuses = jobStatuses
	title := "New job"
	if d.Job != nil {
		title = "Edit job " + d.Job.DisplayNumber()
	}
	return s.render(w, r, status, "jobform", title, d)
}

func (s *Server) newJobPage(w http.ResponseWriter, r *http.Request) error {
	if !canCreateSomeJob(skillkeepr.ActorFrom(r.Context())) {
		return skillkeepr.Forbidden()
	}
	return s.renderJobForm(w, r, http.StatusOK, jobFormData{Status: string(skillkeepr.JobOpen), MinYears: "0"})
}

// jobFormFromRequest reads the posted form; a bad number is a field error.
func jobFormFromRequest(r *http.Request) (jobFormData, skillkeepr.JobFields, skillkeepr.Validation) {
	d := jobFormData{
		Title:          r.PostFormValue("title"),
		DepartmentID:   formInt64(r, "department_id"),
		Location:       r.PostFormValue("location"),
		EmploymentType: r.PostFormValue("employment_type"),
		Level:          r.PostFormValue("level"),
		Description:    r.PostFormValue("description"),
		RequiredSkills: r.PostFormValue("required_skills"),
		NiceToHave:     r.PostFormValue("nice_to_have_skills"),
		MinYears:       strings.TrimSpace(r.PostFormValue("min_years_experience")),
		Status:         r.PostFormValue("status"),
	}
	v := skillkeepr.Validation{}
	years := 0
	if d.MinYears != "" {
		n, err := strconv.Atoi(d.MinYears)
		if err != nil {
			v.Add("min_years_experience", "Enter a whole number of years, like 3.")
		}
		years = n
	}
	f := skillkeepr.JobFields{
		Title: d.Title, DepartmentID: d.DepartmentID, Location: d.Location,
		EmploymentType: d.EmploymentType, Level: d.Level, Description: d.Description,
		RequiredSkills: skillkeepr.SplitList(d.RequiredSkills), NiceToHaveSkills: skillkeepr.SplitList(d.NiceToHave),
		MinYearsExperience: years, Status: skillkeepr.JobStatus(d.Status),
	}
	return d, f, v
}

// validateJob merges our parse errors with the domain's field errors.
func validateJob(f *skillkeepr.JobFields, v skillkeepr.Validation) skillkeepr.Validation {
	if err := f.Validate(); err != nil {
		for k, m := range skillkeepr.ErrorFields(err) {
			v.Add(k, m)
		}
	}
	return v
}

func (s *Server) createJob(w http.ResponseWriter, r *http.Request) error {
	d, f, v := jobFormFromRequest(r)
	if v = validateJob(&f, v); len(v) > 0 {
		d.Fields = v
		return s.renderJobForm(w, r, http.StatusBadRequest, d)
	}
	job, err := s.svc.Jobs.CreateJob(r.Context(), f)
	if err != nil {
		if skillkeepr.ErrorCodeOf(err) == skillkeepr.EINVALID {
			d.Fields, d.Message = skillkeepr.ErrorFields(err), skillkeepr.ErrorMessage(err)
			return s.renderJobForm(w, r, http.StatusBadRequest, d)
		}
		return err
	}
	s.setFlash(w, "Job "+job.DisplayNumber()+" "+job.Title+" was created.")
	return redirect(w, r, "/jobs/"+strconv.FormatInt(job.ID, 10))
}

func (s *Server) editJobPage(w http.ResponseWriter, r *http.Request) error {
	job, err := s.jobFor(r, skillkeepr.ActEditJob)
	if err != nil {
		return err
	}
	return s.renderJobForm(w, r, http.StatusOK, jobFormData{
		Job: job, Title: job.Title, DepartmentID: job.DepartmentID, Location: job.Location,
		EmploymentType: job.EmploymentType, Level: job.Level, Description: job.Description,
		RequiredSkills: strings.Join(job.RequiredSkills, ", "), NiceToHave: strings.Join(job.NiceToHaveSkills, ", "),
		MinYears: strconv.Itoa(job.MinYearsExperience), Status: string(job.Status),
	})
}

func (s *Server) updateJob(w http.ResponseWriter, r *http.Request) error {
	job, err := s.jobFor(r, skillkeepr.ActEditJob)
	if err != nil {
		return err
	}
	d, f, v := jobFormFromRequest(r)
	d.Job = job
	if v = validateJob(&f, v); len(v) > 0 {
		d.Fields = v
		return s.renderJobForm(w, r, http.StatusBadRequest, d)
	}
	job, err = s.svc.Jobs.UpdateJob(r.Context(), job.ID, f)
	if err != nil {
		if skillkeepr.ErrorCodeOf(err) == skillkeepr.EINVALID {
			d.Fields, d.Message = skillkeepr.ErrorFields(err), skillkeepr.ErrorMessage(err)
			return s.renderJobForm(w, r, http.StatusBadRequest, d)
		}
		return err
	}
	s.setFlash(w, "Job "+job.DisplayNumber()+" "+job.Title+" was saved.")
	return redirect(w, r, "/jobs/"+strconv.FormatInt(job.ID, 10))
}
