package web

import (
	"net/http"

	"github.com/skillkeepr/skillkeepr"
)

func (s *Server) mailboxAllowed(r *http.Request) error {
	if !s.cfg.DevMailbox {
		return skillkeepr.NotFound("Page")
	}
	if !canSeeMailbox(skillkeepr.ActorFrom(r.Context())) {
		return skillkeepr.Forbidden()
	}
	return nil
}

func (s *Server) mailboxPage(w http.ResponseWriter, r *http.Request) error {
	if err := s.mailboxAllowed(r); err != nil {
		return err
	}
	mails, err := s.svc.Mailbox.FindSentEmails(r.Context(), 200)
	if err != nil {
		return err
	}
	return s.render(w, r, http.StatusOK, "mailbox", "Mailbox", mails)
}

func (s *Server) mailPage(w http.ResponseWriter, r *http.Request) error {
	if err := s.mailboxAllowed(r); err != nil {
		return err
	}
	id, err := pathID(r, "Email")
	if err != nil {
		return err
	}
	m, err := s.svc.Mailbox.FindSentEmailByID(r.Context(), id)
	if err != nil {
		return err
	}
	return s.render(w, r, http.StatusOK, "mail", m.Subject, m)
}
