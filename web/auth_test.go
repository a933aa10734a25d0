package web_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
)

func TestSignInOut(t *testing.T) {
	t.Parallel()
	forEachEngine(t, func(t *testing.T, e *env) {
		c := e.client()
		r := c.get("/jobs")
		wantStatus(t, r, http.StatusSeeOther)
		if loc := r.Header.Get("Location"); loc != "/login?next=%2Fjobs" {
			t.Fatalf("redirect to %q", loc)
		}
		r = c.get("/login")
		wantStatus(t, r, http.StatusOK)
		wantContains(t, r, `<label for="email">`, `<label for="password">`)

		// Wrong password and unknown email get the same answer.
		r1 := c.post("/login", url.Values{"email": {e.org.SuperAdmin.Email}, "password": {"wrong password!"}})
		wantStatus(t, r1, http.StatusUnauthorized)
		r2 := c.post("/login", url.Values{"email": {"nobody@nowhere.test"}, "password": {"wrong password!"}})
		wantStatus(t, r2, http.StatusUnauthorized)
		wantContains(t, r1, "The email or password is not right")
		wantContains(t, r2, "The email or password is not right")

		r = c.post("/login", url.Values{"email": {strings.ToUpper(e.org.SuperAdmin.Email)}, "password": {testPassword}, "next": {"/jobs"}})
		wantStatus(t, r, http.StatusSeeOther)
		if loc := r.Header.Get("Location"); loc != "/jobs" {
			t.Fatalf("after login: %q", loc)
		}
		var session *http.Cookie
		for _, ck := range r.Cookies() {
			if ck.Name == "skillkeepr_session" {
				session = ck
			}
		}
		if session == nil || !session.HttpOnly || session.SameSite != http.SameSiteLaxMode || session.Path != "/" {
			t.Fatalf("session cookie: %+v", session)
		}
		r = c.get("/jobs")
		wantStatus(t, r, http.StatusOK)
		wantContains(t, r, e.org.SuperAdmin.Name, "Sign out")

		r = c.post("/logout", nil)
		wantStatus(t, r, http.StatusSeeOther)
		wantStatus(t, c.get("/jobs"), http.StatusSeeOther)
	})
}

func TestOpenRedirectRefused(t *testing.T) {
	t.Parallel()
	forEachEngine(t, func(t *testing.T, e *env) {
		c := e.client()
		r := c.post("/login", url.Values{"email": {e.org.SuperAdmin.Email}, "password": {testPassword}, "next": {"//evil.example/x"}})
		wantStatus(t, r, http.StatusSeeOther)
		if loc := r.Header.Get("Location"); loc != "/" {
			t.Fatalf("redirected to %q", loc)
		}
	})
}

func TestSignInThrottled(t *testing.T) {
	t.Parallel()
	forEachEngine(t, func(t *testing.T, e *env) {
		c := e.client()
		for i := 0; i < 5; i++ {
			c.post("/login", url.Values{"email": {e.org.Recruiter.Email}, "password": {"not the password"}})
		}
		// Even the right password is refused now.
		r := c.post("/login", url.Values{"email": {e.org.Recruiter.Email}, "password": {testPassword}})
		wantStatus(t, r, http.StatusTooManyRequests)
		wantContains(t, r, "Too many attempts", "wait 15 minutes")
		// Another account from the same address is not affected.
		r = c.post("/login", url.Values{"email": {e.org.Collaborator.Email}, "password": {testPassword}})
		wantStatus(t, r, http.StatusSeeOther)
	})
}

func TestCSRF(t *testing.T) {
	t.Parallel()
	forEachEngine(t, func(t *testing.T, e *env) {
		c := e.login(e.org.SuperAdmin)
		r := c.post("/departments", url.Values{"name": {"Sales"}, "csrf_token": {""}})
		wantStatus(t, r, http.StatusForbidden)
		r = c.post("/departments", url.Values{"name": {"Sales"}, "csrf_token": {"forged"}})
		wantStatus(t, r, http.StatusForbidden)
		deps, _ := e.svc.Departments.FindDepartments(e.ctx(e.org.SuperAdmin))
		for _, d := range deps {
			if d.Name == "Sales" {
				t.Fatal("department created without a CSRF token")
			}
		}
		r = c.post("/departments", url.Values{"name": {"Sales"}})
		wantStatus(t, r, http.StatusSeeOther)

		// A cross-site browser request is refused even with the token.
		form := url.Values{"name": {"Marketing"}, "csrf_token": {c.csrf}}
		req, _ := http.NewRequest(http.MethodPost, e.ts.URL+"/departments", strings.NewReader(form.Encode()))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		req.Header.Set("Sec-Fetch-Site", "cross-site")
		wantStatus(t, c.do(req), http.StatusForbidden)
	})
}

func TestPasswordChange(t *testing.T) {
	t.Parallel()
	forEachEngine(t, func(t *testing.T, e *env) {
		other := e.login(e.org.RecruiterAdmin)
		c := e.login(e.org.RecruiterAdmin)
		c.get("/account/password")
		r := c.post("/account/password", url.Values{"current_password": {"nope"}, "new_password": {"short"}, "confirm_password": {"x"}})
		wantStatus(t, r, http.StatusBadRequest)
		wantContains(t, r, "This is not your current password", "at least 10 characters", "not the same")
		r = c.post("/account/password", url.Values{"current_password": {testPassword}, "new_password": {"a brand new password"}, "confirm_password": {"a brand new password"}})
		wantStatus(t, r, http.StatusSeeOther)
		wantStatus(t, c.get("/"), http.StatusOK)
		wantStatus(t, other.get("/"), http.StatusSeeOther) // signed out elsewhere
		r = e.client().post("/login", url.Values{"email": {e.org.RecruiterAdmin.Email}, "password": {"a brand new password"}})
		wantStatus(t, r, http.StatusSeeOther)
	})
}

func TestAPITokens(t *testing.T) {
	t.Parallel()
	forEachEngine(t, func(t *testing.T, e *env) {
		c := e.login(e.org.Recruiter)
		c.get("/account/tokens")
		r := c.post("/account/tokens", url.Values{"name": {"Reports"}})
		wantStatus(t, r, http.StatusOK)
		wantContains(t, r, "Copy it now", "Reports")
		r = c.get("/account/tokens")
		wantContains(t, r, "Reports")
		if strings.Contains(r.body, "Copy it now") {
			t.Fatal("token shown twice")
		}
	})
}
