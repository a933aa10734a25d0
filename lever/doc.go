// Package lever is a typed client for the Lever Data API v1 (https://api.lever.co/v1).
//
// It speaks both of Lever's authentication modes — an API key sent as HTTP Basic user
// name, and OAuth 2.0 bearer tokens from a [TokenSource] (see [OAuthConfig] for the
// authorization-code flow with refresh-token rotation) — and wraps every call in the
// same machinery:
//
//   - rate limiting: each attempt waits on a [Limiter] (by default an in-process token
//     bucket at Lever's documented 10 requests/s, with bursts of 18 rather than 20 to
//     leave room for network jitter);
//   - retries with exponential back-off and jitter on 429, 5xx and network errors,
//     honouring Retry-After. Calls that create something in Lever (notes, feedback,
//     opportunities, templates, webhooks) are not idempotent, so after an ambiguous
//     failure (a timeout or a dropped connection once the request may have reached
//     Lever) they are not retried and fail with [ErrOutcomeUnknown]: the caller must
//     look in Lever before writing again;
//   - typed errors: [*APIError] plus sentinels such as [ErrNotFound], [ErrRevoked] and
//     [ErrRateLimited], matchable with errors.Is and errors.As;
//   - paging as Go iterators ([iter.Seq2]) that follow Lever's opaque `next` tokens;
//   - tolerant decoding of Lever's wire quirks: bare objects, `{data}` and
//     `{data:{data}}` envelopes, numeric strings for timestamps and sizes, nulls where
//     arrays or objects are documented, and legacy keys.
//
// The types in this package are Lever's wire types (DTOs). They are deliberately not
// SkillKeepr domain types, and the package imports no other SkillKeepr package; the
// leversync package maps between the two.
//
// # Retry policy
//
// Every call makes at most Config.MaxAttempts attempts (default 5). Between attempts
// it sleeps for Retry-After when Lever sends one (seconds or an HTTP date; longer than
// Config.MaxRetryAfter ends the call at once, with the wait in [APIError.RetryAfter]),
// otherwise base·2ⁿ with jitter (0.5–1 s, 1–2 s, 2–4 s, … capped at 30 s). It never
// sleeps past the context's deadline.
//
//	outcome of an attempt                      reads, PUT stage/archived,   creates (note, feedback,
//	                                           add/removeTags, updates,     opportunity, template,
//	                                           deletes                      webhook)
//	2xx                                        done                         done
//	401 (OAuth)                                refresh once, try again      refresh once, try again
//	401 after the refresh, or with an API key  ErrRevoked                   ErrRevoked
//	429, 503                                   retry                        retry (Lever did nothing)
//	500, 502, 504                              retry                        ErrOutcomeUnknown
//	dial error (request never left)            retry                        retry
//	timeout, reset, EOF after sending          retry                        ErrOutcomeUnknown
//	other 4xx                                  typed error, no retry        typed error, no retry
//
// A delete that failed ambiguously and then answers 404 counts as done. Redirects
// (Lever answers 301 for merged records) are followed for reads only.
//
// # Choices
//
// The OAuth code exchange and refresh are written by hand (two form POSTs) rather
// than with golang.org/x/oauth2, so that the audience parameter, prompt=consent and
// refresh-token rotation are handled exactly, and a refresh is never retried blindly
// (a lost answer may already have rotated the refresh token). Paging tokens are
// passed back exactly as received, never parsed or computed. Numbers that Lever
// sometimes sends as strings decode through [Timestamp], [Int64] and [Float64].
package lever
