package web

import (
	"net/http"
	"strconv"

	"github.com/skillkeepr/skillkeepr"
)

// setSelfIdentification records a candidate's own answers, entered by a
// recruiter. The answers are never shown back; only whether some are on
// file.
func (s *Server) setSelfIdentification(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "Candidate")
	if err != nil {
		return err
	}
	in := skillkeepr.SelfIdentification{Gender: r.PostFormValue("gender"), Ethnicity: r.PostFormValue("ethnicity")}
	if _, err := s.svc.Fairness.SetSelfIdentification(r.Context(), id, in); err != nil {
		return err
	}
	s.setFlash(w, "The candidate's answers were recorded. They are used only in the fairness report, counted in groups.")
	return redirect(w, r, "/candidates/"+strconv.FormatInt(id, 10)+"#self-id")
}
