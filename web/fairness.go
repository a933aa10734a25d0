package web

import (
	"net/http"

	"github.com/skillkeepr/skillkeepr"
	"github.com/skillkeepr/skillkeepr/fairness"
)

type fairnessData struct {
	Job          *skillkeepr.Job
	Report       fairness.Report
	MinGroupSize int
	// CanChangeOptions: the Super Admin may change the answers offered.
	CanChangeOptions bool
}

// fairnessPage shows the job's fairness report at the shortlist step, to
// everyone who may see the job and its candidates.
func (s *Server) fairnessPage(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "Job")
	if err != nil {
		return err
	}
	job, rows, err := s.svc.Fairness.FairnessRows(r.Context(), id)
	if err != nil {
		return err
	}
	qs, err := s.svc.Fairness.SelfIDQuestions(r.Context())
	if err != nil {
		return err
	}
	d := fairnessData{Job: job, Report: fairness.ComputeWith(rows, qs), MinGroupSize: fairness.MinGroupSize,
		CanChangeOptions: skillkeepr.Can(skillkeepr.ActorFrom(r.Context()), skillkeepr.ActManageOrganization, skillkeepr.Target{})}
	return s.render(w, r, http.StatusOK, "fairness", "Fairness report: "+job.DisplayNumber()+" "+job.Title, d)
}
