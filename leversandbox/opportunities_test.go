package leversandbox

import (
	"fmt"
	"net/http/httptest"
	"net/url"
	"sort"
	"strings"
	"testing"
	"time"
)

type oppPage struct {
	Data    []Opportunity `json:"data"`
	HasNext bool          `json:"hasNext"`
	Next    string        `json:"next"`
}

// pageAll follows next tokens until hasNext is false.
func pageAll(t *testing.T, c *apiClient, query url.Values) []Opportunity {
	t.Helper()
	var all []Opportunity
	for pages := 0; ; pages++ {
		if pages > 10000 {
			t.Fatal("paging does not end")
		}
		var p oppPage
		c.mustJSON("GET", "/v1/opportunities?"+query.Encode(), nil, 200, &p)
		all = append(all, p.Data...)
		if !p.HasNext {
			if p.Next != "" {
				t.Fatal("next present on the last page")
			}
			return all
		}
		if p.Next == "" {
			t.Fatal("hasNext without next")
		}
		query.Set("offset", p.Next)
	}
}

func TestPagingTenThousand(t *testing.T) {
	t.Parallel()
	sb, srv := NewTestServer(t, Config{Seed: 3, Postings: 10, CandidatesPerPosting: 1000, RateLimit: Bool(false)})
	c := newKeyClient(t, srv.URL)
	all := pageAll(t, c, url.Values{"limit": {"100"}, "confidentiality": {"all"}})
	if len(all) != 10000 {
		t.Fatalf("paged %d opportunities, want 10000", len(all))
	}
	seen := map[string]bool{}
	for i, o := range all {
		if seen[o.ID] {
			t.Fatalf("opportunity %s repeated", o.ID)
		}
		seen[o.ID] = true
		// Lever's order: stage rank ascending, then lastAdvancedAt descending.
		if i > 0 {
			prev := all[i-1]
			rp, ro := sb.stageRank[prev.Stage], sb.stageRank[o.Stage]
			if rp > ro || (rp == ro && prev.LastAdvancedAt < o.LastAdvancedAt) {
				t.Fatalf("order broken at %d", i)
			}
		}
	}
	// The default hides the confidential posting's candidates.
	def := pageAll(t, c, url.Values{"limit": {"100"}})
	if len(def) != 9000 {
		t.Fatalf("default list %d, want 9000 (one confidential posting hidden)", len(def))
	}
}

func TestPagingSurvivesWrites(t *testing.T) {
	t.Parallel()
	sb, srv := NewTestServer(t, Config{Seed: 4, Postings: 2, CandidatesPerPosting: 150, RateLimit: Bool(false)})
	c := newKeyClient(t, srv.URL)
	var first oppPage
	c.mustJSON("GET", "/v1/opportunities?limit=50", nil, 200, &first)
	// Move an opportunity already returned; the rest must still come exactly once.
	if err := sb.MoveStage(first.Data[0].ID, "offer", ""); err != nil {
		t.Fatal(err)
	}
	rest := pageAll(t, c, url.Values{"limit": {"50"}, "offset": {first.Next}})
	seen := map[string]int{}
	for _, o := range append(first.Data, rest...) {
		seen[o.ID]++
	}
	for id, n := range seen {
		if n > 1 && id != first.Data[0].ID {
			t.Fatalf("%s seen %d times", id, n)
		}
	}
	if len(seen) != 150 {
		t.Fatalf("saw %d distinct, want 150", len(seen))
	}
}

func TestOpportunityFilters(t *testing.T) {
	t.Parallel()
	sb, srv := NewTestServer(t, Config{Seed: 5, Postings: 4, CandidatesPerPosting: 30, RateLimit: Bool(false)})
	c := newKeyClient(t, srv.URL)
	all := sb.Opportunities("")
	posting := sb.Postings()[1].ID
	var some Opportunity
	for _, o := range all {
		if o.Confidentiality == "non-confidential" && len(o.Emails) > 0 {
			some = o
			break
		}
	}
	stage := sb.Stages()[4].ID
	count := func(pred func(o Opportunity) bool) int {
		n := 0
		for _, o := range all {
			if o.Confidentiality == "non-confidential" && pred(o) {
				n++
			}
		}
		return n
	}
	postingOf := func(o Opportunity) string { p, _ := sb.PostingOf(o.ID); return p }
	mid := all[len(all)/2].CreatedAt
	tests := []struct {
		name  string
		query url.Values
		want  int
		check func(o Opportunity) bool
	}{
		{"posting_id", url.Values{"posting_id": {posting}}, count(func(o Opportunity) bool { return postingOf(o) == posting }),
			func(o Opportunity) bool { return postingOf(o) == posting }},
		{"stage_id", url.Values{"stage_id": {stage}}, count(func(o Opportunity) bool { return o.Stage == stage }),
			func(o Opportunity) bool { return o.Stage == stage }},
		{"two stages are a union", url.Values{"stage_id": {stage, "applicant-new"}},
			count(func(o Opportunity) bool { return o.Stage == stage || o.Stage == "applicant-new" }), nil},
		{"tag", url.Values{"tag": {"Remote OK"}}, count(func(o Opportunity) bool { return containsStr(o.Tags, "Remote OK") }), nil},
		{"email is canonical", url.Values{"email": {strings.ToUpper(some.Emails[0])}},
			count(func(o Opportunity) bool { return len(o.Emails) > 0 && o.Emails[0] == some.Emails[0] }), nil},
		{"archived=true", url.Values{"archived": {"true"}}, count(func(o Opportunity) bool { return o.Archived != nil }),
			func(o Opportunity) bool { return o.Archived != nil }},
		{"archived=false", url.Values{"archived": {"false"}}, count(func(o Opportunity) bool { return o.Archived == nil }), nil},
		{"created_at range", url.Values{"created_at_start": {fmt.Sprint(mid)}}, count(func(o Opportunity) bool { return o.CreatedAt >= mid }), nil},
		{"created_at_end only", url.Values{"created_at_end": {fmt.Sprint(mid)}}, count(func(o Opportunity) bool { return o.CreatedAt <= mid }), nil},
		{"updated_at range", url.Values{"updated_at_start": {fmt.Sprint(mid)}, "updated_at_end": {fmt.Sprint(mid + 30*86400000)}},
			count(func(o Opportunity) bool {
				return o.UpdatedAt != nil && *o.UpdatedAt >= mid && *o.UpdatedAt <= mid+30*86400000
			}), nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			q := tc.query
			q.Set("limit", "7")
			got := pageAll(t, c, q)
			if len(got) != tc.want || tc.want == 0 && tc.name != "tag" {
				t.Fatalf("got %d, want %d", len(got), tc.want)
			}
			for _, o := range got {
				if tc.check != nil && !tc.check(o) {
					t.Fatalf("%s does not match", o.ID)
				}
			}
		})
	}
	t.Run("bad input is 400", func(t *testing.T) {
		for _, q := range []string{"created_at_start=yesterday", "archived=maybe", "offset=garbage", "offset=%5B1%2C2%5D", "limit=0", "confidentiality=secret"} {
			st, body := c.do("GET", "/v1/opportunities?"+q, nil)
			if st != 400 || !strings.Contains(string(body), `"code"`) {
				t.Errorf("%s: %d %s", q, st, body)
			}
		}
		st, body := c.do("GET", "/v1/opportunities?offset=garbage", nil)
		if st != 400 || !strings.Contains(string(body), "Invalid offset token") {
			t.Errorf("offset: %d %s", st, body)
		}
	})
	t.Run("deprecated candidates path", func(t *testing.T) {
		var r struct{ Data Opportunity }
		c.mustJSON("GET", "/v1/candidates/"+some.ID, nil, 200, &r)
		if r.Data.ID != some.ID {
			t.Fatalf("got %s", r.Data.ID)
		}
		c.mustJSON("GET", "/v1/candidates/"+some.ID+"/notes", nil, 200, nil)
	})
	t.Run("include", func(t *testing.T) {
		var r struct {
			Data []map[string]any `json:"data"`
		}
		c.mustJSON("GET", "/v1/opportunities?limit=3&include=name&include=stage", nil, 200, &r)
		for _, o := range r.Data {
			if len(o) != 3 || o["id"] == nil || o["name"] == nil || o["stage"] == nil {
				t.Fatalf("include gave %v", o)
			}
		}
	})
	t.Run("expand", func(t *testing.T) {
		var r struct {
			Data map[string]any `json:"data"`
		}
		c.mustJSON("GET", "/v1/opportunities/"+some.ID+"?expand=stage&expand=owner&expand=applications&expand=contact", nil, 200, &r)
		for _, k := range []string{"stage", "owner", "contact"} {
			if _, ok := r.Data[k].(map[string]any); !ok {
				t.Errorf("%s not expanded: %v", k, r.Data[k])
			}
		}
		if apps, ok := r.Data["applications"].([]any); !ok || len(apps) != 1 {
			t.Errorf("applications not expanded: %v", r.Data["applications"])
		}
	})
}

func TestOpportunityWrites(t *testing.T) {
	t.Parallel()
	clock := newTestClock()
	sb, srv := NewTestServer(t, Config{Seed: 6, Postings: 2, CandidatesPerPosting: 8, RateLimit: Bool(false), Now: clock.Now})
	c := newKeyClient(t, srv.URL)
	admin := sb.AdminUser().ID
	o := sb.Opportunities("")[0]
	clock.Advance(time.Minute)
	now := clock.Now().UnixMilli()

	var r struct{ Data Opportunity }
	c.mustJSON("PUT", "/v1/opportunities/"+o.ID+"/stage?perform_as="+admin, map[string]any{"stage": "offer"}, 200, &r)
	if r.Data.Stage != "offer" || r.Data.Name != "" || r.Data.LastAdvancedAt != now || *r.Data.UpdatedAt != now {
		t.Fatalf("stage response %+v", r.Data)
	}
	got, _ := sb.Opportunity(o.ID)
	last := got.StageChanges[len(got.StageChanges)-1]
	if got.Stage != "offer" || last.ToStageID != "offer" || last.UserID != admin || last.UpdatedAt != now || got.Name == "" {
		t.Fatalf("after stage: %+v", got)
	}
	if st, _ := sb.Stage(o.ID); st.Text != "Offer" {
		t.Fatalf("Stage() = %+v", st)
	}

	c.mustJSON("POST", "/v1/opportunities/"+o.ID+"/addTags", map[string]any{"tags": []string{"skillkeepr: interview scheduled", "skillkeepr: interview scheduled"}}, 200, nil)
	if tags := sb.Tags(o.ID); strings.Count(strings.Join(tags, "|"), "skillkeepr: interview scheduled") != 1 {
		t.Fatalf("tags %v", tags)
	}
	c.mustJSON("POST", "/v1/opportunities/"+o.ID+"/removeTags", map[string]any{"tags": []string{"skillkeepr: interview scheduled"}}, 200, nil)
	if containsStr(sb.Tags(o.ID), "skillkeepr: interview scheduled") {
		t.Fatal("tag not removed")
	}

	reason := sb.ArchiveReasons()[0].ID
	c.mustJSON("PUT", "/v1/opportunities/"+o.ID+"/archived", map[string]any{"reason": reason}, 200, &r)
	if r.Data.Archived == nil || r.Data.Archived.Reason != reason {
		t.Fatalf("archive: %+v", r.Data.Archived)
	}
	c.mustJSON("PUT", "/v1/opportunities/"+o.ID+"/archived", map[string]any{"reason": nil}, 200, &r)
	if r.Data.Archived != nil {
		t.Fatal("unarchive failed")
	}

	for _, tc := range []struct {
		method, path string
		body         any
		want         int
	}{
		{"PUT", "/v1/opportunities/" + o.ID + "/stage", map[string]any{"stage": "nope"}, 400},
		{"PUT", "/v1/opportunities/nope/stage", map[string]any{"stage": "offer"}, 404},
		{"PUT", "/v1/opportunities/" + o.ID + "/stage?perform_as=nobody", map[string]any{"stage": "offer"}, 400},
		{"PUT", "/v1/opportunities/" + o.ID + "/archived", map[string]any{}, 400},
		{"PUT", "/v1/opportunities/" + o.ID + "/archived", map[string]any{"reason": "nope"}, 400},
		{"POST", "/v1/opportunities/" + o.ID + "/addTags", map[string]any{"tags": []string{}}, 400},
		{"POST", "/v1/opportunities/" + o.ID + "/addTags", "not an object", 400},
		{"GET", "/v1/no-such-route", nil, 404},
	} {
		if st, body := c.do(tc.method, tc.path, tc.body); st != tc.want {
			t.Errorf("%s %s: %d, want %d: %s", tc.method, tc.path, st, tc.want, body)
		}
	}
	// Tags list counts follow writes and sort case-insensitively.
	var tags struct{ Data []TagCount }
	c.mustJSON("GET", "/v1/tags", nil, 200, &tags)
	if !sort.SliceIsSorted(tags.Data, func(i, j int) bool {
		return strings.ToLower(tags.Data[i].Text) < strings.ToLower(tags.Data[j].Text)
	}) {
		t.Fatal("tags not sorted")
	}
}

func TestCreateOpportunity(t *testing.T) {
	t.Parallel()
	rc := &receiver{}
	hookSrv := httptest.NewServer(rc)
	defer hookSrv.Close()
	sb, srv := NewTestServer(t, Config{Seed: 14, Postings: 2, CandidatesPerPosting: 6, RateLimit: Bool(false),
		Webhooks: []WebhookConfig{{Event: "applicationCreated", URL: hookSrv.URL}}})
	c := newKeyClient(t, srv.URL)
	admin := sb.AdminUser().ID
	posting := sb.Postings()[0]
	existing := sb.Opportunities(posting.ID)[0]
	for _, o := range sb.Opportunities(posting.ID) {
		if len(o.Emails) > 0 {
			existing = o
			break
		}
	}
	if st, _ := c.do("POST", "/v1/opportunities", map[string]any{"name": "No Author"}); st != 400 {
		t.Fatalf("without perform_as: %d", st)
	}
	if st, _ := c.do("POST", "/v1/opportunities?perform_as="+admin, map[string]any{"postings": []string{posting.ID, posting.ID}}); st != 400 {
		t.Fatalf("two postings: %d", st)
	}
	var r struct {
		Deduped bool        `json:"deduped"`
		Data    Opportunity `json:"data"`
	}
	c.mustJSON("POST", "/v1/opportunities?perform_as="+admin, map[string]any{"name": "Someone Else", "emails": []string{strings.ToUpper(existing.Emails[0])},
		"postings": []string{posting.ID}, "origin": "applied"}, 201, &r)
	if !r.Deduped || r.Data.Contact != existing.Contact || r.Data.Name != existing.Name || !containsStr(r.Data.Tags, posting.Text) {
		t.Fatalf("dedupe: %+v", r)
	}
	c.mustJSON("POST", "/v1/opportunities?perform_as="+admin, map[string]any{"name": "New Person", "emails": []string{"new.person@example.net"}}, 201, &r)
	if r.Deduped || r.Data.Stage != "lead-new" || r.Data.Origin != "sourced" || len(r.Data.Applications) != 0 {
		t.Fatalf("plain create: %+v", r)
	}
	if _, ok := sb.Opportunity(r.Data.ID); !ok {
		t.Fatal("created opportunity not stored")
	}
	waitDeliveries(t, sb)
	if ps := rc.payloads(t); len(ps) != 1 || ps[0].Event != "applicationCreated" || ps[0].Data["postingId"] != posting.ID {
		t.Fatalf("applicationCreated deliveries: %+v", ps)
	}
}
