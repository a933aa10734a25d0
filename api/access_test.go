package api_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/skillkeepr/skillkeepr"
	"github.com/skillkeepr/skillkeepr/sqlstore"
)

// validBodies are well-formed request bodies per request schema, so that
// the by-id tests reach the lookup.
func validBodies(e *env) map[string]any {
	return map[string]any{
		"UserPatch":               map[string]any{"name": "Someone"},
		"DepartmentInput":         map[string]any{"name": "Renamed"},
		"JobPatch":                map[string]any{"title": "Renamed"},
		"JobRecruiters":           map[string]any{"recruiter_ids": []int64{}},
		"JobCollaborators":        map[string]any{"collaborator_ids": []int64{}},
		"LeverStageMappingInput":  map[string]any{"stage_mapping": []any{}},
		"CandidatePatch":          map[string]any{"location": "Somewhere"},
		"ApplicationStatusChange": map[string]any{"status": "shortlisted"},
		"CommentInput":            map[string]any{"body": "hello"},
		"SelfIdentification":      map[string]any{"gender": "woman", "ethnicity": ""},
		"WorkLocations":           map[string]any{"work_locations": []string{"Berlin"}},
		// Shortlisting.
		"CriteriaUpdate":     map[string]any{"base_version": 1, "items": []any{}},
		"ShortlistRequest":   map[string]any{"application_ids": []int64{1}},
		"BlindReviewSetting": map[string]any{"blind_review": "off"},
		"NotFitRequest":      map[string]any{"reason": "Not enough experience"},
		"UnmaskRequest":      map[string]any{"confirm": true},
		// Scheduling (issue #6).
		"InterviewPlanInput":       map[string]any{"name": "Chat", "duration_minutes": 30, "mode": "panel", "interviewer_ids": []int64{e.a.Collaborator.ID}},
		"InterviewRescheduleInput": map[string]any{"starts_at": time.Now().Add(72 * time.Hour).UTC().Truncate(time.Hour)},
		"InterviewCancelInput":     map[string]any{"reason": "x"},
		"Availability":             map[string]any{"timezone": "UTC"},
		"SchedulingLinkCreate":     map[string]any{"plan_id": 1},
		// Rating cards (issue #7).
		"RatingCardTemplateCreate": map[string]any{"name": "Card"},
		"RatingCardTemplateUpdate": map[string]any{"name": "Card", "competencies": []any{map[string]any{"name": "Go"}}},
		"RatingCardSubmission":     map[string]any{"scores": map[string]int{"Go": 3}, "overall": 3},
		"ShortlistNote":            map[string]any{"note": "A comment"},
		"LeverPushInput":           map[string]any{"stage_id": "offer"},
	}
}

// TestForeignIDs: another organisation's ids are not found on every by-id
// route, for every role of the asking organisation.
func TestForeignIDs(t *testing.T) {
	t.Parallel()
	forEachEngine(t, func(t *testing.T, e *env) {
		b := e.b
		job := e.mustJob(b.SuperAdmin, "Globex Engineer", b.Engineering.ID)
		cand, app := e.mustCandidate(b.SuperAdmin, "Bo", "bo@example.com", job.ID)
		cand, err := e.svc.Candidates.FindCandidateByID(ctxAs(b.SuperAdmin), cand.ID)
		if err != nil || len(cand.Resumes) != 1 {
			t.Fatalf("candidate %+v: %v", cand, err)
		}
		inv, err := e.svc.Invitations.CreateInvitation(ctxAs(b.SuperAdmin), skillkeepr.InvitationCreate{Email: "x@globex.test", Role: skillkeepr.RoleRecruiter},
			func(inv *skillkeepr.Invitation, token string) skillkeepr.EmailMessage {
				return skillkeepr.EmailMessage{OrgID: inv.OrgID, To: []string{inv.Email}, Subject: "Hi", Text: token, Kind: "invitation"}
			})
		if err != nil {
			t.Fatal(err)
		}
		_, tok, err := e.svc.Sessions.CreateAPIToken(ctxAs(b.SuperAdmin), "b")
		if err != nil {
			t.Fatal(err)
		}
		comment, err := e.svc.Comments.CreateComment(ctxAs(b.SuperAdmin), cand.ID, "@"+b.Collaborator.Name+" have a look")
		if err != nil {
			t.Fatal(err)
		}
		notes, _, err := e.svc.Notifications.FindNotifications(ctxAs(b.Collaborator), skillkeepr.NotificationFilter{})
		if err != nil || len(notes) != 1 {
			t.Fatalf("notifications %v %v", notes, err)
		}
		plan, err := e.svc.Interviews.CreateInterviewPlan(ctxAs(b.SuperAdmin), skillkeepr.InterviewPlan{JobID: job.ID, Name: "Chat",
			DurationMinutes: 30, Mode: skillkeepr.ModePanel, InterviewerIDs: []int64{b.Collaborator.ID}})
		if err != nil {
			t.Fatal(err)
		}
		start := time.Now().Add(48 * time.Hour).UTC().Truncate(time.Hour)
		booked, err := e.svc.Interviews.BookInterview(ctxAs(b.SuperAdmin), skillkeepr.InterviewBooking{ApplicationID: app.ID, StartsAt: start,
			EndsAt: start.Add(30 * time.Minute), InterviewerIDs: []int64{b.Collaborator.ID}})
		if err != nil {
			t.Fatal(err)
		}
		// Rating cards (issue #7): a template and an ended interview of b.
		tmpl, err := e.svc.RatingCards.CreateRatingCardTemplate(ctxAs(b.SuperAdmin), job.ID, "")
		if err != nil {
			t.Fatal(err)
		}
		ended := sqlstore.SeedEndedInterview(t, e.st, b.Org.ID, app.ID, b.SuperAdmin.ID)
		ids := map[string]int64{
			"rating-cards": tmpl.ID,
			"users":        b.Recruiter.ID,
			"invitations":  inv.ID,
			"departments":  b.Design.ID,
			"jobs":         job.ID,
			"candidates":   cand.ID,
			"resumes":      cand.Resumes[0].ID,
			"applications": app.ID,
			"tokens":       tok.ID,
			// Scheduling (issue #6).
			"interview-plans": plan.ID,
			"interviews":      booked.ID,
			// Imports of candidates need a Lever connection; this
			// organisation has none, so any run id is another's.
			// TestLeverCandidateImportAPI checks a real foreign run.
			"lever": 1,

			"comments":      comment.ID,
			"notifications": notes[0].ID,
		}
		// The card routes need an interview that has ended.
		interviewFor := func(pattern string) int64 {
			if strings.HasSuffix(pattern, "/card") || strings.HasSuffix(pattern, "/cards") {
				return ended.ID
			}
			return booked.ID
		}
		bodies := validBodies(e)
		for _, rt := range e.api.Routes() {
			if !strings.Contains(rt.Pattern, "{id}") {
				continue
			}
			resource := strings.Split(strings.TrimPrefix(rt.Pattern, "/api/v1/"), "/")[0]
			id, ok := ids[resource]
			if resource == "interviews" {
				id = interviewFor(rt.Pattern)
			}
			if !ok {
				t.Errorf("no foreign id for %s %s; add one to this test", rt.Method, rt.Pattern)
				continue
			}
			path := strings.Replace(rt.Pattern, "{id}", fmt.Sprint(id), 1)
			var body any
			if rt.Request != "" {
				body, ok = bodies[rt.Request]
				if !ok {
					t.Errorf("no valid body for %s; add one to validBodies", rt.Request)
				}
			}
			for _, u := range []*skillkeepr.User{e.a.SuperAdmin, e.a.RecruiterAdmin, e.a.Recruiter, e.a.Collaborator} {
				r := e.send(t, u, request{Method: rt.Method, Path: path, Body: body})
				if r.Code != 404 {
					t.Errorf("%s as %s %s %s = %v, want 404", resource, u.Role, rt.Method, path, r)
				}
			}
		}
		// Still there, untouched.
		if j, err := e.svc.Jobs.FindJobByID(ctxAs(b.SuperAdmin), job.ID); err != nil || j.Title != "Globex Engineer" || len(j.RecruiterIDs) != 0 {
			t.Errorf("foreign job after the attempts: %+v %v", j, err)
		}
		if _, err := e.svc.Departments.FindDepartmentByID(ctxAs(b.SuperAdmin), b.Design.ID); err != nil {
			t.Errorf("foreign department after the attempts: %v", err)
		}
	})
}

// TestRoles: the permission matrix as seen through the API.
func TestRoles(t *testing.T) {
	t.Parallel()
	forEachEngine(t, func(t *testing.T, e *env) {
		a := e.a
		eng := e.mustJob(a.SuperAdmin, "Engineer", a.Engineering.ID)
		design := e.mustJob(a.SuperAdmin, "Designer", a.Design.ID)
		if _, err := e.svc.Jobs.AssignJob(ctxAs(a.SuperAdmin), eng.ID, []int64{a.Recruiter.ID}); err != nil {
			t.Fatal(err)
		}
		_, app := e.mustCandidate(a.SuperAdmin, "Cy", "cy@example.com", design.ID)
		jobBody := map[string]any{"title": "T", "department_id": a.Design.ID, "location": "Remote", "description": "d"}
		for _, tc := range []struct {
			who    *skillkeepr.User
			method string
			path   string
			body   any
			want   int
		}{
			{a.Recruiter, "PUT", fmt.Sprintf("/api/v1/jobs/%d/recruiters", eng.ID), map[string]any{"recruiter_ids": []int64{a.Recruiter.ID}}, 403},
			{a.Collaborator, "PUT", fmt.Sprintf("/api/v1/jobs/%d/recruiters", eng.ID), map[string]any{"recruiter_ids": []int64{}}, 403},
			{a.RecruiterAdmin, "PUT", fmt.Sprintf("/api/v1/jobs/%d/recruiters", eng.ID), map[string]any{"recruiter_ids": []int64{a.Recruiter.ID}}, 200},
			{a.Collaborator, "GET", fmt.Sprintf("/api/v1/jobs/%d", design.ID), nil, 404},
			{a.Collaborator, "PATCH", fmt.Sprintf("/api/v1/jobs/%d", design.ID), map[string]any{"title": "X"}, 404},
			{a.Collaborator, "GET", fmt.Sprintf("/api/v1/jobs/%d", eng.ID), nil, 200},
			{a.Collaborator, "POST", "/api/v1/jobs", jobBody, 403},
			{a.Recruiter, "POST", "/api/v1/jobs", jobBody, 403},
			{a.Recruiter, "GET", fmt.Sprintf("/api/v1/jobs/%d", eng.ID), nil, 200},
			{a.Recruiter, "PATCH", fmt.Sprintf("/api/v1/jobs/%d", eng.ID), map[string]any{"title": "X"}, 403},
			{a.Collaborator, "GET", fmt.Sprintf("/api/v1/applications/%d", app.ID), nil, 404},
			{a.Collaborator, "GET", "/api/v1/audit", nil, 403},
			{a.RecruiterAdmin, "GET", "/api/v1/audit", nil, 403},
			{a.Recruiter, "GET", "/api/v1/users", nil, 403},
			{a.Collaborator, "GET", "/api/v1/users", nil, 403},
			{a.Recruiter, "POST", "/api/v1/tokens", map[string]any{"name": ""}, 400},
			{a.Recruiter, "POST", "/api/v1/invitations", map[string]any{"email": "z@acme.test", "role": "recruiter"}, 403},
			{a.RecruiterAdmin, "PATCH", fmt.Sprintf("/api/v1/users/%d", a.SuperAdmin.ID), map[string]any{"active": false}, 403},
			{a.Collaborator, "POST", "/api/v1/departments", map[string]any{"name": "Ops"}, 403},
			{a.Recruiter, "DELETE", fmt.Sprintf("/api/v1/departments/%d", a.Design.ID), nil, 403},
			{a.Collaborator, "PATCH", "/api/v1/organization", map[string]any{"name": "X"}, 403},
		} {
			r := e.send(t, tc.who, request{Method: tc.method, Path: tc.path, Body: tc.body})
			if r.Code != tc.want {
				t.Errorf("%s %s %s = %v, want %d", tc.who.Role, tc.method, tc.path, r, tc.want)
			}
		}
		// The recruiter's own lists show only the assigned job.
		l := decode[listOf[skillkeepr.CandidateRow]](t, e.do(a.Recruiter, "GET", "/api/v1/candidates", nil), 200)
		if l.Total != 0 {
			t.Errorf("recruiter sees candidates of unassigned jobs: %+v", l)
		}
	})
}
