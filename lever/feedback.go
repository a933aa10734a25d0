package lever

import (
	"context"
	"encoding/json"
	"iter"
	"net/http"
	"time"
)

// FormField is a field of a feedback form or template. Value's shape depends on Type
// (see lever-api.md §4.7): a string for text/textarea/dropdown/score-system, an
// integer or string for score, [{score, comment}] for scorecard, and so on; it is kept
// raw. Options may be missing on form instances even when the template has them.
type FormField struct {
	ID          string          `json:"id,omitempty"`
	Type        string          `json:"type"`
	Text        string          `json:"text"`
	Description string          `json:"description,omitempty"`
	Required    bool            `json:"required"`
	Prompt      string          `json:"prompt,omitempty"`
	Options     []FieldOption   `json:"options,omitempty"`
	Scores      []ScoreItem     `json:"scores,omitempty"` // scorecard: the skills
	Language    string          `json:"language,omitempty"`
	Currency    string          `json:"currency,omitempty"`
	Value       json.RawMessage `json:"value,omitempty"`
	// Only in the answer to a feedback update (Lever's internal shape).
	IsSummary bool `json:"isSummary,omitempty"`
	Overall   bool `json:"overall,omitempty"`
}

// FieldOption is a choice of a dropdown, multiple-choice, multiple-select or
// score-system field.
type FieldOption struct {
	Text     string `json:"text"`
	OptionID string `json:"optionId,omitempty"`
}

// ScoreItem is one skill of a scorecard field.
type ScoreItem struct {
	Text        string `json:"text"`
	Description string `json:"description,omitempty"`
}

// ScorecardValue is one entry of a scorecard field's value.
type ScorecardValue struct {
	Score   *int    `json:"score"`   // 1–4 or nil
	Comment *string `json:"comment"` // or nil
}

// Feedback is a feedback form on an opportunity. Feedback is soft-deleted: deleted
// forms stay readable with DeletedAt set.
type Feedback struct {
	ID             string      `json:"id"`
	Type           string      `json:"type"` // interview, assignment, share
	Text           string      `json:"text"`
	Instructions   string      `json:"instructions"`
	BaseTemplateID string      `json:"baseTemplateId"`
	Fields         []FormField `json:"fields"`
	User           string      `json:"user"`
	Panel          string      `json:"panel"`
	Interview      string      `json:"interview"`
	CreatedAt      Timestamp   `json:"createdAt"`
	UpdatedAt      Timestamp   `json:"updatedAt"`
	CompletedAt    Timestamp   `json:"completedAt"`
	DeletedAt      Timestamp   `json:"deletedAt"`
}

// UnmarshalJSON also accepts the differently keyed object Lever returns from a
// feedback update (userId, profileId, panelId, interviewId).
func (f *Feedback) UnmarshalJSON(b []byte) error {
	type plain Feedback
	var aux struct {
		plain
		UserID      string `json:"userId"`
		PanelID     string `json:"panelId"`
		InterviewID string `json:"interviewId"`
	}
	if err := json.Unmarshal(b, &aux); err != nil {
		return err
	}
	*f = Feedback(aux.plain)
	if f.User == "" {
		f.User = aux.UserID
	}
	if f.Panel == "" {
		f.Panel = aux.PanelID
	}
	if f.Interview == "" {
		f.Interview = aux.InterviewID
	}
	return nil
}

// FieldValue sets one field of a feedback form; Value must match the field's type.
type FieldValue struct {
	ID    string `json:"id"`
	Value any    `json:"value"`
}

// NewFeedback is a feedback form to create.
type NewFeedback struct {
	BaseTemplateID string       `json:"baseTemplateId"`
	Panel          string       `json:"panel,omitempty"`     // with Interview
	Interview      string       `json:"interview,omitempty"` // with Panel
	FieldValues    []FieldValue `json:"fieldValues,omitempty"`
	CreatedAt      *Timestamp   `json:"createdAt,omitempty"`
	CompletedAt    *Timestamp   `json:"completedAt,omitempty"`
}

// FeedbackUpdate changes a feedback form.
type FeedbackUpdate struct {
	FieldValues []FieldValue `json:"fieldValues,omitempty"`
	CompletedAt *Timestamp   `json:"completedAt,omitempty"`
}

// TimestampPtr returns a pointer to t as a Timestamp (nil for the zero time), for the
// optional time fields of request bodies.
func TimestampPtr(t time.Time) *Timestamp {
	if t.IsZero() {
		return nil
	}
	ts := TimestampOf(t)
	return &ts
}

// ListFeedback iterates over an opportunity's feedback forms, deleted ones included
// (GET /opportunities/:id/feedback).
func (c *Client) ListFeedback(ctx context.Context, opportunityID string) iter.Seq2[Feedback, error] {
	if err := requireIDs(opportunityID); err != nil {
		return failed[Feedback](err)
	}
	return list[Feedback](c, ctx, pathf("/opportunities/%s/feedback", opportunityID), nil)
}

// GetFeedback returns one feedback form (GET /opportunities/:id/feedback/:fb).
func (c *Client) GetFeedback(ctx context.Context, opportunityID, feedbackID string) (*Feedback, error) {
	if err := requireIDs(opportunityID, feedbackID); err != nil {
		return nil, err
	}
	var f Feedback
	if err := c.getOne(ctx, pathf("/opportunities/%s/feedback/%s", opportunityID, feedbackID), nil, &f); err != nil {
		return nil, err
	}
	return &f, nil
}

// CreateFeedback adds a feedback form (POST /opportunities/:id/feedback?perform_as=),
// authored by the Lever user performAs (required). Not idempotent: after an ambiguous
// failure the error matches [ErrOutcomeUnknown]; look in Lever before writing again.
func (c *Client) CreateFeedback(ctx context.Context, opportunityID string, in NewFeedback, performAs string) (*Feedback, error) {
	if err := requireIDs(opportunityID); err != nil {
		return nil, err
	}
	if performAs == "" {
		return nil, invalidf("CreateFeedback: perform_as is required")
	}
	if in.BaseTemplateID == "" {
		return nil, invalidf("CreateFeedback: baseTemplateId is required")
	}
	if (in.Panel == "") != (in.Interview == "") {
		return nil, invalidf("CreateFeedback: panel and interview go together")
	}
	var f Feedback
	if _, err := c.send(ctx, &request{
		method: http.MethodPost, path: pathf("/opportunities/%s/feedback", opportunityID),
		query: performAsQuery(performAs), body: in,
	}, &f); err != nil {
		return nil, err
	}
	return &f, nil
}

// UpdateFeedback sets field values or the completion time of a feedback form
// (PUT /opportunities/:id/feedback/:fb?perform_as=; performAs required). Setting the
// same values twice is harmless, so the call is retried freely.
func (c *Client) UpdateFeedback(ctx context.Context, opportunityID, feedbackID string, u FeedbackUpdate, performAs string) (*Feedback, error) {
	if err := requireIDs(opportunityID, feedbackID); err != nil {
		return nil, err
	}
	if performAs == "" {
		return nil, invalidf("UpdateFeedback: perform_as is required")
	}
	var f Feedback
	if _, err := c.send(ctx, &request{
		method: http.MethodPut, path: pathf("/opportunities/%s/feedback/%s", opportunityID, feedbackID),
		query: performAsQuery(performAs), body: u, idempotent: true,
	}, &f); err != nil {
		return nil, err
	}
	return &f, nil
}

// DeleteFeedback (soft-)deletes a feedback form
// (DELETE /opportunities/:id/feedback/:fb?perform_as=; performAs required).
func (c *Client) DeleteFeedback(ctx context.Context, opportunityID, feedbackID, performAs string) error {
	if err := requireIDs(opportunityID, feedbackID); err != nil {
		return err
	}
	if performAs == "" {
		return invalidf("DeleteFeedback: perform_as is required")
	}
	_, err := c.do(ctx, &request{
		method: http.MethodDelete, path: pathf("/opportunities/%s/feedback/%s", opportunityID, feedbackID),
		query: performAsQuery(performAs), idempotent: true,
	})
	return err
}

// FeedbackTemplate is a feedback form template.
type FeedbackTemplate struct {
	ID           string      `json:"id"`
	Text         string      `json:"text"`
	Group        *Group      `json:"group"`
	Instructions string      `json:"instructions"`
	Stage        *Stage      `json:"stage"`
	Fields       []FormField `json:"fields"`
	CreatedAt    Timestamp   `json:"createdAt"`
	UpdatedAt    Timestamp   `json:"updatedAt"`
}

// Group is a template group.
type Group struct {
	ID   string `json:"id"`
	Name string `json:"name"`
}

// NewFeedbackTemplate is a template to create. Exactly one field must have type
// "score-system"; Lever fills in its options and prompt and gives every field an id.
type NewFeedbackTemplate struct {
	Text         string      `json:"text"`
	Instructions string      `json:"instructions,omitempty"`
	Group        string      `json:"group,omitempty"` // group id
	Fields       []FormField `json:"fields"`
}

// ListFeedbackTemplates iterates over the active feedback templates
// (GET /feedback_templates).
func (c *Client) ListFeedbackTemplates(ctx context.Context) iter.Seq2[FeedbackTemplate, error] {
	return list[FeedbackTemplate](c, ctx, "/feedback_templates", nil)
}

// GetFeedbackTemplate returns one template (GET /feedback_templates/:id).
func (c *Client) GetFeedbackTemplate(ctx context.Context, id string) (*FeedbackTemplate, error) {
	if err := requireIDs(id); err != nil {
		return nil, err
	}
	var t FeedbackTemplate
	if err := c.getOne(ctx, pathf("/feedback_templates/%s", id), nil, &t); err != nil {
		return nil, err
	}
	return &t, nil
}

// CreateFeedbackTemplate creates a template (POST /feedback_templates). Not idempotent:
// after an ambiguous failure the error matches [ErrOutcomeUnknown]; list the templates
// (by Text) before creating again.
func (c *Client) CreateFeedbackTemplate(ctx context.Context, in NewFeedbackTemplate) (*FeedbackTemplate, error) {
	if in.Text == "" || len(in.Fields) == 0 {
		return nil, invalidf("CreateFeedbackTemplate: text and fields are required")
	}
	n := 0
	for _, f := range in.Fields {
		if f.Type == "score-system" {
			n++
		}
	}
	if n != 1 {
		return nil, invalidf("CreateFeedbackTemplate: exactly one score-system field is required, got %d", n)
	}
	var t FeedbackTemplate
	if _, err := c.send(ctx, &request{method: http.MethodPost, path: "/feedback_templates", body: in}, &t); err != nil {
		return nil, err
	}
	return &t, nil
}

// DeleteFeedbackTemplate deletes an API-created template (DELETE /feedback_templates/:id).
func (c *Client) DeleteFeedbackTemplate(ctx context.Context, id string) error {
	if err := requireIDs(id); err != nil {
		return err
	}
	_, err := c.do(ctx, &request{method: http.MethodDelete, path: pathf("/feedback_templates/%s", id), idempotent: true})
	return err
}
