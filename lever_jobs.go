package skillkeepr

import (
	"context"
	"time"
)

// LeverStatuses are the seven statuses that SkillKeepr writes to Lever (as
// tags, and as stage moves when the job maps them), in the order people see
// them.
var LeverStatuses = []ApplicationStatus{
	StatusShortlisted, StatusInterviewScheduled, StatusInterviewCompleted, StatusInterviewNoShow,
	StatusInterviewCanceled, StatusReviewCompleted, StatusRecommended,
}

// LeverStage is a stage of the Lever account's pipeline.
type LeverStage struct {
	ID   string `json:"id"`
	Name string `json:"name"`
}

// LeverStageMap is where an application moves in Lever when it reaches
// Status; an empty StageID means "don't move".
type LeverStageMap struct {
	Status    ApplicationStatus `json:"status"`
	StageID   string            `json:"stage_id"`
	StageName string            `json:"stage_name"`
}

// StageFor returns the mapped stage of st ("" when it does not move).
func StageFor(m []LeverStageMap, st ApplicationStatus) LeverStageMap {
	for _, e := range m {
		if e.Status == st {
			return e
		}
	}
	return LeverStageMap{Status: st}
}

// NormalizeStageMapping returns the mapping in LeverStatuses order with
// every one of the seven statuses present, checking each stage against
// stages (the account's pipeline) and taking its name from there. An
// unknown status or stage is EINVALID on field "stage_mapping".
func NormalizeStageMapping(m []LeverStageMap, stages []LeverStage) ([]LeverStageMap, error) {
	byID := make(map[string]LeverStage, len(stages))
	for _, s := range stages {
		byID[s.ID] = s
	}
	want := map[ApplicationStatus]bool{}
	for _, st := range LeverStatuses {
		want[st] = true
	}
	got := map[ApplicationStatus]string{}
	for _, e := range m {
		if !want[e.Status] {
			return nil, Validation{"stage_mapping": "Choose stages only for the seven statuses listed."}.Err()
		}
		if e.StageID != "" {
			if _, ok := byID[e.StageID]; !ok {
				return nil, Validation{"stage_mapping": "Choose each stage from the list of your Lever stages, or \"Don't move\"."}.Err()
			}
		}
		got[e.Status] = e.StageID
	}
	out := make([]LeverStageMap, 0, len(LeverStatuses))
	for _, st := range LeverStatuses {
		e := LeverStageMap{Status: st}
		if id := got[st]; id != "" {
			e.StageID, e.StageName = id, byID[id].Name
		}
		out = append(out, e)
	}
	return out, nil
}

// ValidLeverID reports whether id looks like a Lever object id (a UUID).
func ValidLeverID(id string) bool {
	if len(id) != 36 {
		return false
	}
	for i, r := range id {
		switch {
		case i == 8 || i == 13 || i == 18 || i == 23:
			if r != '-' {
				return false
			}
		case r >= '0' && r <= '9', r >= 'a' && r <= 'f', r >= 'A' && r <= 'F':
		default:
			return false
		}
	}
	return true
}

// LeverPosting is one row of the Lever Jobs screen: a posting of the
// connected Lever account, and the job it was imported as, if any.
type LeverPosting struct {
	ID                string    `json:"id"`
	Title             string    `json:"title"`
	Team              string    `json:"team"`
	Department        string    `json:"department"`
	Location          string    `json:"location"`
	Commitment        string    `json:"commitment"`
	Level             string    `json:"level"`
	State             string    `json:"state"` // published, internal, closed, draft, pending, rejected
	Confidential      bool      `json:"confidential"`
	OwnerName         string    `json:"owner_name"`
	HiringManagerName string    `json:"hiring_manager_name"`
	UpdatedAt         time.Time `json:"updated_at"`
	// ImportedJobID and ImportedJobNumber name the job it was imported
	// as; 0 when it was not imported yet.
	ImportedJobID     int64 `json:"imported_job_id"`
	ImportedJobNumber int64 `json:"imported_job_number"`
}

// Imported reports whether the posting was already imported.
func (p *LeverPosting) Imported() bool { return p.ImportedJobID != 0 }

// ImportedAs is the imported job's ID people see, e.g. "#1004".
func (p *LeverPosting) ImportedAs() string { return "#" + itoa(p.ImportedJobNumber) }

// StateLabel is the posting's state in plain words.
func (p *LeverPosting) StateLabel() string { return LeverPostingStateLabel(p.State) }

// LeverPostingStates are the posting states people can filter by.
var LeverPostingStates = []string{"published", "internal", "closed", "draft", "pending", "rejected"}

// LeverPostingStateLabel names a posting state in plain words.
func LeverPostingStateLabel(s string) string {
	switch s {
	case "published":
		return "Published"
	case "internal":
		return "Internal"
	case "closed":
		return "Closed"
	case "draft":
		return "Draft"
	case "pending":
		return "Awaiting approval"
	case "rejected":
		return "Rejected"
	}
	return s
}

// LeverPostingFilter narrows the Lever Jobs screen.
type LeverPostingFilter struct {
	Query string // words of the title
	State string // one of LeverPostingStates, or "" for any
}

// LeverJobDraft is a posting ready to import: the job fields filled in
// from it, the account's pipeline and the suggested stage mapping.
type LeverJobDraft struct {
	Posting LeverPosting `json:"posting"`
	Fields  JobFields    `json:"fields"`
	// LeverDepartment is the posting's department (or team) in Lever; when
	// no SkillKeepr department has that name, Fields.DepartmentID is 0 and
	// the person chooses one.
	LeverDepartment string          `json:"lever_department"`
	Stages          []LeverStage    `json:"stages"` // pipeline order
	StageMapping    []LeverStageMap `json:"stage_mapping"`
}

// LeverJobImport is what the person confirmed on the import form.
type LeverJobImport struct {
	PostingID    string
	Fields       JobFields
	StageMapping []LeverStageMap // missing statuses: don't move
}

// LeverJobLink links a job to the Lever posting it was imported from.
type LeverJobLink struct {
	JobID          int64           `json:"job_id"`
	JobNumber      int64           `json:"job_number"`
	JobTitle       string          `json:"job_title"`
	PostingID      string          `json:"posting_id"`
	PostingTitle   string          `json:"posting_title"` // at import
	ImportedAt     time.Time       `json:"imported_at"`
	ImportedByID   int64           `json:"imported_by_id"`
	ImportedByName string          `json:"imported_by_name"`
	StageMapping   []LeverStageMap `json:"stage_mapping"`
}

// LeverJobRecord is what the store saves on import (the posting's title as
// Lever had it, and a mapping already checked against the pipeline).
type LeverJobRecord struct {
	PostingID    string
	PostingTitle string
	Fields       JobFields
	StageMapping []LeverStageMap
}

// LeverJobs imports Lever postings as jobs; the web UI and the API use it.
// Every method needs an actor allowed ActImportLeverJobs. Lever being
// unreachable is EUNAVAILABLE, access revoked in Lever or no connection
// is EUNAVAILABLE too, each with a plain message.
type LeverJobs interface {
	// LeverPostings lists the account's postings, newest first.
	LeverPostings(ctx context.Context, f LeverPostingFilter) ([]LeverPosting, error)
	// LeverJobDraft loads one posting ready for the import form.
	LeverJobDraft(ctx context.Context, postingID string) (*LeverJobDraft, error)
	// ImportLeverJob creates the job, its link to the posting and its
	// stage mapping together. A posting already imported is ECONFLICT
	// naming the job.
	ImportLeverJob(ctx context.Context, imp LeverJobImport) (*Job, error)
	// LeverJobLinkByPosting returns the job a posting was imported as;
	// ENOTFOUND when it was not.
	LeverJobLinkByPosting(ctx context.Context, postingID string) (*LeverJobLink, error)
	// LeverJobLink returns the Lever posting a visible job was imported
	// from, with its stage mapping (ActViewJob only); ENOTFOUND when the
	// job was not imported from Lever.
	LeverJobLink(ctx context.Context, jobID int64) (*LeverJobLink, error)
	// LeverStages lists the account's pipeline in order.
	LeverStages(ctx context.Context) ([]LeverStage, error)
	// SetLeverStageMapping replaces the stage mapping of an imported job,
	// checked against the account's pipeline.
	SetLeverStageMapping(ctx context.Context, jobID int64, m []LeverStageMap) (*LeverJobLink, error)
}
