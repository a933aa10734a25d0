package main

import (
	"bufio"
	"context"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"
)

// startDemo runs "skillkeepr demo" in-process on a free port and returns
// its URL and everything it printed once it is serving.
func startDemo(t *testing.T, dataDir string) (base string, printed string, stop func()) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	pr, pw := io.Pipe()
	done := make(chan int, 1)
	go func() {
		done <- run(ctx, []string{"demo", "--addr", "127.0.0.1:0", "--lever-addr", "127.0.0.1:0", "--data", dataDir, "--log-level", "warn"}, pw, io.Discard, func(string) string { return "" })
		pw.Close()
	}()
	lines := make(chan string)
	go func() {
		sc := bufio.NewScanner(pr)
		for sc.Scan() {
			lines <- sc.Text()
		}
		close(lines)
	}()
	var out strings.Builder
	running := regexp.MustCompile(`^SkillKeepr is running at (http://\S+)$`)
	timeout := time.After(60 * time.Second)
	for base == "" {
		select {
		case l, ok := <-lines:
			if !ok {
				t.Fatalf("demo exited before serving (code %d):\n%s", <-done, out.String())
			}
			out.WriteString(l + "\n")
			if m := running.FindStringSubmatch(l); m != nil {
				base = m[1]
			}
		case <-timeout:
			t.Fatalf("demo did not start in time:\n%s", out.String())
		}
	}
	go func() {
		for range lines {
		}
	}()
	return base, out.String(), func() {
		cancel()
		select {
		case code := <-done:
			if code != 0 {
				t.Errorf("demo exit code %d", code)
			}
		case <-time.After(40 * time.Second):
			t.Error("demo did not shut down")
		}
	}
}

func TestDemoSignInAndRestart(t *testing.T) {
	if testing.Short() {
		t.Skip("starts the whole demo")
	}
	data := t.TempDir()
	base, printed, stop := startDemo(t, data)
	for _, want := range []string{"admin@acme.test", "hr@acme.test", "recruiter@acme.test", "lead@acme.test", "demo-password"} {
		if !strings.Contains(printed, want) {
			t.Errorf("demo output lacks %q:\n%s", want, printed)
		}
	}
	for _, email := range []string{"admin@acme.test", "hr@acme.test", "recruiter@acme.test", "lead@acme.test"} {
		_, body := signIn(t, base, email, "demo-password")
		if !strings.Contains(body, "Sign out") {
			t.Errorf("%s: not signed in; page:\n%.400s", email, body)
		}
	}
	resp, err := http.Get(base + "/readyz")
	if err != nil || resp.StatusCode != 200 {
		t.Fatalf("/readyz: %v %v", resp, err)
	}
	resp.Body.Close()
	stop()

	// A restart on the same data directory seeds nothing twice.
	base, _, stop = startDemo(t, data)
	defer stop()
	c, _ := signIn(t, base, "hr@acme.test", "demo-password")
	jobs := fetch(t, c, base+"/jobs")
	if n := strings.Count(jobs, "data-job-number="); n != 2 {
		t.Errorf("after restart the Jobs page lists %d jobs, want the 2 sample jobs", n)
	}
}

// signIn signs in through the login form and returns the client holding
// the session cookie and the page shown after sign-in.
func signIn(t *testing.T, base, email, pw string) (*http.Client, string) {
	t.Helper()
	jar, _ := cookiejar.New(nil)
	c := &http.Client{Jar: jar, Timeout: 10 * time.Second}
	page := fetch(t, c, base+"/login")
	token := regexp.MustCompile(`name="csrf_token" value="([^"]+)"`).FindStringSubmatch(page)
	form := url.Values{"email": {email}, "password": {pw}}
	if token != nil {
		form.Set("csrf_token", token[1])
	}
	resp, err := c.PostForm(base+"/login", form)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return c, string(b)
}

func fetch(t *testing.T, c *http.Client, u string) string {
	t.Helper()
	resp, err := c.Get(u)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != 200 {
		t.Fatalf("GET %s: %d\n%.300s", u, resp.StatusCode, b)
	}
	return string(b)
}

// TestDemoInvitationThroughTheQueue follows an invitation from the Users
// page through the durable queue into the dev mailbox, then accepts it.
func TestDemoInvitationThroughTheQueue(t *testing.T) {
	if testing.Short() {
		t.Skip("starts the whole demo")
	}
	base, _, stop := startDemo(t, t.TempDir())
	defer stop()
	admin, _ := signIn(t, base, "admin@acme.test", "demo-password")
	users := fetch(t, admin, base+"/users")
	form := url.Values{"csrf_token": {csrfToken(t, users)}, "email": {"new.person@acme.test"}, "role": {"recruiter"}}
	resp, err := admin.PostForm(base+"/users/invitations", form)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("invite: status %d", resp.StatusCode)
	}

	// The email is sent by a River worker, not by the request.
	var mailPath string
	deadline := time.Now().Add(20 * time.Second)
	for mailPath == "" && time.Now().Before(deadline) {
		box := fetch(t, admin, base+"/dev/mailbox")
		if m := regexp.MustCompile(`href="(/dev/mailbox/\d+)"[^>]*>[^<]*`).FindAllStringSubmatch(box, -1); m != nil && strings.Contains(box, "new.person@acme.test") {
			mailPath = m[0][1]
			break
		}
		time.Sleep(100 * time.Millisecond)
	}
	if mailPath == "" {
		t.Fatal("the invitation email did not reach the dev mailbox")
	}
	mail := fetch(t, admin, base+mailPath)
	link := regexp.MustCompile(`https?://[^\s"<]+/invitations/[A-Za-z0-9_-]+`).FindString(mail)
	if link == "" {
		t.Fatalf("no invitation link in the email:\n%.800s", mail)
	}
	link = base + link[strings.Index(link, "/invitations/"):]

	jar, _ := cookiejar.New(nil)
	guest := &http.Client{Jar: jar, Timeout: 10 * time.Second}
	page := fetch(t, guest, link)
	accept := url.Values{"name": {"New Person"}, "password": {"a-long-password"}, "confirm_password": {"a-long-password"}}
	if tok := regexp.MustCompile(`name="csrf_token" value="([^"]+)"`).FindStringSubmatch(page); tok != nil {
		accept.Set("csrf_token", tok[1])
	}
	resp, err = guest.PostForm(link, accept)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if _, body := signIn(t, base, "new.person@acme.test", "a-long-password"); !strings.Contains(body, "Sign out") {
		t.Fatalf("the invited person cannot sign in:\n%.400s", body)
	}
	// The link works once.
	resp, err = guest.Get(link)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode == http.StatusOK {
		t.Error("the invitation link still works after it was used")
	}
}

func csrfToken(t *testing.T, page string) string {
	t.Helper()
	m := regexp.MustCompile(`name="csrf_token" value="([^"]+)"`).FindStringSubmatch(page)
	if m == nil {
		t.Fatal("no CSRF token on the page")
	}
	return m[1]
}
