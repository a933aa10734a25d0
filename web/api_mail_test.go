package web_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"regexp"
	"strings"
	"testing"

	"github.com/skillkeepr/skillkeepr"
	"github.com/skillkeepr/skillkeepr/sqlstore"
)

// fakeAPI answers with the actor it finds in the context.
func fakeAPI() http.Handler {
	mux := http.NewServeMux()
	h := func(w http.ResponseWriter, r *http.Request) {
		a, err := skillkeepr.RequireActor(r.Context())
		if err != nil {
			w.WriteHeader(http.StatusUnauthorized)
			return
		}
		json.NewEncoder(w).Encode(map[string]any{"user_id": a.UserID, "method": r.Method})
	}
	mux.HandleFunc("GET /api/v1/me", h)
	mux.HandleFunc("POST /api/v1/me", h)
	return mux
}

func TestAPIAuthentication(t *testing.T) {
	t.Parallel()
	for _, engine := range sqlstore.TestEngines() {
		t.Run(engine, func(t *testing.T) {
			t.Parallel()
			e := newEnvAPI(t, engine, fakeAPI())
			token, _, err := e.svc.Sessions.CreateAPIToken(e.ctx(e.org.Recruiter), "script")
			if err != nil {
				t.Fatal(err)
			}
			anon := e.client()
			call := func(c *client, method, auth, csrf string) resp {
				req, _ := http.NewRequest(method, e.ts.URL+"/api/v1/me", nil)
				if auth != "" {
					req.Header.Set("Authorization", auth)
				}
				if csrf != "" {
					req.Header.Set("X-CSRF-Token", csrf)
				}
				return c.do(req)
			}
			wantStatus(t, call(anon, "GET", "", ""), http.StatusUnauthorized)
			r := call(anon, "GET", "Bearer nonsense", "")
			wantStatus(t, r, http.StatusUnauthorized)
			wantContains(t, r, `"code":"unauthorized"`)
			r = call(anon, "POST", "Bearer "+token, "") // bearer requests need no CSRF token
			wantStatus(t, r, http.StatusOK)
			wantContains(t, r, fmt.Sprintf(`"user_id":%d`, e.org.Recruiter.ID))

			c := e.login(e.org.SuperAdmin)
			wantStatus(t, call(c, "GET", "", ""), http.StatusOK)
			wantStatus(t, call(c, "POST", "", ""), http.StatusForbidden)
			r = call(c, "POST", "", c.csrf)
			wantStatus(t, r, http.StatusOK)
			wantContains(t, r, fmt.Sprintf(`"user_id":%d`, e.org.SuperAdmin.ID))
			wantContains(t, c.get("/metrics"), `route="POST /api/v1/me"`)
		})
	}
}

func TestDevMailbox(t *testing.T) {
	t.Parallel()
	forEachEngine(t, func(t *testing.T, e *env) {
		err := e.store.Mailer().Send(context.Background(), skillkeepr.EmailMessage{OrgID: e.org.Org.ID, To: []string{"x@acme.test"},
			Subject: "Hello there", Text: "Plain words.", HTML: `<p>Hi</p><script>alert(1)</script>`, Kind: "test"})
		if err != nil {
			t.Fatal(err)
		}
		c := e.login(e.org.RecruiterAdmin)
		r := c.get("/dev/mailbox")
		wantStatus(t, r, http.StatusOK)
		wantContains(t, r, "Hello there", "x@acme.test")
		m := regexp.MustCompile(`href="(/dev/mailbox/\d+)"`).FindStringSubmatch(r.body)
		if m == nil {
			t.Fatal("no link to the email")
		}
		r = c.get(m[1])
		wantStatus(t, r, http.StatusOK)
		wantContains(t, r, "Plain words.", "<iframe", "sandbox")
		if strings.Contains(r.body, "<script>alert") {
			t.Fatal("email HTML rendered unescaped")
		}
		// Another organisation's mail is not found.
		other := sqlstore.SeedTestOrg(t, e.store, "Initech")
		e.setPassword(other.SuperAdmin)
		oc := e.login(other.SuperAdmin)
		wantStatus(t, oc.get(m[1]), http.StatusNotFound)
	})
}

func TestDashboardCounts(t *testing.T) {
	t.Parallel()
	forEachEngine(t, func(t *testing.T, e *env) {
		requireCandidates(t, e)
		j := e.createJob("Counted job", e.org.Engineering.ID)
		for i := 0; i < 3; i++ {
			_, _, err := e.svc.Candidates.CreateCandidate(e.ctx(e.org.SuperAdmin), skillkeepr.CandidateCreate{JobID: j.ID,
				CandidateFields: skillkeepr.CandidateFields{Name: fmt.Sprintf("C %d", i), Emails: []string{fmt.Sprintf("c%d@x.test", i)}}})
			if err != nil {
				t.Fatal(err)
			}
		}
		r := e.login(e.org.SuperAdmin).get("/")
		wantContains(t, r, "#1001 Counted job", `<td class="num">3</td>`)
	})
}
