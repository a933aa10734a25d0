package leversandbox

import (
	"fmt"
	"math/rand/v2"
	"net"
	"net/http"
	"strings"
	"sync"
	"time"
)

// Fault makes matching Data API requests misbehave. Several faults may be set;
// latencies add up and the first matching fault with an action decides it.
type Fault struct {
	// Route selects the requests: "" matches every /v1 route; a registered
	// pattern such as "POST /v1/opportunities/{id}/notes" matches that route;
	// anything starting with "/" is a path prefix ("/v1/opportunities").
	Route string `json:"route"`

	Latency   time.Duration `json:"-"`         // added before answering
	ErrorRate float64       `json:"errorRate"` // share of requests answered 500, 502 or 503 (in turn)

	// Actions; Share is the fraction of matching requests they hit (0 means all).
	Timeout        bool    `json:"timeout"`        // hang until the client gives up
	Reset          bool    `json:"reset"`          // close the connection without a response
	RateLimitStorm bool    `json:"rateLimitStorm"` // answer 429 regardless of the bucket
	DropAfterApply bool    `json:"dropAfterApply"` // apply the write, then close without a response
	Share          float64 `json:"share"`

	// Count limits the fault to the next Count affected requests; 0 means until cleared.
	Count int `json:"count"`

	ID string `json:"id"` // set by SetFault
}

type faultSet struct {
	mu     sync.Mutex
	rng    *rand.Rand
	faults []*Fault
	nextID int
	turn   int
}

type faultAction struct {
	latency        time.Duration
	status         int
	timeout        bool
	reset          bool
	storm          bool
	dropAfterApply bool
}

func (f *Fault) matches(pattern, path string) bool {
	switch {
	case f.Route == "":
		return true
	case strings.HasPrefix(f.Route, "/"):
		return strings.HasPrefix(path, f.Route)
	default:
		return f.Route == pattern
	}
}

// pick decides what the faults do to one request.
func (fs *faultSet) pick(pattern, path string) faultAction {
	fs.mu.Lock()
	defer fs.mu.Unlock()
	var act faultAction
	decided := false
	kept := fs.faults[:0]
	for _, f := range fs.faults {
		if !f.matches(pattern, path) {
			kept = append(kept, f)
			continue
		}
		act.latency += f.Latency
		hit := false
		if !decided {
			if f.ErrorRate > 0 && fs.rng.Float64() < f.ErrorRate {
				act.status = []int{500, 502, 503}[fs.turn%3]
				fs.turn++
				decided, hit = true, true
			} else if (f.Timeout || f.Reset || f.RateLimitStorm || f.DropAfterApply) &&
				(f.Share <= 0 || fs.rng.Float64() < f.Share) {
				act.timeout, act.reset, act.storm, act.dropAfterApply = f.Timeout, f.Reset, f.RateLimitStorm, f.DropAfterApply
				decided, hit = true, true
			}
		}
		if (hit || (f.Latency > 0 && !decided)) && f.Count > 0 {
			f.Count--
			if f.Count == 0 {
				continue // used up: drop it
			}
		}
		kept = append(kept, f)
	}
	fs.faults = kept
	return act
}

// applyFault carries out an action that replaces the normal answer. It
// reports whether the request is finished.
func (s *Sandbox) applyFault(w http.ResponseWriter, r *http.Request, act faultAction) bool {
	switch {
	case act.timeout:
		select {
		case <-r.Context().Done():
		case <-s.closing:
		}
		resetConnection(w)
		return true
	case act.reset:
		resetConnection(w)
		return true
	case act.storm:
		w.Header().Set("Retry-After", "1")
		writeError(w, http.StatusTooManyRequests, codeRateLimited, "Rate limit exceeded, please retry later")
		return true
	case act.status != 0:
		code := codeInternal
		if act.status == http.StatusServiceUnavailable {
			code = "ServiceUnavailableError"
		} else if act.status == http.StatusBadGateway {
			code = "BadGatewayError"
		}
		writeError(w, act.status, code, http.StatusText(act.status))
		return true
	}
	return false
}

// resetConnection closes the client connection without writing a response,
// with SO_LINGER 0 so the client sees a TCP reset rather than a clean EOF.
func resetConnection(w http.ResponseWriter) {
	hj, ok := w.(http.Hijacker)
	if !ok {
		panic(http.ErrAbortHandler) // HTTP/2: the server aborts the stream; net/http recovers this
	}
	conn, _, err := hj.Hijack()
	if err != nil {
		return
	}
	if tc, ok := conn.(*net.TCPConn); ok {
		_ = tc.SetLinger(0)
	}
	_ = conn.Close()
}

// discardWriter swallows the response of a write whose answer is dropped.
type discardWriter struct{ h http.Header }

func newDiscardWriter() *discardWriter               { return &discardWriter{h: http.Header{}} }
func (d *discardWriter) Header() http.Header         { return d.h }
func (d *discardWriter) Write(b []byte) (int, error) { return len(b), nil }
func (d *discardWriter) WriteHeader(int)             {}

// SetFault adds a fault and returns its id.
func (s *Sandbox) SetFault(f Fault) string {
	s.faults.mu.Lock()
	defer s.faults.mu.Unlock()
	s.faults.nextID++
	f.ID = fmt.Sprintf("fault-%d", s.faults.nextID)
	s.faults.faults = append(s.faults.faults, &f)
	return f.ID
}

// ClearFault removes one fault; ClearFaults removes all.
func (s *Sandbox) ClearFault(id string) {
	s.faults.mu.Lock()
	defer s.faults.mu.Unlock()
	kept := s.faults.faults[:0]
	for _, f := range s.faults.faults {
		if f.ID != id {
			kept = append(kept, f)
		}
	}
	s.faults.faults = kept
}

// ClearFaults removes every fault.
func (s *Sandbox) ClearFaults() {
	s.faults.mu.Lock()
	s.faults.faults = nil
	s.faults.mu.Unlock()
}

// Faults lists the active faults.
func (s *Sandbox) Faults() []Fault {
	s.faults.mu.Lock()
	defer s.faults.mu.Unlock()
	out := make([]Fault, 0, len(s.faults.faults))
	for _, f := range s.faults.faults {
		out = append(out, *f)
	}
	return out
}
