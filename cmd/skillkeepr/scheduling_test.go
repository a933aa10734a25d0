package main

import (
	"context"
	"io"
	"log/slog"
	"strings"
	"testing"
	"time"

	"github.com/skillkeepr/skillkeepr"
	"github.com/skillkeepr/skillkeepr/sqlstore"
)

// TestInterviewEmailsThroughTheQueue wires the app as serve does and books
// an interview: the notice job renders the emails, queues them with their
// log rows, the send_email jobs deliver them (to the dev mailbox) and mark
// them sent; the two reminders wait in the queue as scheduled jobs.
func TestInterviewEmailsThroughTheQueue(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the background workers")
	}
	c, _, err := parseConfig("serve", []string{"--data", t.TempDir(), "--base-url", "https://hire.acme.test"}, func(string) string { return "" }, nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := c.Validate(); err != nil {
		t.Fatal(err)
	}
	m := &Main{Config: c, Logger: slog.New(slog.NewTextHandler(io.Discard, nil))}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	if err := m.Open(ctx, 4); err != nil {
		t.Fatal(err)
	}
	defer m.Close()
	if err := m.Queue.Start(ctx); err != nil {
		t.Fatal(err)
	}
	defer m.Queue.Stop(context.Background())

	st := m.Store
	o := sqlstore.SeedTestOrg(t, st, "Acme")
	admin := o.Ctx(o.SuperAdmin)
	job, err := st.CreateJob(admin, skillkeepr.JobFields{Title: "Engineer", DepartmentID: o.Engineering.ID, Location: "Remote", Description: "d"})
	if err != nil {
		t.Fatal(err)
	}
	cand, app, err := st.CreateCandidate(admin, skillkeepr.CandidateCreate{CandidateFields: skillkeepr.CandidateFields{Name: "Cy", Emails: []string{"cy@example.com"}}, JobID: job.ID})
	if err != nil {
		t.Fatal(err)
	}
	start := time.Now().UTC().Add(72 * time.Hour).Truncate(time.Hour)
	if _, err := st.BookInterview(admin, skillkeepr.InterviewBooking{ApplicationID: app.ID, StartsAt: start, EndsAt: start.Add(45 * time.Minute),
		Timezone: "America/New_York", InterviewerIDs: []int64{o.Collaborator.ID}}); err != nil {
		t.Fatal(err)
	}

	var logged []*skillkeepr.LoggedEmail
	deadline := time.Now().Add(30 * time.Second)
	for time.Now().Before(deadline) {
		if logged, err = st.FindCandidateEmails(admin, cand.ID); err != nil {
			t.Fatal(err)
		}
		if len(logged) == 2 && logged[0].State == skillkeepr.DeliverySent && logged[1].State == skillkeepr.DeliverySent {
			break
		}
		time.Sleep(100 * time.Millisecond)
	}
	if len(logged) != 2 {
		t.Fatalf("logged emails %+v", logged)
	}
	kinds := map[string]string{}
	for _, l := range logged {
		if l.State != skillkeepr.DeliverySent {
			t.Errorf("email %q is %s", l.Subject, l.State)
		}
		kinds[l.Kind] = strings.Join(l.To, ",")
	}
	if kinds[skillkeepr.EmailInterviewConfirmed] != "cy@example.com" || kinds[skillkeepr.EmailInterviewerNotice] != o.Collaborator.Email {
		t.Errorf("emails %v", kinds)
	}
	box, err := st.FindSentEmails(admin, 10)
	if err != nil || len(box) != 2 {
		t.Fatalf("dev mailbox %d %v", len(box), err)
	}

	rows, err := st.DB().QueryContext(ctx, `SELECT scheduled_at FROM river_job WHERE kind = 'interview_notice' AND state = 'scheduled' ORDER BY scheduled_at`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var at []time.Time
	for rows.Next() {
		var s any
		if err := rows.Scan(&s); err != nil {
			t.Fatal(err)
		}
		switch v := s.(type) {
		case time.Time:
			at = append(at, v.UTC())
		case string:
			tt, err := time.Parse("2006-01-02 15:04:05.999999999-07:00", v)
			if err != nil {
				if tt, err = time.Parse(time.RFC3339Nano, v); err != nil {
					t.Fatalf("scheduled_at %q", v)
				}
			}
			at = append(at, tt.UTC())
		default:
			t.Fatalf("scheduled_at %T", s)
		}
	}
	if len(at) != 2 || !at[0].Equal(start.Add(-24*time.Hour)) || !at[1].Equal(start.Add(-time.Hour)) {
		t.Errorf("reminders scheduled at %v, want 24 h and 1 h before %v", at, start)
	}
}
