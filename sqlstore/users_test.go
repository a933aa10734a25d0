package sqlstore

import (
	"context"
	"strings"
	"testing"

	"github.com/skillkeepr/skillkeepr"
)

func TestUsers(t *testing.T) {
	t.Parallel()
	ForEachEngine(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		a := SeedTestOrg(t, s, "Acme")
		b := SeedTestOrg(t, s, "Beta")

		// Validation and conflicts.
		_, err := s.CreateUser(ctx, skillkeepr.UserCreate{OrgID: a.Org.ID, Email: "nope", Role: "boss"})
		for _, f := range []string{"email", "name", "role", "password"} {
			if _, ok := skillkeepr.ErrorFields(err)[f]; !ok {
				t.Fatalf("missing field %s in %v", f, err)
			}
		}
		_, err = s.CreateUser(ctx, skillkeepr.UserCreate{OrgID: b.Org.ID, Email: " ADMIN@acme.test ", Name: "X", Role: skillkeepr.RoleRecruiter, PasswordHash: "h"})
		wantCode(t, err, skillkeepr.ECONFLICT)
		if skillkeepr.ErrorFields(err)["email"] == "" {
			t.Fatalf("conflict without email field: %v", err)
		}
		_, err = s.CreateUser(ctx, skillkeepr.UserCreate{OrgID: 999999, Email: "x@y.test", Name: "X", Role: skillkeepr.RoleRecruiter, PasswordHash: "h"})
		wantCode(t, err, skillkeepr.ENOTFOUND)
		_, err = s.CreateUser(a.Ctx(a.SuperAdmin), skillkeepr.UserCreate{Email: "c@acme.test", Name: "C", Role: skillkeepr.RoleCollaborator,
			DepartmentIDs: []int64{b.Engineering.ID}, PasswordHash: "h"})
		wantField(t, err, "department_ids")

		// Creating users with an actor follows the matrix.
		create := []struct {
			who  *skillkeepr.User
			role skillkeepr.Role
			code skillkeepr.ErrorCode
		}{
			{a.SuperAdmin, skillkeepr.RoleSuperAdmin, ""},
			{a.RecruiterAdmin, skillkeepr.RoleSuperAdmin, skillkeepr.EFORBIDDEN},
			{a.RecruiterAdmin, skillkeepr.RoleRecruiter, ""},
			{a.Recruiter, skillkeepr.RoleRecruiter, skillkeepr.EFORBIDDEN},
			{a.Collaborator, skillkeepr.RoleCollaborator, skillkeepr.EFORBIDDEN},
		}
		for i, tt := range create {
			u, err := s.CreateUser(a.Ctx(tt.who), skillkeepr.UserCreate{Email: "new" + string(rune('a'+i)) + "@acme.test", Name: "New",
				Role: tt.role, PasswordHash: "h", OrgID: b.Org.ID})
			if skillkeepr.ErrorCodeOf(err) != tt.code {
				t.Fatalf("%d: %v, want %q", i, err, tt.code)
			}
			if err == nil && u.OrgID != a.Org.ID {
				t.Fatalf("user created in org %d, want the actor's %d", u.OrgID, a.Org.ID)
			}
		}

		// Lookups.
		got := must[*skillkeepr.User](t)(s.FindUserByEmail(ctx, "LEAD@acme.test"))
		if got.ID != a.Collaborator.ID || len(got.DepartmentIDs) != 1 || got.DepartmentIDs[0] != a.Engineering.ID || got.PasswordHash == "" {
			t.Fatalf("by email: %+v", got)
		}
		_, err = s.FindUserByEmail(ctx, "ghost@acme.test")
		wantCode(t, err, skillkeepr.ENOTFOUND)
		must[*skillkeepr.User](t)(s.FindUserByID(a.Ctx(a.Recruiter), a.Recruiter.ID)) // self
		_, err = s.FindUserByID(a.Ctx(a.Recruiter), a.SuperAdmin.ID)
		wantCode(t, err, skillkeepr.EFORBIDDEN)
		_, err = s.FindUserByID(b.Ctx(b.SuperAdmin), a.Recruiter.ID)
		wantCode(t, err, skillkeepr.ENOTFOUND)

		users, total, err := s.FindUsers(a.Ctx(a.RecruiterAdmin), skillkeepr.UserFilter{})
		ok(t, err)
		if total != 6 || len(users) != 6 {
			t.Fatalf("users %d/%d, want 6", len(users), total)
		}
		for _, u := range users {
			if u.OrgID != a.Org.ID {
				t.Fatalf("foreign user listed: %+v", u)
			}
		}
		users, total, err = s.FindUsers(a.Ctx(a.SuperAdmin), skillkeepr.UserFilter{DepartmentID: a.Engineering.ID})
		ok(t, err)
		if total != 1 || users[0].ID != a.Collaborator.ID {
			t.Fatalf("by department: %d", total)
		}
		_, total, err = s.FindUsers(a.Ctx(a.SuperAdmin), skillkeepr.UserFilter{Query: "RUI", Role: skillkeepr.RoleRecruiter})
		ok(t, err)
		if total != 1 {
			t.Fatalf("query: %d", total)
		}
		_, _, err = s.FindUsers(a.Ctx(a.Recruiter), skillkeepr.UserFilter{})
		wantCode(t, err, skillkeepr.EFORBIDDEN)

		// Updates.
		admin, recruiter, collab := skillkeepr.RoleRecruiterAdmin, skillkeepr.RoleRecruiter, skillkeepr.RoleCollaborator
		off := false
		name := "Renamed"
		deps := []int64{a.Design.ID, a.Engineering.ID}
		updates := []struct {
			name string
			who  *skillkeepr.User
			id   int64
			upd  skillkeepr.UserUpdate
			code skillkeepr.ErrorCode
		}{
			{"own name", a.Recruiter, a.Recruiter.ID, skillkeepr.UserUpdate{Name: &name}, ""},
			{"own departments by collaborator", a.Collaborator, a.Collaborator.ID, skillkeepr.UserUpdate{DepartmentIDs: &deps}, skillkeepr.EFORBIDDEN},
			{"other's name by recruiter", a.Recruiter, a.Collaborator.ID, skillkeepr.UserUpdate{Name: &name}, skillkeepr.EFORBIDDEN},
			{"own role", a.SuperAdmin, a.SuperAdmin.ID, skillkeepr.UserUpdate{Role: &recruiter}, skillkeepr.EFORBIDDEN},
			{"hr promotes to admin", a.RecruiterAdmin, a.Recruiter.ID, skillkeepr.UserUpdate{Role: &admin}, skillkeepr.EFORBIDDEN},
			{"hr changes recruiter to collaborator", a.RecruiterAdmin, a.Recruiter.ID, skillkeepr.UserUpdate{Role: &collab, DepartmentIDs: &deps}, ""},
			{"foreign user", b.SuperAdmin, a.Recruiter.ID, skillkeepr.UserUpdate{Name: &name}, skillkeepr.ENOTFOUND},
			{"hr deactivates admin", a.RecruiterAdmin, a.SuperAdmin.ID, skillkeepr.UserUpdate{Active: &off}, skillkeepr.EFORBIDDEN},
			{"admin deactivates collaborator", a.SuperAdmin, a.Collaborator.ID, skillkeepr.UserUpdate{Active: &off}, ""},
			{"empty name", a.SuperAdmin, a.Collaborator.ID, skillkeepr.UserUpdate{Name: new(string)}, skillkeepr.EINVALID},
		}
		for _, tt := range updates {
			_, err := s.UpdateUser(a.Ctx(tt.who), tt.id, tt.upd)
			if skillkeepr.ErrorCodeOf(err) != tt.code {
				t.Fatalf("%s: %v, want %q", tt.name, err, tt.code)
			}
		}
		got = must[*skillkeepr.User](t)(s.FindUserByID(a.Ctx(a.SuperAdmin), a.Recruiter.ID))
		if got.Name != "Renamed" || got.Role != collab || len(got.DepartmentIDs) != 2 {
			t.Fatalf("after updates: %+v", got)
		}
		got = must[*skillkeepr.User](t)(s.FindUserByID(a.Ctx(a.SuperAdmin), a.Collaborator.ID))
		if got.Active {
			t.Fatal("still active")
		}
		entries, _, err := s.FindAuditEntries(a.Ctx(a.SuperAdmin), skillkeepr.AuditFilter{EntityType: "user", ActorID: a.RecruiterAdmin.ID})
		ok(t, err)
		if len(entries) != 2 || entries[0].Action != "user.role_change" || !strings.Contains(entries[0].Before, `"role":"recruiter"`) ||
			!strings.Contains(entries[0].After, `"role":"collaborator"`) {
			t.Fatalf("audit: %+v", entries)
		}

		// Passwords and logins.
		wantCode(t, s.SetPassword(a.Ctx(a.Recruiter), a.SuperAdmin.ID, "x"), skillkeepr.EFORBIDDEN)
		ok(t, s.SetPassword(a.Ctx(a.Recruiter), a.Recruiter.ID, "new-hash"))
		ok(t, s.SetPassword(ctx, a.SuperAdmin.ID, "system-hash"))
		wantField(t, s.SetPassword(ctx, a.SuperAdmin.ID, ""), "password")
		ok(t, s.RecordLogin(ctx, a.Recruiter.ID))
		wantCode(t, s.RecordLogin(ctx, 987654), skillkeepr.ENOTFOUND)
		got = must[*skillkeepr.User](t)(s.FindUserByEmail(ctx, "recruiter@acme.test"))
		if got.PasswordHash != "new-hash" || got.LastLoginAt == nil {
			t.Fatalf("password/login: %+v", got)
		}
		entries, _, err = s.FindAuditEntries(a.Ctx(a.SuperAdmin), skillkeepr.AuditFilter{})
		ok(t, err)
		for _, e := range entries {
			if strings.Contains(e.Before+e.After, "hash") {
				t.Fatalf("audit leaks a password hash: %+v", e)
			}
		}
		_, _, err = s.FindAuditEntries(a.Ctx(a.RecruiterAdmin), skillkeepr.AuditFilter{})
		wantCode(t, err, skillkeepr.EFORBIDDEN)
		entries, _, err = s.FindAuditEntries(b.Ctx(b.SuperAdmin), skillkeepr.AuditFilter{Limit: 1000})
		ok(t, err)
		for _, e := range entries {
			if e.OrgID != b.Org.ID {
				t.Fatalf("foreign audit entry: %+v", e)
			}
		}
	})
}
