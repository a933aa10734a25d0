package api

import (
	"context"
	"fmt"
	"net/http"
	"strings"

	"github.com/skillkeepr/skillkeepr"
)

// CriteriaUpdate saves a new version of a job's matching criteria. The
// update is refused (409) when base_version is no longer the current one.
type CriteriaUpdate struct {
	BaseVersion int                    `json:"base_version"`
	Items       []skillkeepr.Criterion `json:"items"`
}

// ShortlistRequest shortlists applications of the job (status
// "shortlisted", which tags the Lever opportunity).
type ShortlistRequest struct {
	ApplicationIDs []int64 `json:"application_ids"`
}

// NotFitRequest records a person's "not a fit", with the reason.
type NotFitRequest struct {
	Reason string `json:"reason"`
}

// UnmaskRequest shows who a blind-reviewed candidate is; confirm must be
// true. It is recorded in the audit log.
type UnmaskRequest struct {
	Confirm bool `json:"confirm"`
}

// BlindReviewSetting is a job's blind review: "on", "off", or
// "organization" to follow the organisation's setting.
type BlindReviewSetting struct {
	BlindReview string `json:"blind_review"`
	Effective   bool   `json:"effective,omitempty"` // in answers: whether it is on for the job
}

// CandidateResumeText is the text of a candidate's newest résumé (masked
// during blind review).
type CandidateResumeText struct {
	Masked bool                   `json:"masked"`
	Text   *skillkeepr.ResumeText `json:"text"` // null until the résumé has been read
}

// maxShortlistBatch bounds the applications shortlisted in one request.
const maxShortlistBatch = 500

func (a *API) getJobCriteria(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id", "Job")
	if err != nil {
		return err
	}
	jc, err := a.svc.Shortlist.JobCriteria(r.Context(), id)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, jc)
}

func (a *API) listJobCriteriaVersions(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id", "Job")
	if err != nil {
		return err
	}
	hist, err := a.svc.Shortlist.JobCriteriaHistory(r.Context(), id)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, newList(hist, len(hist)))
}

func (a *API) putJobCriteria(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id", "Job")
	if err != nil {
		return err
	}
	var in CriteriaUpdate
	if err := decodeJSON(w, r, &in); err != nil {
		return err
	}
	jc, err := a.svc.Shortlist.UpdateJobCriteria(r.Context(), id, in.BaseVersion, in.Items)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, jc)
}

func (a *API) getJobScores(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id", "Job")
	if err != nil {
		return err
	}
	sl, err := a.svc.Shortlist.JobShortlist(r.Context(), id)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, sl)
}

func (a *API) postJobShortlist(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id", "Job")
	if err != nil {
		return err
	}
	var in ShortlistRequest
	if err := decodeJSON(w, r, &in); err != nil {
		return err
	}
	v := skillkeepr.Validation{}
	v.Check(len(in.ApplicationIDs) > 0, "application_ids", "Give at least one application.")
	v.Check(len(in.ApplicationIDs) <= maxShortlistBatch, "application_ids", "Give at most 500 applications at once.")
	if err := v.Err(); err != nil {
		return err
	}
	ctx := r.Context()
	if _, err := a.svc.Jobs.FindJobByID(ctx, id); err != nil {
		return err
	}
	out := []*skillkeepr.Application{}
	for _, appID := range in.ApplicationIDs {
		app, err := a.svc.Applications.FindApplicationByID(ctx, appID)
		if err != nil {
			return err
		}
		if app.JobID != id {
			return skillkeepr.NotFound("Application")
		}
		if app, err = a.svc.Applications.SetApplicationStatus(ctx, appID, skillkeepr.StatusShortlisted, ""); err != nil {
			return err
		}
		out = append(out, app)
	}
	return writeJSON(w, http.StatusOK, newList(out, len(out)))
}

func (a *API) putJobBlindReview(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id", "Job")
	if err != nil {
		return err
	}
	var in BlindReviewSetting
	if err := decodeJSON(w, r, &in); err != nil {
		return err
	}
	var on *bool
	switch in.BlindReview {
	case "on":
		on = new(true)
	case "off":
		on = new(false)
	case "organization":
	default:
		return &skillkeepr.Error{Code: skillkeepr.EINVALID, Message: "Please check the blind review setting.",
			Fields: map[string]string{"blind_review": `Expected "on", "off" or "organization".`}}
	}
	if _, err := a.svc.Shortlist.SetJobBlindReview(r.Context(), id, on); err != nil {
		return err
	}
	return a.getJobBlindReview(w, r)
}

func (a *API) getJobBlindReview(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id", "Job")
	if err != nil {
		return err
	}
	own, eff, err := a.svc.Shortlist.JobBlindReview(r.Context(), id)
	if err != nil {
		return err
	}
	out := BlindReviewSetting{BlindReview: "organization", Effective: eff}
	if own != nil {
		out.BlindReview = map[bool]string{true: "on", false: "off"}[*own]
	}
	return writeJSON(w, http.StatusOK, out)
}

func (a *API) postNotFit(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id", "Application")
	if err != nil {
		return err
	}
	var in NotFitRequest
	if err := decodeJSON(w, r, &in); err != nil {
		return err
	}
	e, err := a.svc.Shortlist.MarkNotFit(r.Context(), id, in.Reason)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, e)
}

func (a *API) deleteNotFit(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id", "Application")
	if err != nil {
		return err
	}
	e, err := a.svc.Shortlist.ClearNotFit(r.Context(), id)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, e)
}

func (a *API) postUnmask(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id", "Application")
	if err != nil {
		return err
	}
	var in UnmaskRequest
	if err := decodeJSON(w, r, &in); err != nil {
		return err
	}
	if !in.Confirm {
		return &skillkeepr.Error{Code: skillkeepr.EINVALID, Message: "Confirm that you want to see who this candidate is.",
			Fields: map[string]string{"confirm": "Set confirm to true; unmasking is recorded in the audit log."}}
	}
	e, err := a.svc.Shortlist.UnmaskApplication(r.Context(), id)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, e)
}

func (a *API) getShortlistEntry(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id", "Application")
	if err != nil {
		return err
	}
	e, err := a.svc.Shortlist.ApplicationEntry(r.Context(), id)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, e)
}

func (a *API) getCandidateResumeText(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id", "Candidate")
	if err != nil {
		return err
	}
	text, masked, err := a.svc.Shortlist.CandidateResumeText(r.Context(), id)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, CandidateResumeText{Masked: masked, Text: text})
}

// maskCandidate hides who a candidate is while any application the actor
// sees is masked by blind review.
func (a *API) maskCandidate(ctx context.Context, c *skillkeepr.Candidate) error {
	label := ""
	for _, app := range c.Applications {
		e, err := a.svc.Shortlist.ApplicationEntry(ctx, app.ID)
		if err != nil {
			return err
		}
		if e.Masked && label == "" {
			label = e.DisplayName()
		}
	}
	if label == "" {
		return nil
	}
	c.Masked, c.Name, c.Location = true, label, ""
	c.Emails, c.Phones, c.Links = []string{}, []string{}, []string{}
	for _, r := range c.Resumes {
		r.FileName = ""
	}
	return nil
}

// maskRows hides the names and emails of masked candidates in a list of
// candidates during blind review.
func (a *API) maskRows(ctx context.Context, rows []*skillkeepr.CandidateRow) error {
	masked := map[int64]map[int64]int{} // job → application → number
	for _, row := range rows {
		nums, ok := masked[row.JobID]
		if !ok {
			var err error
			if nums, err = a.svc.Shortlist.MaskedNumbers(ctx, row.JobID); err != nil {
				return err
			}
			masked[row.JobID] = nums
		}
		if n, ok := nums[row.ApplicationID]; ok {
			row.Name, row.Email, row.Masked = fmt.Sprintf("Candidate %d", n), "", true
		}
	}
	return nil
}

// maskEvents hides a masked candidate's names and résumé file names in
// their timeline.
func (a *API) maskEvents(ctx context.Context, c *skillkeepr.Candidate, events []*skillkeepr.Event) error {
	masked, err := a.svc.Shortlist.CandidateMasked(ctx, c.ID)
	if err != nil || !masked {
		return err
	}
	for _, e := range events {
		for _, f := range c.Resumes {
			e.Message = strings.ReplaceAll(e.Message, f.FileName, "[file name hidden]")
		}
		for _, n := range strings.Fields(c.Name) {
			if len([]rune(n)) >= 2 {
				e.Message = strings.ReplaceAll(e.Message, n, "[name]")
			}
		}
	}
	return nil
}
