package skillkeepr

import (
	"context"
	"fmt"
	"math"
	"strings"
	"time"
)

// ResumeOutcome is what reading the text of a résumé gave.
type ResumeOutcome string

const (
	ResumeTextOK         ResumeOutcome = "ok"
	ResumeNoText         ResumeOutcome = "no_text"    // no extractable text: a scanned image?
	ResumeTextUnreadable ResumeOutcome = "unreadable" // damaged, too large, too slow…; Message says which
)

// Label is the outcome in plain words.
func (o ResumeOutcome) Label() string {
	switch o {
	case ResumeTextOK:
		return "Text read"
	case ResumeNoText:
		return "No text found — is it a scanned image?"
	case ResumeTextUnreadable:
		return "The text could not be read"
	}
	return string(o)
}

// TextLine is one numbered line of résumé text; N counts from 1.
type TextLine struct {
	N    int    `json:"n"`
	Text string `json:"text"`
}

// ResumeText is the text read from one stored résumé. Masked holds the same
// lines with personal details hidden (blind review; see
// docs/shortlisting.md). Facts is what the score reads, encoded by the
// match package; nothing else interprets it.
type ResumeText struct {
	ResumeID    int64         `json:"resume_id"`
	OrgID       int64         `json:"-"`
	CandidateID int64         `json:"candidate_id"`
	Outcome     ResumeOutcome `json:"outcome"`
	Message     string        `json:"message,omitempty"`
	Format      string        `json:"format,omitempty"`
	Pages       int           `json:"pages,omitempty"`
	Lines       []TextLine    `json:"lines"`
	Masked      []TextLine    `json:"-"`
	Facts       []byte        `json:"-"`
	ExtractedAt time.Time     `json:"extracted_at"`
}

// Criterion kinds (the same strings as package match).
const (
	CriterionSkill    = "skill"
	CriterionYears    = "years"
	CriterionDegree   = "degree"
	CriterionLanguage = "language"
	CriterionLocation = "location"
)

// Criterion is one thing a job asks for, with its weight. The fields are
// those of match.Criterion, so the two convert directly.
type Criterion struct {
	Kind     string  `json:"kind"`
	Label    string  `json:"label"`
	Required bool    `json:"required"`
	Weight   float64 `json:"weight"`

	Skill string `json:"skill,omitempty"`

	MinYears float64 `json:"min_years,omitempty"`

	DegreeLevel    int      `json:"degree_level,omitempty"`
	DegreeSubjects []string `json:"degree_subjects,omitempty"`

	Language      string `json:"language,omitempty"`
	LanguageLevel int    `json:"language_level,omitempty"`

	Location string `json:"location,omitempty"`
}

// MaxCriteria bounds the criteria of one job.
const MaxCriteria = 60

// ValidateCriteria checks and normalises criteria; field names are
// "criteria.N.field" (N counts from 1, as people read them).
func ValidateCriteria(items []Criterion) error {
	v := Validation{}
	if len(items) > MaxCriteria {
		v.Add("criteria", fmt.Sprintf("Use at most %d criteria.", MaxCriteria))
	}
	var total float64
	for i := range items {
		it := &items[i]
		f := func(name string) string { return fmt.Sprintf("criteria.%d.%s", i+1, name) }
		it.Label = strings.TrimSpace(it.Label)
		it.Skill = strings.TrimSpace(it.Skill)
		it.Language = strings.TrimSpace(it.Language)
		it.Location = strings.TrimSpace(it.Location)
		it.DegreeSubjects = CleanList(it.DegreeSubjects)
		if math.IsNaN(it.Weight) || math.IsInf(it.Weight, 0) || it.Weight < 0 || it.Weight > 100 {
			v.Add(f("weight"), "Enter a weight from 0 to 100.")
		} else {
			total += it.Weight
		}
		switch it.Kind {
		case CriterionSkill:
			v.Check(it.Skill != "", f("skill"), "Enter the skill.")
			v.Check(len(it.Skill) <= 100, f("skill"), "Use at most 100 characters.")
			if it.Label == "" {
				it.Label = it.Skill
			}
		case CriterionYears:
			v.Check(it.MinYears > 0 && it.MinYears <= 50, f("min_years"), "Enter a number of years from 1 to 50.")
			if it.Label == "" {
				it.Label = fmt.Sprintf("%g+ years of relevant experience", it.MinYears)
			}
		case CriterionDegree:
			v.Check(it.DegreeLevel >= 1 && it.DegreeLevel <= 6, f("degree_level"), "Choose a degree level from the list.")
			if it.Label == "" {
				it.Label = "Education"
			}
		case CriterionLanguage:
			v.Check(it.Language != "", f("language"), "Enter the language.")
			v.Check(it.LanguageLevel >= 0 && it.LanguageLevel <= 4, f("language_level"), "Choose a level from the list.")
			if it.Label == "" {
				it.Label = it.Language
			}
		case CriterionLocation:
			v.Check(it.Location != "", f("location"), "Enter a place, or \"Remote\".")
			if it.Label == "" {
				it.Label = it.Location
			}
		default:
			v.Add(f("kind"), "Choose a kind of criterion from the list.")
		}
		v.Check(len(it.Label) <= 200, f("label"), "Use at most 200 characters.")
	}
	if v.Err() == nil && len(items) > 0 && total == 0 {
		v.Add("criteria", "Give at least one criterion a weight above 0.")
	}
	return v.Err()
}

// JobCriteria is one version of what a job is matched against. Version 1
// is derived from the job description the first time it is needed; every
// change by a person is a new version.
type JobCriteria struct {
	JobID         int64       `json:"job_id"`
	Version       int         `json:"version"`
	Items         []Criterion `json:"items"`
	CreatedByID   int64       `json:"created_by_id,omitempty"` // 0: derived from the job description
	CreatedByName string      `json:"created_by_name"`
	CreatedAt     time.Time   `json:"created_at"`
}

// Verdicts of a criterion (the strings of match.Verdict).
const (
	VerdictMet     = "met"
	VerdictPartly  = "partly"
	VerdictNotMet  = "not_met"
	VerdictUnknown = "unknown"
)

// VerdictLabel is the word people see for a verdict.
func VerdictLabel(v string) string {
	switch v {
	case VerdictMet:
		return "Met"
	case VerdictPartly:
		return "Partly met"
	case VerdictNotMet:
		return "Not met"
	}
	return "Unknown"
}

// EvidenceLine is a résumé line that supports a verdict. Masked is the
// same line with personal details hidden; it is stored beside Text, and
// what the store hands out has Text masked (and Masked empty) while the
// candidate is masked.
type EvidenceLine struct {
	Line   int    `json:"line"`
	Text   string `json:"text"`
	Masked string `json:"masked,omitempty"`
}

// CriterionVerdict is the verdict on one criterion, why, and the lines that
// show it.
type CriterionVerdict struct {
	Criterion Criterion      `json:"criterion"`
	Verdict   string         `json:"verdict"`
	Reason    string         `json:"reason"`
	Points    float64        `json:"points"`
	Evidence  []EvidenceLine `json:"evidence"`
}

// ScoreState says whether an application could be scored.
type ScoreState string

const (
	ScoreScored   ScoreState = "scored"
	ScoreNoResume ScoreState = "no_resume" // no résumé to read
	ScoreNoText   ScoreState = "no_text"   // the résumé has no readable text
)

// ApplicationScore is an application's score against one version of its
// job's criteria. It is evidence for a person; it never rejects anyone.
type ApplicationScore struct {
	ApplicationID   int64              `json:"application_id"`
	JobID           int64              `json:"job_id"`
	ResumeID        int64              `json:"resume_id,omitempty"`
	State           ScoreState         `json:"state"`
	CriteriaVersion int                `json:"criteria_version"`
	Score           int                `json:"score"` // 0–100
	RequiredMet     int                `json:"required_met"`
	RequiredTotal   int                `json:"required_total"`
	Criteria        []CriterionVerdict `json:"criteria"`
	ScoredAt        time.Time          `json:"scored_at"`
}

// NotFit is a person's decision that a candidate does not fit a job, with
// the reason. It changes no status and is written to no other system.
type NotFit struct {
	Reason string    `json:"reason"`
	ByName string    `json:"by_name"`
	At     time.Time `json:"at"`
}

// ShortlistEntry is one application on a job's shortlist screen. When
// Masked, Name and Email are empty and the candidate is "Candidate N".
type ShortlistEntry struct {
	ApplicationID int64             `json:"application_id"`
	CandidateID   int64             `json:"candidate_id"`
	Number        int               `json:"number"` // stable per job: order of arrival
	Name          string            `json:"name,omitempty"`
	Email         string            `json:"email,omitempty"`
	Status        ApplicationStatus `json:"status"`
	NotFit        *NotFit           `json:"not_fit,omitempty"`
	Masked        bool              `json:"masked"`
	Score         *ApplicationScore `json:"score,omitempty"` // nil (absent): not scored yet
}

// DisplayName is the name, or "Candidate N" while masked.
func (e *ShortlistEntry) DisplayName() string {
	if e.Masked {
		return fmt.Sprintf("Candidate %d", e.Number)
	}
	return e.Name
}

// Shortlist is a job's candidates, best score first; candidates not scored
// yet come last, in order of arrival.
type Shortlist struct {
	Job         *Job              `json:"-"`
	BlindReview bool              `json:"blind_review"`
	Criteria    *JobCriteria      `json:"criteria"`
	Entries     []*ShortlistEntry `json:"entries"`
}

// BlindReviewFor reports whether a job is blind-reviewed: its own setting,
// or else the organisation's.
func BlindReviewFor(org *Organization, jobSetting *bool) bool {
	if jobSetting != nil {
		return *jobSetting
	}
	return org != nil && org.BlindReview
}

// Masked reports whether an application on a blind-reviewed job still
// hides who the candidate is: until a person shortlists (or moves it on),
// marks it not a fit, or unmasks it.
func Masked(blind bool, status ApplicationStatus, notFit bool, unmasked bool) bool {
	return blind && status == StatusNew && !notFit && !unmasked
}

// ScoringItem is one application to score, with what the scoring needs:
// the candidate's newest résumé (ResumeID 0: none) and its text (nil: not
// read yet), and the candidate's own details, which are used only to hide
// them from the masked text.
type ScoringItem struct {
	ApplicationID int64
	JobID         int64
	CandidateID   int64
	ResumeID      int64
	Text          *ResumeText
	Person        CandidateFields
	// WorkLocations is where the candidate said they can work: the only
	// input of a location criterion.
	WorkLocations []string
}

// MaxNotFitReason bounds the reason of "not a fit".
const MaxNotFitReason = 2000

// ScoreCandidateTask reads a candidate's newest résumé if needed and scores
// their applications, in the background.
type ScoreCandidateTask struct {
	OrgID       int64 `json:"org_id"`
	CandidateID int64 `json:"candidate_id"`
}

// TaskKind implements Task.
func (ScoreCandidateTask) TaskKind() string { return "score_candidate" }

// ScoreJobTask scores every application of a job against its current
// criteria, in the background.
type ScoreJobTask struct {
	OrgID int64 `json:"org_id"`
	JobID int64 `json:"job_id"`
}

// TaskKind implements Task.
func (ScoreJobTask) TaskKind() string { return "score_job" }

// ShortlistService is the shortlisting of a job's candidates.
type ShortlistService interface {
	// JobCriteria returns the job's current criteria (ActViewJob),
	// deriving version 1 from the job description on first use.
	JobCriteria(ctx context.Context, jobID int64) (*JobCriteria, error)
	// JobCriteriaHistory lists every version, newest first (ActViewJob).
	JobCriteriaHistory(ctx context.Context, jobID int64) ([]*JobCriteria, error)
	// UpdateJobCriteria saves a new version (ActManageCandidates) when
	// baseVersion is still current (else ECONFLICT), and rescores the job
	// in the background.
	UpdateJobCriteria(ctx context.Context, jobID int64, baseVersion int, items []Criterion) (*JobCriteria, error)
	// JobShortlist returns the job's ranked candidates (ActViewJob), with
	// personal details left out of masked entries.
	JobShortlist(ctx context.Context, jobID int64) (*Shortlist, error)
	// SetJobBlindReview sets the job's blind review, or nil to follow the
	// organisation (ActManageCandidates).
	SetJobBlindReview(ctx context.Context, jobID int64, on *bool) (*Job, error)
	// JobBlindReview returns the job's own setting (nil: the
	// organisation's) and the effective one (ActViewJob).
	JobBlindReview(ctx context.Context, jobID int64) (own *bool, effective bool, err error)
	// MarkNotFit records a person's "not a fit" with a reason
	// (ActManageCandidates); ClearNotFit takes it back.
	MarkNotFit(ctx context.Context, applicationID int64, reason string) (*ShortlistEntry, error)
	ClearNotFit(ctx context.Context, applicationID int64) (*ShortlistEntry, error)
	// UnmaskApplication shows who a blind-reviewed candidate is
	// (ActUnmask, audited).
	UnmaskApplication(ctx context.Context, applicationID int64) (*ShortlistEntry, error)
	// ApplicationEntry returns one application as the shortlist shows it
	// (ActViewJob).
	ApplicationEntry(ctx context.Context, applicationID int64) (*ShortlistEntry, error)
	// CandidateResumeText returns the text of the candidate's newest
	// résumé (nil when none was read yet) — masked when any application
	// the actor sees is masked — and whether it is masked.
	CandidateResumeText(ctx context.Context, candidateID int64) (*ResumeText, bool, error)
	// CandidateMasked reports whether any application of the candidate
	// that the actor sees is masked (then the candidate's details and
	// résumé files stay hidden).
	CandidateMasked(ctx context.Context, candidateID int64) (bool, error)
	// CandidateWorkLocations returns where the candidate said they can
	// work (empty: not asked yet), for a candidate the actor may see.
	CandidateWorkLocations(ctx context.Context, candidateID int64) ([]string, error)
	// SetWorkLocations records the candidate's own answer to where they
	// can work ("Berlin", "remote"; ActManageCandidates on one of their
	// jobs), audited; their applications are rescored in the background.
	SetWorkLocations(ctx context.Context, candidateID int64, places []string) ([]string, error)
	// MaskedNumbers returns the masked applications of a job with their
	// "Candidate N" number; empty when blind review is off (ActViewJob).
	// Lists of candidates use it to hide who is masked.
	MaskedNumbers(ctx context.Context, jobID int64) (map[int64]int, error)
}

// ErrResumeFileMasked refuses a résumé file download during blind review.
func ErrResumeFileMasked() error {
	return &Error{Code: EFORBIDDEN, Message: "The résumé file shows who the candidate is, so it stays hidden during blind review. " +
		"Its text is on the candidate page; shortlist the candidate, or choose to see who they are, to download the file."}
}

// MaxWorkLocations bounds the places a candidate's answer may name.
const MaxWorkLocations = 10

// CleanWorkLocations trims, de-duplicates and checks the places of a
// candidate's answer to where they can work.
func CleanWorkLocations(places []string) ([]string, error) {
	out := CleanList(places)
	v := Validation{}
	v.Check(len(out) <= MaxWorkLocations, "work_locations", "Name at most 10 places.")
	for _, p := range out {
		v.Check(len(p) <= 100, "work_locations", "Use at most 100 characters per place.")
	}
	return out, v.Err()
}
