package leversandbox

import (
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"testing"
)

// TestBadInputNeverBreaksTheServer throws malformed bodies, ids and query
// values at every route: each answer must be a Lever-shaped 4xx (or a 2xx),
// never a 5xx or a dropped connection.
func TestBadInputNeverBreaksTheServer(t *testing.T) {
	t.Parallel()
	sb, srv := NewTestServer(t, Config{Seed: 15, Postings: 2, CandidatesPerPosting: 6, RateLimit: Bool(false)})
	opp := sb.Opportunities("")[0]
	admin := sb.AdminUser().ID
	routes := []string{
		"GET /v1/users/{x}", "GET /v1/stages/{x}", "GET /v1/contacts/{x}", "GET /v1/disposition_stages", "GET /v1/archive_reasons/{x}", "GET /v1/postings/{x}",
		"GET /v1/opportunities/{x}", "PUT /v1/opportunities/{x}/stage", "PUT /v1/opportunities/{x}/archived",
		"POST /v1/opportunities/{x}/addTags", "POST /v1/opportunities/{x}/removeTags",
		"GET /v1/opportunities/{x}/applications", "GET /v1/opportunities/{x}/resumes", "GET /v1/opportunities/{x}/resumes/{x}",
		"GET /v1/opportunities/{x}/resumes/{x}/download", "GET /v1/opportunities/{x}/files", "GET /v1/opportunities/{x}/files/{x}/download",
		"GET /v1/opportunities/{x}/notes", "POST /v1/opportunities/{x}/notes", "DELETE /v1/opportunities/{x}/notes/{x}",
		"GET /v1/feedback_templates/{x}", "POST /v1/feedback_templates", "GET /v1/opportunities/{x}/feedback",
		"POST /v1/opportunities/{x}/feedback", "PUT /v1/opportunities/{x}/feedback/{x}", "DELETE /v1/opportunities/{x}/feedback/{x}", "PUT /v1/opportunities/{x}/notes/{x}", "PUT /v1/feedback_templates/{x}", "DELETE /v1/feedback_templates/{x}",
		"POST /v1/opportunities/{x}/panels", "GET /v1/opportunities/{x}/interviews/{x}", "DELETE /v1/opportunities/{x}/panels/{x}",
		"POST /v1/webhooks", "PUT /v1/webhooks", "DELETE /v1/webhooks/{x}", "POST /v1/opportunities",
		"GET /v1/opportunities", "GET /v1/users", "GET /v1/postings", "GET /v1/tags", "GET /v1/opportunities/deleted",
		"POST /oauth/token", "GET /authorize", "POST /authorize/decision", "POST /authorize/signin",
		"POST /_sandbox/admin/faults", "POST /_sandbox/admin/rate-limit",
	}
	ids := []string{opp.ID, "nope", "%00", "..%2F..", strings.Repeat("a", 5000)}
	bodies := []string{"", "{", "[]", "null", `{"stage":123,"tags":"x","reason":7,"value":[1],"fieldValues":{},"fields":[{"type":null}],"url":1,"data":[{"id":null}]}`,
		`{"baseTemplateId":"` + sb.FeedbackTemplates()[0].ID + `","fieldValues":[{"id":"` + sb.FeedbackTemplates()[0].Fields[1].ID + `","value":[{"score":"x"},7]}]}`,
		`{"postings":[""],"emails":[null],"archived":{"reason":null}}`, strings.Repeat("[", 100000)}
	queries := []string{"", "?perform_as=" + admin, "?limit=-1&offset=%5B%5D&created_at_start=x&expand=stage&expand=nope", "?offset=%5Bnull%2Cnull%2Cnull%5D&email=%00", "?perform_as=" + admin + "&offset=%255B1%255D"}
	hc := &http.Client{}
	n := 0
	for _, rt := range routes {
		method, pattern, _ := strings.Cut(rt, " ")
		for _, id := range ids {
			path := strings.ReplaceAll(pattern, "{x}", id)
			for _, q := range queries {
				for _, body := range bodies {
					if method == "GET" && body != "" {
						continue
					}
					req, err := http.NewRequest(method, srv.URL+path+q, strings.NewReader(body))
					if err != nil {
						continue
					}
					req.SetBasicAuth(DefaultAPIKey, "")
					req.Header.Set("Content-Type", "application/json")
					resp, err := hc.Do(req)
					if err != nil {
						t.Fatalf("%s %s%s %q: %v", method, path, q, trim(body), err)
					}
					b, _ := io.ReadAll(resp.Body)
					resp.Body.Close()
					n++
					if resp.StatusCode >= 500 {
						t.Errorf("%s %s%s %q: %d %s", method, path, q, trim(body), resp.StatusCode, b)
					}
					if strings.HasPrefix(path, "/v1/") && resp.StatusCode >= 400 {
						var e apiError
						if json.Unmarshal(b, &e) != nil || e.Code == "" || e.Message == "" {
							t.Errorf("%s %s: error body not {code, message}: %s", method, path, b)
						}
					}
				}
			}
		}
	}
	if n < 1000 {
		t.Fatalf("only %d requests", n)
	}
}

func trim(s string) string {
	if len(s) > 60 {
		return s[:60] + "…"
	}
	return s
}
