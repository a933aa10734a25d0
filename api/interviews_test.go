package api_test

import (
	"fmt"
	"testing"
	"time"

	"github.com/skillkeepr/skillkeepr"
	"github.com/skillkeepr/skillkeepr/api"
)

// TestInterviewAPI: interview types, free slots, booking with the
// database's double-booking guard (409), reschedule, cancel, availability
// and a self-scheduling link, each answer checked against the OpenAPI
// document by the helpers.
func TestInterviewAPI(t *testing.T) {
	t.Parallel()
	forEachEngine(t, func(t *testing.T, e *env) {
		a := e.a
		job := e.mustJob(a.SuperAdmin, "Engineer", a.Engineering.ID)
		if _, err := e.svc.Jobs.AssignJob(ctxAs(a.SuperAdmin), job.ID, []int64{a.Recruiter.ID}); err != nil {
			t.Fatal(err)
		}
		_, app := e.mustCandidate(a.Recruiter, "Cy", "cy@example.com", job.ID)

		// Availability: free all day, no notice; bad input gets fields.
		r := e.do(a.Collaborator, "PUT", fmt.Sprintf("/api/v1/users/%d/availability", a.Collaborator.ID),
			map[string]any{"timezone": "Mars/Base", "daily_cap": 99, "weekly": [][]map[string]string{{{"start": "9", "end": "x"}}, {}, {}, {}, {}, {}, {}}})
		if _, _, fields := r.errBody(t); r.Code != 400 || fields["timezone"] == "" || fields["daily_cap"] == "" || fields["weekly.sunday"] == "" {
			t.Fatalf("bad availability: %v", r)
		}
		week := make([][]map[string]string, 7)
		for i := range week {
			week[i] = []map[string]string{{"start": "00:00", "end": "24:00"}}
		}
		av := decode[skillkeepr.Availability](t, e.do(a.Collaborator, "PUT", fmt.Sprintf("/api/v1/users/%d/availability", a.Collaborator.ID),
			map[string]any{"timezone": "Asia/Kolkata", "weekly": week}), 200)
		if av.Timezone != "Asia/Kolkata" || av.Default {
			t.Fatalf("availability %+v", av)
		}
		if r := e.do(a.Collaborator, "PUT", fmt.Sprintf("/api/v1/users/%d/availability", a.Recruiter.ID), map[string]any{"timezone": "UTC"}); r.Code != 403 {
			t.Fatalf("someone else's availability: %v", r)
		}

		// Interview type and its free slots.
		r = e.do(a.Recruiter, "POST", fmt.Sprintf("/api/v1/jobs/%d/interview-plans", job.ID), map[string]any{"name": "", "duration_minutes": 3, "mode": "x"})
		if r.Code != 400 {
			t.Fatalf("bad plan: %v", r)
		}
		plan := decode[skillkeepr.InterviewPlan](t, e.do(a.Recruiter, "POST", fmt.Sprintf("/api/v1/jobs/%d/interview-plans", job.ID),
			map[string]any{"name": "Coding", "duration_minutes": 60, "mode": "panel", "interviewer_ids": []int64{a.Collaborator.ID}}), 201)
		slots := decode[listOf[api.FreeSlot]](t, e.do(a.Recruiter, "GET", fmt.Sprintf("/api/v1/interview-plans/%d/slots", plan.ID), nil), 200)
		if len(slots.Data) < 100 || slots.Data[0].InterviewerIDs[0] != a.Collaborator.ID {
			t.Fatalf("slots %d", len(slots.Data))
		}
		if r := e.do(a.Recruiter, "GET", fmt.Sprintf("/api/v1/interview-plans/%d/slots?from=yesterday", plan.ID), nil); r.Code != 400 {
			t.Fatalf("bad from: %v", r)
		}

		// Book; the same time again is a conflict naming the interviewer.
		start := slots.Data[0].StartsAt
		body := map[string]any{"application_id": app.ID, "plan_id": plan.ID, "starts_at": start, "interviewer_ids": []int64{a.Collaborator.ID}, "timezone": "Europe/Berlin"}
		iv := decode[skillkeepr.Interview](t, e.do(a.Recruiter, "POST", "/api/v1/interviews", body), 201)
		if iv.Duration() != time.Hour || iv.Title != "Coding" || iv.Status != skillkeepr.InterviewScheduled {
			t.Fatalf("booked %+v", iv)
		}
		r = e.do(a.Recruiter, "POST", "/api/v1/interviews", body)
		if code, msg, _ := r.errBody(t); r.Code != 409 || code != "conflict" || msg == "" {
			t.Fatalf("double booking: %v", r)
		}
		list := decode[listOf[skillkeepr.Interview]](t, e.do(a.Collaborator, "GET", "/api/v1/interviews?interviewer_id="+fmt.Sprint(a.Collaborator.ID), nil), 200)
		if len(list.Data) != 1 {
			t.Fatalf("interviewer's list %d", len(list.Data))
		}
		if r := e.do(a.Recruiter, "GET", "/api/v1/interviews?status=maybe", nil); r.Code != 400 {
			t.Fatalf("bad status: %v", r)
		}

		moved := decode[skillkeepr.Interview](t, e.do(a.Recruiter, "POST", fmt.Sprintf("/api/v1/interviews/%d/reschedule", iv.ID),
			map[string]any{"starts_at": start.Add(2 * time.Hour)}), 200)
		if moved.Sequence != 1 || !moved.StartsAt.Equal(start.Add(2*time.Hour)) || moved.Duration() != time.Hour {
			t.Fatalf("moved %+v", moved)
		}
		if r := e.do(a.Collaborator, "POST", fmt.Sprintf("/api/v1/interviews/%d/complete", iv.ID), nil); r.Code != 409 {
			t.Fatalf("completed before the end: %v", r)
		}
		canceled := decode[skillkeepr.Interview](t, e.do(a.Recruiter, "POST", fmt.Sprintf("/api/v1/interviews/%d/cancel", iv.ID), map[string]any{"reason": "Filled"}), 200)
		if canceled.Status != skillkeepr.InterviewCanceled || canceled.Sequence != 2 {
			t.Fatalf("canceled %+v", canceled)
		}

		link := decode[skillkeepr.SchedulingLink](t, e.do(a.Recruiter, "POST", fmt.Sprintf("/api/v1/applications/%d/scheduling-links", app.ID),
			map[string]any{"plan_id": plan.ID}), 201)
		if link.Plan == nil || link.Plan.ID != plan.ID || link.CandidateEmail != "cy@example.com" {
			t.Fatalf("link %+v", link)
		}
		if r := e.do(a.Collaborator, "POST", fmt.Sprintf("/api/v1/applications/%d/scheduling-links", app.ID), map[string]any{"plan_id": plan.ID}); r.Code != 403 && r.Code != 404 {
			t.Fatalf("collaborator sending a link: %v", r)
		}
		if r := e.do(a.Recruiter, "DELETE", fmt.Sprintf("/api/v1/interview-plans/%d", plan.ID), nil); r.Code != 204 {
			t.Fatalf("delete plan: %v", r)
		}
	})
}
