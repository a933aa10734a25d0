package api

import (
	"context"
	"net/http"
	"time"

	"github.com/skillkeepr/skillkeepr"
	"github.com/skillkeepr/skillkeepr/schedule"
)

// Scheduling (issue #6): interview types, free slots, booking, changes,
// availability and self-scheduling links.

// InterviewPlanInput creates or replaces an interview type.
type InterviewPlanInput struct {
	Name                 string  `json:"name"`
	DurationMinutes      int     `json:"duration_minutes"`
	Mode                 string  `json:"mode"` // panel or round_robin
	InterviewerIDs       []int64 `json:"interviewer_ids"`
	RatingCardTemplateID int64   `json:"rating_card_template_id,omitempty"`
}

// InterviewBookingInput books an interview. EndsAt defaults to StartsAt
// plus the plan's length.
type InterviewBookingInput struct {
	ApplicationID  int64      `json:"application_id"`
	PlanID         int64      `json:"plan_id,omitempty"`
	Title          string     `json:"title,omitempty"`
	StartsAt       time.Time  `json:"starts_at"`
	EndsAt         *time.Time `json:"ends_at,omitempty"`
	Timezone       string     `json:"timezone,omitempty"`
	InterviewerIDs []int64    `json:"interviewer_ids"`
}

// InterviewRescheduleInput moves an interview; EndsAt defaults to keeping
// its length, InterviewerIDs to keeping its interviewers.
type InterviewRescheduleInput struct {
	StartsAt       time.Time  `json:"starts_at"`
	EndsAt         *time.Time `json:"ends_at,omitempty"`
	Timezone       string     `json:"timezone,omitempty"`
	InterviewerIDs []int64    `json:"interviewer_ids,omitempty"`
}

// InterviewCancelInput cancels an interview.
type InterviewCancelInput struct {
	Reason string `json:"reason,omitempty"`
}

// SchedulingLinkCreate emails the candidate of an application a link to
// pick a time of an interview type.
type SchedulingLinkCreate struct {
	PlanID int64 `json:"plan_id"`
}

// FreeSlot is a time an interview type can be booked at.
type FreeSlot struct {
	StartsAt       time.Time `json:"starts_at"`
	EndsAt         time.Time `json:"ends_at"`
	InterviewerIDs []int64   `json:"interviewer_ids"`
}

func interviewStatusEnum() []string {
	return []string{string(skillkeepr.InterviewScheduled), string(skillkeepr.InterviewCompleted),
		string(skillkeepr.InterviewNoShow), string(skillkeepr.InterviewCanceled)}
}

func (in InterviewPlanInput) plan() skillkeepr.InterviewPlan {
	return skillkeepr.InterviewPlan{Name: in.Name, DurationMinutes: in.DurationMinutes, Mode: in.Mode,
		InterviewerIDs: in.InterviewerIDs, RatingCardTemplateID: in.RatingCardTemplateID}
}

func (a *API) listInterviewPlans(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id", "Job")
	if err != nil {
		return err
	}
	ps, err := a.svc.Interviews.FindInterviewPlans(r.Context(), id)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, newList(ps, len(ps)))
}

func (a *API) createInterviewPlan(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id", "Job")
	if err != nil {
		return err
	}
	var in InterviewPlanInput
	if err := decodeJSON(w, r, &in); err != nil {
		return err
	}
	p := in.plan()
	p.JobID = id
	out, err := a.svc.Interviews.CreateInterviewPlan(r.Context(), p)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusCreated, out)
}

func (a *API) getInterviewPlan(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id", "Interview type")
	if err != nil {
		return err
	}
	p, err := a.svc.Interviews.FindInterviewPlanByID(r.Context(), id)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, p)
}

func (a *API) putInterviewPlan(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id", "Interview type")
	if err != nil {
		return err
	}
	var in InterviewPlanInput
	if err := decodeJSON(w, r, &in); err != nil {
		return err
	}
	p := in.plan()
	p.ID = id
	out, err := a.svc.Interviews.UpdateInterviewPlan(r.Context(), p)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, out)
}

func (a *API) deleteInterviewPlan(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id", "Interview type")
	if err != nil {
		return err
	}
	if err := a.svc.Interviews.DeleteInterviewPlan(r.Context(), id); err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}

// listPlanSlots answers the free times of an interview type over the next
// three weeks (or [from, to) when given, at most 8 weeks).
func (a *API) listPlanSlots(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id", "Interview type")
	if err != nil {
		return err
	}
	q := newQuery(r)
	now := time.Now().UTC()
	from, to := q.time("from", now), q.time("to", time.Time{})
	if err := q.err(); err != nil {
		return err
	}
	if from.Before(now) {
		from = now
	}
	if to.IsZero() {
		to = from.Add(21 * 24 * time.Hour)
	}
	if !to.After(from) || to.Sub(from) > 56*24*time.Hour {
		return invalid("Choose a window of at most 8 weeks, with to after from.", map[string]string{"to": "Choose a window of at most 8 weeks."})
	}
	ctx := r.Context()
	p, err := a.svc.Interviews.FindInterviewPlanByID(ctx, id)
	if err != nil {
		return err
	}
	avs := make([]*skillkeepr.Availability, 0, len(p.InterviewerIDs))
	for _, uid := range p.InterviewerIDs {
		av, err := a.svc.Availability.FindAvailability(ctx, uid)
		if err != nil {
			return err
		}
		avs = append(avs, av)
	}
	busy, err := a.svc.Interviews.FindBusyTimes(ctx, p.InterviewerIDs, from.Add(-24*time.Hour), to.Add(24*time.Hour))
	if err != nil {
		return err
	}
	req := schedule.PlanRequest(now, from, to, p.Duration(), p.Mode, avs, busy, 0)
	if err := req.Validate(); err != nil {
		return err
	}
	var out []FreeSlot
	for _, s := range schedule.FindSlots(req) {
		out = append(out, FreeSlot{StartsAt: s.Start, EndsAt: s.End, InterviewerIDs: s.InterviewerIDs()})
	}
	return writeJSON(w, http.StatusOK, newList(out, len(out)))
}

func (a *API) listInterviews(w http.ResponseWriter, r *http.Request) error {
	q := newQuery(r)
	f := skillkeepr.InterviewFilter{JobID: q.id("job_id"), ApplicationID: q.id("application_id"), InterviewerID: q.id("interviewer_id"),
		From: q.time("from", time.Time{}), To: q.time("to", time.Time{})}
	if st := q.str("status"); st != "" {
		s := skillkeepr.InterviewStatus(st)
		if !s.Valid() {
			q.v.Add("status", "Choose scheduled, completed, noshow or canceled.")
		}
		f.Statuses = []skillkeepr.InterviewStatus{s}
	}
	if err := q.err(); err != nil {
		return err
	}
	ivs, err := a.svc.Interviews.FindInterviews(r.Context(), f)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, newList(ivs, len(ivs)))
}

func (a *API) getInterview(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id", "Interview")
	if err != nil {
		return err
	}
	iv, err := a.svc.Interviews.FindInterviewByID(r.Context(), id)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, iv)
}

func (a *API) bookInterview(w http.ResponseWriter, r *http.Request) error {
	var in InterviewBookingInput
	if err := decodeJSON(w, r, &in); err != nil {
		return err
	}
	ctx := r.Context()
	b := skillkeepr.InterviewBooking{ApplicationID: in.ApplicationID, PlanID: in.PlanID, Title: in.Title, StartsAt: in.StartsAt,
		Timezone: in.Timezone, InterviewerIDs: in.InterviewerIDs}
	switch {
	case in.EndsAt != nil:
		b.EndsAt = *in.EndsAt
	case in.PlanID != 0:
		p, err := a.svc.Interviews.FindInterviewPlanByID(ctx, in.PlanID)
		if err != nil {
			return invalid("Choose an interview type of this job.", map[string]string{"plan_id": "Choose an interview type of this job."})
		}
		b.EndsAt = in.StartsAt.Add(p.Duration())
	}
	iv, err := a.svc.Interviews.BookInterview(ctx, b)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusCreated, iv)
}

func (a *API) rescheduleInterview(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id", "Interview")
	if err != nil {
		return err
	}
	var in InterviewRescheduleInput
	if err := decodeJSON(w, r, &in); err != nil {
		return err
	}
	ctx := r.Context()
	iv, err := a.svc.Interviews.FindInterviewByID(ctx, id)
	if err != nil {
		return err
	}
	end := in.StartsAt.Add(iv.Duration())
	if in.EndsAt != nil {
		end = *in.EndsAt
	}
	out, err := a.svc.Interviews.RescheduleInterview(ctx, id, skillkeepr.InterviewReschedule{StartsAt: in.StartsAt, EndsAt: end,
		Timezone: in.Timezone, InterviewerIDs: in.InterviewerIDs})
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, out)
}

func (a *API) cancelInterview(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id", "Interview")
	if err != nil {
		return err
	}
	var in InterviewCancelInput
	if err := decodeJSON(w, r, &in); err != nil {
		return err
	}
	out, err := a.svc.Interviews.CancelInterview(r.Context(), id, in.Reason)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, out)
}

func (a *API) completeInterview(w http.ResponseWriter, r *http.Request) error {
	return a.markInterview(w, r, a.svc.Interviews.MarkInterviewCompleted)
}

func (a *API) noShowInterview(w http.ResponseWriter, r *http.Request) error {
	return a.markInterview(w, r, a.svc.Interviews.MarkInterviewNoShow)
}

func (a *API) markInterview(w http.ResponseWriter, r *http.Request, mark func(ctx context.Context, id int64) (*skillkeepr.Interview, error)) error {
	id, err := pathID(r, "id", "Interview")
	if err != nil {
		return err
	}
	out, err := mark(r.Context(), id)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, out)
}

func (a *API) getAvailability(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id", "User")
	if err != nil {
		return err
	}
	av, err := a.svc.Availability.FindAvailability(r.Context(), id)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, av)
}

func (a *API) putAvailability(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id", "User")
	if err != nil {
		return err
	}
	var in skillkeepr.Availability
	if err := decodeJSON(w, r, &in); err != nil {
		return err
	}
	in.UserID = id
	av, err := a.svc.Availability.SetAvailability(r.Context(), in)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, av)
}

func (a *API) createSchedulingLink(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id", "Application")
	if err != nil {
		return err
	}
	var in SchedulingLinkCreate
	if err := decodeJSON(w, r, &in); err != nil {
		return err
	}
	l, err := a.svc.Scheduling.CreateSchedulingLink(r.Context(), id, in.PlanID, 0)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusCreated, l)
}

// time reads an optional RFC 3339 time.
func (q *query) time(name string, def time.Time) time.Time {
	s := q.str(name)
	if s == "" {
		return def
	}
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		q.v.Add(name, "Write the time as RFC 3339, e.g. 2027-03-01T09:00:00Z.")
		return def
	}
	return t
}
