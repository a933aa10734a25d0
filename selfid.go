package skillkeepr

import (
	"context"
	"time"
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

// Validate checks that each answer is one of the options or "".
func (s SelfIdentification) Validate() error {
	v := Validation{}
	v.Check(validOption(GenderOptions, s.Gender), "gender", "Choose an answer from the list.")
	v.Check(validOption(EthnicityOptions, s.Ethnicity), "ethnicity", "Choose an answer from the list.")
	return v.Err()
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
	// FairnessRows returns the job and one row per application of it
	// (ActViewJob); the report decides which rows count (fairness.Outcome).
	FairnessRows(ctx context.Context, jobID int64) (*Job, []FairnessRow, error)
}
