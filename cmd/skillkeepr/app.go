package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"time"

	"github.com/skillkeepr/skillkeepr"
	"github.com/skillkeepr/skillkeepr/api"
	"github.com/skillkeepr/skillkeepr/blob"
	"github.com/skillkeepr/skillkeepr/interviewmail"
	"github.com/skillkeepr/skillkeepr/leversync"
	"github.com/skillkeepr/skillkeepr/llm"
	"github.com/skillkeepr/skillkeepr/mail"
	"github.com/skillkeepr/skillkeepr/password"
	"github.com/skillkeepr/skillkeepr/queue"
	"github.com/skillkeepr/skillkeepr/secret"
	"github.com/skillkeepr/skillkeepr/shortlist"
	"github.com/skillkeepr/skillkeepr/sqlstore"
	"github.com/skillkeepr/skillkeepr/web"
)

// Main holds the running parts of one process and wires them: the store,
// the queue on the same database, the mailer and the HTTP server.
type Main struct {
	Config *Config
	Logger *slog.Logger
	Store  *sqlstore.Store
	Queue  *queue.Queue
	Mailer skillkeepr.Mailer
	Lever  *leversync.Connector
	// StageSync writes stage tags and stage moves to Lever (the
	// lever_stage_sync jobs) and lists Lever users for Settings.
	StageSync *leversync.StageSync
	// Updates follows Lever's changes: webhook deliveries and the
	// periodic poll.
	Updates *leversync.Updates
	// Assist makes language-model suggestions; nil when no model is
	// configured (the assist is off).
	Assist *llm.Assistant
	// Links signs the candidates' scheduling links (issue #6).
	Links *interviewmail.Links
	// Pushes pushes recommended candidates to Lever (the Push button, the
	// API and the lever_push jobs), with the rating summary of the
	// application's submitted rating cards.
	Pushes *leversync.Pushes
}

func newLogger(c *Config, w io.Writer) *slog.Logger {
	var level slog.Level
	_ = level.UnmarshalText([]byte(c.LogLevel))
	opts := &slog.HandlerOptions{Level: level}
	if c.LogFormat == "json" {
		return slog.New(slog.NewJSONHandler(w, opts))
	}
	return slog.New(slog.NewTextHandler(w, opts))
}

// Open connects to the database, applies migrations (ours and River's) and
// builds the queue. workers < 0 builds an insert-only queue.
func (m *Main) Open(ctx context.Context, workers int) error {
	c := m.Config
	if err := os.MkdirAll(c.DataDir, 0o700); err != nil {
		return fmt.Errorf("cannot create the data directory %s: %w", c.DataDir, err)
	}
	blobs, err := blob.NewDir(filepath.Join(c.DataDir, "files"))
	if err != nil {
		return err
	}
	store, err := sqlstore.Open(ctx, sqlstore.Config{URL: c.DatabaseURL, Blobs: blobs, Logger: m.Logger})
	if err != nil {
		return fmt.Errorf("cannot open the database (SKILLKEEPR_DATABASE_URL): %w", err)
	}
	m.Store = store
	store.SetCriteriaDeriver(shortlist.DeriveCriteria)
	if err := store.Migrate(ctx); err != nil {
		return fmt.Errorf("database migration failed: %w", err)
	}
	if err := queue.Migrate(ctx, store.Engine(), store.DB()); err != nil {
		return fmt.Errorf("queue migration failed: %w", err)
	}
	key := c.secretKey
	if key == nil {
		path := filepath.Join(c.DataDir, "secret.key")
		if key, err = secret.LoadOrCreateKeyFile(path); err != nil {
			return fmt.Errorf("cannot read or create the encryption key (set SKILLKEEPR_SECRET_KEY or fix %s): %w", path, err)
		}
		if store.Engine() == "postgres" {
			m.Logger.Warn("SKILLKEEPR_SECRET_KEY is not set: using the key file in the data directory; every process sharing this database needs the same key", "file", path)
		}
	}
	box, err := secret.New(key)
	if err != nil {
		return fmt.Errorf("invalid setting SKILLKEEPR_SECRET_KEY: %w", err)
	}
	store.SetCipher(box)
	m.Links = interviewmail.NewLinks(c.BaseURL, key)
	m.Links.From = c.SMTPFrom
	store.SetInterviewReminders(c.reminders)
	m.Lever, err = leversync.New(leversync.Config{Store: store, ClientID: c.LeverClientID, ClientSecret: c.LeverClientSecret,
		AuthURL: c.LeverAuthURL, APIURL: c.LeverAPIURL, Audience: c.LeverAudience, RedirectURL: c.BaseURL + leversync.CallbackPath,
		Logger: m.Logger.With(slog.String("component", "leversync"))})
	if err != nil {
		return err
	}
	if c.SMTPHost != "" {
		smtp := mail.SMTPConfig{Host: c.SMTPHost, Port: c.SMTPPort, Username: c.SMTPUsername,
			Password: c.SMTPPassword, From: c.SMTPFrom, Security: c.SMTPSecurity}
		if err := smtp.Validate(); err != nil {
			return err
		}
		m.Mailer = mail.NewSMTP(smtp)
	} else {
		m.Mailer = store.Mailer()
	}
	m.StageSync = leversync.NewStageSync(m.Lever, store)
	if c.LLMBaseURL != "" && c.LLMModel != "" {
		client, err := llm.New(llm.Config{BaseURL: c.LLMBaseURL, Model: c.LLMModel, APIKey: llm.Secret(c.LLMAPIKey), Timeout: c.llmTimeout})
		if err != nil {
			return fmt.Errorf("invalid language model settings: %w", err)
		}
		m.Assist = &llm.Assistant{Client: client, Work: store.Assist(c.LLMModel), Logger: m.Logger.With(slog.String("component", "llm"))}
	}
	var assist queue.AssistRunner // a nil *llm.Assistant must stay a nil interface
	if m.Assist != nil {
		assist = m.Assist
	}
	m.Updates = leversync.NewUpdates(m.Lever, store, c.BaseURL, m.Logger)
	m.Pushes = leversync.NewPushes(m.Lever, store, m.StageSync, store.PushRatings())
	q, err := queue.New(queue.Config{Engine: store.Engine(), DB: store.DB(), Mailer: m.Mailer, Logger: m.Logger, Workers: workers,
		LeverHealth: m.Lever, LeverStageSync: m.StageSync, LeverImporter: leversync.NewCandidates(m.Lever, store),
		LeverUpdates: m.Updates,
		Assist:       assist,
		// Shortlisting: résumé text and scores in the background.
		Scorer: shortlist.NewScorer(store, nil, m.Logger.With(slog.String("component", "shortlist"))),
		// Scheduling (issue #6).
		InterviewNotifier: &interviewmail.Notifier{Store: store, Links: m.Links, From: c.SMTPFrom},
		EmailLog:          store,
		// Rating cards (issue #7).
		RatingCards: store,
		// Push to Lever.
		LeverPush: m.Pushes,
	})
	if err != nil {
		return err
	}
	m.Queue = q
	store.SetEnqueuer(q)
	// Collaboration: notification emails link to this server.
	store.SetNotificationEmail(mail.NotificationEmail(c.BaseURL))
	// Rating cards (issue #7).
	store.SetRatingCardEmail(mail.RatingCardEmail(c.BaseURL))
	store.SetRatingCardReminder(c.RatingCardReminder)
	return nil
}

// Close releases the database.
func (m *Main) Close() error {
	if m.Store != nil {
		return m.Store.Close()
	}
	return nil
}

// Handler builds the web UI with the JSON API mounted under /api/v1.
func (m *Main) Handler() (http.Handler, error) {
	services := m.Store.Services()
	if m.Assist != nil {
		services.Assist = m.Store.Assist(m.Config.LLMModel)
	}
	invitationEmail := func(orgName string) skillkeepr.InvitationEmail {
		return mail.InvitationEmail(m.Config.BaseURL, orgName)
	}
	leverJobs := leversync.NewJobs(m.Lever, m.Store)
	a := api.New(api.Config{Services: services, Logger: m.Logger, HashPassword: password.Hash, InvitationEmail: invitationEmail,
		LeverJobs: leverJobs, LeverImports: m.Store,
		LeverPushes: m.Pushes, Lever: m.Lever, LeverWrites: m.Store, LeverUpdates: m.Updates})
	w, err := web.New(web.Config{
		Services:        services,
		API:             a,
		BaseURL:         m.Config.BaseURL,
		Logger:          m.Logger,
		QueueDepth:      m.Queue.Depth,
		HashPassword:    password.Hash,
		InvitationEmail: invitationEmail,
		DevMailbox:      m.Config.SMTPHost == "",
		Lever:           m.Lever,
		LeverJobs:       leverJobs,
		LeverWrites:     m.Store,
		LeverUsers:      m.StageSync,
		LeverImports:    m.Store,
		LeverWebhooks:   m.Store,
		LeverUpdates:    m.Updates,
		// Scheduling (issue #6).
		Links:               m.Links,
		CandidateScheduling: m.Store,
		// The Interview Shortlist screen shows the stored match scores.
		MatchScores: m.Store.MatchScores,
		LeverPushes: m.Pushes,
	})
	if err != nil {
		return nil, err
	}
	return w.Handler(), nil
}

// Serve listens on ln and runs the web server and the workers until ctx
// ends, then shuts both down gracefully: in-flight requests finish, running
// jobs get the shutdown timeout and are otherwise retried by another process.
func (m *Main) Serve(ctx context.Context, ln net.Listener) error {
	h, err := m.Handler()
	if err != nil {
		return err
	}
	srv := &http.Server{
		Handler:           h,
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       2 * time.Minute,
		WriteTimeout:      5 * time.Minute,
		IdleTimeout:       2 * time.Minute,
		ErrorLog:          slog.NewLogLogger(m.Logger.Handler(), slog.LevelWarn),
	}
	if err := m.Queue.Start(ctx); err != nil {
		return fmt.Errorf("cannot start background workers: %w", err)
	}
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err = <-errc:
	case <-ctx.Done():
	}
	m.Logger.Info("shutting down")
	shutdownCtx, cancel := context.WithTimeout(context.Background(), m.Config.ShutdownTimeout)
	defer cancel()
	if serr := srv.Shutdown(shutdownCtx); serr != nil && err == nil {
		err = serr
	}
	if qerr := m.Queue.Stop(shutdownCtx); qerr != nil && err == nil {
		err = qerr
	}
	if errors.Is(err, http.ErrServerClosed) {
		err = nil
	}
	return err
}
