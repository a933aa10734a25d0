package sqlstore

import (
	"context"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/skillkeepr/skillkeepr"
)

// interviewWorld is an organisation with a job assigned to the Recruiter
// and one candidate applying to it.
type interviewWorld struct {
	*TestOrg
	job  *skillkeepr.Job
	cand *skillkeepr.Candidate
	app  *skillkeepr.Application
	base time.Time // a future hour, on the granule grid
}

func newInterviewWorld(t *testing.T, s *Store, name string) *interviewWorld {
	t.Helper()
	o := SeedTestOrg(t, s, name)
	admin := o.Ctx(o.SuperAdmin)
	job := must[*skillkeepr.Job](t)(s.CreateJob(admin, jobFieldsFor("Backend engineer", o.Engineering.ID)))
	job = must[*skillkeepr.Job](t)(s.AssignJob(admin, job.ID, []int64{o.Recruiter.ID}))
	cand, app, err := s.CreateCandidate(o.Ctx(o.Recruiter), skillkeepr.CandidateCreate{
		CandidateFields: skillkeepr.CandidateFields{Name: "Carla Candidate", Emails: []string{"carla@example.com"}}, JobID: job.ID})
	ok(t, err)
	base := time.Now().UTC().Add(72 * time.Hour).Truncate(time.Hour)
	return &interviewWorld{TestOrg: o, job: job, cand: cand, app: app, base: base}
}

func (w *interviewWorld) booking(start time.Time, minutes int, who ...*skillkeepr.User) skillkeepr.InterviewBooking {
	ids := make([]int64, len(who))
	for i, u := range who {
		ids[i] = u.ID
	}
	return skillkeepr.InterviewBooking{ApplicationID: w.app.ID, StartsAt: start, EndsAt: start.Add(time.Duration(minutes) * time.Minute),
		Timezone: "Europe/Berlin", InterviewerIDs: ids}
}

func eventKinds(t *testing.T, s *Store, ctx context.Context, candID int64) []string {
	t.Helper()
	evs := must[[]*skillkeepr.Event](t)(s.FindEvents(ctx, candID))
	out := []string{}
	for _, e := range evs {
		out = append(out, e.Kind)
	}
	return out
}

func TestInterviewLifecycle(t *testing.T) {
	t.Parallel()
	ForEachEngine(t, func(t *testing.T, s *Store) {
		w := newInterviewWorld(t, s, "Acme")
		rec := w.Ctx(w.Recruiter)

		iv := must[*skillkeepr.Interview](t)(s.BookInterview(rec, w.booking(w.base, 45, w.Collaborator, w.RecruiterAdmin)))
		if iv.Status != skillkeepr.InterviewScheduled || iv.Sequence != 0 || iv.UID == "" || iv.Title != "Interview" ||
			iv.CandidateName != "Carla Candidate" || iv.CandidateEmail != "carla@example.com" || len(iv.Interviewers) != 2 ||
			!iv.StartsAt.Equal(w.base) || iv.Duration() != 45*time.Minute || iv.Timezone != "Europe/Berlin" {
			t.Fatalf("booked %+v", iv)
		}
		app := must[*skillkeepr.Application](t)(s.FindApplicationByID(rec, w.app.ID))
		if app.Status != skillkeepr.StatusInterviewScheduled {
			t.Fatalf("application status %s", app.Status)
		}
		if k := eventKinds(t, s, rec, w.cand.ID); !slices.Contains(k, "interview_booked") || !slices.Contains(k, "status_changed") {
			t.Fatalf("events %v", k)
		}

		// Reschedule: SEQUENCE up, UID kept, the old time freed.
		moved := must[*skillkeepr.Interview](t)(s.RescheduleInterview(rec, iv.ID, skillkeepr.InterviewReschedule{
			StartsAt: w.base.Add(2 * time.Hour), EndsAt: w.base.Add(2*time.Hour + 45*time.Minute)}))
		if moved.Sequence != 1 || moved.UID != iv.UID || !moved.StartsAt.Equal(w.base.Add(2*time.Hour)) {
			t.Fatalf("rescheduled %+v", moved)
		}
		other := must[*skillkeepr.Interview](t)(s.BookInterview(rec, w.booking(w.base, 45, w.Collaborator)))
		// A stale reschedule (someone else moved it meanwhile) loses.
		busy := must[[]skillkeepr.BusyTime](t)(s.FindBusyTimes(rec, []int64{w.Collaborator.ID}, w.base, w.base.Add(24*time.Hour)))
		if len(busy) != 2 {
			t.Fatalf("busy %+v", busy)
		}

		// Cancel: SEQUENCE up again, time freed, application moved.
		canceled := must[*skillkeepr.Interview](t)(s.CancelInterview(rec, moved.ID, "Candidate asked"))
		if canceled.Status != skillkeepr.InterviewCanceled || canceled.Sequence != 2 || canceled.CancelReason != "Candidate asked" {
			t.Fatalf("canceled %+v", canceled)
		}
		_, err := s.CancelInterview(rec, moved.ID, "")
		wantCode(t, err, skillkeepr.ECONFLICT)
		app = must[*skillkeepr.Application](t)(s.FindApplicationByID(rec, w.app.ID))
		if app.Status != skillkeepr.StatusInterviewCanceled {
			t.Fatalf("application status %s", app.Status)
		}
		must[*skillkeepr.Interview](t)(s.BookInterview(rec, w.booking(w.base.Add(2*time.Hour), 45, w.Collaborator)))

		// Completed only after the end; no-show only after the start.
		lead := w.Ctx(w.Collaborator)
		_, err = s.MarkInterviewCompleted(lead, other.ID)
		wantCode(t, err, skillkeepr.ECONFLICT)
		_, err = s.MarkInterviewNoShow(lead, other.ID)
		wantCode(t, err, skillkeepr.ECONFLICT)
		s.now = func() time.Time { return w.base.Add(time.Hour) }
		done := must[*skillkeepr.Interview](t)(s.MarkInterviewCompleted(lead, other.ID))
		if done.Status != skillkeepr.InterviewCompleted {
			t.Fatalf("completed %+v", done)
		}
		app = must[*skillkeepr.Application](t)(s.FindApplicationByID(rec, w.app.ID))
		if app.Status != skillkeepr.StatusInterviewCompleted {
			t.Fatalf("application status %s", app.Status)
		}
		_, err = s.MarkInterviewNoShow(lead, other.ID)
		wantCode(t, err, skillkeepr.ECONFLICT)

		entries, _, err := s.FindAuditEntries(w.Ctx(w.SuperAdmin), skillkeepr.AuditFilter{EntityType: "interview", Limit: 50})
		ok(t, err)
		var actions []string
		for _, e := range entries {
			actions = append(actions, e.Action)
		}
		for _, want := range []string{"interview.book", "interview.reschedule", "interview.cancel", "interview.completed"} {
			if !slices.Contains(actions, want) {
				t.Errorf("audit lacks %s: %v", want, actions)
			}
		}
	})
}

func TestInterviewNoDoubleBooking(t *testing.T) {
	t.Parallel()
	ForEachEngine(t, func(t *testing.T, s *Store) {
		w := newInterviewWorld(t, s, "Acme")
		rec := w.Ctx(w.Recruiter)
		must[*skillkeepr.Interview](t)(s.BookInterview(rec, w.booking(w.base, 60, w.Collaborator, w.RecruiterAdmin)))
		tests := []struct {
			name  string
			start time.Duration
			mins  int
			who   []*skillkeepr.User
			taken string // "" = books
		}{
			{"same slot, one of the panel", 0, 60, []*skillkeepr.User{w.RecruiterAdmin}, w.RecruiterAdmin.Name},
			{"overlapping the end", 45 * time.Minute, 30, []*skillkeepr.User{w.SuperAdmin, w.Collaborator}, w.Collaborator.Name},
			{"inside", 10 * time.Minute, 10, []*skillkeepr.User{w.Collaborator}, w.Collaborator.Name},
			{"off-grid start rounds outwards", -2 * time.Minute, 5, []*skillkeepr.User{w.Collaborator}, w.Collaborator.Name},
			{"right after", 60 * time.Minute, 30, []*skillkeepr.User{w.Collaborator, w.RecruiterAdmin}, ""},
			{"right before", -30 * time.Minute, 30, []*skillkeepr.User{w.Collaborator}, ""},
			{"same time, someone else", 0, 60, []*skillkeepr.User{w.SuperAdmin}, ""},
		}
		for _, tt := range tests {
			_, err := s.BookInterview(rec, w.booking(w.base.Add(tt.start), tt.mins, tt.who...))
			if tt.taken == "" {
				if err != nil {
					t.Errorf("%s: %v", tt.name, err)
				}
				continue
			}
			if skillkeepr.ErrorCodeOf(err) != skillkeepr.ECONFLICT || !strings.Contains(skillkeepr.ErrorMessage(err), tt.taken) {
				t.Errorf("%s: got %v, want a conflict naming %s", tt.name, err, tt.taken)
			}
		}
		// A failed booking leaves nothing behind.
		ivs := must[[]*skillkeepr.Interview](t)(s.FindInterviews(rec, skillkeepr.InterviewFilter{ApplicationID: w.app.ID}))
		if len(ivs) != 4 {
			t.Fatalf("%d interviews, want 4", len(ivs))
		}
		// Rescheduling onto a busy time fails and keeps the old time.
		_, err := s.RescheduleInterview(rec, ivs[len(ivs)-1].ID, skillkeepr.InterviewReschedule{StartsAt: w.base, EndsAt: w.base.Add(time.Hour),
			InterviewerIDs: []int64{w.Collaborator.ID}})
		wantCode(t, err, skillkeepr.ECONFLICT)
		again := must[*skillkeepr.Interview](t)(s.FindInterviewByID(rec, ivs[len(ivs)-1].ID))
		if again.Sequence != 0 || !again.StartsAt.Equal(ivs[len(ivs)-1].StartsAt) {
			t.Fatalf("failed reschedule changed %+v", again)
		}
	})
}

func TestInterviewValidationAndAccess(t *testing.T) {
	t.Parallel()
	ForEachEngine(t, func(t *testing.T, s *Store) {
		w := newInterviewWorld(t, s, "Acme")
		b := newInterviewWorld(t, s, "Beta")
		rec := w.Ctx(w.Recruiter)

		_, err := s.BookInterview(rec, skillkeepr.InterviewBooking{ApplicationID: w.app.ID, Timezone: "Mars/Base"})
		for _, f := range []string{"starts_at", "ends_at", "timezone", "interviewer_ids"} {
			if _, ok := skillkeepr.ErrorFields(err)[f]; !ok {
				t.Errorf("missing field %s: %v", f, err)
			}
		}
		_, err = s.BookInterview(rec, w.booking(time.Now().Add(-time.Hour).Truncate(time.Hour), 30, w.Collaborator))
		wantField(t, err, "starts_at")
		_, err = s.BookInterview(rec, w.booking(w.base, 30, b.Collaborator)) // someone of another organisation
		wantField(t, err, "interviewer_ids")
		_, err = s.BookInterview(b.Ctx(b.Recruiter), b.booking(w.base, 30, b.Collaborator))
		ok(t, err)
		_, err = s.BookInterview(rec, skillkeepr.InterviewBooking{ApplicationID: b.app.ID, StartsAt: w.base, EndsAt: w.base.Add(time.Hour), InterviewerIDs: []int64{w.Collaborator.ID}})
		wantCode(t, err, skillkeepr.ENOTFOUND)
		_, err = s.BookInterview(w.Ctx(w.Collaborator), w.booking(w.base, 30, w.Collaborator))
		wantCode(t, err, skillkeepr.EFORBIDDEN)

		iv := must[*skillkeepr.Interview](t)(s.BookInterview(rec, w.booking(w.base, 30, w.Collaborator)))
		// The interviewer sees it and may not cancel it; other organisations do not see it.
		must[*skillkeepr.Interview](t)(s.FindInterviewByID(w.Ctx(w.Collaborator), iv.ID))
		_, err = s.CancelInterview(w.Ctx(w.Collaborator), iv.ID, "")
		wantCode(t, err, skillkeepr.EFORBIDDEN)
		_, err = s.FindInterviewByID(b.Ctx(b.SuperAdmin), iv.ID)
		wantCode(t, err, skillkeepr.ENOTFOUND)
		mine := must[[]*skillkeepr.Interview](t)(s.FindInterviews(w.Ctx(w.Collaborator), skillkeepr.InterviewFilter{}))
		theirs := must[[]*skillkeepr.Interview](t)(s.FindInterviews(b.Ctx(b.SuperAdmin), skillkeepr.InterviewFilter{}))
		if len(mine) != 1 || len(theirs) != 1 || theirs[0].ID == iv.ID {
			t.Fatalf("lists: mine %d, theirs %d", len(mine), len(theirs))
		}
		none := must[[]*skillkeepr.Interview](t)(s.FindInterviews(w.Ctx(w.SuperAdmin), skillkeepr.InterviewFilter{InterviewerID: w.SuperAdmin.ID}))
		if len(none) != 0 {
			t.Fatalf("interviewer filter: %d", len(none))
		}
		_, err = s.CancelInterview(rec, iv.ID, strings.Repeat("x", skillkeepr.MaxCancelReason+1))
		wantField(t, err, "reason")
	})
}

func TestInterviewPlans(t *testing.T) {
	t.Parallel()
	ForEachEngine(t, func(t *testing.T, s *Store) {
		w := newInterviewWorld(t, s, "Acme")
		rec := w.Ctx(w.Recruiter)
		_, err := s.CreateInterviewPlan(rec, skillkeepr.InterviewPlan{JobID: w.job.ID, DurationMinutes: 7, Mode: "solo"})
		for _, f := range []string{"name", "duration_minutes", "mode", "interviewer_ids"} {
			if _, ok := skillkeepr.ErrorFields(err)[f]; !ok {
				t.Errorf("missing field %s: %v", f, err)
			}
		}
		_, err = s.CreateInterviewPlan(w.Ctx(w.Collaborator), skillkeepr.InterviewPlan{JobID: w.job.ID, Name: "Chat", DurationMinutes: 30,
			Mode: skillkeepr.ModePanel, InterviewerIDs: []int64{w.Collaborator.ID}})
		wantCode(t, err, skillkeepr.EFORBIDDEN)
		p := must[*skillkeepr.InterviewPlan](t)(s.CreateInterviewPlan(rec, skillkeepr.InterviewPlan{JobID: w.job.ID, Name: " 45-min video interview ",
			DurationMinutes: 45, Mode: skillkeepr.ModeRoundRobin, InterviewerIDs: []int64{w.Collaborator.ID, w.RecruiterAdmin.ID}, RatingCardTemplateID: 7}))
		if p.Name != "45-min video interview" || len(p.InterviewerIDs) != 2 || p.RatingCardTemplateID != 7 {
			t.Fatalf("plan %+v", p)
		}
		p.Mode, p.InterviewerIDs, p.RatingCardTemplateID = skillkeepr.ModePanel, []int64{w.Collaborator.ID}, 0
		up := must[*skillkeepr.InterviewPlan](t)(s.UpdateInterviewPlan(rec, *p))
		if up.Mode != skillkeepr.ModePanel || len(up.InterviewerIDs) != 1 || up.RatingCardTemplateID != 0 {
			t.Fatalf("updated %+v", up)
		}
		up.RatingCardTemplateID = 9
		up = must[*skillkeepr.InterviewPlan](t)(s.UpdateInterviewPlan(rec, *up))

		// Booking with the plan copies its name and rating card.
		b := w.booking(w.base, 45, w.Collaborator)
		b.PlanID = up.ID
		iv := must[*skillkeepr.Interview](t)(s.BookInterview(rec, b))
		if iv.Title != up.Name || iv.PlanID != up.ID || iv.RatingCardTemplateID != 9 {
			t.Fatalf("booked with plan %+v", iv)
		}
		plans := must[[]*skillkeepr.InterviewPlan](t)(s.FindInterviewPlans(w.Ctx(w.Collaborator), w.job.ID))
		if len(plans) != 1 {
			t.Fatalf("plans %d", len(plans))
		}
		ok(t, s.DeleteInterviewPlan(rec, up.ID))
		_, err = s.FindInterviewPlanByID(rec, up.ID)
		wantCode(t, err, skillkeepr.ENOTFOUND)
		iv = must[*skillkeepr.Interview](t)(s.FindInterviewByID(rec, iv.ID))
		if iv.PlanID != 0 || iv.RatingCardTemplateID != 9 {
			t.Fatalf("after plan deletion %+v", iv)
		}
	})
}

func TestAvailabilityStore(t *testing.T) {
	t.Parallel()
	ForEachEngine(t, func(t *testing.T, s *Store) {
		w := newInterviewWorld(t, s, "Acme")
		lead := w.Ctx(w.Collaborator)
		def := must[*skillkeepr.Availability](t)(s.FindAvailability(lead, w.Collaborator.ID))
		if !def.Default || def.Timezone == "" || len(def.Weekly[time.Monday]) != 1 || len(def.Weekly[time.Sunday]) != 0 {
			t.Fatalf("default %+v", def)
		}
		av := *def
		av.Timezone = "Asia/Kolkata"
		av.Weekly[time.Saturday] = []skillkeepr.TimeRange{{Start: "10:00", End: "12:30"}}
		av.Overrides = []skillkeepr.AvailabilityOverride{{Date: "2027-03-01", Kind: skillkeepr.OverrideDayOff},
			{Date: "2027-03-02", Kind: skillkeepr.OverrideExtra, Hours: []skillkeepr.TimeRange{{Start: "18:00", End: "24:00"}}}}
		av.BufferBeforeMinutes, av.BufferAfterMinutes, av.MinNoticeMinutes, av.DailyCap = 10, 15, 240, 3
		got := must[*skillkeepr.Availability](t)(s.SetAvailability(lead, av))
		if got.Default || got.Timezone != "Asia/Kolkata" || len(got.Overrides) != 2 || got.Overrides[1].Hours[0].End != "24:00" ||
			got.DailyCap != 3 || got.Weekly[time.Saturday][0].End != "12:30" {
			t.Fatalf("saved %+v", got)
		}
		again := must[*skillkeepr.Availability](t)(s.FindAvailability(w.Ctx(w.Recruiter), w.Collaborator.ID))
		if again.BufferAfterMinutes != 15 || len(again.Overrides) != 2 {
			t.Fatalf("read back %+v", again)
		}
		bad := av
		bad.Timezone = "Nowhere"
		bad.Weekly[time.Monday] = []skillkeepr.TimeRange{{Start: "17:00", End: "09:00"}}
		bad.Overrides = []skillkeepr.AvailabilityOverride{{Date: "03/01/2027", Kind: "holiday"}}
		bad.DailyCap = -1
		_, err := s.SetAvailability(lead, bad)
		for _, f := range []string{"timezone", "weekly.monday", "overrides.0", "daily_cap"} {
			if _, ok := skillkeepr.ErrorFields(err)[f]; !ok {
				t.Errorf("missing field %s: %v", f, err)
			}
		}
		other := av
		other.UserID = w.RecruiterAdmin.ID
		_, err = s.SetAvailability(w.Ctx(w.Recruiter), other)
		wantCode(t, err, skillkeepr.EFORBIDDEN)
		must[*skillkeepr.Availability](t)(s.SetAvailability(w.Ctx(w.SuperAdmin), other))
		_, err = s.FindAvailability(lead, 999999)
		wantCode(t, err, skillkeepr.ENOTFOUND)
	})
}

// TestConcurrentBookingNeverDoubleBooks: 50 goroutines book overlapping
// slots for the same interviewers at once. The database guard lets no
// interviewer hold two overlapping interviews, and every loser is told
// with ECONFLICT.
func TestConcurrentBookingNeverDoubleBooks(t *testing.T) {
	t.Parallel()
	ForEachEngine(t, func(t *testing.T, s *Store) {
		w := newInterviewWorld(t, s, "Acme")
		rec := w.Ctx(w.Recruiter)
		panels := [][]*skillkeepr.User{
			{w.Collaborator, w.RecruiterAdmin},
			{w.RecruiterAdmin, w.SuperAdmin},
			{w.SuperAdmin, w.Collaborator},
			{w.Collaborator},
		}
		const n = 50
		var wg sync.WaitGroup
		errs := make([]error, n)
		start := make(chan struct{})
		for i := range n {
			wg.Go(func() {
				<-start
				// Starts 0, 15, 30 … 105 minutes in, one hour long: heavy overlap.
				b := w.booking(w.base.Add(time.Duration(i%8)*15*time.Minute), 60, panels[i%len(panels)]...)
				_, errs[i] = s.BookInterview(rec, b)
			})
		}
		close(start)
		wg.Wait()
		won, lost := 0, 0
		for i, err := range errs {
			switch skillkeepr.ErrorCodeOf(err) {
			case "":
				won++
			case skillkeepr.ECONFLICT:
				if !strings.Contains(skillkeepr.ErrorMessage(err), "no longer free") {
					t.Errorf("booking %d: unclear message %q", i, skillkeepr.ErrorMessage(err))
				}
				lost++
			default:
				t.Errorf("booking %d: %v", i, err)
			}
		}
		if won == 0 || won+lost != n {
			t.Fatalf("won %d, lost %d", won, lost)
		}
		ivs := must[[]*skillkeepr.Interview](t)(s.FindInterviews(w.Ctx(w.SuperAdmin), skillkeepr.InterviewFilter{}))
		if len(ivs) != won {
			t.Fatalf("%d interviews stored, %d bookings won", len(ivs), won)
		}
		byUser := map[int64][]*skillkeepr.Interview{}
		for _, iv := range ivs {
			for _, p := range iv.Interviewers {
				byUser[p.UserID] = append(byUser[p.UserID], iv)
			}
		}
		for uid, list := range byUser {
			for i, a := range list {
				for _, b := range list[i+1:] {
					if a.StartsAt.Before(b.EndsAt) && b.StartsAt.Before(a.EndsAt) {
						t.Errorf("user %d double-booked: %s–%s and %s–%s", uid, a.StartsAt, a.EndsAt, b.StartsAt, b.EndsAt)
					}
				}
			}
		}
		t.Logf("%d bookings won, %d told the slot was taken", won, lost)
	})
}
