package skillkeepr

import (
	"context"
	"io"
	"strings"
	"time"
)

// Candidate is a person who applies to jobs. One candidate may have several
// applications; de-duplication is by email within an organisation.
type Candidate struct {
	ID        int64     `json:"id"`
	OrgID     int64     `json:"-"`
	Name      string    `json:"name"`
	Emails    []string  `json:"emails"`
	Phones    []string  `json:"phones"`
	Links     []string  `json:"links"`
	Location  string    `json:"location"`
	Source    string    `json:"source"` // "manual", "lever", …
	CreatedAt time.Time `json:"created_at"`
	UpdatedAt time.Time `json:"updated_at"`

	Resumes      []*ResumeFile  `json:"resumes,omitempty"`
	Applications []*Application `json:"applications,omitempty"`
	// Masked: blind review hides who the candidate is (see
	// docs/shortlisting.md); Name is "Candidate N" and the contact details,
	// location and résumé file names are empty.
	Masked bool `json:"masked,omitempty"`
}

// PrimaryEmail is the first email, or "".
func (c *Candidate) PrimaryEmail() string {
	if len(c.Emails) == 0 {
		return ""
	}
	return c.Emails[0]
}

// CandidateFields are the editable fields of a candidate.
type CandidateFields struct {
	Name     string
	Emails   []string
	Phones   []string
	Links    []string
	Location string
}

// Validate checks and normalises the fields.
func (f *CandidateFields) Validate() error {
	f.Name = strings.TrimSpace(f.Name)
	f.Location = strings.TrimSpace(f.Location)
	emails := make([]string, 0, len(f.Emails))
	for _, e := range f.Emails {
		if e = NormalizeEmail(e); e != "" {
			emails = append(emails, e)
		}
	}
	f.Emails = CleanList(emails)
	f.Phones = CleanList(f.Phones)
	f.Links = CleanList(f.Links)
	v := Validation{}
	v.Check(f.Name != "", "name", "Enter the candidate's name.")
	v.Check(len(f.Name) <= 200, "name", "Use at most 200 characters.")
	for _, e := range f.Emails {
		v.Check(ValidEmail(e), "emails", "\""+e+"\" is not a valid email address.")
	}
	for _, l := range f.Links {
		v.Check(strings.HasPrefix(l, "https://") || strings.HasPrefix(l, "http://"), "links", "Links must start with https:// or http://.")
	}
	return v.Err()
}

// ResumeFile is a stored résumé; the bytes live in the blob store.
type ResumeFile struct {
	ID          int64     `json:"id"`
	OrgID       int64     `json:"-"`
	CandidateID int64     `json:"candidate_id"`
	FileName    string    `json:"file_name"`
	ContentType string    `json:"content_type"`
	Size        int64     `json:"size"`
	SHA256      string    `json:"sha256"`
	BlobKey     string    `json:"-"`
	CreatedAt   time.Time `json:"created_at"`
}

// MaxResumeSize is the largest résumé upload accepted.
const MaxResumeSize = 10 << 20

// ResumeUpload is a résumé arriving with a new candidate.
type ResumeUpload struct {
	FileName    string
	ContentType string // as detected from the bytes, not as claimed
	Data        []byte
}

// CandidateCreate adds a candidate by hand and applies them to a job.
type CandidateCreate struct {
	CandidateFields
	JobID  int64
	Resume *ResumeUpload
	Source string
}

// CandidateFilter narrows the candidate list; only candidates with an
// application to a visible job are listed.
type CandidateFilter struct {
	Query  string // name or email
	JobID  int64
	Status ApplicationStatus
	Offset int
	Limit  int
}

// CandidateService manages candidates of the actor's organisation.
type CandidateService interface {
	// CreateCandidate stores the candidate, the résumé and an application
	// to c.JobID in one transaction (ActManageCandidates on the job). An
	// existing candidate with one of the emails is reused; an existing
	// application to the same job is ECONFLICT.
	CreateCandidate(ctx context.Context, c CandidateCreate) (*Candidate, *Application, error)
	// FindCandidateByID returns the candidate with résumés and the
	// applications the actor may see; not found when none is visible.
	FindCandidateByID(ctx context.Context, id int64) (*Candidate, error)
	FindCandidates(ctx context.Context, f CandidateFilter) ([]*CandidateRow, int, error)
	UpdateCandidate(ctx context.Context, id int64, f CandidateFields) (*Candidate, error)
	// OpenResume returns the résumé and its bytes, if the actor may see
	// the candidate.
	OpenResume(ctx context.Context, resumeID int64) (*ResumeFile, io.ReadCloser, error)
}

// CandidateRow is one row of a candidate list: a candidate's application.
type CandidateRow struct {
	CandidateID   int64             `json:"candidate_id"`
	ApplicationID int64             `json:"application_id"`
	Name          string            `json:"name"`
	Email         string            `json:"email"`
	JobID         int64             `json:"job_id"`
	JobNumber     int64             `json:"job_number"`
	JobTitle      string            `json:"job_title"`
	Status        ApplicationStatus `json:"status"`
	UpdatedAt     time.Time         `json:"updated_at"`
	// Masked: blind review hides who the candidate is; Name is
	// "Candidate N" and Email is empty.
	Masked bool `json:"masked,omitempty"`
}
