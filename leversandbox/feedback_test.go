package leversandbox

import (
	"strings"
	"testing"
)

func TestFeedbackValidation(t *testing.T) {
	t.Parallel()
	sb, srv := NewTestServer(t, Config{Seed: 10, Postings: 1, CandidatesPerPosting: 6, RateLimit: Bool(false)})
	c := newKeyClient(t, srv.URL)
	opp := sb.Opportunities("")[0].ID
	admin := sb.AdminUser().ID
	iv := sb.FeedbackTemplates()[0] // Rating, scorecard, textarea
	ps := sb.FeedbackTemplates()[1] // Rating, yes-no, dropdown, textarea
	base := "/v1/opportunities/" + opp + "/feedback?perform_as=" + admin
	fv := func(id string, v any) map[string]any { return map[string]any{"id": id, "value": v} }
	tests := []struct {
		name   string
		path   string
		tmpl   string
		values []map[string]any
		want   int
	}{
		{"valid phone screen", base, ps.ID, []map[string]any{fv(ps.Fields[0].ID, "4 - Strong Hire"), fv(ps.Fields[1].ID, "yes"), fv(ps.Fields[2].ID, "Senior"), fv(ps.Fields[3].ID, "Great")}, 201},
		{"rating as integer", base, ps.ID, []map[string]any{fv(ps.Fields[0].ID, 3)}, 201},
		{"valid scorecard", base, iv.ID, []map[string]any{fv(iv.Fields[1].ID, []any{map[string]any{"score": 4, "comment": "solid"}, map[string]any{"score": nil, "comment": nil}})}, 201},
		{"null clears", base, ps.ID, []map[string]any{fv(ps.Fields[3].ID, nil)}, 201},
		{"unknown rating option", base, ps.ID, []map[string]any{fv(ps.Fields[0].ID, "5 - Amazing")}, 400},
		{"rating out of range", base, ps.ID, []map[string]any{fv(ps.Fields[0].ID, 7)}, 400},
		{"yes-no wrong", base, ps.ID, []map[string]any{fv(ps.Fields[1].ID, "maybe")}, 400},
		{"dropdown not an option", base, ps.ID, []map[string]any{fv(ps.Fields[2].ID, "Principal")}, 400},
		{"text as number", base, ps.ID, []map[string]any{fv(ps.Fields[3].ID, 12)}, 400},
		{"scorecard score 9", base, iv.ID, []map[string]any{fv(iv.Fields[1].ID, []any{map[string]any{"score": 9}})}, 400},
		{"field of another template", base, ps.ID, []map[string]any{fv(iv.Fields[2].ID, "x")}, 400},
		{"unknown template", base, "nope", nil, 400},
		{"missing perform_as", "/v1/opportunities/" + opp + "/feedback", ps.ID, nil, 400},
		{"unknown opportunity", "/v1/opportunities/nope/feedback?perform_as=" + admin, ps.ID, nil, 404},
	}
	created := 0
	for _, tc := range tests {
		st, body := c.do("POST", tc.path, map[string]any{"baseTemplateId": tc.tmpl, "fieldValues": tc.values})
		if st != tc.want {
			t.Errorf("%s: %d, want %d: %s", tc.name, st, tc.want, body)
		}
		if st == 201 {
			created++
		}
	}
	if got := len(sb.Feedback(opp)); got != created {
		t.Fatalf("%d forms stored, want %d", got, created)
	}
	// Update, then soft delete: the form stays readable with deletedAt set.
	f := sb.Feedback(opp)[0]
	c.mustJSON("PUT", "/v1/opportunities/"+opp+"/feedback/"+f.ID+"?perform_as="+admin,
		map[string]any{"fieldValues": []map[string]any{fv(ps.Fields[0].ID, "2 - No Hire")}}, 200, nil)
	if v := sb.Feedback(opp)[0].Fields[0].Value; v != "2 - No Hire" {
		t.Fatalf("after PUT: %v", v)
	}
	if st, _ := c.do("PUT", "/v1/opportunities/"+opp+"/feedback/"+f.ID+"?perform_as="+admin,
		map[string]any{"fieldValues": []map[string]any{fv(ps.Fields[0].ID, "bad")}}); st != 400 {
		t.Fatalf("invalid PUT: %d", st)
	}
	if st, _ := c.do("DELETE", "/v1/opportunities/"+opp+"/feedback/"+f.ID, nil); st != 400 {
		t.Fatalf("DELETE without perform_as: %d", st)
	}
	if st, _ := c.do("DELETE", "/v1/opportunities/"+opp+"/feedback/"+f.ID+"?perform_as="+admin, nil); st != 204 {
		t.Fatalf("DELETE: %d", st)
	}
	if sb.Feedback(opp)[0].DeletedAt == nil {
		t.Fatal("not soft-deleted")
	}
	// Templates: exactly one score-system field.
	for _, tc := range []struct {
		body map[string]any
		want int
	}{
		{map[string]any{"text": "No rating", "fields": []any{map[string]any{"type": "text", "text": "Notes"}}}, 400},
		{map[string]any{"text": "Two ratings", "fields": []any{map[string]any{"type": "score-system", "text": "A"}, map[string]any{"type": "score-system", "text": "B"}}}, 400},
		{map[string]any{"text": "Bad type", "fields": []any{map[string]any{"type": "essay", "text": "A"}}}, 400},
		{map[string]any{"text": "Good", "fields": []any{map[string]any{"type": "score-system", "text": "Rating"}}}, 201},
	} {
		if st, body := c.do("POST", "/v1/feedback_templates", tc.body); st != tc.want {
			t.Errorf("template %v: %d %s", tc.body["text"], st, body)
		}
	}
}

func TestNotes(t *testing.T) {
	t.Parallel()
	sb, srv := NewTestServer(t, Config{Seed: 10, Postings: 1, CandidatesPerPosting: 6, RateLimit: Bool(false)})
	c := newKeyClient(t, srv.URL)
	opp := sb.Opportunities("")[0]
	admin := sb.AdminUser().ID
	var r struct {
		Data struct {
			Note
			NoteID string `json:"noteId"`
		}
	}
	c.mustJSON("POST", "/v1/opportunities/"+opp.ID+"/notes?perform_as="+admin, map[string]any{"value": "Recommended. Recording: https://x", "score": 4}, 201, &r)
	if r.Data.NoteID == "" || r.Data.NoteID != r.Data.ID || *r.Data.User != admin || r.Data.Fields[0].Stage != opp.Stage {
		t.Fatalf("note %+v", r.Data)
	}
	for _, bad := range []map[string]any{{}, {"value": ""}, {"value": "x", "score": 5}} {
		if st, _ := c.do("POST", "/v1/opportunities/"+opp.ID+"/notes", bad); st != 400 {
			t.Errorf("%v: %d", bad, st)
		}
	}
	if n := sb.Notes(opp.ID); len(n) != 1 || !strings.HasPrefix(n[0].Fields[0].Value, "Recommended") {
		t.Fatalf("notes %+v", n)
	}
	if st, _ := c.do("DELETE", "/v1/opportunities/"+opp.ID+"/notes/"+r.Data.ID, nil); st != 204 {
		t.Fatalf("delete %d", st)
	}
	if st, _ := c.do("DELETE", "/v1/opportunities/"+opp.ID+"/notes/"+r.Data.ID, nil); st != 404 {
		t.Fatalf("second delete %d", st)
	}
}

func TestFeedbackOnAnInterview(t *testing.T) {
	t.Parallel()
	sb, srv := NewTestServer(t, Config{Seed: 16, Postings: 1, CandidatesPerPosting: 6, RateLimit: Bool(false)})
	c := newKeyClient(t, srv.URL)
	opp := sb.Opportunities("")[0].ID
	admin := sb.AdminUser().ID
	tmpl := sb.FeedbackTemplates()[1]
	var panel struct{ Data Panel }
	c.mustJSON("POST", "/v1/opportunities/"+opp+"/panels?perform_as="+admin, map[string]any{"timezone": "Europe/Berlin",
		"interviews": []any{map[string]any{"subject": "Video interview", "date": 1783260000000, "duration": 45,
			"interviewers": []any{map[string]any{"id": admin, "feedbackTemplate": tmpl.ID}}}}}, 201, &panel)
	if !panel.Data.ExternallyManaged || panel.Data.FeedbackReminder != "daily" || panel.Data.End != 1783260000000+45*60000 {
		t.Fatalf("panel %+v", panel.Data)
	}
	iv := panel.Data.Interviews[0].ID
	for _, bad := range []map[string]any{
		{"baseTemplateId": tmpl.ID, "panel": panel.Data.ID},
		{"baseTemplateId": tmpl.ID, "panel": panel.Data.ID, "interview": "nope"},
		{"baseTemplateId": tmpl.ID, "panel": "nope", "interview": iv},
	} {
		if st, body := c.do("POST", "/v1/opportunities/"+opp+"/feedback?perform_as="+admin, bad); st != 400 {
			t.Errorf("%v: %d %s", bad, st, body)
		}
	}
	var fb struct{ Data Feedback }
	c.mustJSON("POST", "/v1/opportunities/"+opp+"/feedback?perform_as="+admin, map[string]any{"baseTemplateId": tmpl.ID,
		"panel": panel.Data.ID, "interview": iv}, 201, &fb)
	if fb.Data.Panel == nil || *fb.Data.Panel != panel.Data.ID || *fb.Data.Interview != iv {
		t.Fatalf("feedback %+v", fb.Data)
	}
	var got struct{ Data Interview }
	c.mustJSON("GET", "/v1/opportunities/"+opp+"/interviews/"+iv, nil, 200, &got)
	if len(got.Data.FeedbackForms) != 1 || got.Data.FeedbackForms[0] != fb.Data.ID {
		t.Fatalf("interview feedbackForms %v", got.Data.FeedbackForms)
	}
	for _, bad := range []map[string]any{
		{"interviews": []any{}},
		{"timezone": "UTC"},
		{"timezone": "UTC", "applications": []string{}, "interviews": []any{map[string]any{"date": 1, "duration": 1, "interviewers": []any{map[string]any{"id": admin}}}}},
		{"timezone": "UTC", "interviews": []any{map[string]any{"date": 1, "duration": 0, "interviewers": []any{map[string]any{"id": admin}}}}},
		{"timezone": "UTC", "interviews": []any{map[string]any{"date": 1, "duration": 5, "interviewers": []any{map[string]any{"id": "nobody"}}}}},
	} {
		if st, body := c.do("POST", "/v1/opportunities/"+opp+"/panels?perform_as="+admin, bad); st != 400 {
			t.Errorf("%v: %d %s", bad, st, body)
		}
	}
	if st, _ := c.do("DELETE", "/v1/opportunities/"+opp+"/panels/"+panel.Data.ID+"?perform_as="+admin, nil); st != 204 {
		t.Fatalf("delete panel: %d", st)
	}
}

func TestTemplateReplaceAndDelete(t *testing.T) {
	t.Parallel()
	sb, srv := NewTestServer(t, Config{Seed: 17, Postings: 1, CandidatesPerPosting: 6, RateLimit: Bool(false)})
	c := newKeyClient(t, srv.URL)
	body := map[string]any{"text": "Rating card", "fields": []any{map[string]any{"type": "score-system", "text": "Rating"}, map[string]any{"type": "textarea", "text": "Why"}}}
	var r struct{ Data FeedbackTemplate }
	c.mustJSON("POST", "/v1/feedback_templates", body, 201, &r)
	before := r.Data
	body["text"] = "Rating card v2"
	r = struct{ Data FeedbackTemplate }{} // a fresh value: Unmarshal would reuse before's slices
	c.mustJSON("PUT", "/v1/feedback_templates/"+before.ID, body, 200, &r)
	if r.Data.Text != "Rating card v2" || r.Data.Fields[0].ID == before.Fields[0].ID || *r.Data.CreatedAt != *before.CreatedAt {
		t.Fatalf("PUT: %+v", r.Data)
	}
	seeded := sb.FeedbackTemplates()[0].ID
	if st, _ := c.do("DELETE", "/v1/feedback_templates/"+seeded, nil); st != 403 {
		t.Fatalf("deleting a seeded template: %d", st)
	}
	if st, _ := c.do("DELETE", "/v1/feedback_templates/"+before.ID, nil); st != 204 {
		t.Fatalf("delete: %d", st)
	}
	if st, _ := c.do("GET", "/v1/feedback_templates/"+before.ID, nil); st != 404 {
		t.Fatalf("after delete: %d", st)
	}
}
