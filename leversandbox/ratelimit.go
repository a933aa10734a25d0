package leversandbox

import (
	"math"
	"strconv"
	"sync"
	"time"
)

// rateLimiter is Lever's documented token bucket: per API key (and, in the
// sandbox, per OAuth grant), 10 requests/s steady with bursts of 20. It reads
// the injectable clock, so a frozen clock makes "25 at once -> 20 pass" exact.
type rateLimiter struct {
	mu      sync.Mutex
	enabled bool
	rate    float64
	burst   float64
	now     func() time.Time
	buckets map[string]*bucket
}

type bucket struct {
	tokens float64
	last   time.Time
}

func newRateLimiter(enabled bool, rate, burst float64, now func() time.Time) *rateLimiter {
	return &rateLimiter{enabled: enabled, rate: rate, burst: burst, now: now, buckets: map[string]*bucket{}}
}

// allow takes one token from key's bucket. When empty it returns false and
// the Retry-After value in seconds.
func (l *rateLimiter) allow(key string) (bool, string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if !l.enabled {
		return true, ""
	}
	now := l.now()
	b := l.buckets[key]
	if b == nil {
		b = &bucket{tokens: l.burst, last: now}
		l.buckets[key] = b
	}
	if el := now.Sub(b.last).Seconds(); el > 0 {
		b.tokens = math.Min(l.burst, b.tokens+el*l.rate)
		b.last = now
	}
	if b.tokens >= 1 {
		b.tokens--
		return true, ""
	}
	wait := math.Ceil((1 - b.tokens) / l.rate)
	return false, strconv.Itoa(int(math.Max(1, wait)))
}

func (l *rateLimiter) setEnabled(on bool) {
	l.mu.Lock()
	l.enabled = on
	l.buckets = map[string]*bucket{}
	l.mu.Unlock()
}

// SetRateLimit switches Lever's rate limit on or off at run time.
func (s *Sandbox) SetRateLimit(on bool) { s.limiter.setEnabled(on) }
