package api_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/skillkeepr/skillkeepr"
	"github.com/skillkeepr/skillkeepr/api"
	"github.com/skillkeepr/skillkeepr/leversandbox"
	"github.com/skillkeepr/skillkeepr/leversync"
)

// withLeverPush is withLever with the push, connection, settings and
// updates routes wired; it returns the sandbox and the push service.
func withLeverPush(t *testing.T, e *env) (*leversandbox.Sandbox, *leversync.Pushes) {
	t.Helper()
	sb := withLever(t, e)
	push := leversync.NewPushes(e.conn, e.st, leversync.NewStageSync(e.conn, e.st), nil)
	e.api = api.New(api.Config{Services: e.svc, LeverJobs: leversync.NewJobs(e.conn, e.st), LeverImports: e.st,
		LeverPushes: push, Lever: e.conn, LeverWrites: e.st, LeverUpdates: leversync.NewUpdates(e.conn, e.st, "http://127.0.0.1:9", nil)})
	e.h = e.api
	return sb, push
}

func TestLeverPushAPI(t *testing.T) {
	t.Parallel()
	forEachEngine(t, func(t *testing.T, e *env) {
		sb, push := withLeverPush(t, e)
		hr := e.a.RecruiterAdmin
		p := sb.Postings()[0]
		jobs := leversync.NewJobs(e.conn, e.st)
		d, err := jobs.LeverJobDraft(ctxAs(hr), p.ID)
		if err != nil {
			t.Fatal(err)
		}
		d.Fields.DepartmentID = e.a.Engineering.ID
		job, err := jobs.ImportLeverJob(ctxAs(hr), skillkeepr.LeverJobImport{PostingID: p.ID, Fields: d.Fields, StageMapping: d.StageMapping})
		if err != nil {
			t.Fatal(err)
		}
		opp := sb.Opportunities(p.ID)[0]
		_, app := e.mustCandidate(hr, "Sam Lee", "sam@example.test", job.ID)
		if err := e.st.SetApplicationLeverOpportunity(context.Background(), e.a.Org.ID, app.ID, opp.ID); err != nil {
			t.Fatal(err)
		}
		base := fmt.Sprintf("/api/v1/applications/%d/lever", app.ID)
		decode[skillkeepr.Error](t, e.do(hr, "GET", base+"/push", nil), 404)
		decode[skillkeepr.Error](t, e.do(hr, "GET", base+"/push-dialog", nil), 400) // not recommended yet
		decode[skillkeepr.Application](t, e.do(hr, "PUT", fmt.Sprintf("/api/v1/applications/%d/status", app.ID),
			map[string]string{"status": "recommended", "note": "Ship it."}), 200)

		dl := decode[skillkeepr.LeverPushDialog](t, e.do(hr, "GET", base+"/push-dialog", nil), 200)
		if len(dl.Stages) != len(sb.Stages()) || dl.Stages[0].ID != sb.Stages()[0].ID || dl.CandidateName != "Sam Lee" {
			t.Fatalf("dialog %+v", dl)
		}
		// Others: not allowed, or not found (another organisation, a job not assigned).
		decode[skillkeepr.Error](t, e.do(e.a.Collaborator, "POST", base+"/push", map[string]string{"stage_id": dl.Stages[1].ID}), 403)
		decode[skillkeepr.Error](t, e.do(e.a.Recruiter, "POST", base+"/push", map[string]string{"stage_id": dl.Stages[1].ID}), 404)
		decode[skillkeepr.Error](t, e.do(e.b.SuperAdmin, "GET", base+"/push", nil), 404)
		// Bad input: field errors.
		decode[skillkeepr.Error](t, e.do(hr, "POST", base+"/push", map[string]string{}), 400)
		decode[skillkeepr.Error](t, e.do(hr, "POST", base+"/push", map[string]string{"stage_id": "not-a-stage"}), 400)
		decode[skillkeepr.Error](t, e.do(hr, "POST", base+"/push", map[string]any{"stage_id": 7}), 400)

		lu := sb.AdminUser()
		ws := decode[skillkeepr.LeverWriteSettings](t, e.do(e.a.SuperAdmin, "PUT", "/api/v1/lever/settings",
			map[string]any{"keep_all_tags": false, "fallback_user_id": lu.ID, "fallback_user_name": lu.Name}), 200)
		if ws.FallbackUserID != lu.ID {
			t.Fatalf("settings %+v", ws)
		}
		pu := decode[skillkeepr.LeverPush](t, e.do(hr, "POST", base+"/push", map[string]string{"stage_id": dl.Stages[1].ID}), 202)
		if pu.State != skillkeepr.PushQueued || pu.StageName != dl.Stages[1].Name || pu.RequestedByName != hr.Name {
			t.Fatalf("push %+v", pu)
		}
		for _, task := range e.enq.Tasks() {
			if pt, ok := task.(skillkeepr.LeverPushTask); ok {
				if err := push.RunLeverPush(context.Background(), pt, false); err != nil {
					t.Fatal(err)
				}
			}
		}
		got := decode[skillkeepr.LeverPush](t, e.do(e.a.Collaborator, "GET", base+"/push", nil), 200)
		if got.State != skillkeepr.PushPushed || got.PushedAt == nil || got.PerformedAs != lu.Name || !got.Steps.Stage || got.Steps.Note != "done" {
			t.Fatalf("status %+v", got)
		}
		decode[skillkeepr.Error](t, e.do(hr, "POST", base+"/push", map[string]string{"stage_id": dl.Stages[1].ID}), 409)
		if st, _ := sb.Stage(opp.ID); st.ID != dl.Stages[1].ID || len(sb.Notes(opp.ID)) != 1 {
			t.Fatalf("Lever: stage %s, %d notes", st.Text, len(sb.Notes(opp.ID)))
		}
	})
}

func TestLeverConnectionAPI(t *testing.T) {
	t.Parallel()
	forEachEngine(t, func(t *testing.T, e *env) {
		withLeverPush(t, e)
		admin := e.a.SuperAdmin
		c := decode[skillkeepr.LeverConnection](t, e.do(e.a.Recruiter, "GET", "/api/v1/lever/connection", nil), 200)
		if c.Status != skillkeepr.LeverConnected || c.Mode != skillkeepr.LeverModeAPIKey {
			t.Fatalf("connection %+v", c)
		}
		for _, u := range []*skillkeepr.User{e.a.RecruiterAdmin, e.a.Recruiter, e.a.Collaborator} {
			decode[skillkeepr.Error](t, e.do(u, "DELETE", "/api/v1/lever/connection", nil), 403)
			decode[skillkeepr.Error](t, e.do(u, "PUT", "/api/v1/lever/connection/api-key", map[string]string{"api_key": "x"}), 403)
			decode[skillkeepr.Error](t, e.do(u, "GET", "/api/v1/lever/settings", nil), 403)
			decode[skillkeepr.Error](t, e.do(u, "POST", "/api/v1/lever/updates", nil), 403)
		}
		if r := e.do(admin, "DELETE", "/api/v1/lever/connection", nil); r.Code != 204 {
			t.Fatalf("disconnect: %s", r)
		}
		c = decode[skillkeepr.LeverConnection](t, e.do(admin, "GET", "/api/v1/lever/connection", nil), 200)
		if c.Status != skillkeepr.LeverDisconnected {
			t.Fatalf("after disconnect %+v", c)
		}
		_, _, fields := e.do(admin, "PUT", "/api/v1/lever/connection/api-key", map[string]string{"api_key": "wrong-key"}).errBody(t)
		if fields["api_key"] == "" {
			t.Fatalf("a refused key: fields %v", fields)
		}
		decode[skillkeepr.Error](t, e.do(admin, "PUT", "/api/v1/lever/connection/api-key", map[string]string{}), 400)
		c = decode[skillkeepr.LeverConnection](t, e.do(admin, "PUT", "/api/v1/lever/connection/api-key", map[string]string{"api_key": leversandbox.DefaultAPIKey}), 200)
		if c.Status != skillkeepr.LeverConnected {
			t.Fatalf("after connect %+v", c)
		}
		ws := decode[skillkeepr.LeverWriteSettings](t, e.do(admin, "GET", "/api/v1/lever/settings", nil), 200)
		if ws.KeepAllTags || ws.FallbackUserID != "" {
			t.Fatalf("settings %+v", ws)
		}
		decode[skillkeepr.Error](t, e.do(admin, "PUT", "/api/v1/lever/settings", map[string]any{"keep_all_tags": true, "fallback_user_id": "nope", "fallback_user_name": ""}), 400)
		ws = decode[skillkeepr.LeverWriteSettings](t, e.do(admin, "PUT", "/api/v1/lever/settings", map[string]any{"keep_all_tags": true, "fallback_user_id": "", "fallback_user_name": ""}), 200)
		if !ws.KeepAllTags {
			t.Fatalf("settings %+v", ws)
		}
		if r := e.do(admin, "POST", "/api/v1/lever/updates", nil); r.Code != 204 {
			t.Fatalf("register updates: %s", r)
		}
		// Organisation b never connected.
		c = decode[skillkeepr.LeverConnection](t, e.do(e.b.SuperAdmin, "GET", "/api/v1/lever/connection", nil), 200)
		if c.Status != skillkeepr.LeverDisconnected {
			t.Fatalf("b %+v", c)
		}
	})
}
