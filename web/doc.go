// Package web is SkillKeepr's server-rendered user interface and the HTTP
// stack around it: request ids, panic recovery, security headers, access
// logs, Prometheus metrics, body limits, sessions, CSRF protection and
// sign-in throttling. Pages are html/template files embedded in the binary
// and plain HTML forms; the small static/app.js only enhances them.
//
// The JSON API (package api) is mounted under /api/v1/; this package
// authenticates its requests (bearer token or session cookie) and puts the
// actor in the request context.
//
// Handlers return an error; one function, (*Server).renderError, turns
// skillkeepr error codes into a status code and an error page.
package web
