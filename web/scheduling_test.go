package web_test

import (
	"bytes"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/skillkeepr/skillkeepr"
	"github.com/skillkeepr/skillkeepr/interviewmail"
	"github.com/skillkeepr/skillkeepr/sqlstore"
	"github.com/skillkeepr/skillkeepr/web"
)

var schedulingKey = bytes.Repeat([]byte{5}, 32)

// schedEnv is a web env with self-scheduling wired, a job assigned to the
// Recruiter, a candidate applying to it, and two interviewers free all
// day every day with no notice (so slots exist whenever the test runs).
type schedEnv struct {
	*env
	links *interviewmail.Links
	job   *skillkeepr.Job
	cand  *skillkeepr.Candidate
	app   *skillkeepr.Application
}

func newSchedEnv(t testing.TB, engine string) *schedEnv {
	se := &schedEnv{}
	se.env = newEnvTB(t, engine, nil, func(e *env, c *web.Config) {
		se.links = interviewmail.NewLinks(c.BaseURL, schedulingKey)
		c.Links, c.CandidateScheduling = se.links, e.store
	})
	se.job = se.createJob("Backend engineer", se.org.Engineering.ID, se.org.Recruiter.ID)
	var err error
	se.cand, se.app, err = se.svc.Candidates.CreateCandidate(se.ctx(se.org.Recruiter), skillkeepr.CandidateCreate{
		CandidateFields: skillkeepr.CandidateFields{Name: "Carla Candidate", Emails: []string{"carla@example.com"}}, JobID: se.job.ID})
	if err != nil {
		t.Fatal(err)
	}
	for _, u := range []*skillkeepr.User{se.org.Collaborator, se.org.RecruiterAdmin} {
		av := skillkeepr.Availability{UserID: u.ID, Timezone: "Europe/Berlin"}
		for d := range av.Weekly {
			av.Weekly[d] = []skillkeepr.TimeRange{{Start: "00:00", End: "24:00"}}
		}
		if _, err := se.svc.Availability.SetAvailability(se.ctx(se.org.SuperAdmin), av); err != nil {
			t.Fatal(err)
		}
	}
	return se
}

func (se *schedEnv) plan(t testing.TB, mode string) *skillkeepr.InterviewPlan {
	t.Helper()
	p, err := se.svc.Interviews.CreateInterviewPlan(se.ctx(se.org.Recruiter), skillkeepr.InterviewPlan{JobID: se.job.ID, Name: "Video interview",
		DurationMinutes: 30, Mode: mode, InterviewerIDs: []int64{se.org.Collaborator.ID, se.org.RecruiterAdmin.ID}})
	if err != nil {
		t.Fatal(err)
	}
	return p
}

var slotRe = regexp.MustCompile(`name="start" value="([^"]+)"><input type="hidden" name="interviewers" value="([^"]+)">`)

// slots returns the (start, interviewers) of every slot button on a page.
func slots(t testing.TB, body string) [][2]string {
	t.Helper()
	var out [][2]string
	for _, m := range slotRe.FindAllStringSubmatch(body, -1) {
		out = append(out, [2]string{m[1], m[2]})
	}
	if len(out) == 0 {
		t.Fatalf("no slots on the page:\n%s", body[:min(len(body), 3000)])
	}
	return out
}

func TestSchedulingPages(t *testing.T) {
	t.Parallel()
	for _, engine := range sqlstore.TestEngines() {
		t.Run(engine, func(t *testing.T) {
			t.Parallel()
			se := newSchedEnv(t, engine)
			rec := se.login(se.org.Recruiter)
			jobPath := "/jobs/" + strconv.FormatInt(se.job.ID, 10)

			// Interview types: bad input gets field errors, good input saves.
			wantStatus(t, rec.get(jobPath+"/interview-plans"), http.StatusOK)
			r := rec.post(jobPath+"/interview-plans", url.Values{"name": {""}, "duration_minutes": {"7"}, "mode": {"solo"}})
			wantStatus(t, r, http.StatusBadRequest)
			wantContains(t, r, "Enter a name", "between 5 minutes and 8 hours", "Choose panel or round-robin", "Choose at least one interviewer")
			r = rec.post(jobPath+"/interview-plans", url.Values{"name": {"Video interview"}, "duration_minutes": {"30"}, "mode": {"panel"},
				"interviewer_ids": {strconv.FormatInt(se.org.Collaborator.ID, 10), strconv.FormatInt(se.org.RecruiterAdmin.ID, 10)}})
			wantStatus(t, r, http.StatusSeeOther)
			plans, err := se.svc.Interviews.FindInterviewPlans(se.ctx(se.org.Recruiter), se.job.ID)
			if err != nil || len(plans) != 1 {
				t.Fatalf("plans %v %v", plans, err)
			}
			plan := plans[0]

			// Book from the candidate page.
			appPath := "/applications/" + strconv.FormatInt(se.app.ID, 10)
			r = rec.get("/candidates/" + strconv.FormatInt(se.cand.ID, 10))
			wantContains(t, r, appPath+"/schedule")
			r = rec.get(appPath + "/schedule?tz=Asia/Kolkata")
			wantStatus(t, r, http.StatusOK)
			free := slots(t, r.body)
			book := url.Values{"plan": {strconv.FormatInt(plan.ID, 10)}, "start": {free[0][0]}, "interviewers": {free[0][1]}, "tz": {"Asia/Kolkata"}}
			r = rec.post(appPath+"/interviews", book)
			wantStatus(t, r, http.StatusSeeOther)
			ivPath := r.Header.Get("Location")
			if !strings.HasPrefix(ivPath, "/interviews/") {
				t.Fatalf("booked: redirected to %q", ivPath)
			}
			// The same slot again: the database refuses, the page says so.
			r = rec.post(appPath+"/interviews", book)
			wantStatus(t, r, http.StatusSeeOther)
			if loc := r.Header.Get("Location"); !strings.HasPrefix(loc, appPath+"/schedule") {
				t.Fatalf("double booking redirected to %q", loc)
			}
			r = rec.get(r.Header.Get("Location"))
			wantContains(t, r, "no longer free")
			if strings.Contains(r.body, `value="`+free[0][0]+`"`) {
				t.Error("the taken slot is still offered")
			}

			r = rec.get(ivPath)
			wantStatus(t, r, http.StatusOK)
			wantContains(t, r, "Carla Candidate", "Asia/Kolkata", "invite.ics", "/room")
			r = rec.get(ivPath + "/invite.ics")
			wantStatus(t, r, http.StatusOK)
			if ct := r.Header.Get("Content-Type"); !strings.HasPrefix(ct, "text/calendar") {
				t.Errorf("ics Content-Type %q", ct)
			}
			wantContains(t, r, "METHOD:REQUEST", "SEQUENCE:0", "BEGIN:VTIMEZONE", "TZID:Asia/Kolkata")
			wantContains(t, rec.get(ivPath+"/room"), "Interview room", "Carla Candidate")
			wantContains(t, rec.get("/interviews"), "Carla Candidate", "Video interview")

			// Reschedule to another free time, then cancel.
			moveTo := slots(t, r2body(rec.get(ivPath)))
			r = rec.post(ivPath+"/reschedule", url.Values{"start": {moveTo[3][0]}, "interviewers": {moveTo[3][1]}, "tz": {"Asia/Kolkata"}})
			wantStatus(t, r, http.StatusSeeOther)
			wantContains(t, rec.get(ivPath+"/invite.ics"), "SEQUENCE:1")
			r = rec.post(ivPath+"/cancel", url.Values{"reason": {"Role filled"}})
			wantStatus(t, r, http.StatusSeeOther)
			wantContains(t, rec.get(ivPath+"/invite.ics"), "METHOD:CANCEL", "SEQUENCE:2")

			// An interviewer sees the interview but cannot move it.
			lead := se.login(se.org.Collaborator)
			wantStatus(t, lead.get(ivPath), http.StatusOK)
			wantStatus(t, lead.post(ivPath+"/cancel", nil), http.StatusForbidden)

			// My availability: errors by field, then saved.
			wantStatus(t, lead.get("/account/availability"), http.StatusOK)
			r = lead.post("/account/availability", url.Values{"timezone": {"Nowhere"}, "weekly.monday": {"17:00-09:00"},
				"overrides": {"2027-13-40 off"}, "buffer_before_minutes": {"x"}, "buffer_after_minutes": {"0"}, "min_notice_hours": {"1"}, "daily_cap": {"0"}})
			wantStatus(t, r, http.StatusBadRequest)
			wantContains(t, r, "Choose your time zone", "Write hours as", "Line 1:", "Use 0 to 240 minutes")
			r = lead.post("/account/availability", url.Values{"timezone": {"America/New_York"}, "weekly.monday": {"9:00-12:00, 13:00-17:00"},
				"overrides": {"2027-03-01 off\n2027-03-02 + 18:00-20:00"}, "buffer_before_minutes": {"10"}, "buffer_after_minutes": {"5"}, "min_notice_hours": {"2"}, "daily_cap": {"4"}})
			wantStatus(t, r, http.StatusSeeOther)
			av, err := se.svc.Availability.FindAvailability(se.ctx(se.org.Collaborator), se.org.Collaborator.ID)
			if err != nil || av.Timezone != "America/New_York" || len(av.Weekly[time.Monday]) != 2 || av.Weekly[time.Monday][0].Start != "09:00" ||
				len(av.Overrides) != 2 || av.MinNoticeMinutes != 120 || av.DailyCap != 4 {
				t.Fatalf("saved availability %+v %v", av, err)
			}
			wantStatus(t, lead.post("/account/availability?user="+strconv.FormatInt(se.org.RecruiterAdmin.ID, 10), url.Values{"timezone": {"UTC"}}), http.StatusForbidden)

			// Candidate emails in Settings: Super Admin only; preview; bad template.
			wantStatus(t, rec.get("/settings/emails"), http.StatusForbidden)
			admin := se.login(se.org.SuperAdmin)
			wantContains(t, admin.get("/settings/emails"), "Invitation to schedule", "Interviewer notification")
			r = admin.post("/settings/emails/interview_confirmation", url.Values{"action": {"preview"}, "subject": {"Booked: {{.When}}"},
				"text": {"Hi {{.CandidateName}}"}, "html": {"<p>Hi {{.CandidateName}}</p>"}})
			wantStatus(t, r, http.StatusOK)
			wantContains(t, r, "Booked: Monday 8 March 2027", "Hi Sam Sample")
			r = admin.post("/settings/emails/interview_confirmation", url.Values{"action": {"save"}, "subject": {"{{.Nope}}"}, "text": {"{{if}}"}})
			wantStatus(t, r, http.StatusBadRequest)
			wantContains(t, r, "This template has a mistake")
			wantStatus(t, admin.post("/settings/emails/interview_confirmation", url.Values{"action": {"save"}, "subject": {"Booked: {{.When}}"},
				"text": {"Hi {{.CandidateName}}"}}), http.StatusSeeOther)
			wantContains(t, admin.get("/settings/emails"), "Your own")

			// Emails appear on the candidate's timeline with their delivery state.
			if err := se.store.QueueLoggedEmails(t.Context(), se.org.Org.ID, se.cand.ID, se.app.ID, 0, []skillkeepr.EmailMessage{
				{To: []string{"carla@example.com"}, Subject: "Confirmed: Video interview", Text: "x", Kind: skillkeepr.EmailInterviewConfirmed}}); err != nil {
				t.Fatal(err)
			}
			wantContains(t, rec.get("/candidates/"+strconv.FormatInt(se.cand.ID, 10)), "Email “Confirmed: Video interview” to carla@example.com", ">Sending<")
			var logID int64
			for _, m := range se.enq.Emails() {
				if m.Subject == "Confirmed: Video interview" {
					logID = m.LogID
				}
			}
			if err := se.store.SetEmailDelivery(t.Context(), logID, skillkeepr.DeliveryGaveUp, "550 mailbox unavailable"); err != nil {
				t.Fatal(err)
			}
			wantContains(t, rec.get("/candidates/"+strconv.FormatInt(se.cand.ID, 10)), ">Could not be sent<", "550 mailbox unavailable")
		})
	}
}

func r2body(r resp) string { return r.body }

// TestSelfScheduling: the candidate's link shows slots in the chosen zone,
// books once, then offers reschedule and cancel; a race loser sees fresh
// slots and a clear message; tampered links are not found.
func TestSelfScheduling(t *testing.T) {
	t.Parallel()
	for _, engine := range sqlstore.TestEngines() {
		t.Run(engine, func(t *testing.T) {
			t.Parallel()
			se := newSchedEnv(t, engine)
			plan := se.plan(t, skillkeepr.ModeRoundRobin)
			rec := se.login(se.org.Recruiter)
			r := rec.post("/applications/"+strconv.FormatInt(se.app.ID, 10)+"/scheduling-links", url.Values{"plan": {strconv.FormatInt(plan.ID, 10)}})
			wantStatus(t, r, http.StatusSeeOther)
			path := se.linkPath(t)

			cand := se.client() // not signed in
			wantStatus(t, cand.get("/schedule/x"+path[len("/schedule/"):]), http.StatusNotFound)
			r = cand.get(path + "?tz=Australia/Sydney")
			wantStatus(t, r, http.StatusOK)
			wantContains(t, r, "Choose a time for your Video interview", "Australia/Sydney", "/static/schedule.js")
			free := slots(t, r.body)
			if strings.Contains(free[0][1], ",") {
				t.Fatalf("round robin offered a panel: %v", free[0])
			}

			// Someone books the first slot's interviewer at that time first:
			// the candidate loses the race and sees the times still free.
			start, _ := time.Parse(time.RFC3339, free[0][0])
			id, _ := strconv.ParseInt(free[0][1], 10, 64)
			other, _, err := se.svc.Candidates.CreateCandidate(se.ctx(se.org.Recruiter), skillkeepr.CandidateCreate{
				CandidateFields: skillkeepr.CandidateFields{Name: "Other One"}, JobID: se.job.ID})
			if err != nil {
				t.Fatal(err)
			}
			if _, err := se.svc.Interviews.BookInterview(se.ctx(se.org.Recruiter), skillkeepr.InterviewBooking{ApplicationID: other.Applications[0].ID,
				StartsAt: start, EndsAt: start.Add(30 * time.Minute), InterviewerIDs: []int64{id}}); err != nil {
				t.Fatal(err)
			}
			r = cand.post(path, url.Values{"start": {free[0][0]}, "interviewers": {free[0][1]}, "tz": {"Australia/Sydney"}})
			wantStatus(t, r, http.StatusConflict)
			wantContains(t, r, "that time is no longer available")
			fresh := slots(t, r.body)

			r = cand.post(path, url.Values{"start": {fresh[0][0]}, "interviewers": {fresh[0][1]}, "tz": {"Australia/Sydney"}})
			wantStatus(t, r, http.StatusSeeOther)
			manage := r.Header.Get("Location")
			if !strings.HasPrefix(manage, "/schedule/manage/") {
				t.Fatalf("booked: redirected to %q", manage)
			}
			r = cand.get(manage)
			wantStatus(t, r, http.StatusOK)
			wantContains(t, r, "Your interview is booked", "Australia/Sydney", "Reschedule", "Cancel my interview")

			// The link works once.
			r = cand.post(path, url.Values{"start": {fresh[1][0]}, "interviewers": {fresh[1][1]}, "tz": {"Australia/Sydney"}})
			wantStatus(t, r, http.StatusConflict)
			wantContains(t, r, "already booked")

			// Reschedule, then cancel, by the candidate.
			moveTo := slots(t, r2body(cand.get(manage)))
			base := strings.SplitN(manage, "?", 2)[0]
			r = cand.post(base+"/reschedule", url.Values{"start": {moveTo[5][0]}, "interviewers": {moveTo[5][1]}, "tz": {"Australia/Sydney"}})
			wantStatus(t, r, http.StatusSeeOther)
			wantContains(t, cand.get(r.Header.Get("Location")), "Your interview has a new time")
			r = cand.post(base+"/cancel", url.Values{"reason": {"Found another job"}, "tz": {"Australia/Sydney"}})
			wantStatus(t, r, http.StatusSeeOther)
			r = cand.get(r.Header.Get("Location"))
			wantContains(t, r, "Canceled")
			if strings.Contains(r.body, "Cancel my interview") {
				t.Error("a canceled interview still offers Cancel")
			}

			// The timeline says what happened and the notices were queued.
			evs, err := se.svc.Applications.FindEvents(se.ctx(se.org.Recruiter), se.cand.ID)
			if err != nil {
				t.Fatal(err)
			}
			var msgs []string
			for _, e := range evs {
				msgs = append(msgs, e.Message)
			}
			all := strings.Join(msgs, "\n")
			for _, want := range []string{"Interview booked by the candidate", "Interview rescheduled by the candidate", "Interview canceled by the candidate", "Self-scheduling link"} {
				if !strings.Contains(all, want) {
					t.Errorf("timeline lacks %q:\n%s", want, all)
				}
			}
			var notices []string
			for _, task := range se.enq.Tasks() {
				if n, ok := task.(skillkeepr.InterviewNoticeTask); ok {
					notices = append(notices, n.Notice)
				}
			}
			if s := strings.Join(notices, ","); !strings.Contains(s, "booked") || !strings.Contains(s, "rescheduled") || !strings.Contains(s, "canceled") {
				t.Errorf("notices %s", s)
			}
		})
	}
}

// linkPath returns the path of the newest scheduling link's page.
func (se *schedEnv) linkPath(t testing.TB) string {
	t.Helper()
	var id int64
	for _, task := range se.enq.Tasks() {
		if l, ok := task.(skillkeepr.ScheduleInvitationTask); ok {
			id = l.LinkID
		}
	}
	if id == 0 {
		t.Fatal("no scheduling invitation was queued")
	}
	l, err := se.store.FindSchedulingLink(t.Context(), id)
	if err != nil {
		t.Fatal(err)
	}
	return se.links.SchedulePath(l)
}

// BenchmarkBookingHTTP books interviews through the HTTP handler on SQLite,
// two clients racing for every slot: the database lets exactly one win.
// It reports bookings per second (the winners) and checks that nobody is
// double-booked.
func BenchmarkBookingHTTP(b *testing.B) {
	se := newSchedEnv(b, "sqlite")
	plan := se.plan(b, skillkeepr.ModePanel)
	clients := []*client{se.login(se.org.Recruiter), se.login(se.org.Recruiter)}
	base := time.Now().UTC().Add(48 * time.Hour).Truncate(time.Hour)
	ids := strconv.FormatInt(se.org.Collaborator.ID, 10) + "," + strconv.FormatInt(se.org.RecruiterAdmin.ID, 10)
	path := "/applications/" + strconv.FormatInt(se.app.ID, 10) + "/interviews"
	var won, lost atomic.Int64
	b.ResetTimer()
	start := time.Now()
	for i := 0; i < b.N; i++ {
		slot := base.Add(time.Duration(i) * 30 * time.Minute).Format(time.RFC3339)
		var wg sync.WaitGroup
		for _, c := range clients {
			wg.Go(func() {
				r := c.post(path, url.Values{"plan": {strconv.FormatInt(plan.ID, 10)}, "start": {slot}, "interviewers": {ids}, "tz": {"UTC"}})
				if r.StatusCode != http.StatusSeeOther {
					b.Errorf("status %d", r.StatusCode)
				}
				if strings.HasPrefix(r.Header.Get("Location"), "/interviews/") {
					won.Add(1)
				} else {
					lost.Add(1)
				}
			})
		}
		wg.Wait()
	}
	elapsed := time.Since(start)
	b.StopTimer()
	if won.Load() != int64(b.N) || lost.Load() != int64(b.N) {
		b.Fatalf("%d slots: %d won, %d lost; want exactly one winner each", b.N, won.Load(), lost.Load())
	}
	b.ReportMetric(float64(won.Load())/elapsed.Seconds(), "bookings/s")
	ivs, err := se.svc.Interviews.FindInterviews(se.ctx(se.org.SuperAdmin), skillkeepr.InterviewFilter{Limit: 1000})
	if err != nil {
		b.Fatal(err)
	}
	for i, x := range ivs {
		for _, y := range ivs[i+1:] {
			if x.StartsAt.Before(y.EndsAt) && y.StartsAt.Before(x.EndsAt) {
				b.Fatalf("double-booked: %v and %v", x.StartsAt, y.StartsAt)
			}
		}
	}
}

// TestBrowserSelfScheduling: the candidate opens the emailed link in a
// browser; the page picks the browser's time zone by itself, the candidate
// clicks a time and sees the confirmation with reschedule and cancel.
func TestBrowserSelfScheduling(t *testing.T) {
	requireBrowser(t)
	t.Parallel()
	se := newSchedEnv(t, "sqlite")
	plan := se.plan(t, skillkeepr.ModePanel)
	if _, err := se.svc.Scheduling.CreateSchedulingLink(se.ctx(se.org.Recruiter), se.app.ID, plan.ID, 0); err != nil {
		t.Fatal(err)
	}
	path := se.linkPath(t)
	ctx, run := startBrowser(t)
	run("open the scheduling link",
		chromedp.Navigate(se.ts.URL+path),
		chromedp.WaitVisible(chromedp.CSS(`#self-schedule button.slot`)),
	)
	loc, err := chromedp.Run(ctx, chromedp.Evaluate[string](`window.location.search`))
	if err != nil || !strings.Contains(loc, "tz=") {
		t.Fatalf("the page did not pick the browser's time zone: %q %v", loc, err)
	}
	chosen, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.querySelector('#self-schedule button.slot').textContent`))
	if err != nil {
		t.Fatal(err)
	}
	run("book the first time",
		chromedp.Click(chromedp.CSS(`#self-schedule button.slot`)),
		chromedp.WaitVisible(chromedp.CSS(`#booked`)),
	)
	when, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.querySelector('#interview-when').textContent`))
	if err != nil || !strings.Contains(when, strings.SplitN(chosen, "–", 2)[0]) {
		t.Fatalf("confirmation shows %q for the chosen %q (%v)", when, chosen, err)
	}
	run("reschedule and cancel are offered",
		chromedp.WaitVisible(chromedp.CSS(`#cancel-interview`)),
		chromedp.WaitVisible(chromedp.CSS(`#self-manage button.slot`)),
	)
	ivs, err := se.svc.Interviews.FindInterviews(se.ctx(se.org.SuperAdmin), skillkeepr.InterviewFilter{ApplicationID: se.app.ID})
	if err != nil || len(ivs) != 1 || ivs[0].Status != skillkeepr.InterviewScheduled {
		t.Fatalf("interviews after booking: %v %v", ivs, err)
	}
}

// TestSelfSchedulingOnlyOfferedTimes: a crafted form cannot book or move
// to a time outside the interviewers' availability.
func TestSelfSchedulingOnlyOfferedTimes(t *testing.T) {
	t.Parallel()
	se := newSchedEnv(t, "sqlite")
	av := skillkeepr.Availability{UserID: se.org.Collaborator.ID, Timezone: "UTC"}
	av.Weekly[time.Monday] = []skillkeepr.TimeRange{{Start: "09:00", End: "10:00"}}
	if _, err := se.svc.Availability.SetAvailability(se.ctx(se.org.SuperAdmin), av); err != nil {
		t.Fatal(err)
	}
	plan, err := se.svc.Interviews.CreateInterviewPlan(se.ctx(se.org.Recruiter), skillkeepr.InterviewPlan{JobID: se.job.ID, Name: "Chat",
		DurationMinutes: 30, Mode: skillkeepr.ModePanel, InterviewerIDs: []int64{se.org.Collaborator.ID}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := se.svc.Scheduling.CreateSchedulingLink(se.ctx(se.org.Recruiter), se.app.ID, plan.ID, 0); err != nil {
		t.Fatal(err)
	}
	path := se.linkPath(t)
	cand := se.client()
	// Next Sunday 03:00 UTC: nobody works then.
	sunday := time.Now().UTC().AddDate(0, 0, 7-int(time.Now().UTC().Weekday())).Truncate(24 * time.Hour).Add(3 * time.Hour)
	r := cand.post(path+"?tz=UTC", url.Values{"start": {sunday.Format(time.RFC3339)}, "interviewers": {strconv.FormatInt(se.org.Collaborator.ID, 10)}})
	wantStatus(t, r, http.StatusConflict)
	wantContains(t, r, "no longer available")
	if ivs, _ := se.svc.Interviews.FindInterviews(se.ctx(se.org.SuperAdmin), skillkeepr.InterviewFilter{}); len(ivs) != 0 {
		t.Fatalf("booked %d interviews outside the hours", len(ivs))
	}
	free := slots(t, r.body)
	r = cand.post(path+"?tz=UTC", url.Values{"start": {free[0][0]}, "interviewers": {free[0][1]}})
	wantStatus(t, r, http.StatusSeeOther)
	manage := strings.SplitN(r.Header.Get("Location"), "?", 2)[0]
	r = cand.post(manage+"/reschedule", url.Values{"start": {sunday.Format(time.RFC3339)}, "interviewers": {strconv.FormatInt(se.org.Collaborator.ID, 10)}, "tz": {"UTC"}})
	wantStatus(t, r, http.StatusConflict)
}
