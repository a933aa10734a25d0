package api

import (
	"net/http"

	"github.com/skillkeepr/skillkeepr"
)

// CandidateCreate adds a candidate to a job (JSON, without a résumé).
type CandidateCreate struct {
	JobID    int64    `json:"job_id"`
	Name     string   `json:"name"`
	Emails   []string `json:"emails,omitempty"`
	Phones   []string `json:"phones,omitempty"`
	Links    []string `json:"links,omitempty"`
	Location string   `json:"location,omitempty"`
}

// CandidateCreateForm documents the multipart/form-data variant of
// CandidateCreate. Emails, phones and links may repeat or hold several
// values separated by commas or new lines.
type CandidateCreateForm struct {
	JobID    int64    `json:"job_id"`
	Name     string   `json:"name"`
	Emails   []string `json:"emails,omitempty"`
	Phones   []string `json:"phones,omitempty"`
	Links    []string `json:"links,omitempty"`
	Location string   `json:"location,omitempty"`
	// Resume is the résumé file: PDF, DOCX or plain text, at most
	// skillkeepr.MaxResumeSize bytes.
	Resume []byte `json:"resume,omitempty" openapi:"binary"`
}

// CandidatePatch edits a candidate; absent fields stay as they are.
type CandidatePatch struct {
	Name     *string   `json:"name,omitempty"`
	Emails   *[]string `json:"emails,omitempty"`
	Phones   *[]string `json:"phones,omitempty"`
	Links    *[]string `json:"links,omitempty"`
	Location *string   `json:"location,omitempty"`
}

// CandidateCreated answers the creation of a candidate: the candidate
// (possibly an existing one with the same email) and the new application.
type CandidateCreated struct {
	Candidate   *skillkeepr.Candidate   `json:"candidate"`
	Application *skillkeepr.Application `json:"application"`
}

func (a *API) listCandidates(w http.ResponseWriter, r *http.Request) error {
	q := newQuery(r)
	f := skillkeepr.CandidateFilter{
		Query:  q.str("q"),
		JobID:  q.id("job_id"),
		Status: skillkeepr.ApplicationStatus(q.str("status")),
	}
	q.v.Check(f.Status == "" || f.Status.Valid(), "status", "Expected an application status such as new or shortlisted.")
	f.Offset, f.Limit = q.page()
	if err := q.err(); err != nil {
		return err
	}
	rows, total, err := a.svc.Candidates.FindCandidates(r.Context(), f)
	if err != nil {
		return err
	}
	if err := a.maskRows(r.Context(), rows); err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, newList(rows, total))
}

func (a *API) createCandidate(w http.ResponseWriter, r *http.Request) error {
	var c skillkeepr.CandidateCreate
	if isMultipart(r) {
		var err error
		if c, err = readCandidateForm(w, r); err != nil {
			return err
		}
	} else {
		var in CandidateCreate
		if err := decodeJSON(w, r, &in); err != nil {
			return err
		}
		c = skillkeepr.CandidateCreate{JobID: in.JobID, CandidateFields: skillkeepr.CandidateFields{
			Name: in.Name, Emails: in.Emails, Phones: in.Phones, Links: in.Links, Location: in.Location}}
	}
	c.Source = "manual"
	v := skillkeepr.Validation{}
	v.Check(c.JobID > 0, "job_id", "Choose the job the candidate applies to.")
	if err := v.Err(); err != nil {
		return err
	}
	cand, app, err := a.svc.Candidates.CreateCandidate(r.Context(), c)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusCreated, &CandidateCreated{Candidate: cand, Application: app})
}

func (a *API) getCandidate(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id", "Candidate")
	if err != nil {
		return err
	}
	c, err := a.svc.Candidates.FindCandidateByID(r.Context(), id)
	if err != nil {
		return err
	}
	if err := a.maskCandidate(r.Context(), c); err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, c)
}

func (a *API) patchCandidate(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id", "Candidate")
	if err != nil {
		return err
	}
	var in CandidatePatch
	if err := decodeJSON(w, r, &in); err != nil {
		return err
	}
	c, err := a.svc.Candidates.FindCandidateByID(r.Context(), id)
	if err != nil {
		return err
	}
	f := skillkeepr.CandidateFields{Name: c.Name, Emails: c.Emails, Phones: c.Phones, Links: c.Links, Location: c.Location}
	set(&f.Name, in.Name)
	set(&f.Emails, in.Emails)
	set(&f.Phones, in.Phones)
	set(&f.Links, in.Links)
	set(&f.Location, in.Location)
	c, err = a.svc.Candidates.UpdateCandidate(r.Context(), id, f)
	if err != nil {
		return err
	}
	if err := a.maskCandidate(r.Context(), c); err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, c)
}

func (a *API) listCandidateEvents(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id", "Candidate")
	if err != nil {
		return err
	}
	// Reading the candidate first makes a candidate the actor may not see
	// "not found" here too, whatever FindEvents does with it.
	cand, err := a.svc.Candidates.FindCandidateByID(r.Context(), id)
	if err != nil {
		return err
	}
	events, err := a.svc.Applications.FindEvents(r.Context(), id)
	if err != nil {
		return err
	}
	if err := a.maskEvents(r.Context(), cand, events); err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, newList(events, len(events)))
}
