package lever

import (
	"errors"
	"fmt"
	"net/http"
	"time"
)

// Sentinel errors. Every error the client returns for a failed call matches at most one
// of the status sentinels below with errors.Is; [ErrOutcomeUnknown] may come on top.
var (
	// ErrNotFound: Lever answered 404 (unknown object or route).
	ErrNotFound = errors.New("lever: not found")
	// ErrRevoked: the credential no longer works — a 401 that persisted after one token
	// refresh, a 401 with an API key, or invalid_grant from the token endpoint. The
	// connection must be re-authorised; work should pause, not fail.
	ErrRevoked = errors.New("lever: access revoked")
	// ErrForbidden: Lever answered 403 (key permissions, missing scope, confidential data).
	ErrForbidden = errors.New("lever: forbidden")
	// ErrRateLimited: still 429 after all retries.
	ErrRateLimited = errors.New("lever: rate limited")
	// ErrInvalid: Lever rejected the request (400 or 422), or the client refused to send it.
	ErrInvalid = errors.New("lever: invalid request")
	// ErrUnavailable: 5xx or network errors that persisted after all retries.
	ErrUnavailable = errors.New("lever: unavailable")
	// ErrOutcomeUnknown: a non-idempotent write failed after the request may have reached
	// Lever (timeout, dropped connection, 5xx other than 503). Lever may or may not have
	// applied it; look in Lever before writing again. The cause is wrapped.
	ErrOutcomeUnknown = errors.New("lever: outcome unknown")
	// ErrTooLarge: a download exceeded the configured size limit.
	ErrTooLarge = errors.New("lever: download too large")
)

// APIError is an error response from Lever. It matches the sentinel for its status
// with errors.Is (404 → ErrNotFound, 401 → ErrRevoked, 403 → ErrForbidden,
// 400/422 → ErrInvalid, 429 → ErrRateLimited, 5xx → ErrUnavailable).
type APIError struct {
	Status  int    // HTTP status
	Code    string // Lever's error code, e.g. "ResourceNotFound" (may be empty)
	Message string // Lever's message, or the start of a non-JSON body
	Method  string
	Path    string // request path, without the query
	// RetryAfter is the wait Lever asked for with a 429 or 503 (0 when none), so that a
	// caller whose retries ran out can reschedule the work.
	RetryAfter time.Duration
}

func (e *APIError) Error() string {
	msg := e.Message
	if e.Code != "" {
		msg = e.Code + ": " + msg
	}
	if msg == "" {
		msg = http.StatusText(e.Status)
	}
	return fmt.Sprintf("lever: %s %s: %d %s", e.Method, e.Path, e.Status, msg)
}

// Is reports whether target is the sentinel for e's status.
func (e *APIError) Is(target error) bool {
	return target != nil && target == sentinelFor(e.Status)
}

func sentinelFor(status int) error {
	switch {
	case status == http.StatusNotFound:
		return ErrNotFound
	case status == http.StatusUnauthorized:
		return ErrRevoked
	case status == http.StatusForbidden:
		return ErrForbidden
	case status == http.StatusBadRequest || status == http.StatusUnprocessableEntity:
		return ErrInvalid
	case status == http.StatusTooManyRequests:
		return ErrRateLimited
	case status >= 500:
		return ErrUnavailable
	}
	return nil
}

// OutcomeUnknownError reports a non-idempotent write whose effect in Lever is unknown.
// It matches [ErrOutcomeUnknown] and unwraps to the cause.
type OutcomeUnknownError struct {
	Method, Path string
	Err          error
}

func (e *OutcomeUnknownError) Error() string {
	return fmt.Sprintf("lever: %s %s: outcome unknown (check Lever before retrying): %v", e.Method, e.Path, e.Err)
}

func (e *OutcomeUnknownError) Is(target error) bool { return target == ErrOutcomeUnknown }
func (e *OutcomeUnknownError) Unwrap() error        { return e.Err }

// NetworkError is a transport failure (after retries, when retries were allowed). It
// matches [ErrUnavailable] and unwraps to the cause.
type NetworkError struct {
	Method, Path string
	Err          error
}

func (e *NetworkError) Error() string {
	return fmt.Sprintf("lever: %s %s: %v", e.Method, e.Path, e.Err)
}

func (e *NetworkError) Is(target error) bool { return target == ErrUnavailable }
func (e *NetworkError) Unwrap() error        { return e.Err }

// OAuthError is an error answer from the OAuth token endpoint. invalid_grant and
// access_denied match [ErrRevoked]; other 4xx answers match [ErrInvalid]; 429 matches
// [ErrRateLimited]; 5xx matches [ErrUnavailable].
type OAuthError struct {
	Status      int
	Code        string // "invalid_grant", …
	Description string
}

func (e *OAuthError) Error() string {
	s := fmt.Sprintf("lever: oauth token endpoint: %d", e.Status)
	if e.Code != "" {
		s += " " + e.Code
	}
	if e.Description != "" {
		s += ": " + e.Description
	}
	return s
}

func (e *OAuthError) Is(target error) bool {
	switch e.Code {
	case "invalid_grant", "access_denied":
		return target == ErrRevoked
	}
	switch {
	case e.Status == http.StatusTooManyRequests:
		return target == ErrRateLimited
	case e.Status >= 500:
		return target == ErrUnavailable
	case e.Status == http.StatusUnauthorized && e.Code == "":
		return target == ErrRevoked
	case e.Status >= 400:
		return target == ErrInvalid
	}
	return false
}

func invalidf(format string, args ...any) error {
	return fmt.Errorf("%w: "+format, append([]any{ErrInvalid}, args...)...)
}
