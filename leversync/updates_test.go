package leversync_test

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/skillkeepr/skillkeepr"
	"github.com/skillkeepr/skillkeepr/lever"
	"github.com/skillkeepr/skillkeepr/leversandbox"
	"github.com/skillkeepr/skillkeepr/leversync"
	"github.com/skillkeepr/skillkeepr/sqlstore"
	"github.com/skillkeepr/skillkeepr/web"
)

// takeWebhooks removes the queued webhook tasks.
func (o *outbox) takeWebhooks() []skillkeepr.LeverWebhookTask {
	o.mu.Lock()
	defer o.mu.Unlock()
	var out []skillkeepr.LeverWebhookTask
	rest := o.tasks[:0]
	for _, t := range o.tasks {
		if wt, ok := t.(skillkeepr.LeverWebhookTask); ok {
			out = append(out, wt)
		} else {
			rest = append(rest, t)
		}
	}
	o.tasks = rest
	return out
}

type updatesEnv struct {
	*importEnv
	upd  *leversync.Updates
	hook *httptest.Server
	apps map[string]*skillkeepr.LeverApplication // by opportunity id
}

// newUpdatesEnv imports a job's candidates from the sandbox and serves
// the real webhook handler on an httptest server, registered in the
// sandbox through the API.
func newUpdatesEnv(t *testing.T, s *sqlstore.Store) *updatesEnv {
	e := newImportEnv(t, s, leversandbox.Config{Postings: 1, CandidatesPerPosting: 12, RateLimit: leversandbox.Bool(false)})
	e.importAll(t, e.org.Ctx(e.org.RecruiterAdmin))
	w, err := web.New(web.Config{Services: s.Services(), LeverWebhooks: s})
	if err != nil {
		t.Fatal(err)
	}
	hook := httptest.NewServer(w.Handler())
	t.Cleanup(hook.Close)
	upd := leversync.NewUpdates(e.conn, s, hook.URL, nil)
	apps, err := s.LeverApplications(context.Background(), e.org.Org.ID, e.job.ID)
	if err != nil || len(apps) == 0 {
		t.Fatalf("imported applications %v: %v", apps, err)
	}
	return &updatesEnv{importEnv: e, upd: upd, hook: hook, apps: apps}
}

// deliver waits for the sandbox's deliveries and processes the queued
// webhook tasks as the queue would; it returns how many there were.
func (e *updatesEnv) deliver(t *testing.T) int {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := e.sb.WaitForDeliveries(ctx); err != nil {
		t.Fatal(err)
	}
	tasks := e.ob.takeWebhooks()
	for _, task := range tasks {
		if err := e.upd.ProcessWebhook(context.Background(), task); err != nil {
			t.Fatal(err)
		}
	}
	return len(tasks)
}

func (e *updatesEnv) app(t *testing.T, oppID string) (*skillkeepr.Application, *skillkeepr.LeverApplication) {
	t.Helper()
	ctx := e.org.Ctx(e.org.SuperAdmin)
	la, err := e.store.LeverApplications(context.Background(), e.org.Org.ID, e.job.ID)
	if err != nil {
		t.Fatal(err)
	}
	a, err := e.store.FindApplicationByID(ctx, e.apps[oppID].ApplicationID)
	if err != nil {
		t.Fatal(err)
	}
	return a, la[oppID]
}

func (e *updatesEnv) timeline(t *testing.T, candidateID int64) string {
	t.Helper()
	evs, err := e.store.FindEvents(e.org.Ctx(e.org.SuperAdmin), candidateID)
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	for _, ev := range evs {
		b.WriteString(ev.Message + "\n")
	}
	return b.String()
}

func (e *updatesEnv) opps() []string {
	var out []string
	for id := range e.apps {
		out = append(out, id)
	}
	return out
}

func stageID(sb *leversandbox.Sandbox, text string) string {
	for _, st := range sb.Stages() {
		if st.Text == text || st.ID == text {
			return st.ID
		}
	}
	return sb.Stages()[len(sb.Stages())-1].ID
}

func reason(sb *leversandbox.Sandbox, typ string) leversandbox.ArchiveReason {
	for _, r := range sb.ArchiveReasons() {
		if r.Type == typ && r.Status == "active" {
			return r
		}
	}
	panic("no archive reason of type " + typ)
}

func TestLeverWebhooksEndToEnd(t *testing.T) {
	t.Parallel()
	sqlstore.ForEachEngine(t, func(t *testing.T, s *sqlstore.Store) {
		e := newUpdatesEnv(t, s)
		ctx := context.Background()
		if err := e.upd.RegisterWebhooks(ctx, e.org.Org.ID); err != nil {
			t.Fatal(err)
		}
		if err := e.upd.RegisterWebhooks(ctx, e.org.Org.ID); err != nil { // again: the earlier ones are replaced
			t.Fatal(err)
		}
		if n := len(e.sb.Webhooks()); n != 4 {
			t.Fatalf("%d webhooks registered, want 4", n)
		}
		opps := e.opps()
		cl, err := e.conn.Client(ctx, e.org.Org.ID)
		if err != nil {
			t.Fatal(err)
		}
		user := e.sb.Users()[0].ID

		// Stage change: the Lever stage name and a timeline event.
		stages := e.sb.Stages()
		target := stages[len(stages)-1]
		if err := e.sb.MoveStage(opps[0], target.ID, user); err != nil {
			t.Fatal(err)
		}
		if n := e.deliver(t); n != 1 {
			t.Fatalf("%d deliveries queued, want 1", n)
		}
		a, la := e.app(t, opps[0])
		if la.StageName != target.Text {
			t.Fatalf("stage %q, want %q", la.StageName, target.Text)
		}
		if tl := e.timeline(t, a.CandidateID); !strings.Contains(tl, "Lever stage changed") {
			t.Fatalf("timeline:\n%s", tl)
		}

		// Archive with a reason, then unarchive: back to the status before.
		nonHired := reason(e.sb, "non-hired")
		if _, err := cl.UpdateArchived(ctx, opps[1], lever.ArchiveUpdate{ReasonID: nonHired.ID}, user); err != nil {
			t.Fatal(err)
		}
		e.deliver(t)
		a, _ = e.app(t, opps[1])
		if a.Status != skillkeepr.StatusArchived {
			t.Fatalf("status %q after archive", a.Status)
		}
		if tl := e.timeline(t, a.CandidateID); !strings.Contains(tl, "Reason: "+nonHired.Text) {
			t.Fatalf("timeline without the reason:\n%s", tl)
		}
		if _, err := cl.UpdateArchived(ctx, opps[1], lever.ArchiveUpdate{}, user); err != nil {
			t.Fatal(err)
		}
		e.deliver(t)
		if a, _ = e.app(t, opps[1]); a.Status != skillkeepr.StatusNew {
			t.Fatalf("status %q after unarchive, want new", a.Status)
		}

		// Archiving cancels the upcoming interviews: the interviewer's time
		// is free again, everyone is told, and unarchiving does not bring
		// the interview back.
		admin := e.org.Ctx(e.org.SuperAdmin)
		start := time.Now().Add(72 * time.Hour).UTC().Truncate(time.Hour)
		iv, err := e.store.BookInterview(admin, skillkeepr.InterviewBooking{ApplicationID: e.apps[opps[4]].ApplicationID,
			StartsAt: start, EndsAt: start.Add(45 * time.Minute), InterviewerIDs: []int64{e.org.Recruiter.ID}})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := cl.UpdateArchived(ctx, opps[4], lever.ArchiveUpdate{ReasonID: nonHired.ID}, user); err != nil {
			t.Fatal(err)
		}
		e.deliver(t)
		got, err := e.store.FindInterviewByID(admin, iv.ID)
		if err != nil {
			t.Fatal(err)
		}
		if got.Status != skillkeepr.InterviewCanceled || !strings.Contains(got.CancelReason, nonHired.Text) {
			t.Fatalf("interview after archive: %s %q", got.Status, got.CancelReason)
		}
		var notices int
		for _, task := range e.ob.all() {
			if n, ok := task.(skillkeepr.InterviewNoticeTask); ok && n.InterviewID == iv.ID && n.Notice == skillkeepr.NoticeCanceled {
				notices++
			}
		}
		if notices != 1 {
			t.Fatalf("%d cancellation notices queued, want 1", notices)
		}
		again, err := e.store.BookInterview(admin, skillkeepr.InterviewBooking{ApplicationID: e.apps[opps[5]].ApplicationID,
			StartsAt: start, EndsAt: start.Add(45 * time.Minute), InterviewerIDs: []int64{e.org.Recruiter.ID}})
		if err != nil {
			t.Fatalf("the interviewer's time was not freed: %v", err)
		}
		if _, err := cl.UpdateArchived(ctx, opps[4], lever.ArchiveUpdate{}, user); err != nil {
			t.Fatal(err)
		}
		e.deliver(t)
		if a, _ = e.app(t, opps[4]); a.Status != skillkeepr.StatusInterviewCanceled {
			t.Fatalf("status %q after unarchive, want interview canceled", a.Status)
		}
		if got, _ := e.store.FindInterviewByID(admin, again.ID); got.Status != skillkeepr.InterviewScheduled {
			t.Fatalf("another candidate's interview was touched: %s", got.Status)
		}

		// Hired.
		if _, err := cl.UpdateArchived(ctx, opps[2], lever.ArchiveUpdate{ReasonID: reason(e.sb, "hired").ID}, user); err != nil {
			t.Fatal(err)
		}
		e.deliver(t)
		if a, _ = e.app(t, opps[2]); a.Status != skillkeepr.StatusHired {
			t.Fatalf("status %q after hire", a.Status)
		}

		// Deleted: status deleted, personal data and timeline erased, an audit entry kept.
		// What SkillKeepr holds about them goes too: comments (and the
		// notifications they caused), their answer to where they can work,
		// and their upcoming interview, canceled so the interviewer is free.
		gone := e.apps[opps[3]]
		goneApp, _ := e.app(t, opps[3])
		if _, err := e.store.CreateComment(admin, goneApp.CandidateID, "@"+e.org.RecruiterAdmin.Name+" strong on SQL"); err != nil {
			t.Fatal(err)
		}
		if _, err := e.store.SetWorkLocations(admin, goneApp.CandidateID, []string{"Remote"}); err != nil {
			t.Fatal(err)
		}
		goneIV, err := e.store.BookInterview(admin, skillkeepr.InterviewBooking{ApplicationID: gone.ApplicationID,
			StartsAt: start.Add(24 * time.Hour), EndsAt: start.Add(24*time.Hour + 30*time.Minute), InterviewerIDs: []int64{e.org.Recruiter.ID}})
		if err != nil {
			t.Fatal(err)
		}
		if n, err := e.store.UnreadNotificationCount(e.org.Ctx(e.org.RecruiterAdmin)); err != nil || n == 0 {
			t.Fatalf("the mention made no notification: %d %v", n, err)
		}
		if err := e.sb.DeleteOpportunity(opps[3], user); err != nil {
			t.Fatal(err)
		}
		e.deliver(t)
		if cs, err := e.store.FindComments(admin, goneApp.CandidateID); err != nil || len(cs) != 0 {
			t.Errorf("comments after the erasure: %v %v", cs, err)
		}
		if places, err := e.store.CandidateWorkLocations(admin, goneApp.CandidateID); err != nil || len(places) != 0 {
			t.Errorf("work locations after the erasure: %q %v", places, err)
		}
		if ns, _, err := e.store.FindNotifications(e.org.Ctx(e.org.RecruiterAdmin), skillkeepr.NotificationFilter{}); err != nil {
			t.Fatal(err)
		} else {
			for _, n := range ns {
				if n.Kind == skillkeepr.NotifyMention {
					t.Errorf("a mention of the erased candidate is kept: %+v", n)
				}
			}
		}
		if iv, err := e.store.FindInterviewByID(admin, goneIV.ID); err != nil || iv.Status != skillkeepr.InterviewCanceled {
			t.Errorf("interview after the erasure: %+v %v", iv, err)
		}
		a, _ = e.app(t, opps[3])
		if a.Status != skillkeepr.StatusDeleted {
			t.Fatalf("status %q after delete", a.Status)
		}
		c, err := e.store.FindCandidateByID(e.org.Ctx(e.org.SuperAdmin), a.CandidateID)
		if err != nil {
			t.Fatal(err)
		}
		if c.Name != "Deleted candidate" || len(c.Emails) != 0 || len(c.Phones) != 0 {
			t.Fatalf("candidate not erased: %+v", c)
		}
		if tl := e.timeline(t, a.CandidateID); strings.Contains(tl, "Lever stage") || !strings.Contains(tl, "erased") {
			t.Fatalf("timeline after erase:\n%s", tl)
		}
	})
}

func TestLeverWebhookRefusals(t *testing.T) {
	t.Parallel()
	sqlstore.ForEachEngine(t, func(t *testing.T, s *sqlstore.Store) {
		e := newUpdatesEnv(t, s)
		ctx := context.Background()
		if err := s.SetLeverWebhookEndpoint(ctx, e.org.Org.ID, "url-token"); err != nil {
			t.Fatal(err)
		}
		if err := s.SetLeverWebhookSignatureToken(ctx, e.org.Org.ID, lever.EventCandidateStageChange, "sig-key"); err != nil {
			t.Fatal(err)
		}
		opp := e.opps()[0]
		post := func(path string, body []byte) int {
			t.Helper()
			resp, err := http.Post(e.hook.URL+path, "application/json", bytes.NewReader(body))
			if err != nil {
				t.Fatal(err)
			}
			resp.Body.Close()
			return resp.StatusCode
		}
		delivery := func(key, tok string, at time.Time) []byte {
			ms := at.UnixMilli()
			b, _ := json.Marshal(map[string]any{"id": "ev-" + tok, "event": lever.EventCandidateStageChange, "triggeredAt": ms, "token": tok,
				"signature": leversandbox.SignWebhook(key, tok, ms), "data": map[string]any{"opportunityId": opp, "toStageId": "offer"}})
			return b
		}
		now := time.Now()
		cases := []struct {
			name string
			path string
			body []byte
			want int
		}{
			{"unknown address", "/hooks/lever/nope", delivery("sig-key", "t0", now), http.StatusNotFound},
			{"malformed JSON", "/hooks/lever/url-token", []byte(`{"id":`), http.StatusBadRequest},
			{"bad signature", "/hooks/lever/url-token", delivery("other-key", "t1", now), http.StatusUnauthorized},
			{"stale", "/hooks/lever/url-token", delivery("sig-key", "t2", now.Add(-11*time.Minute)), http.StatusBadRequest},
			{"future", "/hooks/lever/url-token", delivery("sig-key", "t3", now.Add(5*time.Minute)), http.StatusBadRequest},
			{"too large", "/hooks/lever/url-token", bytes.Repeat([]byte(" "), web.MaxLeverWebhookBody+1), http.StatusRequestEntityTooLarge},
			{"good", "/hooks/lever/url-token", delivery("sig-key", "t4", now), http.StatusOK},
			{"replay", "/hooks/lever/url-token", delivery("sig-key", "t4", now), http.StatusOK},
		}
		for _, c := range cases {
			if got := post(c.path, c.body); got != c.want {
				t.Errorf("%s: status %d, want %d", c.name, got, c.want)
			}
		}
		tasks := e.ob.takeWebhooks()
		if len(tasks) != 1 {
			t.Fatalf("%d tasks queued, want 1 (the replay is not queued again)", len(tasks))
		}
		// Processing twice applies once.
		for range 2 {
			if err := e.upd.ProcessWebhook(ctx, tasks[0]); err != nil {
				t.Fatal(err)
			}
		}
	})
}

func TestLeverPollCatchesMissedChanges(t *testing.T) {
	t.Parallel()
	sqlstore.ForEachEngine(t, func(t *testing.T, s *sqlstore.Store) {
		e := newUpdatesEnv(t, s) // no webhooks registered: Lever sends nothing
		ctx := context.Background()
		if err := e.upd.PollOrg(ctx, e.org.Org.ID); err != nil { // first poll
			t.Fatal(err)
		}
		opps := e.opps()
		stages := e.sb.Stages()
		target := stages[len(stages)-1]
		user := e.sb.Users()[0].ID
		if err := e.sb.MoveStage(opps[0], target.ID, user); err != nil {
			t.Fatal(err)
		}
		cl, err := e.conn.Client(ctx, e.org.Org.ID)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := cl.UpdateArchived(ctx, opps[1], lever.ArchiveUpdate{ReasonID: reason(e.sb, "hired").ID}, user); err != nil {
			t.Fatal(err)
		}
		if err := e.sb.DeleteOpportunity(opps[2], user); err != nil {
			t.Fatal(err)
		}
		if err := e.upd.PollAll(ctx); err != nil {
			t.Fatal(err)
		}
		if a, _ := e.app(t, opps[2]); a.Status != skillkeepr.StatusDeleted {
			t.Fatalf("status %q after poll, want deleted", a.Status)
		}
		if _, la := e.app(t, opps[0]); la.StageName != target.Text {
			t.Fatalf("stage %q after poll, want %q", la.StageName, target.Text)
		}
		if a, _ := e.app(t, opps[1]); a.Status != skillkeepr.StatusHired {
			t.Fatalf("status %q after poll, want hired", a.Status)
		}
		if n := len(e.ob.takeWebhooks()); n != 0 {
			t.Fatalf("%d webhook tasks without webhooks", n)
		}
	})
}
