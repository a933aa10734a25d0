package lever

import (
	"context"
	"iter"
	"net/http"
	"net/url"
	"strconv"
	"time"
)

// OpportunityFilter narrows ListOpportunities. Slice fields are repeated in the query
// and Lever returns the union; time bounds are inclusive and may be given alone.
type OpportunityFilter struct {
	PostingIDs       []string
	StageIDs         []string
	Tags             []string
	Emails           []string
	ContactIDs       []string
	Origins          []string
	Sources          []string
	ArchiveReasonIDs []string
	// Archived: nil for both, true for archived only, false for active only.
	Archived       *bool
	UpdatedAtStart time.Time
	UpdatedAtEnd   time.Time
	CreatedAtStart time.Time
	CreatedAtEnd   time.Time
	// Confidentiality: "confidential", "non-confidential" (Lever's default) or "all".
	Confidentiality string
	Expand          []string // applications, stage, owner, followers, sourcedBy, contact
	PageSize        int
}

func (f OpportunityFilter) query() url.Values {
	q := url.Values{}
	addAll(q, "posting_id", f.PostingIDs)
	addAll(q, "stage_id", f.StageIDs)
	addAll(q, "tag", f.Tags)
	addAll(q, "email", f.Emails)
	addAll(q, "contact_id", f.ContactIDs)
	addAll(q, "origin", f.Origins)
	addAll(q, "source", f.Sources)
	addAll(q, "archive_reason_id", f.ArchiveReasonIDs)
	if f.Archived != nil {
		q.Set("archived", strconv.FormatBool(*f.Archived))
	}
	addTime(q, "updated_at_start", f.UpdatedAtStart)
	addTime(q, "updated_at_end", f.UpdatedAtEnd)
	addTime(q, "created_at_start", f.CreatedAtStart)
	addTime(q, "created_at_end", f.CreatedAtEnd)
	setNonEmpty(q, "confidentiality", f.Confidentiality)
	addAll(q, "expand", f.Expand)
	setPageSize(q, f.PageSize)
	return q
}

// ListOpportunities iterates over opportunities (GET /opportunities), in Lever's order
// (stage rank, then most recently advanced first).
func (c *Client) ListOpportunities(ctx context.Context, f OpportunityFilter) iter.Seq2[Opportunity, error] {
	return list[Opportunity](c, ctx, "/opportunities", f.query())
}

// ListDeletedOpportunities iterates over deleted opportunities
// (GET /opportunities/deleted); zero bounds are left out.
func (c *Client) ListDeletedOpportunities(ctx context.Context, deletedAtStart, deletedAtEnd time.Time) iter.Seq2[Opportunity, error] {
	q := url.Values{}
	addTime(q, "deleted_at_start", deletedAtStart)
	addTime(q, "deleted_at_end", deletedAtEnd)
	return list[Opportunity](c, ctx, "/opportunities/deleted", q)
}

// GetOpportunity returns one opportunity (GET /opportunities/:id).
func (c *Client) GetOpportunity(ctx context.Context, id string, expand ...string) (*Opportunity, error) {
	if err := requireIDs(id); err != nil {
		return nil, err
	}
	q := url.Values{}
	addAll(q, "expand", expand)
	var o Opportunity
	if err := c.getOne(ctx, pathf("/opportunities/%s", id), q, &o); err != nil {
		return nil, err
	}
	return &o, nil
}

// NewOpportunity is the JSON body of POST /opportunities.
type NewOpportunity struct {
	Name                string     `json:"name,omitempty"`
	Headline            string     `json:"headline,omitempty"`
	Stage               string     `json:"stage,omitempty"`
	Location            string     `json:"location,omitempty"`
	Phones              []Phone    `json:"phones,omitempty"`
	Emails              []string   `json:"emails,omitempty"`
	Links               []string   `json:"links,omitempty"`
	Tags                []string   `json:"tags,omitempty"`
	Sources             []string   `json:"sources,omitempty"`
	Origin              string     `json:"origin,omitempty"`
	Owner               string     `json:"owner,omitempty"`
	Followers           []string   `json:"followers,omitempty"`
	Postings            []string   `json:"postings,omitempty"` // exactly one posting id, or none
	Contact             string     `json:"contact,omitempty"`
	OpportunityLocation string     `json:"opportunityLocation,omitempty"`
	Archived            *Archived  `json:"archived,omitempty"`
	CreatedAt           *Timestamp `json:"createdAt,omitempty"`
}

// CreatedOpportunity is the answer to POST /opportunities.
type CreatedOpportunity struct {
	Opportunity
	// Deduped: Lever attached it to an existing contact with the same e-mail.
	Deduped bool
}

// CreateOpportunity creates an opportunity (POST /opportunities?perform_as=), performed
// as (and owned by default by) the Lever user performAs, which Lever requires. The call
// is not idempotent: after an ambiguous failure it returns [ErrOutcomeUnknown] instead
// of retrying.
func (c *Client) CreateOpportunity(ctx context.Context, in NewOpportunity, performAs string) (*CreatedOpportunity, error) {
	if performAs == "" {
		return nil, invalidf("CreateOpportunity: perform_as is required")
	}
	var out CreatedOpportunity
	env, err := c.send(ctx, &request{
		method: http.MethodPost, path: "/opportunities", query: performAsQuery(performAs), body: in,
	}, &out.Opportunity)
	if err != nil {
		return nil, err
	}
	if env.deduped != nil {
		out.Deduped = *env.deduped
	}
	return &out, nil
}

// ChangeStage moves an opportunity to a stage (PUT /opportunities/:id/stage). The
// returned opportunity's contact fields (name, emails, …) may be blank: Lever leaves
// them out of mutation answers.
func (c *Client) ChangeStage(ctx context.Context, opportunityID, stageID, performAs string) (*Opportunity, error) {
	if err := requireIDs(opportunityID, stageID); err != nil {
		return nil, err
	}
	return c.mutateOpportunity(ctx, http.MethodPut, pathf("/opportunities/%s/stage", opportunityID), performAs,
		map[string]string{"stage": stageID})
}

// ArchiveUpdate is the body of PUT /opportunities/:id/archived.
type ArchiveUpdate struct {
	// ReasonID archives with this reason; empty unarchives.
	ReasonID        string
	CleanInterviews bool
	RequisitionID   string // with a hired reason: hire against this requisition
}

// UpdateArchived archives, re-archives with another reason, or (empty ReasonID)
// unarchives an opportunity (PUT /opportunities/:id/archived).
func (c *Client) UpdateArchived(ctx context.Context, opportunityID string, u ArchiveUpdate, performAs string) (*Opportunity, error) {
	if err := requireIDs(opportunityID); err != nil {
		return nil, err
	}
	body := map[string]any{"reason": nil}
	if u.ReasonID != "" {
		body["reason"] = u.ReasonID
	}
	if u.CleanInterviews {
		body["cleanInterviews"] = true
	}
	if u.RequisitionID != "" {
		body["requisitionId"] = u.RequisitionID
	}
	return c.mutateOpportunity(ctx, http.MethodPut, pathf("/opportunities/%s/archived", opportunityID), performAs, body)
}

// AddTags adds tags to an opportunity (POST /opportunities/:id/addTags). Unknown tags
// are created. Adding a tag twice is harmless, so the call is retried freely.
func (c *Client) AddTags(ctx context.Context, opportunityID string, tags []string, performAs string) (*Opportunity, error) {
	if err := requireIDs(opportunityID); err != nil {
		return nil, err
	}
	if len(tags) == 0 {
		return nil, invalidf("AddTags: no tags")
	}
	return c.mutateOpportunity(ctx, http.MethodPost, pathf("/opportunities/%s/addTags", opportunityID), performAs,
		map[string][]string{"tags": tags})
}

// RemoveTags removes tags from an opportunity (POST /opportunities/:id/removeTags).
func (c *Client) RemoveTags(ctx context.Context, opportunityID string, tags []string, performAs string) (*Opportunity, error) {
	if err := requireIDs(opportunityID); err != nil {
		return nil, err
	}
	if len(tags) == 0 {
		return nil, invalidf("RemoveTags: no tags")
	}
	return c.mutateOpportunity(ctx, http.MethodPost, pathf("/opportunities/%s/removeTags", opportunityID), performAs,
		map[string][]string{"tags": tags})
}

func (c *Client) mutateOpportunity(ctx context.Context, method, path, performAs string, body any) (*Opportunity, error) {
	var o Opportunity
	if _, err := c.send(ctx, &request{
		method: method, path: path, query: performAsQuery(performAs), body: body, idempotent: true,
	}, &o); err != nil {
		return nil, err
	}
	return &o, nil
}
