package leversandbox

import (
	"flag"
	"log/slog"
	"time"
)

// Defaults of the emulated account. They are printed by the lever-sandbox
// command and used by `skillkeepr demo`, so Connect works out of the box.
const (
	DefaultAccountName   = "Acme Corp"
	DefaultAdminEmail    = "lever-admin@acme.test"
	DefaultAdminPassword = "demo-password"
	DefaultAPIKey        = "sandbox-api-key"
	DefaultClientID      = "skillkeepr-demo"
	DefaultClientSecret  = "skillkeepr-demo-secret"
	DefaultAppName       = "SkillKeepr"
)

// Config configures a Sandbox. The zero value is usable: New fills in the defaults.
type Config struct {
	Seed                 int64
	Postings             int // default 12
	CandidatesPerPosting int // default 40

	// RateLimit turns on Lever's token bucket: 10 requests/s steady, bursts of
	// 20, per API key or OAuth grant, 429 beyond. Nil means on; see RegisterFlags.
	RateLimit *bool
	// RateScale multiplies the limit's rate and burst (default 1: Lever's
	// 10/s, bursts of 20). Benchmarks scale it up to run a large import in
	// a shorter time at the same ratio of pacing to limit.
	RateScale float64

	BaseURL   string // public URL of the sandbox, used in links and redirects
	StateFile string // optional: loaded at start if it exists, saved on Close

	Now    func() time.Time // injectable clock; default time.Now
	Logger *slog.Logger     // default discards

	AccountName   string // default "Acme Corp"
	AdminEmail    string // default lever-admin@acme.test
	AdminPassword string // default demo-password (every seeded user signs in with it)
	APIKey        string // default sandbox-api-key; has every scope, confidential included

	// Apps are the registered OAuth applications. Default: one app
	// "SkillKeepr" (skillkeepr-demo / skillkeepr-demo-secret) that accepts any
	// loopback redirect URI.
	Apps []OAuthApp

	// Webhooks registered at start ("static config"), besides those created
	// through POST /v1/webhooks.
	Webhooks []WebhookConfig
	// WebhookRetryBase is the first back-off between delivery attempts; it
	// doubles per retry. Default 1s; tests set a millisecond.
	WebhookRetryBase time.Duration
	// WebhookTimeout bounds one delivery attempt. Default 10s.
	WebhookTimeout time.Duration
}

// OAuthApp is an OAuth client registered with the sandbox account.
type OAuthApp struct {
	Name         string
	ClientID     string
	ClientSecret string
	// RedirectURIs must match exactly. When empty, any loopback http(s) URI
	// (any port and path) is accepted, which is what the demo app needs.
	RedirectURIs []string
}

// WebhookConfig registers a webhook at start.
type WebhookConfig struct {
	Event          string
	URL            string
	SignatureToken string // default: generated
}

// Bool is a helper for Config.RateLimit.
func Bool(b bool) *bool { return &b }

// RegisterFlags binds the configuration to command-line flags:
// --seed 42 --postings 12 --candidates-per-posting 40 --state file.json --rate-limit=true.
func (c *Config) RegisterFlags(fs *flag.FlagSet) {
	if c.RateLimit == nil {
		c.RateLimit = Bool(true)
	}
	fs.Int64Var(&c.Seed, "seed", 42, "seed of the generated Lever data")
	fs.IntVar(&c.Postings, "postings", 12, "number of generated postings")
	fs.IntVar(&c.CandidatesPerPosting, "candidates-per-posting", 40, "generated opportunities per posting")
	fs.StringVar(&c.StateFile, "state", "", "JSON file to load state from at start and save it to on exit")
	fs.BoolVar(c.RateLimit, "rate-limit", true, "limit each API key / OAuth grant to 10 requests/s, bursts of 20")
	fs.Float64Var(&c.RateScale, "rate-scale", 1, "multiply the limit's rate and burst (e.g. 10: 100 requests/s, bursts of 200)")
	fs.StringVar(&c.BaseURL, "base-url", "", "public URL of the sandbox (default http://<addr>)")
}

func (c *Config) withDefaults() Config {
	d := *c
	if d.Postings <= 0 {
		d.Postings = 12
	}
	if d.CandidatesPerPosting < 0 {
		d.CandidatesPerPosting = 0
	} else if d.CandidatesPerPosting == 0 {
		d.CandidatesPerPosting = 40
	}
	if d.RateLimit == nil {
		d.RateLimit = Bool(true)
	}
	if d.RateScale <= 0 {
		d.RateScale = 1
	}
	if d.BaseURL == "" {
		d.BaseURL = "http://127.0.0.1:8081"
	}
	for len(d.BaseURL) > 0 && d.BaseURL[len(d.BaseURL)-1] == '/' {
		d.BaseURL = d.BaseURL[:len(d.BaseURL)-1]
	}
	if d.Now == nil {
		d.Now = time.Now
	}
	if d.Logger == nil {
		d.Logger = slog.New(slog.DiscardHandler)
	}
	if d.AccountName == "" {
		d.AccountName = DefaultAccountName
	}
	if d.AdminEmail == "" {
		d.AdminEmail = DefaultAdminEmail
	}
	if d.AdminPassword == "" {
		d.AdminPassword = DefaultAdminPassword
	}
	if d.APIKey == "" {
		d.APIKey = DefaultAPIKey
	}
	if len(d.Apps) == 0 {
		d.Apps = []OAuthApp{{Name: DefaultAppName, ClientID: DefaultClientID, ClientSecret: DefaultClientSecret}}
	}
	if d.WebhookRetryBase <= 0 {
		d.WebhookRetryBase = time.Second
	}
	if d.WebhookTimeout <= 0 {
		d.WebhookTimeout = 10 * time.Second
	}
	return d
}
