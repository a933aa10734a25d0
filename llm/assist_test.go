package llm

import (
	"bytes"
	"fmt"
	"log/slog"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/skillkeepr/skillkeepr"
)

// goodAnswer cites the test résumé (see testdata/resume.txt): line 9 is
// "Built k8s clusters and Go services for payments.", line 14 the skills
// list. Two skills and one sentence are not supported and must be dropped.
const goodAnswer = `{
  "skills": [
    {"name": "Kubernetes", "source": "experience", "evidence": [{"line": 9, "quote": "k8s  CLUSTERS"}, {"line": 14, "quote": "Kubernetes"}]},
    {"name": "PostgreSQL", "source": "experience", "evidence": [{"line": 10, "quote": "PostgreSQL"}]},
    {"name": "Rust", "source": "skills_section", "evidence": [{"line": 14, "quote": "Rust"}]},
    {"name": "Contact", "source": "other", "evidence": [{"line": 2, "quote": "example.com"}]}
  ],
  "summary": [
    {"text": "Backend engineer with six years of Go and Kubernetes.", "lines": [6]},
    {"text": "Lives in London.", "lines": [4]},
    {"text": "She led the migration to PostgreSQL.", "lines": [10]}
  ]
}`

func newAssistant(t *testing.T, f *fakeModel, timeout time.Duration, logs *bytes.Buffer) (*Assistant, *memWork) {
	t.Helper()
	c, err := New(Config{BaseURL: startFake(t, f), Model: "fake-model", APIKey: "sk-test-secret-key", Timeout: timeout})
	if err != nil {
		t.Fatal(err)
	}
	w := newMemWork(t)
	var log *slog.Logger
	if logs != nil {
		log = slog.New(slog.NewTextHandler(logs, nil))
	}
	return &Assistant{Client: c, Work: w, Logger: log}, w
}

func TestAssistValidAnswer(t *testing.T) {
	t.Parallel()
	f := &fakeModel{content: goodAnswer}
	as, w := newAssistant(t, f, time.Second, nil)
	if err := as.RunAssist(t.Context(), 1, 7, false); err != nil {
		t.Fatal(err)
	}
	st, p, failure := w.outcome()
	if st != skillkeepr.AssistReady || failure != "" {
		t.Fatalf("status %s, failure %q", st, failure)
	}
	if len(p.Skills) != 2 || p.Skills[0].Name != "Kubernetes" || p.Skills[1].Name != "PostgreSQL" {
		t.Fatalf("skills %+v", p.Skills)
	}
	if ev := p.Skills[0].Evidence; len(ev) != 2 || ev[0].N != 9 || ev[0].Text != "Built k8s clusters and Go services for payments." || ev[1].N != 14 {
		t.Errorf("Kubernetes evidence %+v", ev)
	}
	if len(p.Summary) != 1 || p.Summary[0].Lines[0].N != 6 {
		t.Errorf("summary %+v", p.Summary)
	}
	if p.Dropped != 4 { // Rust (not on its line), Contact (line not sent), the London and the "she" sentences
		t.Errorf("dropped %d, want 4", p.Dropped)
	}

	// What was sent: the model, JSON mode, the key, the job, and the
	// résumé without its header, contact lines or references.
	req := f.lastRequest(t)
	if req.Model != "fake-model" || req.ResponseFormat["type"] != "json_object" || len(req.Messages) != 2 {
		t.Errorf("request %+v", req)
	}
	if got := f.auth[0]; got != "Bearer sk-test-secret-key" {
		t.Errorf("authorization %q", got)
	}
	user := req.Messages[1].Content
	for _, want := range []string{"Go Engineer", "Required skills: Go, Kubernetes", "9: Built k8s clusters", "14: Go, Docker, Kubernetes, PostgreSQL"} {
		if !strings.Contains(user, want) {
			t.Errorf("prompt lacks %q", want)
		}
	}
	for _, private := range []string{"Ana", "Lima", "example.com", "7946", "github", "London", "John Smith"} {
		if strings.Contains(user, private) {
			t.Errorf("prompt sends %q:\n%s", private, user)
		}
	}
}

func TestAssistRefusesBadAnswers(t *testing.T) {
	t.Parallel()
	const sentence = `"summary": [{"text": "Go engineer.", "lines": [6]}]`
	cases := map[string]string{
		"not JSON":              `Sure! Here are the skills: Go, Kubernetes.`,
		"two JSON values":       `{"skills": [], ` + sentence + `} {}`,
		"array":                 `[]`,
		"skills missing":        `{` + sentence + `}`,
		"summary missing":       `{"skills": []}`,
		"summary empty":         `{"skills": [], "summary": []}`,
		"unknown field":         `{"skills": [], ` + sentence + `, "verdict": "hire"}`,
		"source not in list":    `{"skills": [{"name": "Go", "source": "vibes", "evidence": [{"line": 14, "quote": "Go"}]}], ` + sentence + `}`,
		"line is a string":      `{"skills": [{"name": "Go", "source": "other", "evidence": [{"line": "14", "quote": "Go"}]}], ` + sentence + `}`,
		"name too long":         `{"skills": [{"name": "` + strings.Repeat("x", 81) + `", "source": "other", "evidence": [{"line": 14, "quote": "Go"}]}], ` + sentence + `}`,
		"name missing":          `{"skills": [{"source": "other", "evidence": [{"line": 14, "quote": "Go"}]}], ` + sentence + `}`,
		"no evidence":           `{"skills": [{"name": "Go", "source": "other", "evidence": []}], ` + sentence + `}`,
		"quote too short":       `{"skills": [{"name": "Go", "source": "other", "evidence": [{"line": 14, "quote": "G"}]}], ` + sentence + `}`,
		"line zero":             `{"skills": [{"name": "Go", "source": "other", "evidence": [{"line": 0, "quote": "Go"}]}], ` + sentence + `}`,
		"sentence without line": `{"skills": [], "summary": [{"text": "Go engineer.", "lines": []}]}`,
		"sentence too long":     `{"skills": [], "summary": [{"text": "` + strings.Repeat("y", 401) + `", "lines": [6]}]}`,
		"too many sentences":    `{"skills": [], "summary": [` + strings.Repeat(`{"text": "a", "lines": [6]},`, 6) + `{"text": "a", "lines": [6]}]}`,
	}
	for name, content := range cases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			if _, err := Parse(content); KindOf(err) != KindInvalidOutput {
				t.Fatalf("Parse: %v, want invalid output", err)
			}
			as, w := newAssistant(t, &fakeModel{content: content}, time.Second, nil)
			if err := as.RunAssist(t.Context(), 1, 7, false); err != nil {
				t.Fatalf("an invalid answer is not retried: %v", err)
			}
			st, p, failure := w.outcome()
			if st != skillkeepr.AssistFailed || p != nil || !strings.Contains(failure, "not in the expected form") {
				t.Fatalf("status %s, payload %v, failure %q", st, p, failure)
			}
		})
	}
	// The smallest valid answer passes.
	if _, err := Parse(`{"skills": [], ` + sentence + `}`); err != nil {
		t.Fatal(err)
	}
}

func TestAssistEndpointFailures(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name      string
		fake      *fakeModel
		timeout   time.Duration
		last      bool
		retried   bool // RunAssist returns an error: the job is tried again
		kind      Kind
		wantWords string
	}{
		{name: "401", fake: &fakeModel{status: http.StatusUnauthorized}, kind: KindUnauthorized, wantWords: "did not accept SkillKeepr's key"},
		{name: "403 on the last attempt", fake: &fakeModel{status: http.StatusForbidden}, last: true, kind: KindUnauthorized, wantWords: "did not accept"},
		{name: "500 is retried", fake: &fakeModel{status: http.StatusInternalServerError}, retried: true, kind: KindServer},
		{name: "500 on the last attempt", fake: &fakeModel{status: http.StatusInternalServerError}, last: true, kind: KindServer, wantWords: "had a problem on its side"},
		{name: "429 on the last attempt", fake: &fakeModel{status: http.StatusTooManyRequests}, last: true, kind: KindBusy, wantWords: "busy"},
		{name: "400", fake: &fakeModel{status: http.StatusBadRequest}, kind: KindRefused, wantWords: "refused the request"},
		{name: "timeout is retried", fake: &fakeModel{delay: 2 * time.Second, content: goodAnswer}, timeout: 50 * time.Millisecond, retried: true, kind: KindTimeout},
		{name: "timeout on the last attempt", fake: &fakeModel{delay: 2 * time.Second, content: goodAnswer}, timeout: 50 * time.Millisecond, last: true, kind: KindTimeout, wantWords: "did not answer in time"},
		{name: "not a chat completion", fake: &fakeModel{raw: `{"choices": []}`}, kind: KindInvalidOutput, wantWords: "not in the expected form"},
		{name: "garbage body", fake: &fakeModel{raw: `<html>oops</html>`}, kind: KindInvalidOutput, wantWords: "not in the expected form"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			timeout := c.timeout
			if timeout == 0 {
				timeout = time.Second
			}
			var logs bytes.Buffer
			f := c.fake
			as, w := newAssistant(t, f, timeout, &logs)
			err := as.RunAssist(t.Context(), 1, 7, c.last)
			st, _, failure := w.outcome()
			if c.retried {
				if KindOf(err) != c.kind || st != skillkeepr.AssistPending {
					t.Fatalf("err %v (kind %s), status %s; want a %s error and still pending", err, KindOf(err), st, c.kind)
				}
			} else {
				if err != nil || st != skillkeepr.AssistFailed || !strings.Contains(failure, c.wantWords) {
					t.Fatalf("err %v, status %s, failure %q; want failed with %q", err, st, failure, c.wantWords)
				}
				for _, jargon := range []string{"401", "403", "429", "500", "HTTP", "JSON", "API"} {
					if strings.Contains(failure, jargon) {
						t.Errorf("failure shown to people has %q: %q", jargon, failure)
					}
				}
			}
			if strings.Contains(logs.String(), "sk-test-secret-key") {
				t.Errorf("the key is in the logs: %s", logs.String())
			}
		})
	}
}

func TestAssistNoResume(t *testing.T) {
	t.Parallel()
	f := &fakeModel{content: goodAnswer}
	as, w := newAssistant(t, f, time.Second, nil)
	w.in.Resume = nil
	if err := as.RunAssist(t.Context(), 1, 7, false); err != nil {
		t.Fatal(err)
	}
	if st, _, failure := w.outcome(); st != skillkeepr.AssistFailed || failure != "This candidate has no résumé to read." {
		t.Fatalf("%s %q", st, failure)
	}
	// Only contact details: nothing may be sent.
	as, w = newAssistant(t, f, time.Second, nil)
	w.file = []byte("Ana Lima\nana@example.com\n+44 20 7946 0958\n")
	if err := as.RunAssist(t.Context(), 1, 7, false); err != nil {
		t.Fatal(err)
	}
	if st, _, failure := w.outcome(); st != skillkeepr.AssistFailed || !strings.Contains(failure, "no lines that can be shared") {
		t.Fatalf("%s %q", st, failure)
	}
	if len(f.requests) != 0 {
		t.Errorf("%d requests sent without a résumé", len(f.requests))
	}
}

func TestConfig(t *testing.T) {
	t.Parallel()
	cases := []struct {
		cfg     Config
		enabled bool
		valid   bool
	}{
		{Config{}, false, true},
		{Config{BaseURL: "http://127.0.0.1:1/v1", Model: "m"}, true, true},
		{Config{BaseURL: "http://127.0.0.1:1/v1"}, false, false},
		{Config{Model: "m"}, false, false},
		{Config{BaseURL: "127.0.0.1:1", Model: "m"}, true, false},
		{Config{BaseURL: "ftp://x", Model: "m"}, true, false},
	}
	for _, c := range cases {
		if c.cfg.Enabled() != c.enabled || (c.cfg.Validate() == nil) != c.valid {
			t.Errorf("%+v: enabled %v valid %v", c.cfg, c.cfg.Enabled(), c.cfg.Validate())
		}
	}
	if _, err := New(Config{}); err == nil {
		t.Error("New accepts a disabled config")
	}
	key := Config{APIKey: "sk-very-secret"}
	for _, s := range []string{fmt.Sprintf("%v %+v %#v", key, key, key), fmt.Sprint(key.APIKey)} {
		if strings.Contains(s, "sk-very-secret") {
			t.Errorf("key printed: %s", s)
		}
	}
}
