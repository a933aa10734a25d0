package llm

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"strings"
	"time"
)

// DefaultTimeout bounds one call to the model.
const DefaultTimeout = 60 * time.Second

// maxResponseBytes bounds what is read from the endpoint.
const maxResponseBytes = 1 << 20

// Secret is an API key; it prints as "[hidden]" in logs and %v.
type Secret string

func (Secret) String() string                 { return "[hidden]" }
func (Secret) LogValue() slog.Value           { return slog.StringValue("[hidden]") }
func (Secret) GoString() string               { return "[hidden]" }
func (s Secret) MarshalText() ([]byte, error) { return []byte("[hidden]"), nil }

// Config says where the model is.
type Config struct {
	// BaseURL is the endpoint's base, e.g. https://api.openai.com/v1 or
	// http://127.0.0.1:11434/v1; /chat/completions is appended.
	BaseURL string
	Model   string
	APIKey  Secret // may be empty for local servers
	Timeout time.Duration
	// HTTPClient is used for the calls; nil means a client without its
	// own timeout (Timeout applies per call).
	HTTPClient *http.Client
}

// Enabled reports whether a model is configured.
func (c Config) Enabled() bool { return c.BaseURL != "" && c.Model != "" }

// Validate checks the settings; the error names what is wrong in words.
func (c Config) Validate() error {
	if c.BaseURL == "" && c.Model == "" {
		return nil
	}
	if c.BaseURL == "" || c.Model == "" {
		return errors.New("the language model needs both a base URL and a model name")
	}
	u, err := url.Parse(c.BaseURL)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return fmt.Errorf("the language model base URL %q is not an absolute http(s) URL", c.BaseURL)
	}
	if c.Timeout < 0 {
		return errors.New("the language model timeout must not be negative")
	}
	return nil
}

// Client calls an OpenAI-compatible chat completions endpoint.
type Client struct {
	cfg      Config
	endpoint string
	http     *http.Client
}

// New returns a client for cfg, which must be valid and enabled.
func New(cfg Config) (*Client, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	if !cfg.Enabled() {
		return nil, errors.New("llm: no base URL or model configured")
	}
	if cfg.Timeout == 0 {
		cfg.Timeout = DefaultTimeout
	}
	hc := cfg.HTTPClient
	if hc == nil {
		hc = &http.Client{}
	}
	return &Client{cfg: cfg, endpoint: strings.TrimRight(cfg.BaseURL, "/") + "/chat/completions", http: hc}, nil
}

// Model is the configured model name.
func (c *Client) Model() string { return c.cfg.Model }

// Message is one chat message.
type Message struct {
	Role    string `json:"role"` // system or user
	Content string `json:"content"`
}

type chatRequest struct {
	Model          string            `json:"model"`
	Messages       []Message         `json:"messages"`
	Temperature    float64           `json:"temperature"`
	ResponseFormat map[string]string `json:"response_format"`
}

type chatResponse struct {
	Model   string `json:"model"`
	Choices []struct {
		Message struct {
			Content string `json:"content"`
		} `json:"message"`
		FinishReason string `json:"finish_reason"`
	} `json:"choices"`
}

// Complete sends messages and returns the content of the first choice,
// asking for a JSON object. Errors are *Error.
func (c *Client) Complete(ctx context.Context, msgs []Message) (string, error) {
	body, err := json.Marshal(chatRequest{Model: c.cfg.Model, Messages: msgs, ResponseFormat: map[string]string{"type": "json_object"}})
	if err != nil {
		return "", err
	}
	ctx, cancel := context.WithTimeout(ctx, c.cfg.Timeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, c.endpoint, bytes.NewReader(body))
	if err != nil {
		return "", &Error{Kind: KindUnreachable, Detail: err.Error()}
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Accept", "application/json")
	if c.cfg.APIKey != "" {
		req.Header.Set("Authorization", "Bearer "+string(c.cfg.APIKey))
	}
	resp, err := c.http.Do(req)
	if err != nil {
		if ctx.Err() != nil && errors.Is(ctx.Err(), context.DeadlineExceeded) {
			return "", &Error{Kind: KindTimeout, Detail: err.Error()}
		}
		return "", &Error{Kind: KindUnreachable, Detail: err.Error()}
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(io.LimitReader(resp.Body, maxResponseBytes+1))
	if err != nil {
		if ctx.Err() != nil {
			return "", &Error{Kind: KindTimeout, Detail: err.Error()}
		}
		return "", &Error{Kind: KindUnreachable, Detail: err.Error()}
	}
	switch {
	case resp.StatusCode == http.StatusUnauthorized || resp.StatusCode == http.StatusForbidden:
		return "", &Error{Kind: KindUnauthorized, Status: resp.StatusCode}
	case resp.StatusCode == http.StatusTooManyRequests:
		return "", &Error{Kind: KindBusy, Status: resp.StatusCode}
	case resp.StatusCode >= 500:
		return "", &Error{Kind: KindServer, Status: resp.StatusCode}
	case resp.StatusCode != http.StatusOK:
		return "", &Error{Kind: KindRefused, Status: resp.StatusCode, Detail: snippet(data)}
	}
	if len(data) > maxResponseBytes {
		return "", &Error{Kind: KindInvalidOutput, Detail: "answer larger than 1 MB"}
	}
	var cr chatResponse
	if err := json.Unmarshal(data, &cr); err != nil {
		return "", &Error{Kind: KindInvalidOutput, Detail: "response is not chat completion JSON: " + err.Error()}
	}
	if len(cr.Choices) == 0 {
		return "", &Error{Kind: KindInvalidOutput, Detail: "response has no choices"}
	}
	return cr.Choices[0].Message.Content, nil
}

// snippet is the start of an error body, for logs only.
func snippet(b []byte) string {
	const max = 300
	if len(b) > max {
		b = b[:max]
	}
	return strings.ToValidUTF8(string(b), "")
}
