package leversandbox

import (
	"archive/zip"
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

func TestSeedIsDeterministic(t *testing.T) {
	t.Parallel()
	gen := func(seed int64) []byte {
		sb, err := New(Config{Seed: seed, Postings: 3, CandidatesPerPosting: 20})
		if err != nil {
			t.Fatal(err)
		}
		defer sb.Close()
		b, _ := json.Marshal([]any{sb.Postings(), sb.Opportunities(""), sb.Users(), sb.Stages(), sb.Quirks()})
		for _, o := range sb.Opportunities("")[:8] {
			f, _, _ := sb.ResumeFile(o.ID)
			b = append(b, f...)
		}
		return b
	}
	a, b, c := gen(42), gen(42), gen(43)
	if !bytes.Equal(a, b) {
		t.Fatal("same seed, different data")
	}
	if bytes.Equal(a, c) {
		t.Fatal("different seeds, same data")
	}
}

func TestSeedQuirksAndFiles(t *testing.T) {
	t.Parallel()
	sb, srv := NewTestServer(t, Config{Seed: 11, Postings: 3, CandidatesPerPosting: 12, RateLimit: Bool(false)})
	c := newKeyClient(t, srv.URL)
	conf := 0
	for _, p := range sb.Postings() {
		if p.Confidentiality == "confidential" {
			conf++
		}
		if p.Content.Description == "" || len(p.Content.Lists) == 0 {
			t.Errorf("posting %s has no description", p.Text)
		}
	}
	if conf != 1 {
		t.Fatalf("%d confidential postings, want 1", conf)
	}
	byKind := map[string][]Quirk{}
	for _, q := range sb.Quirks() {
		byKind[q.Kind] = append(byKind[q.Kind], q)
	}
	for _, k := range []string{"no-email", "no-resume", "duplicate-email", "unreadable-resume", "archived"} {
		if len(byKind[k]) != 3 {
			t.Fatalf("%s: %d quirks, want one per posting", k, len(byKind[k]))
		}
	}
	path := func(q Quirk, rest string) string { return "/v1/opportunities/" + q.OpportunityID + rest }
	for _, q := range byKind["no-email"] {
		if o, _ := sb.Opportunity(q.OpportunityID); len(o.Emails) != 0 {
			t.Errorf("no-email has %v", o.Emails)
		}
	}
	for _, q := range byKind["duplicate-email"] {
		o, _ := sb.Opportunity(q.OpportunityID)
		twins := 0
		for _, x := range sb.Opportunities(q.PostingID) {
			if x.ID != o.ID && reflect.DeepEqual(x.Emails, o.Emails) && x.Contact == o.Contact {
				twins++
			}
		}
		if twins != 1 {
			t.Errorf("duplicate-email %s has %d twins", o.ID, twins)
		}
	}
	for _, q := range byKind["archived"] {
		if o, _ := sb.Opportunity(q.OpportunityID); o.Archived == nil {
			t.Errorf("archived quirk not archived")
		}
	}
	for _, q := range byKind["no-resume"] {
		var r struct{ Data []Resume }
		c.mustJSON("GET", path(q, "/resumes"), nil, 200, &r)
		if len(r.Data) != 0 {
			t.Errorf("no-resume has %d résumés", len(r.Data))
		}
	}
	for _, q := range byKind["unreadable-resume"] {
		b, _, ok := sb.ResumeFile(q.OpportunityID)
		if !ok || !bytes.HasPrefix(b, []byte("%PDF")) || bytes.Contains(b, []byte("%%EOF")) {
			t.Errorf("unreadable résumé looks readable")
		}
	}

	// Real PDF and DOCX résumés whose text lists the skills in parsedData.
	kinds := map[string]bool{}
	for _, o := range sb.Opportunities(sb.Postings()[0].ID) {
		var list struct{ Data []Resume }
		c.mustJSON("GET", "/v1/opportunities/"+o.ID+"/resumes", nil, 200, &list)
		if len(list.Data) == 0 {
			continue
		}
		res := list.Data[0]
		req, _ := http.NewRequest("GET", srv.URL+"/v1/opportunities/"+o.ID+"/resumes/"+res.ID+"/download", nil)
		req.SetBasicAuth(DefaultAPIKey, "")
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		data, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != 200 || len(data) != res.File.Size {
			t.Fatalf("download %d, %d bytes, metadata says %d", resp.StatusCode, len(data), res.File.Size)
		}
		if len(res.ParsedData.Positions) == 0 {
			continue // the unreadable one
		}
		text := string(data)
		if res.File.Ext == "docx" {
			text = docxText(t, data)
			if resp.Header.Get("Content-Type") != contentTypeFor("docx") {
				t.Errorf("docx content type %q", resp.Header.Get("Content-Type"))
			}
		} else if !strings.HasPrefix(text, "%PDF-") || !strings.Contains(text, "%%EOF") {
			t.Fatalf("not a PDF")
		}
		kinds[res.File.Ext] = true
		if !strings.Contains(text, res.ParsedData.Positions[0].Org) || !strings.Contains(text, "Skills") {
			t.Errorf("%s résumé text does not match parsedData (%s)", res.File.Ext, res.ParsedData.Positions[0].Org)
		}
	}
	if !kinds["pdf"] || !kinds["docx"] {
		t.Fatalf("résumé kinds %v, want both pdf and docx", kinds)
	}
}

func docxText(t *testing.T, b []byte) string {
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatalf("docx is not a zip: %v", err)
	}
	for _, f := range zr.File {
		if f.Name == "word/document.xml" {
			rc, _ := f.Open()
			x, _ := io.ReadAll(rc)
			rc.Close()
			return string(x)
		}
	}
	t.Fatal("docx without word/document.xml")
	return ""
}

func TestStateSaveAndRestore(t *testing.T) {
	t.Parallel()
	file := filepath.Join(t.TempDir(), "lever.json")
	cfg := Config{Seed: 12, Postings: 2, CandidatesPerPosting: 8, RateLimit: Bool(false), StateFile: file}
	sb, srv := NewTestServer(t, cfg)
	c := newKeyClient(t, srv.URL)
	opp := sb.Opportunities("")[0].ID
	c.mustJSON("POST", "/v1/opportunities/"+opp+"/notes", map[string]any{"value": "kept"}, 201, nil)
	c.mustJSON("PUT", "/v1/opportunities/"+opp+"/stage", map[string]any{"stage": "offer"}, 200, nil)
	code := newBrowser(t).authorize(srv.URL, authorizeParams(fullScope), "accept").Query().Get("code")
	tok := exchange(t, srv.URL, code, testRedirect, DefaultClientSecret)
	if err := sb.Close(); err != nil {
		t.Fatal(err)
	}

	again, srv2 := NewTestServer(t, cfg)
	if n := again.Notes(opp); len(n) != 1 || n[0].Fields[0].Value != "kept" {
		t.Fatalf("notes after restore: %+v", n)
	}
	if st, _ := again.Stage(opp); st.ID != "offer" {
		t.Fatalf("stage after restore: %+v", st)
	}
	if len(again.Opportunities("")) != 16 || len(again.Quirks()) != len(sb.Quirks()) {
		t.Fatal("opportunities or quirks lost")
	}
	if st := bearerStatus(t, srv2.URL, tok.AccessToken, "/v1/opportunities"); st != 200 {
		t.Fatalf("access token after restore: %d", st)
	}
	if r := refresh(t, srv2.URL, tok.RefreshToken); r.status != 200 {
		t.Fatalf("refresh after restore: %s", r.raw)
	}
	// A new object gets an id that does not clash.
	c2 := newKeyClient(t, srv2.URL)
	c2.mustJSON("POST", "/v1/opportunities/"+opp+"/notes", map[string]any{"value": "new"}, 201, nil)
	if n := again.Notes(opp); len(n) != 2 || n[0].ID == n[1].ID {
		t.Fatal("restored sandbox reuses ids")
	}
}
