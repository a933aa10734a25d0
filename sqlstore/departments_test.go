package sqlstore

import (
	"context"
	"testing"

	"github.com/skillkeepr/skillkeepr"
)

func TestDepartments(t *testing.T) {
	t.Parallel()
	ForEachEngine(t, func(t *testing.T, s *Store) {
		a := SeedTestOrg(t, s, "Acme")
		b := SeedTestOrg(t, s, "Beta")
		admin := a.Ctx(a.RecruiterAdmin)

		_, err := s.CreateDepartment(admin, 0, "  ")
		wantField(t, err, "name")
		_, err = s.CreateDepartment(admin, 0, "engineering")
		wantCode(t, err, skillkeepr.ECONFLICT)
		_, err = s.CreateDepartment(a.Ctx(a.Recruiter), 0, "Sales")
		wantCode(t, err, skillkeepr.EFORBIDDEN)
		_, err = s.CreateDepartment(context.Background(), 424242, "Sales")
		wantCode(t, err, skillkeepr.ENOTFOUND)
		sales := must[*skillkeepr.Department](t)(s.CreateDepartment(admin, b.Org.ID, "Sales"))
		if sales.OrgID != a.Org.ID {
			t.Fatalf("created in org %d", sales.OrgID)
		}

		deps := must[[]*skillkeepr.Department](t)(s.FindDepartments(a.Ctx(a.Collaborator)))
		if len(deps) != 3 || deps[0].Name != "Design" || deps[1].Name != "Engineering" || deps[1].MemberCount != 1 {
			t.Fatalf("departments: %+v", deps)
		}
		for _, d := range must[[]*skillkeepr.Department](t)(s.FindDepartments(b.Ctx(b.SuperAdmin))) {
			if d.OrgID != b.Org.ID {
				t.Fatalf("foreign department listed: %+v", d)
			}
		}

		// Another organisation's ids are not found.
		for name, err := range map[string]error{
			"find":   func() error { _, err := s.FindDepartmentByID(b.Ctx(b.SuperAdmin), sales.ID); return err }(),
			"rename": func() error { _, err := s.RenameDepartment(b.Ctx(b.SuperAdmin), sales.ID, "X"); return err }(),
			"delete": s.DeleteDepartment(b.Ctx(b.SuperAdmin), sales.ID),
		} {
			if skillkeepr.ErrorCodeOf(err) != skillkeepr.ENOTFOUND {
				t.Fatalf("%s: %v", name, err)
			}
		}

		_, err = s.RenameDepartment(admin, sales.ID, "Design")
		wantCode(t, err, skillkeepr.ECONFLICT)
		_, err = s.RenameDepartment(a.Ctx(a.Collaborator), sales.ID, "Revenue")
		wantCode(t, err, skillkeepr.EFORBIDDEN)
		d := must[*skillkeepr.Department](t)(s.RenameDepartment(admin, sales.ID, "Revenue"))
		if d.Name != "Revenue" {
			t.Fatal(d.Name)
		}
		wantCode(t, s.DeleteDepartment(a.Ctx(a.Recruiter), sales.ID), skillkeepr.EFORBIDDEN)
		ok(t, s.DeleteDepartment(admin, sales.ID))
		_, err = s.FindDepartmentByID(admin, sales.ID)
		wantCode(t, err, skillkeepr.ENOTFOUND)

		entries, _, err := s.FindAuditEntries(a.Ctx(a.SuperAdmin), skillkeepr.AuditFilter{EntityType: "department"})
		ok(t, err)
		if len(entries) < 3 || entries[0].Action != "department.delete" || entries[1].Action != "department.rename" ||
			entries[1].Before != `{"name":"Sales"}` || entries[1].After != `{"name":"Revenue"}` {
			t.Fatalf("audit: %+v", entries[:2])
		}
	})
}
