package main

import (
	"io"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// TestDemoConnectLever clicks Connect → Confirm in the demo, signs in at
// the demo's Lever sandbox, Accepts and comes back to a Connected card.
func TestDemoConnectLever(t *testing.T) {
	if testing.Short() {
		t.Skip("starts the whole demo")
	}
	data := t.TempDir()
	base, printed, stop := startDemo(t, data)
	defer stop()
	if !strings.Contains(printed, "skillkeepr-demo") {
		t.Errorf("demo output lacks the sandbox app:\n%s", printed)
	}
	c, _ := signIn(t, base, "admin@acme.test", "demo-password")
	c.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	page := fetch(t, c, base+"/integrations/lever/connect")
	token := regexp.MustCompile(`name="csrf_token" value="([^"]+)"`).FindStringSubmatch(page)
	if token == nil || !strings.Contains(page, ">Confirm<") {
		t.Fatalf("Confirm page:\n%.600s", page)
	}
	resp, err := c.PostForm(base+"/integrations/lever/connect", url.Values{"csrf_token": {token[1]}})
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	authorize := resp.Header.Get("Location")
	au, err := url.Parse(authorize)
	if err != nil || au.Path != "/authorize" {
		t.Fatalf("Confirm went to %q", authorize)
	}
	lever := au.Scheme + "://" + au.Host
	page = fetch(t, c, authorize)
	txn := regexp.MustCompile(`name="txn" value="([^"]+)"`).FindStringSubmatch(page)
	if txn == nil {
		t.Fatalf("Lever sign-in:\n%.600s", page)
	}
	post := func(u string, form url.Values) *http.Response {
		t.Helper()
		r, err := c.PostForm(u, form)
		if err != nil {
			t.Fatal(err)
		}
		io.Copy(io.Discard, r.Body)
		r.Body.Close()
		return r
	}
	post(lever+"/authorize/signin", url.Values{"txn": {txn[1]}, "email": {"lever-admin@acme.test"}, "password": {"demo-password"}})
	r := post(lever+"/authorize/decision", url.Values{"txn": {txn[1]}, "decision": {"accept"}})
	back := r.Header.Get("Location")
	if !strings.HasPrefix(back, base+"/integrations/lever/callback?") {
		t.Fatalf("Lever sent the browser to %q, want %s/integrations/lever/callback", back, base)
	}
	r, err = c.Get(back)
	if err != nil {
		t.Fatal(err)
	}
	r.Body.Close()
	page = fetch(t, c, base+"/integrations")
	if !strings.Contains(page, `data-lever-status="connected"`) || !strings.Contains(page, "lever-admin@acme.test") {
		t.Fatalf("Integrations after Accept:\n%s", page)
	}
	if st, err := os.Stat(filepath.Join(data, "secret.key")); err != nil || st.Mode().Perm() != 0o600 {
		t.Fatalf("secret.key: %v %v", st, err)
	}
	// Then the seed walkthrough's step 4 on the demo's own workers.
	importCandidatesInDemo(t, c, base)
}
