package web_test

import (
	"context"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/skillkeepr/skillkeepr"
	"github.com/skillkeepr/skillkeepr/shortlist"
	"github.com/skillkeepr/skillkeepr/sqlstore"
	"github.com/skillkeepr/skillkeepr/web"
)

const benchShortlistCandidates = 1000

// BenchmarkShortlistPage measures the shortlist screen of a job with 1,000
// scored candidates (blind review on, four criteria with evidence) through
// the whole handler stack on SQLite, for a signed-in Recruiter Admin, and
// reports p50 and p99 latency in milliseconds and the size of the page
// (the first page: the best 100, all 1,000 loaded and ranked).
//
//	go test ./web -run '^$' -bench BenchmarkShortlistPage -benchtime 200x
func BenchmarkShortlistPage(b *testing.B) {
	st := sqlstore.OpenTest(b, "sqlite")
	st.SetCriteriaDeriver(shortlist.DeriveCriteria)
	svc := st.Services()
	org := sqlstore.SeedTestOrg(b, st, "Bench")
	ctx := org.Ctx(org.RecruiterAdmin)
	start := time.Now()
	job, err := svc.Jobs.CreateJob(ctx, skillkeepr.JobFields{Title: "Backend Engineer", DepartmentID: org.Engineering.ID,
		Location: "Remote", Description: "Build and run services.", RequiredSkills: []string{"Go", "PostgreSQL", "Kubernetes"},
		NiceToHaveSkills: []string{"Terraform"}, MinYearsExperience: 3, Status: skillkeepr.JobOpen})
	if err != nil {
		b.Fatal(err)
	}
	pool := []string{"Go", "PostgreSQL", "Kubernetes", "Terraform", "Python", "Docker", "React", "AWS"}
	for i := range benchShortlistCandidates {
		var skills []string
		for k, s := range pool {
			if (i>>k)&1 == 1 {
				skills = append(skills, s)
			}
		}
		text := fmt.Sprintf("Person %d\nperson%d@example.test\n\nExperience\nSoftware Engineer, Initech, %d - 2024\nBuilt services with %s.\n\nEducation\nBSc Computer Science, 2010\n\nSkills\n%s\n",
			i, i, 2010+i%12, strings.Join(skills, " and "), strings.Join(skills, ", "))
		up, err := skillkeepr.NewResumeUpload("cv.txt", []byte(text))
		if err != nil {
			b.Fatal(err)
		}
		if _, _, err := svc.Candidates.CreateCandidate(ctx, skillkeepr.CandidateCreate{JobID: job.ID, Resume: up,
			CandidateFields: skillkeepr.CandidateFields{Name: fmt.Sprintf("Person %d", i), Emails: []string{fmt.Sprintf("person%d@example.test", i)}}}); err != nil {
			b.Fatal(err)
		}
	}
	if err := shortlist.NewScorer(st, nil, nil).ScoreJob(context.Background(), org.Org.ID, job.ID); err != nil {
		b.Fatal(err)
	}
	b.Logf("seeded and scored %d candidates in %v", benchShortlistCandidates, time.Since(start).Round(time.Millisecond))
	srv, err := web.New(web.Config{Services: svc, Logger: slog.New(slog.DiscardHandler), HashPassword: cheapHash})
	if err != nil {
		b.Fatal(err)
	}
	token, _, err := svc.Sessions.CreateSession(context.Background(), org.RecruiterAdmin.ID)
	if err != nil {
		b.Fatal(err)
	}
	cookie := &http.Cookie{Name: "skillkeepr_session", Value: token}
	path := fmt.Sprintf("/jobs/%d/shortlist", job.ID)
	req := httptest.NewRequest(http.MethodGet, path, nil)
	req.AddCookie(cookie)
	rec := httptest.NewRecorder()
	srv.Handler().ServeHTTP(rec, req)
	if rec.Code != http.StatusOK || strings.Count(rec.Body.String(), "data-application-id=") != 100 {
		b.Fatalf("GET %s: %d, %d rows", path, rec.Code, strings.Count(rec.Body.String(), "data-application-id="))
	}
	size := float64(rec.Body.Len()) / 1024
	b.Run("shortlist_1000", func(b *testing.B) {
		benchGet(b, srv.Handler(), cookie, path)
		b.ReportMetric(size, "html_kB")
	})
}
