package web

import (
	"context"
	"net/http"
	"strconv"

	"github.com/skillkeepr/skillkeepr"
)

// MatchScores returns the stored shortlisting match scores (0–100) of the
// given applications; applications without one are left out. It is the
// hook through which the Interview Shortlist screen shows the match score
// once shortlisting stores scores (issue #5): set Config.MatchScores.
type MatchScores func(ctx context.Context, applicationIDs []int64) (map[int64]int, error)

type interviewShortlistData struct {
	*skillkeepr.InterviewShortlist
	CanManage    bool // Shortlist and Push
	CanRecommend bool
	HasMatch     bool
	Cols         int // columns of the table
	Pager        pager
}

func (s *Server) interviewShortlistPage(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "Job")
	if err != nil {
		return err
	}
	ctx := r.Context()
	pg, offset := pageParam(r)
	sl, err := s.svc.RatingCards.FindInterviewShortlist(ctx, id, skillkeepr.ShortlistPage{Offset: offset, Limit: pageSize})
	if err != nil {
		return err
	}
	a := skillkeepr.ActorFrom(ctx)
	t := skillkeepr.Target{Job: sl.Job}
	d := interviewShortlistData{InterviewShortlist: sl, CanManage: skillkeepr.Can(a, skillkeepr.ActManageCandidates, t),
		CanRecommend: skillkeepr.Can(a, skillkeepr.ActRecommend, t)}
	if d.HasMatch, err = s.fillMatchScores(ctx, sl.Rows); err != nil {
		return err
	}
	d.Pager = newPager(r, pg, sl.Total)
	d.Cols = 5 + len(sl.Competencies)
	if d.HasMatch {
		d.Cols++
	}
	return s.render(w, r, http.StatusOK, "interviewshortlist", "Interview Shortlist — "+sl.Job.Title, d)
}

// fillMatchScores sets the rows' match scores through the hook, when one
// is configured; it reports whether any row has one.
func (s *Server) fillMatchScores(ctx context.Context, rows []*skillkeepr.ShortlistRow) (bool, error) {
	if s.cfg.MatchScores == nil || len(rows) == 0 {
		return false, nil
	}
	ids := make([]int64, len(rows))
	for i, r := range rows {
		ids[i] = r.ApplicationID
	}
	scores, err := s.cfg.MatchScores(ctx, ids)
	if err != nil {
		return false, err
	}
	any := false
	for _, r := range rows {
		if v, ok := scores[r.ApplicationID]; ok {
			r.MatchScore = &v
			any = true
		}
	}
	return any, nil
}

// decide applies a status button of the Interview Shortlist screen to an
// application of job jobID.
func (s *Server) decide(ctx context.Context, jobID, applicationID int64, decision, note string) (*skillkeepr.Application, error) {
	st, note, err := skillkeepr.ShortlistDecision(decision, note)
	if err != nil {
		return nil, err
	}
	app, err := s.svc.Applications.FindApplicationByID(ctx, applicationID)
	if err != nil {
		return nil, err
	}
	if app.JobID != jobID {
		return nil, skillkeepr.NotFound("Application")
	}
	return s.svc.Applications.SetApplicationStatus(ctx, applicationID, st, note)
}

func (s *Server) decideFromShortlist(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "Job")
	if err != nil {
		return err
	}
	appID := formInt64(r, "application_id")
	app, err := s.decide(r.Context(), id, appID, r.PostFormValue("decision"), r.PostFormValue("note"))
	if err != nil {
		return err
	}
	msg := "Status changed to “" + app.Status.Label() + "”."
	if app.Status == skillkeepr.StatusRecommended {
		msg = "Recommended to hire. Use Push to send the recommendation to Lever."
	}
	s.setFlash(w, msg)
	return redirect(w, r, "/jobs/"+strconv.FormatInt(id, 10)+"/interview-shortlist#app-"+strconv.FormatInt(appID, 10))
}
