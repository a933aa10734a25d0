package api

import (
	"context"
	"encoding/json"
	"net/http"
	"time"

	"github.com/skillkeepr/skillkeepr"
)

// errorBody is the JSON body of every error answer.
type errorBody struct {
	Code    string            `json:"code"`
	Message string            `json:"message"`
	Fields  map[string]string `json:"fields"`
}

// internalMessage is the only thing a client learns about an internal error.
const internalMessage = "Something went wrong on our side. Please try again; if it keeps happening, tell your administrator."

// errorStatus maps a domain error code to its HTTP status. It is the one
// place where this mapping lives.
func errorStatus(code skillkeepr.ErrorCode) int {
	switch code {
	case skillkeepr.EINVALID:
		return http.StatusBadRequest
	case skillkeepr.ENOTFOUND:
		return http.StatusNotFound
	case skillkeepr.ECONFLICT:
		return http.StatusConflict
	case skillkeepr.EUNAUTHORIZED:
		return http.StatusUnauthorized
	case skillkeepr.EFORBIDDEN:
		return http.StatusForbidden
	case skillkeepr.EUNAVAILABLE:
		return http.StatusServiceUnavailable
	}
	return http.StatusInternalServerError
}

// writeError answers err. Internal errors are logged with their detail and
// answered with a generic message.
func (a *API) writeError(w http.ResponseWriter, r *http.Request, err error) {
	if skillkeepr.ErrorCodeOf(err) == skillkeepr.EINTERNAL && a.databaseDown(r) {
		a.log.ErrorContext(r.Context(), "api: database unavailable", "method", r.Method, "path", r.URL.Path, "err", err)
		err = skillkeepr.Errorf(skillkeepr.EUNAVAILABLE, "SkillKeepr cannot reach its database right now. Please try again in a minute.")
	}
	code := skillkeepr.ErrorCodeOf(err)
	status := errorStatus(code)
	body := errorBody{Code: string(code), Message: skillkeepr.ErrorMessage(err), Fields: skillkeepr.ErrorFields(err)}
	switch {
	case status == http.StatusInternalServerError:
		code = skillkeepr.EINTERNAL
		body = errorBody{Code: string(code), Message: internalMessage}
		a.log.ErrorContext(r.Context(), "api: internal error", "method", r.Method, "path", r.URL.Path, "err", err)
	case status == http.StatusServiceUnavailable:
		a.log.WarnContext(r.Context(), "api: unavailable", "method", r.Method, "path", r.URL.Path, "err", err)
	}
	if status == http.StatusUnauthorized {
		w.Header().Set("WWW-Authenticate", `Bearer realm="skillkeepr"`)
	}
	writeErrorBody(w, status, body)
}

// databaseDown reports whether the health checker says the database is
// unreachable, so that an outage answers 503 rather than 500.
func (a *API) databaseDown(r *http.Request) bool {
	if a.svc.Health == nil {
		return false
	}
	ctx, cancel := context.WithTimeout(context.WithoutCancel(r.Context()), 2*time.Second)
	defer cancel()
	return a.svc.Health.Ready(ctx) != nil
}

func writeErrorBody(w http.ResponseWriter, status int, body errorBody) {
	if body.Fields == nil {
		body.Fields = map[string]string{}
	}
	h := w.Header()
	h.Del("Content-Disposition")
	h.Del("Content-Length")
	h.Set("Content-Type", "application/json; charset=utf-8")
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(body)
}

// invalid returns an EINVALID error with a message and optional field errors.
func invalid(msg string, fields map[string]string) error {
	return &skillkeepr.Error{Code: skillkeepr.EINVALID, Message: msg, Fields: fields}
}

// fieldError returns an EINVALID error for one field.
func fieldError(field, msg string) error {
	return invalid("Please correct the highlighted fields.", map[string]string{field: msg})
}
