package llm

import (
	"errors"
	"fmt"
)

// Kind classifies what went wrong with a call.
type Kind string

const (
	KindUnauthorized  Kind = "unauthorized"   // 401/403: the key was refused
	KindBusy          Kind = "busy"           // 429
	KindServer        Kind = "server"         // 5xx
	KindRefused       Kind = "refused"        // another 4xx: the request was refused
	KindTimeout       Kind = "timeout"        // no answer within the timeout
	KindUnreachable   Kind = "unreachable"    // network error
	KindInvalidOutput Kind = "invalid_output" // the answer failed the schema
	KindNoResume      Kind = "no_resume"      // nothing to send
	KindInternal      Kind = "internal"       // SkillKeepr's side failed (database, files)
)

// Error is an error of the assist. Detail is for logs (never the key);
// Plain is for people.
type Error struct {
	Kind   Kind
	Status int    // HTTP status, when there was one
	Detail string // technical detail for the log
}

func (e *Error) Error() string {
	s := "llm: " + string(e.Kind)
	if e.Status != 0 {
		s += fmt.Sprintf(" (HTTP %d)", e.Status)
	}
	if e.Detail != "" {
		s += ": " + e.Detail
	}
	return s
}

// Temporary reports whether trying again later may succeed.
func (e *Error) Temporary() bool {
	switch e.Kind {
	case KindBusy, KindServer, KindTimeout, KindUnreachable:
		return true
	}
	return false
}

// Plain says what happened in words a recruiter understands.
func (e *Error) Plain() string {
	switch e.Kind {
	case KindUnauthorized:
		return "The language model service did not accept SkillKeepr's key. Ask your administrator to check the language model settings."
	case KindBusy:
		return "The language model service is busy. Please try again in a few minutes."
	case KindServer:
		return "The language model service had a problem on its side. Please try again later."
	case KindRefused:
		return "The language model service refused the request. Ask your administrator to check the language model settings."
	case KindTimeout:
		return "The language model did not answer in time. Please try again later."
	case KindUnreachable:
		return "SkillKeepr could not reach the language model service. Please try again later."
	case KindInvalidOutput:
		return "The language model's answer was not in the expected form, so it was not used. You can try again."
	case KindNoResume:
		return e.Detail
	case KindInternal:
		return "Something went wrong on SkillKeepr's side, so no suggestion was made. Please try again later."
	}
	return "The suggestion could not be made."
}

// KindOf returns the kind of err, or "".
func KindOf(err error) Kind {
	var e *Error
	if errors.As(err, &e) {
		return e.Kind
	}
	return ""
}
