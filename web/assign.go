package web

import (
	"net/http"
	"strings"

	"github.com/skillkeepr/skillkeepr"
)

type assignData struct {
	Job        *skillkeepr.Job
	Recruiters []*skillkeepr.User
}

func (s *Server) assignPage(w http.ResponseWriter, r *http.Request) error {
	job, err := s.jobFor(r, skillkeepr.ActAssignJob)
	if err != nil {
		return err
	}
	users, _, err := s.svc.Users.FindUsers(r.Context(), skillkeepr.UserFilter{Role: skillkeepr.RoleRecruiter, ActiveOnly: true, Limit: 1000})
	if err != nil {
		return err
	}
	return s.render(w, r, http.StatusOK, "assign", "Assign "+job.DisplayNumber()+" "+job.Title, assignData{Job: job, Recruiters: users})
}

func (s *Server) assignJob(w http.ResponseWriter, r *http.Request) error {
	job, err := s.jobFor(r, skillkeepr.ActAssignJob)
	if err != nil {
		return err
	}
	job, err = s.svc.Jobs.AssignJob(r.Context(), job.ID, formInt64s(r, "recruiter_id"))
	if err != nil {
		return err
	}
	msg := "Job " + job.DisplayNumber() + " " + job.Title + " has no recruiter assigned now."
	if len(job.RecruiterNames) > 0 {
		msg = "Job " + job.DisplayNumber() + " " + job.Title + " is now assigned to " + strings.Join(job.RecruiterNames, ", ") + "."
	}
	s.setFlash(w, msg)
	return redirect(w, r, "/jobs")
}
