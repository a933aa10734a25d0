package leversandbox

// Wire types. Field order and nullability follow the recorded Lever responses,
// because clients (and our conformance tests) compare shapes, not just values.

// Phone is a contact phone number; Lever's types include mobile, home, work and other.
type Phone struct {
	Type  string `json:"type"`
	Value string `json:"value"`
}

// Archived says why and when an opportunity was archived.
type Archived struct {
	Reason     string `json:"reason"`
	ArchivedAt int64  `json:"archivedAt"`
}

// StageChange is one entry of an opportunity's stage history.
type StageChange struct {
	ToStageID    string `json:"toStageId"`
	ToStageIndex int    `json:"toStageIndex"`
	UpdatedAt    int64  `json:"updatedAt"`
	UserID       string `json:"userId,omitempty"` // absent on imported history, as in real data
}

// OpportunityURLs links to the opportunity in the Lever web app.
type OpportunityURLs struct {
	List string `json:"list"`
	Show string `json:"show"`
}

// Opportunity is one candidacy, as GET /v1/opportunities/:id returns it.
type Opportunity struct {
	ID                  string          `json:"id"`
	Name                string          `json:"name"`
	Contact             string          `json:"contact"`
	Headline            string          `json:"headline"`
	Stage               string          `json:"stage"`
	Confidentiality     string          `json:"confidentiality"`
	Location            string          `json:"location"`
	Phones              []Phone         `json:"phones"`
	Emails              []string        `json:"emails"`
	Links               []string        `json:"links"`
	Archived            *Archived       `json:"archived"`
	Tags                []string        `json:"tags"`
	Sources             []string        `json:"sources"`
	StageChanges        []StageChange   `json:"stageChanges"`
	Origin              string          `json:"origin"`
	SourcedBy           *string         `json:"sourcedBy"`
	Owner               *string         `json:"owner"`
	Followers           []string        `json:"followers"`
	Applications        []string        `json:"applications"`
	CreatedAt           int64           `json:"createdAt"`
	UpdatedAt           *int64          `json:"updatedAt"`
	LastInteractionAt   int64           `json:"lastInteractionAt"`
	LastAdvancedAt      int64           `json:"lastAdvancedAt"`
	SnoozedUntil        *int64          `json:"snoozedUntil"`
	URLs                OpportunityURLs `json:"urls"`
	IsAnonymized        bool            `json:"isAnonymized"`
	DataProtection      *struct{}       `json:"dataProtection"` // always null in the sandbox
	OpportunityLocation string          `json:"opportunityLocation,omitempty"`
}

// clone returns a deep copy so callers of the Go API cannot mutate sandbox state.
func (o Opportunity) clone() Opportunity {
	c := o
	c.Phones = append([]Phone{}, o.Phones...)
	c.Emails = append([]string{}, o.Emails...)
	c.Links = append([]string{}, o.Links...)
	c.Tags = append([]string{}, o.Tags...)
	c.Sources = append([]string{}, o.Sources...)
	c.StageChanges = append([]StageChange{}, o.StageChanges...)
	c.Followers = append([]string{}, o.Followers...)
	c.Applications = append([]string{}, o.Applications...)
	if o.Archived != nil {
		a := *o.Archived
		c.Archived = &a
	}
	if o.UpdatedAt != nil {
		u := *o.UpdatedAt
		c.UpdatedAt = &u
	}
	return c
}

// Application is the (at most one) application of an opportunity.
type Application struct {
	ID                   string    `json:"id"`
	Type                 string    `json:"type"`
	CandidateID          string    `json:"candidateId"`
	OpportunityID        string    `json:"opportunityId"`
	Posting              string    `json:"posting"`
	PostingHiringManager *string   `json:"postingHiringManager"`
	PostingOwner         *string   `json:"postingOwner"`
	Name                 *string   `json:"name"`
	Company              *string   `json:"company"`
	Phone                *Phone    `json:"phone"`
	Email                *string   `json:"email"`
	Links                []string  `json:"links"`
	Comments             *string   `json:"comments"`
	User                 *string   `json:"user"`
	CustomQuestions      []any     `json:"customQuestions"`
	CreatedAt            int64     `json:"createdAt"`
	Archived             *Archived `json:"archived"`
	RequisitionForHire   *struct{} `json:"requisitionForHire"`
	IPAddress            *string   `json:"ipAddress"`
	Referer              *string   `json:"referer"`
	UserAgent            *string   `json:"userAgent"`
	AcceptLanguage       *string   `json:"acceptLanguage"`
	Timezone             *string   `json:"timezone"`
}

// Contact is the person behind one or more opportunities.
type Contact struct {
	ID           string       `json:"id"`
	Name         string       `json:"name"`
	Headline     string       `json:"headline"`
	IsAnonymized bool         `json:"isAnonymized"`
	Location     ContactPlace `json:"location"`
	Emails       []string     `json:"emails"`
	Phones       []Phone      `json:"phones"`
	DataProt     contactDProt `json:"dataProtection"`
}

// ContactPlace is a contact's location.
type ContactPlace struct {
	Name string `json:"name"`
}

type contactDProt struct {
	InterviewIntelligence struct {
		Allowed   bool   `json:"allowed"`
		ExpiresAt *int64 `json:"expiresAt"`
	} `json:"interviewIntelligence"`
}

// User is a Lever user of the sandbox account.
type User struct {
	ID                  string   `json:"id"`
	Name                string   `json:"name"`
	Username            string   `json:"username"`
	Email               string   `json:"email"`
	AccessRole          string   `json:"accessRole"`
	Photo               *string  `json:"photo"`
	CreatedAt           int64    `json:"createdAt"`
	DeactivatedAt       *int64   `json:"deactivatedAt"`
	ExternalDirectoryID *string  `json:"externalDirectoryId"`
	LinkedContactIDs    []string `json:"linkedContactIds"`
	JobTitle            *string  `json:"jobTitle"`
	ManagerID           *string  `json:"managerId"`
}

// Stage is a pipeline stage.
type Stage struct {
	ID   string `json:"id"`
	Text string `json:"text"`
}

// ArchiveReason says why an opportunity was archived.
type ArchiveReason struct {
	ID     string `json:"id"`
	Text   string `json:"text"`
	Status string `json:"status"`
	Type   string `json:"type"`
}

// TagCount is one entry of GET /tags or GET /sources.
type TagCount struct {
	Count int    `json:"count"`
	Text  string `json:"text"`
}

// PostingCategories groups a posting by team, department, location and commitment.
type PostingCategories struct {
	Commitment   string   `json:"commitment"`
	Department   string   `json:"department"`
	Level        *string  `json:"level"`
	Location     string   `json:"location"`
	Team         string   `json:"team"`
	AllLocations []string `json:"allLocations"`
}

// PostingList is one headed list of a posting's description.
type PostingList struct {
	Text    string `json:"text"`
	Content string `json:"content"`
}

// PostingContent is a posting's job description.
type PostingContent struct {
	Description     string        `json:"description"`
	DescriptionHTML string        `json:"descriptionHtml"`
	Lists           []PostingList `json:"lists"`
	Closing         string        `json:"closing"`
	ClosingHTML     string        `json:"closingHtml"`
}

// PostingURLs are the public job-site links of a posting.
type PostingURLs struct {
	List  string `json:"list"`
	Show  string `json:"show"`
	Apply string `json:"apply"`
}

// Posting is a job posting.
type Posting struct {
	ID                   string            `json:"id"`
	Text                 string            `json:"text"`
	State                string            `json:"state"`
	DistributionChannels []string          `json:"distributionChannels"`
	User                 string            `json:"user"`
	Owner                string            `json:"owner"`
	HiringManager        *string           `json:"hiringManager"`
	Categories           PostingCategories `json:"categories"`
	Tags                 []string          `json:"tags"`
	Content              PostingContent    `json:"content"`
	Country              string            `json:"country"`
	Followers            []string          `json:"followers"`
	ReqCode              *string           `json:"reqCode"`
	RequisitionCodes     []string          `json:"requisitionCodes"`
	URLs                 *PostingURLs      `json:"urls"`
	Confidentiality      string            `json:"confidentiality"`
	CreatedAt            int64             `json:"createdAt"`
	UpdatedAt            int64             `json:"updatedAt"`
	WorkplaceType        string            `json:"workplaceType"`
	TranscribeInterviews bool              `json:"transcribeInterviews"`
	Screening            struct {
		Enabled bool `json:"enabled"`
	} `json:"screening"`
}

// NoteField is the single comment of a note.
type NoteField struct {
	CreatedAt int64   `json:"createdAt"`
	Score     *int    `json:"score"`
	Stage     string  `json:"stage"`
	Text      string  `json:"text"`
	Type      string  `json:"type"`
	User      *string `json:"user"`
	Value     string  `json:"value"`
}

// Note is a note on an opportunity.
type Note struct {
	ID          string      `json:"id"`
	Text        string      `json:"text"`
	Fields      []NoteField `json:"fields"`
	User        *string     `json:"user"`
	Secret      bool        `json:"secret"`
	CompletedAt int64       `json:"completedAt"`
	DeletedAt   *int64      `json:"deletedAt"`
	CreatedAt   int64       `json:"createdAt"`
}

// FieldOption is one choice of a dropdown, multiple-choice or score-system field.
type FieldOption struct {
	Text string `json:"text"`
}

// ScorecardScore is one skill of a scorecard field.
type ScorecardScore struct {
	Text        string `json:"text"`
	Description string `json:"description"`
}

// TemplateField is one field of a feedback template (and, with Value, of a form).
type TemplateField struct {
	Description string           `json:"description"`
	Required    bool             `json:"required"`
	Text        string           `json:"text"`
	Type        string           `json:"type"`
	ID          string           `json:"id"`
	Prompt      string           `json:"prompt,omitempty"`
	Options     []FieldOption    `json:"options,omitempty"`
	Scores      []ScorecardScore `json:"scores,omitempty"`
	Currency    string           `json:"currency,omitempty"`
	Language    string           `json:"language,omitempty"`
}

// TemplateGroup is the group a feedback template belongs to.
type TemplateGroup struct {
	ID   string `json:"id"`
	Name string `json:"name"`
}

// FeedbackTemplate is an interview feedback template.
type FeedbackTemplate struct {
	ID           string          `json:"id"`
	Text         string          `json:"text"`
	Group        *TemplateGroup  `json:"group"`
	Instructions string          `json:"instructions"`
	Fields       []TemplateField `json:"fields"`
	CreatedAt    *int64          `json:"createdAt"`
	Stage        *Stage          `json:"stage"`
	UpdatedAt    *int64          `json:"updatedAt"`
}

// FeedbackField is a template field with the interviewer's value.
type FeedbackField struct {
	TemplateField
	Value any `json:"value"`
}

// Feedback is a filled (or soft-deleted) feedback form.
type Feedback struct {
	ID             string          `json:"id"`
	Type           string          `json:"type"`
	Text           string          `json:"text"`
	Instructions   string          `json:"instructions"`
	Fields         []FeedbackField `json:"fields"`
	BaseTemplateID string          `json:"baseTemplateId"`
	Interview      *string         `json:"interview"`
	Panel          *string         `json:"panel"`
	User           string          `json:"user"`
	CreatedAt      int64           `json:"createdAt"`
	CompletedAt    int64           `json:"completedAt"`
	UpdatedAt      *int64          `json:"updatedAt"`
	DeletedAt      *int64          `json:"deletedAt"`
}

// ResumeFile describes the stored résumé file.
type ResumeFile struct {
	Name        string `json:"name"`
	Ext         string `json:"ext"`
	DownloadURL string `json:"downloadUrl"`
	UploadedAt  int64  `json:"uploadedAt"`
	Status      string `json:"status"`
	Size        int    `json:"size"`
}

// YearMonth is a résumé date.
type YearMonth struct {
	Year  int `json:"year"`
	Month int `json:"month"`
}

// ResumePosition is one job in parsed résumé data.
type ResumePosition struct {
	Org      string    `json:"org"`
	Title    string    `json:"title"`
	Summary  string    `json:"summary"`
	Location string    `json:"location"`
	Start    YearMonth `json:"start"`
	End      YearMonth `json:"end"`
}

// ResumeSchool is one school in parsed résumé data.
type ResumeSchool struct {
	Org     string    `json:"org"`
	Degree  string    `json:"degree"`
	Field   string    `json:"field"`
	Summary string    `json:"summary"`
	Start   YearMonth `json:"start"`
	End     YearMonth `json:"end"`
}

// ResumeParsed is Lever's parse of a résumé.
type ResumeParsed struct {
	Positions []ResumePosition `json:"positions"`
	Schools   []ResumeSchool   `json:"schools"`
}

// Resume is a résumé attached to an opportunity.
type Resume struct {
	ID         string       `json:"id"`
	CreatedAt  int64        `json:"createdAt"`
	File       ResumeFile   `json:"file"`
	ParsedData ResumeParsed `json:"parsedData"`
}

// File is a non-résumé file attached to an opportunity.
type File struct {
	ID          string `json:"id"`
	DownloadURL string `json:"downloadUrl"`
	Ext         string `json:"ext"`
	Name        string `json:"name"`
	UploadedAt  int64  `json:"uploadedAt"`
	Status      string `json:"status"`
	Size        int    `json:"size"`
}

// WebhookConditions limits a webhook to opportunities of some origins.
type WebhookConditions struct {
	Origins []string `json:"origins"`
}

// WebhookConfiguration holds a webhook's conditions and signing token.
type WebhookConfiguration struct {
	Conditions     WebhookConditions `json:"conditions"`
	SignatureToken string            `json:"signatureToken,omitempty"`
}

// Webhook is a registered webhook.
type Webhook struct {
	ID            string               `json:"id"`
	Event         string               `json:"event"`
	URL           string               `json:"url"`
	Configuration WebhookConfiguration `json:"configuration"`
	CreatedAt     int64                `json:"createdAt"`
	UpdatedAt     int64                `json:"updatedAt"`
}
