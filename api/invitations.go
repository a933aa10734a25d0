package api

import (
	"fmt"
	"net/http"
	"strings"

	"github.com/skillkeepr/skillkeepr"
)

// InvitationCreate invites someone to the organisation.
type InvitationCreate struct {
	Email         string          `json:"email"`
	Role          skillkeepr.Role `json:"role"`
	DepartmentIDs []int64         `json:"department_ids,omitempty"`
}

// InvitationAccept creates the invited person's account.
type InvitationAccept struct {
	Token    string `json:"token"` // the invitation code from the email
	Name     string `json:"name"`
	Password string `json:"password"`
}

// maxPasswordLength bounds the work of hashing a password.
const maxPasswordLength = 1000

func (a *API) listInvitations(w http.ResponseWriter, r *http.Request) error {
	invs, err := a.svc.Invitations.FindInvitations(r.Context())
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, newList(invs, len(invs)))
}

func (a *API) createInvitation(w http.ResponseWriter, r *http.Request) error {
	var in InvitationCreate
	if err := decodeJSON(w, r, &in); err != nil {
		return err
	}
	org, err := a.svc.Organizations.CurrentOrganization(r.Context())
	if err != nil {
		return err
	}
	email := plainInvitationEmail(org.Name)
	if a.cfg.InvitationEmail != nil {
		email = a.cfg.InvitationEmail(org.Name)
	}
	inv, err := a.svc.Invitations.CreateInvitation(r.Context(), skillkeepr.InvitationCreate{
		Email: in.Email, Role: in.Role, DepartmentIDs: in.DepartmentIDs}, email)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusCreated, inv)
}

// acceptInvitation is public: the person has no account yet. The
// invitation token (256 random bits) is the credential.
func (a *API) acceptInvitation(w http.ResponseWriter, r *http.Request) error {
	if a.cfg.HashPassword == nil {
		return skillkeepr.Errorf(skillkeepr.EUNAVAILABLE, "Accepting invitations through the API is not set up on this server; use the link in the email.")
	}
	var in InvitationAccept
	if err := decodeJSON(w, r, &in); err != nil {
		return err
	}
	in.Token = strings.TrimSpace(in.Token)
	in.Name = strings.TrimSpace(in.Name)
	v := skillkeepr.Validation{}
	v.Check(in.Token != "", "token", "Enter the invitation code from the email.")
	v.Check(in.Name != "", "name", "Enter your name.")
	v.Check(len(in.Password) >= skillkeepr.MinPasswordLength, "password",
		fmt.Sprintf("Choose a password of at least %d characters.", skillkeepr.MinPasswordLength))
	v.Check(len(in.Password) <= maxPasswordLength, "password", "Choose a shorter password.")
	if err := v.Err(); err != nil {
		return err
	}
	// Check the invitation before the (deliberately slow) hashing.
	if _, err := a.svc.Invitations.FindInvitationByToken(r.Context(), in.Token); err != nil {
		return err
	}
	hash, err := a.cfg.HashPassword(in.Password)
	if err != nil {
		return fmt.Errorf("api: hash password: %w", err)
	}
	u, err := a.svc.Invitations.AcceptInvitation(r.Context(), in.Token, in.Name, hash)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusCreated, u)
}

func (a *API) deleteInvitation(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id", "Invitation")
	if err != nil {
		return err
	}
	if err := a.svc.Invitations.RevokeInvitation(r.Context(), id); err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}

// plainInvitationEmail is the built-in invitation email, used when
// Config.InvitationEmail is nil. The API does not know the site's address,
// so it carries the invitation code rather than a link.
func plainInvitationEmail(orgName string) skillkeepr.InvitationEmail {
	return func(inv *skillkeepr.Invitation, token string) skillkeepr.EmailMessage {
		inviter := inv.InvitedByName
		if inviter == "" {
			inviter = "Someone"
		}
		return skillkeepr.EmailMessage{
			OrgID:   inv.OrgID,
			To:      []string{inv.Email},
			Subject: "You are invited to join " + orgName + " on SkillKeepr",
			Text: inviter + " invited you to join " + orgName + " on SkillKeepr as " + inv.Role.Label() + ".\n\n" +
				"Your invitation code is:\n\n    " + token + "\n\n" +
				"Open SkillKeepr and choose \"Accept an invitation\" to use it. " +
				"The code works once and expires in 7 days.\n",
			Kind: "invitation",
		}
	}
}
