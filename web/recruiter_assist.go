package web

import (
	"net/http"

	"github.com/skillkeepr/skillkeepr/assist"
)

// assistPage is the Recruiter Assist panel of one application, linked from
// the candidate page and the Interview Shortlist screen.
func (s *Server) recruiterAssistPage(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "Application")
	if err != nil {
		return err
	}
	p, err := assist.For(r.Context(), s.svc, id, s.now())
	if err != nil {
		return err
	}
	return s.render(w, r, http.StatusOK, "assist", "Recruiter Assist — "+p.CandidateName, p)
}
