package sqlstore

import (
	"strings"
	"testing"
	"time"

	"github.com/skillkeepr/skillkeepr"
)

// TestSchedulingLinks: a link books once, for its plan's interviewers and
// length, as the candidate; it stops working when expired; the candidate
// can then move and cancel the interview.
func TestSchedulingLinks(t *testing.T) {
	t.Parallel()
	ForEachEngine(t, func(t *testing.T, s *Store) {
		enq := &RecordingEnqueuer{}
		s.SetEnqueuer(enq)
		w := newInterviewWorld(t, s, "Acme")
		rec := w.Ctx(w.Recruiter)
		plan := must[*skillkeepr.InterviewPlan](t)(s.CreateInterviewPlan(rec, skillkeepr.InterviewPlan{JobID: w.job.ID, Name: "Chat", DurationMinutes: 30,
			Mode: skillkeepr.ModeRoundRobin, InterviewerIDs: []int64{w.Collaborator.ID, w.RecruiterAdmin.ID}}))
		_, err := s.CreateSchedulingLink(w.Ctx(w.Collaborator), w.app.ID, plan.ID, 0)
		wantCode(t, err, skillkeepr.EFORBIDDEN)
		l := must[*skillkeepr.SchedulingLink](t)(s.CreateSchedulingLink(rec, w.app.ID, plan.ID, time.Hour))
		if l.CandidateEmail != "carla@example.com" || l.Plan.ID != plan.ID || l.OrgName != "Acme" || !l.Usable(time.Now()) {
			t.Fatalf("link %+v", l)
		}
		var invited bool
		for _, task := range enq.Tasks() {
			if it, ok := task.(skillkeepr.ScheduleInvitationTask); ok && it.LinkID == l.ID {
				invited = true
			}
		}
		if !invited {
			t.Fatal("no invitation email queued")
		}

		b := skillkeepr.InterviewBooking{StartsAt: w.base, EndsAt: w.base.Add(30 * time.Minute), Timezone: "Australia/Sydney", InterviewerIDs: []int64{w.SuperAdmin.ID}}
		_, err = s.BookByLink(t.Context(), l.ID, b) // not one of the plan's interviewers
		wantField(t, err, "interviewer_ids")
		b.InterviewerIDs, b.EndsAt = []int64{w.Collaborator.ID}, w.base.Add(time.Hour)
		_, err = s.BookByLink(t.Context(), l.ID, b) // not the plan's length
		wantField(t, err, "starts_at")
		b.EndsAt = w.base.Add(30 * time.Minute)
		iv := must[*skillkeepr.Interview](t)(s.BookByLink(t.Context(), l.ID, b))
		if iv.Title != "Chat" || iv.Timezone != "Australia/Sydney" || iv.CreatedByID != 0 || iv.PlanID != plan.ID {
			t.Fatalf("booked %+v", iv)
		}
		_, err = s.BookByLink(t.Context(), l.ID, skillkeepr.InterviewBooking{StartsAt: w.base.Add(time.Hour), EndsAt: w.base.Add(90 * time.Minute), InterviewerIDs: []int64{w.Collaborator.ID}})
		wantCode(t, err, skillkeepr.ECONFLICT)
		if l2 := must[*skillkeepr.SchedulingLink](t)(s.FindSchedulingLink(t.Context(), l.ID)); l2.UsedAt == nil || l2.InterviewID != iv.ID {
			t.Fatalf("link after use %+v", l2)
		}

		// Reminders were queued for 24 h and 1 h before, at those times.
		var reminders []time.Time
		for _, task := range enq.Tasks() {
			if n, ok := task.(skillkeepr.InterviewNoticeTask); ok && n.Notice == skillkeepr.NoticeReminder && n.InterviewID == iv.ID {
				reminders = append(reminders, n.RunAt)
			}
		}
		if len(reminders) != 2 || !reminders[0].Equal(w.base.Add(-24*time.Hour)) || !reminders[1].Equal(w.base.Add(-time.Hour)) {
			t.Fatalf("reminders %v", reminders)
		}

		// The candidate moves and cancels; the recruiter's view agrees.
		moved := must[*skillkeepr.Interview](t)(s.RescheduleByCandidate(t.Context(), iv.ID, skillkeepr.InterviewReschedule{StartsAt: w.base.Add(2 * time.Hour), EndsAt: w.base.Add(150 * time.Minute),
			InterviewerIDs: []int64{w.SuperAdmin.ID}}))
		if moved.Sequence != 1 || moved.Interviewers[0].UserID != w.Collaborator.ID {
			t.Fatalf("candidate's move %+v (a candidate cannot change the interviewers)", moved)
		}
		must[*skillkeepr.Interview](t)(s.CancelByCandidate(t.Context(), iv.ID, "Another offer"))
		got := must[*skillkeepr.Interview](t)(s.FindInterviewByID(rec, iv.ID))
		if got.Status != skillkeepr.InterviewCanceled || got.CancelReason != "Another offer" {
			t.Fatalf("after the candidate's cancel %+v", got)
		}

		// An expired link books nothing.
		short := must[*skillkeepr.SchedulingLink](t)(s.CreateSchedulingLink(rec, w.app.ID, plan.ID, time.Hour))
		s.now = func() time.Time { return time.Now().Add(2 * time.Hour) }
		_, err = s.BookByLink(t.Context(), short.ID, b)
		wantCode(t, err, skillkeepr.ECONFLICT)
	})
}

func TestEmailTemplatesAndLog(t *testing.T) {
	t.Parallel()
	ForEachEngine(t, func(t *testing.T, s *Store) {
		enq := &RecordingEnqueuer{}
		s.SetEnqueuer(enq)
		w := newInterviewWorld(t, s, "Acme")
		admin := w.Ctx(w.SuperAdmin)
		defaults := map[string]skillkeepr.EmailTemplate{skillkeepr.EmailInterviewConfirmed: {Subject: "Default", Text: "x"}}
		_, err := s.SetEmailTemplate(w.Ctx(w.RecruiterAdmin), skillkeepr.EmailTemplate{Kind: skillkeepr.EmailInterviewConfirmed, Subject: "S", Text: "T"})
		wantCode(t, err, skillkeepr.EFORBIDDEN)
		_, err = s.SetEmailTemplate(admin, skillkeepr.EmailTemplate{Kind: "nope", Subject: "{{", Text: ""})
		for _, f := range []string{"kind", "subject", "text"} {
			if _, ok := skillkeepr.ErrorFields(err)[f]; !ok {
				t.Errorf("missing field %s: %v", f, err)
			}
		}
		must[*skillkeepr.EmailTemplate](t)(s.SetEmailTemplate(admin, skillkeepr.EmailTemplate{Kind: skillkeepr.EmailInterviewConfirmed, Subject: "Ours", Text: "Hi", HTML: "<p>Hi</p>"}))
		must[*skillkeepr.EmailTemplate](t)(s.SetEmailTemplate(admin, skillkeepr.EmailTemplate{Kind: skillkeepr.EmailInterviewConfirmed, Subject: "Ours 2", Text: "Hi"}))
		m := must[map[string]skillkeepr.EmailTemplate](t)(s.EmailTemplatesOf(t.Context(), w.Org.ID, defaults))
		if m[skillkeepr.EmailInterviewConfirmed].Subject != "Ours 2" || !m[skillkeepr.EmailInterviewConfirmed].Custom {
			t.Fatalf("templates %+v", m)
		}
		other := newInterviewWorld(t, s, "Beta")
		if m := must[map[string]skillkeepr.EmailTemplate](t)(s.EmailTemplatesOf(t.Context(), other.Org.ID, defaults)); m[skillkeepr.EmailInterviewConfirmed].Subject != "Default" {
			t.Fatal("another organisation sees our template")
		}
		ok(t, s.ResetEmailTemplate(admin, skillkeepr.EmailInterviewConfirmed))
		list := must[[]skillkeepr.EmailTemplate](t)(s.FindEmailTemplates(admin, defaults))
		if len(list) != len(skillkeepr.EmailKinds) || list[1].Subject != "Default" || list[1].Custom {
			t.Fatalf("after reset %+v", list)
		}

		before := len(enq.Emails()) // e.g. the assignment notices of the set-up
		ok(t, s.QueueLoggedEmails(t.Context(), w.Org.ID, w.cand.ID, w.app.ID, 0, []skillkeepr.EmailMessage{
			{To: []string{"carla@example.com"}, Subject: "One", Text: "x", Kind: "k"}, {To: []string{"x@acme.test"}, Subject: "Two", Text: "x", Kind: "k"}}))
		sent := enq.Emails()[before:]
		if len(sent) != 2 || sent[0].LogID == 0 || sent[0].OrgID != w.Org.ID {
			t.Fatalf("queued %+v", sent)
		}
		ok(t, s.SetEmailDelivery(t.Context(), sent[0].LogID, skillkeepr.DeliverySent, ""))
		logged := must[[]*skillkeepr.LoggedEmail](t)(s.FindCandidateEmails(w.Ctx(w.Recruiter), w.cand.ID))
		states := map[string]string{}
		for _, l := range logged {
			states[l.Subject] = l.State
		}
		if len(logged) != 2 || states["One"] != skillkeepr.DeliverySent || states["Two"] != skillkeepr.DeliveryQueued {
			t.Fatalf("log %+v", states)
		}
		_, err = s.FindCandidateEmails(other.Ctx(other.SuperAdmin), w.cand.ID)
		wantCode(t, err, skillkeepr.ENOTFOUND)
	})
}

// TestInterviewStatusesReachLever: booking, cancelling and the candidate's
// own booking move a Lever-linked application and enqueue its stage tag
// sync, as a manual status change does.
func TestInterviewStatusesReachLever(t *testing.T) {
	t.Parallel()
	ForEachEngine(t, func(t *testing.T, s *Store) {
		s.SetCipher(testCipher(t))
		enq := &RecordingEnqueuer{}
		s.SetEnqueuer(enq)
		o := SeedTestOrg(t, s, "Acme")
		admin := o.Ctx(o.SuperAdmin)
		job, err := s.ImportLeverJob(admin, skillkeepr.LeverJobRecord{PostingID: "4e0e8b52-1c1a-4c1b-8e1f-5a6b7c8d9e0f",
			PostingTitle: "Backend", Fields: jobFieldsFor("Backend", o.Engineering.ID)})
		ok(t, err)
		_, app, err := s.CreateCandidate(admin, skillkeepr.CandidateCreate{JobID: job.ID,
			CandidateFields: skillkeepr.CandidateFields{Name: "Sam Lee", Emails: []string{"sam@example.test"}}})
		ok(t, err)
		ok(t, s.SetApplicationLeverOpportunity(t.Context(), o.Org.ID, app.ID, "0f3c1a52-8a1e-4c55-9d8e-2b8f4b1d3e77"))
		_, err = s.SaveLeverConnection(admin, skillkeepr.LeverConnect{Mode: skillkeepr.LeverModeAPIKey, APIKey: "k"})
		ok(t, err)

		start := time.Now().UTC().Add(72 * time.Hour).Truncate(time.Hour)
		iv := must[*skillkeepr.Interview](t)(s.BookInterview(admin, skillkeepr.InterviewBooking{ApplicationID: app.ID, StartsAt: start,
			EndsAt: start.Add(time.Hour), InterviewerIDs: []int64{o.Collaborator.ID}}))
		must[*skillkeepr.Interview](t)(s.CancelInterview(admin, iv.ID, ""))
		plan := must[*skillkeepr.InterviewPlan](t)(s.CreateInterviewPlan(admin, skillkeepr.InterviewPlan{JobID: job.ID, Name: "Chat",
			DurationMinutes: 60, Mode: skillkeepr.ModePanel, InterviewerIDs: []int64{o.Collaborator.ID}}))
		l := must[*skillkeepr.SchedulingLink](t)(s.CreateSchedulingLink(admin, app.ID, plan.ID, 0))
		must[*skillkeepr.Interview](t)(s.BookByLink(t.Context(), l.ID, skillkeepr.InterviewBooking{StartsAt: start, EndsAt: start.Add(time.Hour),
			InterviewerIDs: []int64{o.Collaborator.ID}}))
		var got []string
		for _, st := range enq.stageSyncs() {
			got = append(got, string(st.Status))
		}
		want := "interview_scheduled,interview_canceled,interview_scheduled"
		if strings.Join(got, ",") != want {
			t.Fatalf("Lever syncs %v, want %s", got, want)
		}
	})
}
