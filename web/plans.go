package web

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/skillkeepr/skillkeepr"
)

type plansData struct {
	Job     *skillkeepr.Job
	Plans   []planView
	People  []skillkeepr.InterviewParticipant
	CanEdit bool
	Form    skillkeepr.InterviewPlan // the create form (or the plan being edited)
	Fields  map[string]string
	EditID  int64
}

type planView struct {
	*skillkeepr.InterviewPlan
	Names string
}

func (s *Server) plansView(r *http.Request, job *skillkeepr.Job) (plansData, error) {
	ctx := r.Context()
	d := plansData{Job: job, CanEdit: skillkeepr.Can(skillkeepr.ActorFrom(ctx), skillkeepr.ActScheduleInterview, skillkeepr.Target{Job: job}),
		Form: skillkeepr.InterviewPlan{DurationMinutes: 45, Mode: skillkeepr.ModePanel}}
	plans, err := s.svc.Interviews.FindInterviewPlans(ctx, job.ID)
	if err != nil {
		return d, err
	}
	names, people, err := s.userNames(r)
	if err != nil {
		return d, err
	}
	d.People = people
	for _, p := range plans {
		var who []string
		for _, id := range p.InterviewerIDs {
			who = append(who, names[id])
		}
		d.Plans = append(d.Plans, planView{InterviewPlan: p, Names: strings.Join(who, ", ")})
	}
	return d, nil
}

func (s *Server) plansPage(w http.ResponseWriter, r *http.Request) error {
	job, err := s.jobFromPath(r)
	if err != nil {
		return err
	}
	d, err := s.plansView(r, job)
	if err != nil {
		return err
	}
	if id := formInt64(r, "edit"); id > 0 {
		for _, p := range d.Plans {
			if p.ID == id {
				d.Form, d.EditID = *p.InterviewPlan, id
			}
		}
	}
	return s.render(w, r, http.StatusOK, "plans", "Interview types", d)
}

func planFromForm(r *http.Request) skillkeepr.InterviewPlan {
	p := skillkeepr.InterviewPlan{Name: r.PostFormValue("name"), Mode: r.PostFormValue("mode"),
		RatingCardTemplateID: formInt64(r, "rating_card_template_id")}
	p.DurationMinutes, _ = strconv.Atoi(strings.TrimSpace(r.PostFormValue("duration_minutes")))
	for _, v := range r.PostForm["interviewer_ids"] {
		if id, err := strconv.ParseInt(v, 10, 64); err == nil {
			p.InterviewerIDs = append(p.InterviewerIDs, id)
		}
	}
	return p
}

// savePlan creates a plan (no id in the form) or updates one.
func (s *Server) savePlan(w http.ResponseWriter, r *http.Request) error {
	job, err := s.jobFromPath(r)
	if err != nil {
		return err
	}
	p := planFromForm(r)
	p.JobID, p.ID = job.ID, formInt64(r, "plan_id")
	ctx := r.Context()
	if p.ID != 0 {
		_, err = s.svc.Interviews.UpdateInterviewPlan(ctx, p)
	} else {
		_, err = s.svc.Interviews.CreateInterviewPlan(ctx, p)
	}
	if skillkeepr.ErrorCodeOf(err) == skillkeepr.EINVALID {
		d, verr := s.plansView(r, job)
		if verr != nil {
			return verr
		}
		d.Form, d.Fields, d.EditID = p, skillkeepr.ErrorFields(err), p.ID
		return s.render(w, r, http.StatusBadRequest, "plans", "Interview types", d)
	}
	if err != nil {
		return err
	}
	s.setFlash(w, "Interview type “"+strings.TrimSpace(p.Name)+"” saved.")
	return redirect(w, r, "/jobs/"+strconv.FormatInt(job.ID, 10)+"/interview-plans")
}

func (s *Server) deletePlan(w http.ResponseWriter, r *http.Request) error {
	job, err := s.jobFromPath(r)
	if err != nil {
		return err
	}
	if err := s.svc.Interviews.DeleteInterviewPlan(r.Context(), formInt64(r, "plan_id")); err != nil {
		return err
	}
	s.setFlash(w, "Interview type removed. Interviews already booked stay as they are.")
	return redirect(w, r, "/jobs/"+strconv.FormatInt(job.ID, 10)+"/interview-plans")
}

func (s *Server) jobFromPath(r *http.Request) (*skillkeepr.Job, error) {
	id, err := pathID(r, "Job")
	if err != nil {
		return nil, err
	}
	return s.svc.Jobs.FindJobByID(r.Context(), id)
}
