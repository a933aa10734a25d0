package leversync_test

import (
	"context"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/skillkeepr/skillkeepr"
	"github.com/skillkeepr/skillkeepr/leversandbox"
	"github.com/skillkeepr/skillkeepr/leversync"
	"github.com/skillkeepr/skillkeepr/queue"
	"github.com/skillkeepr/skillkeepr/secret"
	"github.com/skillkeepr/skillkeepr/sqlstore"
)

// nopMailer satisfies the queue's need for a Mailer; these tests send no email.
type nopMailer struct{}

func (nopMailer) Send(context.Context, skillkeepr.EmailMessage) error { return nil }

// tagsEnv is an organisation connected to the sandbox with a job imported
// from a posting, one application linked to a Lever opportunity of that
// posting, and a real River queue working lever_stage_sync jobs.
type tagsEnv struct {
	*env
	jobs    *leversync.Jobs
	sync    *leversync.StageSync
	job     *skillkeepr.Job
	app     *skillkeepr.Application
	opp     string
	stageA  leversandbox.Stage // mapped from shortlisted
	stageB  leversandbox.Stage // mapped from interview scheduled
	initial string             // the opportunity's stage before any change
	lena    *skillkeepr.User   // has a Lever user with her email
}

func newTagsEnv(t *testing.T, s *sqlstore.Store, oauth bool) *tagsEnv {
	t.Helper()
	box, err := secret.New(secret.NewKey())
	if err != nil {
		t.Fatal(err)
	}
	s.SetCipher(box)
	org := sqlstore.SeedTestOrg(t, s, "Acme")
	sb, srv := leversandbox.NewTestServer(t, leversandbox.Config{Postings: 1, CandidatesPerPosting: 3, RateLimit: leversandbox.Bool(true)})
	e := &tagsEnv{env: &env{t: t, store: s, org: org, sb: sb, lever: srv.URL, tr: &countingTransport{}}}
	// Lena has the email of the sandbox's Lever Super Admin, so the changes
	// she makes are performed as her Lever user.
	if e.lena, err = s.CreateUser(context.Background(), skillkeepr.UserCreate{OrgID: org.Org.ID, Email: leversandbox.DefaultAdminEmail,
		Name: "Lena Acme", Role: skillkeepr.RoleRecruiterAdmin, PasswordHash: "test-password-hash"}); err != nil {
		t.Fatal(err)
	}
	e.conn = e.connector()
	e.jobs = leversync.NewJobs(e.conn, s)
	ctx := org.Ctx(org.SuperAdmin)
	if oauth {
		e.connectOAuth(ctx)
	} else {
		e.connectKey()
	}

	p := sb.Postings()[0]
	d, err := e.jobs.LeverJobDraft(ctx, p.ID)
	if err != nil {
		t.Fatal(err)
	}
	var opp leversandbox.Opportunity
	for _, o := range sb.Opportunities(p.ID) {
		if o.Archived == nil {
			opp = o
			break
		}
	}
	if opp.ID == "" {
		t.Fatal("no active opportunity in the sandbox")
	}
	e.opp, e.initial = opp.ID, opp.Stage
	// Two stages other than the opportunity's own.
	var others []leversandbox.Stage
	for _, st := range sb.Stages() {
		if st.ID != opp.Stage {
			others = append(others, st)
		}
	}
	e.stageA, e.stageB = others[1], others[2]
	imp := importOf(d, org.Engineering.ID)
	imp.StageMapping = []skillkeepr.LeverStageMap{
		{Status: skillkeepr.StatusShortlisted, StageID: e.stageA.ID},
		{Status: skillkeepr.StatusInterviewScheduled, StageID: e.stageB.ID},
	}
	if e.job, err = e.jobs.ImportLeverJob(ctx, imp); err != nil {
		t.Fatal(err)
	}
	_, e.app, err = s.CreateCandidate(ctx, skillkeepr.CandidateCreate{JobID: e.job.ID,
		CandidateFields: skillkeepr.CandidateFields{Name: "Sam Lee", Emails: []string{"sam@example.test"}}})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.SetApplicationLeverOpportunity(context.Background(), org.Org.ID, e.app.ID, e.opp); err != nil {
		t.Fatal(err)
	}

	e.sync = leversync.NewStageSync(e.conn, s)
	if err := queue.Migrate(context.Background(), s.Engine(), s.DB()); err != nil {
		t.Fatal(err)
	}
	q, err := queue.New(queue.Config{Engine: s.Engine(), DB: s.DB(), Mailer: nopMailer{}, LeverStageSync: e.sync,
		PollInterval: 50 * time.Millisecond, LeverPauseRetry: 300 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	s.SetEnqueuer(q)
	if err := q.Start(context.Background()); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		_ = q.Stop(ctx)
	})
	return e
}

// setStatus changes the application's status as u.
func (e *tagsEnv) setStatus(u *skillkeepr.User, st skillkeepr.ApplicationStatus) {
	e.t.Helper()
	if _, err := e.store.SetApplicationStatus(e.org.Ctx(u), e.app.ID, st, ""); err != nil {
		e.t.Fatal(err)
	}
}

// skTags returns the opportunity's SkillKeepr tags in Lever, sorted.
func (e *tagsEnv) skTags() []string {
	var out []string
	for _, t := range e.sb.Tags(e.opp) {
		if strings.HasPrefix(t, "skillkeepr:") {
			out = append(out, t)
		}
	}
	slices.Sort(out)
	return out
}

func (e *tagsEnv) stage() string {
	st, _ := e.sb.Stage(e.opp)
	return st.ID
}

// events returns the Lever outcomes on the candidate's timeline, oldest first.
func (e *tagsEnv) events() []*skillkeepr.Event {
	e.t.Helper()
	evs, err := e.store.FindEvents(e.org.Ctx(e.org.SuperAdmin), e.app.CandidateID)
	if err != nil {
		e.t.Fatal(err)
	}
	var out []*skillkeepr.Event
	for _, ev := range slices.Backward(evs) {
		if strings.HasPrefix(ev.Kind, "lever_") {
			out = append(out, ev)
		}
	}
	return out
}

// waitEvents waits until the timeline has n Lever outcomes.
func (e *tagsEnv) waitEvents(n int) []*skillkeepr.Event {
	e.t.Helper()
	deadline := time.Now().Add(15 * time.Second)
	for {
		// "Waiting" notes are not outcomes: on a loaded machine a write may
		// time out and be retried, which the timeline says before its outcome.
		evs := slices.DeleteFunc(e.events(), func(ev *skillkeepr.Event) bool { return ev.Kind == "lever_sync_waiting" })
		if len(evs) >= n {
			return evs
		}
		if time.Now().After(deadline) {
			e.t.Fatalf("%d Lever outcomes on the timeline after 15s, want %d: %v", len(evs), n, messages(evs))
		}
		time.Sleep(25 * time.Millisecond)
	}
}

func messages(evs []*skillkeepr.Event) []string {
	var out []string
	for _, ev := range evs {
		out = append(out, ev.Kind+": "+ev.Message)
	}
	return out
}

func wantTags(t *testing.T, got []string, want ...string) {
	t.Helper()
	slices.Sort(want)
	if !slices.Equal(got, want) {
		t.Fatalf("SkillKeepr tags in Lever %q, want %q", got, want)
	}
}

func TestStageTags(t *testing.T) {
	t.Parallel()
	sqlstore.ForEachEngine(t, func(t *testing.T, s *sqlstore.Store) {
		e := newTagsEnv(t, s, false)
		ada := e.lena
		admin := e.sb.AdminUser()

		e.setStatus(ada, skillkeepr.StatusShortlisted)
		evs := e.waitEvents(1)
		wantTags(t, e.skTags(), "skillkeepr: candidate shortlisted")
		if e.stage() != e.stageA.ID {
			t.Fatalf("stage %s, want %s (%s)", e.stage(), e.stageA.ID, e.stageA.Text)
		}
		if evs[0].Kind != "lever_synced" || !strings.Contains(evs[0].Message, `tag "skillkeepr: candidate shortlisted" added`) ||
			!strings.Contains(evs[0].Message, `moved to stage "`+e.stageA.Text+`"`) || !strings.Contains(evs[0].Message, admin.Name) {
			t.Fatalf("timeline says %q", evs[0].Message)
		}
		// Performed as the Lever user with Ada's email.
		o, _ := e.sb.Opportunity(e.opp)
		if last := o.StageChanges[len(o.StageChanges)-1]; last.ToStageID != e.stageA.ID || last.UserID != admin.ID {
			t.Fatalf("last stage change %+v, want to %s by %s", last, e.stageA.ID, admin.ID)
		}

		e.setStatus(ada, skillkeepr.StatusInterviewScheduled)
		evs = e.waitEvents(2)
		wantTags(t, e.skTags(), "skillkeepr: interview scheduled")
		if e.stage() != e.stageB.ID {
			t.Fatalf("stage %s, want %s", e.stage(), e.stageB.ID)
		}
		if !strings.Contains(evs[1].Message, `replacing "skillkeepr: candidate shortlisted"`) {
			t.Fatalf("timeline says %q", evs[1].Message)
		}

		// Interview completed is mapped to "don't move".
		e.setStatus(ada, skillkeepr.StatusInterviewCompleted)
		evs = e.waitEvents(3)
		wantTags(t, e.skTags(), "skillkeepr: interview completed")
		if e.stage() != e.stageB.ID {
			t.Fatalf("stage moved to %s on a status mapped to don't move", e.stage())
		}
		if !strings.Contains(evs[2].Message, "the stage is not moved") {
			t.Fatalf("timeline says %q", evs[2].Message)
		}
		// Other tags of the opportunity are left alone.
		seeded, _ := e.sb.Opportunity(e.opp)
		for _, tag := range seeded.Tags {
			if !strings.HasPrefix(tag, "skillkeepr:") && !slices.Contains(e.sb.Tags(e.opp), tag) {
				t.Fatalf("tag %q was removed", tag)
			}
		}

		// A status that is not written to Lever changes nothing there.
		e.setStatus(ada, skillkeepr.StatusNotRecommended)
		time.Sleep(300 * time.Millisecond)
		if n := len(e.events()); n != 3 {
			t.Fatalf("%d Lever outcomes after a status not written to Lever: %v", n, messages(e.events()))
		}
		wantTags(t, e.skTags(), "skillkeepr: interview completed")
	})
}

func TestStageTagsKeepAll(t *testing.T) {
	t.Parallel()
	sqlstore.ForEachEngine(t, func(t *testing.T, s *sqlstore.Store) {
		e := newTagsEnv(t, s, false)
		ada := e.lena
		if _, err := s.UpdateLeverWriteSettings(e.org.Ctx(e.org.SuperAdmin), skillkeepr.LeverWriteSettings{KeepAllTags: true}); err != nil {
			t.Fatal(err)
		}
		e.setStatus(ada, skillkeepr.StatusShortlisted)
		e.waitEvents(1)
		e.setStatus(ada, skillkeepr.StatusInterviewScheduled)
		e.waitEvents(2)
		wantTags(t, e.skTags(), "skillkeepr: candidate shortlisted", "skillkeepr: interview scheduled")
		if e.stage() != e.stageB.ID {
			t.Fatalf("stage %s, want %s", e.stage(), e.stageB.ID)
		}
	})
}

func TestStageTagsFallbackUser(t *testing.T) {
	t.Parallel()
	sqlstore.ForEachEngine(t, func(t *testing.T, s *sqlstore.Store) {
		e := newTagsEnv(t, s, false)
		rita := e.org.RecruiterAdmin // no Lever user has her email

		e.setStatus(rita, skillkeepr.StatusShortlisted)
		evs := e.waitEvents(1)
		want := "Could not update Lever: no Lever user matches " + rita.Email + " and no fallback Lever user is set in Settings."
		if evs[0].Kind != "lever_sync_failed" || !strings.HasPrefix(evs[0].Message, want) {
			t.Fatalf("timeline says %s: %q, want %q", evs[0].Kind, evs[0].Message, want)
		}
		if tags := e.skTags(); len(tags) != 0 {
			t.Fatalf("tags %q written without a Lever user", tags)
		}
		// Retrying cannot help: the job is cancelled, not retried.
		deadline := time.Now().Add(5 * time.Second)
		for !jobIn(t, s, "cancelled") {
			if time.Now().After(deadline) {
				t.Fatal("the job without a Lever user was not cancelled")
			}
			time.Sleep(25 * time.Millisecond)
		}

		// Settings: the fallback is chosen from the account's Lever users.
		users, err := e.sync.LeverUsers(e.org.Ctx(e.org.SuperAdmin))
		if err != nil {
			t.Fatal(err)
		}
		var fb skillkeepr.LeverUser
		for _, u := range users {
			if u.ID != e.sb.AdminUser().ID {
				fb = u
				break
			}
		}
		if fb.ID == "" {
			t.Fatalf("no Lever user to choose among %v", users)
		}
		if _, err := e.sync.LeverUsers(e.org.Ctx(rita)); skillkeepr.ErrorCodeOf(err) != skillkeepr.EFORBIDDEN && skillkeepr.ErrorCodeOf(err) != skillkeepr.ENOTFOUND {
			t.Fatalf("a Recruiter Admin lists Lever users: %v", err)
		}
		if _, err := s.UpdateLeverWriteSettings(e.org.Ctx(e.org.SuperAdmin), skillkeepr.LeverWriteSettings{FallbackUserID: fb.ID, FallbackUserName: fb.Name}); err != nil {
			t.Fatal(err)
		}
		e.setStatus(rita, skillkeepr.StatusInterviewScheduled)
		evs = e.waitEvents(2)
		if evs[1].Kind != "lever_synced" || !strings.Contains(evs[1].Message, fb.Name) {
			t.Fatalf("timeline says %s: %q", evs[1].Kind, evs[1].Message)
		}
		wantTags(t, e.skTags(), "skillkeepr: interview scheduled")
		o, _ := e.sb.Opportunity(e.opp)
		if last := o.StageChanges[len(o.StageChanges)-1]; last.ToStageID != e.stageB.ID || last.UserID != fb.ID {
			t.Fatalf("last stage change %+v, want to %s by the fallback user %s", last, e.stageB.ID, fb.ID)
		}
	})
}

func TestStageTagsPauseWhileRevoked(t *testing.T) {
	t.Parallel()
	sqlstore.ForEachEngine(t, func(t *testing.T, s *sqlstore.Store) {
		e := newTagsEnv(t, s, true)
		ada := e.lena
		ctx := e.org.Ctx(e.org.SuperAdmin)
		e.sb.Revoke(leversandbox.DefaultClientID)
		e.sb.ExpireAllTokens()

		e.setStatus(ada, skillkeepr.StatusShortlisted)
		deadline := time.Now().Add(10 * time.Second)
		for {
			lc, err := e.conn.LeverConnection(ctx)
			if err != nil {
				t.Fatal(err)
			}
			if lc.Status == skillkeepr.LeverRevoked {
				break
			}
			if time.Now().After(deadline) {
				t.Fatalf("connection still %s", lc.Status)
			}
			time.Sleep(25 * time.Millisecond)
		}
		time.Sleep(time.Second) // several pause periods
		// One line on the timeline says that the update waits.
		if evs := e.events(); len(evs) != 1 || evs[0].Kind != "lever_sync_waiting" || !strings.Contains(evs[0].Message, "Lever is not connected") {
			t.Fatalf("Lever outcomes while paused: %v", messages(evs))
		}
		if tags := e.skTags(); len(tags) != 0 {
			t.Fatalf("tags %q while revoked", tags)
		}
		if jobIn(t, s, "discarded") || jobIn(t, s, "cancelled") || queueIdle(t, s) {
			t.Fatal("the Lever write was dropped while paused")
		}

		// A Super Admin connects again: the queued write runs, and its
		// outcome follows the waiting note.
		e.connectOAuth(ctx)
		if evs := e.waitEvents(1); evs[0].Kind != "lever_synced" {
			t.Fatalf("after reconnecting: %v", messages(evs))
		}
		wantTags(t, e.skTags(), "skillkeepr: candidate shortlisted")
		if e.stage() != e.stageA.ID {
			t.Fatalf("stage %s, want %s", e.stage(), e.stageA.ID)
		}
	})
}

func TestStageTagsOrder(t *testing.T) {
	t.Parallel()
	sqlstore.ForEachEngine(t, func(t *testing.T, s *sqlstore.Store) {
		e := newTagsEnv(t, s, false)
		ada := e.lena
		// Quick changes, each enqueuing its own job: Lever ends with the last.
		e.setStatus(ada, skillkeepr.StatusShortlisted)
		e.setStatus(ada, skillkeepr.StatusInterviewScheduled)
		e.setStatus(ada, skillkeepr.StatusInterviewCanceled)
		e.setStatus(ada, skillkeepr.StatusInterviewScheduled)
		deadline := time.Now().Add(15 * time.Second)
		for {
			tags := e.skTags()
			if slices.Equal(tags, []string{"skillkeepr: interview scheduled"}) && e.stage() == e.stageB.ID && queueIdle(t, s) {
				break
			}
			if time.Now().After(deadline) {
				t.Fatalf("tags %q, stage %s after the changes; want the last status", tags, e.stage())
			}
			time.Sleep(50 * time.Millisecond)
		}
		wantTags(t, e.skTags(), "skillkeepr: interview scheduled")
		if e.stage() != e.stageB.ID {
			t.Fatalf("stage %s, want %s", e.stage(), e.stageB.ID)
		}
	})
}

// jobIn reports whether a lever_stage_sync job is in state.
func jobIn(t *testing.T, s *sqlstore.Store, state string) bool {
	t.Helper()
	var n int
	if err := s.DB().QueryRow(`SELECT count(*) FROM river_job WHERE kind = 'lever_stage_sync' AND state = '` + state + `'`).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n > 0
}

// queueIdle reports whether no lever_stage_sync job is waiting or running.
func queueIdle(t *testing.T, s *sqlstore.Store) bool {
	t.Helper()
	var n int
	if err := s.DB().QueryRow(`SELECT count(*) FROM river_job WHERE kind = 'lever_stage_sync' AND state IN ('available', 'running', 'scheduled', 'retryable')`).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n == 0
}

var _ http.RoundTripper = (*countingTransport)(nil)

// TestStageTagsOrderTwoProcesses: two worker processes (two stores, two
// connectors, two River clients on one database) work the jobs of many
// quick changes; Lever ends with the last status.
func TestStageTagsOrderTwoProcesses(t *testing.T) {
	t.Parallel()
	sqlstore.ForEachEngine(t, func(t *testing.T, s *sqlstore.Store) {
		e := newTagsEnv(t, s, false)
		twin := sqlstore.OpenTestTwin(t, s)
		c2, err := leversync.New(leversync.Config{Store: twin, APIURL: e.lever + "/v1"})
		if err != nil {
			t.Fatal(err)
		}
		q2, err := queue.New(queue.Config{Engine: twin.Engine(), DB: twin.DB(), Mailer: nopMailer{},
			LeverStageSync: leversync.NewStageSync(c2, twin), PollInterval: 50 * time.Millisecond})
		if err != nil {
			t.Fatal(err)
		}
		if err := q2.Start(context.Background()); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() {
			ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
			defer cancel()
			_ = q2.Stop(ctx)
		})
		path := []skillkeepr.ApplicationStatus{skillkeepr.StatusShortlisted, skillkeepr.StatusInterviewScheduled,
			skillkeepr.StatusInterviewNoShow, skillkeepr.StatusInterviewScheduled, skillkeepr.StatusInterviewCompleted,
			skillkeepr.StatusReviewCompleted, skillkeepr.StatusShortlisted, skillkeepr.StatusInterviewScheduled}
		for _, st := range path {
			e.setStatus(e.lena, st)
			time.Sleep(20 * time.Millisecond)
		}
		deadline := time.Now().Add(20 * time.Second)
		for !queueIdle(t, s) {
			if time.Now().After(deadline) {
				t.Fatal("jobs still waiting after 20s")
			}
			time.Sleep(50 * time.Millisecond)
		}
		wantTags(t, e.skTags(), "skillkeepr: interview scheduled")
		if e.stage() != e.stageB.ID {
			t.Fatalf("stage %s, want %s", e.stage(), e.stageB.ID)
		}
	})
}
