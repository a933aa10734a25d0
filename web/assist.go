package web

import (
	"net/http"
	"strconv"

	"github.com/skillkeepr/skillkeepr"
)

// candidateExtras is what the candidate page shows beside its own data:
// the language-model suggestion per application and the self-
// identification form. It is loaded by pageExtra, so the candidate page's
// own handler stays as it is.
type candidateExtras struct {
	CandidateID   int64
	AssistEnabled bool
	Assist        []assistView
	SelfID        skillkeepr.SelfIDRecord
	CanSetSelfID  bool
	Questions     []skillkeepr.SelfIDQuestion
}

type assistView struct {
	ApplicationID int64
	JobLabel      string
	Suggestion    *skillkeepr.AssistSuggestion // nil: none yet
	CanRequest    bool
	// Waiting: pending and not stale, so no new request is offered.
	Waiting bool
}

// pageExtra loads the extra data of page name, or nil.
func (s *Server) pageExtra(r *http.Request, name string, data any) (any, error) {
	if name != "candidate" {
		return nil, nil
	}
	// The candidate page's data may be passed by value or by pointer; the
	// web tests fail if it becomes anything else and the box vanishes.
	switch d := data.(type) {
	case candidateData:
		if d.Candidate != nil {
			return s.candidateExtras(r, d)
		}
	case *candidateData:
		if d != nil && d.Candidate != nil {
			return s.candidateExtras(r, *d)
		}
	}
	return nil, nil
}

func (s *Server) candidateExtras(r *http.Request, d candidateData) (*candidateExtras, error) {
	ctx := r.Context()
	a := skillkeepr.ActorFrom(ctx)
	x := &candidateExtras{CandidateID: d.Candidate.ID}
	if s.svc.Assist != nil {
		x.AssistEnabled = s.svc.Assist.AssistEnabled()
	}
	for _, app := range d.Candidate.Applications {
		job, err := s.svc.Jobs.FindJobByID(ctx, app.JobID)
		if err != nil {
			if skillkeepr.ErrorCodeOf(err) == skillkeepr.ENOTFOUND {
				continue
			}
			return nil, err
		}
		manage := skillkeepr.Can(a, skillkeepr.ActManageCandidates, skillkeepr.Target{Job: job})
		x.CanSetSelfID = x.CanSetSelfID || manage
		v := assistView{ApplicationID: app.ID, JobLabel: job.DisplayNumber() + " " + job.Title, CanRequest: manage && x.AssistEnabled}
		if s.svc.Assist != nil {
			g, err := s.svc.Assist.LatestAssist(ctx, app.ID)
			switch skillkeepr.ErrorCodeOf(err) {
			case "":
				v.Suggestion = g
				v.Waiting = g.Status == skillkeepr.AssistPending && !g.Stale(s.now())
			case skillkeepr.ENOTFOUND:
			default:
				return nil, err
			}
		}
		if v.Suggestion != nil || v.CanRequest {
			x.Assist = append(x.Assist, v)
		}
	}
	if s.svc.Fairness != nil {
		rec, err := s.svc.Fairness.SelfIdentificationRecord(ctx, d.Candidate.ID)
		if err != nil {
			return nil, err
		}
		x.SelfID = rec
		if x.CanSetSelfID {
			if x.Questions, err = s.svc.Fairness.SelfIDQuestions(ctx); err != nil {
				return nil, err
			}
		}
	}
	return x, nil
}

// requestAssist queues a language-model suggestion for an application.
func (s *Server) requestAssist(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "Application")
	if err != nil {
		return err
	}
	ctx := r.Context()
	app, err := s.svc.Applications.FindApplicationByID(ctx, id)
	if err != nil {
		return err
	}
	if s.svc.Assist == nil || !s.svc.Assist.AssistEnabled() {
		s.renderErrorPage(w, r, http.StatusServiceUnavailable, "Not turned on",
			"The language-model assistant is not turned on for this server. Your administrator can turn it on in the server settings.")
		return nil
	}
	if _, err := s.svc.Assist.RequestAssist(ctx, id); err != nil {
		return err
	}
	s.setFlash(w, "A suggestion is being prepared. It appears on this page in a minute or so.")
	return redirect(w, r, "/candidates/"+strconv.FormatInt(app.CandidateID, 10)+"#assist-"+strconv.FormatInt(id, 10))
}
