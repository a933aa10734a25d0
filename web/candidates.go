package web

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/skillkeepr/skillkeepr"
)

type candidatesData struct {
	Rows     []*skillkeepr.CandidateRow
	Query    string
	JobID    int64
	Status   string
	Jobs     []*skillkeepr.Job
	Statuses []skillkeepr.ApplicationStatus
	Pager    pager
	Filtered bool
}

func (s *Server) candidatesPage(w http.ResponseWriter, r *http.Request) error {
	q := r.URL.Query()
	page, offset := pageParam(r)
	d := candidatesData{Query: strings.TrimSpace(q.Get("q")), Status: q.Get("status"), Statuses: skillkeepr.ApplicationStatuses}
	d.JobID, _ = strconv.ParseInt(q.Get("job"), 10, 64)
	f := skillkeepr.CandidateFilter{Query: d.Query, JobID: d.JobID, Offset: offset, Limit: pageSize}
	if st := skillkeepr.ApplicationStatus(d.Status); st.Valid() {
		f.Status = st
	} else {
		d.Status = ""
	}
	d.Filtered = d.Query != "" || d.Status != "" || d.JobID != 0
	rows, total, err := s.svc.Candidates.FindCandidates(r.Context(), f)
	if err != nil {
		return err
	}
	if err := s.maskRows(r, rows); err != nil {
		return err
	}
	d.Rows = rows
	if d.Jobs, _, err = s.svc.Jobs.FindJobs(r.Context(), skillkeepr.JobFilter{Limit: 500}); err != nil {
		return err
	}
	d.Pager = newPager(r, page, total)
	return s.render(w, r, http.StatusOK, "candidates", "Candidates", d)
}
