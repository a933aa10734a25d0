package lever

import (
	"context"
	"encoding/base64"
)

// TokenSource supplies OAuth access tokens. Implementations must be safe for concurrent
// use.
//
// Token returns the current access token, refreshing it first when it is known to have
// expired. Refresh is called after Lever rejected stale with 401: it must return a
// token different from stale (refreshing if no other caller has done so already) or an
// error; an error matching [ErrRevoked] means the grant is gone.
//
// [OAuthTokenSource] is the in-process implementation; a database-backed one that
// refreshes in one process at a time can be plugged in behind the same interface.
type TokenSource interface {
	Token(ctx context.Context) (string, error)
	Refresh(ctx context.Context, stale string) (string, error)
}

// StaticToken is a TokenSource for a fixed access token (tests, short scripts). Refresh
// always fails with [ErrRevoked].
type StaticToken string

// Token returns the token.
func (s StaticToken) Token(context.Context) (string, error) { return string(s), nil }

// Refresh reports [ErrRevoked]: a static token cannot be renewed.
func (s StaticToken) Refresh(context.Context, string) (string, error) { return "", ErrRevoked }

// authorization returns the Authorization header value for one attempt, and the bearer
// token it carries (empty for API keys).
func (c *Client) authorization(ctx context.Context) (header, token string, err error) {
	if c.apiKey != "" {
		return "Basic " + base64.StdEncoding.EncodeToString([]byte(c.apiKey+":")), "", nil
	}
	tok, err := c.tokens.Token(ctx)
	if err != nil {
		return "", "", err
	}
	return "Bearer " + tok, tok, nil
}
