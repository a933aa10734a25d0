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

// SelfIDOptions are the questions of self-identification with the answers
// the organisation accepts.
type SelfIDOptions struct {
	Questions []skillkeepr.SelfIDQuestion `json:"questions"`
}

// SelfIDOptionsInput replaces the answers offered for one question: their
// labels in order (values are derived from them); an empty list restores
// the shipped answers. "Prefer not to say" is always added last.
type SelfIDOptionsInput struct {
	Labels []string `json:"labels"`
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
	qs, err := a.svc.Fairness.SelfIDQuestions(r.Context())
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, FairnessReport{JobID: job.ID, MinGroupSize: fairness.MinGroupSize, Report: fairness.ComputeWith(rows, qs)})
}

func (a *API) getSelfIDOptions(w http.ResponseWriter, r *http.Request) error {
	qs, err := a.svc.Fairness.SelfIDQuestions(r.Context())
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, SelfIDOptions{Questions: qs})
}

func (a *API) putSelfIDOptions(w http.ResponseWriter, r *http.Request) error {
	var in SelfIDOptionsInput
	if err := decodeJSON(w, r, &in); err != nil {
		return err
	}
	opts := make([]skillkeepr.SelfIDOption, 0, len(in.Labels))
	for _, l := range in.Labels {
		opts = append(opts, skillkeepr.SelfIDOption{Label: l})
	}
	qs, err := a.svc.Fairness.SetSelfIDOptions(r.Context(), r.PathValue("question"), opts)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, SelfIDOptions{Questions: qs})
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
