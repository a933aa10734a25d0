package web

import (
	"context"
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
	// Shortlisting.
	Entry     *skillkeepr.ShortlistEntry // score, not a fit, masking
	CanManage bool
	CanUnmask bool
	// CanSchedule shows Schedule interview (issue #6).
	CanSchedule bool
	Push        *pushCell // Push to Lever; nil when not offered
}

type candidateData struct {
	Candidate    *skillkeepr.Candidate
	Applications []applicationView
	Events       []*skillkeepr.Event
	// WorkLocations is where the candidate said they can work; the form
	// shows for those who may manage one of their applications.
	WorkLocations    []string
	CanSetWorkPlaces bool
	// Collab is the timeline with comments and emails, and the comment box.
	Collab collabView
	Emails []*skillkeepr.LoggedEmail // interview emails with their delivery state (issue #6)
	// Shortlisting: the résumé text with evidence lines, and blind review.
	Masked      bool
	DisplayName string
	Text        *skillkeepr.ResumeText
	Lines       []resumeLine
}

// resumeLine is a line of résumé text and the criteria it is evidence for.
type resumeLine struct {
	N        int
	Text     string
	Evidence []string
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
			v.CanSchedule = s.svc.Interviews != nil && skillkeepr.Can(a, skillkeepr.ActScheduleInterview, t)
			switch {
			case skillkeepr.Can(a, skillkeepr.ActManageCandidates, t):
				v.Statuses = settableStatuses
			case skillkeepr.Can(a, skillkeepr.ActRecommend, t):
				v.Statuses = []skillkeepr.ApplicationStatus{skillkeepr.StatusRecommended, skillkeepr.StatusNotRecommended}
			}
			v.CanManage = skillkeepr.Can(a, skillkeepr.ActManageCandidates, t)
			v.CanUnmask = skillkeepr.Can(a, skillkeepr.ActUnmask, t)
			if err := s.fillCandidatePush(r, &v, job); err != nil {
				return err
			}
		} else if skillkeepr.ErrorCodeOf(err) != skillkeepr.ENOTFOUND {
			return err
		}
		if v.Entry, err = s.svc.Shortlist.ApplicationEntry(ctx, app.ID); err != nil {
			return err
		}
		d.CanSetWorkPlaces = d.CanSetWorkPlaces || v.CanManage
		d.Applications = append(d.Applications, v)
	}
	if d.WorkLocations, err = s.svc.Shortlist.CandidateWorkLocations(ctx, id); err != nil {
		return err
	}
	if d.Events, err = s.svc.Applications.FindEvents(ctx, id); err != nil {
		return err
	}
	if s.svc.Scheduling != nil {
		if d.Emails, err = s.svc.Scheduling.FindCandidateEmails(ctx, id); err != nil {
			return err
		}
	}
	if d.Collab, err = s.collab(r, id, d.Events, d.Emails); err != nil {
		return err
	}
	if err := s.fillResumeText(ctx, &d); err != nil {
		return err
	}
	return s.render(w, r, candidateStatus(r), "candidate", d.DisplayName, d)
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
	if masked, err := s.svc.Shortlist.CandidateMasked(r.Context(), f.CandidateID); err != nil || masked {
		if err == nil {
			err = skillkeepr.ErrResumeFileMasked()
		}
		return err
	}
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

// fillResumeText adds the résumé text with its evidence lines and, during
// blind review, hides who the candidate is: if any application the actor
// sees is still masked, the whole page is.
func (s *Server) fillResumeText(ctx context.Context, d *candidateData) error {
	c := d.Candidate
	d.DisplayName = c.Name
	var entries []*skillkeepr.ShortlistEntry
	for _, v := range d.Applications {
		entries = append(entries, v.Entry)
		if v.Entry.Masked && !d.Masked {
			d.Masked, d.DisplayName = true, v.Entry.DisplayName()
		}
	}
	text, masked, err := s.svc.Shortlist.CandidateResumeText(ctx, c.ID)
	if err != nil {
		return err
	}
	if masked && !d.Masked { // an application the page does not list is masked
		d.Masked, d.DisplayName = true, "Candidate"
	}
	if d.Masked {
		for _, e := range d.Events {
			e.Message = maskMessage(e.Message, c)
		}
	}
	d.Text = text
	if text == nil {
		return nil
	}
	ev := evidenceLines(entries)
	for _, l := range text.Lines {
		d.Lines = append(d.Lines, resumeLine{N: l.N, Text: l.Text, Evidence: ev[l.N]})
	}
	return nil
}

// setWorkLocations records where the candidate said they can work (one
// place per line or comma); a refused answer comes back as a message on
// the candidate's page.
func (s *Server) setWorkLocations(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "Candidate")
	if err != nil {
		return err
	}
	page := "/candidates/" + strconv.FormatInt(id, 10)
	places, err := s.svc.Shortlist.SetWorkLocations(r.Context(), id, skillkeepr.SplitList(r.PostFormValue("work_locations")))
	switch {
	case skillkeepr.ErrorCodeOf(err) == skillkeepr.EINVALID:
		msg := skillkeepr.ErrorMessage(err)
		if f := skillkeepr.ErrorFields(err)["work_locations"]; f != "" {
			msg = f
		}
		s.setFlash(w, "!"+msg)
		return redirect(w, r, page+"#work-locations")
	case err != nil:
		return err
	case len(places) == 0:
		s.setFlash(w, "The answer about where the candidate can work is cleared; location criteria read \"not asked yet\".")
	default:
		s.setFlash(w, "Recorded: the candidate can work in "+strings.Join(places, ", ")+". Their scores are being updated.")
	}
	return redirect(w, r, page+"#work-locations")
}
