package web

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/skillkeepr/skillkeepr"
)

type jobRow struct {
	*skillkeepr.Job
	CanAssign bool
}

type jobsData struct {
	Jobs        []jobRow
	Query       string
	Status      string
	Department  int64
	Departments []*skillkeepr.Department
	Statuses    []skillkeepr.JobStatus
	Pager       pager
	CanCreate   bool
	Filtered    bool
	Lever       leverJobsButton
}

var jobStatuses = []skillkeepr.JobStatus{skillkeepr.JobDraft, skillkeepr.JobOpen, skillkeepr.JobClosed}

func (s *Server) jobsPage(w http.ResponseWriter, r *http.Request) error {
	a := skillkeepr.ActorFrom(r.Context())
	q := r.URL.Query()
	page, offset := pageParam(r)
	d := jobsData{
		Query:     strings.TrimSpace(q.Get("q")),
		Status:    q.Get("status"),
		Statuses:  jobStatuses,
		CanCreate: canCreateSomeJob(a),
	}
	d.Department, _ = strconv.ParseInt(q.Get("department"), 10, 64)
	f := skillkeepr.JobFilter{Query: d.Query, DepartmentID: d.Department, Offset: offset, Limit: pageSize}
	if st := skillkeepr.JobStatus(d.Status); st.Valid() {
		f.Status = st
	} else {
		d.Status = ""
	}
	d.Filtered = d.Query != "" || d.Status != "" || d.Department != 0
	jobs, total, err := s.svc.Jobs.FindJobs(r.Context(), f)
	if err != nil {
		return err
	}
	if d.Departments, err = s.svc.Departments.FindDepartments(r.Context()); err != nil {
		return err
	}
	for _, j := range jobs {
		d.Jobs = append(d.Jobs, jobRow{Job: j, CanAssign: skillkeepr.Can(a, skillkeepr.ActAssignJob, skillkeepr.Target{Job: j})})
	}
	if d.Lever, err = s.leverJobsButton(r); err != nil {
		return err
	}
	d.Pager = newPager(r, page, total)
	return s.render(w, r, http.StatusOK, "jobs", "Jobs", d)
}
