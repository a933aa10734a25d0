package web

import (
	"net/http"
	"strconv"

	"github.com/skillkeepr/skillkeepr"
)

type bookData struct {
	App        *skillkeepr.Application
	Plans      []*skillkeepr.InterviewPlan
	Plan       *skillkeepr.InterviewPlan
	TZ         string
	Zones      []string
	Days       []dayView
	CanLink    bool
	Interviews []*skillkeepr.Interview
}

// bookPage lets a recruiter book a free slot of one of the job's
// interview types for the application, or email a self-scheduling link.
func (s *Server) bookPage(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "Application")
	if err != nil {
		return err
	}
	ctx := r.Context()
	app, err := s.svc.Applications.FindApplicationByID(ctx, id)
	if err != nil {
		return err
	}
	job, err := s.svc.Jobs.FindJobByID(ctx, app.JobID)
	if err != nil {
		return err
	}
	if err := skillkeepr.Authorize(skillkeepr.ActorFrom(ctx), skillkeepr.ActScheduleInterview, skillkeepr.Target{Job: job}); err != nil {
		return err
	}
	d := bookData{App: app, CanLink: s.cfg.Links != nil}
	if d.Plans, err = s.svc.Interviews.FindInterviewPlans(ctx, job.ID); err != nil {
		return err
	}
	if d.Interviews, err = s.svc.Interviews.FindInterviews(ctx, skillkeepr.InterviewFilter{ApplicationID: app.ID}); err != nil {
		return err
	}
	org, err := s.svc.Organizations.CurrentOrganization(ctx)
	if err != nil {
		return err
	}
	d.TZ = pickZone(r, org.Timezone)
	d.Zones = zoneChoices(d.TZ)
	planID := formInt64(r, "plan")
	for _, p := range d.Plans {
		if p.ID == planID || (planID == 0 && d.Plan == nil) {
			d.Plan = p
		}
	}
	if d.Plan != nil {
		slots, err := freeSlots(s.now(), slotSpec{Duration: d.Plan.Duration(), Mode: d.Plan.Mode, InterviewerIDs: d.Plan.InterviewerIDs}, s.actorTimes(r))
		if err != nil {
			return err
		}
		names, _, err := s.userNames(r)
		if err != nil {
			return err
		}
		d.Days = slotDays(slots, d.TZ, names)
	}
	return s.render(w, r, http.StatusOK, "book", "Schedule an interview", d)
}

func (s *Server) bookInterview(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "Application")
	if err != nil {
		return err
	}
	ctx := r.Context()
	plan, err := s.svc.Interviews.FindInterviewPlanByID(ctx, formInt64(r, "plan"))
	if err != nil {
		return err
	}
	start, ids, err := parseSlot(r)
	if err != nil {
		return err
	}
	tz := pickZone(r, "UTC")
	back := "/applications/" + strconv.FormatInt(id, 10) + "/schedule?plan=" + strconv.FormatInt(plan.ID, 10) + "&tz=" + tz
	iv, err := s.svc.Interviews.BookInterview(ctx, skillkeepr.InterviewBooking{ApplicationID: id, PlanID: plan.ID,
		StartsAt: start, EndsAt: start.Add(plan.Duration()), Timezone: tz, InterviewerIDs: ids})
	if skillkeepr.ErrorCodeOf(err) == skillkeepr.ECONFLICT {
		s.setFlash(w, "!"+skillkeepr.ErrorMessage(err)+" The list shows the times still free.")
		return redirect(w, r, back)
	}
	if err != nil {
		return err
	}
	s.setFlash(w, "Interview booked for "+localTime(iv.StartsAt, iv.Timezone)+". The candidate and the interviewers get an email with a calendar invite.")
	return redirect(w, r, "/interviews/"+strconv.FormatInt(iv.ID, 10))
}

func (s *Server) sendSchedulingLink(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "Application")
	if err != nil {
		return err
	}
	l, err := s.svc.Scheduling.CreateSchedulingLink(r.Context(), id, formInt64(r, "plan"), 0)
	if err != nil {
		return err
	}
	s.setFlash(w, "A link to pick a time was emailed to "+l.CandidateName+"; it works until "+l.ExpiresAt.UTC().Format("2 Jan 2006 15:04 UTC")+".")
	return redirect(w, r, "/candidates/"+strconv.FormatInt(l.CandidateID, 10))
}
