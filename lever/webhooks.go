package lever

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"iter"
	"net/http"
	"strconv"
	"strings"
)

// Webhook events.
const (
	EventApplicationCreated     = "applicationCreated"
	EventCandidateHired         = "candidateHired"
	EventCandidateStageChange   = "candidateStageChange"
	EventCandidateArchiveChange = "candidateArchiveChange"
	EventCandidateDeleted       = "candidateDeleted"
	EventInterviewCreated       = "interviewCreated"
	EventInterviewUpdated       = "interviewUpdated"
	EventInterviewDeleted       = "interviewDeleted"
	EventContactCreated         = "contactCreated"
	EventContactUpdated         = "contactUpdated"
)

// Webhook is a webhook registered through the API.
type Webhook struct {
	ID            string               `json:"id"`
	URL           string               `json:"url"`
	Event         string               `json:"event"`
	Configuration WebhookConfiguration `json:"configuration"`
	CreatedAt     Timestamp            `json:"createdAt"`
	UpdatedAt     Timestamp            `json:"updatedAt"`
}

// WebhookConfiguration holds a webhook's conditions and, in the create answer only,
// the key that signs its deliveries.
type WebhookConfiguration struct {
	Conditions     *WebhookConditions `json:"conditions,omitempty"`
	SignatureToken string             `json:"signatureToken,omitempty"`
}

// WebhookConditions filter deliveries by opportunity origin.
type WebhookConditions struct {
	Origins []string `json:"origins"`
}

// NewWebhook is a webhook to register. Origins (optional) limits applicationCreated,
// candidateArchiveChange, candidateHired and candidateStageChange deliveries.
type NewWebhook struct {
	URL     string
	Event   string
	Origins []string
}

// WebhookDelivery is the body Lever POSTs to a webhook URL. Data is kept raw: its keys
// depend on the event (opportunityId is the reliable one).
type WebhookDelivery struct {
	ID          string          `json:"id"`
	Event       string          `json:"event"`
	TriggeredAt Timestamp       `json:"triggeredAt"`
	Token       string          `json:"token"`
	Signature   string          `json:"signature"`
	Data        json.RawMessage `json:"data"`
}

// ListWebhooks iterates over the webhooks registered through the API (GET /webhooks).
func (c *Client) ListWebhooks(ctx context.Context) iter.Seq2[Webhook, error] {
	return list[Webhook](c, ctx, "/webhooks", nil)
}

// CreateWebhook registers a webhook (POST /webhooks). The answer carries
// Configuration.SignatureToken, the key for verifying deliveries: store it. Not
// idempotent: after an ambiguous failure the error matches [ErrOutcomeUnknown]; list
// the webhooks before creating again.
func (c *Client) CreateWebhook(ctx context.Context, in NewWebhook) (*Webhook, error) {
	if in.URL == "" || in.Event == "" {
		return nil, invalidf("CreateWebhook: url and event are required")
	}
	body := map[string]any{"url": in.URL, "event": in.Event}
	if len(in.Origins) > 0 {
		body["configuration"] = map[string]any{"conditions": map[string]any{"origins": in.Origins}}
	}
	var w Webhook
	if _, err := c.send(ctx, &request{method: http.MethodPost, path: "/webhooks", body: body}, &w); err != nil {
		return nil, err
	}
	return &w, nil
}

// DeleteWebhook removes a webhook (DELETE /webhooks/:id).
func (c *Client) DeleteWebhook(ctx context.Context, id string) error {
	if err := requireIDs(id); err != nil {
		return err
	}
	_, err := c.do(ctx, &request{method: http.MethodDelete, path: pathf("/webhooks/%s", id), idempotent: true})
	return err
}

// VerifySignature reports whether the delivery was signed with signatureToken (the
// key from the webhook's create answer or Lever's settings page):
// hex(HMAC-SHA256(key, token + decimal triggeredAt)) must equal Signature. It does
// not check freshness or replays; the receiver does that with TriggeredAt and Token.
func (d *WebhookDelivery) VerifySignature(signatureToken string) bool {
	if signatureToken == "" || d.Signature == "" || d.Token == "" {
		return false
	}
	mac := hmac.New(sha256.New, []byte(signatureToken))
	mac.Write([]byte(d.Token))
	mac.Write([]byte(strconv.FormatInt(d.TriggeredAt.Millis(), 10)))
	want := hex.EncodeToString(mac.Sum(nil))
	return hmac.Equal([]byte(want), []byte(strings.ToLower(d.Signature)))
}
