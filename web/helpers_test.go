package web_test

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/skillkeepr/skillkeepr"
	"github.com/skillkeepr/skillkeepr/password"
	"github.com/skillkeepr/skillkeepr/sqlstore"
	"github.com/skillkeepr/skillkeepr/web"
)

const testPassword = "correct horse battery"

// cheapHash keeps tests fast; sign-in still verifies real argon2id hashes.
func cheapHash(pw string) (string, error) {
	return password.HashWith(password.Params{Time: 1, Memory: 64, Threads: 1}, pw)
}

// recordingEnqueuer keeps the tasks the store enqueues.
type recordingEnqueuer = sqlstore.RecordingEnqueuer

type env struct {
	t       testing.TB
	engine  string
	store   *sqlstore.Store
	svc     skillkeepr.Services
	org     *sqlstore.TestOrg
	server  *web.Server
	ts      *httptest.Server
	enq     *recordingEnqueuer
	handler http.Handler
}

// newEnv starts the web server on a fresh store with a seeded
// organisation whose four users can sign in with testPassword.
func newEnv(t *testing.T, engine string) *env { return newEnvAPI(t, engine, nil) }

// newEnvAPI is newEnv with a JSON API handler mounted under /api/v1/.
func newEnvAPI(t *testing.T, engine string, api http.Handler, options ...func(e *env, c *web.Config)) *env {
	t.Helper()
	return newEnvTB(t, engine, api, options...)
}

// newEnvTB is newEnvAPI for tests and benchmarks alike.
func newEnvTB(t testing.TB, engine string, api http.Handler, options ...func(e *env, c *web.Config)) *env {
	t.Helper()
	st := sqlstore.OpenTest(t, engine)
	e := &env{t: t, engine: engine, store: st, svc: st.Services(), enq: &recordingEnqueuer{}}
	st.SetEnqueuer(e.enq)
	e.org = sqlstore.SeedTestOrg(t, st, "Acme")
	for _, u := range []*skillkeepr.User{e.org.SuperAdmin, e.org.RecruiterAdmin, e.org.Recruiter, e.org.Collaborator} {
		e.setPassword(u)
	}
	var h http.Handler
	e.ts = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { h.ServeHTTP(w, r) }))
	t.Cleanup(e.ts.Close)
	cfg := web.Config{
		Services:     e.svc,
		BaseURL:      e.ts.URL,
		Logger:       slog.New(slog.DiscardHandler),
		HashPassword: cheapHash,
		DevMailbox:   true,
		API:          api,
	}
	for _, o := range options {
		o(e, &cfg)
	}
	srv, err := web.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	e.server = srv
	h = srv.Handler()
	e.handler = h
	return e
}

func (e *env) setPassword(u *skillkeepr.User) {
	e.t.Helper()
	hash, err := cheapHash(testPassword)
	if err != nil {
		e.t.Fatal(err)
	}
	if err := e.svc.Users.SetPassword(context.Background(), u.ID, hash); err != nil {
		e.t.Fatal(err)
	}
}

// client is a browser: a cookie jar, no automatic redirects.
type client struct {
	t    testing.TB
	e    *env
	http *http.Client
	csrf string
}

func (e *env) client() *client {
	jar, _ := cookiejar.New(nil)
	return &client{t: e.t, e: e, http: &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error {
		return http.ErrUseLastResponse
	}}}
}

type resp struct {
	*http.Response
	body string
}

var csrfRe = regexp.MustCompile(`name="csrf_token" value="([^"]*)"`)

func (c *client) do(req *http.Request) resp {
	c.t.Helper()
	r, err := c.http.Do(req)
	if err != nil {
		c.t.Fatal(err)
	}
	defer r.Body.Close()
	b, err := io.ReadAll(r.Body)
	if err != nil {
		c.t.Fatal(err)
	}
	if m := csrfRe.FindStringSubmatch(string(b)); m != nil && m[1] != "" {
		c.csrf = m[1]
	}
	return resp{r, string(b)}
}

func (c *client) get(path string) resp {
	c.t.Helper()
	req, err := http.NewRequest(http.MethodGet, c.e.ts.URL+path, nil)
	if err != nil {
		c.t.Fatal(err)
	}
	return c.do(req)
}

// post sends a form; the CSRF token of the last page is added unless the
// form sets csrf_token itself.
func (c *client) post(path string, form url.Values) resp {
	c.t.Helper()
	if form == nil {
		form = url.Values{}
	}
	if _, ok := form["csrf_token"]; !ok && c.csrf != "" {
		form.Set("csrf_token", c.csrf)
	}
	req, err := http.NewRequest(http.MethodPost, c.e.ts.URL+path, strings.NewReader(form.Encode()))
	if err != nil {
		c.t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	return c.do(req)
}

// login signs u in and loads the dashboard (for the CSRF token).
func (e *env) login(u *skillkeepr.User) *client {
	e.t.Helper()
	c := e.client()
	r := c.post("/login", url.Values{"email": {u.Email}, "password": {testPassword}})
	if r.StatusCode != http.StatusSeeOther {
		e.t.Fatalf("login %s: status %d: %s", u.Email, r.StatusCode, r.body)
	}
	if r2 := c.get("/"); r2.StatusCode != http.StatusOK {
		e.t.Fatalf("dashboard after login: %d", r2.StatusCode)
	}
	return c
}

func (e *env) users() map[string]*skillkeepr.User {
	return map[string]*skillkeepr.User{
		"super_admin": e.org.SuperAdmin, "recruiter_admin": e.org.RecruiterAdmin,
		"recruiter": e.org.Recruiter, "collaborator": e.org.Collaborator,
	}
}

func (e *env) ctx(u *skillkeepr.User) context.Context { return e.org.Ctx(u) }

// createJob creates a job as the Super Admin.
func (e *env) createJob(title string, dep int64, recruiters ...int64) *skillkeepr.Job {
	e.t.Helper()
	ctx := e.ctx(e.org.SuperAdmin)
	j, err := e.svc.Jobs.CreateJob(ctx, skillkeepr.JobFields{Title: title, DepartmentID: dep, Location: "Remote",
		Description: "Build things.", RequiredSkills: []string{"Go", "SQL"}, Status: skillkeepr.JobOpen})
	if err != nil {
		e.t.Fatal(err)
	}
	if len(recruiters) > 0 {
		if j, err = e.svc.Jobs.AssignJob(ctx, j.ID, recruiters); err != nil {
			e.t.Fatal(err)
		}
	}
	return j
}

func forEachEngine(t *testing.T, fn func(t *testing.T, e *env)) {
	for _, engine := range sqlstore.TestEngines() {
		t.Run(engine, func(t *testing.T) {
			t.Parallel()
			fn(t, newEnv(t, engine))
		})
	}
}

func wantStatus(t testing.TB, r resp, want int) {
	t.Helper()
	if r.StatusCode != want {
		body := r.body
		if len(body) > 2000 {
			body = body[:2000]
		}
		t.Fatalf("%s %s: status %d, want %d\n%s", r.Request.Method, r.Request.URL.Path, r.StatusCode, want, body)
	}
}

func wantContains(t testing.TB, r resp, subs ...string) {
	t.Helper()
	for _, s := range subs {
		if !strings.Contains(r.body, s) {
			t.Errorf("%s %s: body lacks %q", r.Request.Method, r.Request.URL.Path, s)
		}
	}
}
