package leversandbox

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math/rand/v2"
	"net/http"
	"os"
	"sync"
	"sync/atomic"
	"time"
)

// Sandbox is one emulated Lever account with its API, OAuth server, webhooks and UI.
// All methods are safe for concurrent use.
type Sandbox struct {
	cfg Config
	now func() time.Time

	mu sync.RWMutex // guards everything below

	ids *rand.Rand // deterministic ids for runtime-created objects

	users      []*User // ordered by createdAt descending, as GET /users lists them
	usersByID  map[string]*User
	stages     []Stage
	stageRank  map[string]float64
	stageIndex map[string]int
	reasons    []ArchiveReason
	postings   []*Posting
	postingsBy map[string]*Posting

	opps         map[string]*oppRecord
	oppOrder     []*oppRecord // stage rank asc, lastAdvancedAt desc, id asc
	orderDirt    bool
	tagCount     map[string]int
	srcCount     map[string]int
	notes        map[string][]*Note     // opportunity id -> notes, oldest first
	feedback     map[string][]*Feedback // opportunity id -> forms, oldest first
	panels       map[string][]*Panel    // opportunity id -> panels, oldest first
	templates    []*FeedbackTemplate
	apiTemplates map[string]bool // templates created through the API (only those may be deleted)
	deleted      []deletedOpp
	quirks       []Quirk

	webhooks []*Webhook

	oauth oauthState
	ui    uiState

	limiter *rateLimiter
	faults  faultSet

	hooks      *webhookDispatcher
	handler    http.Handler
	closeOnce  sync.Once
	closing    chan struct{} // closed by Close; hanging fault handlers give up then
	resumeMemo *resumeCache
	base       atomic.Pointer[string] // public URL, changed by SetBaseURL
}

type deletedOpp struct {
	ID        string `json:"id"`
	DeletedAt int64  `json:"deletedAt"`
	DeletedBy string `json:"deletedBy"`
}

// oppRecord is an opportunity plus what the sandbox needs beside the wire shape.
type oppRecord struct {
	Opportunity
	PostingID string  `json:"postingId"`
	Rank      float64 `json:"-"`
	Resume    resumeSpec
	CoverFile *File `json:"coverFile,omitempty"`

	// wire caches the encoded JSON; every write clears it (see changed).
	// Listing pages is mostly encoding, so this doubles list throughput.
	wire *atomic.Pointer[[]byte]
}

// changed drops the cached encoding after a write. Caller holds s.mu.
func (o *oppRecord) changed() { o.wire.Store(nil) }

// encoded returns the opportunity's JSON, encoding it at most once per version.
// Safe under s.mu held for reading: the cache is atomic.
func (o *oppRecord) encoded() json.RawMessage {
	if b := o.wire.Load(); b != nil {
		return *b
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false) // Lever sends "&" and "<" as they are
	_ = enc.Encode(&o.Opportunity)
	b := bytes.TrimSuffix(buf.Bytes(), []byte("\n"))
	o.wire.Store(&b)
	return b
}

// New builds a sandbox: it generates the seed data (or loads cfg.StateFile)
// and starts the webhook dispatcher. Call Close to stop it.
func New(cfg Config) (*Sandbox, error) {
	c := cfg.withDefaults()
	if c.Postings > 100000 || c.CandidatesPerPosting > 1000000 {
		return nil, errors.New("leversandbox: too many postings or candidates")
	}
	s := &Sandbox{
		cfg:        c,
		now:        c.Now,
		closing:    make(chan struct{}),
		resumeMemo: newResumeCache(64),
	}
	s.base.Store(&c.BaseURL)
	s.limiter = newRateLimiter(*c.RateLimit, 10*c.RateScale, 20*c.RateScale, s.now)
	s.faults.rng = rand.New(rand.NewPCG(uint64(c.Seed), 0xfa17))
	s.oauth.init()
	s.apiTemplates = map[string]bool{}
	s.ui.init()
	loaded := false
	if c.StateFile != "" {
		ok, err := s.loadState(c.StateFile)
		if err != nil {
			return nil, fmt.Errorf("leversandbox: load %s: %w", c.StateFile, err)
		}
		loaded = ok
	}
	if !loaded {
		s.generate()
	}
	s.rewriteURLs() // a state file may come from another address
	if err := s.registerStaticWebhooks(); err != nil {
		return nil, err
	}
	s.hooks = newWebhookDispatcher(s)
	s.handler = s.routes()
	return s, nil
}

// Handler serves /authorize, /oauth/token, /v1/..., the mini UI and /_sandbox/admin/....
func (s *Sandbox) Handler() http.Handler { return s.handler }

// Config returns the effective configuration (defaults filled in).
func (s *Sandbox) Config() Config {
	c := s.cfg
	c.BaseURL = s.baseURL()
	return c
}

// SetBaseURL changes the public URL used in links (urls.show, downloadUrl)
// and redirects. NewTestServer learns its address only after New.
func (s *Sandbox) SetBaseURL(u string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for len(u) > 0 && u[len(u)-1] == '/' {
		u = u[:len(u)-1]
	}
	s.base.Store(&u)
	s.rewriteURLs()
}

// rewriteURLs points every opportunity's links at the sandbox's own UI, the
// way real ones point at hire.lever.co. Caller holds s.mu (or is New).
func (s *Sandbox) rewriteURLs() {
	for _, o := range s.opps {
		if want := s.oppURLs(o.ID); o.URLs != want {
			o.URLs = want
			o.changed()
		}
	}
}

func (s *Sandbox) oppURLs(id string) OpportunityURLs {
	b := s.baseURL()
	return OpportunityURLs{List: b + "/candidates", Show: b + "/candidates/" + id}
}

func (s *Sandbox) baseURL() string { return *s.base.Load() }

// Close stops webhook deliveries, releases hanging fault handlers and saves
// the state when Config.StateFile is set.
func (s *Sandbox) Close() error {
	var err error
	s.closeOnce.Do(func() {
		close(s.closing)
		s.hooks.stop()
		if s.cfg.StateFile != "" {
			err = s.saveState(s.cfg.StateFile)
		}
	})
	return err
}

func (s *Sandbox) nowMS() int64 { return s.now().UnixMilli() }

// newID returns a random-looking but deterministic lowercase UUID. Callers hold s.mu.
func (s *Sandbox) newID() string { return uuidFrom(s.ids) }

func uuidFrom(r *rand.Rand) string {
	a, b := r.Uint64(), r.Uint64()
	a = (a &^ (0xf << 12)) | (4 << 12) // version 4
	b = (b &^ (0x3 << 62)) | (0x2 << 62)
	return fmt.Sprintf("%08x-%04x-%04x-%04x-%012x", a>>32, (a>>16)&0xffff, a&0xffff, b>>48, b&0xffffffffffff)
}

// sleepCtx waits d or until the request or the sandbox ends.
func (s *Sandbox) sleepCtx(ctx context.Context, d time.Duration) bool {
	if d <= 0 {
		return true
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return true
	case <-ctx.Done():
		return false
	case <-s.closing:
		return false
	}
}

func fileExists(p string) bool {
	_, err := os.Stat(p)
	return err == nil
}
