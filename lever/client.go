package lever

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptrace"
	"net/url"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// Base URLs of the Lever Data API.
const (
	ProductionBaseURL = "https://api.lever.co/v1"
	SandboxBaseURL    = "https://api.sandbox.lever.co/v1"
)

// Default limits.
const (
	DefaultAttemptTimeout   = 30 * time.Second
	DefaultMaxDownloadBytes = 50 << 20 // Lever caps uploads at 30 MB
	maxJSONBody             = 64 << 20
	maxErrorBody            = 64 << 10
)

// Config configures a [Client]. Exactly one of APIKey and TokenSource must be set.
type Config struct {
	// BaseURL of the Data API including /v1: [ProductionBaseURL] (the default),
	// [SandboxBaseURL], or an emulator's URL.
	BaseURL string

	// APIKey authenticates with HTTP Basic (key as user name, empty password).
	APIKey string
	// TokenSource supplies OAuth bearer tokens.
	TokenSource TokenSource

	// HTTPClient sends the requests (default: an http.Client with a transport of its
	// own and no timeout; the per-attempt timeout is AttemptTimeout).
	HTTPClient *http.Client
	// Limiter paces every attempt (default: NewTokenBucket(DefaultRatePerSecond,
	// DefaultBurst), i.e. 10/s with bursts of 18). Use [Unlimited] to
	// switch pacing off.
	Limiter Limiter

	// MaxAttempts bounds the attempts per call, the first included (default 5).
	MaxAttempts int
	// BaseBackoff is the first retry delay before jitter; it doubles per attempt up to
	// MaxBackoff (defaults 1 s and 30 s).
	BaseBackoff, MaxBackoff time.Duration
	// MaxRetryAfter is the longest Retry-After the client sleeps through; a longer one
	// ends the call at once with the 429/503 error (default 1 min).
	MaxRetryAfter time.Duration
	// AttemptTimeout bounds one attempt until the whole response is read (for
	// downloads: until the response headers arrive). Default 30 s; negative disables.
	AttemptTimeout time.Duration
	// MaxDownloadBytes bounds résumé and file downloads (default 50 MiB).
	MaxDownloadBytes int64

	// UserAgent is sent with every request (default "skillkeepr-lever").
	UserAgent string

	// OnRequest, when set, is called after every attempt with the request method, the
	// path below BaseURL (no query), the HTTP status (0 for a transport error), the
	// attempt's duration and its number (1-based).
	OnRequest func(method, path string, status int, dur time.Duration, attempt int)

	// Sleep waits between attempts (default: a timer that honours ctx); Now is the clock
	// used for Retry-After dates; Jitter returns a number in [0,1). Tests inject these.
	Sleep  func(ctx context.Context, d time.Duration) error
	Now    func() time.Time
	Jitter func() float64
}

// Client is a Lever Data API client. It is safe for concurrent use.
type Client struct {
	baseURL        string
	apiKey         string
	tokens         TokenSource
	hc             *http.Client
	lim            Limiter
	maxAttempts    int
	baseBackoff    time.Duration
	maxBackoff     time.Duration
	maxRetryAfter  time.Duration
	attemptTimeout time.Duration
	maxDownload    int64
	userAgent      string
	onRequest      func(string, string, int, time.Duration, int)
	sleep          func(context.Context, time.Duration) error
	now            func() time.Time
	jitter         func() float64
}

// New returns a Client for cfg.
func New(cfg Config) (*Client, error) {
	if (cfg.APIKey == "") == (cfg.TokenSource == nil) {
		return nil, errors.New("lever: exactly one of Config.APIKey and Config.TokenSource must be set")
	}
	base := cfg.BaseURL
	if base == "" {
		base = ProductionBaseURL
	}
	u, err := url.Parse(base)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, fmt.Errorf("lever: invalid BaseURL %q", base)
	}
	c := &Client{
		baseURL:        strings.TrimRight(base, "/"),
		apiKey:         cfg.APIKey,
		tokens:         cfg.TokenSource,
		hc:             cfg.HTTPClient,
		lim:            cfg.Limiter,
		maxAttempts:    cfg.MaxAttempts,
		baseBackoff:    cfg.BaseBackoff,
		maxBackoff:     cfg.MaxBackoff,
		maxRetryAfter:  cfg.MaxRetryAfter,
		attemptTimeout: cfg.AttemptTimeout,
		maxDownload:    cfg.MaxDownloadBytes,
		userAgent:      cfg.UserAgent,
		onRequest:      cfg.OnRequest,
		sleep:          cfg.Sleep,
		now:            cfg.Now,
		jitter:         cfg.Jitter,
	}
	if c.hc == nil {
		// A transport of its own: idle connections of other users of
		// http.DefaultTransport are not ours to share or close.
		c.hc = &http.Client{
			Transport: http.DefaultTransport.(*http.Transport).Clone(),
			// Follow redirects (Lever answers 301 for merged records) only for reads: Go
			// would turn a redirected POST into a GET.
			CheckRedirect: func(req *http.Request, via []*http.Request) error {
				if m := via[0].Method; m != http.MethodGet && m != http.MethodHead {
					return http.ErrUseLastResponse
				}
				if len(via) >= 5 {
					return errors.New("lever: too many redirects")
				}
				return nil
			},
		}
	}
	if c.lim == nil {
		c.lim = NewTokenBucket(DefaultRatePerSecond, DefaultBurst)
	}
	if c.maxAttempts <= 0 {
		c.maxAttempts = DefaultMaxAttempts
	}
	if c.baseBackoff <= 0 {
		c.baseBackoff = DefaultBaseBackoff
	}
	if c.maxBackoff <= 0 {
		c.maxBackoff = DefaultMaxBackoff
	}
	c.maxBackoff = max(c.maxBackoff, c.baseBackoff)
	if c.maxRetryAfter <= 0 {
		c.maxRetryAfter = DefaultMaxRetryAfter
	}
	if c.attemptTimeout == 0 {
		c.attemptTimeout = DefaultAttemptTimeout
	}
	if c.maxDownload <= 0 {
		c.maxDownload = DefaultMaxDownloadBytes
	}
	if c.userAgent == "" {
		c.userAgent = "skillkeepr-lever"
	}
	if c.sleep == nil {
		c.sleep = sleepCtx
	}
	if c.now == nil {
		c.now = time.Now
	}
	if c.jitter == nil {
		c.jitter = defaultJitter
	}
	return c, nil
}

// BaseURL returns the Data API base URL the client talks to.
func (c *Client) BaseURL() string { return c.baseURL }

// request describes one API call.
type request struct {
	method string
	path   string // below the base URL, escaped, starting with "/"
	query  url.Values
	body   any // JSON-encoded when non-nil
	// idempotent calls are retried after ambiguous failures; others end with
	// ErrOutcomeUnknown.
	idempotent bool
	// stream returns the 2xx body unread (downloads).
	stream bool
}

// response is a successful (2xx) answer.
type response struct {
	status int
	header http.Header
	body   []byte
	stream io.ReadCloser
}

// attemptResult is what one attempt produced.
type attemptResult struct {
	status int
	header http.Header
	body   []byte
	stream io.ReadCloser
	// sent: the request may have reached Lever.
	sent bool
}

// do performs r with rate limiting, authentication, retries and error mapping.
func (c *Client) do(ctx context.Context, r *request) (*response, error) {
	var payload []byte
	if r.body != nil {
		var err error
		if payload, err = json.Marshal(r.body); err != nil {
			return nil, fmt.Errorf("lever: %s %s: encoding body: %w", r.method, r.path, err)
		}
	}
	var (
		refreshed    bool
		maybeApplied bool  // an earlier attempt may have reached Lever
		lastErr      error // for the final error when sleeping is cut short
	)
	for attempt := 1; ; attempt++ {
		if err := c.lim.Wait(ctx); err != nil {
			return nil, c.ctxErr(r, err, lastErr, maybeApplied)
		}
		authHeader, token, err := c.authorization(ctx)
		if err != nil {
			return nil, err
		}
		res, err := c.attempt(ctx, r, payload, authHeader, attempt)
		var delay time.Duration
		if err != nil {
			if ctx.Err() != nil {
				return nil, c.ctxErr(r, ctx.Err(), err, maybeApplied || res.sent)
			}
			if errors.Is(err, ErrTooLarge) {
				return nil, err
			}
			if res.sent {
				if !r.idempotent {
					return nil, &OutcomeUnknownError{Method: r.method, Path: r.path, Err: err}
				}
				maybeApplied = true
			}
			lastErr = &NetworkError{Method: r.method, Path: r.path, Err: err}
			if !isNetworkError(err) || attempt >= c.maxAttempts {
				// Not a transient failure (TLS, bad URL, …), or out of attempts.
				return nil, lastErr
			}
			delay = c.backoff(attempt)
		} else {
			if res.status >= 200 && res.status < 300 {
				return &response{status: res.status, header: res.header, body: res.body, stream: res.stream}, nil
			}
			apiErr := newAPIError(r, res.status, res.body)
			switch {
			case res.status == http.StatusUnauthorized:
				if c.tokens != nil && !refreshed {
					refreshed = true
					if _, err := c.tokens.Refresh(ctx, token); err != nil {
						return nil, fmt.Errorf("lever: %s %s: refreshing token after 401: %w", r.method, r.path, err)
					}
					attempt-- // a refresh does not use up an attempt
					continue
				}
				return nil, apiErr
			case res.status == http.StatusNotFound && r.method == http.MethodDelete && maybeApplied:
				// An earlier attempt that failed ambiguously has deleted it.
				return &response{status: http.StatusNoContent}, nil
			case res.status == http.StatusTooManyRequests || res.status == http.StatusServiceUnavailable:
				// Lever refused the request before doing anything: safe for any call.
				if ra, ok := retryAfter(res.header, c.now()); ok {
					apiErr.RetryAfter = ra
					if ra > c.maxRetryAfter {
						return nil, apiErr
					}
					delay = ra
				} else {
					delay = c.backoff(attempt)
				}
			case res.status >= 500:
				if !r.idempotent {
					return nil, &OutcomeUnknownError{Method: r.method, Path: r.path, Err: apiErr}
				}
				maybeApplied = true
				delay = c.backoff(attempt)
			default:
				return nil, apiErr
			}
			lastErr = apiErr
			if attempt >= c.maxAttempts {
				return nil, apiErr
			}
		}
		if dl, ok := ctx.Deadline(); ok && time.Until(dl) < delay {
			// No point sleeping past the caller's deadline.
			return nil, lastErr
		}
		if err := c.sleep(ctx, delay); err != nil {
			return nil, c.ctxErr(r, err, lastErr, maybeApplied)
		}
	}
}

// ctxErr reports a call ended by its context.
func (c *Client) ctxErr(r *request, err, last error, maybeApplied bool) error {
	if last != nil {
		err = fmt.Errorf("%w (after: %v)", err, last)
	}
	if maybeApplied && !r.idempotent {
		return &OutcomeUnknownError{Method: r.method, Path: r.path, Err: err}
	}
	return fmt.Errorf("lever: %s %s: %w", r.method, r.path, err)
}

func newAPIError(r *request, status int, body []byte) *APIError {
	e := &APIError{Status: status, Method: r.method, Path: r.path}
	var b struct {
		Code    string `json:"code"`
		Message string `json:"message"`
		Error   string `json:"error"`
	}
	if json.Unmarshal(body, &b) == nil {
		e.Code, e.Message = b.Code, b.Message
		if e.Message == "" {
			e.Message = b.Error
		}
	} else {
		e.Message = truncate(strings.TrimSpace(string(body)), 200)
	}
	return e
}

// attempt sends r once.
func (c *Client) attempt(ctx context.Context, r *request, payload []byte, authHeader string, attempt int) (res attemptResult, err error) {
	actx, cancel := context.WithCancelCause(ctx)
	var timer *time.Timer
	if c.attemptTimeout > 0 {
		timer = time.AfterFunc(c.attemptTimeout, func() { cancel(errAttemptTimeout) })
	}
	keep := false // the stream outlives this function
	defer func() {
		if !keep {
			if timer != nil {
				timer.Stop()
			}
			cancel(nil)
		}
	}()

	var (
		connStarted  atomic.Bool
		wroteHeaders atomic.Bool
	)
	trace := &httptrace.ClientTrace{
		GetConn:      func(string) { connStarted.Store(true) },
		WroteHeaders: func() { wroteHeaders.Store(true) },
	}
	u := c.baseURL + r.path
	if len(r.query) > 0 {
		u += "?" + r.query.Encode()
	}
	var body io.Reader
	if payload != nil {
		body = bytes.NewReader(payload)
	}
	req, err := http.NewRequestWithContext(httptrace.WithClientTrace(actx, trace), r.method, u, body)
	if err != nil {
		return res, err
	}
	req.Header.Set("Authorization", authHeader)
	req.Header.Set("User-Agent", c.userAgent)
	if r.stream {
		req.Header.Set("Accept", "*/*")
	} else {
		req.Header.Set("Accept", "application/json")
	}
	if payload != nil {
		req.Header.Set("Content-Type", "application/json")
	}

	start := time.Now()
	report := func(status int) {
		if c.onRequest != nil {
			c.onRequest(r.method, r.path, status, time.Since(start), attempt)
		}
	}
	resp, err := c.hc.Do(req)
	// The request may have reached Lever unless we know it was never written: either
	// the transport traced that headers were not written, or (for transports without
	// tracing) the error is a dial error.
	sent := func(err error) bool {
		if connStarted.Load() {
			return wroteHeaders.Load()
		}
		return !isDialError(err)
	}
	if err != nil {
		report(0)
		res.sent = sent(err)
		if context.Cause(actx) == errAttemptTimeout && ctx.Err() == nil {
			err = fmt.Errorf("%w: %w", errAttemptTimeout, err)
		}
		return res, err
	}
	res.status, res.header, res.sent = resp.StatusCode, resp.Header, true
	if r.stream && resp.StatusCode >= 200 && resp.StatusCode < 300 {
		report(resp.StatusCode)
		if timer != nil {
			timer.Stop()
		}
		if resp.ContentLength > c.maxDownload {
			resp.Body.Close()
			return res, fmt.Errorf("lever: %s %s: %w (%d bytes, limit %d)", r.method, r.path, ErrTooLarge, resp.ContentLength, c.maxDownload)
		}
		keep = true
		res.stream = &limitedBody{rc: resp.Body, left: c.maxDownload, cancel: func() { cancel(nil) }}
		return res, nil
	}
	limit := int64(maxJSONBody)
	if resp.StatusCode >= 300 {
		limit = maxErrorBody
	}
	res.body, err = io.ReadAll(io.LimitReader(resp.Body, limit))
	resp.Body.Close()
	report(resp.StatusCode)
	if err != nil && resp.StatusCode < 300 {
		// The answer was lost on the way: for a write, Lever applied it.
		if context.Cause(actx) == errAttemptTimeout && ctx.Err() == nil {
			err = fmt.Errorf("%w: %w", errAttemptTimeout, err)
		}
		return res, err
	}
	return res, nil
}

// limitedBody is a download body that fails with ErrTooLarge past its limit and
// releases the attempt's context on Close.
type limitedBody struct {
	rc     io.ReadCloser
	left   int64
	cancel func()
	once   sync.Once
}

func (b *limitedBody) Read(p []byte) (int, error) {
	if b.left <= 0 {
		// Probe for one more byte to tell "exactly at the limit" from "over".
		var one [1]byte
		n, err := b.rc.Read(one[:])
		if n > 0 {
			return 0, ErrTooLarge
		}
		return 0, err
	}
	if int64(len(p)) > b.left {
		p = p[:b.left]
	}
	n, err := b.rc.Read(p)
	b.left -= int64(n)
	return n, err
}

func (b *limitedBody) Close() error {
	err := b.rc.Close()
	b.once.Do(b.cancel)
	return err
}

// getOne GETs path and decodes the single object into v.
func (c *Client) getOne(ctx context.Context, path string, q url.Values, v any) error {
	resp, err := c.do(ctx, &request{method: http.MethodGet, path: path, query: q, idempotent: true})
	if err != nil {
		return err
	}
	if _, err := decodeOne(resp.body, v); err != nil {
		return fmt.Errorf("lever: GET %s: %w", path, err)
	}
	return nil
}

// send performs a write and decodes the single object answer into v (when v != nil).
func (c *Client) send(ctx context.Context, r *request, v any) (envelope, error) {
	resp, err := c.do(ctx, r)
	if err != nil {
		return envelope{}, err
	}
	if v == nil {
		return envelope{}, nil
	}
	env, err := decodeOne(resp.body, v)
	if err != nil {
		err = fmt.Errorf("lever: %s %s: %w", r.method, r.path, err)
		if !r.idempotent {
			// Lever applied it, but we cannot tell what it created.
			err = &OutcomeUnknownError{Method: r.method, Path: r.path, Err: err}
		}
	}
	return env, err
}

// download GETs path and returns the body as a stream.
func (c *Client) download(ctx context.Context, path string) (*Download, error) {
	resp, err := c.do(ctx, &request{method: http.MethodGet, path: path, idempotent: true, stream: true})
	if err != nil {
		return nil, err
	}
	if resp.stream == nil { // defensive: 204 and the like
		resp.stream = io.NopCloser(bytes.NewReader(resp.body))
	}
	return &Download{
		ReadCloser:    resp.stream,
		ContentType:   resp.header.Get("Content-Type"),
		ContentLength: contentLength(resp.header),
		Filename:      filenameFrom(resp.header.Get("Content-Disposition")),
	}, nil
}

// Download is a file body streamed from Lever. Close it. Reading past the client's
// MaxDownloadBytes fails with [ErrTooLarge].
type Download struct {
	io.ReadCloser
	ContentType   string // as sent by Lever, e.g. "application/pdf"
	ContentLength int64  // -1 when unknown
	Filename      string // from Content-Disposition, when present
}

// pathf builds an escaped path from a format whose %s verbs are path segments.
func pathf(format string, segs ...string) string {
	args := make([]any, len(segs))
	for i, s := range segs {
		args[i] = url.PathEscape(s)
	}
	return fmt.Sprintf(format, args...)
}

func requireIDs(ids ...string) error {
	for _, id := range ids {
		if strings.TrimSpace(id) == "" {
			return invalidf("missing id")
		}
	}
	return nil
}
