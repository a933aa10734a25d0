package web_test

import (
	"net/http"
	"testing"
)

// The candidates' public scheduling pages answer a script that hammers
// them with a plain-words 429 instead of doing the work each time.
func TestPublicPagesAreRateLimited(t *testing.T) {
	t.Parallel()
	e := newEnv(t, "sqlite")
	c := e.client()
	var last resp
	for range 40 {
		last = c.get("/schedule/not-a-real-link")
		if last.StatusCode == http.StatusTooManyRequests {
			break
		}
		wantStatus(t, last, http.StatusNotFound)
	}
	wantStatus(t, last, http.StatusTooManyRequests)
	wantContains(t, last, "Please wait a minute")
	if last.Header.Get("Retry-After") == "" {
		t.Error("no Retry-After")
	}
	// Signed-in pages are not limited this way.
	wantStatus(t, e.login(e.org.Recruiter).get("/jobs"), http.StatusOK)
}
