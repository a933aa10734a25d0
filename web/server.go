package web

import (
	"context"
	"embed"
	"errors"
	"io/fs"
	"log/slog"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"

	"github.com/skillkeepr/skillkeepr"
	"github.com/skillkeepr/skillkeepr/interviewmail"
	"github.com/skillkeepr/skillkeepr/password"
)

//go:embed templates static
var assets embed.FS

// Config is what the web server needs; cmd/skillkeepr fills it in.
type Config struct {
	Services skillkeepr.Services
	// API is the JSON API handler, served under /api/v1/; may be nil.
	API http.Handler
	// BaseURL is the address people use, e.g. http://127.0.0.1:8080.
	// Cookies are marked Secure when it is https.
	BaseURL string
	Logger  *slog.Logger
	Now     func() time.Time
	// QueueDepth reports the number of background jobs per state; it is
	// exported as a gauge. May be nil.
	QueueDepth func(ctx context.Context) (map[string]int, error)
	// Registry receives the HTTP metrics; nil means a new registry with
	// the Go and process collectors.
	Registry *prometheus.Registry
	// HashPassword hashes new passwords; nil means password.Hash.
	HashPassword func(string) (string, error)
	// DevMailbox shows the built-in mailbox page (no SMTP configured).
	DevMailbox bool
	// Lever connects the organisation to Lever (Integrations page); nil
	// means this server has no Lever integration.
	Lever skillkeepr.LeverIntegration
	// LeverJobs imports Lever postings as jobs (Jobs → Lever Jobs); nil
	// means no Lever Jobs button.
	LeverJobs skillkeepr.LeverJobs
	// LeverWrites keeps the organisation's settings of the writes to Lever
	// (stage tags) and LeverUsers lists the Lever account's users for the
	// fallback Lever user; both nil means no "Lever updates" settings.
	LeverWrites skillkeepr.LeverWriteSettingsService
	LeverUsers  LeverUserLister
	// LeverImports imports a Lever job's candidates (Import Candidates on
	// the job page); nil means no such button.
	LeverImports skillkeepr.LeverCandidateImports
	// LeverWebhooks receives Lever's webhook deliveries at
	// POST /hooks/lever/{token}; nil means no such endpoint.
	LeverWebhooks skillkeepr.LeverWebhookReceiver
	// LeverUpdates registers the organisation for Lever's webhooks
	// ("Register for Lever updates" on the Integrations card); nil means
	// no such button.
	LeverUpdates skillkeepr.LeverUpdatesRegistrar
	// LeverPushes pushes recommended candidates to Lever (the Push button
	// and the Change Job Stage dialog); nil means no Push button.
	LeverPushes skillkeepr.LeverPushes
	// InvitationEmail builds the invitation email for an organisation;
	// nil means a simple built-in text email.
	InvitationEmail func(orgName string) skillkeepr.InvitationEmail

	// Scheduling (issue #6). Links signs and checks the candidates'
	// self-scheduling and reschedule links; CandidateScheduling serves the
	// public candidate pages. Both nil: no self-scheduling.
	Links               *interviewmail.Links
	CandidateScheduling skillkeepr.CandidateScheduling
	// MatchScores, when set, shows the shortlisting match score on the
	// Interview Shortlist screen (issue #7; filled from issue #5's scores).
	MatchScores MatchScores
}

// Server serves the web UI, the API mount, health checks and metrics.
type Server struct {
	cfg       Config
	svc       skillkeepr.Services
	log       *slog.Logger
	now       func() time.Time
	secure    bool
	baseURL   *url.URL
	pages     map[string]*pageTemplate
	staticFS  fs.FS
	metrics   *metrics
	dummyHash string
	handler   http.Handler
	public    publicLimiter // the candidates' public pages, per address
}

// New checks cfg and builds a Server.
func New(cfg Config) (*Server, error) {
	if cfg.Services.Sessions == nil || cfg.Services.Users == nil || cfg.Services.Health == nil {
		return nil, errors.New("web: Config.Services is incomplete")
	}
	if cfg.BaseURL == "" {
		cfg.BaseURL = "http://127.0.0.1:8080"
	}
	u, err := url.Parse(cfg.BaseURL)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, errors.New("web: Config.BaseURL must be an http:// or https:// address")
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.New(slog.DiscardHandler)
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	if cfg.HashPassword == nil {
		cfg.HashPassword = password.Hash
	}
	if cfg.InvitationEmail == nil {
		cfg.InvitationEmail = defaultInvitationEmail(strings.TrimRight(cfg.BaseURL, "/"))
	}
	if cfg.Registry == nil {
		cfg.Registry = prometheus.NewRegistry()
		cfg.Registry.MustRegister(collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	}
	s := &Server{
		cfg:     cfg,
		svc:     cfg.Services,
		log:     slog.New(&ctxLogHandler{cfg.Logger.Handler()}),
		now:     cfg.Now,
		secure:  u.Scheme == "https",
		baseURL: u,
	}
	if s.pages, err = parseTemplates(); err != nil {
		return nil, err
	}
	if s.staticFS, err = fs.Sub(assets, "static"); err != nil {
		return nil, err
	}
	if s.metrics, err = newMetrics(cfg.Registry, cfg.QueueDepth); err != nil {
		return nil, err
	}
	// A hash to verify against when the email is unknown, so that both
	// failures take about as long.
	if s.dummyHash, err = cfg.HashPassword("skillkeepr-not-a-password"); err != nil {
		return nil, err
	}
	s.handler = s.middleware(s.routes())
	return s, nil
}

// Handler returns the whole HTTP handler: middleware, pages, API, probes.
func (s *Server) Handler() http.Handler { return s.handler }

func defaultInvitationEmail(base string) func(string) skillkeepr.InvitationEmail {
	return func(orgName string) skillkeepr.InvitationEmail {
		return func(inv *skillkeepr.Invitation, token string) skillkeepr.EmailMessage {
			link := base + "/invitations/" + token
			name := inv.OrgName
			if name == "" {
				name = orgName
			}
			text := "Hello,\n\n" + inv.InvitedByName + " invited you to join " + name + " on SkillKeepr as " +
				inv.Role.Label() + ".\n\nOpen this link to choose your password and sign in:\n" + link +
				"\n\nThe link works once and expires in 7 days.\n"
			return skillkeepr.EmailMessage{
				OrgID:   inv.OrgID,
				To:      []string{inv.Email},
				Subject: "You are invited to join " + name + " on SkillKeepr",
				Text:    text,
				Kind:    "invitation",
			}
		}
	}
}
