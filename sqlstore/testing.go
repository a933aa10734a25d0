package sqlstore

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
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

// SeedVolume fills o's organisation with jobs and candidates for
// benchmarks: jobs jobs spread over the two departments (every other one
// assigned to the Recruiter) and candidates candidates, each with one
// application in a status along the path. Candidates are written with
// multi-row inserts in one transaction, so 20,000 take a few seconds.
func SeedVolume(t testing.TB, s *Store, o *TestOrg, jobs, candidates int) []*skillkeepr.Job {
	t.Helper()
	admin := o.Ctx(o.SuperAdmin)
	out := make([]*skillkeepr.Job, 0, jobs)
	for i := range jobs {
		dept := o.Engineering.ID
		if i%2 == 1 {
			dept = o.Design.ID
		}
		j, err := s.CreateJob(admin, skillkeepr.JobFields{Title: "Job " + strconv.Itoa(i+1), DepartmentID: dept, Location: "Remote",
			EmploymentType: "Full-time", Description: "A job description of a few words.", RequiredSkills: []string{"Go", "SQL"}})
		if err != nil {
			t.Fatal(err)
		}
		if i%2 == 0 {
			if j, err = s.AssignJob(admin, j.ID, []int64{o.Recruiter.ID}); err != nil {
				t.Fatal(err)
			}
		}
		out = append(out, j)
	}
	if candidates == 0 || jobs == 0 {
		return out
	}
	ctx := context.Background()
	org := o.Org.ID
	now := ts(s.clock())
	statuses := skillkeepr.ApplicationStatuses[:9]
	const batch = 200
	err := s.inTx(ctx, func(tx *txn) error {
		var first int64
		for start := 0; start < candidates; start += batch {
			n := min(batch, candidates-start)
			args := make([]any, 0, n*9)
			for i := start; i < start+n; i++ {
				email := "candidate" + strconv.Itoa(i) + "@example.com"
				args = append(args, org, "Candidate "+strconv.Itoa(i), email, encodeList([]string{email}), "[]", "[]", "", "seed", now)
			}
			q := `INSERT INTO candidates (org_id, name, email, emails, phones, links, location, source, created_at, updated_at) VALUES ` +
				strings.TrimSuffix(strings.Repeat("(?, ?, ?, ?, ?, ?, ?, ?, ?, "+strconv.FormatInt(now, 10)+"), ", n), ", ")
			if _, err := tx.exec(ctx, q, args...); err != nil {
				return err
			}
		}
		if err := tx.queryRow(ctx, `SELECT min(id) FROM candidates WHERE org_id = ? AND source = 'seed'`, org).Scan(&first); err != nil {
			return err
		}
		for start := 0; start < candidates; start += batch {
			n := min(batch, candidates-start)
			eargs := make([]any, 0, n*3)
			aargs := make([]any, 0, n*6)
			for i := start; i < start+n; i++ {
				id := first + int64(i)
				eargs = append(eargs, org, id, "candidate"+strconv.Itoa(i)+"@example.com")
				aargs = append(aargs, org, id, out[i%jobs].ID, string(statuses[i%len(statuses)]), now, now+int64(i))
			}
			if _, err := tx.exec(ctx, `INSERT INTO candidate_emails (org_id, candidate_id, email) VALUES `+
				strings.TrimSuffix(strings.Repeat("(?, ?, ?), ", n), ", "), eargs...); err != nil {
				return err
			}
			if _, err := tx.exec(ctx, `INSERT INTO applications (org_id, candidate_id, job_id, status, created_at, updated_at) VALUES `+
				strings.TrimSuffix(strings.Repeat("(?, ?, ?, ?, ?, ?), ", n), ", "), aargs...); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.db.ExecContext(ctx, `ANALYZE`); err != nil {
		t.Fatal(err)
	}
	return out
}

// RecordingEnqueuer is an Enqueuer for tests of the packages above the
// store: it keeps the tasks instead of running them.
type RecordingEnqueuer struct {
	mu    sync.Mutex
	tasks []skillkeepr.Task
}

// EnqueueTx implements Enqueuer.
func (e *RecordingEnqueuer) EnqueueTx(ctx context.Context, tx *sql.Tx, t skillkeepr.Task) error {
	e.mu.Lock()
	defer e.mu.Unlock()
	e.tasks = append(e.tasks, t)
	return nil
}

// Emails returns the messages of the send_email tasks enqueued so far.
func (e *RecordingEnqueuer) Emails() []skillkeepr.EmailMessage {
	e.mu.Lock()
	defer e.mu.Unlock()
	var out []skillkeepr.EmailMessage
	for _, t := range e.tasks {
		switch m := t.(type) {
		case skillkeepr.SendEmailTask:
			out = append(out, m.Message)
		case *skillkeepr.SendEmailTask:
			out = append(out, m.Message)
		}
	}
	return out
}

// TasksOf returns the tasks of type T that e recorded, so a test counts
// its own kind whatever else the same changes enqueue (emails, scoring).
func TasksOf[T skillkeepr.Task](e *RecordingEnqueuer) []T {
	var out []T
	for _, t := range e.Tasks() {
		if v, ok := t.(T); ok {
			out = append(out, v)
		}
	}
	return out
}

// Tasks returns every task enqueued so far.
func (e *RecordingEnqueuer) Tasks() []skillkeepr.Task {
	e.mu.Lock()
	defer e.mu.Unlock()
	return append([]skillkeepr.Task(nil), e.tasks...)
}
