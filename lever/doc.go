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
// SkillKeepr domain types; the leversync package maps between the two.
package lever
