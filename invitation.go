package skillkeepr

import (
	"context"
	"time"
)

// InvitationTTL is how long an invitation link works.
const InvitationTTL = 7 * 24 * time.Hour

// Invitation lets someone join an organisation with a role, by a link that
// works once and expires. Only a hash of the link's token is stored.
type Invitation struct {
	ID            int64      `json:"id"`
	OrgID         int64      `json:"-"`
	OrgName       string     `json:"org_name"`
	Email         string     `json:"email"`
	Role          Role       `json:"role"`
	DepartmentIDs []int64    `json:"department_ids"`
	InvitedByID   int64      `json:"invited_by_id"`
	InvitedByName string     `json:"invited_by_name"`
	ExpiresAt     time.Time  `json:"expires_at"`
	AcceptedAt    *time.Time `json:"accepted_at"`
	RevokedAt     *time.Time `json:"revoked_at"`
	CreatedAt     time.Time  `json:"created_at"`
}

// InvitationCreate is a new invitation.
type InvitationCreate struct {
	Email         string
	Role          Role
	DepartmentIDs []int64
}

// Validate checks and normalises the fields.
func (c *InvitationCreate) Validate() error {
	c.Email = NormalizeEmail(c.Email)
	v := Validation{}
	v.Check(ValidEmail(c.Email), "email", "Enter a valid email address.")
	v.Check(c.Role.Valid(), "role", "Choose a role.")
	v.Check(c.Role != RoleCollaborator || len(c.DepartmentIDs) > 0, "department_ids", "Choose the collaborator's department.")
	return v.Err()
}

// InvitationEmail builds the invitation email once the token is known; the
// store enqueues it in the same transaction as the invitation.
type InvitationEmail func(inv *Invitation, token string) EmailMessage

// InvitationService invites people and lets them accept.
type InvitationService interface {
	// CreateInvitation needs ActInviteUser for c.Role. It fails with
	// ECONFLICT when the email already belongs to a user.
	CreateInvitation(ctx context.Context, c InvitationCreate, email InvitationEmail) (*Invitation, error)
	FindInvitations(ctx context.Context) ([]*Invitation, error)
	RevokeInvitation(ctx context.Context, id int64) error
	// FindInvitationByToken is a system operation for the accept page;
	// expired, used and revoked invitations are not found.
	FindInvitationByToken(ctx context.Context, token string) (*Invitation, error)
	// AcceptInvitation creates the user and marks the invitation used, in
	// one transaction; a second use is not found.
	AcceptInvitation(ctx context.Context, token, name, passwordHash string) (*User, error)
}
