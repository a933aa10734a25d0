package skillkeepr

import (
	"context"
	"time"
)

// LeverMode is how an organisation authenticates with Lever.
type LeverMode string

// The two ways to connect to Lever.
const (
	LeverModeOAuth  LeverMode = "oauth"   // a Lever Super Admin accepted SkillKeepr in Lever
	LeverModeAPIKey LeverMode = "api_key" // a key pasted from Lever's API Credentials page
)

// LeverStatus is the state of an organisation's Lever connection.
type LeverStatus string

// Connection states. Revoked means Lever refused our access (Revoke access
// in Lever, an expired grant, a deleted key): Lever work pauses until a
// Super Admin connects again.
const (
	LeverConnected    LeverStatus = "connected"
	LeverRevoked      LeverStatus = "revoked"
	LeverDisconnected LeverStatus = "disconnected"
)

// LeverConnection is an organisation's link to its Lever account, without
// secrets. An organisation that never connected has Status
// LeverDisconnected and a zero ConnectedAt.
type LeverConnection struct {
	OrgID           int64       `json:"-"`
	Mode            LeverMode   `json:"mode"`
	Status          LeverStatus `json:"status"`
	AccountLabel    string      `json:"account_label"` // the Lever user or account, e.g. "Lena Park (lena@acme.com)"
	ConnectedByID   int64       `json:"connected_by_id"`
	ConnectedByName string      `json:"connected_by_name"`
	ConnectedAt     time.Time   `json:"connected_at"`
	CheckedAt       *time.Time  `json:"checked_at"`
	LastError       string      `json:"last_error"` // plain words, e.g. "Lever could not be reached"
	RevokedAt       *time.Time  `json:"revoked_at"`
	DisconnectedAt  *time.Time  `json:"disconnected_at"`
}

// Connected reports whether Lever work can run.
func (c *LeverConnection) Connected() bool { return c != nil && c.Status == LeverConnected }

// LeverToken is an OAuth token pair as stored (encrypted) by the store.
type LeverToken struct {
	AccessToken  string
	RefreshToken string
	Expiry       time.Time // zero: unknown
}

// LeverCredentials are the decrypted secrets of a connection, for the
// Lever client only; they never reach the web, logs or the audit log.
type LeverCredentials struct {
	OrgID int64
	// Generation identifies this connection among the organisation's
	// successive ones (it grows with every connect).
	Generation int64
	Mode       LeverMode
	Token      LeverToken // OAuth
	APIKey     string     // API key
}

// LeverConnect is a new connection, saved by a Super Admin.
type LeverConnect struct {
	Mode         LeverMode
	AccountLabel string
	Token        LeverToken
	APIKey       string
}

// LeverOAuthStateTTL is how long the link to Lever's consent page works.
const LeverOAuthStateTTL = 10 * time.Minute

// LeverCallback is what Lever sends back to the callback address.
type LeverCallback struct {
	State            string
	Code             string
	Error            string // e.g. "access_denied" when the person declined
	ErrorDescription string
}

// LeverIntegration connects an organisation to Lever; the web UI and the
// API use it. Every method but OAuthConfigured needs an actor allowed
// ActManageIntegrations, except LeverConnection, which any signed-in user
// may read (it holds no secret).
type LeverIntegration interface {
	// OAuthConfigured reports whether the operator registered SkillKeepr as
	// an app with Lever (client id set); without it only API keys work.
	OAuthConfigured() bool
	// AuthorizeOrigin is the origin (scheme://host) of Lever's sign-in
	// page, "" when OAuthConfigured is false; the Confirm form may be sent
	// on to it.
	AuthorizeOrigin() string
	// LeverConnection returns the actor's organisation's connection; one
	// that never connected is LeverDisconnected.
	LeverConnection(ctx context.Context) (*LeverConnection, error)
	// StartConnect returns the address of Lever's sign-in and consent page
	// for the actor in browser session sessionID.
	StartConnect(ctx context.Context, sessionID int64) (string, error)
	// CompleteConnect finishes the flow on Lever's answer. A declined,
	// foreign, used or expired answer is EINVALID with a plain message and
	// saves nothing.
	CompleteConnect(ctx context.Context, sessionID int64, cb LeverCallback) (*LeverConnection, error)
	// ConnectAPIKey checks key with Lever and saves it; a key Lever refuses
	// is EINVALID on field "api_key".
	ConnectAPIKey(ctx context.Context, key string) (*LeverConnection, error)
	// Disconnect forgets the credentials; Lever work stops.
	Disconnect(ctx context.Context) error
}
