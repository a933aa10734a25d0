package sqlstore

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/skillkeepr/skillkeepr"
	"github.com/skillkeepr/skillkeepr/blob"
)

// TestPostgresURLEnv names the environment variable that enables the
// PostgreSQL half of the store tests.
const TestPostgresURLEnv = "SKILLKEEPR_TEST_POSTGRES_URL"

// TestEngines returns "sqlite", and "postgres" when
// SKILLKEEPR_TEST_POSTGRES_URL is set.
func TestEngines() []string {
	e := []string{engineSQLite}
	if os.Getenv(TestPostgresURLEnv) != "" {
		e = append(e, enginePostgres)
	}
	return e
}

// ForEachEngine runs fn as a parallel subtest on each engine of
// TestEngines, each with a fresh migrated store.
func ForEachEngine(t *testing.T, fn func(t *testing.T, s *Store)) {
	t.Helper()
	for _, engine := range TestEngines() {
		t.Run(engine, func(t *testing.T) {
			t.Parallel()
			fn(t, OpenTest(t, engine))
		})
	}
}

// OpenTest returns a fresh migrated store closed at the end of the test:
// SQLite in t.TempDir(), or PostgreSQL in a new schema dropped on cleanup.
// Blobs live in t.TempDir().
func OpenTest(t testing.TB, engine string) *Store {
	t.Helper()
	ctx := context.Background()
	blobs, err := blob.NewDir(filepath.Join(t.TempDir(), "blobs"))
	if err != nil {
		t.Fatal(err)
	}
	cfg := Config{Blobs: blobs}
	switch engine {
	case engineSQLite:
		cfg.URL = filepath.Join(t.TempDir(), "skillkeepr.db")
	case enginePostgres:
		base := os.Getenv(TestPostgresURLEnv)
		if base == "" {
			t.Skip(TestPostgresURLEnv + " is not set")
		}
		b := make([]byte, 8)
		_, _ = rand.Read(b)
		schema := "t_" + hex.EncodeToString(b)
		admin, err := sql.Open("pgx", base)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := admin.ExecContext(ctx, `CREATE SCHEMA `+schema); err != nil {
			admin.Close()
			t.Fatalf("create test schema: %v", err)
		}
		t.Cleanup(func() {
			if _, err := admin.ExecContext(context.Background(), `DROP SCHEMA `+schema+` CASCADE`); err != nil {
				t.Errorf("drop test schema: %v", err)
			}
			admin.Close()
		})
		u, err := url.Parse(base)
		if err != nil {
			t.Fatal(err)
		}
		q := u.Query()
		q.Set("search_path", schema)
		u.RawQuery = q.Encode()
		cfg.URL = u.String()
	default:
		t.Fatalf("unknown engine %q", engine)
	}
	s, err := Open(ctx, cfg)
	if err != nil {
		t.Fatal(err)
	}
	if engine == enginePostgres {
		s.db.SetMaxOpenConns(5) // many tests run at once on one server
	}
	t.Cleanup(func() { s.Close() })
	if err := s.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	return s
}

// TestOrg is an organisation seeded for tests: two departments and one
// user per role (the Collaborator in Engineering).
type TestOrg struct {
	Org            *skillkeepr.Organization
	Engineering    *skillkeepr.Department
	Design         *skillkeepr.Department
	SuperAdmin     *skillkeepr.User
	RecruiterAdmin *skillkeepr.User
	Recruiter      *skillkeepr.User
	Collaborator   *skillkeepr.User
}

// SeedTestOrg creates an organisation named name with its departments and
// users, through the store's system operations. Emails are
// <role>@<name in lower case, letters and digits only>.test.
func SeedTestOrg(t testing.TB, s *Store, name string) *TestOrg {
	t.Helper()
	ctx := context.Background()
	o := &TestOrg{}
	var err error
	if o.Org, err = s.CreateOrganization(ctx, skillkeepr.OrganizationCreate{Name: name}); err != nil {
		t.Fatal(err)
	}
	if o.Engineering, err = s.CreateDepartment(ctx, o.Org.ID, "Engineering"); err != nil {
		t.Fatal(err)
	}
	if o.Design, err = s.CreateDepartment(ctx, o.Org.ID, "Design"); err != nil {
		t.Fatal(err)
	}
	domain := strings.Map(func(r rune) rune {
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' {
			return r
		}
		return -1
	}, strings.ToLower(name)) + ".test"
	mk := func(local, who string, role skillkeepr.Role, deps ...int64) *skillkeepr.User {
		u, err := s.CreateUser(ctx, skillkeepr.UserCreate{OrgID: o.Org.ID, Email: local + "@" + domain, Name: who + " " + name,
			Role: role, DepartmentIDs: deps, PasswordHash: "test-password-hash"})
		if err != nil {
			t.Fatal(err)
		}
		return u
	}
	o.SuperAdmin = mk("admin", "Ada", skillkeepr.RoleSuperAdmin)
	o.RecruiterAdmin = mk("hr", "Hana", skillkeepr.RoleRecruiterAdmin)
	o.Recruiter = mk("recruiter", "Rui", skillkeepr.RoleRecruiter)
	o.Collaborator = mk("lead", "Lea", skillkeepr.RoleCollaborator, o.Engineering.ID)
	return o
}

// Ctx returns a context acting as u.
func (o *TestOrg) Ctx(u *skillkeepr.User) context.Context {
	return skillkeepr.WithActor(context.Background(), u.Actor())
}
