package api_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/skillkeepr/skillkeepr"
	"github.com/skillkeepr/skillkeepr/api"
	"github.com/skillkeepr/skillkeepr/leversandbox"
	"github.com/skillkeepr/skillkeepr/leversync"
	"github.com/skillkeepr/skillkeepr/secret"
)

// withLever wires the API to a Lever sandbox over HTTP, organisation a
// connected with the sandbox's API key.
func withLever(t *testing.T, e *env) *leversandbox.Sandbox {
	t.Helper()
	box, err := secret.New(secret.NewKey())
	if err != nil {
		t.Fatal(err)
	}
	e.st.SetCipher(box)
	sb, srv := leversandbox.NewTestServer(t, leversandbox.Config{Postings: 3, CandidatesPerPosting: 1, RateLimit: leversandbox.Bool(false)})
	conn, err := leversync.New(leversync.Config{Store: e.st, APIURL: srv.URL + "/v1"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := conn.ConnectAPIKey(ctxAs(e.a.SuperAdmin), leversandbox.DefaultAPIKey); err != nil {
		t.Fatal(err)
	}
	e.api = api.New(api.Config{Services: e.svc, LeverJobs: leversync.NewJobs(conn, e.st), LeverImports: e.st})
	e.conn = conn
	e.h = e.api
	return sb
}

type leverPostingList struct {
	Data  []skillkeepr.LeverPosting `json:"data"`
	Total int                       `json:"total"`
}

func TestLeverJobImportAPI(t *testing.T) {
	t.Parallel()
	forEachEngine(t, func(t *testing.T, e *env) {
		sb := withLever(t, e)
		hr := e.a.RecruiterAdmin

		l := decode[leverPostingList](t, e.do(hr, "GET", "/api/v1/lever/postings", nil), 200)
		if l.Total != 3 || len(l.Data) != 3 {
			t.Fatalf("%d postings", l.Total)
		}
		p := sb.Postings()[0]
		d := decode[skillkeepr.LeverJobDraft](t, e.do(hr, "GET", "/api/v1/lever/postings/"+p.ID, nil), 200)
		if d.Fields.Title != p.Text || len(d.Stages) == 0 || len(d.StageMapping) != 7 {
			t.Fatalf("draft %+v", d)
		}
		mapping := []map[string]string{}
		for _, m := range d.StageMapping {
			mapping = append(mapping, map[string]string{"status": string(m.Status), "stage_id": m.StageID})
		}
		body := map[string]any{"title": d.Fields.Title, "department_id": e.a.Engineering.ID, "location": d.Fields.Location,
			"description": d.Fields.Description, "employment_type": d.Fields.EmploymentType, "stage_mapping": mapping}
		path := "/api/v1/lever/postings/" + p.ID + "/import"

		for _, u := range []*skillkeepr.User{e.a.Recruiter, e.a.Collaborator} {
			for _, r := range []*response{e.do(u, "GET", "/api/v1/lever/postings", nil), e.do(u, "GET", "/api/v1/lever/postings/"+p.ID, nil),
				e.do(u, "POST", path, body)} {
				if r.Code != 403 && r.Code != 404 {
					t.Fatalf("%s: %v", u.Role, r)
				}
			}
		}
		// Organisation b has no Lever connection.
		if r := e.do(e.b.SuperAdmin, "GET", "/api/v1/lever/postings", nil); r.Code != 503 {
			t.Fatalf("unconnected organisation: %v", r)
		}

		job := decode[skillkeepr.Job](t, e.do(hr, "POST", path, body), 201)
		if job.Title != p.Text || job.Number != skillkeepr.FirstJobNumber {
			t.Fatalf("job %+v", job)
		}
		r := e.do(hr, "POST", path, body)
		code, msg, _ := r.errBody(t)
		if r.Code != 409 || code != "conflict" || !strings.Contains(msg, "#1001") {
			t.Fatalf("second import: %v", r)
		}
		l = decode[leverPostingList](t, e.do(e.a.SuperAdmin, "GET", "/api/v1/lever/postings?q="+strings.ReplaceAll(strings.Fields(p.Text)[0], " ", "+"), nil), 200)
		found := false
		for _, x := range l.Data {
			if x.ID == p.ID {
				found = x.ImportedJobID == job.ID && x.ImportedJobNumber == 1001
			}
		}
		if !found {
			t.Fatalf("listing does not show the import: %+v", l.Data)
		}
		link := decode[skillkeepr.LeverJobLink](t, e.do(e.a.Collaborator, "GET", fmt.Sprintf("/api/v1/jobs/%d/lever", job.ID), nil), 200)
		if link.PostingID != p.ID || len(link.StageMapping) != 7 {
			t.Fatalf("link %+v", link)
		}
		offer := skillkeepr.StageFor(d.StageMapping, skillkeepr.StatusRecommended).StageID
		mp := fmt.Sprintf("/api/v1/jobs/%d/lever/stage-mapping", job.ID)
		in := map[string]any{"stage_mapping": []map[string]string{{"status": "review_completed", "stage_id": offer}}}
		link = decode[skillkeepr.LeverJobLink](t, e.do(hr, "PUT", mp, in), 200)
		if skillkeepr.StageFor(link.StageMapping, skillkeepr.StatusReviewCompleted).StageName != "Offer" ||
			skillkeepr.StageFor(link.StageMapping, skillkeepr.StatusShortlisted).StageID != "" {
			t.Fatalf("mapping %+v", link.StageMapping)
		}
		if r := e.do(e.a.Collaborator, "PUT", mp, in); r.Code != 403 && r.Code != 404 {
			t.Fatalf("collaborator changed the mapping: %v", r)
		}
		if r := e.do(e.b.SuperAdmin, "GET", fmt.Sprintf("/api/v1/jobs/%d/lever", job.ID), nil); r.Code != 404 {
			t.Fatalf("other organisation sees the link: %v", r)
		}
		if r := e.do(hr, "GET", "/api/v1/lever/postings?state=nope", nil); r.Code != 400 {
			t.Fatalf("bad state: %v", r)
		}
	})
}
