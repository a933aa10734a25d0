package lever

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"sync"
	"time"
)

// OAuth endpoints and audiences.
const (
	ProductionAuthURL  = "https://auth.lever.co/authorize"
	ProductionTokenURL = "https://auth.lever.co/oauth/token"
	ProductionAudience = "https://api.lever.co/v1/"
	SandboxAuthURL     = "https://sandbox-lever.auth0.com/authorize"
	SandboxTokenURL    = "https://sandbox-lever.auth0.com/oauth/token"
	SandboxAudience    = "https://api.sandbox.lever.co/v1/"
)

// OAuthConfig is a registered Lever OAuth app and the endpoints it talks to. The code
// exchange and refresh are plain form POSTs written by hand, so that Lever's audience
// parameter and refresh-token rotation are handled exactly.
type OAuthConfig struct {
	ClientID     string
	ClientSecret string
	AuthURL      string // e.g. ProductionAuthURL
	TokenURL     string // e.g. ProductionTokenURL
	RedirectURL  string // must match the registered callback exactly
	Audience     string // e.g. ProductionAudience (trailing slash)
	Scopes       []string

	// HTTPClient posts to TokenURL (default: a client with a 30 s timeout).
	HTTPClient *http.Client
	// Now is the clock used for Token.Expiry (default time.Now).
	Now func() time.Time
}

// Token is an OAuth token pair.
type Token struct {
	AccessToken  string
	RefreshToken string // rotated on every refresh: always store the newest
	Expiry       time.Time
	Scope        string
	TokenType    string
}

// Valid reports whether the access token is set and not within skew of its expiry.
func (t Token) Valid(now time.Time, skew time.Duration) bool {
	return t.AccessToken != "" && (t.Expiry.IsZero() || now.Add(skew).Before(t.Expiry))
}

// AuthCodeURL returns the URL of Lever's consent page. The caller binds state to the
// user's session and checks it on the callback. offline_access is added to the scopes
// (it is what yields a refresh token) and prompt=consent is sent.
func (c *OAuthConfig) AuthCodeURL(state string) string {
	scopes := slices.Clone(c.Scopes)
	if !slices.Contains(scopes, "offline_access") {
		scopes = append(scopes, "offline_access")
	}
	q := url.Values{
		"client_id":     {c.ClientID},
		"redirect_uri":  {c.RedirectURL},
		"response_type": {"code"},
		"state":         {state},
		"audience":      {c.Audience},
		"scope":         {strings.Join(scopes, " ")},
		"prompt":        {"consent"},
	}
	sep := "?"
	if strings.Contains(c.AuthURL, "?") {
		sep = "&"
	}
	return c.AuthURL + sep + q.Encode()
}

// Exchange trades an authorization code for tokens.
func (c *OAuthConfig) Exchange(ctx context.Context, code string) (*Token, error) {
	if code == "" {
		return nil, invalidf("oauth: empty authorization code")
	}
	return c.token(ctx, url.Values{
		"grant_type":   {"authorization_code"},
		"code":         {code},
		"redirect_uri": {c.RedirectURL},
	}, "")
}

// Refresh obtains a new access token. Lever rotates refresh tokens: the result carries
// the new one (or the old one if the server sent none), and the caller must store it
// before using the access token. invalid_grant (revoked, expired or reused refresh
// token) gives an error matching [ErrRevoked].
//
// The request is sent once: a lost answer may already have rotated the refresh token,
// so retrying blindly could burn the grant.
func (c *OAuthConfig) Refresh(ctx context.Context, refreshToken string) (*Token, error) {
	if refreshToken == "" {
		return nil, fmt.Errorf("%w: no refresh token", ErrRevoked)
	}
	return c.token(ctx, url.Values{
		"grant_type":    {"refresh_token"},
		"refresh_token": {refreshToken},
	}, refreshToken)
}

func (c *OAuthConfig) token(ctx context.Context, form url.Values, oldRefresh string) (*Token, error) {
	form.Set("client_id", c.ClientID)
	form.Set("client_secret", c.ClientSecret)
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, c.TokenURL, strings.NewReader(form.Encode()))
	if err != nil {
		return nil, fmt.Errorf("lever: oauth: %w", err)
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Accept", "application/json")
	hc := c.HTTPClient
	if hc == nil {
		hc = defaultOAuthClient()
	}
	now := time.Now
	if c.Now != nil {
		now = c.Now
	}
	start := now()
	resp, err := hc.Do(req)
	if err != nil {
		return nil, &NetworkError{Method: http.MethodPost, Path: "oauth/token", Err: err}
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, 1<<20))
	if err != nil {
		return nil, &NetworkError{Method: http.MethodPost, Path: "oauth/token", Err: err}
	}
	return decodeTokenAnswer(resp.StatusCode, body, start, oldRefresh)
}

// decodeTokenAnswer decodes the token endpoint's answer (also used for errors).
func decodeTokenAnswer(status int, body []byte, start time.Time, oldRefresh string) (*Token, error) {
	var tr struct {
		AccessToken  string  `json:"access_token"`
		RefreshToken string  `json:"refresh_token"`
		TokenType    string  `json:"token_type"`
		Scope        string  `json:"scope"`
		ExpiresIn    Float64 `json:"expires_in"`
		Error        string  `json:"error"`
		Description  string  `json:"error_description"`
	}
	jsonErr := json.Unmarshal(body, &tr)
	if status < 200 || status > 299 || tr.Error != "" {
		e := &OAuthError{Status: status, Code: tr.Error, Description: tr.Description}
		if jsonErr != nil {
			e.Description = truncate(strings.TrimSpace(string(body)), 200)
		}
		return nil, e
	}
	if jsonErr != nil {
		return nil, fmt.Errorf("lever: oauth: decoding token answer: %w", jsonErr)
	}
	if tr.AccessToken == "" {
		return nil, errors.New("lever: oauth: token answer carries no access_token")
	}
	t := &Token{AccessToken: tr.AccessToken, RefreshToken: tr.RefreshToken, Scope: tr.Scope, TokenType: tr.TokenType}
	if t.RefreshToken == "" {
		t.RefreshToken = oldRefresh
	}
	if tr.ExpiresIn > 0 {
		t.Expiry = start.Add(time.Duration(float64(tr.ExpiresIn) * float64(time.Second)))
	}
	return t, nil
}

// defaultOAuthClient is shared by OAuthConfigs without an HTTPClient; its transport is
// its own so that others closing http.DefaultTransport's idle connections cannot break
// a refresh in flight.
var defaultOAuthClient = sync.OnceValue(func() *http.Client {
	return &http.Client{Timeout: 30 * time.Second, Transport: http.DefaultTransport.(*http.Transport).Clone()}
})

// OAuthTokenSource is an in-process [TokenSource] that refreshes the access token when
// it is about to expire or after a 401, and hands every rotated token to OnRotate so
// the caller can persist it. Use one per Lever connection; it is safe for concurrent
// use, and concurrent 401s cause a single refresh.
type OAuthTokenSource struct {
	cfg      *OAuthConfig
	onRotate func(context.Context, Token) error
	skew     time.Duration

	mu  sync.Mutex
	tok Token
}

// NewOAuthTokenSource returns a TokenSource starting from tok. onRotate (optional) is
// called, under the source's lock, with each new token before it is used; if it fails
// the refresh fails (the new refresh token would otherwise be lost).
func NewOAuthTokenSource(cfg *OAuthConfig, tok Token, onRotate func(context.Context, Token) error) *OAuthTokenSource {
	return &OAuthTokenSource{cfg: cfg, tok: tok, onRotate: onRotate, skew: time.Minute}
}

// Current returns the token the source holds now.
func (s *OAuthTokenSource) Current() Token {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.tok
}

// Token returns a valid access token, refreshing first when it expires within a minute.
func (s *OAuthTokenSource) Token(ctx context.Context) (string, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.tok.Valid(s.now(), s.skew) {
		return s.tok.AccessToken, nil
	}
	if err := s.refreshLocked(ctx); err != nil {
		return "", err
	}
	return s.tok.AccessToken, nil
}

// Refresh renews the token after Lever rejected stale; if another caller already did,
// the current token is returned without a new refresh.
func (s *OAuthTokenSource) Refresh(ctx context.Context, stale string) (string, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.tok.AccessToken != stale && s.tok.Valid(s.now(), 0) {
		return s.tok.AccessToken, nil
	}
	if err := s.refreshLocked(ctx); err != nil {
		return "", err
	}
	return s.tok.AccessToken, nil
}

func (s *OAuthTokenSource) refreshLocked(ctx context.Context) error {
	t, err := s.cfg.Refresh(ctx, s.tok.RefreshToken)
	if err != nil {
		return err
	}
	if s.onRotate != nil {
		if err := s.onRotate(ctx, *t); err != nil {
			return fmt.Errorf("lever: saving rotated token: %w", err)
		}
	}
	s.tok = *t
	return nil
}

func (s *OAuthTokenSource) now() time.Time {
	if s.cfg.Now != nil {
		return s.cfg.Now()
	}
	return time.Now()
}
