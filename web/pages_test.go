package web_test

import (
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/skillkeepr/skillkeepr"
	"github.com/skillkeepr/skillkeepr/sqlstore"
)

func TestSecurityHeaders(t *testing.T) {
	t.Parallel()
	forEachEngine(t, func(t *testing.T, e *env) {
		c := e.client()
		for _, p := range []string{"/login", "/jobs", "/nope", "/static/app.css"} {
			r := c.get(p)
			h := r.Header
			if csp := h.Get("Content-Security-Policy"); !strings.Contains(csp, "script-src 'self'") || !strings.Contains(csp, "frame-ancestors 'none'") || strings.Contains(csp, "unsafe-inline") {
				t.Errorf("%s: CSP %q", p, csp)
			}
			for k, v := range map[string]string{"X-Content-Type-Options": "nosniff", "Referrer-Policy": "same-origin", "X-Frame-Options": "DENY"} {
				if h.Get(k) != v {
					t.Errorf("%s: %s = %q", p, k, h.Get(k))
				}
			}
			if h.Get("X-Request-Id") == "" {
				t.Errorf("%s: no request id", p)
			}
		}
		r := c.get("/login")
		if strings.Contains(r.body, "<script>") || strings.Contains(r.body, "style=") {
			t.Error("inline script or style on the sign-in page")
		}
		req, _ := http.NewRequest(http.MethodGet, e.ts.URL+"/healthz", nil)
		req.Header.Set("X-Request-Id", "abc-123")
		if got := c.do(req).Header.Get("X-Request-Id"); got != "abc-123" {
			t.Errorf("request id not kept: %q", got)
		}
	})
}

func TestProbesAndMetrics(t *testing.T) {
	t.Parallel()
	forEachEngine(t, func(t *testing.T, e *env) {
		c := e.login(e.org.SuperAdmin)
		wantStatus(t, c.get("/healthz"), http.StatusOK)
		wantStatus(t, c.get("/readyz"), http.StatusOK)
		j := e.createJob("Metrics engineer", e.org.Engineering.ID)
		wantStatus(t, c.get(fmt.Sprintf("/jobs/%d", j.ID)), http.StatusOK)
		r := c.get("/metrics")
		wantStatus(t, r, http.StatusOK)
		wantContains(t, r, `route="GET /jobs/{id}"`, `skillkeepr_http_request_duration_seconds_bucket`, `status="200"`)
		if strings.Contains(r.body, fmt.Sprintf(`route="/jobs/%d"`, j.ID)) {
			t.Error("metrics labelled by path instead of pattern")
		}

		e.store.Close()
		r = c.get("/readyz")
		wantStatus(t, r, http.StatusServiceUnavailable)
		wantContains(t, r, `"reason"`)
		wantStatus(t, c.get("/healthz"), http.StatusOK)
		r = c.get("/jobs")
		wantStatus(t, r, http.StatusServiceUnavailable)
		wantContains(t, r, "can&#39;t reach its database")
		if strings.Contains(r.body, "goroutine") || strings.Contains(r.body, "sql:") {
			t.Error("internal detail on the error page")
		}
	})
}

type pageCase struct {
	path string
	want map[string]int // role → status; missing roles: 200
}

func TestEveryPageForEveryRole(t *testing.T) {
	t.Parallel()
	forEachEngine(t, func(t *testing.T, e *env) {
		eng := e.createJob("Backend engineer", e.org.Engineering.ID, e.org.Recruiter.ID)
		des := e.createJob("Product designer", e.org.Design.ID)
		only := func(code int, roles ...string) map[string]int {
			m := map[string]int{}
			for _, r := range []string{"super_admin", "recruiter_admin", "recruiter", "collaborator"} {
				m[r] = code
			}
			for _, r := range roles {
				m[r] = http.StatusOK
			}
			return m
		}
		cases := []pageCase{
			{"/", nil}, {"/jobs", nil}, {"/jobs?q=engineer&status=open&page=2", nil},
			{"/jobs/new", only(403, "super_admin", "recruiter_admin", "collaborator")},
			{fmt.Sprintf("/jobs/%d", eng.ID), nil},
			{fmt.Sprintf("/jobs/%d", des.ID), only(404, "super_admin", "recruiter_admin")},
			{fmt.Sprintf("/jobs/%d/edit", eng.ID), only(403, "super_admin", "recruiter_admin", "collaborator")},
			{fmt.Sprintf("/jobs/%d/assign", eng.ID), only(403, "super_admin", "recruiter_admin")},
			{"/jobs/999999", only(404)}, {"/jobs/abc", only(404)},
			{"/interviews", nil},
			{"/integrations", only(403, "super_admin")},
			{"/users", only(403, "super_admin", "recruiter_admin")},
			{"/departments", only(403, "super_admin", "recruiter_admin")},
			{fmt.Sprintf("/departments/%d/delete", e.org.Design.ID), only(403, "super_admin", "recruiter_admin")},
			{"/settings", only(403, "super_admin")},
			{fmt.Sprintf("/users/%d/departments", e.org.Collaborator.ID), only(403, "super_admin", "recruiter_admin")},
			{fmt.Sprintf("/users/%d/deactivate", e.org.Recruiter.ID), only(403, "super_admin", "recruiter_admin")},
			{fmt.Sprintf("/users/%d/deactivate", e.org.SuperAdmin.ID), only(403)},
			{"/audit", only(403, "super_admin")},
			{"/dev/mailbox", only(403, "super_admin", "recruiter_admin")},
			{"/account/password", nil}, {"/account/tokens", nil},
			{"/no/such/page", only(404)},
		}
		if e.svc.Candidates != nil {
			mk := func(job *skillkeepr.Job, name string) *skillkeepr.Candidate {
				c, _, err := e.svc.Candidates.CreateCandidate(e.ctx(e.org.SuperAdmin), skillkeepr.CandidateCreate{JobID: job.ID,
					CandidateFields: skillkeepr.CandidateFields{Name: name, Emails: []string{strings.ToLower(strings.Fields(name)[0]) + "@example.test"}},
					Resume:          &skillkeepr.ResumeUpload{FileName: "cv.txt", ContentType: "text/plain", Data: []byte("CV of " + name)}})
				if err != nil {
					t.Fatal(err)
				}
				return c
			}
			ce, cd := mk(eng, "Engin Person"), mk(des, "Desi Person")
			cases = append(cases,
				pageCase{fmt.Sprintf("/candidates/%d", ce.ID), nil},
				pageCase{fmt.Sprintf("/candidates/%d", cd.ID), only(404, "super_admin", "recruiter_admin")},
				pageCase{fmt.Sprintf("/candidates?job=%d", eng.ID), nil},
				pageCase{"/candidates", nil},
				pageCase{"/candidates?q=x&status=new", nil},
				pageCase{fmt.Sprintf("/jobs/%d/candidates/new", eng.ID), only(403, "super_admin", "recruiter_admin", "recruiter")})
		}
		menus := map[string][]string{
			"super_admin":     {"Dashboard", "Jobs", "Candidates", "Interviews", "Integrations", "Users", "Departments", "Settings", "Audit log"},
			"recruiter_admin": {"Dashboard", "Jobs", "Candidates", "Interviews", "Users", "Departments"},
			"recruiter":       {"Dashboard", "Jobs", "Candidates", "Interviews"},
			"collaborator":    {"Dashboard", "Jobs", "Candidates", "Interviews"},
		}
		menuRe := regexp.MustCompile(`<nav class="sidebar"[\s\S]*?<ul class="menu">([\s\S]*?)</ul>`)
		itemRe := regexp.MustCompile(`<a href="[^"]*"[^>]*>([^<]+)</a>`)
		for role, u := range e.users() {
			c := e.login(u)
			for _, pc := range cases {
				want := http.StatusOK
				if pc.want != nil {
					want = pc.want[role]
				}
				r := c.get(pc.path)
				if r.StatusCode != want {
					t.Errorf("%s GET %s: %d, want %d", role, pc.path, r.StatusCode, want)
				}
				if !strings.Contains(r.body, "<main") || !strings.Contains(r.body, "<h1") {
					t.Errorf("%s GET %s: no <main> or <h1>", role, pc.path)
				}
			}
			m := menuRe.FindStringSubmatch(c.get("/").body)
			if m == nil {
				t.Fatalf("%s: no menu", role)
			}
			var got []string
			for _, it := range itemRe.FindAllStringSubmatch(m[1], -1) {
				got = append(got, it[1])
			}
			if want := menus[role]; strings.Join(got, ",") != strings.Join(want, ",") && strings.Join(got, ",") != strings.Join(append(want, "Mailbox"), ",") {
				t.Errorf("%s menu: %v, want %v", role, got, want)
			}
		}
	})
}

func TestJobsPageAndForm(t *testing.T) {
	t.Parallel()
	forEachEngine(t, func(t *testing.T, e *env) {
		c := e.login(e.org.RecruiterAdmin)
		r := c.get("/")
		wantContains(t, r, "No jobs yet — create your first job")
		r = c.get("/jobs/new")
		wantStatus(t, r, http.StatusOK)
		wantContains(t, r, `class="req"`, `<label for="title">`)

		r = c.post("/jobs/new", url.Values{"title": {"  "}, "location": {"Berlin"}, "min_years_experience": {"lots"},
			"required_skills": {"Go, SQL"}, "status": {"open"}})
		wantStatus(t, r, http.StatusBadRequest)
		wantContains(t, r, "Enter the job title.", "Choose a department.", "Enter the job description.",
			"Enter a whole number of years", `value="Berlin"`, `value="Go, SQL"`)

		r = c.post("/jobs/new", url.Values{"title": {"Site reliability engineer"}, "department_id": {fmt.Sprint(e.org.Engineering.ID)},
			"location": {"Berlin"}, "description": {"Keep it running."}, "required_skills": {"Go, Linux, go"},
			"nice_to_have_skills": {"Kubernetes"}, "min_years_experience": {"3"}, "status": {"open"}, "employment_type": {"Full-time"}})
		wantStatus(t, r, http.StatusSeeOther)
		loc := r.Header.Get("Location")
		r = c.get(loc)
		wantStatus(t, r, http.StatusOK)
		wantContains(t, r, "#1001", "Site reliability engineer", `<li class="chip">Linux</li>`, "Kubernetes", "Engineering", "Job #1001 Site reliability engineer was created.")

		e.createJob("Visual designer", e.org.Design.ID)
		r = c.get("/jobs")
		wantContains(t, r, `data-job-number="1001"`, `data-job-number="1002"`, `class="btn btn-assign btn-small"`, "Not assigned")
		if strings.Index(r.body, "Visual designer") > strings.Index(r.body, "Site reliability engineer") {
			t.Error("jobs not newest first")
		}
		r = c.get("/jobs?q=%231001")
		wantContains(t, r, "Site reliability engineer")
		if strings.Contains(r.body, "Visual designer") {
			t.Error("search by number did not narrow")
		}
		r = c.get(fmt.Sprintf("/jobs?department=%d", e.org.Design.ID))
		if strings.Contains(r.body, "Site reliability engineer") || !strings.Contains(r.body, "Visual designer") {
			t.Error("department filter")
		}

		// Edit keeps values on error.
		r = c.post(loc+"/edit", url.Values{"title": {"SRE"}, "department_id": {fmt.Sprint(e.org.Engineering.ID)},
			"location": {""}, "description": {"Keep it running."}, "status": {"open"}})
		wantStatus(t, r, http.StatusBadRequest)
		wantContains(t, r, `value="SRE"`, "Enter the location")

		// A collaborator sees only their own departments in the form.
		lc := e.login(e.org.Collaborator)
		r = lc.get("/jobs/new")
		wantContains(t, r, "Engineering")
		if strings.Contains(r.body, ">Design<") {
			t.Error("collaborator offered another department")
		}
		// Recruiters see no New job button and no Assign buttons.
		rc := e.login(e.org.Recruiter)
		r = rc.get("/jobs")
		if strings.Contains(r.body, "btn-assign") || strings.Contains(r.body, `href="/jobs/new"`) {
			t.Error("recruiter sees admin buttons")
		}
	})
}

func TestAssignFlow(t *testing.T) {
	t.Parallel()
	forEachEngine(t, func(t *testing.T, e *env) {
		j := e.createJob("Data engineer", e.org.Engineering.ID)
		rc := e.login(e.org.Recruiter)
		wantStatus(t, rc.get(fmt.Sprintf("/jobs/%d", j.ID)), http.StatusNotFound)

		c := e.login(e.org.RecruiterAdmin)
		r := c.get(fmt.Sprintf("/jobs/%d/assign", j.ID))
		wantStatus(t, r, http.StatusOK)
		wantContains(t, r, e.org.Recruiter.Name)
		r = c.post(fmt.Sprintf("/jobs/%d/assign", j.ID), url.Values{"recruiter_id": {fmt.Sprint(e.org.Recruiter.ID)}})
		wantStatus(t, r, http.StatusSeeOther)
		r = c.get("/jobs")
		wantContains(t, r, "is now assigned to "+e.org.Recruiter.Name)

		r = rc.get("/jobs")
		wantContains(t, r, "Data engineer")
		wantStatus(t, rc.get(fmt.Sprintf("/jobs/%d", j.ID)), http.StatusOK)
		// The recruiter cannot assign.
		r = rc.post(fmt.Sprintf("/jobs/%d/assign", j.ID), url.Values{"recruiter_id": {}})
		wantStatus(t, r, http.StatusForbidden)
	})
}

func TestOtherOrganisationIsNotFound(t *testing.T) {
	t.Parallel()
	forEachEngine(t, func(t *testing.T, e *env) {
		other := sqlstore.SeedTestOrg(t, e.store, "Globex")
		ctx := other.Ctx(other.SuperAdmin)
		j, err := e.svc.Jobs.CreateJob(ctx, skillkeepr.JobFields{Title: "Secret job", DepartmentID: other.Engineering.ID,
			Location: "Remote", Description: "x", Status: skillkeepr.JobOpen})
		if err != nil {
			t.Fatal(err)
		}
		c := e.login(e.org.SuperAdmin)
		for _, p := range []string{"/jobs/%d", "/jobs/%d/edit", "/jobs/%d/assign"} {
			r := c.get(fmt.Sprintf(p, j.ID))
			wantStatus(t, r, http.StatusNotFound)
			if strings.Contains(r.body, "Secret job") {
				t.Fatal("leaked another organisation's job")
			}
		}
		wantStatus(t, c.post(fmt.Sprintf("/jobs/%d/assign", j.ID), url.Values{"recruiter_id": {fmt.Sprint(e.org.Recruiter.ID)}}), http.StatusNotFound)
		wantStatus(t, c.get(fmt.Sprintf("/departments/%d/delete", other.Design.ID)), http.StatusNotFound)
		if e.svc.Candidates != nil {
			cand, _, err := e.svc.Candidates.CreateCandidate(ctx, skillkeepr.CandidateCreate{JobID: j.ID,
				CandidateFields: skillkeepr.CandidateFields{Name: "Hidden Person", Emails: []string{"hidden@globex.test"}},
				Resume:          &skillkeepr.ResumeUpload{FileName: "cv.txt", ContentType: "text/plain; charset=utf-8", Data: []byte("hello")}})
			if err != nil {
				t.Fatal(err)
			}
			wantStatus(t, c.get(fmt.Sprintf("/candidates/%d", cand.ID)), http.StatusNotFound)
			if len(cand.Resumes) > 0 {
				wantStatus(t, c.get(fmt.Sprintf("/resumes/%d", cand.Resumes[0].ID)), http.StatusNotFound)
			}
		}
	})
}

func TestDepartmentsUsersSettings(t *testing.T) {
	t.Parallel()
	forEachEngine(t, func(t *testing.T, e *env) {
		c := e.login(e.org.SuperAdmin)
		c.get("/departments")
		wantStatus(t, c.post("/departments", url.Values{"name": {""}}), http.StatusBadRequest)
		wantStatus(t, c.post(fmt.Sprintf("/departments/%d/rename", e.org.Design.ID), url.Values{"name": {"Design & UX"}}), http.StatusSeeOther)
		r := c.get("/departments")
		wantContains(t, r, "Design &amp; UX")
		// Deleting needs the confirmation box; with jobs it is refused in plain words.
		e.createJob("Illustrator", e.org.Design.ID)
		r = c.post(fmt.Sprintf("/departments/%d/delete", e.org.Design.ID), nil)
		wantStatus(t, r, http.StatusSeeOther)
		r = c.post(fmt.Sprintf("/departments/%d/delete", e.org.Design.ID), url.Values{"confirm": {"yes"}})
		wantStatus(t, r, http.StatusSeeOther)
		r = c.get("/departments")
		wantContains(t, r, "was not deleted")

		// Settings.
		c.get("/settings")
		r = c.post("/settings", url.Values{"name": {"Acme Ltd"}, "timezone": {"Mars/Olympus"}, "tag_prefix": {"sk"}})
		wantStatus(t, r, http.StatusBadRequest)
		wantContains(t, r, "Choose a time zone", `value="Acme Ltd"`)
		r = c.post("/settings", url.Values{"name": {"Acme Ltd"}, "timezone": {"Europe/London"}, "tag_prefix": {"sk"}, "blind_review": {"on"}})
		wantStatus(t, r, http.StatusSeeOther)
		org, err := e.svc.Organizations.CurrentOrganization(e.ctx(e.org.SuperAdmin))
		if err != nil || org.Name != "Acme Ltd" || org.Timezone != "Europe/London" || !org.BlindReview || org.TagPrefix != "sk" {
			t.Fatalf("settings not saved: %+v %v", org, err)
		}
		wantContains(t, c.get("/audit"), "Audit log")

		// Users: change role and deactivate with confirmation.
		r = c.get("/users")
		wantContains(t, r, e.org.Collaborator.Name, "Engineering")
		r = c.post(fmt.Sprintf("/users/%d/role", e.org.Collaborator.ID), url.Values{"role": {"recruiter"}})
		wantStatus(t, r, http.StatusSeeOther)
		wantStatus(t, c.get(fmt.Sprintf("/users/%d/deactivate", e.org.Recruiter.ID)), http.StatusOK)
		rc := e.login(e.org.Recruiter)
		wantStatus(t, c.post(fmt.Sprintf("/users/%d/deactivate", e.org.Recruiter.ID), nil), http.StatusSeeOther)
		wantStatus(t, rc.get("/"), http.StatusOK) // not confirmed: nothing happened
		wantStatus(t, c.post(fmt.Sprintf("/users/%d/deactivate", e.org.Recruiter.ID), url.Values{"confirm": {"yes"}}), http.StatusSeeOther)
		wantStatus(t, rc.get("/"), http.StatusSeeOther) // signed out
		wantStatus(t, c.post(fmt.Sprintf("/users/%d/reactivate", e.org.Recruiter.ID), url.Values{"confirm": {"yes"}}), http.StatusSeeOther)
		wantStatus(t, e.client().post("/login", url.Values{"email": {e.org.Recruiter.Email}, "password": {testPassword}}), http.StatusSeeOther)

		// Departments of a user.
		wantStatus(t, c.get(fmt.Sprintf("/users/%d/departments", e.org.Recruiter.ID)), http.StatusOK)
		r = c.post(fmt.Sprintf("/users/%d/departments", e.org.Recruiter.ID), url.Values{"department_id": {fmt.Sprint(e.org.Engineering.ID), fmt.Sprint(e.org.Design.ID)}})
		wantStatus(t, r, http.StatusSeeOther)
		if u, err := e.svc.Users.FindUserByID(e.ctx(e.org.SuperAdmin), e.org.Recruiter.ID); err != nil || len(u.DepartmentIDs) != 2 {
			t.Fatalf("departments not saved: %+v %v", u, err)
		}

		// A Recruiter Admin may not invite Super Admins.
		hc := e.login(e.org.RecruiterAdmin)
		r = hc.get("/users")
		if strings.Contains(r.body, `<option value="super_admin"`) {
			t.Error("Recruiter Admin offered the Super Admin role")
		}
	})
}

func TestBodyLimit(t *testing.T) {
	t.Parallel()
	forEachEngine(t, func(t *testing.T, e *env) {
		c := e.login(e.org.SuperAdmin)
		r := c.post("/departments", url.Values{"name": {strings.Repeat("x", 2<<20)}})
		wantStatus(t, r, http.StatusRequestEntityTooLarge)
		wantContains(t, r, "larger than SkillKeepr accepts")
	})
}
