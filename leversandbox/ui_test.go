package leversandbox

import (
	"net/url"
	"strings"
	"testing"
)

func TestUIPages(t *testing.T) {
	t.Parallel()
	sb, srv := NewTestServer(t, Config{Seed: 13, Postings: 2, CandidatesPerPosting: 6, RateLimit: Bool(false)})
	b := newBrowser(t)
	resp, _ := b.send("GET", srv.URL+"/postings", nil)
	if resp.StatusCode != 302 || !strings.HasPrefix(resp.Header.Get("Location"), "/signin") {
		t.Fatalf("signed-out visitor: %d %s", resp.StatusCode, resp.Header.Get("Location"))
	}
	resp, page := b.send("POST", srv.URL+"/signin", url.Values{"email": {"nobody@acme.test"}, "password": {DefaultAdminPassword}})
	if resp.StatusCode != 401 || !strings.Contains(page, "Wrong email or password") {
		t.Fatalf("bad sign-in: %d", resp.StatusCode)
	}
	resp, _ = b.send("POST", srv.URL+"/signin", url.Values{"email": {DefaultAdminEmail}, "password": {DefaultAdminPassword}, "next": {"/postings"}})
	if resp.StatusCode != 303 {
		t.Fatalf("sign-in: %d", resp.StatusCode)
	}
	_, page = b.send("GET", srv.URL+"/postings", nil)
	p := sb.Postings()[0]
	if !strings.Contains(page, p.Text) {
		t.Fatalf("postings page lacks %q", p.Text)
	}
	_, page = b.send("GET", srv.URL+"/postings/"+p.ID, nil)
	o := sb.Opportunities(p.ID)[0]
	if !strings.Contains(page, "/candidates/"+o.ID) {
		t.Fatal("posting page lacks its candidates")
	}

	c := newKeyClient(t, srv.URL)
	admin := sb.AdminUser().ID
	tmpl := sb.FeedbackTemplates()[1]
	c.mustJSON("POST", "/v1/opportunities/"+o.ID+"/addTags", map[string]any{"tags": []string{"skillkeepr: candidate recommended"}}, 200, nil)
	c.mustJSON("POST", "/v1/opportunities/"+o.ID+"/notes?perform_as="+admin, map[string]any{"value": "Recommend to hire <b>now</b>"}, 201, nil)
	c.mustJSON("POST", "/v1/opportunities/"+o.ID+"/feedback?perform_as="+admin, map[string]any{"baseTemplateId": tmpl.ID,
		"fieldValues": []map[string]any{{"id": tmpl.Fields[0].ID, "value": "4 - Strong Hire"}}}, 201, nil)
	c.mustJSON("PUT", "/v1/opportunities/"+o.ID+"/stage", map[string]any{"stage": "offer"}, 200, nil)
	_, page = b.send("GET", srv.URL+"/candidates/"+o.ID, nil)
	for _, want := range []string{o.Name, "Offer", "skillkeepr: candidate recommended", "Recommend to hire &lt;b&gt;now&lt;/b&gt;", "Phone Screen", "4 - Strong Hire"} {
		if !strings.Contains(page, want) {
			t.Errorf("candidate page lacks %q", want)
		}
	}
	// urls.show and downloadUrl lead to the sandbox's own pages.
	got, _ := sb.Opportunity(o.ID)
	if got.URLs.Show != srv.URL+"/candidates/"+o.ID {
		t.Fatalf("urls.show %q", got.URLs.Show)
	}
	var resumes struct{ Data []Resume }
	c.mustJSON("GET", "/v1/opportunities/"+o.ID+"/resumes", nil, 200, &resumes)
	if len(resumes.Data) == 1 {
		resp, body := b.send("GET", resumes.Data[0].File.DownloadURL, nil)
		if resp.StatusCode != 200 || len(body) != resumes.Data[0].File.Size {
			t.Fatalf("UI download: %d, %d bytes", resp.StatusCode, len(body))
		}
	}
	resp, _ = b.send("GET", srv.URL+"/candidates/nope", nil)
	if resp.StatusCode != 404 {
		t.Fatalf("unknown candidate: %d", resp.StatusCode)
	}
}
