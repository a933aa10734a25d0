package mail

import (
	"fmt"
	"net/url"
	"strings"

	"github.com/skillkeepr/skillkeepr"
)

// KindInvitation is the EmailMessage.Kind of invitation emails.
const KindInvitation = "invitation"

// roleDuties says in plain words what each role lets a person do.
var roleDuties = map[skillkeepr.Role]string{
	skillkeepr.RoleSuperAdmin:     "manage the company's settings, its users and every job",
	skillkeepr.RoleRecruiterAdmin: "manage jobs, departments, recruiters and candidates",
	skillkeepr.RoleRecruiter:      "work with the candidates of the jobs assigned to you",
	skillkeepr.RoleCollaborator:   "review the jobs and candidates of your department",
}

// invitationData is what the invitation templates see.
type invitationData struct {
	Subject   string
	Company   string
	InvitedBy string
	Role      string
	Duties    string
	Link      string
	Expires   string
}

// InvitationEmail returns the builder of invitation emails: who invited
// the person, to which company and role, the accept link
// baseURL+"/invitations/"+token and when it expires (in UTC). orgName names
// the company when the invitation does not carry its organisation's name.
func InvitationEmail(baseURL, orgName string) skillkeepr.InvitationEmail {
	base := strings.TrimRight(baseURL, "/")
	return func(inv *skillkeepr.Invitation, token string) skillkeepr.EmailMessage {
		company := strings.TrimSpace(inv.OrgName)
		if company == "" {
			company = orgName
		}
		duties := roleDuties[inv.Role]
		if duties == "" {
			duties = "take part in hiring"
		}
		d := invitationData{
			Company:   company,
			InvitedBy: strings.TrimSpace(inv.InvitedByName),
			Role:      inv.Role.Label(),
			Duties:    duties,
			Link:      base + "/invitations/" + url.PathEscape(token),
			Expires:   inv.ExpiresAt.UTC().Format("Monday 2 January 2006 at 15:04 MST"),
		}
		msg := skillkeepr.EmailMessage{OrgID: inv.OrgID, To: []string{inv.Email}, Kind: KindInvitation}
		subject, err := renderText("invitation_subject.txt", d)
		if err != nil {
			// The templates are fixed and tested; this cannot happen
			// short of a broken build.
			panic(fmt.Sprintf("mail: invitation subject: %v", err))
		}
		d.Subject = oneLine(subject)
		msg.Subject = d.Subject
		if msg.Text, err = renderText("invitation.txt", d); err != nil {
			panic(fmt.Sprintf("mail: invitation text: %v", err))
		}
		if msg.HTML, err = renderHTML("invitation.html", d); err != nil {
			panic(fmt.Sprintf("mail: invitation HTML: %v", err))
		}
		return msg
	}
}
