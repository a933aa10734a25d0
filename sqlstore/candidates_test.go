package sqlstore

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"io"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/skillkeepr/skillkeepr"
)

// trackingBlobs records which keys exist, to check that failures leave no
// blob behind.
type trackingBlobs struct {
	inner skillkeepr.BlobStore
	mu    sync.Mutex
	live  map[string]bool
}

func (b *trackingBlobs) Put(ctx context.Context, key string, r io.Reader) (int64, error) {
	n, err := b.inner.Put(ctx, key, r)
	if err == nil {
		b.mu.Lock()
		b.live[key] = true
		b.mu.Unlock()
	}
	return n, err
}

func (b *trackingBlobs) Open(ctx context.Context, key string) (io.ReadCloser, error) {
	return b.inner.Open(ctx, key)
}

func (b *trackingBlobs) Delete(ctx context.Context, key string) error {
	b.mu.Lock()
	delete(b.live, key)
	b.mu.Unlock()
	return b.inner.Delete(ctx, key)
}

func (b *trackingBlobs) count() int {
	b.mu.Lock()
	defer b.mu.Unlock()
	return len(b.live)
}

func track(s *Store) *trackingBlobs {
	b := &trackingBlobs{inner: s.blobs, live: map[string]bool{}}
	s.blobs = b
	return b
}

// world is an organisation with two jobs: eng (Engineering, assigned to
// the Recruiter) and design (Design, unassigned).
type world struct {
	*TestOrg
	eng, design *skillkeepr.Job
}

func newWorld(t *testing.T, s *Store, name string) *world {
	t.Helper()
	o := SeedTestOrg(t, s, name)
	w := &world{TestOrg: o}
	w.eng = must[*skillkeepr.Job](t)(s.CreateJob(o.Ctx(o.SuperAdmin), jobFieldsFor("Go Engineer", o.Engineering.ID)))
	w.design = must[*skillkeepr.Job](t)(s.CreateJob(o.Ctx(o.SuperAdmin), jobFieldsFor("Designer", o.Design.ID)))
	w.eng = must[*skillkeepr.Job](t)(s.AssignJob(o.Ctx(o.SuperAdmin), w.eng.ID, []int64{o.Recruiter.ID}))
	return w
}

func pdf(name string) *skillkeepr.ResumeUpload {
	return &skillkeepr.ResumeUpload{FileName: name, ContentType: "application/pdf", Data: []byte("%PDF-1.4 " + name)}
}

func TestCandidates(t *testing.T) {
	t.Parallel()
	ForEachEngine(t, func(t *testing.T, s *Store) {
		blobs := track(s)
		a := newWorld(t, s, "Acme")
		b := newWorld(t, s, "Beta")
		rec := a.Ctx(a.Recruiter)

		// Validation.
		_, _, err := s.CreateCandidate(rec, skillkeepr.CandidateCreate{
			CandidateFields: skillkeepr.CandidateFields{Emails: []string{"bad"}, Links: []string{"ftp://x"}},
			Resume:          &skillkeepr.ResumeUpload{FileName: "a.exe", ContentType: "application/x-msdownload", Data: []byte("MZ\x90\x00\x03")},
		})
		for _, f := range []string{"name", "emails", "links", "job_id", "resume"} {
			if _, ok := skillkeepr.ErrorFields(err)[f]; !ok {
				t.Fatalf("missing field %s: %v", f, err)
			}
		}
		_, _, err = s.CreateCandidate(rec, skillkeepr.CandidateCreate{CandidateFields: skillkeepr.CandidateFields{Name: "Big"}, JobID: a.eng.ID,
			Resume: &skillkeepr.ResumeUpload{FileName: "big.txt", ContentType: "text/plain; charset=utf-8", Data: make([]byte, skillkeepr.MaxResumeSize+1)}})
		wantField(t, err, "resume")

		// Permissions: the recruiter manages only assigned jobs; collaborators never add.
		add := func(ctx context.Context, job *skillkeepr.Job, name, email string) (*skillkeepr.Candidate, *skillkeepr.Application, error) {
			return s.CreateCandidate(ctx, skillkeepr.CandidateCreate{
				CandidateFields: skillkeepr.CandidateFields{Name: name, Emails: []string{email}, Phones: []string{"+44 1"}, Location: "Leeds"},
				JobID:           job.ID, Resume: pdf(name + ".pdf")})
		}
		_, _, err = add(rec, a.design, "X", "x@example.com")
		wantCode(t, err, skillkeepr.ENOTFOUND)
		_, _, err = add(a.Ctx(a.Collaborator), a.eng, "X", "x@example.com")
		wantCode(t, err, skillkeepr.EFORBIDDEN)
		_, _, err = add(b.Ctx(b.SuperAdmin), a.eng, "X", "x@example.com")
		wantCode(t, err, skillkeepr.ENOTFOUND)
		if n := blobs.count(); n != 0 {
			t.Fatalf("%d blobs left by refused creates", n)
		}

		// Happy path.
		cand, app, err := add(rec, a.eng, "Grace Hopper", "Grace@Example.com")
		ok(t, err)
		if cand.Name != "Grace Hopper" || !slices.Equal(cand.Emails, []string{"grace@example.com"}) || cand.Source != "manual" ||
			len(cand.Resumes) != 1 || len(cand.Applications) != 1 || app.Status != skillkeepr.StatusNew || app.JobNumber != a.eng.Number {
			t.Fatalf("candidate %+v app %+v", cand, app)
		}
		r := cand.Resumes[0]
		sum := sha256.Sum256([]byte("%PDF-1.4 Grace Hopper.pdf"))
		if r.SHA256 != hex.EncodeToString(sum[:]) || r.ContentType != "application/pdf" || r.Size != int64(len("%PDF-1.4 Grace Hopper.pdf")) ||
			!strings.HasPrefix(r.BlobKey, "org/"+strconv.FormatInt(a.Org.ID, 10)+"/resumes/") {
			t.Fatalf("resume %+v", r)
		}
		rf, rc, err := s.OpenResume(rec, r.ID)
		ok(t, err)
		data, _ := io.ReadAll(rc)
		rc.Close()
		if string(data) != "%PDF-1.4 Grace Hopper.pdf" || rf.FileName != "Grace Hopper.pdf" {
			t.Fatalf("resume bytes %q", data)
		}
		events := must[[]*skillkeepr.Event](t)(s.FindEvents(rec, cand.ID))
		if len(events) != 2 || events[0].Kind != "resume_added" || events[1].Message != "Added by "+a.Recruiter.Name+" to job #1001 Go Engineer" {
			t.Fatalf("events %+v", events)
		}

		// The same person again: reused by email; the same job is a conflict and leaves no blob.
		before := blobs.count()
		_, _, err = add(rec, a.eng, "Grace H.", "grace@example.com")
		wantCode(t, err, skillkeepr.ECONFLICT)
		if blobs.count() != before {
			t.Fatal("failed create left a blob")
		}
		admin := a.Ctx(a.RecruiterAdmin)
		cand2, app2, err := s.CreateCandidate(admin, skillkeepr.CandidateCreate{
			CandidateFields: skillkeepr.CandidateFields{Name: "Grace H.", Emails: []string{"grace@navy.mil", "grace@example.com"}}, JobID: a.design.ID})
		ok(t, err)
		if cand2.ID != cand.ID || app2.ID == app.ID || cand2.Name != "Grace Hopper" || len(cand2.Applications) != 2 ||
			!slices.Equal(cand2.Emails, []string{"grace@example.com", "grace@navy.mil"}) {
			t.Fatalf("reuse: %+v", cand2)
		}
		other, _, err := add(admin, a.design, "Alan Turing", "alan@example.com")
		ok(t, err)
		bcand, _, err := add(b.Ctx(b.SuperAdmin), b.eng, "Grace Hopper", "grace@example.com")
		ok(t, err)
		if bcand.ID == cand.ID {
			t.Fatal("candidate shared across organisations")
		}

		// Visibility: the recruiter sees only the assigned job's application.
		got := must[*skillkeepr.Candidate](t)(s.FindCandidateByID(rec, cand.ID))
		if len(got.Applications) != 1 || got.Applications[0].JobID != a.eng.ID {
			t.Fatalf("recruiter sees %+v", got.Applications)
		}
		_, err = s.FindCandidateByID(rec, other.ID)
		wantCode(t, err, skillkeepr.ENOTFOUND)
		_, _, err = s.OpenResume(rec, other.Resumes[0].ID)
		wantCode(t, err, skillkeepr.ENOTFOUND)
		_, err = s.FindApplicationByID(rec, app2.ID)
		wantCode(t, err, skillkeepr.ENOTFOUND)
		lists := []struct {
			who  *skillkeepr.User
			f    skillkeepr.CandidateFilter
			want []int64 // application ids
		}{
			{a.Recruiter, skillkeepr.CandidateFilter{}, []int64{app.ID}},
			{a.Collaborator, skillkeepr.CandidateFilter{}, []int64{app.ID}},
			{a.SuperAdmin, skillkeepr.CandidateFilter{}, []int64{other.Applications[0].ID, app2.ID, app.ID}},
			{a.SuperAdmin, skillkeepr.CandidateFilter{Query: "navy"}, []int64{app2.ID, app.ID}},
			{a.SuperAdmin, skillkeepr.CandidateFilter{Query: "TURING"}, []int64{other.Applications[0].ID}},
			{a.SuperAdmin, skillkeepr.CandidateFilter{JobID: a.eng.ID}, []int64{app.ID}},
			{a.SuperAdmin, skillkeepr.CandidateFilter{Status: skillkeepr.StatusShortlisted}, []int64{}},
			{a.SuperAdmin, skillkeepr.CandidateFilter{Limit: 1, Offset: 1}, []int64{app2.ID}},
			{b.SuperAdmin, skillkeepr.CandidateFilter{}, []int64{bcand.Applications[0].ID}},
		}
		for i, tt := range lists {
			ctx := a.Ctx(tt.who)
			if tt.who.OrgID == b.Org.ID {
				ctx = b.Ctx(tt.who)
			}
			rows, _, err := s.FindCandidates(ctx, tt.f)
			ok(t, err)
			ids := []int64{}
			for _, r := range rows {
				ids = append(ids, r.ApplicationID)
			}
			if !slices.Equal(ids, tt.want) {
				t.Fatalf("list %d (%s): %v, want %v", i, tt.who.Role, ids, tt.want)
			}
		}

		// Tenant isolation for every by-id method.
		bctx := b.Ctx(b.SuperAdmin)
		for name, err := range map[string]error{
			"find": func() error { _, err := s.FindCandidateByID(bctx, cand.ID); return err }(),
			"update": func() error {
				_, err := s.UpdateCandidate(bctx, cand.ID, skillkeepr.CandidateFields{Name: "X"})
				return err
			}(),
			"resume": func() error { _, _, err := s.OpenResume(bctx, r.ID); return err }(),
			"events": func() error { _, err := s.FindEvents(bctx, cand.ID); return err }(),
			"app":    func() error { _, err := s.FindApplicationByID(bctx, app.ID); return err }(),
			"status": func() error {
				_, err := s.SetApplicationStatus(bctx, app.ID, skillkeepr.StatusShortlisted, "")
				return err
			}(),
		} {
			if skillkeepr.ErrorCodeOf(err) != skillkeepr.ENOTFOUND {
				t.Fatalf("%s: %v", name, err)
			}
		}

		// Updates.
		_, err = s.UpdateCandidate(a.Ctx(a.Collaborator), cand.ID, skillkeepr.CandidateFields{Name: "X"})
		wantCode(t, err, skillkeepr.EFORBIDDEN)
		_, err = s.UpdateCandidate(rec, cand.ID, skillkeepr.CandidateFields{Name: "Grace", Emails: []string{"alan@example.com"}})
		wantCode(t, err, skillkeepr.ECONFLICT)
		_, err = s.UpdateCandidate(rec, cand.ID, skillkeepr.CandidateFields{})
		wantField(t, err, "name")
		got = must[*skillkeepr.Candidate](t)(s.UpdateCandidate(rec, cand.ID, skillkeepr.CandidateFields{Name: "Grace B. Hopper",
			Emails: []string{"grace@example.com", "amazing.grace@example.com"}}))
		if got.Name != "Grace B. Hopper" || len(got.Emails) != 2 {
			t.Fatalf("updated %+v", got)
		}
		rows, _, err := s.FindCandidates(rec, skillkeepr.CandidateFilter{Query: "amazing"})
		ok(t, err)
		if len(rows) != 1 {
			t.Fatalf("search by new email: %d", len(rows))
		}

		entries, _, err := s.FindAuditEntries(a.Ctx(a.SuperAdmin), skillkeepr.AuditFilter{Limit: 200})
		ok(t, err)
		seen := map[string]bool{}
		for _, e := range entries {
			seen[e.Action] = true
			if e.Action == "candidate.update" && (e.Before == "" || !strings.Contains(e.After, "Grace B. Hopper")) {
				t.Fatalf("update audit %+v", e)
			}
		}
		for _, want := range []string{"candidate.create", "application.create", "candidate.update"} {
			if !seen[want] {
				t.Fatalf("no %s audit entry", want)
			}
		}
	})
}

func TestApplicationStatus(t *testing.T) {
	t.Parallel()
	ForEachEngine(t, func(t *testing.T, s *Store) {
		a := newWorld(t, s, "Acme")
		rec := a.Ctx(a.Recruiter)
		cand, app, err := s.CreateCandidate(rec, skillkeepr.CandidateCreate{
			CandidateFields: skillkeepr.CandidateFields{Name: "Ada", Emails: []string{"ada@example.com"}}, JobID: a.eng.ID})
		ok(t, err)
		_, dapp, err := s.CreateCandidate(a.Ctx(a.SuperAdmin), skillkeepr.CandidateCreate{
			CandidateFields: skillkeepr.CandidateFields{Name: "Dee", Emails: []string{"dee@example.com"}}, JobID: a.design.ID})
		ok(t, err)

		_, err = s.SetApplicationStatus(rec, app.ID, "hired-ish", "")
		wantField(t, err, "status")
		steps := []struct {
			who    *skillkeepr.User
			id     int64
			status skillkeepr.ApplicationStatus
			code   skillkeepr.ErrorCode
		}{
			{a.Recruiter, app.ID, skillkeepr.StatusShortlisted, ""},
			{a.Collaborator, app.ID, skillkeepr.StatusInterviewScheduled, skillkeepr.EFORBIDDEN},
			{a.Recruiter, app.ID, skillkeepr.StatusInterviewCompleted, ""},
			{a.Collaborator, app.ID, skillkeepr.StatusRecommended, ""}, // own department
			{a.Recruiter, dapp.ID, skillkeepr.StatusShortlisted, skillkeepr.ENOTFOUND},
			{a.Collaborator, dapp.ID, skillkeepr.StatusRecommended, skillkeepr.ENOTFOUND},
			{a.RecruiterAdmin, dapp.ID, skillkeepr.StatusNotRecommended, ""},
		}
		for i, tt := range steps {
			_, err := s.SetApplicationStatus(a.Ctx(tt.who), tt.id, tt.status, "step note")
			if skillkeepr.ErrorCodeOf(err) != tt.code {
				t.Fatalf("step %d: %v, want %q", i, err, tt.code)
			}
		}
		got := must[*skillkeepr.Application](t)(s.FindApplicationByID(rec, app.ID))
		if got.Status != skillkeepr.StatusRecommended {
			t.Fatalf("status %s", got.Status)
		}
		events := must[[]*skillkeepr.Event](t)(s.FindEvents(rec, cand.ID))
		if len(events) != 4 || events[0].Kind != "status_changed" || events[0].ActorID != a.Collaborator.ID ||
			events[0].Message != "Status changed from Interview completed to Recommended on job #1001 Go Engineer. Note: step note" {
			t.Fatalf("events %+v", events[0])
		}

		counts := must[[]skillkeepr.JobStatusCount](t)(s.JobStatusCounts(a.Ctx(a.SuperAdmin)))
		if len(counts) != 2 || counts[1].JobID != a.eng.ID || counts[1].Counts[skillkeepr.StatusRecommended] != 1 || counts[1].Total != 1 ||
			counts[0].Counts[skillkeepr.StatusNotRecommended] != 1 {
			t.Fatalf("counts %+v", counts)
		}
		jobs, _, err := s.FindJobs(a.Ctx(a.SuperAdmin), skillkeepr.JobFilter{})
		ok(t, err)
		if jobs[0].CandidateCount != 1 || jobs[1].CandidateCount != 1 {
			t.Fatalf("candidate counts %d %d", jobs[0].CandidateCount, jobs[1].CandidateCount)
		}
		entries, _, err := s.FindAuditEntries(a.Ctx(a.SuperAdmin), skillkeepr.AuditFilter{EntityType: "application"})
		ok(t, err)
		if len(entries) != 4 || entries[1].Before != `{"status":"interview_completed"}` || entries[1].After != `{"note":"step note","status":"recommended"}` {
			t.Fatalf("audit %+v", entries)
		}
	})
}
