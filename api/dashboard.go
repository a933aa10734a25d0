package api

import (
	"net/http"

	"github.com/skillkeepr/skillkeepr"
)

// DashboardRow is one visible job with its application counts per status.
type DashboardRow struct {
	JobID  int64                `json:"job_id"`
	Number int64                `json:"number"`
	Title  string               `json:"title"`
	Status skillkeepr.JobStatus `json:"status"`
	// Counts maps an application status to the number of applications in
	// it; statuses without applications may be absent.
	Counts map[skillkeepr.ApplicationStatus]int `json:"counts"`
	Total  int                                  `json:"total"`
}

func (a *API) getDashboard(w http.ResponseWriter, r *http.Request) error {
	counts, err := a.svc.Jobs.JobStatusCounts(r.Context())
	if err != nil {
		return err
	}
	rows := make([]*DashboardRow, len(counts))
	for i, c := range counts {
		rows[i] = &DashboardRow{JobID: c.JobID, Number: c.Number, Title: c.Title, Status: c.JobState,
			Counts: c.Counts, Total: c.Total}
	}
	return writeJSON(w, http.StatusOK, newList(rows, len(rows)))
}
