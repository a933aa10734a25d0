package lever

import (
	"context"
	"iter"
	"net/url"
)

// Posting is a job posting.
type Posting struct {
	ID                    string            `json:"id"`
	Text                  string            `json:"text"`
	State                 string            `json:"state"` // published, internal, closed, draft, pending, rejected
	DistributionChannels  []string          `json:"distributionChannels"`
	Confidentiality       string            `json:"confidentiality"`
	User                  Ref[User]         `json:"user"`
	Owner                 Ref[User]         `json:"owner"`
	HiringManager         Ref[User]         `json:"hiringManager"`
	Categories            PostingCategories `json:"categories"`
	Tags                  []string          `json:"tags"`
	Content               PostingContent    `json:"content"`
	Country               string            `json:"country"`
	Followers             []Ref[User]       `json:"followers"`
	ReqCode               string            `json:"reqCode"`
	RequisitionCodes      []string          `json:"requisitionCodes"`
	URLs                  *URLs             `json:"urls"` // nil for draft and closed postings
	WorkplaceType         string            `json:"workplaceType"`
	SalaryDescription     string            `json:"salaryDescription"`
	SalaryDescriptionHTML string            `json:"salaryDescriptionHtml"`
	SalaryRange           *SalaryRange      `json:"salaryRange"`
	CreatedAt             Timestamp         `json:"createdAt"`
	UpdatedAt             Timestamp         `json:"updatedAt"`
}

// PostingCategories are a posting's team, department, location and so on.
type PostingCategories struct {
	Team         string   `json:"team"`
	Department   string   `json:"department"`
	Location     string   `json:"location"`
	AllLocations []string `json:"allLocations"`
	Commitment   string   `json:"commitment"`
	Level        string   `json:"level"`
}

// PostingContent is a posting's description.
type PostingContent struct {
	Description     string        `json:"description"`
	DescriptionHTML string        `json:"descriptionHtml"`
	Lists           []PostingList `json:"lists"`
	Closing         string        `json:"closing"`
	ClosingHTML     string        `json:"closingHtml"`
}

// PostingList is one titled list in a posting description (the content is HTML).
type PostingList struct {
	Text    string `json:"text"`
	Content string `json:"content"`
}

// SalaryRange is a posting's salary range.
type SalaryRange struct {
	Min      Float64 `json:"min"`
	Max      Float64 `json:"max"`
	Currency string  `json:"currency"`
	Interval string  `json:"interval"` // e.g. "per-year-salary"
}

// PostingFilter narrows ListPostings. Slice fields are repeated in the query and
// Lever returns the union. All values are case-sensitive.
type PostingFilter struct {
	States               []string // published, internal, closed, draft, …
	Teams                []string
	Departments          []string
	Locations            []string
	Commitments          []string
	Levels               []string
	Tags                 []string
	DistributionChannels []string // public, internal
	// Confidentiality: "confidential", "non-confidential" or "all"; Lever's default is
	// non-confidential.
	Confidentiality string
	Expand          []string // user, owner, hiringManager, followers
	Include         []string
	PageSize        int // default 100
}

func (f PostingFilter) query() url.Values {
	q := url.Values{}
	addAll(q, "state", f.States)
	addAll(q, "team", f.Teams)
	addAll(q, "department", f.Departments)
	addAll(q, "location", f.Locations)
	addAll(q, "commitment", f.Commitments)
	addAll(q, "level", f.Levels)
	addAll(q, "tag", f.Tags)
	addAll(q, "distributionChannel", f.DistributionChannels)
	setNonEmpty(q, "confidentiality", f.Confidentiality)
	addAll(q, "expand", f.Expand)
	addAll(q, "include", f.Include)
	setPageSize(q, f.PageSize)
	return q
}

// ListPostings iterates over the account's postings (GET /postings).
func (c *Client) ListPostings(ctx context.Context, f PostingFilter) iter.Seq2[Posting, error] {
	return list[Posting](c, ctx, "/postings", f.query())
}

// GetPosting returns one posting (GET /postings/:id).
func (c *Client) GetPosting(ctx context.Context, id string, expand ...string) (*Posting, error) {
	if err := requireIDs(id); err != nil {
		return nil, err
	}
	q := url.Values{}
	addAll(q, "expand", expand)
	var p Posting
	if err := c.getOne(ctx, pathf("/postings/%s", id), q, &p); err != nil {
		return nil, err
	}
	return &p, nil
}
