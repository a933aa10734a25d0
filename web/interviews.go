package web

import (
	"mime"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"github.com/skillkeepr/skillkeepr"
	"github.com/skillkeepr/skillkeepr/interviewmail"
)

type interviewsData struct {
	Upcoming []*skillkeepr.Interview
	Past     []*skillkeepr.Interview
	Jobs     []*skillkeepr.Job
	JobID    int64
	Mine     bool
}

// interviewsPage lists the upcoming and past interviews the user may see
// (or only those they are on), optionally of one job.
func (s *Server) interviewsPage(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	a := skillkeepr.ActorFrom(ctx)
	d := interviewsData{JobID: formInt64(r, "job"), Mine: r.FormValue("mine") == "1"}
	f := skillkeepr.InterviewFilter{JobID: d.JobID}
	if d.Mine {
		f.InterviewerID = a.UserID
	}
	now := s.now()
	up := f
	up.From = now
	var err error
	if d.Upcoming, err = s.svc.Interviews.FindInterviews(ctx, up); err != nil {
		return err
	}
	past := f
	past.To, past.Limit = now, 100
	if d.Past, err = s.svc.Interviews.FindInterviews(ctx, past); err != nil {
		return err
	}
	// An interview under way is in both lists; keep it in Upcoming.
	kept := d.Past[:0]
	for _, iv := range d.Past {
		if !iv.EndsAt.After(now) {
			kept = append(kept, iv)
		}
	}
	d.Past = kept
	if d.Jobs, _, err = s.svc.Jobs.FindJobs(ctx, skillkeepr.JobFilter{Limit: 500}); err != nil {
		return err
	}
	return s.render(w, r, http.StatusOK, "interviews", "Interviews", d)
}

type interviewData struct {
	Interview   *skillkeepr.Interview
	When        string
	Zone        string
	CanSchedule bool
	CanConduct  bool
	Ended       bool
	Started     bool
	JoinURL     string
	Days        []dayView
	TZ          string
	Zones       []string
	Notice      string
	// RateCard links the signed-in interviewer to their rating card once
	// the interview has ended (issue #7).
	RateCard bool
}

func (s *Server) loadInterview(r *http.Request) (*skillkeepr.Interview, *skillkeepr.Job, error) {
	id, err := pathID(r, "Interview")
	if err != nil {
		return nil, nil, err
	}
	iv, err := s.svc.Interviews.FindInterviewByID(r.Context(), id)
	if err != nil {
		return nil, nil, err
	}
	job, err := s.svc.Jobs.FindJobByID(r.Context(), iv.JobID)
	if err != nil && skillkeepr.ErrorCodeOf(err) != skillkeepr.ENOTFOUND {
		return nil, nil, err
	}
	if err != nil {
		job = &skillkeepr.Job{ID: iv.JobID} // an interviewer who cannot see the job otherwise
	}
	return iv, job, nil
}

func (s *Server) interviewView(r *http.Request, iv *skillkeepr.Interview, job *skillkeepr.Job) interviewData {
	a := skillkeepr.ActorFrom(r.Context())
	t := skillkeepr.Target{Job: job, InterviewerIDs: iv.InterviewerIDs()}
	now := s.now()
	d := interviewData{Interview: iv, CanSchedule: skillkeepr.Can(a, skillkeepr.ActScheduleInterview, t) && iv.Status == skillkeepr.InterviewScheduled,
		CanConduct: skillkeepr.Can(a, skillkeepr.ActConductInterview, t) && iv.Status == skillkeepr.InterviewScheduled,
		Ended:      !now.Before(iv.EndsAt), Started: !now.Before(iv.StartsAt), JoinURL: "/interviews/" + strconv.FormatInt(iv.ID, 10) + "/room"}
	d.RateCard = d.Ended && slices.Contains(iv.InterviewerIDs(), a.UserID) &&
		iv.Status != skillkeepr.InterviewCanceled && iv.Status != skillkeepr.InterviewNoShow
	d.When, d.Zone = interviewmail.When(iv.StartsAt, iv.EndsAt, iv.Timezone)
	return d
}

// interviewPage shows an interview with its actions; for those who may
// schedule, the free times to move it to.
func (s *Server) interviewPage(w http.ResponseWriter, r *http.Request) error {
	iv, job, err := s.loadInterview(r)
	if err != nil {
		return err
	}
	d := s.interviewView(r, iv, job)
	if d.CanSchedule {
		d.TZ = pickZone(r, iv.Timezone)
		d.Zones = zoneChoices(d.TZ)
		mode := skillkeepr.ModePanel
		slots, err := freeSlots(s.now(), slotSpec{Duration: iv.Duration(), Mode: mode, InterviewerIDs: iv.InterviewerIDs(), Exclude: iv.ID}, s.actorTimes(r))
		if err != nil {
			return err
		}
		names, _, err := s.userNames(r)
		if err != nil {
			return err
		}
		d.Days = slotDays(slots, d.TZ, names)
	}
	return s.render(w, r, http.StatusOK, "interview", iv.Title+" with "+iv.CandidateName, d)
}

// interviewRoom is where the join link points: the interview's details
// until the video room exists.
func (s *Server) interviewRoom(w http.ResponseWriter, r *http.Request) error {
	iv, job, err := s.loadInterview(r)
	if err != nil {
		return err
	}
	return s.render(w, r, http.StatusOK, "interviewroom", iv.Title+" with "+iv.CandidateName, s.interviewView(r, iv, job))
}

// interviewICS downloads the interview's calendar file as it is now.
func (s *Server) interviewICS(w http.ResponseWriter, r *http.Request) error {
	iv, _, err := s.loadInterview(r)
	if err != nil {
		return err
	}
	links := s.cfg.Links
	if links == nil {
		links = interviewmail.NewLinks(s.cfg.BaseURL, nil)
	}
	org := "SkillKeepr"
	if o, err := s.svc.Organizations.CurrentOrganization(r.Context()); err == nil {
		org = o.Name
	}
	data, err := interviewmail.Invite(iv, org, interviewmail.Organizer(links.From, org, s.cfg.BaseURL), links, s.now())
	if err != nil {
		return err
	}
	method := "REQUEST"
	if iv.Status == skillkeepr.InterviewCanceled {
		method = "CANCEL"
	}
	h := w.Header()
	h.Set("Content-Type", "text/calendar; charset=utf-8; method="+method)
	h.Set("Content-Disposition", mime.FormatMediaType("attachment", map[string]string{"filename": "interview-" + strconv.FormatInt(iv.ID, 10) + ".ics"}))
	h.Set("Cache-Control", "private, no-store")
	_, err = w.Write(data)
	return err
}

func (s *Server) rescheduleInterview(w http.ResponseWriter, r *http.Request) error {
	iv, _, err := s.loadInterview(r)
	if err != nil {
		return err
	}
	start, ids, err := parseSlot(r)
	if err != nil {
		return err
	}
	tz := pickZone(r, iv.Timezone)
	n, err := s.svc.Interviews.RescheduleInterview(r.Context(), iv.ID, skillkeepr.InterviewReschedule{StartsAt: start, EndsAt: start.Add(iv.Duration()),
		Timezone: tz, InterviewerIDs: ids})
	if skillkeepr.ErrorCodeOf(err) == skillkeepr.ECONFLICT {
		s.setFlash(w, "!"+skillkeepr.ErrorMessage(err)+" The list below shows the times still free.")
		return redirect(w, r, "/interviews/"+strconv.FormatInt(iv.ID, 10)+"?tz="+tz)
	}
	if err != nil {
		return err
	}
	s.setFlash(w, "Interview moved to "+localTime(n.StartsAt, n.Timezone)+". Everyone gets an updated invite.")
	return redirect(w, r, "/interviews/"+strconv.FormatInt(iv.ID, 10))
}

func (s *Server) cancelInterview(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "Interview")
	if err != nil {
		return err
	}
	if _, err := s.svc.Interviews.CancelInterview(r.Context(), id, r.PostFormValue("reason")); err != nil {
		return err
	}
	s.setFlash(w, "Interview canceled. The candidate and the interviewers are told by email.")
	return redirect(w, r, "/interviews/"+strconv.FormatInt(id, 10))
}

func (s *Server) markInterview(status skillkeepr.InterviewStatus) handlerFunc {
	return func(w http.ResponseWriter, r *http.Request) error {
		id, err := pathID(r, "Interview")
		if err != nil {
			return err
		}
		if status == skillkeepr.InterviewCompleted {
			_, err = s.svc.Interviews.MarkInterviewCompleted(r.Context(), id)
		} else {
			_, err = s.svc.Interviews.MarkInterviewNoShow(r.Context(), id)
		}
		if err != nil {
			return err
		}
		s.setFlash(w, "Interview marked as "+strings.ToLower(status.Label())+".")
		return redirect(w, r, "/interviews/"+strconv.FormatInt(id, 10))
	}
}
