package skillkeepr

import (
	"context"
	"regexp"
	"strings"
	"time"
	"unicode/utf8"
)

// SelfIdentification is a candidate's own, voluntary answer about who they
// are, recorded for the fairness report only. It is stored apart from the
// candidate's profile, never read by scoring (match.Facts has no field for
// it) and never shown per candidate: people see it only counted in groups
// (see fairness/). "" means the question was not answered.
type SelfIdentification struct {
	Gender    string `json:"gender"`
	Ethnicity string `json:"ethnicity"`
}

// SelfIDOption is one answer people can choose.
type SelfIDOption struct {
	Value string `json:"value"`
	Label string `json:"label"`
}

// PreferNotToSay is the answer of someone who chose not to say; it is
// reported apart from the groups, like "not answered".
const PreferNotToSay = "prefer_not_to_say"

// GenderOptions are the answers to "gender identity".
var GenderOptions = []SelfIDOption{
	{"woman", "Woman"},
	{"man", "Man"},
	{"non_binary", "Non-binary"},
	{"another", "Another gender identity"},
	{PreferNotToSay, "Prefer not to say"},
}

// EthnicityOptions are the answers to "ethnicity or race".
var EthnicityOptions = []SelfIDOption{
	{"asian", "Asian"},
	{"black", "Black or African"},
	{"hispanic_latino", "Hispanic or Latino"},
	{"middle_eastern_north_african", "Middle Eastern or North African"},
	{"indigenous", "Indigenous"},
	{"pacific_islander", "Pacific Islander"},
	{"white", "White"},
	{"multiple", "More than one"},
	{"another", "Another ethnicity"},
	{PreferNotToSay, "Prefer not to say"},
}

// SelfIDLabel returns the label of value among opts, "Not answered" for
// "", or value itself when it is unknown.
func SelfIDLabel(opts []SelfIDOption, value string) string {
	if value == "" {
		return "Not answered"
	}
	for _, o := range opts {
		if o.Value == value {
			return o.Label
		}
	}
	return value
}

func validOption(opts []SelfIDOption, v string) bool {
	if v == "" {
		return true
	}
	for _, o := range opts {
		if o.Value == v {
			return true
		}
	}
	return false
}

// Validate checks each answer against the default options.
func (s SelfIdentification) Validate() error { return s.ValidateWith(DefaultSelfIDQuestions()) }

// ValidateWith checks that each answer is one of the options of its
// question in qs, or "".
func (s SelfIdentification) ValidateWith(qs []SelfIDQuestion) error {
	v := Validation{}
	for _, q := range qs {
		v.Check(validOption(q.Options, s.Answer(q.Key)), q.Key, "Choose an answer from the list.")
	}
	return v.Err()
}

// Answer returns the answer to question key ("gender" or "ethnicity").
func (s SelfIdentification) Answer(key string) string {
	switch key {
	case QuestionGender:
		return s.Gender
	case QuestionEthnicity:
		return s.Ethnicity
	}
	return ""
}

// The questions asked. Their options may be changed per organisation.
const (
	QuestionGender    = "gender"
	QuestionEthnicity = "ethnicity"
)

// SelfIDQuestion is one question with the answers offered, in order;
// "prefer not to say" is always the last.
type SelfIDQuestion struct {
	Key     string         `json:"key"`
	Title   string         `json:"title"`
	Options []SelfIDOption `json:"options"`
	// Custom: the organisation changed the options.
	Custom bool `json:"custom"`
}

// DefaultSelfIDQuestions are the questions with the shipped options.
func DefaultSelfIDQuestions() []SelfIDQuestion {
	return []SelfIDQuestion{
		{Key: QuestionGender, Title: "Gender identity", Options: append([]SelfIDOption(nil), GenderOptions...)},
		{Key: QuestionEthnicity, Title: "Ethnicity or race", Options: append([]SelfIDOption(nil), EthnicityOptions...)},
	}
}

// Limits of custom options.
const (
	MaxSelfIDOptions    = 30
	MaxSelfIDLabelRunes = 80
)

var nonSlug = regexp.MustCompile(`[^a-z0-9]+`)

// SelfIDValue is the stored value of an answer labelled label: lower-case
// letters and digits joined by "_". Renaming an answer therefore starts a
// new group; earlier answers keep their old value.
func SelfIDValue(label string) string {
	v := strings.Trim(nonSlug.ReplaceAllString(strings.ToLower(strings.TrimSpace(label)), "_"), "_")
	if len(v) > 60 {
		v = strings.TrimRight(v[:60], "_")
	}
	return v
}

// NewSelfIDOptions turns labels, one answer each, into options with
// "prefer not to say" last; it refuses with field "options" in plain
// words. No labels means the shipped options.
func NewSelfIDOptions(labels []string) ([]SelfIDOption, error) {
	var out []SelfIDOption
	seen := map[string]bool{}
	v := Validation{}
	for _, l := range labels {
		l = strings.Join(strings.Fields(l), " ")
		if l == "" {
			continue
		}
		val := SelfIDValue(l)
		switch {
		case utf8.RuneCountInString(l) > MaxSelfIDLabelRunes:
			v.Add("options", "Use at most 80 characters per answer.")
		case val == "":
			v.Add("options", "\""+l+"\" needs at least one letter or digit.")
		case val == PreferNotToSay:
			continue // added last anyway
		case seen[val]:
			v.Add("options", "\""+l+"\" is listed twice.")
		}
		seen[val] = true
		out = append(out, SelfIDOption{Value: val, Label: l})
	}
	v.Check(len(out) <= MaxSelfIDOptions, "options", "Offer at most 30 answers.")
	v.Check(len(out) != 1, "options", "Offer at least two answers, one per line.")
	if err := v.Err(); err != nil {
		return nil, err
	}
	if len(out) == 0 {
		return nil, nil
	}
	return append(out, SelfIDOption{Value: PreferNotToSay, Label: "Prefer not to say"}), nil
}

// SelfIDRecord says whether answers are on file, without the answers.
type SelfIDRecord struct {
	Recorded  bool       `json:"recorded"`
	UpdatedAt *time.Time `json:"updated_at,omitempty"`
}

// FairnessRow is one application of a job as the fairness report counts
// it: where it is and the candidate's answers, with nothing that names the
// person. Rows come sorted by their values, not by candidate.
type FairnessRow struct {
	Status ApplicationStatus
	// StatusBeforeArchive is the status the application had when Lever
	// archived or hired it ("" when unknown or not archived).
	StatusBeforeArchive ApplicationStatus
	SelfIdentification
}

// FairnessService records self-identification and reads it back only in
// aggregate.
type FairnessService interface {
	// SetSelfIdentification replaces the candidate's answers
	// (ActManageCandidates on one of the candidate's jobs), with an audit
	// entry that names which answers changed, never their values.
	SetSelfIdentification(ctx context.Context, candidateID int64, s SelfIdentification) (SelfIDRecord, error)
	// SelfIdentificationRecord says whether answers are on file for a
	// candidate the actor may see.
	SelfIdentificationRecord(ctx context.Context, candidateID int64) (SelfIDRecord, error)
	// SelfIDQuestions returns the questions of the actor's organisation
	// with its options (the shipped ones unless changed).
	SelfIDQuestions(ctx context.Context) ([]SelfIDQuestion, error)
	// SetSelfIDOptions replaces the options of question key
	// (ActManageOrganization), audited; nil options restore the shipped
	// ones. Answers already recorded keep their values.
	SetSelfIDOptions(ctx context.Context, key string, opts []SelfIDOption) ([]SelfIDQuestion, error)
	// FairnessRows returns the job and one row per application of it
	// (ActViewJob); the report decides which rows count (fairness.Outcome).
	FairnessRows(ctx context.Context, jobID int64) (*Job, []FairnessRow, error)
}
