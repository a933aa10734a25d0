package sqlstore

import (
	"testing"

	"github.com/skillkeepr/skillkeepr"
)

func TestDecisionCommentAndPushRefusals(t *testing.T) {
	t.Parallel()
	ForEachEngine(t, func(t *testing.T, s *Store) {
		o := SeedTestOrg(t, s, "Acme")
		admin := o.Ctx(o.SuperAdmin)
		job := must[*skillkeepr.Job](t)(s.CreateJob(admin, jobFieldsFor("Go Engineer", o.Engineering.ID)))
		_, app, err := s.CreateCandidate(admin, skillkeepr.CandidateCreate{JobID: job.ID,
			CandidateFields: skillkeepr.CandidateFields{Name: "Sam Lee", Emails: []string{"sam@example.test"}}})
		ok(t, err)
		steps := []struct {
			status       skillkeepr.ApplicationStatus
			note         string
			wantComment  string
			wantDecider  string
			asCollabDoes bool
		}{
			{skillkeepr.StatusReviewCompleted, "Reviewed.", "", "", false},
			{skillkeepr.StatusRecommended, "  Strong hire.  ", "Strong hire.", o.SuperAdmin.Name, false},
			{skillkeepr.StatusNotRecommended, "Changed my mind.", "Changed my mind.", o.Collaborator.Name, true},
			{skillkeepr.StatusRecommended, "", "", o.SuperAdmin.Name, false},
			{skillkeepr.StatusShortlisted, "Back to the list.", "", o.SuperAdmin.Name, false},
		}
		for _, st := range steps {
			ctx := admin
			if st.asCollabDoes {
				ctx = o.Ctx(o.Collaborator)
			}
			_, err := s.SetApplicationStatus(ctx, app.ID, st.status, st.note)
			ok(t, err)
			c, by, err := s.ApplicationDecision(admin, app.ID)
			ok(t, err)
			if c != st.wantComment || by != st.wantDecider {
				t.Fatalf("after %s %q: comment %q by %q, want %q by %q", st.status, st.note, c, by, st.wantComment, st.wantDecider)
			}
		}
		// Another organisation's application is not found.
		other := SeedTestOrg(t, s, "Globex")
		_, _, err = s.ApplicationDecision(other.Ctx(other.SuperAdmin), app.ID)
		wantCode(t, err, skillkeepr.ENOTFOUND)

		// A job not imported from Lever cannot be pushed.
		_, err = s.SetApplicationStatus(admin, app.ID, skillkeepr.StatusRecommended, "Yes.")
		ok(t, err)
		_, reason, err := s.LeverPushTarget(admin, app.ID)
		ok(t, err)
		if reason != "This job was not imported from Lever, so its candidates cannot be pushed to Lever." {
			t.Fatalf("reason %q", reason)
		}
		_, err = s.CreateLeverPush(admin, skillkeepr.LeverPushRequest{ApplicationID: app.ID, StageID: "offer", StageName: "Offer"})
		wantCode(t, err, skillkeepr.EINVALID)
		_, err = s.CreateLeverPush(o.Ctx(o.Collaborator), skillkeepr.LeverPushRequest{ApplicationID: app.ID, StageID: "offer", StageName: "Offer"})
		wantCode(t, err, skillkeepr.EFORBIDDEN)
		_, err = s.FindLeverPush(admin, app.ID)
		wantCode(t, err, skillkeepr.ENOTFOUND)
	})
}
