package web

import (
	"io"
	"mime"
	"net/http"
	"strconv"
	"strings"

	"github.com/skillkeepr/skillkeepr"
)

type applicationView struct {
	*skillkeepr.Application
	Statuses []skillkeepr.ApplicationStatus // statuses the actor may set; empty: no form
	Push     *pushCell                      // Push to Lever; nil when not offered
}

type candidateData struct {
	Candidate    *skillkeepr.Candidate
	Applications []applicationView
	Events       []*skillkeepr.Event
}

// settableStatuses are the statuses people set by hand; archived, hired
// and deleted come from Lever.
var settableStatuses = []skillkeepr.ApplicationStatus{
	skillkeepr.StatusNew, skillkeepr.StatusShortlisted, skillkeepr.StatusInterviewScheduled,
	skillkeepr.StatusInterviewCompleted, skillkeepr.StatusInterviewNoShow, skillkeepr.StatusInterviewCanceled,
	skillkeepr.StatusReviewCompleted, skillkeepr.StatusRecommended, skillkeepr.StatusNotRecommended,
}

func (s *Server) candidatePage(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "Candidate")
	if err != nil {
		return err
	}
	ctx := r.Context()
	a := skillkeepr.ActorFrom(ctx)
	c, err := s.svc.Candidates.FindCandidateByID(ctx, id)
	if err != nil {
		return err
	}
	d := candidateData{Candidate: c}
	for _, app := range c.Applications {
		v := applicationView{Application: app}
		if job, err := s.svc.Jobs.FindJobByID(ctx, app.JobID); err == nil {
			t := skillkeepr.Target{Job: job}
			switch {
			case skillkeepr.Can(a, skillkeepr.ActManageCandidates, t):
				v.Statuses = settableStatuses
			case skillkeepr.Can(a, skillkeepr.ActRecommend, t):
				v.Statuses = []skillkeepr.ApplicationStatus{skillkeepr.StatusRecommended, skillkeepr.StatusNotRecommended}
			}
			if err := s.fillCandidatePush(r, &v, job); err != nil {
				return err
			}
		} else if skillkeepr.ErrorCodeOf(err) != skillkeepr.ENOTFOUND {
			return err
		}
		d.Applications = append(d.Applications, v)
	}
	if d.Events, err = s.svc.Applications.FindEvents(ctx, id); err != nil {
		return err
	}
	return s.render(w, r, http.StatusOK, "candidate", c.Name, d)
}

func (s *Server) setApplicationStatus(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "Application")
	if err != nil {
		return err
	}
	ctx := r.Context()
	app, err := s.svc.Applications.FindApplicationByID(ctx, id)
	if err != nil {
		return err
	}
	st := skillkeepr.ApplicationStatus(r.PostFormValue("status"))
	if !st.Valid() {
		return &skillkeepr.Error{Code: skillkeepr.EINVALID, Message: "Choose a status from the list.",
			Fields: map[string]string{"status": "Choose a status from the list."}}
	}
	note := strings.TrimSpace(r.PostFormValue("note"))
	if len(note) > 5000 {
		return &skillkeepr.Error{Code: skillkeepr.EINVALID, Message: "The note is too long; use at most 5,000 characters."}
	}
	if _, err := s.svc.Applications.SetApplicationStatus(ctx, id, st, note); err != nil {
		return err
	}
	s.setFlash(w, "Status changed to \""+st.Label()+"\" for job #"+strconv.FormatInt(app.JobNumber, 10)+".")
	return redirect(w, r, "/candidates/"+strconv.FormatInt(app.CandidateID, 10))
}

func (s *Server) downloadResume(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "Résumé")
	if err != nil {
		return err
	}
	f, body, err := s.svc.Candidates.OpenResume(r.Context(), id)
	if err != nil {
		return err
	}
	defer body.Close()
	ct := f.ContentType
	switch ct {
	case "":
		ct = "application/octet-stream"
	case skillkeepr.ContentTypeText:
		ct += "; charset=utf-8" // uploads are checked to be UTF-8
	}
	name := f.FileName
	if name == "" {
		name = "resume"
	}
	h := w.Header()
	h.Set("Content-Type", ct)
	h.Set("Content-Disposition", mime.FormatMediaType("attachment", map[string]string{"filename": name}))
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Cache-Control", "private, no-store")
	if f.Size > 0 {
		h.Set("Content-Length", strconv.FormatInt(f.Size, 10))
	}
	_, err = io.Copy(w, body)
	if err != nil {
		s.log.WarnContext(r.Context(), "résumé download interrupted", "err", err)
	}
	return nil
}
