package web

import (
	"net/http"
)

func (s *Server) interviewsPage(w http.ResponseWriter, r *http.Request) error {
	return s.render(w, r, http.StatusOK, "interviews", "Interviews", nil)
}
