package sqlstore

import (
	"context"
	"testing"

	"github.com/skillkeepr/skillkeepr"
)

func TestOrganizations(t *testing.T) {
	t.Parallel()
	ForEachEngine(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		_, err := s.CreateOrganization(ctx, skillkeepr.OrganizationCreate{Name: " ", Timezone: "Mars/Base"})
		wantField(t, err, "name")
		wantField(t, err, "timezone")
		_, err = s.FindOrganizationByName(ctx, "Nobody")
		wantCode(t, err, skillkeepr.ENOTFOUND)

		a := SeedTestOrg(t, s, "Acme")
		b := SeedTestOrg(t, s, "Beta")
		if a.Org.TagPrefix != "skillkeepr" || a.Org.Timezone != "UTC" {
			t.Fatalf("defaults: %+v", a.Org)
		}
		got := must[*skillkeepr.Organization](t)(s.CurrentOrganization(b.Ctx(b.Recruiter)))
		if got.ID != b.Org.ID {
			t.Fatalf("current org %d, want %d", got.ID, b.Org.ID)
		}
		_, err = s.CurrentOrganization(ctx)
		wantCode(t, err, skillkeepr.EUNAUTHORIZED)

		// Blind review is on for new organisations; the update turns it off.
		name, blind, prefix := "Acme Corp", false, "acme"
		tests := []struct {
			name string
			who  *skillkeepr.User
			upd  skillkeepr.OrganizationUpdate
			code skillkeepr.ErrorCode
		}{
			{"recruiter admin denied", a.RecruiterAdmin, skillkeepr.OrganizationUpdate{Name: &name}, skillkeepr.EFORBIDDEN},
			{"collaborator denied", a.Collaborator, skillkeepr.OrganizationUpdate{Name: &name}, skillkeepr.EFORBIDDEN},
			{"invalid prefix", a.SuperAdmin, skillkeepr.OrganizationUpdate{TagPrefix: new(string)}, skillkeepr.EINVALID},
			{"super admin", a.SuperAdmin, skillkeepr.OrganizationUpdate{Name: &name, BlindReview: &blind, TagPrefix: &prefix}, ""},
		}
		for _, tt := range tests {
			_, err := s.UpdateOrganization(a.Ctx(tt.who), tt.upd)
			if skillkeepr.ErrorCodeOf(err) != tt.code {
				t.Fatalf("%s: %v, want %q", tt.name, err, tt.code)
			}
		}
		got = must[*skillkeepr.Organization](t)(s.CurrentOrganization(a.Ctx(a.Recruiter)))
		if got.Name != name || got.BlindReview || got.TagPrefix != "acme" {
			t.Fatalf("after update: %+v", got)
		}
		// Org B is untouched.
		got = must[*skillkeepr.Organization](t)(s.CurrentOrganization(b.Ctx(b.SuperAdmin)))
		if got.Name != "Beta" {
			t.Fatalf("org B changed: %+v", got)
		}
		entries, _, err := s.FindAuditEntries(a.Ctx(a.SuperAdmin), skillkeepr.AuditFilter{EntityType: "organization"})
		ok(t, err)
		if len(entries) == 0 || entries[0].Action != "organization.update" || entries[0].Before != `{"blind_review":true,"name":"Acme","tag_prefix":"skillkeepr"}` ||
			entries[0].After != `{"blind_review":false,"name":"Acme Corp","tag_prefix":"acme"}` || entries[0].ActorID != a.SuperAdmin.ID {
			t.Fatalf("audit: %+v", entries[0])
		}
	})
}
