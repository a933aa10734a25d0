package sqlstore

import (
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/skillkeepr/skillkeepr"
)

func jobFieldsFor(title string, dept int64) skillkeepr.JobFields {
	return skillkeepr.JobFields{Title: title, DepartmentID: dept, Location: "Remote", EmploymentType: "Full-time",
		Description: "Build things.", RequiredSkills: []string{"Go", " go ", "SQL"}, MinYearsExperience: 3}
}

func jobNumbers(jobs []*skillkeepr.Job) []int64 {
	out := []int64{}
	for _, j := range jobs {
		out = append(out, j.Number)
	}
	return out
}

func TestJobs(t *testing.T) {
	t.Parallel()
	ForEachEngine(t, func(t *testing.T, s *Store) {
		a := SeedTestOrg(t, s, "Acme")
		b := SeedTestOrg(t, s, "Beta")

		_, err := s.CreateJob(a.Ctx(a.SuperAdmin), skillkeepr.JobFields{Status: "paused", MinYearsExperience: 99})
		for _, f := range []string{"title", "department_id", "location", "description", "status", "min_years_experience"} {
			if _, ok := skillkeepr.ErrorFields(err)[f]; !ok {
				t.Fatalf("missing field %s: %v", f, err)
			}
		}
		_, err = s.CreateJob(a.Ctx(a.SuperAdmin), jobFieldsFor("X", b.Engineering.ID))
		wantField(t, err, "department_id")

		create := []struct {
			who  *skillkeepr.User
			dept int64
			code skillkeepr.ErrorCode
		}{
			{a.SuperAdmin, a.Engineering.ID, ""},
			{a.RecruiterAdmin, a.Design.ID, ""},
			{a.Collaborator, a.Engineering.ID, ""},
			{a.Collaborator, a.Design.ID, skillkeepr.EFORBIDDEN},
			{a.Recruiter, a.Engineering.ID, skillkeepr.EFORBIDDEN},
		}
		var jobs []*skillkeepr.Job
		for i, tt := range create {
			j, err := s.CreateJob(a.Ctx(tt.who), jobFieldsFor(fmt.Sprintf("Job %d", i), tt.dept))
			if skillkeepr.ErrorCodeOf(err) != tt.code {
				t.Fatalf("create %d: %v, want %q", i, err, tt.code)
			}
			if err == nil {
				jobs = append(jobs, j)
			}
		}
		eng, design, collabJob := jobs[0], jobs[1], jobs[2]
		if got := jobNumbers(jobs); !slices.Equal(got, []int64{1001, 1002, 1003}) {
			t.Fatalf("numbers %v", got)
		}
		if eng.DepartmentName != "Engineering" || eng.OwnerID != a.SuperAdmin.ID || eng.OwnerName != a.SuperAdmin.Name ||
			!slices.Equal(eng.RequiredSkills, []string{"Go", "SQL"}) || eng.Status != skillkeepr.JobOpen || eng.DisplayNumber() != "#1001" {
			t.Fatalf("job: %+v", eng)
		}
		bj := must[*skillkeepr.Job](t)(s.CreateJob(b.Ctx(b.SuperAdmin), jobFieldsFor("Beta job", b.Design.ID)))
		if bj.Number != skillkeepr.FirstJobNumber {
			t.Fatalf("org B number %d", bj.Number)
		}

		// Assignment.
		_, err = s.AssignJob(a.Ctx(a.SuperAdmin), eng.ID, []int64{a.Collaborator.ID})
		wantField(t, err, "recruiter_ids")
		_, err = s.AssignJob(a.Ctx(a.SuperAdmin), eng.ID, []int64{b.Recruiter.ID})
		wantField(t, err, "recruiter_ids")
		_, err = s.AssignJob(a.Ctx(a.Recruiter), eng.ID, []int64{a.Recruiter.ID})
		wantCode(t, err, skillkeepr.ENOTFOUND) // the recruiter cannot see the job yet
		_, err = s.AssignJob(a.Ctx(a.Collaborator), eng.ID, []int64{a.Recruiter.ID})
		wantCode(t, err, skillkeepr.EFORBIDDEN)
		j := must[*skillkeepr.Job](t)(s.AssignJob(a.Ctx(a.RecruiterAdmin), eng.ID, []int64{a.Recruiter.ID, a.RecruiterAdmin.ID}))
		if len(j.RecruiterIDs) != 2 || !j.IsAssignedTo(a.Recruiter.ID) || len(j.RecruiterNames) != 2 {
			t.Fatalf("assigned: %+v", j)
		}
		must[*skillkeepr.Job](t)(s.AssignJob(a.Ctx(a.RecruiterAdmin), eng.ID, []int64{a.Recruiter.ID}))
		j = must[*skillkeepr.Job](t)(s.SetJobCollaborators(a.Ctx(a.Collaborator), eng.ID, []int64{a.Collaborator.ID}))
		if !slices.Equal(j.CollaboratorIDs, []int64{a.Collaborator.ID}) {
			t.Fatalf("collaborators %v", j.CollaboratorIDs)
		}
		_, err = s.SetJobCollaborators(a.Ctx(a.SuperAdmin), eng.ID, []int64{b.Collaborator.ID})
		wantField(t, err, "collaborator_ids")

		// Visibility: lists agree with single reads.
		visible := []struct {
			who  *skillkeepr.User
			want []int64
		}{
			{a.SuperAdmin, []int64{1003, 1002, 1001}},
			{a.RecruiterAdmin, []int64{1003, 1002, 1001}},
			{a.Recruiter, []int64{1001}},
			{a.Collaborator, []int64{1003, 1001}},
		}
		for _, tt := range visible {
			ctx := a.Ctx(tt.who)
			list, total, err := s.FindJobs(ctx, skillkeepr.JobFilter{})
			ok(t, err)
			if got := jobNumbers(list); !slices.Equal(got, tt.want) || total != len(tt.want) {
				t.Fatalf("%s sees %v (%d), want %v", tt.who.Role, got, total, tt.want)
			}
			for _, j := range []*skillkeepr.Job{eng, design, collabJob} {
				_, err := s.FindJobByID(ctx, j.ID)
				_, err2 := s.FindJobByNumber(ctx, j.Number)
				want := skillkeepr.ErrorCode("")
				if !slices.Contains(tt.want, j.Number) {
					want = skillkeepr.ENOTFOUND
				}
				if skillkeepr.ErrorCodeOf(err) != want || skillkeepr.ErrorCodeOf(err2) != want {
					t.Fatalf("%s reads %d: %v / %v, want %q", tt.who.Role, j.Number, err, err2, want)
				}
			}
			counts := must[[]skillkeepr.JobStatusCount](t)(s.JobStatusCounts(ctx))
			if len(counts) != len(tt.want) {
				t.Fatalf("%s dashboard rows %d", tt.who.Role, len(counts))
			}
		}

		// Filters.
		filters := []struct {
			f    skillkeepr.JobFilter
			want []int64
		}{
			{skillkeepr.JobFilter{Query: "#1002"}, []int64{1002}},
			{skillkeepr.JobFilter{Query: "job 1"}, []int64{1002}},
			{skillkeepr.JobFilter{DepartmentID: a.Engineering.ID}, []int64{1003, 1001}},
			{skillkeepr.JobFilter{RecruiterID: a.Recruiter.ID}, []int64{1001}},
			{skillkeepr.JobFilter{Status: skillkeepr.JobDraft}, []int64{}},
			{skillkeepr.JobFilter{Limit: 1, Offset: 1}, []int64{1002}},
		}
		for _, tt := range filters {
			list, _, err := s.FindJobs(a.Ctx(a.SuperAdmin), tt.f)
			ok(t, err)
			if got := jobNumbers(list); !slices.Equal(got, tt.want) {
				t.Fatalf("filter %+v: %v, want %v", tt.f, got, tt.want)
			}
		}

		// Tenant isolation.
		bctx := b.Ctx(b.SuperAdmin)
		for name, err := range map[string]error{
			"find":          func() error { _, err := s.FindJobByID(bctx, eng.ID); return err }(),
			"update":        func() error { _, err := s.UpdateJob(bctx, eng.ID, jobFieldsFor("X", b.Design.ID)); return err }(),
			"assign":        func() error { _, err := s.AssignJob(bctx, eng.ID, nil); return err }(),
			"collaborators": func() error { _, err := s.SetJobCollaborators(bctx, eng.ID, nil); return err }(),
		} {
			if skillkeepr.ErrorCodeOf(err) != skillkeepr.ENOTFOUND {
				t.Fatalf("%s: %v", name, err)
			}
		}
		list, _, err := s.FindJobs(bctx, skillkeepr.JobFilter{})
		ok(t, err)
		if len(list) != 1 || list[0].ID != bj.ID {
			t.Fatalf("org B lists %v", jobNumbers(list))
		}

		// Edits.
		f := jobFieldsFor("Senior Go Engineer", a.Engineering.ID)
		f.Status = skillkeepr.JobClosed
		j = must[*skillkeepr.Job](t)(s.UpdateJob(a.Ctx(a.Collaborator), eng.ID, f))
		if j.Title != "Senior Go Engineer" || j.Status != skillkeepr.JobClosed || j.Number != 1001 {
			t.Fatalf("updated: %+v", j)
		}
		_, err = s.UpdateJob(a.Ctx(a.Collaborator), eng.ID, jobFieldsFor("Moved", a.Design.ID))
		wantCode(t, err, skillkeepr.EFORBIDDEN)
		_, err = s.UpdateJob(a.Ctx(a.Recruiter), eng.ID, f)
		wantCode(t, err, skillkeepr.EFORBIDDEN)
		_, err = s.UpdateJob(a.Ctx(a.SuperAdmin), eng.ID, skillkeepr.JobFields{})
		wantField(t, err, "title")

		entries, _, err := s.FindAuditEntries(a.Ctx(a.SuperAdmin), skillkeepr.AuditFilter{EntityType: "job", Limit: 100})
		ok(t, err)
		actions := map[string]*skillkeepr.AuditEntry{}
		for _, e := range entries {
			if actions[e.Action] == nil {
				actions[e.Action] = e
			}
		}
		up := actions["job.update"]
		if up == nil || up.Before != `{"status":"open","title":"Job 0"}` || up.After != `{"status":"closed","title":"Senior Go Engineer"}` {
			t.Fatalf("update audit: %+v", up)
		}
		as := actions["job.assign"]
		if as == nil || !strings.Contains(as.Summary, "Assigned job #1001") || as.After != `{"recruiters":["`+a.Recruiter.Name+`"]}` {
			t.Fatalf("assign audit: %+v", as)
		}
		if actions["job.create"] == nil || actions["job.collaborators"] == nil {
			t.Fatalf("audit actions: %v", actions)
		}
	})
}

func TestJobNumbersConcurrent(t *testing.T) {
	t.Parallel()
	ForEachEngine(t, func(t *testing.T, s *Store) {
		orgs := []*TestOrg{SeedTestOrg(t, s, "Acme"), SeedTestOrg(t, s, "Beta")}
		const per = 15
		var wg sync.WaitGroup
		errs := make(chan error, 2*per)
		for _, o := range orgs {
			for i := range per {
				wg.Go(func() {
					_, err := s.CreateJob(o.Ctx(o.SuperAdmin), jobFieldsFor(fmt.Sprintf("J%d", i), o.Engineering.ID))
					errs <- err
				})
			}
		}
		wg.Wait()
		close(errs)
		for err := range errs {
			ok(t, err)
		}
		for _, o := range orgs {
			list, total, err := s.FindJobs(o.Ctx(o.SuperAdmin), skillkeepr.JobFilter{Limit: 100})
			ok(t, err)
			if total != per {
				t.Fatalf("total %d", total)
			}
			for i, j := range list {
				if want := int64(skillkeepr.FirstJobNumber + per - 1 - i); j.Number != want {
					t.Fatalf("numbers %v", jobNumbers(list))
				}
			}
		}
	})
}
