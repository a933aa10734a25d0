package api

import (
	"net/http"

	"github.com/skillkeepr/skillkeepr"
	"github.com/skillkeepr/skillkeepr/fairness"
)

// FairnessReport is the fairness report of a job at the shortlist step.
// Groups under MinGroupSize candidates are suppressed: their counts are
// absent and "suppressed" is true.
type FairnessReport struct {
	JobID        int64           `json:"job_id"`
	MinGroupSize int             `json:"min_group_size"`
	Report       fairness.Report `json:"report"`
}

// SelfIDOptions are the answers accepted for self-identification.
type SelfIDOptions struct {
	Gender    []skillkeepr.SelfIDOption `json:"gender"`
	Ethnicity []skillkeepr.SelfIDOption `json:"ethnicity"`
}

func (a *API) getJobFairness(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id", "Job")
	if err != nil {
		return err
	}
	job, rows, err := a.svc.Fairness.FairnessRows(r.Context(), id)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, FairnessReport{JobID: job.ID, MinGroupSize: fairness.MinGroupSize, Report: fairness.Compute(rows)})
}

func (a *API) getSelfIDOptions(w http.ResponseWriter, r *http.Request) error {
	return writeJSON(w, http.StatusOK, SelfIDOptions{Gender: skillkeepr.GenderOptions, Ethnicity: skillkeepr.EthnicityOptions})
}

func (a *API) getSelfIdentification(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id", "Candidate")
	if err != nil {
		return err
	}
	rec, err := a.svc.Fairness.SelfIdentificationRecord(r.Context(), id)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, rec)
}

func (a *API) putSelfIdentification(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id", "Candidate")
	if err != nil {
		return err
	}
	var in skillkeepr.SelfIdentification
	if err := decodeJSON(w, r, &in); err != nil {
		return err
	}
	rec, err := a.svc.Fairness.SetSelfIdentification(r.Context(), id, in)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, rec)
}

func (a *API) postAssist(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id", "Application")
	if err != nil {
		return err
	}
	if a.svc.Assist == nil {
		return skillkeepr.Errorf(skillkeepr.EUNAVAILABLE, "The language-model assistant is not turned on for this server.")
	}
	g, err := a.svc.Assist.RequestAssist(r.Context(), id)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusAccepted, g)
}

func (a *API) getAssist(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id", "Application")
	if err != nil {
		return err
	}
	if a.svc.Assist == nil {
		return skillkeepr.NotFound("Suggestion")
	}
	g, err := a.svc.Assist.LatestAssist(r.Context(), id)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, g)
}
