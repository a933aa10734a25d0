// Package web is SkillKeepr's server-rendered user interface and the HTTP
// stack around it: request ids, panic recovery, security headers, access
// logs, Prometheus metrics, body limits, sessions, CSRF protection and
// sign-in throttling. Pages are html/template files embedded in the binary
// (templates/, one file per page, around layout.html) and plain HTML forms;
// the small static/app.js only enhances them (double-click a row to open
// it, the Assign chooser in a dialog).
//
// Routes (routes.go is the full list):
//
//	/healthz /readyz /metrics /static/…         probes, metrics, assets
//	/login /logout /account/{password,tokens}    sign-in and personal settings
//	/ /jobs /jobs/{id} /jobs/new /jobs/{id}/{edit,assign,candidates/new}
//	/candidates /candidates/{id} /applications/{id}/status /resumes/{id}
//	/interviews /integrations /users… /departments… /settings /audit
//	/integrations/lever/{connect,callback,api-key,disconnect}  Config.Lever (Super Admin)
//	/invitations/{token}                         public invitation acceptance
//	/dev/mailbox                                 when Config.DevMailbox
//	/api/v1/…                                    Config.API, authenticated here
//
// The JSON API (package api) is mounted under /api/v1/; this package
// authenticates its requests (bearer token, or the session cookie plus the
// X-CSRF-Token header for changes) and puts the actor in the request
// context.
//
// Handlers return an error; one function, (*Server).renderError, turns
// skillkeepr error codes into a status code and an error page. Menus and
// buttons use skillkeepr.Can only to decide what to show: the store
// enforces every permission.
package web
