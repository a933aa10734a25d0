package skillkeepr

import (
	"context"
	"slices"
	"strings"
	"time"
)

// JobStatus is the life of a job description.
type JobStatus string

const (
	JobDraft  JobStatus = "draft"
	JobOpen   JobStatus = "open"
	JobClosed JobStatus = "closed"
)

// Valid reports whether s is a known status.
func (s JobStatus) Valid() bool { return s == JobDraft || s == JobOpen || s == JobClosed }

// Label is the name people see.
func (s JobStatus) Label() string {
	switch s {
	case JobDraft:
		return "Draft"
	case JobOpen:
		return "Open"
	case JobClosed:
		return "Closed"
	}
	return string(s)
}

// EmploymentTypes are the employment types a job can have.
var EmploymentTypes = []string{"Full-time", "Part-time", "Contract", "Temporary", "Internship"}

// FirstJobNumber is the ID number of an organisation's first job; people
// see it as "#1001".
const FirstJobNumber = 1001

// Job is a job description (JD) and the hiring work around it.
type Job struct {
	ID                 int64     `json:"id"`
	OrgID              int64     `json:"-"`
	Number             int64     `json:"number"`
	Title              string    `json:"title"`
	DepartmentID       int64     `json:"department_id"`
	DepartmentName     string    `json:"department_name"`
	Location           string    `json:"location"`
	EmploymentType     string    `json:"employment_type"`
	Level              string    `json:"level"`
	Description        string    `json:"description"`
	RequiredSkills     []string  `json:"required_skills"`
	NiceToHaveSkills   []string  `json:"nice_to_have_skills"`
	MinYearsExperience int       `json:"min_years_experience"`
	Status             JobStatus `json:"status"`
	OwnerID            int64     `json:"owner_id"`
	OwnerName          string    `json:"owner_name"`
	RecruiterIDs       []int64   `json:"recruiter_ids"`
	RecruiterNames     []string  `json:"recruiter_names"`
	CollaboratorIDs    []int64   `json:"collaborator_ids"`
	CandidateCount     int       `json:"candidate_count"`
	CreatedAt          time.Time `json:"created_at"`
	UpdatedAt          time.Time `json:"updated_at"`
}

// IsAssignedTo reports whether recruiter userID is assigned to the job.
func (j *Job) IsAssignedTo(userID int64) bool { return slices.Contains(j.RecruiterIDs, userID) }

// DisplayNumber is the ID people see, e.g. "#1001".
func (j *Job) DisplayNumber() string { return "#" + itoa(j.Number) }

// JobFields are the editable fields of a job, shared by create and edit.
type JobFields struct {
	Title              string    `json:"title"`
	DepartmentID       int64     `json:"department_id"`
	Location           string    `json:"location"`
	EmploymentType     string    `json:"employment_type"`
	Level              string    `json:"level"`
	Description        string    `json:"description"`
	RequiredSkills     []string  `json:"required_skills"`
	NiceToHaveSkills   []string  `json:"nice_to_have_skills"`
	MinYearsExperience int       `json:"min_years_experience"`
	Status             JobStatus `json:"status"`
}

// Validate checks and normalises the fields.
func (f *JobFields) Validate() error {
	f.Title = strings.TrimSpace(f.Title)
	f.Location = strings.TrimSpace(f.Location)
	f.EmploymentType = strings.TrimSpace(f.EmploymentType)
	f.Level = strings.TrimSpace(f.Level)
	f.Description = strings.TrimSpace(f.Description)
	f.RequiredSkills = CleanList(f.RequiredSkills)
	f.NiceToHaveSkills = CleanList(f.NiceToHaveSkills)
	if f.Status == "" {
		f.Status = JobOpen
	}
	v := Validation{}
	v.Check(f.Title != "", "title", "Enter the job title.")
	v.Check(len(f.Title) <= 200, "title", "Use at most 200 characters.")
	v.Check(f.DepartmentID != 0, "department_id", "Choose a department.")
	v.Check(f.Location != "", "location", "Enter the location (or \"Remote\").")
	v.Check(f.EmploymentType == "" || slices.Contains(EmploymentTypes, f.EmploymentType), "employment_type", "Choose an employment type from the list.")
	v.Check(f.Description != "", "description", "Enter the job description.")
	v.Check(len(f.Description) <= 50000, "description", "Use at most 50,000 characters.")
	v.Check(f.MinYearsExperience >= 0 && f.MinYearsExperience <= 50, "min_years_experience", "Enter a number of years from 0 to 50.")
	v.Check(f.Status.Valid(), "status", "Choose draft, open or closed.")
	v.Check(len(f.RequiredSkills) <= 100, "required_skills", "List at most 100 skills.")
	v.Check(len(f.NiceToHaveSkills) <= 100, "nice_to_have_skills", "List at most 100 skills.")
	return v.Err()
}

// CleanList trims items, drops empty ones and case-insensitive duplicates,
// keeping the first spelling.
func CleanList(items []string) []string {
	out := make([]string, 0, len(items))
	seen := map[string]bool{}
	for _, s := range items {
		s = strings.TrimSpace(s)
		k := strings.ToLower(s)
		if s == "" || seen[k] {
			continue
		}
		seen[k] = true
		out = append(out, s)
	}
	return out
}

// SplitList splits a comma- or newline-separated form value into a clean list.
func SplitList(s string) []string {
	return CleanList(strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == '\n' || r == ';' }))
}

// JobFilter narrows the jobs list; the actor's visibility always applies.
type JobFilter struct {
	Query        string // title or "#1001"
	Status       JobStatus
	DepartmentID int64
	RecruiterID  int64
	Offset       int
	Limit        int
}

// JobService manages jobs of the actor's organisation.
type JobService interface {
	CreateJob(ctx context.Context, f JobFields) (*Job, error)
	UpdateJob(ctx context.Context, id int64, f JobFields) (*Job, error)
	FindJobByID(ctx context.Context, id int64) (*Job, error)
	FindJobByNumber(ctx context.Context, number int64) (*Job, error)
	// FindJobs lists visible jobs newest first, with the total count.
	FindJobs(ctx context.Context, f JobFilter) ([]*Job, int, error)
	// AssignJob replaces the job's assigned recruiters; each must be an
	// active Recruiter (or Recruiter Admin) of the organisation.
	AssignJob(ctx context.Context, id int64, recruiterIDs []int64) (*Job, error)
	// SetJobCollaborators replaces the job's collaborators.
	SetJobCollaborators(ctx context.Context, id int64, userIDs []int64) (*Job, error)
	// JobStatusCounts returns, per visible job, the number of applications
	// in each status (for the dashboard).
	JobStatusCounts(ctx context.Context) ([]JobStatusCount, error)
}

// JobStatusCount is one dashboard row.
type JobStatusCount struct {
	JobID    int64
	Number   int64
	Title    string
	Counts   map[ApplicationStatus]int
	Total    int
	JobState JobStatus
}
