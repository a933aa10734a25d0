package web

import (
	"errors"
	"log/slog"
	"net/http"

	"github.com/skillkeepr/skillkeepr"
)

type integrationsData struct {
	Lever     *skillkeepr.LeverConnection // nil when this server has no Lever integration
	OAuth     bool                        // signing in to Lever is set up
	Connected bool
	Revoked   bool
	// CanRegisterUpdates shows "Register for Lever updates".
	CanRegisterUpdates bool
}

// requireIntegrations lets only Super Admins through (permission matrix:
// connect / disconnect Lever).
func requireIntegrations(r *http.Request) error {
	return skillkeepr.Authorize(skillkeepr.ActorFrom(r.Context()), skillkeepr.ActManageIntegrations, skillkeepr.Target{})
}

// lever returns the Lever integration after the permission check; a server
// without one has no Lever pages.
func (s *Server) lever(r *http.Request) (skillkeepr.LeverIntegration, error) {
	if err := requireIntegrations(r); err != nil {
		return nil, err
	}
	if s.cfg.Lever == nil {
		return nil, skillkeepr.NotFound("Page")
	}
	return s.cfg.Lever, nil
}

func (s *Server) integrationsPage(w http.ResponseWriter, r *http.Request) error {
	if err := requireIntegrations(r); err != nil {
		return err
	}
	d := integrationsData{}
	if s.cfg.Lever != nil {
		c, err := s.cfg.Lever.LeverConnection(r.Context())
		if err != nil {
			return err
		}
		d.Lever, d.OAuth = c, s.cfg.Lever.OAuthConfigured()
		d.Connected, d.Revoked = c.Status == skillkeepr.LeverConnected, c.Status == skillkeepr.LeverRevoked
		d.CanRegisterUpdates = s.cfg.LeverUpdates != nil
	}
	return s.render(w, r, http.StatusOK, "integrations", "Integrations", d)
}

// leverConnectPage is the Confirm page: what SkillKeepr will be able to do
// in Lever, and that Lever's sign-in comes next.
func (s *Server) leverConnectPage(w http.ResponseWriter, r *http.Request) error {
	lv, err := s.lever(r)
	if err != nil {
		return err
	}
	if o := lv.AuthorizeOrigin(); o != "" {
		w.Header().Set("Content-Security-Policy", contentSecurityPolicy(o))
	}
	return s.render(w, r, http.StatusOK, "leverconnect", "Connect Lever", integrationsData{OAuth: lv.OAuthConfigured()})
}

func (s *Server) leverConnect(w http.ResponseWriter, r *http.Request) error {
	lv, err := s.lever(r)
	if err != nil {
		return err
	}
	u, err := lv.StartConnect(r.Context(), sessionFrom(r.Context()).ID)
	if err != nil {
		if skillkeepr.ErrorCodeOf(err) == skillkeepr.EINVALID {
			s.setFlash(w, "!"+skillkeepr.ErrorMessage(err))
			return redirect(w, r, "/integrations")
		}
		return err
	}
	http.Redirect(w, r, u, http.StatusSeeOther)
	return nil
}

// leverCallback is where Lever sends the browser back after Accept or
// Decline. The state, bound to this browser session, stands in for the
// CSRF token.
func (s *Server) leverCallback(w http.ResponseWriter, r *http.Request) error {
	lv, err := s.lever(r)
	if err != nil {
		return err
	}
	q := r.URL.Query()
	_, err = lv.CompleteConnect(r.Context(), sessionFrom(r.Context()).ID, skillkeepr.LeverCallback{
		State: q.Get("state"), Code: q.Get("code"), Error: q.Get("error"), ErrorDescription: q.Get("error_description")})
	if err != nil {
		if skillkeepr.ErrorCodeOf(err) == skillkeepr.EINVALID {
			s.setFlash(w, "!"+skillkeepr.ErrorMessage(err))
			return redirect(w, r, "/integrations")
		}
		return err
	}
	s.setFlash(w, "Lever is connected. SkillKeepr can now work with your Lever jobs and candidates."+s.subscribeToLeverUpdates(r))
	return redirect(w, r, "/integrations")
}

type leverKeyData struct {
	Fields map[string]string
}

func (s *Server) leverAPIKeyPage(w http.ResponseWriter, r *http.Request) error {
	if _, err := s.lever(r); err != nil {
		return err
	}
	return s.render(w, r, http.StatusOK, "leverapikey", "Connect Lever with an API key", leverKeyData{})
}

func (s *Server) leverAPIKey(w http.ResponseWriter, r *http.Request) error {
	lv, err := s.lever(r)
	if err != nil {
		return err
	}
	if _, err := lv.ConnectAPIKey(r.Context(), r.PostFormValue("api_key")); err != nil {
		if skillkeepr.ErrorCodeOf(err) == skillkeepr.EINVALID {
			return s.render(w, r, http.StatusBadRequest, "leverapikey", "Connect Lever with an API key",
				leverKeyData{Fields: fieldsOrMessage(err, "api_key")})
		}
		return err
	}
	s.setFlash(w, "Lever is connected with the API key."+s.subscribeToLeverUpdates(r))
	return redirect(w, r, "/integrations")
}

func (s *Server) leverDisconnectPage(w http.ResponseWriter, r *http.Request) error {
	lv, err := s.lever(r)
	if err != nil {
		return err
	}
	c, err := lv.LeverConnection(r.Context())
	if err != nil {
		return err
	}
	return s.render(w, r, http.StatusOK, "leverdisconnect", "Disconnect Lever", c)
}

func (s *Server) leverDisconnect(w http.ResponseWriter, r *http.Request) error {
	lv, err := s.lever(r)
	if err != nil {
		return err
	}
	if r.PostFormValue("confirm") != "yes" {
		s.setFlash(w, "!Lever is still connected: tick the box to confirm.")
		return redirect(w, r, "/integrations/lever/disconnect")
	}
	if err := lv.Disconnect(r.Context()); err != nil {
		return err
	}
	s.setFlash(w, "Lever is disconnected. SkillKeepr no longer reads from or writes to Lever.")
	return redirect(w, r, "/integrations")
}

// subscribeToLeverUpdates registers for Lever's webhooks right after a
// connect, so stage changes arrive as they happen without a second step.
// Accounts whose key or scopes do not allow webhooks still work: the
// periodic poll follows the changes, and the returned sentence says so.
func (s *Server) subscribeToLeverUpdates(r *http.Request) string {
	if s.cfg.LeverUpdates == nil {
		return ""
	}
	if err := s.cfg.LeverUpdates.RegisterLeverUpdates(r.Context()); err != nil {
		s.log.WarnContext(r.Context(), "lever updates not registered on connect", slog.String("error", err.Error()))
		return " Lever did not let SkillKeepr subscribe to its updates, so SkillKeepr checks Lever for changes every 5 minutes instead; you can try again below."
	}
	return " Lever sends its updates to SkillKeepr as they happen."
}

// leverRegisterUpdates registers the organisation for Lever's webhooks; a
// refusal by Lever is shown in plain words on the Integrations page.
func (s *Server) leverRegisterUpdates(w http.ResponseWriter, r *http.Request) error {
	if _, err := s.lever(r); err != nil {
		return err
	}
	if s.cfg.LeverUpdates == nil {
		return skillkeepr.NotFound("Page")
	}
	if err := s.cfg.LeverUpdates.RegisterLeverUpdates(r.Context()); err != nil {
		var de *skillkeepr.Error
		if !errors.As(err, &de) || de.Code == skillkeepr.EINTERNAL {
			return err
		}
		s.setFlash(w, "!"+de.Message)
		return redirect(w, r, "/integrations")
	}
	s.setFlash(w, "Lever now sends its updates (stage changes, archives, hires, deletions) to SkillKeepr as they happen.")
	return redirect(w, r, "/integrations")
}
