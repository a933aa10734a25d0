package leversandbox

import (
	"bytes"
	"encoding/json"
	"net/http"
	"strings"
	"testing"
	"time"
)

func faultSandbox(t *testing.T) (*Sandbox, *apiClient, string) {
	sb, srv := NewTestServer(t, Config{Seed: 2, Postings: 1, CandidatesPerPosting: 6, RateLimit: Bool(false)})
	c := newKeyClient(t, srv.URL)
	c.hc = &http.Client{Timeout: 5 * time.Second, Transport: &http.Transport{DisableKeepAlives: true}}
	return sb, c, srv.URL
}

// tryDo is do() that returns transport errors instead of failing.
func (c *apiClient) tryDo(method, path string, body any) (int, error) {
	var rd *bytes.Reader
	if body != nil {
		b, _ := json.Marshal(body)
		rd = bytes.NewReader(b)
	} else {
		rd = bytes.NewReader(nil)
	}
	req, _ := http.NewRequest(method, c.base+path, rd)
	req.SetBasicAuth(c.key, "")
	req.Header.Set("Content-Type", "application/json")
	resp, err := c.hc.Do(req)
	if err != nil {
		return 0, err
	}
	resp.Body.Close()
	return resp.StatusCode, nil
}

func TestFaultApplyThenDrop(t *testing.T) {
	t.Parallel()
	sb, c, _ := faultSandbox(t)
	opp := sb.Opportunities("")[0].ID
	sb.SetFault(Fault{Route: "POST /v1/opportunities/{id}/notes", DropAfterApply: true, Count: 1})
	if _, err := c.tryDo("POST", "/v1/opportunities/"+opp+"/notes", map[string]any{"value": "Recommended"}); err == nil {
		t.Fatal("the response was not dropped")
	}
	// The write happened although the client saw no answer.
	if n := sb.Notes(opp); len(n) != 1 || n[0].Fields[0].Value != "Recommended" {
		t.Fatalf("notes after drop: %+v", n)
	}
	// Count 1: the next call is normal.
	if st, err := c.tryDo("POST", "/v1/opportunities/"+opp+"/notes", map[string]any{"value": "again"}); err != nil || st != 201 {
		t.Fatalf("after the fault: %d %v", st, err)
	}
	if len(sb.Faults()) != 0 {
		t.Fatal("used-up fault still listed")
	}
}

func TestFaultKinds(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name      string
		fault     Fault
		wantErr   bool
		statuses  []int
		applied   bool
		minLatecy time.Duration
	}{
		{name: "reset", fault: Fault{Reset: true}, wantErr: true},
		{name: "errors in turn", fault: Fault{ErrorRate: 1}, statuses: []int{500, 502, 503}},
		{name: "429 storm", fault: Fault{RateLimitStorm: true}, statuses: []int{429, 429}},
		{name: "latency", fault: Fault{Latency: 60 * time.Millisecond}, statuses: []int{201}, applied: true, minLatecy: 60 * time.Millisecond},
		{name: "timeout", fault: Fault{Timeout: true}, wantErr: true},
		{name: "path prefix", fault: Fault{Route: "/v1/opportunities", ErrorRate: 1}, statuses: []int{500}},
		{name: "other route unaffected", fault: Fault{Route: "GET /v1/users", ErrorRate: 1}, statuses: []int{201}, applied: true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			sb, c, _ := faultSandbox(t)
			if tc.name == "timeout" {
				c.hc.Timeout = 300 * time.Millisecond
			}
			opp := sb.Opportunities("")[1].ID
			sb.SetFault(tc.fault)
			n := len(tc.statuses)
			if n == 0 {
				n = 1
			}
			for i := 0; i < n; i++ {
				start := time.Now()
				st, err := c.tryDo("POST", "/v1/opportunities/"+opp+"/notes", map[string]any{"value": "x"})
				if tc.wantErr {
					if err == nil {
						t.Fatalf("got status %d, want a transport error", st)
					}
					continue
				}
				if err != nil || st != tc.statuses[i] {
					t.Fatalf("call %d: %d %v, want %d", i, st, err, tc.statuses[i])
				}
				if time.Since(start) < tc.minLatecy {
					t.Fatalf("answered in %v, want ≥ %v", time.Since(start), tc.minLatecy)
				}
			}
			if got := len(sb.Notes(opp)) > 0; got != tc.applied {
				t.Fatalf("applied=%v, want %v", got, tc.applied)
			}
		})
	}
}

func TestFaultAdminEndpoint(t *testing.T) {
	t.Parallel()
	sb, c, base := faultSandbox(t)
	resp, err := http.Post(base+"/_sandbox/admin/faults", "application/json",
		strings.NewReader(`{"route":"GET /v1/stages","errorRate":1,"latencyMs":5}`))
	if err != nil || resp.StatusCode != 201 {
		t.Fatalf("add fault: %v %v", resp, err)
	}
	resp.Body.Close()
	if f := sb.Faults(); len(f) != 1 || f[0].Latency != 5*time.Millisecond {
		t.Fatalf("faults %+v", f)
	}
	if st, _ := c.tryDo("GET", "/v1/stages", nil); st < 500 {
		t.Fatalf("status %d", st)
	}
	req, _ := http.NewRequest("DELETE", base+"/_sandbox/admin/faults", nil)
	resp, err = http.DefaultClient.Do(req)
	if err != nil || resp.StatusCode != 204 {
		t.Fatalf("clear: %v %v", resp, err)
	}
	resp.Body.Close()
	if st, _ := c.tryDo("GET", "/v1/stages", nil); st != 200 {
		t.Fatalf("after clear: %d", st)
	}
	resp, _ = http.Post(base+"/_sandbox/admin/faults", "application/json", strings.NewReader(`{"errorRate":7}`))
	if resp.StatusCode != 400 {
		t.Fatalf("bad fault accepted: %d", resp.StatusCode)
	}
	resp.Body.Close()
}
