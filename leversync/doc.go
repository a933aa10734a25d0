// Package leversync maps between Lever (package lever's wire types) and the
// SkillKeepr domain. This first part is the connection: a Connector builds
// the address of Lever's consent page, completes the callback (state check,
// code exchange, tokens saved encrypted by the store), connects with an API
// key after checking it with Lever, disconnects, and hands out a ready
// client per organisation (Client, which embeds *lever.Client).
//
// Tokens are refreshed through the store (Store.RefreshLeverToken), which
// takes the connection's row lock and re-reads the token first, so that
// several processes refresh one organisation's token once and the rotated
// refresh token is saved with the new access token. When Lever answers that
// access was revoked (lever.ErrRevoked: invalid_grant on refresh, or a 401
// that a refresh does not cure, passed through Client.Check), the
// connection is marked revoked — only the connection whose credentials
// failed, never a newer one a Super Admin made meanwhile: Lever
// work pauses with a "Lever is not connected" error until a Super Admin
// connects again. CheckAll makes one cheap call per connected organisation
// so that revocation is noticed even when nothing else talks to Lever; the
// queue runs it every two minutes.
//
// The package imports lever and the domain only; cmd/skillkeepr wires it to
// the store, the web UI and the queue.
package leversync
