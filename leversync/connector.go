package leversync

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"

	"github.com/skillkeepr/skillkeepr"
	"github.com/skillkeepr/skillkeepr/lever"
)

// Store is what the Connector needs from the database (sqlstore implements
// it). Actor methods enforce ActManageIntegrations; the others are system
// operations.
type Store interface {
	FindLeverConnection(ctx context.Context) (*skillkeepr.LeverConnection, error)
	CreateLeverOAuthState(ctx context.Context, sessionID int64, state string) error
	ConsumeLeverOAuthState(ctx context.Context, sessionID int64, state string) error
	SaveLeverConnection(ctx context.Context, c skillkeepr.LeverConnect) (*skillkeepr.LeverConnection, error)
	DisconnectLever(ctx context.Context) error

	MarkLeverRevoked(ctx context.Context, orgID, generation int64) (bool, error)
	RecordLeverCheck(ctx context.Context, orgID, generation int64, lastError string) error
	ConnectedLeverOrgs(ctx context.Context) ([]int64, error)
	LeverCredentials(ctx context.Context, orgID int64) (*skillkeepr.LeverCredentials, error)
	RefreshLeverToken(ctx context.Context, orgID int64, stale string,
		refresh func(ctx context.Context, refreshToken string) (skillkeepr.LeverToken, error)) (skillkeepr.LeverToken, error)
}

// Defaults of Lever's production endpoints.
const (
	DefaultAuthURL  = "https://auth.lever.co"
	DefaultAPIURL   = lever.ProductionBaseURL
	DefaultAudience = lever.ProductionAudience
	// CallbackPath is where Lever sends the browser back; register
	// <base URL>/integrations/lever/callback with Lever.
	CallbackPath = "/integrations/lever/callback"
)

// Scopes are the permissions SkillKeepr asks Lever for (offline_access,
// for staying connected, is added by the lever package); docs/lever.md
// says why each is needed.
var Scopes = []string{
	"postings:read:admin",            // list and import jobs
	"opportunities:read:admin",       // import candidates
	"opportunities:write:admin",      // stage moves and tags
	"applications:read:admin",        // which posting a candidate applied to
	"stages:read:admin",              // the stage mapping
	"archive_reasons:read:admin",     // show why a candidate was archived
	"resumes:read:admin",             // download résumés
	"notes:write:admin",              // the recommendation note
	"feedback:write:admin",           // the rating card as a feedback form
	"feedback_templates:write:admin", // the "SkillKeepr Rating Card" template
	"users:read:admin",               // act as the matching Lever user; show who connected
	"webhooks:write:admin",           // hear about changes in Lever
}

// Config configures a Connector.
type Config struct {
	Store Store
	// ClientID and ClientSecret of SkillKeepr's app registered with Lever;
	// without a client id only API keys work.
	ClientID, ClientSecret string
	// AuthURL is Lever's auth host (authorize at /authorize, tokens at
	// /oauth/token); default DefaultAuthURL.
	AuthURL string
	// APIURL is the Data API base including /v1; default DefaultAPIURL.
	APIURL string
	// Audience of the tokens; default DefaultAudience.
	Audience string
	// RedirectURL is <base URL>/integrations/lever/callback.
	RedirectURL string
	// Scopes asked for; default Scopes.
	Scopes []string
	// HTTPClient talks to Lever (default: the lever package's own).
	HTTPClient *http.Client
	Logger     *slog.Logger
	// RateLimit, when set, replaces the pacing of the calls to Lever, which
	// is by default Lever's documented limit (lever.DefaultRatePerSecond,
	// bursts of lever.DefaultBurst), shared through the Store when it is a
	// RateStore. A PerSecond of zero or less lifts our limit altogether.
	//
	// For tests and benchmarks against the sandbox only: never lift or raise
	// it against the real Lever, which answers 429 beyond its limit.
	RateLimit *RateLimit
}

// RateLimit is a pace of calls to one Lever account: PerSecond requests a
// second, bursts of Burst (default lever.DefaultBurst). PerSecond <= 0 means
// no limit of ours (see Config.RateLimit).
type RateLimit struct {
	PerSecond float64
	Burst     int
}

// Connector connects organisations to Lever and hands out clients. It
// implements skillkeepr.LeverIntegration.
type Connector struct {
	store    Store
	oauth    *lever.OAuthConfig
	apiURL   string
	hc       *http.Client
	log      *slog.Logger
	rate     *RateLimit // nil: Lever's limit
	limiters sync.Map   // org id → lever.Limiter: one rate limit per Lever account in this process
}

var _ skillkeepr.LeverIntegration = (*Connector)(nil)

// New returns a Connector for cfg.
func New(cfg Config) (*Connector, error) {
	if cfg.Store == nil {
		return nil, errors.New("leversync: Config.Store is nil")
	}
	if cfg.AuthURL == "" {
		cfg.AuthURL = DefaultAuthURL
	}
	if cfg.APIURL == "" {
		cfg.APIURL = DefaultAPIURL
	}
	if cfg.Audience == "" {
		cfg.Audience = DefaultAudience
	}
	if cfg.Scopes == nil {
		cfg.Scopes = Scopes
	}
	if cfg.ClientID != "" && cfg.RedirectURL == "" {
		return nil, errors.New("leversync: Config.RedirectURL is needed with a client id")
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.New(slog.DiscardHandler)
	}
	auth := strings.TrimRight(cfg.AuthURL, "/")
	c := &Connector{
		store:  cfg.Store,
		apiURL: strings.TrimRight(cfg.APIURL, "/"),
		hc:     cfg.HTTPClient,
		log:    cfg.Logger,
	}
	if cfg.RateLimit != nil {
		rl := *cfg.RateLimit
		if rl.PerSecond > 0 && rl.Burst <= 0 {
			rl.Burst = lever.DefaultBurst
		}
		c.rate = &rl
	}
	if cfg.ClientID != "" {
		c.oauth = &lever.OAuthConfig{ClientID: cfg.ClientID, ClientSecret: cfg.ClientSecret,
			AuthURL: auth + "/authorize", TokenURL: auth + "/oauth/token", RedirectURL: cfg.RedirectURL,
			Audience: cfg.Audience, Scopes: cfg.Scopes, HTTPClient: cfg.HTTPClient}
	}
	return c, nil
}

// OAuthConfigured reports whether a client id is configured.
func (c *Connector) OAuthConfigured() bool { return c.oauth != nil }

// AuthorizeOrigin returns the origin of Lever's sign-in page.
func (c *Connector) AuthorizeOrigin() string {
	if c.oauth == nil {
		return ""
	}
	u, err := url.Parse(c.oauth.AuthURL)
	if err != nil {
		return ""
	}
	return u.Scheme + "://" + u.Host
}

// LeverConnection returns the actor's organisation's connection.
func (c *Connector) LeverConnection(ctx context.Context) (*skillkeepr.LeverConnection, error) {
	return c.store.FindLeverConnection(ctx)
}

func authorize(ctx context.Context) (*skillkeepr.Actor, error) {
	a, err := skillkeepr.RequireActor(ctx)
	if err != nil {
		return nil, err
	}
	return a, skillkeepr.Authorize(a, skillkeepr.ActManageIntegrations, skillkeepr.Target{})
}

func invalid(msg string) error { return &skillkeepr.Error{Code: skillkeepr.EINVALID, Message: msg} }

// StartConnect records a new state for the actor's browser session and
// returns the address of Lever's sign-in and consent page.
func (c *Connector) StartConnect(ctx context.Context, sessionID int64) (string, error) {
	if _, err := authorize(ctx); err != nil {
		return "", err
	}
	if c.oauth == nil {
		return "", invalid("Signing in to Lever is not set up on this SkillKeepr server yet: the server administrator must register SkillKeepr with Lever first (see docs/lever.md). You can connect with a Lever API key instead.")
	}
	state := skillkeepr.NewToken()
	if err := c.store.CreateLeverOAuthState(ctx, sessionID, state); err != nil {
		return "", err
	}
	return c.oauth.AuthCodeURL(state), nil
}

// CompleteConnect finishes the flow when Lever sends the browser back.
func (c *Connector) CompleteConnect(ctx context.Context, sessionID int64, cb skillkeepr.LeverCallback) (*skillkeepr.LeverConnection, error) {
	a, err := authorize(ctx)
	if err != nil {
		return nil, err
	}
	if c.oauth == nil {
		return nil, invalid("Signing in to Lever is not set up on this SkillKeepr server.")
	}
	// The state is used up whatever Lever answered, so that the link
	// cannot be replayed.
	if err := c.store.ConsumeLeverOAuthState(ctx, sessionID, cb.State); err != nil {
		return nil, err
	}
	if cb.Error != "" {
		c.log.InfoContext(ctx, "lever: connection not granted", "org_id", a.OrgID, "error", cb.Error, "description", cb.ErrorDescription)
		if cb.Error == "access_denied" {
			return nil, invalid("Lever was not connected: the request was declined in Lever. Nothing was changed.")
		}
		return nil, invalid("Lever did not allow the connection, so nothing was changed. Please try again; if it keeps happening, ask the server administrator to check SkillKeepr's settings in Lever.")
	}
	if cb.Code == "" {
		return nil, invalid("Lever sent an incomplete answer, so nothing was changed. Please click Connect again.")
	}
	tok, err := c.oauth.Exchange(ctx, cb.Code)
	if err != nil {
		c.log.WarnContext(ctx, "lever: code exchange failed", "org_id", a.OrgID, "err", err)
		return nil, invalid("Lever did not complete the connection, so nothing was changed. Please click Connect again.")
	}
	cl, err := c.newClient(lever.Config{TokenSource: lever.StaticToken(tok.AccessToken), MaxAttempts: 2}, a.OrgID)
	if err != nil {
		return nil, err
	}
	label := c.accountLabel(ctx, cl, a.Email)
	return c.store.SaveLeverConnection(ctx, skillkeepr.LeverConnect{Mode: skillkeepr.LeverModeOAuth, AccountLabel: label,
		Token: skillkeepr.LeverToken{AccessToken: tok.AccessToken, RefreshToken: tok.RefreshToken, Expiry: tok.Expiry}})
}

// ConnectAPIKey checks key with one cheap call and saves it.
func (c *Connector) ConnectAPIKey(ctx context.Context, key string) (*skillkeepr.LeverConnection, error) {
	a, err := authorize(ctx)
	if err != nil {
		return nil, err
	}
	key = strings.TrimSpace(key)
	field := func(msg string) error {
		return &skillkeepr.Error{Code: skillkeepr.EINVALID, Message: "Lever was not connected.", Fields: map[string]string{"api_key": msg}}
	}
	if key == "" {
		return nil, field("Paste the API key from Lever (Settings → Integrations and API → API Credentials).")
	}
	if len(key) > 500 || strings.ContainsAny(key, " \t\r\n") {
		return nil, field("This does not look like a Lever API key. Copy it again from Lever.")
	}
	cl, err := c.newClient(lever.Config{APIKey: key, MaxAttempts: 2}, a.OrgID)
	if err != nil {
		return nil, err
	}
	if err := cl.Ping(ctx); err != nil {
		switch {
		case errors.Is(err, lever.ErrRevoked):
			return nil, field("Lever did not accept this key. Copy it again from Lever (Settings → Integrations and API → API Credentials).")
		case errors.Is(err, lever.ErrForbidden):
			return nil, field("Lever accepted this key but it may not read your pipeline. Give the key access to all endpoints in Lever, or create a new one.")
		default:
			c.log.WarnContext(ctx, "lever: checking an API key failed", "org_id", a.OrgID, "err", err)
			return nil, field("Lever could not be reached to check the key. Please try again in a few minutes.")
		}
	}
	label := c.accountLabel(ctx, cl, a.Email)
	return c.store.SaveLeverConnection(ctx, skillkeepr.LeverConnect{Mode: skillkeepr.LeverModeAPIKey, AccountLabel: label, APIKey: key})
}

// Disconnect forgets the organisation's credentials.
func (c *Connector) Disconnect(ctx context.Context) error {
	return c.store.DisconnectLever(ctx)
}

// accountLabel names the Lever account in plain words: the Lever user with
// the connecting person's email, else the account's first Super Admin; ""
// when Lever does not say.
func (c *Connector) accountLabel(ctx context.Context, cl *lever.Client, email string) string {
	label := func(u *lever.User) string {
		if u.Email == "" {
			return u.Name
		}
		if u.Name == "" {
			return u.Email
		}
		return u.Name + " (" + u.Email + ")"
	}
	if email != "" {
		if u, err := cl.UserByEmail(ctx, email); err == nil {
			return label(u)
		}
	}
	for u, err := range cl.ListUsers(ctx, lever.UserFilter{AccessRoles: []string{"super admin"}, PageSize: 1}) {
		if err != nil {
			c.log.InfoContext(ctx, "lever: cannot name the connected account", "err", err)
			return ""
		}
		return label(&u)
	}
	return ""
}

// limiter returns the rate limit of an organisation's Lever account: the
// one shared through the database when the store keeps it (every process
// together stays under Lever's limit), else one per process. Its pace is
// Lever's unless Config.RateLimit set another (or none).
func (c *Connector) limiter(orgID int64) lever.Limiter {
	if l, ok := c.limiters.Load(orgID); ok {
		return l.(lever.Limiter)
	}
	rate, burst := float64(lever.DefaultRatePerSecond), lever.DefaultBurst
	if c.rate != nil {
		if c.rate.PerSecond <= 0 {
			return lever.Unlimited
		}
		rate, burst = c.rate.PerSecond, c.rate.Burst
	}
	var lim lever.Limiter
	if rs, ok := c.store.(RateStore); ok {
		lim = &SharedLimiter{Store: rs, OrgID: orgID, Rate: rate, Burst: burst}
	} else {
		lim = lever.NewTokenBucket(rate, burst)
	}
	l, _ := c.limiters.LoadOrStore(orgID, lim)
	return l.(lever.Limiter)
}

func (c *Connector) newClient(cfg lever.Config, orgID int64) (*lever.Client, error) {
	cfg.BaseURL = c.apiURL
	cfg.HTTPClient = c.hc
	cfg.Limiter = c.limiter(orgID)
	return lever.New(cfg)
}

// ErrNotConnected is returned by Client while an organisation has no
// working Lever connection; it matches lever.ErrRevoked, so that Lever
// work treats it as "pause until reconnected".
var ErrNotConnected = fmt.Errorf("%w: Lever is not connected", lever.ErrRevoked)

// Client is a Lever client for one organisation's current connection:
// every lever.Client method is there. Its tokens refresh through the store.
type Client struct {
	*lever.Client
	OrgID      int64
	generation int64
	c          *Connector
}

// Check records a revocation when err says Lever refused access, so that
// Lever work pauses until a Super Admin connects again; Lever work passes
// the errors of its calls through it. It returns err unchanged.
func (cl *Client) Check(ctx context.Context, err error) error {
	if errors.Is(err, lever.ErrRevoked) && !errors.Is(err, ErrNotConnected) {
		cl.c.markRevoked(ctx, cl.OrgID, cl.generation, err)
	}
	return err
}

// Client returns a client for an organisation's Lever account, or an error
// matching ErrNotConnected (and lever.ErrRevoked) while it has no working
// connection. A refresh that Lever refuses marks the connection revoked.
func (c *Connector) Client(ctx context.Context, orgID int64) (*Client, error) {
	return c.client(ctx, orgID, 0)
}

func (c *Connector) client(ctx context.Context, orgID int64, maxAttempts int) (*Client, error) {
	cr, err := c.store.LeverCredentials(ctx, orgID)
	if err != nil {
		if skillkeepr.ErrorCodeOf(err) == skillkeepr.ECONFLICT {
			return nil, ErrNotConnected
		}
		return nil, err
	}
	cfg := lever.Config{MaxAttempts: maxAttempts}
	switch cr.Mode {
	case skillkeepr.LeverModeAPIKey:
		cfg.APIKey = cr.APIKey
	case skillkeepr.LeverModeOAuth:
		if c.oauth == nil {
			return nil, fmt.Errorf("leversync: organisation %d is connected by Lever sign-in but no client id is configured", orgID)
		}
		cfg.TokenSource = &tokenSource{c: c, orgID: orgID, generation: cr.Generation, tok: cr.Token}
	default:
		return nil, fmt.Errorf("leversync: organisation %d has an unknown Lever mode %q", orgID, cr.Mode)
	}
	lc, err := c.newClient(cfg, orgID)
	if err != nil {
		return nil, err
	}
	return &Client{Client: lc, OrgID: orgID, generation: cr.Generation, c: c}, nil
}

func (c *Connector) markRevoked(ctx context.Context, orgID, generation int64, cause error) {
	ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 10*time.Second)
	defer cancel()
	changed, err := c.store.MarkLeverRevoked(ctx, orgID, generation)
	if err != nil {
		c.log.ErrorContext(ctx, "lever: recording a revocation failed", "org_id", orgID, "err", err)
		return
	}
	if changed {
		c.log.WarnContext(ctx, "lever: access was revoked in Lever; Lever work is paused", "org_id", orgID, "cause", cause)
	}
}

// tokenSource is a lever.TokenSource whose refreshes go through the store,
// one process at a time.
type tokenSource struct {
	c          *Connector
	orgID      int64
	generation int64
	mu         sync.Mutex
	tok        skillkeepr.LeverToken
}

const tokenSkew = time.Minute

func (t *tokenSource) valid(now time.Time) bool {
	return t.tok.AccessToken != "" && (t.tok.Expiry.IsZero() || now.Add(tokenSkew).Before(t.tok.Expiry))
}

// Token returns the access token, refreshing it first when it expires
// within a minute.
func (t *tokenSource) Token(ctx context.Context) (string, error) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.valid(time.Now()) {
		return t.tok.AccessToken, nil
	}
	return t.refreshLocked(ctx, t.tok.AccessToken)
}

// Refresh renews the token after Lever refused stale.
func (t *tokenSource) Refresh(ctx context.Context, stale string) (string, error) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.tok.AccessToken != stale && t.valid(time.Now()) {
		return t.tok.AccessToken, nil
	}
	return t.refreshLocked(ctx, stale)
}

func (t *tokenSource) refreshLocked(ctx context.Context, stale string) (string, error) {
	tok, err := t.c.store.RefreshLeverToken(ctx, t.orgID, stale, func(ctx context.Context, rt string) (skillkeepr.LeverToken, error) {
		nt, err := t.c.oauth.Refresh(ctx, rt)
		if err != nil {
			return skillkeepr.LeverToken{}, err
		}
		return skillkeepr.LeverToken{AccessToken: nt.AccessToken, RefreshToken: nt.RefreshToken, Expiry: nt.Expiry}, nil
	})
	if err != nil {
		if skillkeepr.ErrorCodeOf(err) == skillkeepr.ECONFLICT {
			return "", ErrNotConnected
		}
		if errors.Is(err, lever.ErrRevoked) {
			t.c.markRevoked(ctx, t.orgID, t.generation, err)
		}
		return "", err
	}
	t.tok = tok
	return tok.AccessToken, nil
}
