package lever

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

func TestNewValidatesConfig(t *testing.T) {
	t.Parallel()
	for name, cfg := range map[string]Config{
		"no auth":   {},
		"both auth": {APIKey: "k", TokenSource: StaticToken("t")},
		"bad url":   {APIKey: "k", BaseURL: "ftp://x"},
	} {
		if _, err := New(cfg); err == nil {
			t.Errorf("%s: New accepted %+v", name, cfg)
		}
	}
	c, err := New(Config{APIKey: "k"})
	if err != nil || c.BaseURL() != ProductionBaseURL {
		t.Fatalf("default base URL: %v %v", c, err)
	}
}

func TestAPIKeyBasicAuth(t *testing.T) {
	t.Parallel()
	e := newEnv(t, func(w http.ResponseWriter, r *http.Request) {
		user, pass, ok := r.BasicAuth()
		if !ok || user != "test-key" || pass != "" {
			writeRaw(w, 401, `{"code":"Unauthorized","message":"bad key"}`)
			return
		}
		writeRaw(w, 200, `{"data":[{"id":"lead-new","text":"New lead"}],"hasNext":false}`)
	})
	stages, err := Collect(e.c.ListStages(context.Background()))
	if err != nil || len(stages) != 1 || stages[0].ID != "lead-new" {
		t.Fatalf("ListStages = %v, %v", stages, err)
	}
}

func TestAPIKey401IsRevoked(t *testing.T) {
	t.Parallel()
	e := newEnv(t, status(401, `{"code":"Unauthorized","message":"Invalid API key"}`))
	_, err := e.c.GetUser(context.Background(), "u1")
	if !errors.Is(err, ErrRevoked) {
		t.Fatalf("err = %v, want ErrRevoked", err)
	}
	if e.hits.Load() != 1 {
		t.Fatalf("hits = %d, want 1", e.hits.Load())
	}
}

func TestBearerToken(t *testing.T) {
	t.Parallel()
	e := newEnv(t, func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("Authorization") != "Bearer tok-1" {
			writeRaw(w, 401, `{}`)
			return
		}
		writeRaw(w, 200, `{"data":{"id":"u1","email":"a@example.com"}}`)
	}, func(c *Config) { c.APIKey, c.TokenSource = "", StaticToken("tok-1") })
	u, err := e.c.GetUser(context.Background(), "u1")
	if err != nil || u.ID != "u1" {
		t.Fatalf("GetUser = %v, %v", u, err)
	}
}

// pager serves items in pages of size with opaque, URL-encoded JSON tokens naming
// the first item of the next page (as Lever does), and checks the client passes the
// tokens back untouched.
type pager struct {
	t      *testing.T
	items  []string
	size   int
	mu     sync.Mutex
	tokens map[string]int
	seen   []string // offset values received
}

func (p *pager) serve(w http.ResponseWriter, r *http.Request) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if got := r.URL.Query().Get("limit"); got != "100" {
		p.t.Errorf("limit = %q, want 100", got)
	}
	start := 0
	if r.URL.Query().Has("offset") {
		off := r.URL.Query().Get("offset")
		p.seen = append(p.seen, off)
		i, ok := p.tokens[off]
		if !ok {
			writeRaw(w, 400, `{"code":"BadRequest","message":"Invalid offset token"}`)
			return
		}
		start = i
	}
	end := min(start+p.size, len(p.items))
	var b strings.Builder
	b.WriteString(`{"data":[`)
	for i, id := range p.items[start:end] {
		if i > 0 {
			b.WriteString(",")
		}
		fmt.Fprintf(&b, `{"id":%q,"createdAt":"%d"}`, id, 1700000000000+i)
	}
	b.WriteString("]")
	if end < len(p.items) {
		tok := url.QueryEscape(fmt.Sprintf(`[%d,%q]`, 1700000000000-end, p.items[end]))
		p.tokens[tok] = end
		fmt.Fprintf(&b, `,"hasNext":true,"next":%q}`, tok)
	} else {
		b.WriteString(`,"hasNext":false}`)
	}
	writeRaw(w, 200, b.String())
}

func TestPagingFollowsOpaqueTokens(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name      string
		items     int
		size      int
		stopAfter int // 0: read all
		wantHits  int64
	}{
		{"one page", 2, 3, 0, 1},
		{"exact pages", 6, 3, 0, 2},
		{"several pages", 10, 3, 0, 4},
		{"empty", 0, 3, 0, 1},
		{"break early stops fetching", 10, 3, 4, 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			p := &pager{t: t, size: tt.size, tokens: map[string]int{}}
			for i := range tt.items {
				p.items = append(p.items, fmt.Sprintf("opp-%02d", i))
			}
			e := newEnv(t, p.serve)
			var got []string
			for o, err := range e.c.ListOpportunities(context.Background(), OpportunityFilter{}) {
				if err != nil {
					t.Fatal(err)
				}
				got = append(got, o.ID)
				if tt.stopAfter > 0 && len(got) == tt.stopAfter {
					break
				}
			}
			want := p.items
			if tt.stopAfter > 0 {
				want = want[:tt.stopAfter]
			}
			if !slices.Equal(got, want) {
				t.Fatalf("got %v, want %v", got, want)
			}
			if e.hits.Load() != tt.wantHits {
				t.Fatalf("hits = %d, want %d", e.hits.Load(), tt.wantHits)
			}
			for _, off := range p.seen {
				if _, ok := p.tokens[off]; !ok {
					t.Fatalf("client sent an offset the server never issued: %q", off)
				}
			}
		})
	}
}

func TestPagingBrokenServer(t *testing.T) {
	t.Parallel()
	tests := map[string]string{
		"hasNext without next": `{"data":[{"id":"a"}],"hasNext":true}`,
		"repeated token":       `{"data":[{"id":"a"}],"hasNext":true,"next":"same"}`,
	}
	for name, body := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			e := newEnv(t, status(200, body))
			n := 0
			var last error
			for _, err := range e.c.ListUsers(context.Background(), UserFilter{}) {
				n++
				last = err
				if n > 10 {
					t.Fatal("iteration did not stop")
				}
			}
			if last == nil {
				t.Fatal("want an error at the end")
			}
		})
	}
}

func TestRetries(t *testing.T) {
	t.Parallel()
	now := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	ok := status(200, oppJSON)
	tests := []struct {
		name       string
		h          http.HandlerFunc
		wantErr    error
		wantStatus int // APIError status when wantErr is set
		wantHits   int64
		wantSleeps []time.Duration
	}{
		{"429 Retry-After seconds then ok", sequence(status(429, `{}`, "Retry-After", "2"), ok), nil, 0, 2, []time.Duration{2 * time.Second}},
		{"429 Retry-After date then ok", sequence(status(429, `{}`, "Retry-After", now.Add(3*time.Second).Format(http.TimeFormat)), ok), nil, 0, 2, []time.Duration{3 * time.Second}},
		{"429 without Retry-After backs off", sequence(status(429, ``), status(429, ``), ok), nil, 0, 3, []time.Duration{750 * time.Millisecond, 1500 * time.Millisecond}},
		{"503 then ok", sequence(status(503, `maintenance`), ok), nil, 0, 2, []time.Duration{750 * time.Millisecond}},
		{"500 502 504 on GET retried", sequence(status(500, ``), status(502, ``), status(504, ``), ok), nil, 0, 4, []time.Duration{750 * time.Millisecond, 1500 * time.Millisecond, 3 * time.Second}},
		{"429 forever", status(429, `{"code":"TooManyRequests","message":"slow down"}`), ErrRateLimited, 429, 5, []time.Duration{750 * time.Millisecond, 1500 * time.Millisecond, 3 * time.Second, 6 * time.Second}},
		{"503 forever", status(503, ``), ErrUnavailable, 503, 5, nil},
		{"Retry-After beyond the cap fails at once", status(429, `{}`, "Retry-After", "3600"), ErrRateLimited, 429, 1, nil},
		{"404", status(404, `{"code":"ResourceNotFound","message":"opportunities x was not found"}`), ErrNotFound, 404, 1, nil},
		{"403", status(403, `{"code":"Forbidden","message":"confidential"}`), ErrForbidden, 403, 1, nil},
		{"400", status(400, `{"code":"BadRequest","message":"bad"}`), ErrInvalid, 400, 1, nil},
		{"422", status(422, `not json`), ErrInvalid, 422, 1, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			e := newEnv(t, tt.h, func(c *Config) { c.Now = func() time.Time { return now } })
			o, err := e.c.GetOpportunity(context.Background(), "opp-1")
			if tt.wantErr == nil {
				if err != nil || o.ID != "opp-1" {
					t.Fatalf("GetOpportunity = %v, %v", o, err)
				}
			} else {
				if !errors.Is(err, tt.wantErr) {
					t.Fatalf("err = %v, want %v", err, tt.wantErr)
				}
				var ae *APIError
				if !errors.As(err, &ae) || ae.Status != tt.wantStatus || ae.Method != "GET" || ae.Path != "/opportunities/opp-1" {
					t.Fatalf("APIError = %+v", ae)
				}
			}
			if e.hits.Load() != tt.wantHits {
				t.Fatalf("hits = %d, want %d", e.hits.Load(), tt.wantHits)
			}
			if tt.name == "Retry-After beyond the cap fails at once" {
				var ae *APIError
				if errors.As(err, &ae); ae.RetryAfter != time.Hour {
					t.Fatalf("RetryAfter = %v", ae.RetryAfter)
				}
			}
			if tt.wantSleeps != nil && !slices.Equal(e.sleeps.got(), tt.wantSleeps) {
				t.Fatalf("sleeps = %v, want %v", e.sleeps.got(), tt.wantSleeps)
			}
		})
	}
}

func TestAPIErrorFields(t *testing.T) {
	t.Parallel()
	e := newEnv(t, status(404, `{"code":"ResourceNotFound","message":"stages s1 was not found"}`))
	_, err := e.c.GetStage(context.Background(), "s1")
	var ae *APIError
	if !errors.As(err, &ae) {
		t.Fatalf("err = %v", err)
	}
	want := APIError{Status: 404, Code: "ResourceNotFound", Message: "stages s1 was not found", Method: "GET", Path: "/stages/s1"}
	if *ae != want {
		t.Fatalf("got %+v, want %+v", *ae, want)
	}
	for _, s := range []error{ErrRevoked, ErrForbidden, ErrInvalid, ErrRateLimited, ErrUnavailable, ErrOutcomeUnknown} {
		if errors.Is(err, s) {
			t.Errorf("404 also matches %v", s)
		}
	}
}

func TestConnectionResetOnGETIsRetried(t *testing.T) {
	t.Parallel()
	var e *testEnv
	e = newEnv(t, sequence(
		func(w http.ResponseWriter, r *http.Request) { dropConn(t, w) },
		status(200, oppJSON),
	))
	o, err := e.c.GetOpportunity(context.Background(), "opp-1")
	if err != nil || o.ID != "opp-1" {
		t.Fatalf("GetOpportunity = %v, %v", o, err)
	}
	if e.hits.Load() < 2 {
		t.Fatalf("hits = %d, want a retry", e.hits.Load())
	}
}

func TestTimeoutOnGETIsRetried(t *testing.T) {
	t.Parallel()
	e := newEnv(t, sequence(
		hang,
		status(200, oppJSON),
	), func(c *Config) { c.AttemptTimeout = 100 * time.Millisecond })
	if _, err := e.c.GetOpportunity(context.Background(), "opp-1"); err != nil {
		t.Fatal(err)
	}
	if e.hits.Load() != 2 {
		t.Fatalf("hits = %d, want 2", e.hits.Load())
	}
}

// Non-idempotent writes: ambiguous failures end with ErrOutcomeUnknown after exactly
// one request; refusals Lever answers before acting (429, 503) are retried.
func TestNonIdempotentWrites(t *testing.T) {
	t.Parallel()
	created := status(201, `{"data":{"id":"note-9","noteId":"note-9"}}`)
	tests := []struct {
		name        string
		h           http.HandlerFunc
		wantUnknown bool
		wantErr     error
		wantHits    int64
	}{
		{"timeout", hang, true, nil, 1},
		{"connection dropped after send", func(w http.ResponseWriter, r *http.Request) { dropConn(t, w) }, true, nil, 1},
		{"500", status(500, `{"code":"InternalError","message":"boom"}`), true, ErrUnavailable, 1},
		{"502", status(502, ``), true, ErrUnavailable, 1},
		{"429 then created", sequence(status(429, `{}`, "Retry-After", "1"), created), false, nil, 2},
		{"503 then created", sequence(status(503, ``), created), false, nil, 2},
		{"400 not retried", status(400, `{"code":"BadRequest","message":"value required"}`), false, ErrInvalid, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			e := newEnv(t, tt.h, func(c *Config) { c.AttemptTimeout = 150 * time.Millisecond })
			id, err := e.c.CreateNote(context.Background(), "opp-1", NewNote{Value: "hello"}, "u1")
			if got := errors.Is(err, ErrOutcomeUnknown); got != tt.wantUnknown {
				t.Fatalf("err = %v; outcome unknown = %v, want %v", err, got, tt.wantUnknown)
			}
			if tt.wantErr != nil && !errors.Is(err, tt.wantErr) {
				t.Fatalf("err = %v, want %v", err, tt.wantErr)
			}
			if !tt.wantUnknown && tt.wantErr == nil && (err != nil || id != "note-9") {
				t.Fatalf("CreateNote = %q, %v", id, err)
			}
			if e.hits.Load() != tt.wantHits {
				t.Fatalf("hits = %d, want %d (not retried blindly)", e.hits.Load(), tt.wantHits)
			}
		})
	}
}

func TestCreateFeedbackTimeoutIsOutcomeUnknown(t *testing.T) {
	t.Parallel()
	e := newEnv(t, hang,
		func(c *Config) { c.AttemptTimeout = 100 * time.Millisecond })
	_, err := e.c.CreateFeedback(context.Background(), "opp-1", NewFeedback{BaseTemplateID: "tpl"}, "u1")
	var ou *OutcomeUnknownError
	if !errors.As(err, &ou) || ou.Method != "POST" || ou.Path != "/opportunities/opp-1/feedback" {
		t.Fatalf("err = %v", err)
	}
	if e.hits.Load() != 1 {
		t.Fatalf("hits = %d, want 1", e.hits.Load())
	}
}

func TestWriteRetriedOnDialError(t *testing.T) {
	t.Parallel()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close() // nothing listens: every dial is refused
	var attempts atomic.Int64
	s := &sleeps{}
	c, err := New(Config{
		BaseURL: "http://" + addr + "/v1", APIKey: "k", Limiter: Unlimited, Sleep: s.sleep,
		OnRequest: func(method, path string, status int, dur time.Duration, attempt int) {
			attempts.Add(1)
			if status != 0 || method != "POST" || path != "/opportunities/opp-1/notes" {
				t.Errorf("OnRequest(%s, %s, %d)", method, path, status)
			}
		},
	})
	if err != nil {
		t.Fatal(err)
	}
	_, err = c.CreateNote(context.Background(), "opp-1", NewNote{Value: "x"}, "")
	if errors.Is(err, ErrOutcomeUnknown) || !errors.Is(err, ErrUnavailable) {
		t.Fatalf("err = %v, want ErrUnavailable and not ErrOutcomeUnknown", err)
	}
	if attempts.Load() != DefaultMaxAttempts {
		t.Fatalf("attempts = %d, want %d", attempts.Load(), DefaultMaxAttempts)
	}
}

func TestIdempotentWritesRetried(t *testing.T) {
	t.Parallel()
	e := newEnv(t, sequence(
		func(w http.ResponseWriter, r *http.Request) { dropConn(t, w) },
		status(500, ``),
		status(200, oppJSON),
	))
	o, err := e.c.ChangeStage(context.Background(), "opp-1", "stage-2", "u1")
	if err != nil || o.ID != "opp-1" {
		t.Fatalf("ChangeStage = %v, %v", o, err)
	}
	if e.hits.Load() != 3 {
		t.Fatalf("hits = %d", e.hits.Load())
	}
}

func TestDeleteAfterAmbiguousAttempt(t *testing.T) {
	t.Parallel()
	e := newEnv(t, sequence(
		func(w http.ResponseWriter, r *http.Request) { dropConn(t, w) },
		status(404, `{"code":"ResourceNotFound","message":"gone"}`),
	))
	if err := e.c.DeleteNote(context.Background(), "opp-1", "n1"); err != nil {
		t.Fatalf("DeleteNote = %v, want success (the first attempt deleted it)", err)
	}
	e2 := newEnv(t, status(404, `{"code":"ResourceNotFound","message":"gone"}`))
	if err := e2.c.DeleteNote(context.Background(), "opp-1", "n1"); !errors.Is(err, ErrNotFound) {
		t.Fatalf("plain 404 delete = %v, want ErrNotFound", err)
	}
	e3 := newEnv(t, func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(204) })
	if err := e3.c.DeleteWebhook(context.Background(), "w1"); err != nil {
		t.Fatalf("204 delete = %v", err)
	}
}

func TestContextCancelStopsRetries(t *testing.T) {
	t.Parallel()
	e := newEnv(t, status(503, ``), func(c *Config) { c.Sleep = nil }) // real sleeping
	ctx, cancel := context.WithTimeout(context.Background(), 300*time.Millisecond)
	defer cancel()
	start := time.Now()
	_, err := e.c.GetOpportunity(ctx, "opp-1")
	if err == nil || time.Since(start) > 2*time.Second {
		t.Fatalf("err = %v after %v", err, time.Since(start))
	}
}

func TestNoteIDDecoding(t *testing.T) {
	t.Parallel()
	for body, want := range map[string]string{
		`{"data":{"noteId":"n1"}}`:           "n1",
		`{"data":{"id":"n2","text":"Note"}}`: "n2",
		`{"data":{"id":"n3","noteId":"n4"}}`: "n4",
		`{"noteId":"n5"}`:                    "n5",
		`{"data":{"data":{"noteId":"n6"}}}`:  "n6",
	} {
		e := newEnv(t, status(201, body))
		id, err := e.c.CreateNote(context.Background(), "o", NewNote{Value: "v"}, "")
		if err != nil || id != want {
			t.Errorf("%s: id = %q, %v; want %q", body, id, err, want)
		}
	}
	e := newEnv(t, status(201, `{"data":{}}`))
	if _, err := e.c.CreateNote(context.Background(), "o", NewNote{Value: "v"}, ""); !errors.Is(err, ErrOutcomeUnknown) {
		t.Errorf("answer without id: err = %v, want ErrOutcomeUnknown", err)
	}
}

// countingLimiter counts Wait calls.
type countingLimiter struct{ n atomic.Int64 }

func (l *countingLimiter) Wait(ctx context.Context) error { l.n.Add(1); return ctx.Err() }

func TestLimiterAndOnRequestPerAttempt(t *testing.T) {
	t.Parallel()
	lim := &countingLimiter{}
	type call struct {
		method, path string
		status, att  int
	}
	var mu sync.Mutex
	var calls []call
	e := newEnv(t, sequence(status(503, ``), status(200, oppJSON)), func(c *Config) {
		c.Limiter = lim
		c.OnRequest = func(m, p string, s int, d time.Duration, a int) {
			mu.Lock()
			calls = append(calls, call{m, p, s, a})
			mu.Unlock()
		}
	})
	if _, err := e.c.GetOpportunity(context.Background(), "opp-1"); err != nil {
		t.Fatal(err)
	}
	if lim.n.Load() != 2 {
		t.Fatalf("limiter waits = %d, want 2", lim.n.Load())
	}
	want := []call{{"GET", "/opportunities/opp-1", 503, 1}, {"GET", "/opportunities/opp-1", 200, 2}}
	if !slices.Equal(calls, want) {
		t.Fatalf("OnRequest calls = %v, want %v", calls, want)
	}
}

func TestTokenBucket(t *testing.T) {
	t.Parallel()
	lim := NewTokenBucket(50, 5)
	start := time.Now()
	for range 10 { // 5 from the burst, 5 more at 50/s ≈ 100 ms
		if err := lim.Wait(context.Background()); err != nil {
			t.Fatal(err)
		}
	}
	if el := time.Since(start); el < 70*time.Millisecond {
		t.Fatalf("10 waits took %v; the bucket does not limit", el)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := NewTokenBucket(1, 1).Wait(ctx); err == nil {
		t.Fatal("Wait ignored a cancelled context")
	}
}

// Every call that Lever documents with perform_as sends it; required ones refuse to
// send without it.
func TestPerformAs(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	type callFn func(c *Client, performAs string) error
	tests := []struct {
		name     string
		required bool
		call     callFn
	}{
		{"ChangeStage", false, func(c *Client, p string) error { _, err := c.ChangeStage(ctx, "o", "s", p); return err }},
		{"UpdateArchived", false, func(c *Client, p string) error {
			_, err := c.UpdateArchived(ctx, "o", ArchiveUpdate{ReasonID: "r"}, p)
			return err
		}},
		{"AddTags", false, func(c *Client, p string) error { _, err := c.AddTags(ctx, "o", []string{"t"}, p); return err }},
		{"RemoveTags", false, func(c *Client, p string) error { _, err := c.RemoveTags(ctx, "o", []string{"t"}, p); return err }},
		{"CreateNote", false, func(c *Client, p string) error { _, err := c.CreateNote(ctx, "o", NewNote{Value: "v"}, p); return err }},
		{"CreateFeedback", true, func(c *Client, p string) error {
			_, err := c.CreateFeedback(ctx, "o", NewFeedback{BaseTemplateID: "t"}, p)
			return err
		}},
		{"UpdateFeedback", true, func(c *Client, p string) error {
			_, err := c.UpdateFeedback(ctx, "o", "f", FeedbackUpdate{}, p)
			return err
		}},
		{"DeleteFeedback", true, func(c *Client, p string) error { return c.DeleteFeedback(ctx, "o", "f", p) }},
		{"CreateOpportunity", true, func(c *Client, p string) error {
			_, err := c.CreateOpportunity(ctx, NewOpportunity{Name: "n"}, p)
			return err
		}},
	}
	answer := `{"data":{"id":"x","noteId":"x","baseTemplateId":"t","fields":[]}}`
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			var got atomic.Value
			e := newEnv(t, func(w http.ResponseWriter, r *http.Request) {
				got.Store(r.URL.Query().Get("perform_as"))
				if r.Method == http.MethodDelete {
					w.WriteHeader(204)
					return
				}
				writeRaw(w, 200, answer)
			})
			if err := tt.call(e.c, "user-7"); err != nil {
				t.Fatal(err)
			}
			if got.Load() != "user-7" {
				t.Fatalf("perform_as = %v, want user-7", got.Load())
			}
			err := tt.call(e.c, "")
			if tt.required {
				if !errors.Is(err, ErrInvalid) || e.hits.Load() != 1 {
					t.Fatalf("without perform_as: err = %v, hits = %d; want ErrInvalid and no request", err, e.hits.Load())
				}
			} else if err != nil || got.Load() != "" {
				t.Fatalf("optional perform_as: err = %v, sent %q", err, got.Load())
			}
		})
	}
}

func TestRequestShapes(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	t0 := time.UnixMilli(1700000000123)
	f := false
	tests := []struct {
		name       string
		call       func(c *Client) error
		wantMethod string
		wantPath   string
		wantQuery  url.Values
		wantBody   string
	}{
		{"opportunities filter", func(c *Client) error {
			_, err := Collect(c.ListOpportunities(ctx, OpportunityFilter{
				PostingIDs: []string{"p1", "p2"}, StageIDs: []string{"s"}, Tags: []string{"a b"}, Emails: []string{"x@y.z"},
				Archived: &f, UpdatedAtStart: t0, UpdatedAtEnd: t0.Add(time.Second), CreatedAtStart: t0, CreatedAtEnd: t0,
				Expand: []string{"applications", "stage"}, Confidentiality: "all",
			}))
			return err
		}, "GET", "/v1/opportunities", url.Values{
			"posting_id": {"p1", "p2"}, "stage_id": {"s"}, "tag": {"a b"}, "email": {"x@y.z"}, "archived": {"false"},
			"updated_at_start": {"1700000000123"}, "updated_at_end": {"1700000001123"},
			"created_at_start": {"1700000000123"}, "created_at_end": {"1700000000123"},
			"expand": {"applications", "stage"}, "confidentiality": {"all"}, "limit": {"100"},
		}, ""},
		{"postings filter", func(c *Client) error {
			_, err := Collect(c.ListPostings(ctx, PostingFilter{
				States: []string{"published", "internal"}, Teams: []string{"Eng"}, Departments: []string{"R&D"},
				Locations: []string{"Berlin"}, Commitments: []string{"Full-time"}, Confidentiality: "all", PageSize: 25,
			}))
			return err
		}, "GET", "/v1/postings", url.Values{
			"state": {"published", "internal"}, "team": {"Eng"}, "department": {"R&D"}, "location": {"Berlin"},
			"commitment": {"Full-time"}, "confidentiality": {"all"}, "limit": {"25"},
		}, ""},
		{"user by email", func(c *Client) error { _, err := c.UserByEmail(ctx, "a@example.com"); return err },
			"GET", "/v1/users", url.Values{"email": {"a@example.com"}, "limit": {"10"}}, ""},
		{"stage", func(c *Client) error { _, err := c.ChangeStage(ctx, "o/1", "s1", ""); return err },
			"PUT", "/v1/opportunities/o%2F1/stage", url.Values{}, `{"stage":"s1"}`},
		{"unarchive", func(c *Client) error { _, err := c.UpdateArchived(ctx, "o", ArchiveUpdate{}, ""); return err },
			"PUT", "/v1/opportunities/o/archived", url.Values{}, `{"reason":null}`},
		{"archive", func(c *Client) error {
			_, err := c.UpdateArchived(ctx, "o", ArchiveUpdate{ReasonID: "r", CleanInterviews: true}, "")
			return err
		}, "PUT", "/v1/opportunities/o/archived", url.Values{}, `{"cleanInterviews":true,"reason":"r"}`},
		{"add tags", func(c *Client) error {
			_, err := c.AddTags(ctx, "o", []string{"skillkeepr: interview scheduled"}, "")
			return err
		},
			"POST", "/v1/opportunities/o/addTags", url.Values{}, `{"tags":["skillkeepr: interview scheduled"]}`},
		{"note", func(c *Client) error {
			_, err := c.CreateNote(ctx, "o", NewNote{Value: "v", Score: 3, Secret: true, ThreadOf: "n0"}, "")
			return err
		}, "POST", "/v1/opportunities/o/notes", url.Values{"note_id": {"n0"}}, `{"score":3,"secret":true,"value":"v"}`},
		{"feedback", func(c *Client) error {
			_, err := c.CreateFeedback(ctx, "o", NewFeedback{BaseTemplateID: "t", FieldValues: []FieldValue{{ID: "f1", Value: "3 - Hire"}}, CompletedAt: TimestampPtr(t0)}, "u")
			return err
		}, "POST", "/v1/opportunities/o/feedback", url.Values{"perform_as": {"u"}},
			`{"baseTemplateId":"t","fieldValues":[{"id":"f1","value":"3 - Hire"}],"completedAt":1700000000123}`},
		{"webhook", func(c *Client) error {
			_, err := c.CreateWebhook(ctx, NewWebhook{URL: "https://x/h", Event: EventCandidateStageChange, Origins: []string{"applied"}})
			return err
		}, "POST", "/v1/webhooks", url.Values{}, `{"configuration":{"conditions":{"origins":["applied"]}},"event":"candidateStageChange","url":"https://x/h"}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			e := newEnv(t, func(w http.ResponseWriter, r *http.Request) {
				if r.Method != tt.wantMethod || r.URL.EscapedPath() != tt.wantPath {
					t.Errorf("request %s %s, want %s %s", r.Method, r.URL.EscapedPath(), tt.wantMethod, tt.wantPath)
				}
				if q := r.URL.Query(); q.Encode() != tt.wantQuery.Encode() {
					t.Errorf("query %s, want %s", q.Encode(), tt.wantQuery.Encode())
				}
				b, _ := io.ReadAll(r.Body)
				if string(b) != tt.wantBody {
					t.Errorf("body %s, want %s", b, tt.wantBody)
				}
				if tt.wantBody != "" && r.Header.Get("Content-Type") != "application/json" {
					t.Errorf("content type %q", r.Header.Get("Content-Type"))
				}
				if r.URL.Path == "/v1/users" {
					writeRaw(w, 200, `{"data":[{"id":"u","email":"A@example.com"}],"hasNext":false}`)
					return
				}
				writeRaw(w, 200, `{"data":{"id":"x","noteId":"x","baseTemplateId":"t","fields":[{"type":"text","text":"t"}]}}`)
			})
			if err := tt.call(e.c); err != nil {
				t.Fatal(err)
			}
		})
	}
}

func TestUserByEmailNotFound(t *testing.T) {
	t.Parallel()
	e := newEnv(t, status(200, `{"data":[],"hasNext":false}`))
	if _, err := e.c.UserByEmail(context.Background(), "nobody@example.com"); !errors.Is(err, ErrNotFound) {
		t.Fatalf("err = %v, want ErrNotFound", err)
	}
}

func TestCreateOpportunityDeduped(t *testing.T) {
	t.Parallel()
	e := newEnv(t, status(201, `{"deduped":true,"data":{"id":"o9","contact":"c1"}}`))
	o, err := e.c.CreateOpportunity(context.Background(), NewOpportunity{Name: "A", Emails: []string{"a@x"}}, "u")
	if err != nil || !o.Deduped || o.ID != "o9" || o.Contact.ID != "c1" {
		t.Fatalf("CreateOpportunity = %+v, %v", o, err)
	}
}

func TestDownloads(t *testing.T) {
	t.Parallel()
	pdf := strings.Repeat("%PDF-1.4 ", 100) // 900 bytes
	tests := []struct {
		name     string
		h        http.HandlerFunc
		limit    int64
		wantBody string
		wantErr  error
	}{
		{"ok", func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "application/pdf")
			w.Header().Set("Content-Disposition", `attachment; filename="cv.pdf"`)
			_, _ = io.WriteString(w, pdf)
		}, 1000, pdf, nil},
		{"exactly at the limit", func(w http.ResponseWriter, r *http.Request) { _, _ = io.WriteString(w, pdf) }, 900, pdf, nil},
		{"too large by Content-Length", func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Length", strconv.Itoa(len(pdf)))
			_, _ = io.WriteString(w, pdf)
		}, 100, "", ErrTooLarge},
		{"too large while streaming", func(w http.ResponseWriter, r *http.Request) {
			for range 3 {
				_, _ = io.WriteString(w, pdf)
				w.(http.Flusher).Flush()
			}
		}, 1000, "", ErrTooLarge},
		{"422 unprocessable", status(422, `{"code":"UnprocessableEntity","message":"could not process"}`), 1000, "", ErrInvalid},
		{"retried after 503", sequence(status(503, ``), func(w http.ResponseWriter, r *http.Request) { _, _ = io.WriteString(w, pdf) }), 1000, pdf, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			e := newEnv(t, func(w http.ResponseWriter, r *http.Request) {
				if r.URL.Path != "/v1/opportunities/o1/resumes/r1/download" {
					t.Errorf("path %s", r.URL.Path)
				}
				tt.h(w, r)
			}, func(c *Config) { c.MaxDownloadBytes = tt.limit })
			d, err := e.c.DownloadResume(context.Background(), "o1", "r1")
			var body []byte
			if err == nil {
				body, err = io.ReadAll(d)
				d.Close()
			}
			if tt.wantErr != nil {
				if !errors.Is(err, tt.wantErr) || (tt.wantErr == ErrTooLarge && errors.Is(err, ErrUnavailable)) {
					t.Fatalf("err = %v, want %v", err, tt.wantErr)
				}
				return
			}
			if err != nil || string(body) != tt.wantBody {
				t.Fatalf("body %d bytes, err %v", len(body), err)
			}
			if tt.name == "ok" && (d.ContentType != "application/pdf" || d.Filename != "cv.pdf") {
				t.Fatalf("download meta %+v", d)
			}
		})
	}
}

func TestRedirects(t *testing.T) {
	t.Parallel()
	e := newEnv(t, func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/v1/opportunities/old":
			http.Redirect(w, r, "/v1/opportunities/opp-1", http.StatusMovedPermanently)
		case "/v1/opportunities/opp-1":
			writeRaw(w, 200, oppJSON)
		case "/v1/opportunities/old/notes":
			http.Redirect(w, r, "/v1/opportunities/opp-1/notes", http.StatusMovedPermanently)
		default:
			t.Errorf("unexpected %s %s", r.Method, r.URL.Path)
			writeRaw(w, 500, "")
		}
	})
	o, err := e.c.GetOpportunity(context.Background(), "old")
	if err != nil || o.ID != "opp-1" {
		t.Fatalf("GET through 301 = %v, %v", o, err)
	}
	_, err = e.c.CreateNote(context.Background(), "old", NewNote{Value: "v"}, "")
	var ae *APIError
	if !errors.As(err, &ae) || ae.Status != 301 {
		t.Fatalf("POST through 301: %v, want the 301 as an APIError", err)
	}
}

func TestPing(t *testing.T) {
	t.Parallel()
	e := newEnv(t, func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/v1/stages" || r.URL.Query().Get("limit") != "1" {
			t.Errorf("ping %s", r.URL)
		}
		writeRaw(w, 401, `{"code":"UnauthorizedError","message":"revoked"}`)
	})
	if err := e.c.Ping(context.Background()); !errors.Is(err, ErrRevoked) {
		t.Fatalf("Ping = %v, want ErrRevoked", err)
	}
}

func TestCallerDeadlineOnWriteIsOutcomeUnknown(t *testing.T) {
	t.Parallel()
	e := newEnv(t, hang)
	ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
	defer cancel()
	_, err := e.c.CreateNote(ctx, "opp-1", NewNote{Value: "v"}, "")
	if !errors.Is(err, ErrOutcomeUnknown) || !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("err = %v, want ErrOutcomeUnknown wrapping the deadline", err)
	}
	// A read under the same circumstances is just a context error.
	ctx2, cancel2 := context.WithTimeout(context.Background(), 100*time.Millisecond)
	defer cancel2()
	_, err = e.c.GetNote(ctx2, "opp-1", "n1")
	if errors.Is(err, ErrOutcomeUnknown) || !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("read err = %v", err)
	}
}
