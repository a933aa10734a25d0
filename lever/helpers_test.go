package lever

import (
	"context"
	"encoding/json"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// sleeps records the back-off delays instead of sleeping.
type sleeps struct {
	mu sync.Mutex
	d  []time.Duration
}

func (s *sleeps) sleep(ctx context.Context, d time.Duration) error {
	s.mu.Lock()
	s.d = append(s.d, d)
	s.mu.Unlock()
	return ctx.Err()
}

func (s *sleeps) got() []time.Duration {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]time.Duration(nil), s.d...)
}

type testEnv struct {
	c      *Client
	srv    *httptest.Server
	sleeps *sleeps
	hits   atomic.Int64
}

// newEnv starts a hand-written fake Lever serving h below /v1 and a client for it with
// an API key, no rate limit, recorded sleeps and deterministic jitter.
func newEnv(t *testing.T, h http.HandlerFunc, mod ...func(*Config)) *testEnv {
	t.Helper()
	e := &testEnv{sleeps: &sleeps{}}
	e.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		e.hits.Add(1)
		h(w, r)
	}))
	t.Cleanup(e.srv.Close)
	cfg := Config{
		BaseURL:        e.srv.URL + "/v1",
		APIKey:         "test-key",
		Limiter:        Unlimited,
		Sleep:          e.sleeps.sleep,
		Jitter:         func() float64 { return 0.5 },
		AttemptTimeout: 5 * time.Second,
	}
	for _, m := range mod {
		m(&cfg)
	}
	c, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	e.c = c
	return e
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}

func writeRaw(w http.ResponseWriter, status int, body string) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	_, _ = w.Write([]byte(body))
}

// dropConn closes the connection abruptly (RST) without answering.
func dropConn(t *testing.T, w http.ResponseWriter) {
	conn, _, err := w.(http.Hijacker).Hijack()
	if err != nil {
		t.Errorf("hijack: %v", err)
		return
	}
	if tc, ok := conn.(*net.TCPConn); ok {
		_ = tc.SetLinger(0)
	}
	_ = conn.Close()
}

// sequence answers successive requests with successive handlers (the last repeats).
func sequence(hs ...http.HandlerFunc) http.HandlerFunc {
	var n atomic.Int64
	return func(w http.ResponseWriter, r *http.Request) {
		i := int(n.Add(1)) - 1
		hs[min(i, len(hs)-1)](w, r)
	}
}

func status(code int, body string, headers ...string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		for i := 0; i+1 < len(headers); i += 2 {
			w.Header().Set(headers[i], headers[i+1])
		}
		writeRaw(w, code, body)
	}
}

const oppJSON = `{"data":{"id":"opp-1","name":"Ada","stage":"lead-new","archived":null,"tags":["x"],"createdAt":1700000000000}}`

// hang reads the request and never answers (until the client goes away), like a Lever
// that applied a write but whose answer is lost.
func hang(w http.ResponseWriter, r *http.Request) {
	_, _ = io.Copy(io.Discard, r.Body) // lets the server notice the client leaving
	select {
	case <-r.Context().Done():
	case <-time.After(5 * time.Second):
	}
}
