package api_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/skillkeepr/skillkeepr"
	"github.com/skillkeepr/skillkeepr/api"
)

func TestMeAndOrganization(t *testing.T) {
	t.Parallel()
	forEachEngine(t, func(t *testing.T, e *env) {
		me := decode[api.Me](t, e.do(e.a.Collaborator, "GET", "/api/v1/me", nil), 200)
		if me.ID != e.a.Collaborator.ID || me.Role != skillkeepr.RoleCollaborator || me.Organization.Name != "Acme" ||
			len(me.DepartmentIDs) != 1 || me.DepartmentIDs[0] != e.a.Engineering.ID {
			t.Errorf("me = %+v", me)
		}
		if r := e.do(nil, "GET", "/api/v1/me", nil); r.Code != 401 || r.Header.Get("WWW-Authenticate") == "" {
			t.Errorf("me without actor: %v", r)
		}

		org := decode[skillkeepr.Organization](t, e.do(e.a.Recruiter, "GET", "/api/v1/organization", nil), 200)
		if org.ID != e.a.Org.ID {
			t.Errorf("organization = %+v", org)
		}
		org = decode[skillkeepr.Organization](t, e.do(e.a.SuperAdmin, "PATCH", "/api/v1/organization",
			map[string]any{"name": "  Acme Corp ", "timezone": "Europe/London", "blind_review": true}), 200)
		if org.Name != "Acme Corp" || org.Timezone != "Europe/London" || !org.BlindReview || org.TagPrefix == "" {
			t.Errorf("patched organization = %+v", org)
		}
		r := e.do(e.a.SuperAdmin, "PATCH", "/api/v1/organization", map[string]any{"timezone": "Mars/Olympus"})
		if _, _, f := r.errBody(t); r.Code != 400 || f["timezone"] == "" {
			t.Errorf("bad timezone: %v", r)
		}
		if r := e.do(e.a.RecruiterAdmin, "PATCH", "/api/v1/organization", map[string]any{"name": "X"}); r.Code != 403 {
			t.Errorf("recruiter admin patching organization: %v", r)
		}
	})
}

func TestDepartmentsCRUD(t *testing.T) {
	t.Parallel()
	forEachEngine(t, func(t *testing.T, e *env) {
		admin := e.a.RecruiterAdmin
		d := decode[skillkeepr.Department](t, e.do(admin, "POST", "/api/v1/departments", map[string]any{"name": " Sales "}), 201)
		if d.Name != "Sales" || d.ID == 0 {
			t.Fatalf("created %+v", d)
		}
		path := fmt.Sprintf("/api/v1/departments/%d", d.ID)
		if got := decode[skillkeepr.Department](t, e.do(admin, "GET", path, nil), 200); got.Name != "Sales" {
			t.Errorf("get = %+v", got)
		}
		if got := decode[skillkeepr.Department](t, e.do(admin, "PATCH", path, map[string]any{"name": "Sales EMEA"}), 200); got.Name != "Sales EMEA" {
			t.Errorf("renamed = %+v", got)
		}
		l := decode[listOf[skillkeepr.Department]](t, e.do(admin, "GET", "/api/v1/departments", nil), 200)
		if l.Total != 3 || len(l.Data) != 3 {
			t.Errorf("list = %+v", l)
		}
		r := e.do(admin, "POST", "/api/v1/departments", map[string]any{"name": "  "})
		if _, _, f := r.errBody(t); r.Code != 400 || f["name"] == "" {
			t.Errorf("empty name: %v", r)
		}
		// A department with jobs cannot be deleted.
		e.mustJob(admin, "Engineer", e.a.Engineering.ID)
		if r := e.do(admin, "DELETE", fmt.Sprintf("/api/v1/departments/%d", e.a.Engineering.ID), nil); r.Code != 409 {
			t.Errorf("delete department with jobs: %v", r)
		}
		if r := e.do(admin, "DELETE", path, nil); r.Code != 204 || len(r.Body) != 0 {
			t.Errorf("delete: %v", r)
		}
		if r := e.do(admin, "GET", path, nil); r.Code != 404 {
			t.Errorf("get deleted: %v", r)
		}
		if r := e.do(e.a.Recruiter, "POST", "/api/v1/departments", map[string]any{"name": "Ops"}); r.Code != 403 {
			t.Errorf("recruiter creating a department: %v", r)
		}
	})
}

func TestJobsCRUD(t *testing.T) {
	t.Parallel()
	forEachEngine(t, func(t *testing.T, e *env) {
		admin := e.a.RecruiterAdmin
		j := decode[skillkeepr.Job](t, e.do(admin, "POST", "/api/v1/jobs", map[string]any{
			"title": "Backend Engineer", "department_id": e.a.Engineering.ID, "location": "Remote",
			"employment_type": "Full-time", "description": "Go and SQL.", "required_skills": []string{"Go", " go ", "SQL"},
			"min_years_experience": 3}), 201)
		if j.Number != skillkeepr.FirstJobNumber || j.Status != skillkeepr.JobOpen || len(j.RequiredSkills) != 2 ||
			j.DepartmentName != "Engineering" || j.OwnerID != admin.ID {
			t.Errorf("created %+v", j)
		}
		path := fmt.Sprintf("/api/v1/jobs/%d", j.ID)
		got := decode[skillkeepr.Job](t, e.do(admin, "PATCH", path, map[string]any{"title": "Senior Backend Engineer", "status": "draft"}), 200)
		if got.Title != "Senior Backend Engineer" || got.Status != skillkeepr.JobDraft || got.Description != "Go and SQL." ||
			got.MinYearsExperience != 3 || len(got.RequiredSkills) != 2 {
			t.Errorf("patched %+v", got)
		}
		// The Collaborator of Engineering can create and edit in Engineering.
		cj := decode[skillkeepr.Job](t, e.do(e.a.Collaborator, "POST", "/api/v1/jobs", map[string]any{
			"title": "Frontend Engineer", "department_id": e.a.Engineering.ID, "location": "Berlin", "description": "TS."}), 201)
		e.mustJob(admin, "Product Designer", e.a.Design.ID)

		// Assign and collaborators.
		got = decode[skillkeepr.Job](t, e.do(admin, "PUT", path+"/recruiters", map[string]any{"recruiter_ids": []int64{e.a.Recruiter.ID}}), 200)
		if len(got.RecruiterIDs) != 1 || got.RecruiterIDs[0] != e.a.Recruiter.ID || len(got.RecruiterNames) != 1 {
			t.Errorf("assigned %+v", got)
		}
		got = decode[skillkeepr.Job](t, e.do(admin, "PUT", path+"/collaborators", map[string]any{"collaborator_ids": []int64{e.a.Collaborator.ID}}), 200)
		if len(got.CollaboratorIDs) != 1 {
			t.Errorf("collaborators %+v", got)
		}
		r := e.do(admin, "PUT", path+"/recruiters", map[string]any{})
		if _, _, f := r.errBody(t); r.Code != 400 || f["recruiter_ids"] == "" {
			t.Errorf("assign without list: %v", r)
		}

		// Lists and filters.
		for _, tc := range []struct {
			who   *skillkeepr.User
			query string
			want  []string
		}{
			{admin, "", []string{"Product Designer", "Frontend Engineer", "Senior Backend Engineer"}},
			{admin, "?status=draft", []string{"Senior Backend Engineer"}},
			{admin, fmt.Sprintf("?department_id=%d", e.a.Design.ID), []string{"Product Designer"}},
			{admin, fmt.Sprintf("?recruiter_id=%d", e.a.Recruiter.ID), []string{"Senior Backend Engineer"}},
			{admin, "?q=frontend", []string{"Frontend Engineer"}},
			{admin, "?limit=1&offset=1", []string{"Frontend Engineer"}},
			{e.a.Recruiter, "", []string{"Senior Backend Engineer"}},
			{e.a.Collaborator, "", []string{"Frontend Engineer", "Senior Backend Engineer"}},
		} {
			l := decode[listOf[skillkeepr.Job]](t, e.do(tc.who, "GET", "/api/v1/jobs"+tc.query, nil), 200)
			var titles []string
			for _, j := range l.Data {
				titles = append(titles, j.Title)
			}
			if strings.Join(titles, "|") != strings.Join(tc.want, "|") {
				t.Errorf("%s jobs%s = %q, want %q", tc.who.Role, tc.query, titles, tc.want)
			}
			if tc.query == "?limit=1&offset=1" && l.Total != 3 {
				t.Errorf("paged total = %d, want 3", l.Total)
			}
		}
		if got := decode[skillkeepr.Job](t, e.do(e.a.Collaborator, "GET", fmt.Sprintf("/api/v1/jobs/%d", cj.ID), nil), 200); got.Title != "Frontend Engineer" {
			t.Errorf("collaborator get = %+v", got)
		}

		// Dashboard.
		e.mustCandidate(admin, "Cy Candidate", "cy@example.com", j.ID)
		dash := decode[listOf[api.DashboardRow]](t, e.do(admin, "GET", "/api/v1/dashboard", nil), 200)
		found := false
		for _, row := range dash.Data {
			if row.JobID == j.ID {
				found = true
				if row.Total != 1 || row.Counts[skillkeepr.StatusNew] != 1 || row.Number != j.Number {
					t.Errorf("dashboard row %+v", row)
				}
			}
		}
		if !found || dash.Total != 3 {
			t.Errorf("dashboard = %+v", dash)
		}
	})
}

func TestCandidatesAndApplications(t *testing.T) {
	t.Parallel()
	forEachEngine(t, func(t *testing.T, e *env) {
		e.blindReviewOff(e.a) // this test reads names
		admin := e.a.SuperAdmin
		job := e.mustJob(admin, "Engineer", e.a.Engineering.ID)
		created := decode[api.CandidateCreated](t, e.do(admin, "POST", "/api/v1/candidates", map[string]any{
			"job_id": job.ID, "name": "Grace Hopper", "emails": []string{"Grace@Example.com"},
			"phones": []string{"+1 555 0100"}, "links": []string{"https://example.com/grace"}, "location": "Arlington"}), 201)
		c, app := created.Candidate, created.Application
		if c.Name != "Grace Hopper" || len(c.Emails) != 1 || c.Emails[0] != "grace@example.com" || c.Source != "manual" ||
			app.JobID != job.ID || app.Status != skillkeepr.StatusNew || app.CandidateID != c.ID {
			t.Fatalf("created %+v %+v", c, app)
		}
		r := e.do(admin, "POST", "/api/v1/candidates", map[string]any{"job_id": job.ID, "name": "Grace H", "emails": []string{"grace@example.com"}})
		if r.Code != 409 {
			t.Errorf("second application to the same job: %v", r)
		}
		cpath := fmt.Sprintf("/api/v1/candidates/%d", c.ID)
		got := decode[skillkeepr.Candidate](t, e.do(admin, "PATCH", cpath, map[string]any{"location": "New York"}), 200)
		if got.Location != "New York" || got.Name != "Grace Hopper" || len(got.Emails) != 1 || len(got.Phones) != 1 {
			t.Errorf("patched %+v", got)
		}
		got = decode[skillkeepr.Candidate](t, e.do(admin, "GET", cpath, nil), 200)
		if len(got.Applications) != 1 || got.Applications[0].ID != app.ID {
			t.Errorf("get %+v", got)
		}
		l := decode[listOf[skillkeepr.CandidateRow]](t, e.do(admin, "GET", fmt.Sprintf("/api/v1/candidates?job_id=%d&q=grace", job.ID), nil), 200)
		if l.Total != 1 || l.Data[0].ApplicationID != app.ID || l.Data[0].JobNumber != job.Number {
			t.Errorf("list %+v", l)
		}
		apath := fmt.Sprintf("/api/v1/applications/%d", app.ID)
		if got := decode[skillkeepr.Application](t, e.do(admin, "GET", apath, nil), 200); got.ID != app.ID {
			t.Errorf("application %+v", got)
		}
		moved := decode[skillkeepr.Application](t, e.do(admin, "PUT", apath+"/status", map[string]any{"status": "shortlisted", "note": "Strong Go."}), 200)
		if moved.Status != skillkeepr.StatusShortlisted {
			t.Errorf("moved %+v", moved)
		}
		l = decode[listOf[skillkeepr.CandidateRow]](t, e.do(admin, "GET", "/api/v1/candidates?status=shortlisted", nil), 200)
		if l.Total != 1 {
			t.Errorf("shortlisted list %+v", l)
		}
		r = e.do(admin, "PUT", apath+"/status", map[string]any{"status": "hired!"})
		if _, _, f := r.errBody(t); r.Code != 400 || f["status"] == "" {
			t.Errorf("bad status: %v", r)
		}
		ev := decode[listOf[skillkeepr.Event]](t, e.do(admin, "GET", cpath+"/events", nil), 200)
		if ev.Total < 2 {
			t.Errorf("events %+v", ev)
		}

		// Audit log (Super Admin only).
		audit := decode[listOf[skillkeepr.AuditEntry]](t, e.do(admin, "GET", "/api/v1/audit?limit=5", nil), 200)
		if audit.Total < 3 || len(audit.Data) == 0 || len(audit.Data) > 5 {
			t.Errorf("audit %+v", audit)
		}
		audit = decode[listOf[skillkeepr.AuditEntry]](t, e.do(admin, "GET", "/api/v1/audit?entity_type=job", nil), 200)
		for _, a := range audit.Data {
			if a.EntityType != "job" {
				t.Errorf("audit filtered by job: %+v", a)
			}
		}
	})
}

func TestUsersInvitationsTokens(t *testing.T) {
	t.Parallel()
	forEachEngine(t, func(t *testing.T, e *env) {
		admin := e.a.SuperAdmin
		l := decode[listOf[skillkeepr.User]](t, e.do(e.a.RecruiterAdmin, "GET", "/api/v1/users", nil), 200)
		if l.Total != 4 {
			t.Errorf("users %+v", l)
		}
		l = decode[listOf[skillkeepr.User]](t, e.do(admin, "GET", "/api/v1/users?role=collaborator", nil), 200)
		if l.Total != 1 || l.Data[0].ID != e.a.Collaborator.ID {
			t.Errorf("collaborators %+v", l)
		}
		l = decode[listOf[skillkeepr.User]](t, e.do(admin, "GET", fmt.Sprintf("/api/v1/users?department_id=%d", e.a.Engineering.ID), nil), 200)
		if l.Total != 1 {
			t.Errorf("engineering users %+v", l)
		}
		upath := fmt.Sprintf("/api/v1/users/%d", e.a.Recruiter.ID)
		u := decode[skillkeepr.User](t, e.do(admin, "PATCH", upath, map[string]any{
			"name": "Rui R", "role": "collaborator", "department_ids": []int64{e.a.Design.ID}}), 200)
		if u.Name != "Rui R" || u.Role != skillkeepr.RoleCollaborator || len(u.DepartmentIDs) != 1 {
			t.Errorf("patched user %+v", u)
		}
		u = decode[skillkeepr.User](t, e.do(admin, "PATCH", upath, map[string]any{"active": false}), 200)
		if u.Active {
			t.Errorf("deactivated user %+v", u)
		}
		if got := decode[skillkeepr.User](t, e.do(admin, "GET", upath, nil), 200); got.Active || got.Name != "Rui R" {
			t.Errorf("get user %+v", got)
		}
		l = decode[listOf[skillkeepr.User]](t, e.do(admin, "GET", "/api/v1/users?active_only=true", nil), 200)
		if l.Total != 3 {
			t.Errorf("active users %+v", l)
		}
		if r := e.do(admin, "PATCH", fmt.Sprintf("/api/v1/users/%d", admin.ID), map[string]any{"role": "recruiter"}); r.Code != 403 {
			t.Errorf("demoting oneself: %v", r)
		}

		// Invitations.
		testInvitations(t, e)
		testTokens(t, e)
	})
}

func testInvitations(t *testing.T, e *env) {
	admin := e.a.SuperAdmin
	{
		inv := decode[skillkeepr.Invitation](t, e.do(e.a.RecruiterAdmin, "POST", "/api/v1/invitations", map[string]any{
			"email": "New.Person@acme.test", "role": "collaborator", "department_ids": []int64{e.a.Design.ID}}), 201)
		if inv.Email != "new.person@acme.test" || inv.Role != skillkeepr.RoleCollaborator || inv.OrgName != "Acme" {
			t.Errorf("invitation %+v", inv)
		}
		mails := e.enq.Emails()
		if len(mails) != 1 || mails[0].To[0] != "new.person@acme.test" || !strings.Contains(mails[0].Subject, "Acme") ||
			mails[0].Kind != "invitation" {
			t.Errorf("invitation emails %+v", mails)
		}
		testAcceptInvitation(t, e, mails[0])
		if r := e.do(e.a.RecruiterAdmin, "POST", "/api/v1/invitations", map[string]any{"email": "boss@acme.test", "role": "super_admin"}); r.Code != 403 {
			t.Errorf("recruiter admin inviting a super admin: %v", r)
		}
		r := e.do(admin, "POST", "/api/v1/invitations", map[string]any{"email": "not-an-email", "role": "boss"})
		if _, _, f := r.errBody(t); r.Code != 400 || f["email"] == "" || f["role"] == "" {
			t.Errorf("bad invitation: %v", r)
		}
		if r := e.do(admin, "POST", "/api/v1/invitations", map[string]any{"email": e.a.Recruiter.Email, "role": "recruiter"}); r.Code != 409 {
			t.Errorf("inviting an existing user: %v", r)
		}
		inv2 := decode[skillkeepr.Invitation](t, e.do(admin, "POST", "/api/v1/invitations", map[string]any{"email": "later@acme.test", "role": "recruiter"}), 201)
		il := decode[listOf[skillkeepr.Invitation]](t, e.do(admin, "GET", "/api/v1/invitations", nil), 200)
		if il.Total != 2 {
			t.Errorf("invitations %+v", il)
		}
		if r := e.do(admin, "DELETE", fmt.Sprintf("/api/v1/invitations/%d", inv2.ID), nil); r.Code != 204 {
			t.Errorf("revoke: %v", r)
		}
		// A revoked invitation cannot be accepted.
		mails = e.enq.Emails()
		token := invitationToken(t, mails[len(mails)-1])
		if r := e.do(nil, "POST", "/api/v1/invitations/accept", map[string]any{"token": token, "name": "L", "password": "long enough password"}); r.Code != 404 {
			t.Errorf("accepting a revoked invitation: %v", r)
		}
		_ = inv

	}
}

func testTokens(t *testing.T, e *env) {
	{
		tc := decode[api.APITokenCreated](t, e.do(e.a.Recruiter, "POST", "/api/v1/tokens", map[string]any{"name": "script"}), 201)
		if tc.Token == "" || tc.APIToken.Name != "script" || !strings.HasPrefix(tc.Token, tc.APIToken.Prefix) {
			t.Errorf("token %+v", tc)
		}
		tl := decode[listOf[skillkeepr.APIToken]](t, e.do(e.a.Recruiter, "GET", "/api/v1/tokens", nil), 200)
		if tl.Total != 1 || strings.Contains(string(e.do(e.a.Recruiter, "GET", "/api/v1/tokens", nil).Body), tc.Token) {
			t.Errorf("tokens %+v", tl)
		}
		if tl := decode[listOf[skillkeepr.APIToken]](t, e.do(e.a.SuperAdmin, "GET", "/api/v1/tokens", nil), 200); tl.Total != 0 {
			t.Errorf("another user's tokens are listed: %+v", tl)
		}
		if r := e.do(e.a.Recruiter, "POST", "/api/v1/tokens", map[string]any{"name": " "}); r.Code != 400 {
			t.Errorf("token without name: %v", r)
		}
		if r := e.do(e.a.SuperAdmin, "DELETE", fmt.Sprintf("/api/v1/tokens/%d", tc.APIToken.ID), nil); r.Code != 404 {
			t.Errorf("deleting another user's token: %v", r)
		}
		if r := e.do(e.a.Recruiter, "DELETE", fmt.Sprintf("/api/v1/tokens/%d", tc.APIToken.ID), nil); r.Code != http.StatusNoContent {
			t.Errorf("delete token: %v", r)
		}
	}
}

// invitationToken finds the invitation code in the built-in email.
func invitationToken(t *testing.T, m skillkeepr.EmailMessage) string {
	t.Helper()
	_, rest, ok := strings.Cut(m.Text, "Your invitation code is:")
	fields := strings.Fields(rest)
	if !ok || len(fields) == 0 {
		t.Fatalf("no invitation code in %q", m.Text)
	}
	return fields[0]
}

func testAcceptInvitation(t *testing.T, e *env, m skillkeepr.EmailMessage) {
	t.Helper()
	token := invitationToken(t, m)
	const path = "/api/v1/invitations/accept"
	r := e.do(nil, "POST", path, map[string]any{"token": token, "name": " ", "password": "short"})
	if _, _, f := r.errBody(t); r.Code != 400 || f["name"] == "" || f["password"] == "" {
		t.Errorf("bad acceptance: %v", r)
	}
	if r := e.do(nil, "POST", path, map[string]any{"token": "not-a-token", "name": "N", "password": "long enough password"}); r.Code != 404 {
		t.Errorf("unknown token: %v", r)
	}
	u := decode[skillkeepr.User](t, e.do(nil, "POST", path, map[string]any{"token": token, "name": "New Person", "password": "long enough password"}), 201)
	if u.Email != "new.person@acme.test" || u.Role != skillkeepr.RoleCollaborator || len(u.DepartmentIDs) != 1 || !u.Active {
		t.Errorf("accepted user %+v", u)
	}
	stored, err := e.svc.Users.FindUserByEmail(context.Background(), "new.person@acme.test")
	if err != nil || stored.PasswordHash != "test-hash:long enough password" || stored.OrgID != e.a.Org.ID {
		t.Errorf("stored user %+v: %v", stored, err)
	}
	if r := e.do(nil, "POST", path, map[string]any{"token": token, "name": "Again", "password": "long enough password"}); r.Code != 404 {
		t.Errorf("second use: %v", r)
	}
	// Without a password hasher the route is off.
	off := api.New(api.Config{Services: e.svc})
	rec := httptest.NewRecorder()
	off.ServeHTTP(rec, httptest.NewRequest("POST", path, strings.NewReader(`{}`)))
	if rec.Code != 503 {
		t.Errorf("accept without HashPassword: %d %s", rec.Code, rec.Body)
	}
}
