package lever

import (
	"encoding/json"
)

// This file holds the wire types shared by several endpoints. Unknown keys are ignored;
// fields Lever may send as null decode to their zero value.

// User is a Lever user (GET /users).
type User struct {
	ID                  string    `json:"id"`
	Name                string    `json:"name"`
	Username            string    `json:"username"`
	Email               string    `json:"email"`
	AccessRole          string    `json:"accessRole"` // "super admin", "admin", "team member", "limited team member", "interviewer" or a custom role id
	Photo               string    `json:"photo"`
	CreatedAt           Timestamp `json:"createdAt"`
	DeactivatedAt       Timestamp `json:"deactivatedAt"`
	ExternalDirectoryID string    `json:"externalDirectoryId"`
	LinkedContactIDs    []string  `json:"linkedContactIds"`
	JobTitle            string    `json:"jobTitle"`
	ManagerID           string    `json:"managerId"`
}

// Stage is a pipeline stage. System stages have readable ids such as "lead-new".
type Stage struct {
	ID   string `json:"id"`
	Text string `json:"text"`
}

// ArchiveReason is a reason for archiving an opportunity.
type ArchiveReason struct {
	ID     string `json:"id"`
	Text   string `json:"text"`
	Status string `json:"status"` // "active" | "inactive"
	Type   string `json:"type"`   // "hired" | "non-hired"
}

// TagCount is an entry of GET /tags or GET /sources.
type TagCount struct {
	Text  string `json:"text"`
	Count Int64  `json:"count"`
}

// Phone is a phone number of a contact.
type Phone struct {
	Type  string `json:"type"` // "mobile", "home", "work", "other" or empty
	Value string `json:"value"`
}

// Archived tells when and why an opportunity was archived.
type Archived struct {
	Reason     string    `json:"reason"` // archive reason id
	ArchivedAt Timestamp `json:"archivedAt"`
}

// StageChange is one entry of an opportunity's stage history.
type StageChange struct {
	ToStageID    string    `json:"toStageId"`
	ToStageIndex Int64     `json:"toStageIndex"`
	UserID       string    `json:"userId"` // may be empty for imported data
	UpdatedAt    Timestamp `json:"updatedAt"`
}

// URLs are links into Lever's web app.
type URLs struct {
	List  string `json:"list"`
	Show  string `json:"show"`
	Apply string `json:"apply,omitempty"`
}

// DataProtection is a contact's consent state (GDPR).
type DataProtection struct {
	Store   *Consent `json:"store"`
	Contact *Consent `json:"contact"`
}

// Consent is one data-protection permission.
type Consent struct {
	Allowed   bool      `json:"allowed"`
	ExpiresAt Timestamp `json:"expiresAt"`
}

// Opportunity is a candidacy: one person (contact) for at most one job.
type Opportunity struct {
	ID                  string             `json:"id"`
	Name                string             `json:"name"`
	Headline            string             `json:"headline"`
	Contact             Ref[Contact]       `json:"contact"`
	Stage               Ref[Stage]         `json:"stage"`
	Confidentiality     string             `json:"confidentiality"`
	Location            string             `json:"location"`
	Phones              []Phone            `json:"phones"`
	Emails              []string           `json:"emails"`
	Links               []string           `json:"links"`
	Archived            *Archived          `json:"archived"` // nil when active
	Tags                []string           `json:"tags"`
	Sources             []string           `json:"sources"`
	StageChanges        []StageChange      `json:"stageChanges"`
	Origin              string             `json:"origin"`
	SourcedBy           Ref[User]          `json:"sourcedBy"`
	Owner               Ref[User]          `json:"owner"`
	Followers           []Ref[User]        `json:"followers"`
	Applications        []Ref[Application] `json:"applications"`
	CreatedAt           Timestamp          `json:"createdAt"`
	UpdatedAt           Timestamp          `json:"updatedAt"` // often zero on old records
	LastInteractionAt   Timestamp          `json:"lastInteractionAt"`
	LastAdvancedAt      Timestamp          `json:"lastAdvancedAt"`
	SnoozedUntil        Timestamp          `json:"snoozedUntil"`
	URLs                *URLs              `json:"urls"`
	IsAnonymized        bool               `json:"isAnonymized"`
	DataProtection      *DataProtection    `json:"dataProtection"`
	OpportunityLocation string             `json:"opportunityLocation"`
	// Present only in GET /opportunities/deleted.
	DeletedAt Timestamp `json:"deletedAt"`
	DeletedBy string    `json:"deletedBy"`
}

// UnmarshalJSON decodes an opportunity, folding the legacy top-level archivedAt and
// archiveReason keys (documentation examples) into Archived.
func (o *Opportunity) UnmarshalJSON(b []byte) error {
	type plain Opportunity
	var aux struct {
		plain
		ArchivedAt    Timestamp `json:"archivedAt"`
		ArchiveReason string    `json:"archiveReason"`
	}
	if err := json.Unmarshal(b, &aux); err != nil {
		return err
	}
	*o = Opportunity(aux.plain)
	if o.Archived == nil && (!aux.ArchivedAt.IsZero() || aux.ArchiveReason != "") {
		o.Archived = &Archived{Reason: aux.ArchiveReason, ArchivedAt: aux.ArchivedAt}
	}
	return nil
}

// IsArchived reports whether the opportunity is archived.
func (o *Opportunity) IsArchived() bool { return o.Archived != nil }

// Contact is the person behind opportunities (expand=contact, GET /contacts/:id).
type Contact struct {
	ID             string          `json:"id"`
	Name           string          `json:"name"`
	Headline       string          `json:"headline"`
	IsAnonymized   bool            `json:"isAnonymized"`
	Location       *ContactPlace   `json:"location"`
	Emails         []string        `json:"emails"`
	Phones         []Phone         `json:"phones"`
	DataProtection json.RawMessage `json:"dataProtection,omitempty"`
}

// ContactPlace is a contact's location.
type ContactPlace struct {
	Name string `json:"name"`
}

// UnmarshalJSON accepts an object {name} or a plain string.
func (p *ContactPlace) UnmarshalJSON(b []byte) error {
	if len(b) > 0 && b[0] == '"' {
		return json.Unmarshal(b, &p.Name)
	}
	type plain ContactPlace
	return json.Unmarshal(b, (*plain)(p))
}

// Application is a candidate's application to a posting (expand=applications, or
// GET /opportunities/:id/applications).
type Application struct {
	ID                   string          `json:"id"`
	OpportunityID        string          `json:"opportunityId"`
	CandidateID          string          `json:"candidateId"`
	Type                 string          `json:"type"` // "posting" | "user" | "referral"
	Posting              Ref[Posting]    `json:"posting"`
	PostingOwner         Ref[User]       `json:"postingOwner"`
	PostingHiringManager Ref[User]       `json:"postingHiringManager"`
	User                 Ref[User]       `json:"user"`
	Name                 string          `json:"name"`
	Email                string          `json:"email"`
	Phone                *Phone          `json:"phone"`
	Company              string          `json:"company"`
	Links                []string        `json:"links"`
	Comments             string          `json:"comments"`
	CustomQuestions      json.RawMessage `json:"customQuestions,omitempty"`
	CreatedAt            Timestamp       `json:"createdAt"`
	Archived             *Archived       `json:"archived"`
}
