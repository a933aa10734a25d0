package skillkeepr

import (
	"context"
	"net/mail"
	"strings"
	"time"
)

// User is a person who signs in to one organisation with exactly one role.
// Email addresses are unique across all organisations, so sign-in needs
// only the email and the password.
type User struct {
	ID            int64      `json:"id"`
	OrgID         int64      `json:"-"`
	Email         string     `json:"email"`
	Name          string     `json:"name"`
	Role          Role       `json:"role"`
	DepartmentIDs []int64    `json:"department_ids"`
	Active        bool       `json:"active"`
	PasswordHash  string     `json:"-"`
	LastLoginAt   *time.Time `json:"last_login_at"`
	CreatedAt     time.Time  `json:"created_at"`
	UpdatedAt     time.Time  `json:"updated_at"`
}

// Actor returns the actor of u for use in a context.
func (u *User) Actor() *Actor {
	return &Actor{UserID: u.ID, OrgID: u.OrgID, Role: u.Role, Name: u.Name, Email: u.Email,
		DepartmentIDs: append([]int64(nil), u.DepartmentIDs...)}
}

// NormalizeEmail trims and lower-cases an address for storage and lookup.
func NormalizeEmail(s string) string { return strings.ToLower(strings.TrimSpace(s)) }

// ValidEmail reports whether s is a plain email address (no display name).
func ValidEmail(s string) bool {
	a, err := mail.ParseAddress(s)
	return err == nil && a.Address == s && len(s) <= 254
}

// MinPasswordLength is the shortest password accepted.
const MinPasswordLength = 10

// UserCreate holds a new user. PasswordHash is computed by the caller
// (the password package) so that the domain stays free of crypto choices.
type UserCreate struct {
	OrgID         int64 // used only by system calls without an actor
	Email         string
	Name          string
	Role          Role
	DepartmentIDs []int64
	PasswordHash  string
}

// Validate checks and normalises the fields.
func (c *UserCreate) Validate() error {
	c.Email = NormalizeEmail(c.Email)
	c.Name = strings.TrimSpace(c.Name)
	v := Validation{}
	v.Check(ValidEmail(c.Email), "email", "Enter a valid email address.")
	v.Check(c.Name != "", "name", "Enter the person's name.")
	v.Check(len(c.Name) <= 200, "name", "Use at most 200 characters.")
	v.Check(c.Role.Valid(), "role", "Choose a role.")
	v.Check(c.PasswordHash != "", "password", "Choose a password.")
	return v.Err()
}

// UserUpdate changes a user; nil fields stay as they are.
type UserUpdate struct {
	Name          *string
	Role          *Role
	DepartmentIDs *[]int64
	Active        *bool
}

// Validate checks and normalises the fields that are set.
func (u *UserUpdate) Validate() error {
	v := Validation{}
	if u.Name != nil {
		*u.Name = strings.TrimSpace(*u.Name)
		v.Check(*u.Name != "", "name", "Enter the person's name.")
	}
	if u.Role != nil {
		v.Check(u.Role.Valid(), "role", "Choose a role.")
	}
	return v.Err()
}

// UserFilter narrows a user list; zero fields do not filter.
type UserFilter struct {
	Role         Role
	DepartmentID int64
	ActiveOnly   bool
	Query        string // matches name or email
	Offset       int
	Limit        int
}

// UserService reads and changes users of the actor's organisation.
type UserService interface {
	// CreateUser is a system operation when ctx has no actor (it uses
	// c.OrgID); with an actor it requires ActInviteUser for c.Role.
	CreateUser(ctx context.Context, c UserCreate) (*User, error)
	FindUserByID(ctx context.Context, id int64) (*User, error)
	// FindUserByEmail is a system operation used by sign-in; it ignores
	// the actor and searches every organisation.
	FindUserByEmail(ctx context.Context, email string) (*User, error)
	FindUsers(ctx context.Context, f UserFilter) ([]*User, int, error)
	UpdateUser(ctx context.Context, id int64, u UserUpdate) (*User, error)
	// SetPassword replaces the actor's own password hash (or, for system
	// calls, user id's).
	SetPassword(ctx context.Context, id int64, passwordHash string) error
	// RecordLogin stamps LastLoginAt (system operation).
	RecordLogin(ctx context.Context, id int64) error
}
