package web

import (
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/skillkeepr/skillkeepr"
	"github.com/skillkeepr/skillkeepr/interviewmail"
)

// The candidate's pages. They need no account: the signed token in the
// path is the permission (only the candidate it was emailed to has it),
// and it is also what makes a forged cross-site form useless, so these
// forms carry no session CSRF token.

type selfScheduleData struct {
	Link      *skillkeepr.SchedulingLink
	Token     string
	TZ        string
	Zones     []string
	Days      []dayView
	Problem   string // why the link cannot book, or why the last try failed
	Closed    bool   // used or expired: no slots
	ManageURL string
}

var errBadLink = skillkeepr.Errorf(skillkeepr.ENOTFOUND, "This link is not valid or has expired. Please ask the recruiter for a new one.")

func (s *Server) candidateScheduling() (skillkeepr.CandidateScheduling, *interviewmail.Links, error) {
	if s.cfg.CandidateScheduling == nil || s.cfg.Links == nil {
		return nil, nil, skillkeepr.NotFound("Page")
	}
	return s.cfg.CandidateScheduling, s.cfg.Links, nil
}

// candidateTimes reads availabilities and busy times for a public page.
func candidateTimes(r *http.Request, cs skillkeepr.CandidateScheduling, org int64) func(ids []int64, from, to time.Time) ([]*skillkeepr.Availability, []skillkeepr.BusyTime, error) {
	return func(ids []int64, from, to time.Time) ([]*skillkeepr.Availability, []skillkeepr.BusyTime, error) {
		return cs.InterviewerTimes(r.Context(), org, ids, from, to)
	}
}

func (s *Server) selfScheduleView(r *http.Request, token string) (selfScheduleData, error) {
	cs, links, err := s.candidateScheduling()
	if err != nil {
		return selfScheduleData{}, err
	}
	id, err := links.VerifySchedule(token, s.now())
	if err != nil {
		return selfScheduleData{}, errBadLink
	}
	l, err := cs.FindSchedulingLink(r.Context(), id)
	if err != nil {
		return selfScheduleData{}, errBadLink
	}
	d := selfScheduleData{Link: l, Token: token, TZ: pickZone(r, "UTC")}
	d.Zones = zoneChoices(d.TZ)
	if !l.Usable(s.now()) {
		d.Closed = true
		d.Problem = "This link has expired. Please ask the recruiter for a new one."
		if l.UsedAt != nil {
			d.Problem = "You have already booked your interview with this link."
			if iv, err := cs.FindInterviewForCandidate(r.Context(), l.InterviewID); err == nil {
				d.ManageURL = links.ManagePath(iv)
			}
		}
		return d, nil
	}
	slots, err := freeSlots(s.now(), slotSpec{Duration: l.Plan.Duration(), Mode: l.Plan.Mode, InterviewerIDs: l.Plan.InterviewerIDs},
		candidateTimes(r, cs, l.OrgID))
	if err != nil {
		return d, err
	}
	d.Days = slotDays(slots, d.TZ, nil)
	return d, nil
}

func (s *Server) selfSchedulePage(w http.ResponseWriter, r *http.Request) error {
	d, err := s.selfScheduleView(r, r.PathValue("token"))
	if err != nil {
		return err
	}
	return s.render(w, r, http.StatusOK, "selfschedule", "Choose a time", d)
}

func (s *Server) selfSchedule(w http.ResponseWriter, r *http.Request) error {
	token := r.PathValue("token")
	d, err := s.selfScheduleView(r, token)
	if err != nil {
		return err
	}
	if d.Closed {
		return s.render(w, r, http.StatusConflict, "selfschedule", "Choose a time", d)
	}
	start, ids, err := parseSlot(r)
	if err != nil {
		d.Problem = "Please choose one of the times below."
		return s.render(w, r, http.StatusBadRequest, "selfschedule", "Choose a time", d)
	}
	cs, links, _ := s.candidateScheduling()
	if !offered(d.Days, start, ids) {
		// Not a time the page offers (any more): never book outside the
		// interviewers' availability, whatever the form says.
		d.Problem = "Sorry, that time is no longer available: someone may have just taken it. Please choose another one; the list below is up to date."
		return s.render(w, r, http.StatusConflict, "selfschedule", "Choose a time", d)
	}
	iv, err := cs.BookByLink(r.Context(), d.Link.ID, skillkeepr.InterviewBooking{StartsAt: start, EndsAt: start.Add(d.Link.Plan.Duration()),
		Timezone: d.TZ, InterviewerIDs: ids})
	switch skillkeepr.ErrorCodeOf(err) {
	case "":
		return redirect(w, r, links.ManagePath(iv)+"?booked=1")
	case skillkeepr.ECONFLICT, skillkeepr.EINVALID:
		// Someone took the time a moment ago (or the form was stale):
		// show the times still free.
		if d, err = s.selfScheduleView(r, token); err != nil {
			return err
		}
		d.Problem = "Sorry, that time is no longer available: someone has just taken it. Please choose another one; the list below is up to date."
		if d.Closed {
			d.Problem = "You have already booked your interview with this link."
		}
		return s.render(w, r, http.StatusConflict, "selfschedule", "Choose a time", d)
	}
	return err
}

type selfManageData struct {
	Interview *skillkeepr.Interview
	Token     string
	When      string
	Zone      string
	TZ        string
	Zones     []string
	Days      []dayView
	Booked    bool
	Moved     bool
	CanChange bool
	Problem   string
	JoinURL   string
	Message   string
}

func (s *Server) selfManageView(r *http.Request) (selfManageData, error) {
	cs, links, err := s.candidateScheduling()
	if err != nil {
		return selfManageData{}, err
	}
	token := r.PathValue("token")
	id, err := links.VerifyManage(token, s.now())
	if err != nil {
		return selfManageData{}, errBadLink
	}
	iv, err := cs.FindInterviewForCandidate(r.Context(), id)
	if err != nil {
		return selfManageData{}, errBadLink
	}
	d := selfManageData{Interview: iv, Token: token, Booked: r.FormValue("booked") == "1", Moved: r.FormValue("moved") == "1", TZ: pickZone(r, iv.Timezone),
		JoinURL: links.JoinURL(iv)}
	d.Zones = zoneChoices(d.TZ)
	d.When, d.Zone = interviewmail.When(iv.StartsAt, iv.EndsAt, d.TZ)
	d.CanChange = iv.Status == skillkeepr.InterviewScheduled && s.now().Before(iv.StartsAt)
	if d.CanChange {
		slots, err := freeSlots(s.now(), slotSpec{Duration: iv.Duration(), Mode: skillkeepr.ModePanel, InterviewerIDs: iv.InterviewerIDs(), Exclude: iv.ID},
			candidateTimes(r, cs, iv.OrgID))
		if err != nil {
			return d, err
		}
		d.Days = slotDays(slots, d.TZ, nil)
	}
	return d, nil
}

func (s *Server) selfManagePage(w http.ResponseWriter, r *http.Request) error {
	d, err := s.selfManageView(r)
	if err != nil {
		return err
	}
	return s.render(w, r, http.StatusOK, "selfmanage", "Your interview", d)
}

func (s *Server) selfReschedule(w http.ResponseWriter, r *http.Request) error {
	d, err := s.selfManageView(r)
	if err != nil {
		return err
	}
	cs, _, _ := s.candidateScheduling()
	start, ids, err := parseSlot(r)
	if err == nil && !offered(d.Days, start, ids) {
		err = skillkeepr.Errorf(skillkeepr.ECONFLICT, "not offered")
	}
	if err == nil && d.CanChange {
		_, err = cs.RescheduleByCandidate(r.Context(), d.Interview.ID, skillkeepr.InterviewReschedule{StartsAt: start,
			EndsAt: start.Add(d.Interview.Duration()), Timezone: d.TZ})
		if err == nil {
			return redirect(w, r, "/schedule/manage/"+d.Token+"?tz="+d.TZ+"&moved=1")
		}
	}
	if c := skillkeepr.ErrorCodeOf(err); err != nil && c != skillkeepr.ECONFLICT && c != skillkeepr.EINVALID {
		return err
	}
	if d, err = s.selfManageView(r); err != nil {
		return err
	}
	d.Problem = "Sorry, that time is no longer available: someone may have just taken it. Please choose another one; the list below is up to date."
	return s.render(w, r, http.StatusConflict, "selfmanage", "Your interview", d)
}

func (s *Server) selfCancel(w http.ResponseWriter, r *http.Request) error {
	d, err := s.selfManageView(r)
	if err != nil {
		return err
	}
	cs, _, _ := s.candidateScheduling()
	if _, err := cs.CancelByCandidate(r.Context(), d.Interview.ID, strings.TrimSpace(r.PostFormValue("reason"))); err != nil {
		if skillkeepr.ErrorCodeOf(err) != skillkeepr.ECONFLICT {
			return err
		}
	}
	return redirect(w, r, "/schedule/manage/"+d.Token+"?tz="+d.TZ)
}

// offered reports whether start with these interviewers is one of the
// times a page offers.
func offered(days []dayView, start time.Time, ids []int64) bool {
	want := start.UTC().Format(time.RFC3339)
	var who []string
	for _, id := range ids {
		who = append(who, strconv.FormatInt(id, 10))
	}
	for _, d := range days {
		for _, s := range d.Slots {
			if s.Start == want && s.Interviewers == strings.Join(who, ",") {
				return true
			}
		}
	}
	return false
}
