package web

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/skillkeepr/skillkeepr"
)

// Rating card pages (issue #7): a job's templates, filling a card, and the
// list of one's own cards.

type ratingCardsData struct {
	Job       *skillkeepr.Job
	Templates []*skillkeepr.RatingCardTemplate
	Plans     []*skillkeepr.InterviewPlan
	CanEdit   bool
}

func (s *Server) ratingCardsPage(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "Job")
	if err != nil {
		return err
	}
	ctx := r.Context()
	job, err := s.svc.Jobs.FindJobByID(ctx, id)
	if err != nil {
		return err
	}
	d := ratingCardsData{Job: job, CanEdit: skillkeepr.Can(skillkeepr.ActorFrom(ctx), skillkeepr.ActEditRatingCard, skillkeepr.Target{Job: job})}
	if d.Templates, err = s.svc.RatingCards.FindRatingCardTemplates(ctx, id); err != nil {
		return err
	}
	if s.svc.Interviews != nil && skillkeepr.Can(skillkeepr.ActorFrom(ctx), skillkeepr.ActScheduleInterview, skillkeepr.Target{Job: job}) {
		if d.Plans, err = s.svc.Interviews.FindInterviewPlans(ctx, id); err != nil {
			return err
		}
	}
	return s.render(w, r, http.StatusOK, "ratingcards", "Rating cards — "+job.Title, d)
}

func (s *Server) createRatingCard(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "Job")
	if err != nil {
		return err
	}
	t, err := s.svc.RatingCards.CreateRatingCardTemplate(r.Context(), id, r.PostFormValue("name"))
	if err != nil {
		return err
	}
	s.setFlash(w, "Rating card “"+t.Name+"” created from the job's skills. Check the competencies and what each score means.")
	return redirect(w, r, "/rating-cards/"+strconv.FormatInt(t.ID, 10))
}

// setPlanRatingCard lets an interview type use one of the job's cards.
func (s *Server) setPlanRatingCard(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "Job")
	if err != nil {
		return err
	}
	ctx := r.Context()
	p, err := s.svc.Interviews.FindInterviewPlanByID(ctx, formInt64(r, "plan_id"))
	if err != nil {
		return err
	}
	if p.JobID != id {
		return skillkeepr.NotFound("Interview type")
	}
	p.RatingCardTemplateID = formInt64(r, "template_id")
	if p.RatingCardTemplateID != 0 {
		t, err := s.svc.RatingCards.FindRatingCardTemplateByID(ctx, p.RatingCardTemplateID)
		if err != nil || t.JobID != id {
			return skillkeepr.Validation{"template_id": "Choose one of this job's rating cards."}.Err()
		}
	}
	if _, err := s.svc.Interviews.UpdateInterviewPlan(ctx, *p); err != nil {
		return err
	}
	s.setFlash(w, "Interview type “"+p.Name+"” updated.")
	return redirect(w, r, "/jobs/"+strconv.FormatInt(id, 10)+"/rating-card")
}

type ratingCardEditData struct {
	Template *skillkeepr.RatingCardTemplate
	Job      *skillkeepr.Job
	Rows     []skillkeepr.Competency // the competencies and two empty rows
	Points   []int
	Fields   map[string]string
	CanEdit  bool
}

func (s *Server) ratingCardPage(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "Rating card")
	if err != nil {
		return err
	}
	ctx := r.Context()
	t, err := s.svc.RatingCards.FindRatingCardTemplateByID(ctx, id)
	if err != nil {
		return err
	}
	return s.renderRatingCardEdit(w, r, t, t.Competencies, t.Name, nil)
}

func (s *Server) renderRatingCardEdit(w http.ResponseWriter, r *http.Request, t *skillkeepr.RatingCardTemplate, rows []skillkeepr.Competency, name string, fields map[string]string) error {
	ctx := r.Context()
	job, err := s.svc.Jobs.FindJobByID(ctx, t.JobID)
	if err != nil {
		return err
	}
	edit := *t
	edit.Name = name
	d := ratingCardEditData{Template: &edit, Job: job, Points: []int{1, 2, 3, 4}, Fields: fields,
		CanEdit: t.Current && skillkeepr.Can(skillkeepr.ActorFrom(ctx), skillkeepr.ActEditRatingCard, skillkeepr.Target{Job: job})}
	d.Rows = append(append([]skillkeepr.Competency{}, rows...), skillkeepr.Competency{}, skillkeepr.Competency{})
	status := http.StatusOK
	if fields != nil {
		status = http.StatusBadRequest
	}
	return s.render(w, r, status, "ratingcard", "Rating card — "+t.Name, d)
}

func (s *Server) updateRatingCard(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "Rating card")
	if err != nil {
		return err
	}
	ctx := r.Context()
	u := skillkeepr.RatingCardTemplateUpdate{Name: r.PostFormValue("name"), IsDefault: r.PostFormValue("is_default") == "on"}
	n, _ := strconv.Atoi(r.PostFormValue("rows"))
	n = min(max(n, 0), skillkeepr.MaxCompetencies+2)
	for i := range n {
		p := "c" + strconv.Itoa(i) + "_"
		c := skillkeepr.Competency{Name: r.PostFormValue(p + "name")}
		for k := range c.Anchors {
			c.Anchors[k] = r.PostFormValue(p + "a" + strconv.Itoa(k+1))
		}
		u.Competencies = append(u.Competencies, c)
	}
	t, err := s.svc.RatingCards.UpdateRatingCardTemplate(ctx, id, u)
	if skillkeepr.ErrorCodeOf(err) == skillkeepr.EINVALID {
		old, ferr := s.svc.RatingCards.FindRatingCardTemplateByID(ctx, id)
		if ferr != nil {
			return ferr
		}
		var rows []skillkeepr.Competency
		for _, c := range u.Competencies {
			if strings.TrimSpace(c.Name) != "" {
				rows = append(rows, c)
			}
		}
		return s.renderRatingCardEdit(w, r, old, rows, u.Name, skillkeepr.ErrorFields(err))
	}
	if err != nil {
		return err
	}
	msg := "Rating card saved."
	if t.ID != id {
		msg = "Rating card saved as version " + strconv.Itoa(t.Version) + ": cards already written keep the version they were written on."
	}
	s.setFlash(w, msg)
	return redirect(w, r, "/jobs/"+strconv.FormatInt(t.JobID, 10)+"/rating-card")
}

type cardPageData struct {
	Interview *skillkeepr.Interview // nil when the viewer may not open the interview itself
	Mine      *skillkeepr.RatingCard
	Others    []*skillkeepr.RatingCard
	// Locked: the viewer owes their own card before seeing the others.
	Locked  bool
	Points  []int
	Form    map[string]int // the scores sent back after an error
	Overall int
	Notes   string
	Fields  map[string]string
}

func (s *Server) interviewCardPage(w http.ResponseWriter, r *http.Request) error {
	return s.renderCardPage(w, r, nil)
}

func (s *Server) renderCardPage(w http.ResponseWriter, r *http.Request, sent *skillkeepr.RatingCardSubmission, fields ...map[string]string) error {
	id, err := pathID(r, "Interview")
	if err != nil {
		return err
	}
	ctx := r.Context()
	d := cardPageData{Points: []int{1, 2, 3, 4}}
	if iv, err := s.svc.Interviews.FindInterviewByID(ctx, id); err == nil {
		d.Interview = iv
	}
	mine, err := s.svc.RatingCards.FindMyRatingCard(ctx, id)
	switch skillkeepr.ErrorCodeOf(err) {
	case "":
		d.Mine = mine
	case skillkeepr.EFORBIDDEN: // not an interviewer, but may see the job: read the cards
	default:
		return err
	}
	others, err := s.svc.RatingCards.FindInterviewRatingCards(ctx, id)
	switch skillkeepr.ErrorCodeOf(err) {
	case "":
		for _, c := range others {
			if d.Mine == nil || c.ID != d.Mine.ID {
				d.Others = append(d.Others, c)
			}
		}
	case skillkeepr.EFORBIDDEN:
		d.Locked = true
	default:
		return err
	}
	status := http.StatusOK
	if sent != nil {
		d.Form, d.Overall, d.Notes = sent.Scores, sent.Overall, sent.Notes
		if len(fields) > 0 {
			d.Fields = fields[0]
		}
		status = http.StatusBadRequest
	}
	title := "Rating card"
	if d.Mine != nil {
		title += " — " + d.Mine.CandidateName
	}
	return s.render(w, r, status, "interviewcard", title, d)
}

func (s *Server) submitInterviewCard(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "Interview")
	if err != nil {
		return err
	}
	ctx := r.Context()
	mine, err := s.svc.RatingCards.FindMyRatingCard(ctx, id)
	if err != nil {
		return err
	}
	sub := skillkeepr.RatingCardSubmission{Scores: map[string]int{}, Notes: r.PostFormValue("notes")}
	sub.Overall, _ = strconv.Atoi(r.PostFormValue("overall"))
	for i, c := range mine.Template.Competencies {
		if n, err := strconv.Atoi(r.PostFormValue("score_" + strconv.Itoa(i))); err == nil {
			sub.Scores[c.Name] = n
		}
	}
	sent := sub
	if _, err := s.svc.RatingCards.SubmitRatingCard(ctx, id, sub); err != nil {
		if skillkeepr.ErrorCodeOf(err) == skillkeepr.EINVALID {
			return s.renderCardPage(w, r, &sent, skillkeepr.ErrorFields(err))
		}
		return err
	}
	s.setFlash(w, "Thank you: your rating card for "+mine.CandidateName+" is in. You can now read the other interviewers' cards.")
	return redirect(w, r, "/interviews/"+strconv.FormatInt(id, 10)+"/card")
}

func (s *Server) myCardsPage(w http.ResponseWriter, r *http.Request) error {
	cards, err := s.svc.RatingCards.FindMyRatingCards(r.Context())
	if err != nil {
		return err
	}
	return s.render(w, r, http.StatusOK, "mycards", "My rating cards", cards)
}
