package leversandbox

import (
	"net/http/httptest"
	"testing"
)

// NewTestServer starts a sandbox on a loopback httptest server, points its
// BaseURL there and shuts both down when the test ends.
func NewTestServer(t testing.TB, cfg Config) (*Sandbox, *httptest.Server) {
	t.Helper()
	sb, err := New(cfg)
	if err != nil {
		t.Fatalf("leversandbox: %v", err)
	}
	srv := httptest.NewServer(sb.Handler())
	sb.SetBaseURL(srv.URL)
	// Cleanups run last-in first-out: close the sandbox first so handlers
	// hanging on a timeout fault return and srv.Close does not wait forever.
	t.Cleanup(srv.Close)
	t.Cleanup(func() {
		if err := sb.Close(); err != nil {
			t.Errorf("leversandbox: close: %v", err)
		}
	})
	return sb, srv
}
