package skillkeepr

import (
	"context"
	"fmt"
	"math"
	"strings"
	"time"
)

// Lever's four points of the overall recommendation.
const (
	StrongNoHire = 1
	NoHire       = 2
	Hire         = 3
	StrongHire   = 4
)

// RecommendationLabel names a point of the overall recommendation.
func RecommendationLabel(n int) string {
	switch n {
	case StrongNoHire:
		return "Strong No Hire"
	case NoHire:
		return "No Hire"
	case Hire:
		return "Hire"
	case StrongHire:
		return "Strong Hire"
	}
	return "Not given"
}

// Limits of rating cards.
const (
	MaxCompetencies       = 12
	MaxCompetencyName     = 100
	MaxAnchorText         = 300
	MaxCardNotes          = 5000
	MaxRatingCardReminder = 3 // reminders per missing card
)

// DefaultRatingCardReminder is how long after an interview's end a missing
// card is first reminded of, and then between reminders.
const DefaultRatingCardReminder = 24 * time.Hour

// Competency is one thing a rating card scores, on an anchored 1–4 scale.
type Competency struct {
	Name string `json:"name"`
	// Anchors says what each point means: Anchors[0] is 1, Anchors[3] is 4.
	Anchors [4]string `json:"anchors"`
}

// RatingCardTemplate is one version of a job's rating card. A version that
// a card uses is never changed: editing it makes a new version of the same
// family, and cards keep pointing at theirs.
type RatingCardTemplate struct {
	ID           int64        `json:"id"`
	OrgID        int64        `json:"-"`
	JobID        int64        `json:"job_id"`
	FamilyID     int64        `json:"family_id"` // the id of the first version
	Version      int          `json:"version"`
	Name         string       `json:"name"`
	IsDefault    bool         `json:"is_default"` // used by interviews without a chosen card
	Current      bool         `json:"current"`    // the newest version of its family
	Competencies []Competency `json:"competencies"`
	CardsUsing   int          `json:"cards_using"` // cards pointing at this version
	CreatedAt    time.Time    `json:"created_at"`
	UpdatedAt    time.Time    `json:"updated_at"`
}

// RatingCardTemplateUpdate is an edit of a template.
type RatingCardTemplateUpdate struct {
	Name         string       `json:"name"`
	IsDefault    bool         `json:"is_default"`
	Competencies []Competency `json:"competencies"`
}

// Validate checks and normalises the fields.
func (u *RatingCardTemplateUpdate) Validate() error {
	u.Name = strings.TrimSpace(u.Name)
	v := Validation{}
	v.Check(u.Name != "", "name", "Enter a name, for example “Interview rating card”.")
	v.Check(len(u.Name) <= MaxInterviewTitle, "name", "Use at most 200 characters.")
	out := make([]Competency, 0, len(u.Competencies))
	seen := map[string]bool{}
	for i, c := range u.Competencies {
		c.Name = strings.TrimSpace(c.Name)
		if c.Name == "" {
			continue // an empty row of the form
		}
		f := fmt.Sprintf("competencies.%d", i)
		v.Check(len(c.Name) <= MaxCompetencyName, f+".name", "Use at most 100 characters for a competency.")
		v.Check(!seen[strings.ToLower(c.Name)], f+".name", "“"+c.Name+"” is listed twice.")
		seen[strings.ToLower(c.Name)] = true
		for k := range c.Anchors {
			c.Anchors[k] = strings.TrimSpace(c.Anchors[k])
			if c.Anchors[k] == "" {
				c.Anchors[k] = DefaultAnchors(c.Name)[k]
			}
			v.Check(len(c.Anchors[k]) <= MaxAnchorText, fmt.Sprintf("%s.anchors.%d", f, k), "Use at most 300 characters.")
		}
		out = append(out, c)
	}
	v.Check(len(out) > 0, "competencies", "Add at least one competency.")
	v.Check(len(out) <= MaxCompetencies, "competencies", "Use at most 12 competencies.")
	u.Competencies = out
	return v.Err()
}

// DefaultAnchors are the generic meanings of the four points for a skill.
func DefaultAnchors(skill string) [4]string {
	return [4]string{
		"No evidence of " + skill + "; answers were wrong or missing.",
		"Some knowledge of " + skill + ", but gaps that would need close support.",
		"Solid " + skill + ": handled the questions well with little help.",
		"Deep " + skill + ": went beyond the questions, could teach others.",
	}
}

// GenerateCompetencies proposes the competencies of a job's rating card:
// its required skills, then its nice-to-have skills, up to
// MaxCompetencies, each with the default anchors; "Communication" when the
// job lists no skills.
func GenerateCompetencies(j *Job) []Competency {
	skills := CleanList(append(append([]string{}, j.RequiredSkills...), j.NiceToHaveSkills...))
	if len(skills) == 0 {
		skills = []string{"Communication"}
	}
	if len(skills) > MaxCompetencies {
		skills = skills[:MaxCompetencies]
	}
	out := make([]Competency, len(skills))
	for i, s := range skills {
		out[i] = Competency{Name: s, Anchors: DefaultAnchors(s)}
	}
	return out
}

// RatingCardStatus is where one card is.
type RatingCardStatus string

const (
	CardPending   RatingCardStatus = "pending"
	CardSubmitted RatingCardStatus = "submitted"
)

// CardScore is one competency's score on a card.
type CardScore struct {
	Competency string `json:"competency"`
	Score      int    `json:"score"` // 1–4
}

// RatingCard is one interviewer's card for one interview.
type RatingCard struct {
	ID              int64            `json:"id"`
	OrgID           int64            `json:"-"`
	InterviewID     int64            `json:"interview_id"`
	ApplicationID   int64            `json:"application_id"`
	JobID           int64            `json:"job_id"`
	TemplateID      int64            `json:"template_id"`
	InterviewerID   int64            `json:"interviewer_id"`
	InterviewerName string           `json:"interviewer_name"`
	CandidateName   string           `json:"candidate_name"`
	InterviewTitle  string           `json:"interview_title"`
	InterviewEndsAt time.Time        `json:"interview_ends_at"`
	InterviewStatus InterviewStatus  `json:"interview_status"`
	Status          RatingCardStatus `json:"status"`
	Scores          []CardScore      `json:"scores"`
	Overall         int              `json:"overall"` // 1–4, 0 while pending
	Notes           string           `json:"notes"`
	CreatedAt       time.Time        `json:"created_at"`
	SubmittedAt     *time.Time       `json:"submitted_at,omitempty"`
	// Template is the version the card uses (single-card reads only).
	Template *RatingCardTemplate `json:"template,omitempty"`
}

// OverallLabel names the overall recommendation.
func (c *RatingCard) OverallLabel() string { return RecommendationLabel(c.Overall) }

// RatingCardSubmission is what an interviewer submits.
type RatingCardSubmission struct {
	// Scores by competency name; every competency of the card's template
	// needs a score from 1 to 4.
	Scores  map[string]int `json:"scores"`
	Overall int            `json:"overall"`
	Notes   string         `json:"notes"`
}

// Check validates s against the template and returns the scores in the
// template's order.
func (s *RatingCardSubmission) Check(t *RatingCardTemplate) ([]CardScore, error) {
	s.Notes = strings.TrimSpace(s.Notes)
	v := Validation{}
	out := make([]CardScore, 0, len(t.Competencies))
	for i, c := range t.Competencies {
		n := s.Scores[c.Name]
		v.Check(n >= 1 && n <= 4, fmt.Sprintf("scores.%d", i), "Score “"+c.Name+"” from 1 to 4.")
		out = append(out, CardScore{Competency: c.Name, Score: n})
	}
	for name := range s.Scores {
		found := false
		for _, c := range t.Competencies {
			found = found || c.Name == name
		}
		v.Check(found, "scores", "“"+name+"” is not on this rating card.")
	}
	v.Check(s.Overall >= 1 && s.Overall <= 4, "overall", "Choose your overall recommendation: Strong No Hire, No Hire, Hire or Strong Hire.")
	v.Check(len(s.Notes) <= MaxCardNotes, "notes", "Use at most 5,000 characters.")
	return out, v.Err()
}

// SummarizeCards averages the submitted cards among cards; nil when none
// is submitted. Competencies keep the order of their first appearance.
func SummarizeCards(cards []*RatingCard) *RatingSummary {
	sum := &RatingSummary{Competencies: []CompetencyAverage{}}
	total := 0
	idx := map[string]int{}
	sums := []int{}
	for _, c := range cards {
		if c.Status != CardSubmitted {
			continue
		}
		sum.Cards++
		total += c.Overall
		for _, sc := range c.Scores {
			if sc.Score < 1 {
				continue
			}
			i, ok := idx[sc.Competency]
			if !ok {
				i = len(sum.Competencies)
				idx[sc.Competency] = i
				sum.Competencies = append(sum.Competencies, CompetencyAverage{Name: sc.Competency})
				sums = append(sums, 0)
			}
			sums[i] += sc.Score
			sum.Competencies[i].Count++
		}
	}
	if sum.Cards == 0 {
		return nil
	}
	sum.Overall = round2(float64(total) / float64(sum.Cards))
	sum.OverallLevel = int(math.Floor(float64(total)/float64(sum.Cards) + 0.5))
	for i := range sum.Competencies {
		sum.Competencies[i].Average = round2(float64(sums[i]) / float64(sum.Competencies[i].Count))
	}
	return sum
}

func round2(f float64) float64 { return math.Round(f*100) / 100 }

// DisagreementPoints is how far apart two interviewers' scores must be
// (overall, or on one competency) for the panel to count as disagreeing:
// one says "No Hire" (2) where another says "Strong Hire" (4).
const DisagreementPoints = 2

// Disagreement returns the spread of the overall recommendations of the
// submitted cards (highest minus lowest) and, in plain words, each place
// where two submitted cards are DisagreementPoints or more apart.
func Disagreement(cards []*RatingCard) (spread int, reasons []string) {
	lo, hi := map[string]int{}, map[string]int{}
	var order []string
	note := func(k string, v int) {
		if v < 1 {
			return
		}
		if _, ok := lo[k]; !ok {
			lo[k], hi[k] = v, v
			order = append(order, k)
			return
		}
		lo[k], hi[k] = min(lo[k], v), max(hi[k], v)
	}
	const overall = "\x00overall"
	for _, c := range cards {
		if c.Status != CardSubmitted {
			continue
		}
		note(overall, c.Overall)
		for _, sc := range c.Scores {
			note(sc.Competency, sc.Score)
		}
	}
	for _, k := range order {
		d := hi[k] - lo[k]
		if k == overall {
			spread = d
		}
		if d < DisagreementPoints {
			continue
		}
		if k == overall {
			reasons = append(reasons, fmt.Sprintf("Overall recommendations range from %s to %s.", RecommendationLabel(lo[k]), RecommendationLabel(hi[k])))
		} else {
			reasons = append(reasons, fmt.Sprintf("%s scores range from %d to %d.", k, lo[k], hi[k]))
		}
	}
	return spread, reasons
}

// InterviewShortlist is the Interview Shortlist screen of a job: the
// candidates with a completed interview and what their cards say.
type InterviewShortlist struct {
	Job          *Job            `json:"job"`
	Total        int             `json:"total"`        // interviewed candidates in all
	Offset       int             `json:"offset"`       // of the first row
	Competencies []string        `json:"competencies"` // every competency rated on these rows, first seen first
	Rows         []*ShortlistRow `json:"rows"`
}

// ShortlistPage is the page of the Interview Shortlist screen wanted.
type ShortlistPage struct {
	Offset int
	Limit  int // default 50, at most 500
}

// ShortlistRow is one candidate on the Interview Shortlist screen.
type ShortlistRow struct {
	ApplicationID  int64             `json:"application_id"`
	CandidateID    int64             `json:"candidate_id"`
	CandidateName  string            `json:"candidate_name"`
	Status         ApplicationStatus `json:"status"`
	Interviews     int               `json:"interviews"` // completed (or ended) interviews
	CardsSubmitted int               `json:"cards_submitted"`
	CardsExpected  int               `json:"cards_expected"` // cards opened so far
	// Hidden is true when the viewer still owes a card on one of this
	// candidate's interviews: then Summary and Cards stay empty, so that
	// nobody is swayed by the others before writing their own.
	Hidden       bool           `json:"hidden"`
	Summary      *RatingSummary `json:"summary,omitempty"`
	Spread       int            `json:"spread"`
	Disagreement []string       `json:"disagreement,omitempty"`
	Cards        []*RatingCard  `json:"cards,omitempty"`
	// MatchScore is the shortlisting match score (0–100) when one is
	// stored; nil shows nothing. Filled by the web layer's hook.
	MatchScore *int `json:"match_score,omitempty"`
	// LastActivity is the latest interview end, for ordering.
	LastActivity time.Time `json:"last_activity"`
}

// Average returns the row's mean score for competency name, or 0.
func (r *ShortlistRow) Average(name string) float64 {
	if r.Summary == nil {
		return 0
	}
	for _, c := range r.Summary.Competencies {
		if c.Name == name {
			return c.Average
		}
	}
	return 0
}

// ShortlistDecisions are the status buttons of the Interview Shortlist
// screen.
var ShortlistDecisions = map[string]ApplicationStatus{
	"shortlist":       StatusShortlisted,
	"recommend":       StatusRecommended,
	"not_recommended": StatusNotRecommended,
}

// ShortlistDecision checks a status button of the Interview Shortlist
// screen and its note: a recommendation needs a comment (it goes to Lever
// with it), "not recommended" a reason.
func ShortlistDecision(decision, note string) (ApplicationStatus, string, error) {
	st, ok := ShortlistDecisions[decision]
	if !ok {
		return "", "", Validation{"decision": "Choose Shortlist, Recommend to Hire or Not Recommended."}.Err()
	}
	note = strings.TrimSpace(note)
	switch {
	case st == StatusRecommended && note == "":
		return "", "", Validation{"note": "Write a recommendation comment: it goes to Lever with the recommendation."}.Err()
	case st == StatusNotRecommended && note == "":
		return "", "", Validation{"note": "Write the reason the candidate is not recommended."}.Err()
	case len(note) > MaxCardNotes:
		return "", "", Validation{"note": "Use at most 5,000 characters."}.Err()
	}
	return st, note, nil
}

// RatingCardNotice is what an email about a card says.
type RatingCardNotice struct {
	OrgID           int64
	To              string
	InterviewerName string
	CandidateName   string
	JobTitle        string
	InterviewTitle  string
	InterviewEndsAt time.Time
	Timezone        string
	InterviewID     int64
	// Reminder is 0 for the first email, then 1, 2, … for reminders.
	Reminder int
}

// RatingCardEmail builds the email asking an interviewer for their card.
type RatingCardEmail func(n RatingCardNotice) EmailMessage

// RatingCardReminderTask reminds an interviewer of a missing card at DueAt;
// it does nothing once the card is submitted.
type RatingCardReminderTask struct {
	OrgID    int64     `json:"org_id"`
	CardID   int64     `json:"card_id"`
	Reminder int       `json:"reminder"` // 1 for the first reminder
	DueAt    time.Time `json:"due_at"`
}

// TaskKind implements Task.
func (RatingCardReminderTask) TaskKind() string { return "rating_card_reminder" }

// RatingCardService keeps rating card templates and cards.
//
// Cards open when an interview ends (not canceled, not a no-show): one per
// interviewer, with an email and reminders until submitted. An interviewer
// sees the other cards of an interview only after submitting their own.
// When every card of every finished interview of an application is in, the
// application moves to review_completed.
type RatingCardService interface {
	// FindRatingCardTemplates returns the current templates of a job the
	// actor may see, the default first.
	FindRatingCardTemplates(ctx context.Context, jobID int64) ([]*RatingCardTemplate, error)
	FindRatingCardTemplateByID(ctx context.Context, id int64) (*RatingCardTemplate, error)
	// CreateRatingCardTemplate makes a template generated from the job's
	// skills (ActEditRatingCard); the job's first is its default.
	CreateRatingCardTemplate(ctx context.Context, jobID int64, name string) (*RatingCardTemplate, error)
	// UpdateRatingCardTemplate edits a current template; when a card uses
	// it, a new version is made instead and returned.
	UpdateRatingCardTemplate(ctx context.Context, id int64, u RatingCardTemplateUpdate) (*RatingCardTemplate, error)

	// FindMyRatingCard returns the actor's card for an interview, opening
	// the interview's cards if it has ended.
	FindMyRatingCard(ctx context.Context, interviewID int64) (*RatingCard, error)
	// SubmitRatingCard submits the actor's card; a submitted card is final.
	SubmitRatingCard(ctx context.Context, interviewID int64, s RatingCardSubmission) (*RatingCard, error)
	// FindInterviewRatingCards returns the submitted cards of an
	// interview: EFORBIDDEN for an interviewer who has not submitted theirs.
	FindInterviewRatingCards(ctx context.Context, interviewID int64) ([]*RatingCard, error)
	// FindApplicationRatingCards returns every card of an application the
	// actor may see, pending ones without contents: EFORBIDDEN for an
	// interviewer who owes one on it.
	FindApplicationRatingCards(ctx context.Context, applicationID int64) ([]*RatingCard, error)
	// CountUpcomingInterviews counts the booked interviews of an
	// application the actor may see that have not ended yet (for
	// Recruiter Assist; FindInterviews shows Collaborators only their own).
	CountUpcomingInterviews(ctx context.Context, applicationID int64) (int, error)
	// FindMyRatingCards returns the actor's cards, pending first.
	FindMyRatingCards(ctx context.Context) ([]*RatingCard, error)

	// FindInterviewShortlist returns the Interview Shortlist screen of a
	// job the actor may see.
	FindInterviewShortlist(ctx context.Context, jobID int64, p ShortlistPage) (*InterviewShortlist, error)
	// FindRatingSummary averages the submitted cards of an application the
	// actor may see; ENOTFOUND when none is submitted.
	FindRatingSummary(ctx context.Context, applicationID int64) (*RatingSummary, error)
	// RatingSummaryFor is the system variant for background work.
	RatingSummaryFor(ctx context.Context, orgID, applicationID int64) (*RatingSummary, error)

	// OpenDueRatingCards (system) opens the cards of interviews that have
	// ended; it returns how many interviews it opened.
	OpenDueRatingCards(ctx context.Context) (int, error)
	// RemindRatingCard (system) emails a reminder for a missing card and
	// schedules the next; a submitted card is left alone.
	RemindRatingCard(ctx context.Context, orgID, cardID int64, reminder int) error
}
