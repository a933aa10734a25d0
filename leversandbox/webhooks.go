package leversandbox

import (
	"bytes"
	"context"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"sync"
	"time"
)

// Webhook events the sandbox delivers.
var webhookEvents = map[string]bool{"applicationCreated": true, "candidateStageChange": true,
	"candidateArchiveChange": true, "candidateDeleted": true, "candidateHired": true}

// Events that take origin conditions; the others ignore them.
var conditionalEvents = map[string]bool{"applicationCreated": true, "candidateArchiveChange": true,
	"candidateHired": true, "candidateStageChange": true}

var allOrigins = []string{"agency", "applied", "internal", "referred", "sourced", "university"}

const (
	maxWebhookRetries = 5 // Lever retries a failed delivery up to five times
	maxDeliveryLog    = 1000
)

// Delivery is one attempt to deliver one event, as the delivery log shows it.
type Delivery struct {
	EventID   string    `json:"eventId"`
	WebhookID string    `json:"webhookId"`
	Event     string    `json:"event"`
	URL       string    `json:"url"`
	Attempt   int       `json:"attempt"` // 1 = first try
	Status    int       `json:"status"`  // 0 when no HTTP answer
	Error     string    `json:"error,omitempty"`
	OK        bool      `json:"ok"`
	At        time.Time `json:"at"`
	Payload   string    `json:"payload"`
}

// WebhookPayload is the JSON body Lever POSTs to the receiver.
type WebhookPayload struct {
	ID          string         `json:"id"`
	Event       string         `json:"event"`
	TriggeredAt int64          `json:"triggeredAt"`
	Token       string         `json:"token"`
	Signature   string         `json:"signature"`
	Data        map[string]any `json:"data"`
}

// SignWebhook computes Lever's documented signature:
// hex(HMAC-SHA256(key = signatureToken, message = token + decimal(triggeredAt))).
func SignWebhook(signatureToken, token string, triggeredAt int64) string {
	m := hmac.New(sha256.New, []byte(signatureToken))
	m.Write([]byte(token + strconv.FormatInt(triggeredAt, 10)))
	return hex.EncodeToString(m.Sum(nil))
}

type webhookJob struct {
	hook    Webhook
	payload []byte
	eventID string
}

type webhookDispatcher struct {
	s      *Sandbox
	ctx    context.Context
	cancel context.CancelFunc
	wg     sync.WaitGroup
	client *http.Client

	mu       sync.Mutex
	log      []Delivery
	inflight int // events still being delivered or waiting for a retry
}

func newWebhookDispatcher(s *Sandbox) *webhookDispatcher {
	ctx, cancel := context.WithCancel(context.Background())
	return &webhookDispatcher{s: s, ctx: ctx, cancel: cancel,
		client: &http.Client{Timeout: s.cfg.WebhookTimeout,
			CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}}
}

func (d *webhookDispatcher) stop() {
	d.cancel()
	d.wg.Wait()
}

// send delivers one event in the background with retries; 3xx counts as failure.
func (d *webhookDispatcher) send(job webhookJob) {
	if d.ctx.Err() != nil {
		return // closed
	}
	d.mu.Lock()
	d.inflight++
	d.mu.Unlock()
	d.wg.Add(1)
	go func() {
		defer d.wg.Done()
		defer func() {
			d.mu.Lock()
			d.inflight--
			d.mu.Unlock()
		}()
		backoff := d.s.cfg.WebhookRetryBase
		for attempt := 1; attempt <= 1+maxWebhookRetries; attempt++ {
			if d.attempt(job, attempt) {
				return
			}
			if attempt > maxWebhookRetries {
				return
			}
			select {
			case <-time.After(backoff):
			case <-d.ctx.Done():
				return
			}
			backoff *= 2
		}
	}()
}

func (d *webhookDispatcher) attempt(job webhookJob, n int) bool {
	rec := Delivery{EventID: job.eventID, WebhookID: job.hook.ID, Event: job.hook.Event, URL: job.hook.URL,
		Attempt: n, At: d.s.now(), Payload: string(job.payload)}
	req, err := http.NewRequestWithContext(d.ctx, http.MethodPost, job.hook.URL, bytes.NewReader(job.payload))
	if err == nil {
		req.Header.Set("User-Agent", "Lever-Webhooks")
		req.Header.Set("Content-Type", "application/json")
		var resp *http.Response
		resp, err = d.client.Do(req)
		if err == nil {
			resp.Body.Close()
			rec.Status = resp.StatusCode
			rec.OK = resp.StatusCode >= 200 && resp.StatusCode < 300
		}
	}
	if err != nil {
		rec.Error = err.Error()
	}
	d.mu.Lock()
	d.log = append(d.log, rec)
	if len(d.log) > maxDeliveryLog {
		d.log = d.log[len(d.log)-maxDeliveryLog:]
	}
	d.mu.Unlock()
	return rec.OK
}

// DeliveryLog returns every delivery attempt, oldest first (at most 1,000).
func (s *Sandbox) DeliveryLog() []Delivery {
	s.hooks.mu.Lock()
	defer s.hooks.mu.Unlock()
	return append([]Delivery{}, s.hooks.log...)
}

// WaitForDeliveries blocks until no delivery is in flight (or ctx ends).
// Tests use it instead of sleeping.
func (s *Sandbox) WaitForDeliveries(ctx context.Context) error {
	for {
		s.hooks.mu.Lock()
		n := s.hooks.inflight
		s.hooks.mu.Unlock()
		if n == 0 {
			return nil
		}
		select {
		case <-time.After(2 * time.Millisecond):
		case <-ctx.Done():
			return ctx.Err()
		}
	}
}

// emit sends event to every matching webhook. Callers must not hold s.mu.
func (s *Sandbox) emit(event, origin string, data map[string]any) {
	s.mu.RLock()
	var hooks []Webhook
	for _, h := range s.webhooks {
		if h.Event != event {
			continue
		}
		if conditionalEvents[event] && origin != "" && !containsStr(h.Configuration.Conditions.Origins, origin) {
			continue
		}
		hooks = append(hooks, *h)
	}
	s.mu.RUnlock()
	for _, h := range hooks {
		tok := make([]byte, 24)
		_, _ = rand.Read(tok)
		p := WebhookPayload{ID: newRandomUUID(), Event: event, TriggeredAt: s.nowMS(), Token: hex.EncodeToString(tok), Data: data}
		p.Signature = SignWebhook(h.Configuration.SignatureToken, p.Token, p.TriggeredAt)
		b, _ := json.Marshal(p)
		s.hooks.send(webhookJob{hook: h, payload: b, eventID: p.ID})
	}
}

func newRandomUUID() string {
	var b [16]byte
	_, _ = rand.Read(b[:])
	b[6] = (b[6] & 0x0f) | 0x40
	b[8] = (b[8] & 0x3f) | 0x80
	return fmt.Sprintf("%x-%x-%x-%x-%x", b[0:4], b[4:6], b[6:8], b[8:10], b[10:])
}

// webhookURLAllowed: Lever requires HTTPS; the sandbox also allows plain HTTP to loopback.
func webhookURLAllowed(raw string) bool {
	u, err := url.Parse(raw)
	if err != nil || u.Host == "" {
		return false
	}
	if u.Scheme == "https" {
		return true
	}
	if u.Scheme != "http" {
		return false
	}
	h := u.Hostname()
	ip := net.ParseIP(h)
	return h == "localhost" || (ip != nil && ip.IsLoopback())
}

func newSignatureToken() string {
	b := make([]byte, 24) // 48 hex characters, as recorded
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}

// addWebhook validates and stores a webhook. Caller holds s.mu.
func (s *Sandbox) addWebhook(event, rawURL, token string, origins []string) (*Webhook, error) {
	if !webhookEvents[event] {
		return nil, fmt.Errorf("unknown or unsupported event %q", event)
	}
	if !webhookURLAllowed(rawURL) {
		return nil, fmt.Errorf("url must be https (plain http only to loopback): %q", rawURL)
	}
	for _, o := range origins {
		if !containsStr(allOrigins, o) {
			return nil, fmt.Errorf("unknown origin %q", o)
		}
	}
	if len(origins) == 0 {
		origins = append([]string{}, allOrigins...)
	}
	if token == "" {
		token = newSignatureToken()
	}
	now := s.nowMS()
	h := &Webhook{ID: s.newID(), Event: event, URL: rawURL, CreatedAt: now, UpdatedAt: now,
		Configuration: WebhookConfiguration{Conditions: WebhookConditions{Origins: origins}, SignatureToken: token}}
	s.webhooks = append(s.webhooks, h)
	return h, nil
}

func (s *Sandbox) registerStaticWebhooks() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, wc := range s.cfg.Webhooks {
		if _, err := s.addWebhook(wc.Event, wc.URL, wc.SignatureToken, nil); err != nil {
			return fmt.Errorf("leversandbox: webhook %s: %w", wc.URL, err)
		}
	}
	return nil
}

// AddWebhook registers a webhook from Go and returns it with its signature token.
func (s *Sandbox) AddWebhook(event, url string) (Webhook, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	h, err := s.addWebhook(event, url, "", nil)
	if err != nil {
		return Webhook{}, err
	}
	return *h, nil
}

// Webhooks lists the registered webhooks with their signature tokens.
func (s *Sandbox) Webhooks() []Webhook {
	s.mu.RLock()
	defer s.mu.RUnlock()
	out := make([]Webhook, 0, len(s.webhooks))
	for _, h := range s.webhooks {
		out = append(out, *h)
	}
	return out
}

// publicWebhook hides the signing token, as GET /webhooks does.
func publicWebhook(h *Webhook) Webhook {
	c := *h
	c.Configuration.SignatureToken = ""
	return c
}

func (s *Sandbox) listWebhooks(w http.ResponseWriter, r *http.Request, p *principal) {
	s.mu.RLock()
	out := []Webhook{}
	for _, h := range s.webhooks {
		out = append(out, publicWebhook(h))
	}
	s.mu.RUnlock()
	writeJSON(w, http.StatusOK, dataResponse{Data: out}) // no hasNext, as recorded
}

func (s *Sandbox) createWebhook(w http.ResponseWriter, r *http.Request, p *principal) {
	var body struct {
		URL           string `json:"url"`
		Event         string `json:"event"`
		Configuration struct {
			Conditions struct {
				Origins []string `json:"origins"`
			} `json:"conditions"`
		} `json:"configuration"`
	}
	if err := readJSON(r, &body); err != nil {
		badRequest(w, err.Error())
		return
	}
	if body.URL == "" || body.Event == "" {
		badRequest(w, "url and event are required")
		return
	}
	s.mu.Lock()
	h, err := s.addWebhook(body.Event, body.URL, "", body.Configuration.Conditions.Origins)
	var out Webhook
	if h != nil {
		out = *h
	}
	s.mu.Unlock()
	if err != nil {
		badRequest(w, err.Error())
		return
	}
	writeJSON(w, http.StatusCreated, dataResponse{Data: out})
}

func (s *Sandbox) updateWebhooks(w http.ResponseWriter, r *http.Request, p *principal) {
	var body struct {
		Data []struct {
			ID            string `json:"id"`
			URL           string `json:"url"`
			Configuration *struct {
				Conditions struct {
					Origins []string `json:"origins"`
				} `json:"conditions"`
			} `json:"configuration"`
		} `json:"data"`
	}
	if err := readJSON(r, &body); err != nil {
		badRequest(w, err.Error())
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	// Validate everything first so a bad entry changes nothing.
	byID := map[string]*Webhook{}
	for _, h := range s.webhooks {
		byID[h.ID] = h
	}
	for _, u := range body.Data {
		if byID[u.ID] == nil {
			notFound(w, "webhooks", u.ID)
			return
		}
		if u.URL != "" && !webhookURLAllowed(u.URL) {
			badRequest(w, "invalid url "+u.URL)
			return
		}
	}
	out := []Webhook{}
	now := s.nowMS()
	for _, u := range body.Data {
		h := byID[u.ID]
		if u.URL != "" {
			h.URL = u.URL
		}
		if u.Configuration != nil && len(u.Configuration.Conditions.Origins) > 0 {
			h.Configuration.Conditions.Origins = u.Configuration.Conditions.Origins
		}
		h.UpdatedAt = now
		out = append(out, publicWebhook(h))
	}
	writeJSON(w, http.StatusOK, dataResponse{Data: out})
}

func (s *Sandbox) deleteWebhook(w http.ResponseWriter, r *http.Request, p *principal) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for i, h := range s.webhooks {
		if h.ID == r.PathValue("id") {
			s.webhooks = append(s.webhooks[:i:i], s.webhooks[i+1:]...)
			noContent(w)
			return
		}
	}
	notFound(w, "webhooks", r.PathValue("id"))
}
