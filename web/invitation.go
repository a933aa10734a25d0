package web

import (
	"net/http"

	"github.com/skillkeepr/skillkeepr"
	"github.com/skillkeepr/skillkeepr/password"
)

type invitationData struct {
	Invitation *skillkeepr.Invitation
	Name       string
	Fields     map[string]string
}

const invitationGone = "This invitation link is no longer valid; ask your administrator for a new one."

func (s *Server) findInvitation(r *http.Request) (*skillkeepr.Invitation, error) {
	inv, err := s.svc.Invitations.FindInvitationByToken(systemCtx(r.Context()), r.PathValue("token"))
	if skillkeepr.ErrorCodeOf(err) == skillkeepr.ENOTFOUND {
		return nil, &skillkeepr.Error{Code: skillkeepr.ENOTFOUND, Message: invitationGone}
	}
	return inv, err
}

func (s *Server) invitationPage(w http.ResponseWriter, r *http.Request) error {
	inv, err := s.findInvitation(r)
	if err != nil {
		return s.invitationError(w, r, err)
	}
	return s.render(w, r, http.StatusOK, "invitation", "Join "+inv.OrgName, invitationData{Invitation: inv})
}

func (s *Server) invitationError(w http.ResponseWriter, r *http.Request, err error) error {
	if skillkeepr.ErrorCodeOf(err) == skillkeepr.ENOTFOUND {
		s.renderErrorPage(w, r, http.StatusNotFound, "Invitation no longer valid", invitationGone)
		return nil
	}
	return err
}

func (s *Server) acceptInvitation(w http.ResponseWriter, r *http.Request) error {
	inv, err := s.findInvitation(r)
	if err != nil {
		return s.invitationError(w, r, err)
	}
	name := r.PostFormValue("name")
	pw, confirm := r.PostFormValue("password"), r.PostFormValue("confirm_password")
	d := invitationData{Invitation: inv, Name: name}
	v := skillkeepr.Validation{}
	uc := skillkeepr.UserCreate{Email: inv.Email, Name: name, Role: inv.Role, PasswordHash: "x"}
	if err := uc.Validate(); err != nil {
		for k, m := range skillkeepr.ErrorFields(err) {
			v.Add(k, m)
		}
	}
	v.Check(len(pw) >= skillkeepr.MinPasswordLength, "password", "Use at least 10 characters.")
	v.Check(len(pw) <= password.MaxLength, "password", "Use at most 1024 characters.")
	v.Check(pw == confirm, "confirm_password", "The two passwords are not the same.")
	if len(v) > 0 {
		d.Fields = v
		return s.render(w, r, http.StatusBadRequest, "invitation", "Join "+inv.OrgName, d)
	}
	hash, err := s.cfg.HashPassword(pw)
	if err != nil {
		return err
	}
	ctx := systemCtx(r.Context())
	user, err := s.svc.Invitations.AcceptInvitation(ctx, r.PathValue("token"), uc.Name, hash)
	if err != nil {
		switch skillkeepr.ErrorCodeOf(err) {
		case skillkeepr.EINVALID, skillkeepr.ECONFLICT:
			d.Fields = fieldsOrMessage(err, "name")
			return s.render(w, r, http.StatusBadRequest, "invitation", "Join "+inv.OrgName, d)
		}
		return s.invitationError(w, r, err)
	}
	if old := sessionFrom(r.Context()); old != nil {
		_ = s.svc.Sessions.DeleteSession(ctx, old.Token)
	}
	token, _, err := s.svc.Sessions.CreateSession(ctx, user.ID)
	if err != nil {
		return err
	}
	s.setSessionCookie(w, token)
	s.setFlash(w, "Welcome to "+inv.OrgName+", "+user.Name+". You are signed in.")
	return redirect(w, r, "/")
}
