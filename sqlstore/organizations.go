package sqlstore

import (
	"context"
	"strings"

	"github.com/skillkeepr/skillkeepr"
)

const orgColumns = `id, name, website, timezone, tag_prefix, blind_review, created_at, updated_at`

func scanOrg(sc interface{ Scan(...any) error }) (*skillkeepr.Organization, error) {
	o := &skillkeepr.Organization{}
	var created, updated int64
	if err := sc.Scan(&o.ID, &o.Name, &o.Website, &o.Timezone, &o.TagPrefix, &o.BlindReview, &created, &updated); err != nil {
		return nil, err
	}
	o.CreatedAt, o.UpdatedAt = fromTS(created), fromTS(updated)
	return o, nil
}

func orgFields(o *skillkeepr.Organization) fields {
	return fields{"name": o.Name, "website": o.Website, "timezone": o.Timezone, "tag_prefix": o.TagPrefix, "blind_review": o.BlindReview}
}

// CreateOrganization is a system operation: it needs no actor.
func (s *Store) CreateOrganization(ctx context.Context, c skillkeepr.OrganizationCreate) (*skillkeepr.Organization, error) {
	if err := c.Validate(); err != nil {
		return nil, err
	}
	now := s.clock()
	o := &skillkeepr.Organization{Name: c.Name, Website: c.Website, Timezone: c.Timezone, TagPrefix: "skillkeepr", BlindReview: true, CreatedAt: now, UpdatedAt: now}
	err := s.inTx(ctx, func(tx *txn) error {
		id, err := tx.insert(ctx, `INSERT INTO organizations (name, website, timezone, tag_prefix, blind_review, next_job_number, created_at, updated_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, o.Name, o.Website, o.Timezone, o.TagPrefix, o.BlindReview, skillkeepr.FirstJobNumber, ts(now), ts(now))
		if err != nil {
			return dbErr("create organization", err)
		}
		o.ID = id
		return tx.audit(ctx, id, nil, "organization.create", "organization", id, "Created the organisation "+o.Name, nil, orgFields(o))
	})
	if err != nil {
		return nil, err
	}
	return o, nil
}

// FindOrganizationByName is a system operation (case-insensitive, exact name).
func (s *Store) FindOrganizationByName(ctx context.Context, name string) (*skillkeepr.Organization, error) {
	o, err := scanOrg(s.read().queryRow(ctx, `SELECT `+orgColumns+` FROM organizations WHERE lower(name) = lower(?) ORDER BY id LIMIT 1`, strings.TrimSpace(name)))
	return o, notFound(err, "Organisation", "find organization")
}

// CurrentOrganization returns the actor's organisation.
func (s *Store) CurrentOrganization(ctx context.Context) (*skillkeepr.Organization, error) {
	a, err := skillkeepr.RequireActor(ctx)
	if err != nil {
		return nil, err
	}
	return s.orgByID(ctx, s.read(), a.OrgID)
}

func (s *Store) orgByID(ctx context.Context, c conn, id int64) (*skillkeepr.Organization, error) {
	o, err := scanOrg(c.queryRow(ctx, `SELECT `+orgColumns+` FROM organizations WHERE id = ?`, id))
	return o, notFound(err, "Organisation", "find organization")
}

// UpdateOrganization changes the actor's organisation (Super Admin).
func (s *Store) UpdateOrganization(ctx context.Context, u skillkeepr.OrganizationUpdate) (*skillkeepr.Organization, error) {
	a, err := skillkeepr.RequireActor(ctx)
	if err != nil {
		return nil, err
	}
	if err := skillkeepr.Authorize(a, skillkeepr.ActManageOrganization, skillkeepr.Target{}); err != nil {
		return nil, err
	}
	if err := u.Validate(); err != nil {
		return nil, err
	}
	var o *skillkeepr.Organization
	err = s.inTx(ctx, func(tx *txn) error {
		old, err := s.orgByID(ctx, tx.conn, a.OrgID)
		if err != nil {
			return err
		}
		n := *old
		if u.Name != nil {
			n.Name = *u.Name
		}
		if u.Website != nil {
			n.Website = *u.Website
		}
		if u.Timezone != nil {
			n.Timezone = *u.Timezone
		}
		if u.TagPrefix != nil {
			n.TagPrefix = *u.TagPrefix
		}
		if u.BlindReview != nil {
			n.BlindReview = *u.BlindReview
		}
		before, after := changed(orgFields(old), orgFields(&n))
		o = &n
		if len(after) == 0 {
			return nil
		}
		n.UpdatedAt = s.clock()
		if _, err := tx.exec(ctx, `UPDATE organizations SET name = ?, website = ?, timezone = ?, tag_prefix = ?, blind_review = ?, updated_at = ? WHERE id = ?`,
			n.Name, n.Website, n.Timezone, n.TagPrefix, n.BlindReview, ts(n.UpdatedAt), a.OrgID); err != nil {
			return dbErr("update organization", err)
		}
		return tx.audit(ctx, a.OrgID, a, "organization.update", "organization", a.OrgID, "Changed the company profile", before, after)
	})
	if err != nil {
		return nil, err
	}
	return o, nil
}
