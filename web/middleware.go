package web

import (
	"bufio"
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"runtime/debug"
	"strings"
	"time"

	"github.com/skillkeepr/skillkeepr"
)

// reqInfo travels in the request context from the outermost middleware;
// inner handlers fill in what only they know (route pattern, user).
type reqInfo struct {
	ID      string
	Pattern string
	UserID  int64
}

type reqInfoKey struct{}

func infoFrom(ctx context.Context) *reqInfo {
	ri, _ := ctx.Value(reqInfoKey{}).(*reqInfo)
	if ri == nil {
		return &reqInfo{}
	}
	return ri
}

// ctxLogHandler adds the request id to every record logged with a context.
type ctxLogHandler struct{ slog.Handler }

func (h *ctxLogHandler) Handle(ctx context.Context, r slog.Record) error {
	if ri, ok := ctx.Value(reqInfoKey{}).(*reqInfo); ok && ri.ID != "" {
		r.AddAttrs(slog.String("request_id", ri.ID))
	}
	return h.Handler.Handle(ctx, r)
}

func (h *ctxLogHandler) WithAttrs(a []slog.Attr) slog.Handler {
	return &ctxLogHandler{h.Handler.WithAttrs(a)}
}

func (h *ctxLogHandler) WithGroup(name string) slog.Handler {
	return &ctxLogHandler{h.Handler.WithGroup(name)}
}

// statusWriter records the status code and whether anything was written.
type statusWriter struct {
	http.ResponseWriter
	status int
	wrote  bool
}

func (w *statusWriter) WriteHeader(code int) {
	if !w.wrote {
		w.status = code
		w.wrote = true
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *statusWriter) Write(b []byte) (int, error) {
	if !w.wrote {
		w.status = http.StatusOK
		w.wrote = true
	}
	return w.ResponseWriter.Write(b)
}

func (w *statusWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

func (w *statusWriter) Flush() {
	if f, ok := w.ResponseWriter.(http.Flusher); ok {
		if !w.wrote {
			w.status, w.wrote = http.StatusOK, true
		}
		f.Flush()
	}
}

func (w *statusWriter) Hijack() (net.Conn, *bufio.ReadWriter, error) {
	if h, ok := w.ResponseWriter.(http.Hijacker); ok {
		return h.Hijack()
	}
	return nil, nil, errors.New("web: hijacking not supported")
}

const (
	maxFormBody   = 1 << 20                            // ordinary forms
	maxUploadBody = 2*skillkeepr.MaxResumeSize + 1<<20 // résumé upload form
	maxAPIBody    = 16 << 20
)

// middleware wraps h, outermost first: request id, panic recovery,
// security headers, access log, metrics, cross-origin protection, body
// limits.
func (s *Server) middleware(h http.Handler) http.Handler {
	cop := http.NewCrossOriginProtection()
	// Behind a proxy that rewrites Host, the configured address is still ours.
	if err := cop.AddTrustedOrigin(s.baseURL.Scheme + "://" + s.baseURL.Host); err != nil {
		s.log.Warn("base URL is not a valid origin", "base_url", s.cfg.BaseURL, "err", err)
	}
	cop.SetDenyHandler(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.renderError(w, r, &skillkeepr.Error{Code: skillkeepr.EFORBIDDEN,
			Message: "This form was sent from another website, so SkillKeepr ignored it. Please go back, reload the page and try again."})
	}))
	inner := cop.Handler(bodyLimit(h))
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := s.now()
		ri := &reqInfo{ID: requestID(r.Header.Get("X-Request-Id"))}
		r = r.WithContext(context.WithValue(r.Context(), reqInfoKey{}, ri))
		sw := &statusWriter{ResponseWriter: w}
		sw.Header().Set("X-Request-Id", ri.ID)
		setSecurityHeaders(sw.Header())

		defer func() {
			if v := recover(); v != nil {
				if v == http.ErrAbortHandler {
					panic(v)
				}
				s.log.ErrorContext(r.Context(), "panic", "panic", fmt.Sprint(v), "stack", string(debug.Stack()))
				if !sw.wrote {
					s.renderErrorPage(sw, r, http.StatusInternalServerError, "Something went wrong",
						"Something went wrong on our side. Please try again; if it keeps happening, tell your administrator.")
				}
			}
			s.finish(r, ri, sw, start)
		}()
		inner.ServeHTTP(sw, r)
	})
}

func (s *Server) finish(r *http.Request, ri *reqInfo, sw *statusWriter, start time.Time) {
	d := s.now().Sub(start)
	status := sw.status
	if status == 0 {
		status = http.StatusOK
	}
	pattern := ri.Pattern
	if pattern == "" {
		pattern = "unmatched"
	}
	s.metrics.observe(pattern, r.Method, status, d)
	path := r.URL.Path
	if strings.Contains(pattern, "{token}") {
		path = pattern // invitation links are secrets: keep them out of logs
	}
	s.log.LogAttrs(r.Context(), slog.LevelInfo, "request",
		slog.String("method", r.Method),
		slog.String("route", pattern),
		slog.String("path", path),
		slog.Int("status", status),
		slog.Float64("duration_ms", float64(d.Microseconds())/1000),
		slog.Int64("user_id", ri.UserID),
	)
}

func setSecurityHeaders(h http.Header) {
	h.Set("Content-Security-Policy", contentSecurityPolicy(""))
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Referrer-Policy", "same-origin")
	h.Set("X-Frame-Options", "DENY")
}

// requestID keeps a sane incoming id, else makes a random one.
func requestID(in string) string {
	if len(in) > 0 && len(in) <= 64 && strings.IndexFunc(in, func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '-' || r == '_' || r == '.')
	}) < 0 {
		return in
	}
	b := make([]byte, 12)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}

// bodyLimit caps request bodies: the résumé upload and the API get more.
func bodyLimit(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		limit := int64(maxFormBody)
		switch {
		case strings.HasPrefix(r.URL.Path, "/api/"):
			limit = maxAPIBody
		case strings.HasPrefix(r.URL.Path, "/jobs/") && strings.HasSuffix(r.URL.Path, "/candidates/new"):
			limit = maxUploadBody
		}
		if r.Body != nil && r.Body != http.NoBody {
			r.Body = http.MaxBytesReader(w, r.Body, limit)
		}
		h.ServeHTTP(w, r)
	})
}

func contextTimeout(r *http.Request, d time.Duration) (context.Context, context.CancelFunc) {
	return context.WithTimeout(r.Context(), d)
}

// contentSecurityPolicy is the policy of every response; formTarget, when
// not empty, is one more origin forms may be sent to (browsers check
// form-action on redirects too, so the Lever Confirm form, which redirects
// to Lever's sign-in page, needs Lever's origin).
func contentSecurityPolicy(formTarget string) string {
	fa := "'self'"
	if formTarget != "" {
		fa += " " + formTarget
	}
	return "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; frame-ancestors 'none'; form-action " + fa + "; base-uri 'none'"
}
