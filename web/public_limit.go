package web

import (
	"net/http"
	"sync"
	"time"

	"golang.org/x/time/rate"
)

// The candidates' scheduling pages need no sign-in: a signed link is the
// key. Signatures cannot be guessed, but the pages still do real work
// (finding free times, booking), so each network address gets a modest
// allowance: a person clicking through never meets it, a script does.
const (
	publicRate    = rate.Limit(1) // requests a second, steady
	publicBurst   = 30
	publicForget  = 10 * time.Minute // an address idle this long starts afresh
	publicMaxKeys = 100_000          // beyond this, idle addresses are dropped first
)

// publicLimiter keeps one token bucket per client address, in memory: the
// allowance is per process, which is enough against a script hammering one
// server and needs no shared state.
type publicLimiter struct {
	mu      sync.Mutex
	buckets map[string]*publicBucket
	swept   time.Time
}

type publicBucket struct {
	lim  *rate.Limiter
	seen time.Time
}

func (l *publicLimiter) allow(key string, now time.Time) bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.buckets == nil {
		l.buckets = map[string]*publicBucket{}
	}
	if now.Sub(l.swept) > publicForget || len(l.buckets) > publicMaxKeys {
		for k, b := range l.buckets {
			if now.Sub(b.seen) > publicForget {
				delete(l.buckets, k)
			}
		}
		l.swept = now
	}
	b := l.buckets[key]
	if b == nil {
		b = &publicBucket{lim: rate.NewLimiter(publicRate, publicBurst)}
		l.buckets[key] = b
	}
	b.seen = now
	return b.lim.AllowN(now, 1)
}

// limited wraps a public handler with the per-address allowance.
func (s *Server) limited(fn handlerFunc) handlerFunc {
	return func(w http.ResponseWriter, r *http.Request) error {
		if !s.public.allow(clientIP(r), s.now()) {
			s.log.WarnContext(r.Context(), "public page: too many requests", "path", r.URL.Path)
			w.Header().Set("Retry-After", "30")
			s.renderErrorPage(w, r, http.StatusTooManyRequests, "Please wait a moment",
				"There were too many requests from your network in a short time. Please wait a minute, then open the link again.")
			return nil
		}
		return fn(w, r)
	}
}
