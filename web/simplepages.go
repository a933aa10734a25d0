package web

import (
	"net/http"

	"github.com/skillkeepr/skillkeepr"
)

func (s *Server) interviewsPage(w http.ResponseWriter, r *http.Request) error {
	return s.render(w, r, http.StatusOK, "interviews", "Interviews", nil)
}

func (s *Server) integrationsPage(w http.ResponseWriter, r *http.Request) error {
	if err := s.requireAction(r, skillkeepr.ActManageIntegrations); err != nil {
		return err
	}
	return s.render(w, r, http.StatusOK, "integrations", "Integrations", nil)
}
