package web_test

import (
	"net/http"
	"net/url"
	"testing"

	"github.com/skillkeepr/skillkeepr/leversandbox"
	"github.com/skillkeepr/skillkeepr/leversync"
	"github.com/skillkeepr/skillkeepr/secret"
	"github.com/skillkeepr/skillkeepr/sqlstore"
	"github.com/skillkeepr/skillkeepr/web"
)

// TestLeverUpdateSettings: Settings → Lever updates lists the Lever
// account's users for the fallback user once Lever is connected, and saves
// the choice and "keep every SkillKeepr tag".
func TestLeverUpdateSettings(t *testing.T) {
	t.Parallel()
	for _, engine := range sqlstore.TestEngines() {
		t.Run(engine, func(t *testing.T) {
			t.Parallel()
			sb, _ := leversandbox.NewTestServer(t, leversandbox.Config{Postings: 1, CandidatesPerPosting: 1, RateLimit: leversandbox.Bool(false)})
			lever := sb.Config().BaseURL
			var conn *leversync.Connector
			e := newEnvAPI(t, engine, nil, func(e *env, c *web.Config) {
				box, err := secret.New(secret.NewKey())
				if err != nil {
					t.Fatal(err)
				}
				e.store.SetCipher(box)
				conn, err = leversync.New(leversync.Config{Store: e.store, APIURL: lever + "/v1"})
				if err != nil {
					t.Fatal(err)
				}
				c.Lever = conn
				c.LeverWrites = e.store
				c.LeverUsers = leversync.NewStageSync(conn, e.store)
			})
			c := e.login(e.org.SuperAdmin)
			r := c.get("/settings")
			wantStatus(t, r, http.StatusOK)
			wantContains(t, r, "Lever updates", "Lever is not connected", `<option value="">None</option>`)

			if _, err := conn.ConnectAPIKey(e.ctx(e.org.SuperAdmin), leversandbox.DefaultAPIKey); err != nil {
				t.Fatal(err)
			}
			u := sb.Users()[0]
			r = c.get("/settings")
			wantContains(t, r, `<option value="`+u.ID+`">`+u.Name)
			r = c.post("/settings/lever", url.Values{"keep_all_tags": {"on"}, "fallback_user": {u.ID}})
			wantStatus(t, r, http.StatusSeeOther)
			ws, err := e.store.LeverWriteSettings(e.ctx(e.org.SuperAdmin))
			if err != nil {
				t.Fatal(err)
			}
			if !ws.KeepAllTags || ws.FallbackUserID != u.ID || ws.FallbackUserName == "" {
				t.Fatalf("saved %+v", ws)
			}
			r = c.get("/settings")
			wantContains(t, r, `<option value="`+u.ID+`" selected>`, `id="keep_all_tags" name="keep_all_tags" checked`)

			r = c.post("/settings/lever", url.Values{"fallback_user": {"00000000-0000-0000-0000-000000000000"}})
			wantStatus(t, r, http.StatusBadRequest)
			wantContains(t, r, "Choose a Lever user from the list.")

			// Only a Super Admin changes settings.
			rc := e.login(e.org.RecruiterAdmin)
			rc.get("/dashboard")
			r = rc.post("/settings/lever", url.Values{"fallback_user": {""}})
			wantStatus(t, r, http.StatusForbidden)
			wantContains(t, r, "You do not have permission")
		})
	}
}
