package skillkeepr

import "context"

// LeverWebhookTask processes one stored Lever webhook delivery in the
// background.
type LeverWebhookTask struct {
	OrgID      int64 `json:"org_id"`
	DeliveryID int64 `json:"delivery_id"`
}

// TaskKind implements Task.
func (LeverWebhookTask) TaskKind() string { return "lever_webhook" }

// LeverWebhookDelivery is a verified Lever delivery as the receiver hands it
// to the store.
type LeverWebhookDelivery struct {
	Token         string // Lever's delivery token: the replay key
	LeverID       string
	Event         string
	OpportunityID string
	Data          []byte // the raw "data" object
}

// LeverWebhookReceiver is what the public webhook endpoint needs from the
// store: system operations, there is no signed-in person.
type LeverWebhookReceiver interface {
	// LeverWebhookEndpoint finds the organisation of a webhook URL token and
	// its decrypted signature tokens by event (Lever gives each registered
	// webhook its own); ENOTFOUND for an unknown URL token.
	LeverWebhookEndpoint(ctx context.Context, urlToken string) (orgID int64, signatureTokens map[string]string, err error)
	// RecordLeverWebhook stores the delivery and enqueues its processing in
	// one transaction. A delivery token seen before is not stored again:
	// replay is true and nothing is enqueued.
	RecordLeverWebhook(ctx context.Context, orgID int64, d LeverWebhookDelivery) (replay bool, err error)
}

// LeverOpportunityState is what SkillKeepr follows of a Lever opportunity
// (from a webhook or the periodic poll): both paths apply it the same way,
// so they converge on the same application state.
type LeverOpportunityState struct {
	OpportunityID string
	StageName     string // "" when unknown: the stage is left as is
	Archived      bool
	ArchiveReason string // the reason's name, when archived
	Hired         bool   // archived with a reason of type "hired" (or a candidateHired delivery)
	Deleted       bool
}

// LeverApplyOutcome says what applying a LeverOpportunityState did.
type LeverApplyOutcome string

const (
	LeverApplyChanged   LeverApplyOutcome = "changed"
	LeverApplyUnchanged LeverApplyOutcome = "unchanged"
	LeverApplyUnknown   LeverApplyOutcome = "unknown_opportunity" // no application is linked to it
	LeverApplyDone      LeverApplyOutcome = "already_processed"   // the delivery was processed before
)

// StoredLeverWebhook is a recorded delivery.
type StoredLeverWebhook struct {
	ID            int64
	OrgID         int64
	Event         string
	OpportunityID string
	Data          []byte
	Processed     bool
}

// LeverUpdatesRegistrar registers the actor's organisation for Lever's
// webhooks (ActManageIntegrations). A refusal by Lever is an error in
// plain words; the periodic poll follows the changes anyway.
type LeverUpdatesRegistrar interface {
	RegisterLeverUpdates(ctx context.Context) error
}
