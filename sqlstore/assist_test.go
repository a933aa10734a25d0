package sqlstore

import (
	"io"
	"testing"
	"time"

	"github.com/skillkeepr/skillkeepr"
)

func TestAssistSuggestions(t *testing.T) {
	t.Parallel()
	ForEachEngine(t, func(t *testing.T, s *Store) {
		enq := &RecordingEnqueuer{}
		s.SetEnqueuer(enq)
		a := newWorld(t, s, "Acme")
		b := newWorld(t, s, "Beta")
		rec := a.Ctx(a.Recruiter)
		_, app, err := s.CreateCandidate(rec, skillkeepr.CandidateCreate{
			CandidateFields: skillkeepr.CandidateFields{Name: "Ann", Emails: []string{"ann@example.com"}}, JobID: a.eng.ID,
			Resume: &skillkeepr.ResumeUpload{FileName: "ann.txt", ContentType: skillkeepr.ContentTypeText, Data: []byte("Skills\nGo, Docker\n")}})
		ok(t, err)

		// Off by default.
		off := s.Services().Assist
		if off.AssistEnabled() {
			t.Fatal("assist on by default")
		}
		_, err = off.RequestAssist(rec, app.ID)
		wantCode(t, err, skillkeepr.EUNAVAILABLE)

		as := s.Assist("test-model")
		_, err = as.RequestAssist(a.Ctx(a.Collaborator), app.ID)
		wantCode(t, err, skillkeepr.EFORBIDDEN)
		_, err = as.RequestAssist(b.Ctx(b.SuperAdmin), app.ID)
		wantCode(t, err, skillkeepr.ENOTFOUND)
		_, err = as.LatestAssist(rec, app.ID)
		wantCode(t, err, skillkeepr.ENOTFOUND)

		g := must[*skillkeepr.AssistSuggestion](t)(as.RequestAssist(rec, app.ID))
		if g.Status != skillkeepr.AssistPending || g.Model != "test-model" {
			t.Fatalf("suggestion %+v", g)
		}
		again := must[*skillkeepr.AssistSuggestion](t)(as.RequestAssist(rec, app.ID))
		if again.ID != g.ID {
			t.Errorf("a second pending suggestion %d besides %d", again.ID, g.ID)
		}
		tasks := TasksOf[skillkeepr.AssistTask](enq)
		if len(tasks) != 1 || tasks[0] != (skillkeepr.AssistTask{OrgID: a.Org.ID, SuggestionID: g.ID}) {
			t.Fatalf("tasks %+v", tasks)
		}

		// The worker's side.
		_, err = as.AssistInput(t.Context(), b.Org.ID, g.ID)
		wantCode(t, err, skillkeepr.ENOTFOUND)
		in := must[*skillkeepr.AssistInput](t)(as.AssistInput(t.Context(), a.Org.ID, g.ID))
		if in.Job.ID != a.eng.ID || in.Application.ID != app.ID || in.Resume == nil || in.Resume.FileName != "ann.txt" {
			t.Fatalf("input %+v", in)
		}
		_, err = as.OpenResumeFile(t.Context(), b.Org.ID, in.Resume)
		wantCode(t, err, skillkeepr.ENOTFOUND)
		rc := must[io.ReadCloser](t)(as.OpenResumeFile(t.Context(), a.Org.ID, in.Resume))
		data, _ := io.ReadAll(rc)
		rc.Close()
		if string(data) != "Skills\nGo, Docker\n" {
			t.Errorf("résumé %q", data)
		}
		p := &skillkeepr.AssistPayload{Skills: []skillkeepr.AssistSkill{{Name: "Go", Source: "skills_section",
			Evidence: []skillkeepr.AssistLine{{N: 2, Text: "Go, Docker", Quote: "Go"}}}}}
		ok(t, as.FinishAssist(t.Context(), b.Org.ID, g.ID, "m", nil, "wrong org"))
		ok(t, as.FinishAssist(t.Context(), a.Org.ID, g.ID, "test-model-2", p, ""))
		ok(t, as.FinishAssist(t.Context(), a.Org.ID, g.ID, "m", nil, "too late: no longer pending"))

		got := must[*skillkeepr.AssistSuggestion](t)(as.LatestAssist(a.Ctx(a.Collaborator), app.ID))
		if got.Status != skillkeepr.AssistReady || got.Model != "test-model-2" || got.Payload == nil || len(got.Payload.Skills) != 1 ||
			got.Payload.Skills[0].Evidence[0].Quote != "Go" || got.Error != "" {
			t.Fatalf("latest %+v", got)
		}
		_, err = as.LatestAssist(b.Ctx(b.SuperAdmin), app.ID)
		wantCode(t, err, skillkeepr.ENOTFOUND)

		// A new request after a finished one queues another; failure is stored in words.
		g2 := must[*skillkeepr.AssistSuggestion](t)(as.RequestAssist(rec, app.ID))
		if g2.ID == g.ID {
			t.Fatal("no new suggestion")
		}
		ok(t, as.FinishAssist(t.Context(), a.Org.ID, g2.ID, "test-model", nil, "The language model did not answer in time."))
		got = must[*skillkeepr.AssistSuggestion](t)(as.LatestAssist(rec, app.ID))
		if got.Status != skillkeepr.AssistFailed || got.Error != "The language model did not answer in time." || got.Payload != nil {
			t.Fatalf("latest %+v", got)
		}
	})
}

// A suggestion left pending (its job gave up) blocks new requests only
// for AssistStaleAfter.
func TestAssistStalePending(t *testing.T) {
	t.Parallel()
	ForEachEngine(t, func(t *testing.T, s *Store) {
		s.SetEnqueuer(&RecordingEnqueuer{})
		now := time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)
		s.now = func() time.Time { return now }
		a := newWorld(t, s, "Acme")
		rec := a.Ctx(a.Recruiter)
		_, app, err := s.CreateCandidate(rec, skillkeepr.CandidateCreate{
			CandidateFields: skillkeepr.CandidateFields{Name: "Ann", Emails: []string{"ann@example.com"}}, JobID: a.eng.ID})
		ok(t, err)
		as := s.Assist("m")
		g := must[*skillkeepr.AssistSuggestion](t)(as.RequestAssist(rec, app.ID))
		now = now.Add(skillkeepr.AssistStaleAfter - time.Minute)
		if again := must[*skillkeepr.AssistSuggestion](t)(as.RequestAssist(rec, app.ID)); again.ID != g.ID {
			t.Fatal("a new suggestion while one is pending")
		}
		now = now.Add(2 * time.Minute)
		g2 := must[*skillkeepr.AssistSuggestion](t)(as.RequestAssist(rec, app.ID))
		if g2.ID == g.ID || g2.Status != skillkeepr.AssistPending {
			t.Fatalf("after the wait: %+v", g2)
		}
		// The old one is closed; a late answer for it changes nothing.
		ok(t, as.FinishAssist(t.Context(), a.Org.ID, g.ID, "m", &skillkeepr.AssistPayload{}, ""))
		latest := must[*skillkeepr.AssistSuggestion](t)(as.LatestAssist(rec, app.ID))
		if latest.ID != g2.ID || latest.Status != skillkeepr.AssistPending {
			t.Errorf("latest %+v", latest)
		}
	})
}
