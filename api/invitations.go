package api

import (
	"net/http"

	"github.com/skillkeepr/skillkeepr"
)

// InvitationCreate invites someone to the organisation.
type InvitationCreate struct {
	Email         string          `json:"email"`
	Role          skillkeepr.Role `json:"role"`
	DepartmentIDs []int64         `json:"department_ids,omitempty"`
}

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
				"Open SkillKeepr and choose \"Accept an invitation\" to use it. The code works once and expires in 7 days.\n",
			Kind: "invitation",
		}
	}
}
