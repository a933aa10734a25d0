package leversandbox

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
	"time"
)

// receiver records webhook deliveries and answers with scripted statuses.
type receiver struct {
	mu       sync.Mutex
	bodies   [][]byte
	headers  []http.Header
	statuses []int // answered in order; 200 after they run out
}

func (rc *receiver) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	b, _ := io.ReadAll(r.Body)
	rc.mu.Lock()
	rc.bodies = append(rc.bodies, b)
	rc.headers = append(rc.headers, r.Header.Clone())
	st := 200
	if len(rc.statuses) > 0 {
		st, rc.statuses = rc.statuses[0], rc.statuses[1:]
	}
	rc.mu.Unlock()
	w.WriteHeader(st)
}

func (rc *receiver) payloads(t *testing.T) []WebhookPayload {
	rc.mu.Lock()
	defer rc.mu.Unlock()
	var out []WebhookPayload
	for _, b := range rc.bodies {
		var p WebhookPayload
		if err := json.Unmarshal(b, &p); err != nil {
			t.Fatalf("payload %s: %v", b, err)
		}
		out = append(out, p)
	}
	return out
}

func waitDeliveries(t *testing.T, sb *Sandbox) {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := sb.WaitForDeliveries(ctx); err != nil {
		t.Fatal(err)
	}
}

func TestWebhookDeliveryAndSignature(t *testing.T) {
	t.Parallel()
	rc := &receiver{}
	hookSrv := httptest.NewServer(rc)
	defer hookSrv.Close()
	sb, srv := NewTestServer(t, Config{Seed: 8, Postings: 1, CandidatesPerPosting: 6, RateLimit: Bool(false), WebhookRetryBase: time.Millisecond})
	c := newKeyClient(t, srv.URL)

	var created struct{ Data Webhook }
	c.mustJSON("POST", "/v1/webhooks", map[string]any{"event": "candidateStageChange", "url": hookSrv.URL + "/lever"}, 201, &created)
	token := created.Data.Configuration.SignatureToken
	if len(token) != 48 {
		t.Fatalf("signatureToken %q", token)
	}
	o := sb.Opportunities("")[0]
	c.mustJSON("PUT", "/v1/opportunities/"+o.ID+"/stage", map[string]any{"stage": "offer"}, 200, nil)
	waitDeliveries(t, sb)

	ps := rc.payloads(t)
	if len(ps) != 1 {
		t.Fatalf("%d deliveries", len(ps))
	}
	p := ps[0]
	// The documented algorithm, written out here independently of SignWebhook.
	mac := hmac.New(sha256.New, []byte(token))
	mac.Write([]byte(p.Token + fmt.Sprint(p.TriggeredAt)))
	if want := hex.EncodeToString(mac.Sum(nil)); !hmac.Equal([]byte(want), []byte(p.Signature)) {
		t.Fatalf("signature %s, want %s", p.Signature, want)
	}
	if p.Event != "candidateStageChange" || p.Data["opportunityId"] != o.ID || p.Data["toStageId"] != "offer" || p.Data["fromStageId"] != o.Stage {
		t.Fatalf("payload %+v", p)
	}
	if h := rc.headers[0]; h.Get("User-Agent") != "Lever-Webhooks" || h.Get("Content-Type") != "application/json" {
		t.Fatalf("headers %v", h)
	}
	if dir := findRecordings(); dir != "" {
		var got any
		_ = json.Unmarshal(rc.bodies[0], &got)
		rec := loadRecording(t, dir, "webhook-candidateStageChange.json")
		for _, d := range compareShape("", shapeOf(rec.Response.Body), got, looseSet(".id")) { // Lever documents an id the example lacks
			t.Error(d)
		}
	}
	if log := sb.DeliveryLog(); len(log) != 1 || !log[0].OK || log[0].Status != 200 {
		t.Fatalf("delivery log %+v", log)
	}
	// GET /webhooks hides the token.
	var list struct{ Data []Webhook }
	c.mustJSON("GET", "/v1/webhooks", nil, 200, &list)
	if len(list.Data) != 1 || list.Data[0].Configuration.SignatureToken != "" {
		t.Fatalf("list %+v", list.Data)
	}
}

func TestWebhookRetries(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name     string
		statuses []int
		attempts int
		ok       bool
	}{
		{"succeeds on the third try", []int{500, 503}, 3, true},
		{"a redirect is a failure", []int{302}, 2, true},
		{"gives up after five retries", []int{500, 500, 500, 500, 500, 500, 500}, 6, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			rc := &receiver{statuses: tc.statuses}
			hookSrv := httptest.NewServer(rc)
			defer hookSrv.Close()
			sb, _ := NewTestServer(t, Config{Seed: 8, Postings: 1, CandidatesPerPosting: 6, RateLimit: Bool(false),
				WebhookRetryBase: time.Millisecond,
				Webhooks:         []WebhookConfig{{Event: "candidateStageChange", URL: hookSrv.URL}}})
			o := sb.Opportunities("")[0]
			if err := sb.MoveStage(o.ID, "offer", ""); err != nil {
				t.Fatal(err)
			}
			waitDeliveries(t, sb)
			log := sb.DeliveryLog()
			if len(log) != tc.attempts || log[len(log)-1].OK != tc.ok {
				t.Fatalf("log %+v", log)
			}
			// Every attempt of one event carries the same event and signature.
			ps := rc.payloads(t)
			for _, p := range ps {
				if p.ID != ps[0].ID || p.Signature != ps[0].Signature {
					t.Fatal("a retry changed the payload")
				}
			}
		})
	}
}

func TestWebhookEvents(t *testing.T) {
	t.Parallel()
	rc := &receiver{}
	hookSrv := httptest.NewServer(rc)
	defer hookSrv.Close()
	var hooks []WebhookConfig
	for _, ev := range []string{"applicationCreated", "candidateArchiveChange", "candidateHired", "candidateDeleted"} {
		hooks = append(hooks, WebhookConfig{Event: ev, URL: hookSrv.URL})
	}
	sb, srv := NewTestServer(t, Config{Seed: 9, Postings: 1, CandidatesPerPosting: 6, RateLimit: Bool(false), Webhooks: hooks})
	c := newKeyClient(t, srv.URL)
	// Only sourced opportunities for this one: applied ones must not reach it.
	var onlySourced struct{ Data Webhook }
	c.mustJSON("POST", "/v1/webhooks", map[string]any{"event": "applicationCreated", "url": hookSrv.URL + "/sourced",
		"configuration": map[string]any{"conditions": map[string]any{"origins": []string{"sourced"}}}}, 201, &onlySourced)

	o, err := sb.NewApplication(sb.Postings()[0].ID, "Test Applicant", "test.applicant@example.net")
	if err != nil {
		t.Fatal(err)
	}
	var hired string
	for _, r := range sb.ArchiveReasons() {
		if r.Type == "hired" {
			hired = r.ID
		}
	}
	c.mustJSON("PUT", "/v1/opportunities/"+o.ID+"/archived", map[string]any{"reason": hired}, 200, nil)
	if err := sb.DeleteOpportunity(o.ID, ""); err != nil {
		t.Fatal(err)
	}
	waitDeliveries(t, sb)
	got := map[string]WebhookPayload{}
	for _, p := range rc.payloads(t) {
		got[p.Event] = p
	}
	if len(rc.payloads(t)) != 4 {
		t.Fatalf("%d deliveries, want 4 (the sourced-only hook must not fire)", len(rc.payloads(t)))
	}
	for ev, p := range got {
		if p.Data["opportunityId"] != o.ID {
			t.Errorf("%s: data %v", ev, p.Data)
		}
	}
	if a, _ := got["candidateArchiveChange"].Data["toArchived"].(map[string]any); a["reason"] != hired {
		t.Errorf("toArchived %v", got["candidateArchiveChange"].Data)
	}
	var deleted struct{ Data []map[string]any }
	c.mustJSON("GET", "/v1/opportunities/deleted", nil, 200, &deleted)
	if len(deleted.Data) != 1 || deleted.Data[0]["id"] != o.ID {
		t.Fatalf("deleted list %v", deleted.Data)
	}
	if st, _ := c.do("GET", "/v1/opportunities/"+o.ID, nil); st != 404 {
		t.Fatalf("deleted opportunity: %d", st)
	}
	// Plain HTTP is allowed to loopback only.
	if st, _ := c.do("POST", "/v1/webhooks", map[string]any{"event": "candidateHired", "url": "http://example.com/hook"}); st != 400 {
		t.Fatalf("non-loopback http webhook: %d", st)
	}
}

func TestWebhookManagement(t *testing.T) {
	t.Parallel()
	_, srv := NewTestServer(t, Config{Seed: 8, Postings: 1, CandidatesPerPosting: 6, RateLimit: Bool(false)})
	c := newKeyClient(t, srv.URL)
	var created struct{ Data Webhook }
	c.mustJSON("POST", "/v1/webhooks", map[string]any{"event": "candidateArchiveChange", "url": "https://hooks.example/a"}, 201, &created)
	if got := created.Data.Configuration.Conditions.Origins; len(got) != 6 {
		t.Fatalf("default origins %v, want all six", got)
	}
	var updated struct{ Data []Webhook }
	c.mustJSON("PUT", "/v1/webhooks", map[string]any{"data": []any{map[string]any{"id": created.Data.ID, "url": "https://hooks.example/b",
		"configuration": map[string]any{"conditions": map[string]any{"origins": []string{"applied"}}}}}}, 200, &updated)
	if len(updated.Data) != 1 || updated.Data[0].URL != "https://hooks.example/b" || len(updated.Data[0].Configuration.Conditions.Origins) != 1 {
		t.Fatalf("update %+v", updated.Data)
	}
	for _, bad := range []map[string]any{
		{"event": "candidateExploded", "url": "https://hooks.example/a"},
		{"event": "candidateHired"},
		{"event": "candidateHired", "url": "ftp://hooks.example/a"},
		{"event": "candidateHired", "url": "https://hooks.example/a", "configuration": map[string]any{"conditions": map[string]any{"origins": []string{"moon"}}}},
	} {
		if st, body := c.do("POST", "/v1/webhooks", bad); st != 400 {
			t.Errorf("%v: %d %s", bad, st, body)
		}
	}
	if st, _ := c.do("PUT", "/v1/webhooks", map[string]any{"data": []any{map[string]any{"id": "nope"}}}); st != 404 {
		t.Fatalf("update unknown: %d", st)
	}
	if st, _ := c.do("DELETE", "/v1/webhooks/"+created.Data.ID, nil); st != 204 {
		t.Fatalf("delete: %d", st)
	}
	if st, _ := c.do("DELETE", "/v1/webhooks/"+created.Data.ID, nil); st != 404 {
		t.Fatalf("second delete: %d", st)
	}
}
