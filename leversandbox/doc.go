// Package leversandbox is a local emulator of the Lever ATS: the Data API v1,
// Lever's OAuth 2.0 authorization-code flow, webhooks, rate limiting, fault
// injection, deterministic seed data (with real PDF and DOCX résumés) and a
// small Lever-like web UI.
//
// Every SkillKeepr test, benchmark and demo talks to "Lever" through this
// package, so it follows what real Lever responses look like (the recordings
// in shared/lever-recorded) rather than what the documentation says where the
// two disagree: list order, paging tokens, wrapping, status codes and nulls.
//
// The package deliberately imports no other SkillKeepr package: it plays the
// part of a third-party service and must not know our domain.
//
// Start one in a test with NewTestServer, or wire New(cfg).Handler() into any
// http.Server. The Go methods on Sandbox (Opportunity, Notes, Feedback,
// SetFault, Revoke, ExpireAllTokens, DeliveryLog, ...) let tests read and change
// the emulated account directly.
package leversandbox
