package web

import (
	"errors"
	"io"
	"net/http"
	"strconv"
	"strings"

	"github.com/skillkeepr/skillkeepr"
)

type candidateFormData struct {
	Job      *skillkeepr.Job
	Name     string
	Emails   string
	Phones   string
	Links    string
	Location string
	Fields   map[string]string
	Message  string
	MaxMB    int
}

func (s *Server) renderCandidateForm(w http.ResponseWriter, r *http.Request, status int, d candidateFormData) error {
	d.MaxMB = skillkeepr.MaxResumeSize >> 20
	return s.render(w, r, status, "candidateform", "Add candidate to "+d.Job.DisplayNumber()+" "+d.Job.Title, d)
}

func (s *Server) newCandidatePage(w http.ResponseWriter, r *http.Request) error {
	job, err := s.jobFor(r, skillkeepr.ActManageCandidates)
	if err != nil {
		return err
	}
	return s.renderCandidateForm(w, r, http.StatusOK, candidateFormData{Job: job})
}

// createCandidate reads the multipart form part by part so that an
// oversized file is refused without losing the other fields.
func (s *Server) createCandidate(w http.ResponseWriter, r *http.Request) error {
	job, err := s.jobFor(r, skillkeepr.ActManageCandidates)
	if err != nil {
		return err
	}
	mr, err := r.MultipartReader()
	if err != nil {
		return &skillkeepr.Error{Code: skillkeepr.EINVALID, Message: "The form was not sent correctly. Please try again."}
	}
	d := candidateFormData{Job: job}
	v := skillkeepr.Validation{}
	var (
		csrf   string
		resume *skillkeepr.ResumeUpload
		tooBig bool
	)
	values := map[string]*string{"name": &d.Name, "emails": &d.Emails, "phones": &d.Phones, "links": &d.Links, "location": &d.Location, "csrf_token": &csrf}
	for {
		p, err := mr.NextPart()
		if err == io.EOF {
			break
		}
		var mbe *http.MaxBytesError
		if errors.As(err, &mbe) {
			tooBig = true
			break
		}
		if err != nil {
			return &skillkeepr.Error{Code: skillkeepr.EINVALID, Message: "The form was not sent correctly. Please try again."}
		}
		name := p.FormName()
		if name == "resume" && p.FileName() != "" {
			data, err := io.ReadAll(io.LimitReader(p, skillkeepr.MaxResumeSize+1))
			if errors.As(err, &mbe) {
				tooBig = true
				break
			}
			if err != nil {
				return err
			}
			if len(data) > skillkeepr.MaxResumeSize {
				tooBig = true
				continue // NextPart skips the rest of this file
			}
			resume = &skillkeepr.ResumeUpload{FileName: p.FileName(), Data: data}
			continue
		}
		if dst, ok := values[name]; ok {
			b, err := io.ReadAll(io.LimitReader(p, 64<<10))
			if err != nil {
				if errors.As(err, &mbe) {
					tooBig = true
					break
				}
				return err
			}
			*dst = string(b)
		}
	}
	if !csrfOK(sessionFrom(r.Context()), csrf) {
		return errCSRF
	}
	if tooBig {
		v.Add("resume", "The file is larger than "+strconv.Itoa(skillkeepr.MaxResumeSize>>20)+" MB. Please choose a smaller file.")
	} else if resume != nil {
		if resume, err = skillkeepr.NewResumeUpload(resume.FileName, resume.Data); err != nil {
			v.Add("resume", skillkeepr.ErrorFields(err)["resume"])
		}
	}
	fields := skillkeepr.CandidateFields{Name: d.Name, Emails: skillkeepr.SplitList(d.Emails),
		Phones: skillkeepr.SplitList(d.Phones), Links: splitLines(d.Links), Location: d.Location}
	if err := fields.Validate(); err != nil {
		for k, m := range skillkeepr.ErrorFields(err) {
			v.Add(k, m)
		}
	}
	if len(v) > 0 {
		d.Fields = v
		d.Message = "Please correct the highlighted fields."
		if tooBig && len(v) == 1 {
			d.Message = "The résumé was not accepted; the other fields are kept."
		}
		return s.renderCandidateForm(w, r, http.StatusBadRequest, d)
	}
	c, _, err := s.svc.Candidates.CreateCandidate(r.Context(), skillkeepr.CandidateCreate{
		CandidateFields: fields, JobID: job.ID, Resume: resume, Source: "manual"})
	if err != nil {
		switch skillkeepr.ErrorCodeOf(err) {
		case skillkeepr.EINVALID, skillkeepr.ECONFLICT:
			d.Fields, d.Message = skillkeepr.ErrorFields(err), skillkeepr.ErrorMessage(err)
			return s.renderCandidateForm(w, r, http.StatusBadRequest, d)
		}
		return err
	}
	s.setFlash(w, c.Name+" was added to job "+job.DisplayNumber()+" "+job.Title+".")
	return redirect(w, r, "/candidates/"+strconv.FormatInt(c.ID, 10))
}

// splitLines splits on newlines and commas (links may contain ';').
func splitLines(s string) []string {
	return skillkeepr.CleanList(strings.FieldsFunc(s, func(r rune) bool { return r == '\n' || r == ',' || r == '\r' || r == ' ' }))
}
