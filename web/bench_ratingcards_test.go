package web_test

import (
	"context"
	"fmt"
	"log/slog"
	"net/http"
	"testing"
	"time"

	"github.com/skillkeepr/skillkeepr"
	"github.com/skillkeepr/skillkeepr/sqlstore"
	"github.com/skillkeepr/skillkeepr/web"
)

const benchInterviewed = 500

// BenchmarkInterviewShortlist measures the Interview Shortlist screen of a
// job with 500 interviewed candidates and 3 submitted rating cards each,
// through the whole handler stack for the job's Recruiter, and reports p50
// and p99 latency in milliseconds (target p99 ≤ 50 ms on SQLite).
//
//	go test ./web -run '^$' -bench BenchmarkInterviewShortlist -benchtime 300x
func BenchmarkInterviewShortlist(b *testing.B) {
	for _, engine := range sqlstore.TestEngines() {
		b.Run(engine, func(b *testing.B) {
			start := time.Now()
			st := sqlstore.OpenTest(b, engine)
			svc := st.Services()
			org := sqlstore.SeedTestOrg(b, st, "Bench")
			admin := org.Ctx(org.SuperAdmin)
			job, err := svc.Jobs.CreateJob(admin, skillkeepr.JobFields{Title: "Backend engineer", DepartmentID: org.Engineering.ID, Location: "Remote",
				Description: "Build the backend.", RequiredSkills: []string{"Go", "SQL", "Distributed systems", "Testing"},
				NiceToHaveSkills: []string{"Kubernetes"}, Status: skillkeepr.JobOpen})
			if err != nil {
				b.Fatal(err)
			}
			if job, err = svc.Jobs.AssignJob(admin, job.ID, []int64{org.Recruiter.ID}); err != nil {
				b.Fatal(err)
			}
			sqlstore.SeedRatedInterviews(b, st, org, job, benchInterviewed,
				[]int64{org.Collaborator.ID, org.RecruiterAdmin.ID, org.SuperAdmin.ID})
			b.Logf("%s: seeded %d interviewed candidates with 3 cards each in %v", engine, benchInterviewed, time.Since(start).Round(time.Millisecond))
			srv, err := web.New(web.Config{Services: svc, Logger: slog.New(slog.DiscardHandler), HashPassword: cheapHash})
			if err != nil {
				b.Fatal(err)
			}
			token, _, err := svc.Sessions.CreateSession(context.Background(), org.Recruiter.ID)
			if err != nil {
				b.Fatal(err)
			}
			benchGet(b, srv.Handler(), &http.Cookie{Name: "skillkeepr_session", Value: token}, fmt.Sprintf("/jobs/%d/interview-shortlist", job.ID))
		})
	}
}
