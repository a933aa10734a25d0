// Package leversandbox is a local emulator of the Lever ATS: the Data API v1,
// Lever's OAuth 2.0 authorization-code flow, webhooks, rate limiting, fault
// injection, deterministic seed data (with real PDF and DOCX résumés), a small
// Lever-like web UI and state save/restore.
//
// Every SkillKeepr test, benchmark and demo talks to "Lever" through this
// package, so it follows what real Lever responses look like (the recordings
// in shared/lever-recorded) rather than what the documentation says where the
// two disagree: list order, paging tokens, wrapping, status codes and nulls.
// It deliberately imports no other SkillKeepr package: it plays a third-party
// service and must not know our domain.
//
// # Using it
//
// In a test, NewTestServer starts it on loopback and closes it on cleanup; in
// a binary, serve New(cfg).Handler() and call Close on exit. One address
// serves the auth paths (/authorize, /oauth/token), the API (/v1/...), the UI
// (/signin, /postings, /candidates/{id}, /settings/integrations) and the
// sandbox's own controls (/_sandbox/admin/...: faults, revoke, expire-tokens,
// rate-limit, deliveries, quirks). The Go methods on Sandbox (Opportunity,
// Notes, Feedback, Tags, Stage, SetFault, Revoke, ExpireAllTokens,
// DeliveryLog, MoveStage, NewApplication, DeleteOpportunity, ...) read and
// change the account directly for assertions.
//
// Defaults: account "Acme Corp", Super Admin lever-admin@acme.test with
// password demo-password (every seeded user signs in with that password), API
// key sandbox-api-key (all scopes, confidential included), OAuth app
// skillkeepr-demo / skillkeepr-demo-secret accepting any loopback redirect URI.
//
// # Behaviour where Lever's documentation is silent
//
// These are choices, made to be plausible and to keep clients honest:
//
//   - Errors are {code, message}. Only ResourceNotFound is documented; 400,
//     401, 403 and 429 use BadRequestError, UnauthorizedError, ForbiddenError
//     and TooManyRequestsError. A bad paging token says "Invalid offset token".
//   - The token endpoint answers like Auth0 (Lever's auth host): invalid_grant
//     with status 403 for a reused, expired or foreign code, a rotated, revoked
//     or expired refresh token; invalid_client 401 for a wrong secret. A
//     missing or wrong audience grants only offline_access (Lever's documented
//     pitfall), so API calls then get 403. Codes live 5 minutes, once.
//   - Revoked grants: API calls get 401 and refreshes invalid_grant.
//   - perform_as is required (400 without) on POST /opportunities and on
//     feedback create, update and delete; elsewhere it is optional. An OAuth
//     user does not stand in for it.
//   - Rate limit: one bucket per API key and per OAuth grant, 10/s, burst 20;
//     429 carries Retry-After.
//   - Writes to stage, archive state and tags move updatedAt and
//     lastInteractionAt; stage moves also append stageChanges and set
//     lastAdvancedAt. Notes and feedback move only lastInteractionAt, since
//     Lever's updatedAt trigger list leaves them out.
//   - Stage, archive and tag writes answer with the contact fields blanked
//     (name, headline, emails, phones, links) as recorded in 2024 and 2026.
//   - Webhooks: a payload carries id, event, triggeredAt, token, signature and
//     data; a non-2xx answer (3xx included) is retried up to five times with
//     doubling back-off from Config.WebhookRetryBase. Plain HTTP is accepted
//     for loopback receivers only.
//   - Links (urls.show, downloadUrl) point at this sandbox's UI (BaseURL), as
//     real ones point at hire.lever.co.
//
// # Seed data
//
// Generated from Config.Seed alone (timestamps are anchored to a fixed date),
// so a seed always gives the same account. Every posting with at least six
// candidates holds, at fixed positions 1-5, one candidate each with no e-mail,
// no résumé, a duplicate e-mail (same contact as candidate 0), an unreadable
// résumé (a corrupt PDF that still downloads with 200), and an archived one;
// Quirks lists them. The last posting is confidential, the one before it closed.
// Résumé bytes are generated on download from the seed (and cached a little),
// so 100,000 opportunities cost about 1.5 KB each.
//
// # Not emulated
//
// Panel and interview updates (create, read and delete are there, as feedback
// needs them), contact updates, requisitions, uploads and file upload,
// multipart opportunity create, posting and user writes, offers, referrals,
// forms, EEO and audit events.
package leversandbox
