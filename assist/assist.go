// Package assist is Recruiter Assist: deterministic, explainable help for
// one application — interview questions per competency, strengths and
// risks, the next step and drafts of candidate emails. Every statement says
// where it comes from (the job description, a rating card, a résumé line,
// the application's history), so a recruiter can check it. Build is pure;
// gaps.go finds the résumé's gaps through the match package, in one
// function that can switch to stored match scores.
package assist

import (
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/skillkeepr/skillkeepr"
)

// Criterion is one thing the job asks for and how the résumé meets it.
type Criterion struct {
	Label    string `json:"label"`
	Skill    bool   `json:"skill"` // a skill (as opposed to years, a degree…)
	Required bool   `json:"required"`
	Verdict  string `json:"verdict"` // met, partly, not_met, unknown
	Reason   string `json:"reason"`
	Evidence string `json:"evidence,omitempty"` // the first résumé line cited
}

// Match is the shortlisting evidence of an application.
type Match struct {
	Score    int         `json:"score"` // 0–100
	Criteria []Criterion `json:"criteria"`
	Source   string      `json:"source"` // e.g. "résumé cv.pdf, scored now" or "stored match score"
}

// Input is everything Build reads.
type Input struct {
	Job           *skillkeepr.Job
	CandidateName string
	Status        skillkeepr.ApplicationStatus
	StatusSince   time.Time // when the application last changed
	Now           time.Time
	Match         *Match                   // nil: no résumé or score
	Cards         []*skillkeepr.RatingCard // the application's cards, pending ones too
	CardsHidden   bool                     // the viewer owes a card: card contents are not used
	Upcoming      int                      // interviews booked and not yet ended
}

// Statement is one piece of advice and where it comes from.
type Statement struct {
	Text   string `json:"text"`
	Source string `json:"source"`
}

// Question is an interview question for a competency.
type Question struct {
	Competency string `json:"competency"`
	Text       string `json:"text"`
	Why        string `json:"why"` // where the question comes from
}

// Draft is a plain-text email to the candidate the recruiter can copy.
type Draft struct {
	Purpose string `json:"purpose"`
	Subject string `json:"subject"`
	Body    string `json:"body"`
}

// Assist is the Recruiter Assist panel.
type Assist struct {
	Questions []Question  `json:"questions"`
	Strengths []Statement `json:"strengths"`
	Risks     []Statement `json:"risks"`
	NextStep  Statement   `json:"next_step"`
	Drafts    []Draft     `json:"drafts"`
}

// maxQuestions bounds the questions per panel.
const maxQuestions = 8

// StaleDays is after how many days without an interview a shortlisted
// candidate is called out.
const StaleDays = 5

// Build computes the panel from in. It reads nothing else.
func Build(in Input) Assist {
	out := Assist{Questions: []Question{}, Strengths: []Statement{}, Risks: []Statement{}, Drafts: []Draft{}}
	submitted, pending := splitCards(in.Cards)
	var sum *skillkeepr.RatingSummary
	if !in.CardsHidden {
		sum = skillkeepr.SummarizeCards(submitted)
	}
	out.Questions = questions(in, sum)
	out.Strengths, out.Risks = strengthsAndRisks(in, submitted, pending, sum)
	out.NextStep = nextStep(in, submitted, pending)
	out.Drafts = drafts(in)
	return out
}

func splitCards(cards []*skillkeepr.RatingCard) (submitted, pending []*skillkeepr.RatingCard) {
	for _, c := range cards {
		if c.Status == skillkeepr.CardSubmitted {
			submitted = append(submitted, c)
		} else {
			pending = append(pending, c)
		}
	}
	return submitted, pending
}

func criterionFor(m *Match, skill string) *Criterion {
	if m == nil {
		return nil
	}
	for i := range m.Criteria {
		if m.Criteria[i].Skill && strings.EqualFold(m.Criteria[i].Label, skill) {
			return &m.Criteria[i]
		}
	}
	return nil
}

// questions asks about the job's skills, gaps first: a skill the résumé
// does not show gets a probing question, one it shows a depth question,
// and a competency the cards scored low a follow-up.
func questions(in Input, sum *skillkeepr.RatingSummary) []Question {
	type q struct {
		Question
		rank int // 0 gap of a required skill, 1 low card score, 2 other gap, 3 shown skill
	}
	var qs []q
	add := func(skill string, required bool) {
		src := "the job description's nice-to-have skills"
		if required {
			src = "the job description's required skills"
		}
		c := criterionFor(in.Match, skill)
		switch {
		case c == nil || c.Verdict == "unknown" || c.Verdict == "not_met":
			why := src + "; the résumé does not show it"
			if c != nil && c.Reason != "" {
				why = src + "; résumé: " + c.Reason
			}
			if in.Match == nil {
				why = src + "; no résumé was scored"
			}
			rank := 2
			if required {
				rank = 0
			}
			qs = append(qs, q{Question{skill, fmt.Sprintf("Tell me about a recent piece of work where you used %s. What did you do yourself, and what would you do differently now?", skill), why}, rank})
		case c.Verdict == "partly":
			qs = append(qs, q{Question{skill, fmt.Sprintf("Your résumé touches on %s. How deep did you go — what is the hardest %s problem you have solved?", skill, skill), src + "; résumé: " + c.Reason}, 2})
		default:
			why := src + "; shown on the résumé"
			if c.Evidence != "" {
				why += ": “" + c.Evidence + "”"
			}
			qs = append(qs, q{Question{skill, fmt.Sprintf("Walk me through the most difficult thing you built with %s: the trade-offs, and how you knew it worked.", skill), why}, 3})
		}
	}
	for _, s := range in.Job.RequiredSkills {
		add(s, true)
	}
	for _, s := range in.Job.NiceToHaveSkills {
		add(s, false)
	}
	if sum != nil {
		for _, c := range sum.Competencies {
			if c.Average <= 2 {
				qs = append(qs, q{Question{c.Name, fmt.Sprintf("Earlier interviewers were unsure about %s. Can you give a concrete example that shows your level?", c.Name),
					fmt.Sprintf("rating cards: %s averaged %.1f of 4 over %d card%s", c.Name, c.Average, c.Count, plural(c.Count))}, 1})
			}
		}
	}
	sort.SliceStable(qs, func(i, j int) bool { return qs[i].rank < qs[j].rank })
	out := make([]Question, 0, min(len(qs), maxQuestions))
	for i := range qs {
		if len(out) == maxQuestions {
			break
		}
		out = append(out, qs[i].Question)
	}
	return out
}

func strengthsAndRisks(in Input, submitted, pending []*skillkeepr.RatingCard, sum *skillkeepr.RatingSummary) (strengths, risks []Statement) {
	strengths, risks = []Statement{}, []Statement{}
	if sum != nil {
		src := fmt.Sprintf("%d submitted rating card%s", sum.Cards, plural(sum.Cards))
		for _, c := range sum.Competencies {
			switch {
			case c.Average >= 3:
				strengths = append(strengths, Statement{fmt.Sprintf("%s scored %.1f of 4 on average.", c.Name, c.Average), src})
			case c.Average <= 2:
				risks = append(risks, Statement{fmt.Sprintf("%s scored %.1f of 4 on average.", c.Name, c.Average), src})
			}
		}
		if sum.OverallLevel >= skillkeepr.Hire {
			strengths = append(strengths, Statement{fmt.Sprintf("The interviewers lean to hire: overall %.1f (%s).", sum.Overall, skillkeepr.RecommendationLabel(sum.OverallLevel)), src})
		} else {
			risks = append(risks, Statement{fmt.Sprintf("The interviewers lean against hiring: overall %.1f (%s).", sum.Overall, skillkeepr.RecommendationLabel(sum.OverallLevel)), src})
		}
		_, reasons := skillkeepr.Disagreement(submitted)
		for _, r := range reasons {
			risks = append(risks, Statement{"The interviewers disagree: " + r, src})
		}
	}
	if in.Match != nil {
		for _, c := range in.Match.Criteria {
			switch {
			case c.Verdict == "met" && c.Evidence != "":
				strengths = append(strengths, Statement{c.Label + ": " + c.Reason, "résumé: “" + c.Evidence + "”"})
			case c.Required && (c.Verdict == "not_met" || c.Verdict == "unknown"):
				risks = append(risks, Statement{c.Label + " (required): " + c.Reason, in.Match.Source})
			}
		}
	}
	if len(pending) > 0 {
		risks = append(risks, Statement{fmt.Sprintf("%d rating card%s still missing, so the picture is incomplete.", len(pending), plural(len(pending))), "rating cards"})
	}
	return strengths, risks
}

func nextStep(in Input, submitted, pending []*skillkeepr.RatingCard) Statement {
	days := int(in.Now.Sub(in.StatusSince).Hours() / 24)
	history := fmt.Sprintf("application status “%s” since %s", in.Status.Label(), in.StatusSince.UTC().Format("2 Jan 2006"))
	if len(pending) > 0 {
		names := make([]string, len(pending))
		for i, c := range pending {
			names[i] = c.InterviewerName
		}
		return Statement{fmt.Sprintf("%d of %d cards missing: remind %s.", len(pending), len(pending)+len(submitted), strings.Join(names, ", ")), "rating cards"}
	}
	switch in.Status {
	case skillkeepr.StatusNew:
		return Statement{"Review the résumé, then shortlist the candidate or not.", history}
	case skillkeepr.StatusShortlisted:
		if in.Upcoming == 0 && days >= StaleDays {
			return Statement{fmt.Sprintf("No interview booked %d days after shortlisting: schedule one, or send the scheduling email below.", days), history}
		}
		if in.Upcoming == 0 {
			return Statement{"Schedule an interview.", history}
		}
		return Statement{"An interview is booked; the rating cards open when it ends.", "booked interviews"}
	case skillkeepr.StatusInterviewScheduled:
		return Statement{"The interview is booked; the rating cards open when it ends.", history}
	case skillkeepr.StatusInterviewCompleted, skillkeepr.StatusReviewCompleted:
		if len(submitted) > 0 {
			return Statement{"All cards are in: decide on the Interview Shortlist screen — Recommend to Hire or Not Recommended.", history}
		}
		return Statement{"Wait for the interviewers' rating cards.", history}
	case skillkeepr.StatusInterviewNoShow:
		return Statement{"The candidate did not come: offer a new time once, or close the application.", history}
	case skillkeepr.StatusInterviewCanceled:
		return Statement{"The interview was canceled: book a new one or close the application.", history}
	case skillkeepr.StatusRecommended:
		return Statement{"Recommended: push the recommendation to Lever.", history}
	case skillkeepr.StatusNotRecommended:
		return Statement{"Not recommended: let the candidate know (draft below).", history}
	}
	return Statement{"Nothing to do right now.", history}
}

func firstName(name string) string {
	if f := strings.Fields(name); len(f) > 0 {
		return f[0]
	}
	return "there"
}

func drafts(in Input) []Draft {
	hello := "Hello " + firstName(in.CandidateName) + ",\n\n"
	job := in.Job.Title
	bye := "\n\nBest regards,\n"
	var out []Draft
	switch in.Status {
	case skillkeepr.StatusNew, skillkeepr.StatusShortlisted, skillkeepr.StatusInterviewCanceled:
		out = append(out, Draft{"Invite to an interview", "Interview for " + job,
			hello + "Thank you for applying for the " + job + " role. We would like to meet you for an interview of about 45 minutes. " +
				"Please reply with a few times that suit you over the next week, or use the scheduling link we send you." + bye})
	case skillkeepr.StatusInterviewNoShow:
		out = append(out, Draft{"After a missed interview", "Your interview for " + job,
			hello + "We were sorry to miss you at your interview for the " + job + " role. If something came up, reply to this email and we will find a new time." + bye})
	case skillkeepr.StatusInterviewScheduled, skillkeepr.StatusInterviewCompleted, skillkeepr.StatusReviewCompleted:
		out = append(out, Draft{"Thank you after the interview", "Thank you — " + job,
			hello + "Thank you for taking the time to talk with us about the " + job + " role. The team is putting its notes together; we will tell you about the next step within a week." + bye})
	case skillkeepr.StatusRecommended:
		out = append(out, Draft{"Next step after a positive interview", "Next steps — " + job,
			hello + "Thank you again for your interviews for the " + job + " role. The team enjoyed meeting you and would like to move forward; we will be in touch shortly about the next step." + bye})
	case skillkeepr.StatusNotRecommended:
		out = append(out, Draft{"Decline kindly", "Your application for " + job,
			hello + "Thank you for your interest in the " + job + " role and for the time you gave us. After careful consideration we have decided not to move forward with your application. " +
				"We appreciated meeting you and wish you every success." + bye})
	}
	return out
}

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}
