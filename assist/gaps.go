package assist

import (
	"context"
	"fmt"
	"io"
	"time"

	"github.com/skillkeepr/skillkeepr"
	"github.com/skillkeepr/skillkeepr/match"
)

// MatchFor returns the shortlisting evidence of the candidate's newest
// résumé against the job, or nil when the candidate has no résumé the
// actor may read or it cannot be read, by scoring the résumé now with the
// pure match package. For uses the stored score when there is one
// (FromStored) and this only for an application not scored yet.
func MatchFor(ctx context.Context, candidates skillkeepr.CandidateService, cand *skillkeepr.Candidate, job *skillkeepr.Job, now time.Time) *Match {
	if len(cand.Resumes) == 0 {
		return nil
	}
	newest := cand.Resumes[0] // the store lists the newest first
	f, body, err := candidates.OpenResume(ctx, newest.ID)
	if err != nil {
		return nil
	}
	defer body.Close()
	data, err := io.ReadAll(io.LimitReader(body, skillkeepr.MaxResumeSize+1))
	if err != nil {
		return nil
	}
	text, err := match.ExtractText(ctx, f.FileName, data, match.Limits{})
	if err != nil {
		return nil
	}
	c := match.CriteriaFromJob(*job)
	c.AsOf = match.MonthOf(now)
	return FromResult(match.ScoreProfile(c, match.Extract(text)), "résumé "+f.FileName+", scored against the job now")
}

// FromStored turns the score shortlisting stored (in the background, with
// the job's current criteria) into the evidence Build reads. Its evidence
// is already masked when blind review hides the candidate.
func FromStored(sc *skillkeepr.ApplicationScore) *Match {
	m := &Match{Score: sc.Score, Source: fmt.Sprintf("stored match score (criteria version %d)", sc.CriteriaVersion),
		Criteria: make([]Criterion, 0, len(sc.Criteria))}
	for _, cr := range sc.Criteria {
		c := Criterion{Label: cr.Criterion.Label, Skill: cr.Criterion.Kind == match.KindSkill, Required: cr.Criterion.Required,
			Verdict: cr.Verdict, Reason: cr.Reason}
		if len(cr.Evidence) > 0 {
			c.Evidence = cr.Evidence[0].Text
		}
		m.Criteria = append(m.Criteria, c)
	}
	return m
}

// FromResult turns a match result into the evidence Build reads.
func FromResult(r match.Result, source string) *Match {
	m := &Match{Score: r.Score, Source: source, Criteria: make([]Criterion, 0, len(r.Criteria))}
	for _, cr := range r.Criteria {
		c := Criterion{Label: cr.Criterion.Label, Skill: cr.Criterion.Kind == match.KindSkill, Required: cr.Criterion.Required,
			Verdict: string(cr.Verdict), Reason: cr.Reason}
		if len(cr.Evidence) > 0 {
			c.Evidence = cr.Evidence[0].Text
		}
		m.Criteria = append(m.Criteria, c)
	}
	return m
}
