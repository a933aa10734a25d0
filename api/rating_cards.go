package api

import (
	"net/http"
	"time"

	"github.com/skillkeepr/skillkeepr"
	"github.com/skillkeepr/skillkeepr/assist"
)

// Rating cards (issue #7).

// RatingCardTemplateCreate names a new rating card made from the job's
// skills.
type RatingCardTemplateCreate struct {
	Name string `json:"name,omitempty"`
}

// ShortlistNote is the comment of a recommendation or the reason of a
// "not recommended".
type ShortlistNote struct {
	Note string `json:"note"`
}

func (a *API) listRatingCardTemplates(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id", "Job")
	if err != nil {
		return err
	}
	ts, err := a.svc.RatingCards.FindRatingCardTemplates(r.Context(), id)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, newList(ts, len(ts)))
}

func (a *API) createRatingCardTemplate(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id", "Job")
	if err != nil {
		return err
	}
	var in RatingCardTemplateCreate
	if err := decodeJSON(w, r, &in); err != nil {
		return err
	}
	t, err := a.svc.RatingCards.CreateRatingCardTemplate(r.Context(), id, in.Name)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusCreated, t)
}

func (a *API) getRatingCardTemplate(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id", "Rating card")
	if err != nil {
		return err
	}
	t, err := a.svc.RatingCards.FindRatingCardTemplateByID(r.Context(), id)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, t)
}

func (a *API) putRatingCardTemplate(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id", "Rating card")
	if err != nil {
		return err
	}
	var in skillkeepr.RatingCardTemplateUpdate
	if err := decodeJSON(w, r, &in); err != nil {
		return err
	}
	t, err := a.svc.RatingCards.UpdateRatingCardTemplate(r.Context(), id, in)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, t)
}

func (a *API) getMyRatingCard(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id", "Interview")
	if err != nil {
		return err
	}
	c, err := a.svc.RatingCards.FindMyRatingCard(r.Context(), id)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, c)
}

func (a *API) submitRatingCard(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id", "Interview")
	if err != nil {
		return err
	}
	var in skillkeepr.RatingCardSubmission
	if err := decodeJSON(w, r, &in); err != nil {
		return err
	}
	c, err := a.svc.RatingCards.SubmitRatingCard(r.Context(), id, in)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, c)
}

func (a *API) listInterviewRatingCards(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id", "Interview")
	if err != nil {
		return err
	}
	cs, err := a.svc.RatingCards.FindInterviewRatingCards(r.Context(), id)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, newList(cs, len(cs)))
}

func (a *API) listMyRatingCards(w http.ResponseWriter, r *http.Request) error {
	cs, err := a.svc.RatingCards.FindMyRatingCards(r.Context())
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, newList(cs, len(cs)))
}

func (a *API) getInterviewShortlist(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id", "Job")
	if err != nil {
		return err
	}
	q := newQuery(r)
	offset, limit := q.page()
	if err := q.err(); err != nil {
		return err
	}
	sl, err := a.svc.RatingCards.FindInterviewShortlist(r.Context(), id, skillkeepr.ShortlistPage{Offset: offset, Limit: limit})
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, sl)
}

func (a *API) getRatingSummary(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id", "Application")
	if err != nil {
		return err
	}
	sum, err := a.svc.RatingCards.FindRatingSummary(r.Context(), id)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, sum)
}

// decide returns the handler of a status button of the Interview
// Shortlist screen.
func decide(decision string) func(*API, http.ResponseWriter, *http.Request) error {
	return func(a *API, w http.ResponseWriter, r *http.Request) error {
		id, err := pathID(r, "id", "Application")
		if err != nil {
			return err
		}
		var in ShortlistNote
		if err := decodeJSON(w, r, &in); err != nil {
			return err
		}
		st, note, err := skillkeepr.ShortlistDecision(decision, in.Note)
		if err != nil {
			return err
		}
		app, err := a.svc.Applications.SetApplicationStatus(r.Context(), id, st, note)
		if err != nil {
			return err
		}
		return writeJSON(w, http.StatusOK, app)
	}
}

func (a *API) getRecruiterAssist(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id", "Application")
	if err != nil {
		return err
	}
	p, err := assist.For(r.Context(), a.svc, id, time.Now())
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, p)
}
