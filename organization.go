package skillkeepr

import (
	"context"
	"strings"
	"time"
)

// Organization is a tenant: a company using SkillKeepr. Every
// tenant-owned row carries its id.
type Organization struct {
	ID          int64     `json:"id"`
	Name        string    `json:"name"`
	Website     string    `json:"website"`
	Timezone    string    `json:"timezone"`   // IANA name, e.g. "Europe/London"
	TagPrefix   string    `json:"tag_prefix"` // prefix of the tags written to Lever, default "skillkeepr"
	BlindReview bool      `json:"blind_review"`
	CreatedAt   time.Time `json:"created_at"`
	UpdatedAt   time.Time `json:"updated_at"`
}

// OrganizationCreate holds what is needed to create an organisation.
type OrganizationCreate struct {
	Name     string
	Website  string
	Timezone string
}

// Validate checks and normalises the fields.
func (c *OrganizationCreate) Validate() error {
	c.Name = strings.TrimSpace(c.Name)
	c.Website = strings.TrimSpace(c.Website)
	if c.Timezone == "" {
		c.Timezone = "UTC"
	}
	v := Validation{}
	v.Check(c.Name != "", "name", "Enter the company name.")
	v.Check(len(c.Name) <= 200, "name", "Use at most 200 characters.")
	v.Check(validTimezone(c.Timezone), "timezone", "Choose a time zone from the list.")
	return v.Err()
}

// OrganizationUpdate changes the company profile; nil fields stay as they are.
type OrganizationUpdate struct {
	Name        *string
	Website     *string
	Timezone    *string
	TagPrefix   *string
	BlindReview *bool
}

// Validate checks and normalises the fields that are set.
func (u *OrganizationUpdate) Validate() error {
	v := Validation{}
	if u.Name != nil {
		*u.Name = strings.TrimSpace(*u.Name)
		v.Check(*u.Name != "", "name", "Enter the company name.")
		v.Check(len(*u.Name) <= 200, "name", "Use at most 200 characters.")
	}
	if u.Timezone != nil {
		v.Check(validTimezone(*u.Timezone), "timezone", "Choose a time zone from the list.")
	}
	if u.TagPrefix != nil {
		*u.TagPrefix = strings.TrimSpace(*u.TagPrefix)
		v.Check(*u.TagPrefix != "" && len(*u.TagPrefix) <= 40, "tag_prefix", "Enter a prefix of 1 to 40 characters.")
	}
	if u.Website != nil {
		*u.Website = strings.TrimSpace(*u.Website)
	}
	return v.Err()
}

func validTimezone(name string) bool {
	if name == "" {
		return false
	}
	_, err := time.LoadLocation(name)
	return err == nil
}

// OrganizationService reads and changes organisations.
type OrganizationService interface {
	// CreateOrganization is a system operation (admin command, demo seed):
	// it needs no actor.
	CreateOrganization(ctx context.Context, c OrganizationCreate) (*Organization, error)
	// FindOrganizationByName is a system operation used to make seeding idempotent.
	FindOrganizationByName(ctx context.Context, name string) (*Organization, error)
	// CurrentOrganization returns the actor's organisation.
	CurrentOrganization(ctx context.Context) (*Organization, error)
	// UpdateOrganization changes the actor's organisation (Super Admin).
	UpdateOrganization(ctx context.Context, u OrganizationUpdate) (*Organization, error)
}
