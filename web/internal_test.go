package web

import (
	"bytes"
	"context"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/skillkeepr/skillkeepr/sqlstore"
)

func TestPanicIsRecovered(t *testing.T) {
	t.Parallel()
	st := sqlstore.OpenTest(t, "sqlite")
	var logs bytes.Buffer
	s, err := New(Config{Services: st.Services(), Logger: slog.New(slog.NewJSONHandler(&logs, nil)),
		HashPassword: func(string) (string, error) { return "$argon2id$v=19$m=64,t=1,p=1$c2FsdHNhbHQ$aGFzaGhhc2g", nil }})
	if err != nil {
		t.Fatal(err)
	}
	h := s.middleware(http.HandlerFunc(func(http.ResponseWriter, *http.Request) { panic("boom: secret detail") }))
	rec := httptest.NewRecorder()
	req := httptest.NewRequest(http.MethodGet, "/x", nil)
	req.Header.Set("X-Request-Id", "req-42")
	h.ServeHTTP(rec, req)
	if rec.Code != http.StatusInternalServerError {
		t.Fatalf("status %d", rec.Code)
	}
	body := rec.Body.String()
	if strings.Contains(body, "secret detail") || strings.Contains(body, "goroutine") {
		t.Fatal("panic detail shown to the user")
	}
	if !strings.Contains(body, "Something went wrong") {
		t.Fatal("no friendly page")
	}
	if !strings.Contains(logs.String(), "boom: secret detail") || !strings.Contains(logs.String(), `"request_id":"req-42"`) {
		t.Fatalf("panic not logged with the request id: %s", logs.String())
	}
}

func TestLocalPath(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]string{"/jobs": "/jobs", "//evil": "/", "https://x": "/", "/\\evil": "/", "": "/"} {
		if got := localPath(in); got != want {
			t.Errorf("localPath(%q) = %q", in, got)
		}
	}
}

func TestSecureCookiesAndQueueGauge(t *testing.T) {
	t.Parallel()
	st := sqlstore.OpenTest(t, "sqlite")
	s, err := New(Config{Services: st.Services(), BaseURL: "https://skillkeepr.example",
		HashPassword: func(string) (string, error) { return "x", nil },
		QueueDepth: func(context.Context) (map[string]int, error) {
			return map[string]int{"send_email": 3, "lever_write": 1}, nil
		}})
	if err != nil {
		t.Fatal(err)
	}
	rec := httptest.NewRecorder()
	s.setSessionCookie(rec, "tok")
	ck := rec.Result().Cookies()[0]
	if !ck.Secure || !ck.HttpOnly || ck.SameSite != http.SameSiteLaxMode || ck.Name != "skillkeepr_session" {
		t.Fatalf("cookie %+v", ck)
	}
	rec = httptest.NewRecorder()
	s.Handler().ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/metrics", nil))
	if body := rec.Body.String(); !strings.Contains(body, `skillkeepr_queue_jobs{kind="send_email"} 3`) {
		t.Fatalf("no queue gauge in\n%s", body)
	}
}

func TestAccessLog(t *testing.T) {
	t.Parallel()
	st := sqlstore.OpenTest(t, "sqlite")
	var logs syncBuffer
	s, err := New(Config{Services: st.Services(), Logger: slog.New(slog.NewJSONHandler(&logs, nil)),
		HashPassword: func(string) (string, error) { return "x", nil }})
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{"/login", "/invitations/very-secret-token"} {
		req := httptest.NewRequest(http.MethodGet, p, nil)
		req.Header.Set("X-Request-Id", "rid-7")
		s.Handler().ServeHTTP(httptest.NewRecorder(), req)
	}
	out := logs.String()
	for _, want := range []string{`"msg":"request"`, `"method":"GET"`, `"route":"GET /login"`, `"status":200`,
		`"request_id":"rid-7"`, `"user_id":0`, `"duration_ms":`, `"route":"GET /invitations/{token}"`, `"status":404`} {
		if !strings.Contains(out, want) {
			t.Errorf("log lacks %s:\n%s", want, out)
		}
	}
	if strings.Contains(out, "very-secret-token") {
		t.Error("invitation token logged")
	}
}

type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

func TestAuditChanges(t *testing.T) {
	t.Parallel()
	got := auditChanges(`{"title":"Designer","required_skills":["Figma","UX"],"active":false,"min_years":3,"owner":null}`)
	want := []auditChange{{"active", "no"}, {"min years", "3"}, {"owner", "—"}, {"required skills", "Figma, UX"}, {"title", "Designer"}}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("got %v, want %v", got, want)
	}
	if got := auditChanges("not json"); len(got) != 1 || got[0].Value != "not json" {
		t.Errorf("non-JSON: %v", got)
	}
	if auditChanges("") != nil {
		t.Error("empty document gives lines")
	}
}

// A client address gets publicBurst requests at once, then publicRate a
// second; another address is not held back, and an address idle for
// publicForget is forgotten.
func TestPublicLimiter(t *testing.T) {
	t.Parallel()
	var l publicLimiter
	now := time.Date(2026, 12, 5, 9, 0, 0, 0, time.UTC)
	for i := range publicBurst {
		if !l.allow("203.0.113.7", now) {
			t.Fatalf("request %d refused within the burst", i+1)
		}
	}
	if l.allow("203.0.113.7", now) {
		t.Fatal("a request beyond the burst was allowed")
	}
	if !l.allow("198.51.100.1", now) {
		t.Fatal("another address was held back")
	}
	if !l.allow("203.0.113.7", now.Add(time.Second)) {
		t.Fatal("no request allowed a second later")
	}
	l.allow("198.51.100.1", now.Add(publicForget+2*time.Second)) // sweeps
	if _, ok := l.buckets["203.0.113.7"]; ok {
		t.Fatal("an idle address was kept")
	}
}
