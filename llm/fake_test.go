package llm

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"sync"
	"testing"
	"time"

	"github.com/skillkeepr/skillkeepr"
)

// fakeModel is a local OpenAI-compatible endpoint: it records requests and
// answers with status and content (wrapped in a chat completion), after
// delay.
type fakeModel struct {
	mu       sync.Mutex
	status   int
	content  string
	raw      string // when set, the whole body instead of a completion
	delay    time.Duration
	requests []chatRequest
	auth     []string
}

func (f *fakeModel) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodPost || r.URL.Path != "/v1/chat/completions" {
		http.NotFound(w, r)
		return
	}
	var req chatRequest
	if err := json.NewDecoder(r.Body).Decode(&req); err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	f.mu.Lock()
	f.requests = append(f.requests, req)
	f.auth = append(f.auth, r.Header.Get("Authorization"))
	status, content, raw, delay := f.status, f.content, f.raw, f.delay
	f.mu.Unlock()
	if delay > 0 {
		select {
		case <-time.After(delay):
		case <-r.Context().Done():
			return
		}
	}
	if status == 0 {
		status = http.StatusOK
	}
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	if raw != "" {
		io.WriteString(w, raw)
		return
	}
	if status != http.StatusOK {
		io.WriteString(w, `{"error":{"message":"nope"}}`)
		return
	}
	json.NewEncoder(w).Encode(map[string]any{"model": req.Model, "choices": []any{
		map[string]any{"index": 0, "finish_reason": "stop", "message": map[string]any{"role": "assistant", "content": content}}}})
}

func (f *fakeModel) lastRequest(t *testing.T) chatRequest {
	t.Helper()
	f.mu.Lock()
	defer f.mu.Unlock()
	if len(f.requests) == 0 {
		t.Fatal("no request reached the model")
	}
	return f.requests[len(f.requests)-1]
}

func startFake(t *testing.T, f *fakeModel) string {
	t.Helper()
	srv := httptest.NewServer(f)
	t.Cleanup(srv.Close)
	return srv.URL + "/v1"
}

// memWork is an in-memory skillkeepr.AssistWork with one pending
// suggestion and the test résumé.
type memWork struct {
	mu      sync.Mutex
	in      *skillkeepr.AssistInput
	file    []byte
	status  skillkeepr.AssistStatus
	payload *skillkeepr.AssistPayload
	failure string
	model   string
}

func newMemWork(t *testing.T) *memWork {
	t.Helper()
	data, err := os.ReadFile("testdata/resume.txt")
	if err != nil {
		t.Fatal(err)
	}
	return &memWork{file: data, status: skillkeepr.AssistPending, in: &skillkeepr.AssistInput{
		Suggestion:  &skillkeepr.AssistSuggestion{ID: 7, OrgID: 1, ApplicationID: 3, Status: skillkeepr.AssistPending},
		Application: &skillkeepr.Application{ID: 3, OrgID: 1, CandidateID: 2, JobID: 4},
		Job: &skillkeepr.Job{ID: 4, OrgID: 1, Title: "Go Engineer", Description: "Build payment services in Go on Kubernetes.",
			RequiredSkills: []string{"Go", "Kubernetes"}, NiceToHaveSkills: []string{"PostgreSQL"}},
		Resume: &skillkeepr.ResumeFile{ID: 5, OrgID: 1, CandidateID: 2, FileName: "ana.txt", ContentType: skillkeepr.ContentTypeText},
	}}
}

func (m *memWork) AssistInput(ctx context.Context, orgID, id int64) (*skillkeepr.AssistInput, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if orgID != 1 || id != 7 {
		return nil, skillkeepr.NotFound("Suggestion")
	}
	in := *m.in
	s := *in.Suggestion
	s.Status = m.status
	in.Suggestion = &s
	return &in, nil
}

func (m *memWork) OpenResumeFile(ctx context.Context, orgID int64, r *skillkeepr.ResumeFile) (io.ReadCloser, error) {
	return io.NopCloser(bytes.NewReader(m.file)), nil
}

func (m *memWork) FinishAssist(ctx context.Context, orgID, id int64, model string, p *skillkeepr.AssistPayload, failure string) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.status != skillkeepr.AssistPending {
		return nil
	}
	m.model, m.payload, m.failure = model, p, failure
	m.status = skillkeepr.AssistReady
	if p == nil || failure != "" {
		m.status = skillkeepr.AssistFailed
	}
	return nil
}

func (m *memWork) outcome() (skillkeepr.AssistStatus, *skillkeepr.AssistPayload, string) {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.status, m.payload, m.failure
}
