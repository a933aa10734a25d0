package leversync_test

import (
	"strings"
	"sync"
	"testing"

	"github.com/skillkeepr/skillkeepr"
	"github.com/skillkeepr/skillkeepr/lever"
	"github.com/skillkeepr/skillkeepr/leversandbox"
	"github.com/skillkeepr/skillkeepr/leversync"
	"github.com/skillkeepr/skillkeepr/secret"
	"github.com/skillkeepr/skillkeepr/sqlstore"
)

// newJobsEnv is an organisation whose Lever sandbox has eight postings:
// the seventh closed, the eighth confidential.
func newJobsEnv(t *testing.T, store *sqlstore.Store) (*env, *leversync.Jobs) {
	t.Helper()
	box, err := secret.New(secret.NewKey())
	if err != nil {
		t.Fatal(err)
	}
	store.SetCipher(box)
	sb, srv := leversandbox.NewTestServer(t, leversandbox.Config{Postings: 8, CandidatesPerPosting: 1, RateLimit: leversandbox.Bool(false)})
	e := &env{t: t, store: store, org: sqlstore.SeedTestOrg(t, store, "Acme"), sb: sb, lever: srv.URL, tr: &countingTransport{}}
	e.conn = e.connector()
	return e, leversync.NewJobs(e.conn, store)
}

func (e *env) connectKey() {
	e.t.Helper()
	if _, err := e.conn.ConnectAPIKey(e.org.Ctx(e.org.SuperAdmin), leversandbox.DefaultAPIKey); err != nil {
		e.t.Fatal(err)
	}
}

func firstPosting(t *testing.T, sb *leversandbox.Sandbox, match func(leversandbox.Posting) bool) leversandbox.Posting {
	t.Helper()
	for _, p := range sb.Postings() {
		if match(p) {
			return p
		}
	}
	t.Fatal("no such posting in the sandbox")
	return leversandbox.Posting{}
}

func importOf(d *skillkeepr.LeverJobDraft, dep int64) skillkeepr.LeverJobImport {
	f := d.Fields
	if f.DepartmentID == 0 {
		f.DepartmentID = dep
	}
	return skillkeepr.LeverJobImport{PostingID: d.Posting.ID, Fields: f, StageMapping: d.StageMapping}
}

func TestLeverPostingsList(t *testing.T) {
	t.Parallel()
	sqlstore.ForEachEngine(t, func(t *testing.T, s *sqlstore.Store) {
		e, jobs := newJobsEnv(t, s)
		admin := e.org.Ctx(e.org.RecruiterAdmin)

		_, err := jobs.LeverPostings(admin, skillkeepr.LeverPostingFilter{})
		wantCode(t, err, skillkeepr.EUNAVAILABLE)
		if !strings.Contains(skillkeepr.ErrorMessage(err), "Integrations") {
			t.Fatalf("message %q", skillkeepr.ErrorMessage(err))
		}

		e.connectKey()
		all, err := jobs.LeverPostings(admin, skillkeepr.LeverPostingFilter{})
		if err != nil {
			t.Fatal(err)
		}
		if len(all) != 8 {
			t.Fatalf("%d postings, want 8 (the API key sees the confidential one)", len(all))
		}
		var conf, closed int
		for _, p := range all {
			if p.Confidential {
				conf++
			}
			if p.State == "closed" {
				closed++
			}
			if p.Title == "" || p.Location == "" || p.Commitment == "" || p.OwnerName == "" || (p.Team == "" && p.Department == "") {
				t.Fatalf("row %+v", p)
			}
			if p.Imported() {
				t.Fatalf("imported already: %+v", p)
			}
		}
		if conf != 1 || closed != 1 {
			t.Fatalf("%d confidential, %d closed", conf, closed)
		}
		pub, err := jobs.LeverPostings(admin, skillkeepr.LeverPostingFilter{State: "closed"})
		if err != nil || len(pub) != 1 || pub[0].State != "closed" {
			t.Fatalf("closed filter: %v %+v", err, pub)
		}
		q := strings.ToLower(strings.Fields(all[0].Title)[0])
		found, err := jobs.LeverPostings(admin, skillkeepr.LeverPostingFilter{Query: strings.ToUpper(q)})
		if err != nil || len(found) == 0 || len(found) == len(all) && !allContain(found, q) {
			t.Fatalf("search %q: %v %d", q, err, len(found))
		}
		_, err = jobs.LeverPostings(admin, skillkeepr.LeverPostingFilter{State: "bogus"})
		wantCode(t, err, skillkeepr.EINVALID)

		for _, u := range []*skillkeepr.User{e.org.Recruiter, e.org.Collaborator} {
			_, err := jobs.LeverPostings(e.org.Ctx(u), skillkeepr.LeverPostingFilter{})
			wantCode(t, err, skillkeepr.EFORBIDDEN)
			_, err = jobs.LeverJobDraft(e.org.Ctx(u), all[0].ID)
			wantCode(t, err, skillkeepr.EFORBIDDEN)
		}
	})
}

func allContain(ps []skillkeepr.LeverPosting, q string) bool {
	for _, p := range ps {
		if !strings.Contains(strings.ToLower(p.Title), q) {
			return false
		}
	}
	return true
}

func TestLeverPostingsWithoutConfidentialScope(t *testing.T) {
	t.Parallel()
	sqlstore.ForEachEngine(t, func(t *testing.T, s *sqlstore.Store) {
		e, jobs := newJobsEnv(t, s)
		e.connectOAuth(e.org.Ctx(e.org.SuperAdmin)) // SkillKeepr does not ask for the confidential scope
		all, err := jobs.LeverPostings(e.org.Ctx(e.org.SuperAdmin), skillkeepr.LeverPostingFilter{})
		if err != nil {
			t.Fatal(err)
		}
		if len(all) != 7 {
			t.Fatalf("%d postings, want the 7 that are not confidential", len(all))
		}
		for _, p := range all {
			if p.Confidential {
				t.Fatalf("confidential posting listed: %+v", p)
			}
		}
	})
}

func TestImportLeverJob(t *testing.T) {
	t.Parallel()
	sqlstore.ForEachEngine(t, func(t *testing.T, s *sqlstore.Store) {
		e, jobs := newJobsEnv(t, s)
		e.connectKey()
		ctx := e.org.Ctx(e.org.RecruiterAdmin)
		p := firstPosting(t, e.sb, func(p leversandbox.Posting) bool { return p.Categories.Department == "Engineering" })

		d, err := jobs.LeverJobDraft(ctx, p.ID)
		if err != nil {
			t.Fatal(err)
		}
		if d.Fields.Title != p.Text || d.Fields.DepartmentID != e.org.Engineering.ID || d.Fields.Location != p.Categories.Location ||
			d.Fields.EmploymentType != "Full-time" || d.Fields.Description == "" || strings.Contains(d.Fields.Description, "<") {
			t.Fatalf("prefill %+v", d.Fields)
		}
		if d.Posting.HiringManagerName == "" || len(d.Stages) != len(e.sb.Stages()) {
			t.Fatalf("draft %+v", d)
		}
		if m := skillkeepr.StageFor(d.StageMapping, skillkeepr.StatusRecommended); m.StageName != "Offer" {
			t.Fatalf("recommended → %+v", m)
		}

		imp := importOf(d, 0)
		imp.StageMapping[1] = skillkeepr.LeverStageMap{Status: skillkeepr.StatusInterviewScheduled, StageID: d.Stages[len(d.Stages)-2].ID, StageName: "ignored"}
		job, err := jobs.ImportLeverJob(ctx, imp)
		if err != nil {
			t.Fatal(err)
		}
		if job.Title != p.Text || job.Number != skillkeepr.FirstJobNumber {
			t.Fatalf("job %+v", job)
		}
		l, err := jobs.LeverJobLinkByPosting(ctx, p.ID)
		if err != nil {
			t.Fatal(err)
		}
		if l.JobID != job.ID || l.PostingTitle != p.Text || l.ImportedByID != e.org.RecruiterAdmin.ID || len(l.StageMapping) != 7 {
			t.Fatalf("link %+v", l)
		}
		if got := skillkeepr.StageFor(l.StageMapping, skillkeepr.StatusInterviewScheduled); got.StageName != d.Stages[len(d.Stages)-2].Name {
			t.Fatalf("interview scheduled → %+v (the name comes from Lever)", got)
		}
		if got := skillkeepr.StageFor(l.StageMapping, skillkeepr.StatusInterviewNoShow); got.StageID != "" {
			t.Fatalf("no-show → %+v, want don't move", got)
		}
		list, err := jobs.LeverPostings(ctx, skillkeepr.LeverPostingFilter{})
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range list {
			if (r.ID == p.ID) != r.Imported() || r.ID == p.ID && r.ImportedAs() != job.DisplayNumber() {
				t.Fatalf("row %+v", r)
			}
		}
		entries, _, err := s.FindAuditEntries(e.org.Ctx(e.org.SuperAdmin), skillkeepr.AuditFilter{})
		if err != nil {
			t.Fatal(err)
		}
		if !auditHas(entries, "job.import_lever") {
			t.Fatal("the import is not in the audit log")
		}

		// Twice: refused, naming the job.
		_, err = jobs.ImportLeverJob(ctx, imp)
		wantCode(t, err, skillkeepr.ECONFLICT)
		if !strings.Contains(skillkeepr.ErrorMessage(err), job.DisplayNumber()) {
			t.Fatalf("message %q", skillkeepr.ErrorMessage(err))
		}
		// Also straight at the store, past the friendly check.
		_, err = s.ImportLeverJob(ctx, skillkeepr.LeverJobRecord{PostingID: p.ID, PostingTitle: p.Text, Fields: imp.Fields})
		wantCode(t, err, skillkeepr.ECONFLICT)
		if !strings.Contains(skillkeepr.ErrorMessage(err), job.DisplayNumber()) {
			t.Fatalf("message %q", skillkeepr.ErrorMessage(err))
		}

		// A stage that is not in the pipeline.
		p2 := firstPosting(t, e.sb, func(x leversandbox.Posting) bool { return x.ID != p.ID && x.Confidentiality != "confidential" })
		d2, err := jobs.LeverJobDraft(ctx, p2.ID)
		if err != nil {
			t.Fatal(err)
		}
		bad := importOf(d2, e.org.Design.ID)
		bad.StageMapping = []skillkeepr.LeverStageMap{{Status: skillkeepr.StatusShortlisted, StageID: "nope"}}
		_, err = jobs.ImportLeverJob(ctx, bad)
		wantCode(t, err, skillkeepr.EINVALID)

		// Recruiters and Collaborators cannot import; another organisation
		// does not see the link.
		for _, u := range []*skillkeepr.User{e.org.Recruiter, e.org.Collaborator} {
			_, err := jobs.ImportLeverJob(e.org.Ctx(u), importOf(d2, e.org.Engineering.ID))
			wantCode(t, err, skillkeepr.EFORBIDDEN)
		}
		other := sqlstore.SeedTestOrg(t, s, "Globex")
		_, err = jobs.LeverJobLinkByPosting(other.Ctx(other.SuperAdmin), p.ID)
		wantCode(t, err, skillkeepr.ENOTFOUND)
		links, err := s.LeverJobLinks(other.Ctx(other.SuperAdmin))
		if err != nil || len(links) != 0 {
			t.Fatalf("other org links: %v %v", err, links)
		}
		_, err = jobs.LeverJobLink(other.Ctx(other.SuperAdmin), job.ID)
		wantCode(t, err, skillkeepr.ENOTFOUND)

		// The mapping can be changed later, checked against Lever.
		offer := skillkeepr.StageFor(d.StageMapping, skillkeepr.StatusRecommended)
		l, err = jobs.SetLeverStageMapping(ctx, job.ID, []skillkeepr.LeverStageMap{{Status: skillkeepr.StatusReviewCompleted, StageID: offer.StageID}})
		if err != nil {
			t.Fatal(err)
		}
		if got := skillkeepr.StageFor(l.StageMapping, skillkeepr.StatusReviewCompleted); got.StageName != "Offer" ||
			skillkeepr.StageFor(l.StageMapping, skillkeepr.StatusRecommended).StageID != "" {
			t.Fatalf("mapping after the change %+v", l.StageMapping)
		}
		_, err = jobs.SetLeverStageMapping(ctx, job.ID, []skillkeepr.LeverStageMap{{Status: skillkeepr.StatusReviewCompleted, StageID: "gone"}})
		wantCode(t, err, skillkeepr.EINVALID)
		_, err = jobs.SetLeverStageMapping(e.org.Ctx(e.org.Recruiter), job.ID, nil)
		if c := skillkeepr.ErrorCodeOf(err); c != skillkeepr.EFORBIDDEN && c != skillkeepr.ENOTFOUND {
			t.Fatalf("a Recruiter changed the mapping: %v", err)
		}
		_, err = jobs.SetLeverStageMapping(other.Ctx(other.SuperAdmin), job.ID, nil)
		wantCode(t, err, skillkeepr.ENOTFOUND)
		plain, err := s.CreateJob(ctx, skillkeepr.JobFields{Title: "Plain", DepartmentID: e.org.Engineering.ID, Location: "Remote", Description: "x"})
		if err != nil {
			t.Fatal(err)
		}
		_, err = jobs.LeverJobLink(ctx, plain.ID)
		wantCode(t, err, skillkeepr.ENOTFOUND)
		entries, _, err = s.FindAuditEntries(e.org.Ctx(e.org.SuperAdmin), skillkeepr.AuditFilter{})
		if err != nil || !auditHas(entries, "job.lever_stage_mapping") {
			t.Fatalf("the mapping change is not in the audit log: %v", err)
		}

		// The other organisation may import the same posting for itself.
		if _, err := s.ImportLeverJob(other.Ctx(other.SuperAdmin), skillkeepr.LeverJobRecord{PostingID: p.ID, PostingTitle: p.Text,
			Fields: skillkeepr.JobFields{Title: p.Text, DepartmentID: other.Engineering.ID, Location: "Remote", Description: "x"}}); err != nil {
			t.Fatal(err)
		}
	})
}

func auditHas(entries []*skillkeepr.AuditEntry, action string) bool {
	for _, a := range entries {
		if a.Action == action {
			return true
		}
	}
	return false
}

func TestImportLeverJobConcurrently(t *testing.T) {
	t.Parallel()
	sqlstore.ForEachEngine(t, func(t *testing.T, s *sqlstore.Store) {
		e, _ := newJobsEnv(t, s)
		p := e.sb.Postings()[0]
		const n = 4
		var wg sync.WaitGroup
		errs := make([]error, n)
		for i := range n {
			wg.Add(1)
			go func() {
				defer wg.Done()
				u := e.org.SuperAdmin
				if i%2 == 1 {
					u = e.org.RecruiterAdmin
				}
				_, errs[i] = s.ImportLeverJob(e.org.Ctx(u), skillkeepr.LeverJobRecord{PostingID: p.ID, PostingTitle: p.Text,
					Fields: skillkeepr.JobFields{Title: p.Text, DepartmentID: e.org.Engineering.ID, Location: "Remote", Description: "d"}})
			}()
		}
		wg.Wait()
		won := 0
		for _, err := range errs {
			switch skillkeepr.ErrorCodeOf(err) {
			case "":
				won++
			case skillkeepr.ECONFLICT:
			default:
				t.Fatalf("unexpected error %v", err)
			}
		}
		if won != 1 {
			t.Fatalf("%d imports won, want exactly 1", won)
		}
		_, total, err := s.FindJobs(e.org.Ctx(e.org.SuperAdmin), skillkeepr.JobFilter{})
		if err != nil || total != 1 {
			t.Fatalf("%d jobs (%v), want 1", total, err)
		}
	})
}

func TestImportAfterRevocationWritesNothing(t *testing.T) {
	t.Parallel()
	sqlstore.ForEachEngine(t, func(t *testing.T, s *sqlstore.Store) {
		e, jobs := newJobsEnv(t, s)
		ctx := e.org.Ctx(e.org.SuperAdmin)
		e.connectOAuth(ctx)
		p := firstPosting(t, e.sb, func(p leversandbox.Posting) bool { return p.Confidentiality != "confidential" })
		d, err := jobs.LeverJobDraft(ctx, p.ID)
		if err != nil {
			t.Fatal(err)
		}
		e.sb.Revoke(leversandbox.DefaultClientID)
		e.sb.ExpireAllTokens()
		_, err = jobs.ImportLeverJob(ctx, importOf(d, e.org.Engineering.ID))
		wantCode(t, err, skillkeepr.EUNAVAILABLE)
		if msg := skillkeepr.ErrorMessage(err); !strings.Contains(msg, "revoked") && !strings.Contains(msg, "not connected") {
			t.Fatalf("message %q", msg)
		}
		_, total, err := s.FindJobs(ctx, skillkeepr.JobFilter{})
		if err != nil || total != 0 {
			t.Fatalf("%d jobs (%v) after a refused import", total, err)
		}
		lc, err := e.conn.LeverConnection(ctx)
		if err != nil || lc.Status != skillkeepr.LeverRevoked {
			t.Fatalf("connection %+v %v", lc, err)
		}
		_, err = jobs.LeverPostings(ctx, skillkeepr.LeverPostingFilter{})
		wantCode(t, err, skillkeepr.EUNAVAILABLE)
	})
}

func TestImportWhileLeverIsDown(t *testing.T) {
	t.Parallel()
	sqlstore.ForEachEngine(t, func(t *testing.T, s *sqlstore.Store) {
		e, jobs := newJobsEnv(t, s)
		e.connectKey()
		ctx := e.org.Ctx(e.org.SuperAdmin)
		p := e.sb.Postings()[0]
		d, err := jobs.LeverJobDraft(ctx, p.ID)
		if err != nil {
			t.Fatal(err)
		}
		id := e.sb.SetFault(leversandbox.Fault{Route: "/v1/postings", ErrorRate: 1})
		_, err = jobs.ImportLeverJob(ctx, importOf(d, e.org.Engineering.ID))
		wantCode(t, err, skillkeepr.EUNAVAILABLE)
		if msg := skillkeepr.ErrorMessage(err); !strings.Contains(msg, "could not be reached") {
			t.Fatalf("message %q", msg)
		}
		_, err = jobs.LeverPostings(ctx, skillkeepr.LeverPostingFilter{})
		wantCode(t, err, skillkeepr.EUNAVAILABLE)
		if _, total, err := s.FindJobs(ctx, skillkeepr.JobFilter{}); err != nil || total != 0 {
			t.Fatalf("%d jobs (%v) while Lever was down", total, err)
		}
		if lc, err := e.conn.LeverConnection(ctx); err != nil || lc.Status != skillkeepr.LeverConnected {
			t.Fatalf("Lever being down changed the connection: %+v %v", lc, err)
		}
		e.sb.ClearFault(id)
		if _, err := jobs.ImportLeverJob(ctx, importOf(d, e.org.Engineering.ID)); err != nil {
			t.Fatal(err)
		}
	})
}

func TestSuggestStageMapping(t *testing.T) {
	st := func(names ...string) []skillkeepr.LeverStage {
		out := []skillkeepr.LeverStage{{ID: "lead-new", Name: "New lead"}, {ID: "lead-reached-out", Name: "Phone screen (lead)"}}
		for _, n := range names {
			out = append(out, skillkeepr.LeverStage{ID: "id-" + n, Name: n})
		}
		return out
	}
	tests := []struct {
		name   string
		stages []skillkeepr.LeverStage
		want   map[skillkeepr.ApplicationStatus]string // stage name; absent: don't move
	}{
		{"sandbox pipeline", st("New applicant", "Recruiter screen", "Phone interview", "On-site interview", "Reference check", "Offer"),
			map[skillkeepr.ApplicationStatus]string{skillkeepr.StatusShortlisted: "Recruiter screen",
				skillkeepr.StatusInterviewScheduled: "On-site interview", skillkeepr.StatusRecommended: "Offer"}},
		{"phone screen first", st("Screen", "Phone Screen", "Onsite", "Debrief", "Hiring Manager Review", "offer extended"),
			map[skillkeepr.ApplicationStatus]string{skillkeepr.StatusShortlisted: "Phone Screen", skillkeepr.StatusInterviewScheduled: "Onsite",
				skillkeepr.StatusInterviewCompleted: "Debrief", skillkeepr.StatusReviewCompleted: "Hiring Manager Review",
				skillkeepr.StatusRecommended: "offer extended"}},
		{"interview only", st("Applied", "Interview", "Hired"),
			map[skillkeepr.ApplicationStatus]string{skillkeepr.StatusInterviewScheduled: "Interview"}},
		{"nothing fits", st("Applied", "Hired"), map[skillkeepr.ApplicationStatus]string{}},
		{"empty pipeline", nil, map[skillkeepr.ApplicationStatus]string{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := leversync.SuggestStageMapping(tt.stages)
			if len(got) != 7 {
				t.Fatalf("%d entries", len(got))
			}
			for i, m := range got {
				if m.Status != skillkeepr.LeverStatuses[i] {
					t.Fatalf("order: %v", got)
				}
				if m.StageName != tt.want[m.Status] || (m.StageName == "") != (m.StageID == "") {
					t.Errorf("%s → %q, want %q", m.Status, m.StageName, tt.want[m.Status])
				}
			}
		})
	}
}

func TestEmploymentType(t *testing.T) {
	for in, want := range map[string]string{
		"Full-time": "Full-time", "full time": "Full-time", "Permanent": "Full-time", "Part-time": "Part-time",
		"Contract": "Contract", "Contractor": "Contract", "Freelance": "Contract", "Intern": "Internship",
		"Summer Internship": "Internship", "Temporary": "Temporary", "Fixed-term": "Temporary", "Seasonal": "Temporary",
		"": "", "Volunteer": "",
	} {
		if got := leversync.EmploymentType(in); got != want {
			t.Errorf("EmploymentType(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestJobFieldsFromPosting(t *testing.T) {
	eng := &skillkeepr.Department{ID: 7, Name: "Engineering"}
	web := &skillkeepr.Department{ID: 8, Name: "web"}
	deps := []*skillkeepr.Department{eng, web}
	tests := []struct {
		name     string
		p        lever.Posting
		wantDep  int64
		wantLDep string
		wantDesc string
		wantSt   skillkeepr.JobStatus
	}{
		{"department matches, case-insensitive",
			lever.Posting{Text: " Go Engineer ", State: "published", Categories: lever.PostingCategories{Department: "ENGINEERING", Team: "Web", Location: "Berlin", Commitment: "Full-time", Level: "Senior"},
				Content: lever.PostingContent{DescriptionHTML: "<div><b>We</b> build &amp; ship.</div><div>Second <i>paragraph</i>.</div>",
					Lists: []lever.PostingList{{Text: "Requirements", Content: "<li>Go</li><li>SQL &lt;3</li><li>You have shipped software that people rely on every day</li>"},
						{Text: "Nice to have", Content: "<li><b>Kubernetes</b></li>"}}, Closing: "Apply now."}},
			7, "ENGINEERING", "We build & ship.\n\nSecond paragraph.\n\nRequirements\n- Go\n- SQL <3\n- You have shipped software that people rely on every day\n\nNice to have\n- Kubernetes\n\nApply now.", skillkeepr.JobOpen},
		{"team matches when the department does not",
			lever.Posting{Text: "FE", State: "closed", Categories: lever.PostingCategories{Department: "Product", Team: "Web", Location: "Remote"},
				Content: lever.PostingContent{Description: "Plain text."}},
			8, "Product", "Plain text.", skillkeepr.JobClosed},
		{"nothing matches: the form asks",
			lever.Posting{Text: "Sales", State: "draft", Categories: lever.PostingCategories{Team: "Sales", AllLocations: []string{"Paris", "Lyon"}},
				Content: lever.PostingContent{DescriptionHTML: "<p>Line<br>break</p><script>alert(1)</script><ul><li>a</li></ul>"}},
			0, "Sales", "Line\nbreak\n\n- a", skillkeepr.JobDraft},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, ld := leversync.JobFieldsFromPosting(&tt.p, deps)
			if f.DepartmentID != tt.wantDep || ld != tt.wantLDep || f.Description != tt.wantDesc || f.Status != tt.wantSt {
				t.Fatalf("got dep %d %q status %s desc:\n%q\nwant dep %d %q desc:\n%q", f.DepartmentID, ld, f.Status, f.Description, tt.wantDep, tt.wantLDep, tt.wantDesc)
			}
			if f.Title != strings.TrimSpace(tt.p.Text) || f.Location == "" {
				t.Fatalf("fields %+v", f)
			}
			if len(tt.p.Content.Lists) > 0 && (strings.Join(f.RequiredSkills, ",") != "Go,SQL <3" || strings.Join(f.NiceToHaveSkills, ",") != "Kubernetes") {
				t.Fatalf("skills %q %q", f.RequiredSkills, f.NiceToHaveSkills)
			}
		})
	}
}
