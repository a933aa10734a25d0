package web

import (
	"net/http"

	"github.com/skillkeepr/skillkeepr"
)

type dashboardData struct {
	Rows      []skillkeepr.JobStatusCount
	Statuses  []skillkeepr.ApplicationStatus
	CanCreate bool
}

// dashboardStatuses are the columns of the dashboard table.
var dashboardStatuses = []skillkeepr.ApplicationStatus{
	skillkeepr.StatusNew, skillkeepr.StatusShortlisted, skillkeepr.StatusInterviewScheduled,
	skillkeepr.StatusInterviewCompleted, skillkeepr.StatusReviewCompleted,
	skillkeepr.StatusRecommended, skillkeepr.StatusNotRecommended,
}

func (s *Server) dashboard(w http.ResponseWriter, r *http.Request) error {
	rows, err := s.svc.Jobs.JobStatusCounts(r.Context())
	if err != nil {
		return err
	}
	return s.render(w, r, http.StatusOK, "dashboard", "Dashboard", dashboardData{
		Rows: rows, Statuses: dashboardStatuses, CanCreate: canCreateSomeJob(skillkeepr.ActorFrom(r.Context())),
	})
}

// canCreateSomeJob decides whether to show "New job".
func canCreateSomeJob(a *skillkeepr.Actor) bool {
	if a == nil {
		return false
	}
	if skillkeepr.Can(a, skillkeepr.ActCreateJob, skillkeepr.Target{}) {
		return true
	}
	for _, d := range a.DepartmentIDs {
		if skillkeepr.Can(a, skillkeepr.ActCreateJob, skillkeepr.Target{DepartmentID: d}) {
			return true
		}
	}
	return false
}
