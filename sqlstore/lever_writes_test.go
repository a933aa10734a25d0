package sqlstore

import (
	"context"
	"testing"

	"github.com/skillkeepr/skillkeepr"
)

func (e *RecordingEnqueuer) stageSyncs() []skillkeepr.LeverStageSyncTask {
	e.mu.Lock()
	defer e.mu.Unlock()
	var out []skillkeepr.LeverStageSyncTask
	for _, t := range e.tasks {
		if st, ok := t.(skillkeepr.LeverStageSyncTask); ok {
			out = append(out, st)
		}
	}
	return out
}

// TestStatusChangeEnqueuesStageSync: a change to one of the seven statuses
// enqueues lever_stage_sync in its transaction only for an application with
// a Lever opportunity, on a job imported from Lever, of an organisation
// with a Lever connection.
func TestStatusChangeEnqueuesStageSync(t *testing.T) {
	t.Parallel()
	ForEachEngine(t, func(t *testing.T, s *Store) {
		s.SetCipher(testCipher(t))
		enq := &RecordingEnqueuer{}
		s.SetEnqueuer(enq)
		o := SeedTestOrg(t, s, "Acme")
		admin := o.Ctx(o.SuperAdmin)
		const opp = "0f3c1a52-8a1e-4c55-9d8e-2b8f4b1d3e77"
		job, err := s.ImportLeverJob(admin, skillkeepr.LeverJobRecord{PostingID: "4e0e8b52-1c1a-4c1b-8e1f-5a6b7c8d9e0f",
			PostingTitle: "Backend", Fields: jobFieldsFor("Backend", o.Engineering.ID)})
		ok(t, err)
		plain, err := s.CreateJob(admin, jobFieldsFor("Local", o.Engineering.ID))
		ok(t, err)
		_, app, err := s.CreateCandidate(admin, skillkeepr.CandidateCreate{JobID: job.ID,
			CandidateFields: skillkeepr.CandidateFields{Name: "Sam Lee", Emails: []string{"sam@example.test"}}})
		ok(t, err)
		_, local, err := s.CreateCandidate(admin, skillkeepr.CandidateCreate{JobID: plain.ID,
			CandidateFields: skillkeepr.CandidateFields{Name: "Kim Park", Emails: []string{"kim@example.test"}}})
		ok(t, err)

		// Not connected, no opportunity: nothing.
		_, err = s.SetApplicationStatus(admin, app.ID, skillkeepr.StatusShortlisted, "")
		ok(t, err)
		ok(t, s.SetApplicationLeverOpportunity(context.Background(), o.Org.ID, app.ID, opp))
		ok(t, s.SetApplicationLeverOpportunity(context.Background(), o.Org.ID, local.ID, opp))
		_, err = s.SetApplicationStatus(admin, app.ID, skillkeepr.StatusInterviewScheduled, "")
		ok(t, err)
		if n := len(enq.stageSyncs()); n != 0 {
			t.Fatalf("%d tasks without a Lever connection", n)
		}

		_, err = s.SaveLeverConnection(admin, skillkeepr.LeverConnect{Mode: skillkeepr.LeverModeAPIKey, APIKey: "k"})
		ok(t, err)
		_, err = s.SetApplicationStatus(admin, app.ID, skillkeepr.StatusInterviewCompleted, "")
		ok(t, err)
		_, err = s.SetApplicationStatus(admin, app.ID, skillkeepr.StatusInterviewCompleted, "a note, same status") // no change
		ok(t, err)
		_, err = s.SetApplicationStatus(admin, app.ID, skillkeepr.StatusNotRecommended, "") // not written to Lever
		ok(t, err)
		_, err = s.SetApplicationStatus(admin, local.ID, skillkeepr.StatusShortlisted, "") // job not from Lever
		ok(t, err)
		got := enq.stageSyncs()
		want := skillkeepr.LeverStageSyncTask{OrgID: o.Org.ID, ApplicationID: app.ID, OpportunityID: opp,
			Status: skillkeepr.StatusInterviewCompleted, ActorID: o.SuperAdmin.ID}
		if len(got) != 1 || got[0] != want {
			t.Fatalf("tasks %+v, want %+v", got, want)
		}

		// Revoked: still enqueued (the work waits for a new connection).
		var gen int64
		ok(t, s.read().queryRow(context.Background(), `SELECT generation FROM lever_connections WHERE org_id = ?`, o.Org.ID).Scan(&gen))
		_, err = s.MarkLeverRevoked(context.Background(), o.Org.ID, gen)
		ok(t, err)
		_, err = s.SetApplicationStatus(admin, app.ID, skillkeepr.StatusRecommended, "")
		ok(t, err)
		if n := len(enq.stageSyncs()); n != 2 {
			t.Fatalf("%d tasks after a change while revoked, want 2", n)
		}
		// Disconnected on purpose: no more Lever writes.
		ok(t, s.DisconnectLever(admin))
		_, err = s.SetApplicationStatus(admin, app.ID, skillkeepr.StatusShortlisted, "")
		ok(t, err)
		if n := len(enq.stageSyncs()); n != 2 {
			t.Fatalf("%d tasks after a change while disconnected, want 2", n)
		}

		// What the worker reads.
		st, err := s.LeverStageSync(context.Background(), o.Org.ID, app.ID, o.SuperAdmin.ID)
		ok(t, err)
		if st.Status != skillkeepr.StatusShortlisted || st.OpportunityID != opp || st.ActorEmail != o.SuperAdmin.Email ||
			st.TagPrefix != "skillkeepr" || st.CandidateID != app.CandidateID || len(st.StageMapping) != len(skillkeepr.LeverStatuses) {
			t.Fatalf("stage sync state %+v", st)
		}
		// Another organisation's application is not found.
		other := SeedTestOrg(t, s, "Globex")
		if _, err := s.LeverStageSync(context.Background(), other.Org.ID, app.ID, 0); skillkeepr.ErrorCodeOf(err) != skillkeepr.ENOTFOUND {
			t.Fatalf("another organisation reads the application: %v", err)
		}
		if err := s.SetApplicationLeverOpportunity(context.Background(), other.Org.ID, app.ID, opp); skillkeepr.ErrorCodeOf(err) != skillkeepr.ENOTFOUND {
			t.Fatalf("another organisation links the application: %v", err)
		}

		// Settings: Super Admin only, audited.
		if _, err := s.UpdateLeverWriteSettings(o.Ctx(o.RecruiterAdmin), skillkeepr.LeverWriteSettings{KeepAllTags: true}); err == nil {
			t.Fatal("a Recruiter Admin changed the Lever settings")
		}
		_, err = s.UpdateLeverWriteSettings(admin, skillkeepr.LeverWriteSettings{FallbackUserID: "not-an-id"})
		if skillkeepr.ErrorCodeOf(err) != skillkeepr.EINVALID {
			t.Fatalf("a fallback user that is not a Lever id: %v", err)
		}
		_, err = s.UpdateLeverWriteSettings(admin, skillkeepr.LeverWriteSettings{KeepAllTags: true, FallbackUserID: opp, FallbackUserName: "Lena"})
		ok(t, err)
		ws, err := s.LeverWriteSettings(admin)
		ok(t, err)
		if !ws.KeepAllTags || ws.FallbackUserID != opp || ws.FallbackUserName != "Lena" {
			t.Fatalf("settings %+v", ws)
		}
		entries, _, err := s.FindAuditEntries(admin, skillkeepr.AuditFilter{})
		ok(t, err)
		found := false
		for _, e := range entries {
			found = found || e.Action == "organization.lever_settings"
		}
		if !found {
			t.Fatal("no audit entry for the Lever settings")
		}
	})
}
