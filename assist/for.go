package assist

import (
	"context"
	"time"

	"github.com/skillkeepr/skillkeepr"
)

// Panel is the Recruiter Assist panel of one application, with what it is
// about.
type Panel struct {
	ApplicationID int64                        `json:"application_id"`
	CandidateID   int64                        `json:"candidate_id"`
	CandidateName string                       `json:"candidate_name"`
	JobID         int64                        `json:"job_id"`
	JobTitle      string                       `json:"job_title"`
	MatchScore    *int                         `json:"match_score,omitempty"`
	MatchSource   string                       `json:"match_source,omitempty"`
	CardsHidden   bool                         `json:"cards_hidden"`
	Assist        Assist                       `json:"assist"`
	Status        skillkeepr.ApplicationStatus `json:"status"`
	// Generated is the optional language model's written summary (asked
	// for on the candidate page), shown apart and labelled as generated;
	// nil when there is none, or while blind review hides the candidate.
	Generated *skillkeepr.AssistSuggestion `json:"generated,omitempty"`
}

// For gathers the input of an application the actor may see through the
// services and builds its panel.
func For(ctx context.Context, svc skillkeepr.Services, applicationID int64, now time.Time) (*Panel, error) {
	app, err := svc.Applications.FindApplicationByID(ctx, applicationID)
	if err != nil {
		return nil, err
	}
	job, err := svc.Jobs.FindJobByID(ctx, app.JobID)
	if err != nil {
		return nil, err
	}
	cand, err := svc.Candidates.FindCandidateByID(ctx, app.CandidateID)
	if err != nil {
		return nil, err
	}
	// The shortlist's view of the application: its stored score, and
	// whether blind review still hides who the candidate is.
	var entry *skillkeepr.ShortlistEntry
	if svc.Shortlist != nil {
		entry, err = svc.Shortlist.ApplicationEntry(ctx, applicationID)
		if err != nil && skillkeepr.ErrorCodeOf(err) != skillkeepr.ENOTFOUND {
			return nil, err
		}
	}
	name := cand.Name
	if entry != nil && entry.Masked {
		name = entry.DisplayName()
	}
	in := Input{Job: job, CandidateName: name, Status: app.Status, StatusSince: app.UpdatedAt, Now: now}
	in.Cards, err = svc.RatingCards.FindApplicationRatingCards(ctx, applicationID)
	switch skillkeepr.ErrorCodeOf(err) {
	case "":
	case skillkeepr.EFORBIDDEN:
		in.CardsHidden = true
	default:
		return nil, err
	}
	if in.Upcoming, err = svc.RatingCards.CountUpcomingInterviews(ctx, applicationID); err != nil {
		return nil, err
	}
	switch {
	case entry != nil && entry.Score != nil && entry.Score.State == skillkeepr.ScoreScored:
		in.Match = FromStored(entry.Score)
	case entry == nil || !entry.Masked:
		in.Match = MatchFor(ctx, svc.Candidates, cand, job, now)
	}
	p := &Panel{ApplicationID: app.ID, CandidateID: cand.ID, CandidateName: name, JobID: job.ID, JobTitle: job.Title,
		Status: app.Status, CardsHidden: in.CardsHidden, Assist: Build(in)}
	if in.Match != nil {
		score := in.Match.Score
		p.MatchScore, p.MatchSource = &score, in.Match.Source
	}
	if svc.Assist != nil && svc.Assist.AssistEnabled() && (entry == nil || !entry.Masked) {
		g, err := svc.Assist.LatestAssist(ctx, applicationID)
		switch {
		case err == nil && g.Status == skillkeepr.AssistReady && g.Payload != nil && len(g.Payload.Summary) > 0:
			p.Generated = g
		case err != nil && skillkeepr.ErrorCodeOf(err) != skillkeepr.ENOTFOUND:
			return nil, err
		}
	}
	return p, nil
}
