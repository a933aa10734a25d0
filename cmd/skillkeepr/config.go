package main

import (
	"flag"
	"fmt"
	"net"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/skillkeepr/skillkeepr/leversync"
	"github.com/skillkeepr/skillkeepr/secret"
)

// Config is everything an operator can set, from flags or SKILLKEEPR_*
// environment variables (a flag wins over the environment).
type Config struct {
	Addr        string
	BaseURL     string
	DatabaseURL string
	DataDir     string
	LogLevel    string
	LogFormat   string
	Workers     int

	SMTPHost     string
	SMTPPort     int
	SMTPUsername string
	SMTPPassword string
	SMTPFrom     string
	SMTPSecurity string

	// SecretKey encrypts Lever credentials at rest; empty means a key
	// generated into <data dir>/secret.key on first start.
	SecretKey string
	secretKey []byte // parsed by Validate

	// Scheduling (issue #6): how long before an interview its reminder
	// emails go out, e.g. "24h,1h"; "none" for no reminders.
	InterviewReminders string
	reminders          []time.Duration // parsed by Validate

	LeverClientID     string
	LeverClientSecret string
	LeverAuthURL      string
	LeverAPIURL       string
	LeverAudience     string

	ShutdownTimeout time.Duration

	// The optional language-model assist: off unless base URL and model
	// are set. The key is never logged.
	LLMBaseURL string
	LLMModel   string
	LLMAPIKey  string
	LLMTimeout string
	llmTimeout time.Duration // parsed by Validate
	// RatingCardReminder is how long after an interview's end, and then
	// between reminders, a missing rating card is reminded of (issue #7).
	RatingCardReminder time.Duration
}

// setting describes one configuration value: its flag, its environment
// variable, its default and where it is stored.
type setting struct {
	flag, env, usage string
	def              string
	set              func(c *Config, v string) error
}

func settings() []setting {
	str := func(p func(*Config) *string) func(*Config, string) error {
		return func(c *Config, v string) error { *p(c) = v; return nil }
	}
	num := func(name string, p func(*Config) *int) func(*Config, string) error {
		return func(c *Config, v string) error {
			n, err := strconv.Atoi(v)
			if err != nil {
				return fmt.Errorf("%s must be a whole number, got %q", name, v)
			}
			*p(c) = n
			return nil
		}
	}
	return []setting{
		{"addr", "SKILLKEEPR_ADDR", "address to listen on (host:port)", "127.0.0.1:8080", str(func(c *Config) *string { return &c.Addr })},
		{"base-url", "SKILLKEEPR_BASE_URL", "public URL of this server, used in emails and links (default http://<addr>)", "", str(func(c *Config) *string { return &c.BaseURL })},
		{"data", "SKILLKEEPR_DATA_DIR", "data directory for the SQLite database and files", "./skillkeepr-data", str(func(c *Config) *string { return &c.DataDir })},
		{"database-url", "SKILLKEEPR_DATABASE_URL", "postgres://… for PostgreSQL; default: SQLite in the data directory", "", str(func(c *Config) *string { return &c.DatabaseURL })},
		{"log-level", "SKILLKEEPR_LOG_LEVEL", "debug, info, warn or error", "info", str(func(c *Config) *string { return &c.LogLevel })},
		{"log-format", "SKILLKEEPR_LOG_FORMAT", "text or json", "text", str(func(c *Config) *string { return &c.LogFormat })},
		{"workers", "SKILLKEEPR_WORKERS", "concurrent background workers per process", "10", num("SKILLKEEPR_WORKERS (--workers)", func(c *Config) *int { return &c.Workers })},
		{"smtp-host", "SKILLKEEPR_SMTP_HOST", "SMTP server; empty: keep email in the built-in dev mailbox", "", str(func(c *Config) *string { return &c.SMTPHost })},
		{"smtp-port", "SKILLKEEPR_SMTP_PORT", "SMTP port", "587", num("SKILLKEEPR_SMTP_PORT (--smtp-port)", func(c *Config) *int { return &c.SMTPPort })},
		{"smtp-username", "SKILLKEEPR_SMTP_USERNAME", "SMTP user name", "", str(func(c *Config) *string { return &c.SMTPUsername })},
		{"smtp-password", "SKILLKEEPR_SMTP_PASSWORD", "SMTP password", "", str(func(c *Config) *string { return &c.SMTPPassword })},
		{"smtp-from", "SKILLKEEPR_SMTP_FROM", "From address of emails", "SkillKeepr <no-reply@skillkeepr.local>", str(func(c *Config) *string { return &c.SMTPFrom })},
		{"smtp-security", "SKILLKEEPR_SMTP_SECURITY", "starttls, tls or none", "starttls", str(func(c *Config) *string { return &c.SMTPSecurity })},
		{"secret-key", "SKILLKEEPR_SECRET_KEY", "key encrypting Lever credentials at rest: 64 hex digits or base64 of 32 bytes; empty: generated into <data dir>/secret.key", "", str(func(c *Config) *string { return &c.SecretKey })},
		{"lever-client-id", "SKILLKEEPR_LEVER_CLIENT_ID", "client id of SkillKeepr's app registered with Lever; empty: only API keys connect", "", str(func(c *Config) *string { return &c.LeverClientID })},
		{"lever-client-secret", "SKILLKEEPR_LEVER_CLIENT_SECRET", "client secret of that app", "", str(func(c *Config) *string { return &c.LeverClientSecret })},
		{"lever-auth-url", "SKILLKEEPR_LEVER_AUTH_URL", "Lever's sign-in host (authorize at /authorize, tokens at /oauth/token)", leversync.DefaultAuthURL, str(func(c *Config) *string { return &c.LeverAuthURL })},
		{"lever-api-url", "SKILLKEEPR_LEVER_API_URL", "Lever Data API base URL, with /v1", leversync.DefaultAPIURL, str(func(c *Config) *string { return &c.LeverAPIURL })},
		{"rating-card-reminder", "SKILLKEEPR_RATING_CARD_REMINDER", "how long after an interview a missing rating card is reminded of, and then between reminders (at most 3)", "24h",
			func(c *Config, v string) error {
				d, err := time.ParseDuration(v)
				if err != nil || d < time.Minute {
					return fmt.Errorf("SKILLKEEPR_RATING_CARD_REMINDER (--rating-card-reminder) must be a duration of at least 1m such as 24h, got %q", v)
				}
				c.RatingCardReminder = d
				return nil
			}},
		{"lever-audience", "SKILLKEEPR_LEVER_AUDIENCE", "audience of Lever tokens", leversync.DefaultAudience, str(func(c *Config) *string { return &c.LeverAudience })},
		{"llm-base-url", "SKILLKEEPR_LLM_BASE_URL", "OpenAI-compatible endpoint of the optional language-model assist, e.g. https://api.openai.com/v1; empty: assist off", "", str(func(c *Config) *string { return &c.LLMBaseURL })},
		{"llm-model", "SKILLKEEPR_LLM_MODEL", "model name for the language-model assist; empty: assist off", "", str(func(c *Config) *string { return &c.LLMModel })},
		{"llm-api-key", "SKILLKEEPR_LLM_API_KEY", "API key of the language-model endpoint (sent as a bearer token, never logged)", "", str(func(c *Config) *string { return &c.LLMAPIKey })},
		{"llm-timeout", "SKILLKEEPR_LLM_TIMEOUT", "how long one language-model answer may take", "60s", str(func(c *Config) *string { return &c.LLMTimeout })},
		{"interview-reminders", "SKILLKEEPR_INTERVIEW_REMINDERS", "how long before an interview reminder emails go out, comma-separated (e.g. 24h,1h); none for no reminders", "24h,1h", str(func(c *Config) *string { return &c.InterviewReminders })},
	}
}

// parseConfig reads flags from args and the environment through getenv.
// Extra flags of a subcommand can be registered with extra.
func parseConfig(name string, args []string, getenv func(string) string, extra func(fs *flag.FlagSet)) (*Config, *flag.FlagSet, error) {
	c := &Config{ShutdownTimeout: 30 * time.Second}
	fs := flag.NewFlagSet("skillkeepr "+name, flag.ContinueOnError)
	fs.SetOutput(os.Stderr)
	ss := settings()
	vals := make([]*string, len(ss))
	for i, s := range ss {
		vals[i] = fs.String(s.flag, "", s.usage+" (env "+s.env+", default "+quoteDefault(s.def)+")")
	}
	if extra != nil {
		extra(fs)
	}
	if err := fs.Parse(args); err != nil {
		return nil, nil, err
	}
	for i, s := range ss {
		v := *vals[i]
		if v == "" {
			v = getenv(s.env)
		}
		if v == "" {
			v = s.def
		}
		if err := s.set(c, v); err != nil {
			return nil, nil, fmt.Errorf("invalid setting: %w", err)
		}
	}
	return c, fs, nil
}

func quoteDefault(s string) string {
	if s == "" {
		return "none"
	}
	return s
}

// Validate checks every setting and names the bad one in plain words.
// It also fills in derived defaults (base URL, SQLite path).
func (c *Config) Validate() error {
	host, port, err := net.SplitHostPort(c.Addr)
	if err != nil {
		return fmt.Errorf("invalid setting SKILLKEEPR_ADDR (--addr) %q: want host:port, e.g. 127.0.0.1:8080", c.Addr)
	}
	if p, err := strconv.Atoi(port); err != nil || p < 0 || p > 65535 {
		return fmt.Errorf("invalid setting SKILLKEEPR_ADDR (--addr) %q: port must be 0-65535", c.Addr)
	}
	if c.BaseURL == "" {
		h := host
		if h == "" || h == "0.0.0.0" || h == "::" {
			h = "localhost"
		}
		c.BaseURL = "http://" + net.JoinHostPort(h, port)
	}
	u, err := url.Parse(c.BaseURL)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return fmt.Errorf("invalid setting SKILLKEEPR_BASE_URL (--base-url) %q: want an absolute http(s) URL such as https://hire.example.com", c.BaseURL)
	}
	c.BaseURL = strings.TrimRight(c.BaseURL, "/")
	if c.DataDir == "" {
		return fmt.Errorf("invalid setting SKILLKEEPR_DATA_DIR (--data): must not be empty")
	}
	if c.DatabaseURL == "" {
		c.DatabaseURL = filepath.Join(c.DataDir, "skillkeepr.db")
	} else if strings.Contains(c.DatabaseURL, "://") && !isPostgresURL(c.DatabaseURL) {
		return fmt.Errorf("invalid setting SKILLKEEPR_DATABASE_URL (--database-url): only postgres:// URLs or a SQLite file path are supported")
	}
	switch c.LogLevel {
	case "debug", "info", "warn", "error":
	default:
		return fmt.Errorf("invalid setting SKILLKEEPR_LOG_LEVEL (--log-level) %q: want debug, info, warn or error", c.LogLevel)
	}
	if c.LogFormat != "text" && c.LogFormat != "json" {
		return fmt.Errorf("invalid setting SKILLKEEPR_LOG_FORMAT (--log-format) %q: want text or json", c.LogFormat)
	}
	if c.Workers < 1 || c.Workers > 1000 {
		return fmt.Errorf("invalid setting SKILLKEEPR_WORKERS (--workers) %d: want 1 to 1000", c.Workers)
	}
	if c.SMTPHost != "" {
		if c.SMTPPort < 1 || c.SMTPPort > 65535 {
			return fmt.Errorf("invalid setting SKILLKEEPR_SMTP_PORT (--smtp-port) %d: want 1 to 65535", c.SMTPPort)
		}
		switch c.SMTPSecurity {
		case "starttls", "tls", "none":
		default:
			return fmt.Errorf("invalid setting SKILLKEEPR_SMTP_SECURITY (--smtp-security) %q: want starttls, tls or none", c.SMTPSecurity)
		}
	}
	c.reminders = nil
	if r := strings.TrimSpace(c.InterviewReminders); r != "" && r != "none" {
		for _, part := range strings.Split(r, ",") {
			d, err := time.ParseDuration(strings.TrimSpace(part))
			if err != nil || d <= 0 || d > 30*24*time.Hour {
				return fmt.Errorf("invalid setting SKILLKEEPR_INTERVIEW_REMINDERS (--interview-reminders) %q: want durations such as 24h,1h, or none", c.InterviewReminders)
			}
			c.reminders = append(c.reminders, d)
		}
	}
	if c.SecretKey != "" {
		k, err := secret.ParseKey(c.SecretKey)
		if err != nil {
			return fmt.Errorf("invalid setting SKILLKEEPR_SECRET_KEY (--secret-key): %v", err)
		}
		c.secretKey = k
	}
	for _, u := range []struct{ name, flag, v string }{
		{"SKILLKEEPR_LEVER_AUTH_URL", "--lever-auth-url", c.LeverAuthURL},
		{"SKILLKEEPR_LEVER_API_URL", "--lever-api-url", c.LeverAPIURL},
		{"SKILLKEEPR_LEVER_AUDIENCE", "--lever-audience", c.LeverAudience},
	} {
		p, err := url.Parse(u.v)
		if err != nil || (p.Scheme != "http" && p.Scheme != "https") || p.Host == "" {
			return fmt.Errorf("invalid setting %s (%s) %q: want an absolute http(s) URL", u.name, u.flag, u.v)
		}
	}
	if c.LeverClientID != "" && c.LeverClientSecret == "" {
		return fmt.Errorf("invalid setting SKILLKEEPR_LEVER_CLIENT_SECRET (--lever-client-secret): required when SKILLKEEPR_LEVER_CLIENT_ID is set")
	}
	if err := c.validateLLM(); err != nil {
		return err
	}
	return nil
}

// validateLLM checks the language-model settings: both base URL and model,
// or neither.
func (c *Config) validateLLM() error {
	d, err := time.ParseDuration(c.LLMTimeout)
	if err != nil || d < time.Second || d > 10*time.Minute {
		return fmt.Errorf("invalid setting SKILLKEEPR_LLM_TIMEOUT (--llm-timeout) %q: want a duration from 1s to 10m, e.g. 60s", c.LLMTimeout)
	}
	c.llmTimeout = d
	switch {
	case c.LLMBaseURL == "" && c.LLMModel == "":
		return nil
	case c.LLMModel == "":
		return fmt.Errorf("invalid setting SKILLKEEPR_LLM_MODEL (--llm-model): required when SKILLKEEPR_LLM_BASE_URL is set")
	case c.LLMBaseURL == "":
		return fmt.Errorf("invalid setting SKILLKEEPR_LLM_BASE_URL (--llm-base-url): required when SKILLKEEPR_LLM_MODEL is set")
	}
	if p, err := url.Parse(c.LLMBaseURL); err != nil || (p.Scheme != "http" && p.Scheme != "https") || p.Host == "" {
		return fmt.Errorf("invalid setting SKILLKEEPR_LLM_BASE_URL (--llm-base-url) %q: want an absolute http(s) URL such as https://api.openai.com/v1", c.LLMBaseURL)
	}
	return nil
}

func isPostgresURL(s string) bool {
	return strings.HasPrefix(s, "postgres://") || strings.HasPrefix(s, "postgresql://")
}

// Engine is "postgres" or "sqlite".
func (c *Config) Engine() string {
	if isPostgresURL(c.DatabaseURL) {
		return "postgres"
	}
	return "sqlite"
}
