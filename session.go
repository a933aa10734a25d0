package skillkeepr

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"time"
)

// SessionTTL is how long a browser session lasts without activity.
const SessionTTL = 12 * time.Hour

// Session is a signed-in browser. The cookie holds a random token; the
// database holds only its hash.
type Session struct {
	ID        int64
	UserID    int64
	OrgID     int64
	CSRFToken string
	ExpiresAt time.Time
	CreatedAt time.Time
}

// APIToken is a personal token for the JSON API; only its hash is stored.
type APIToken struct {
	ID         int64      `json:"id"`
	OrgID      int64      `json:"-"`
	UserID     int64      `json:"user_id"`
	Name       string     `json:"name"`
	Prefix     string     `json:"prefix"` // first characters, to recognise it in lists
	LastUsedAt *time.Time `json:"last_used_at"`
	CreatedAt  time.Time  `json:"created_at"`
}

// NewToken returns a random URL-safe token with 256 bits of entropy.
func NewToken() string {
	b := make([]byte, 32)
	_, _ = rand.Read(b) // crypto/rand.Read never fails on supported platforms
	return base64.RawURLEncoding.EncodeToString(b)
}

// HashToken returns the hex SHA-256 of a token, as stored in the database.
// Tokens are random, so a fast hash is enough.
func HashToken(token string) string {
	h := sha256.Sum256([]byte(token))
	return hex.EncodeToString(h[:])
}

// SessionService stores browser sessions, API tokens and failed sign-ins.
type SessionService interface {
	// CreateSession is a system operation: it signs userID in and returns
	// the cookie token.
	CreateSession(ctx context.Context, userID int64) (token string, s *Session, err error)
	// FindSession returns the live session and its active user; expired,
	// deleted or deactivated ones are EUNAUTHORIZED. It extends the expiry.
	FindSession(ctx context.Context, token string) (*Session, *User, error)
	DeleteSession(ctx context.Context, token string) error
	// DeleteUserSessions signs a user out everywhere, but keepToken.
	DeleteUserSessions(ctx context.Context, userID int64, keepToken string) error

	CreateAPIToken(ctx context.Context, name string) (token string, t *APIToken, err error)
	FindAPITokens(ctx context.Context) ([]*APIToken, error)
	DeleteAPIToken(ctx context.Context, id int64) error
	// AuthenticateAPIToken is a system operation returning the token's
	// active user.
	AuthenticateAPIToken(ctx context.Context, token string) (*User, error)

	// RecordFailedLogin and FailedLogins throttle sign-in per key (email
	// and client address); they are shared by every process.
	RecordFailedLogin(ctx context.Context, key string) error
	FailedLogins(ctx context.Context, key string, since time.Time) (int, error)
	ClearFailedLogins(ctx context.Context, key string) error
}
