package leversandbox

import (
	"net/http"
	"strconv"
	"time"
)

// The /_sandbox/admin endpoints let demos and out-of-process tests drive the
// sandbox the way the Go API does. They are not part of Lever.

// faultJSON is Fault on the wire, with latency in milliseconds.
type faultJSON struct {
	Fault
	LatencyMS int64 `json:"latencyMs"`
}

func (s *Sandbox) adminRoutes(mux *http.ServeMux) {
	mux.HandleFunc("GET /_sandbox/admin/faults", func(w http.ResponseWriter, r *http.Request) {
		out := []faultJSON{}
		for _, f := range s.Faults() {
			out = append(out, faultJSON{Fault: f, LatencyMS: f.Latency.Milliseconds()})
		}
		writeJSON(w, http.StatusOK, dataResponse{Data: out})
	})
	mux.HandleFunc("POST /_sandbox/admin/faults", func(w http.ResponseWriter, r *http.Request) {
		var f faultJSON
		if err := readJSON(r, &f); err != nil {
			badRequest(w, err.Error())
			return
		}
		if f.ErrorRate < 0 || f.ErrorRate > 1 || f.Share < 0 || f.Share > 1 || f.LatencyMS < 0 || f.Count < 0 {
			badRequest(w, "errorRate and share must be within 0..1; latencyMs and count must not be negative")
			return
		}
		f.Latency = time.Duration(f.LatencyMS) * time.Millisecond
		id := s.SetFault(f.Fault)
		writeJSON(w, http.StatusCreated, dataResponse{Data: map[string]string{"id": id}})
	})
	mux.HandleFunc("DELETE /_sandbox/admin/faults", func(w http.ResponseWriter, r *http.Request) {
		s.ClearFaults()
		noContent(w)
	})
	mux.HandleFunc("DELETE /_sandbox/admin/faults/{id}", func(w http.ResponseWriter, r *http.Request) {
		s.ClearFault(r.PathValue("id"))
		noContent(w)
	})
	mux.HandleFunc("POST /_sandbox/admin/revoke", func(w http.ResponseWriter, r *http.Request) {
		n := s.Revoke(r.URL.Query().Get("client_id"))
		writeJSON(w, http.StatusOK, dataResponse{Data: map[string]int{"revokedGrants": n}})
	})
	mux.HandleFunc("POST /_sandbox/admin/expire-tokens", func(w http.ResponseWriter, r *http.Request) {
		s.ExpireAllTokens()
		noContent(w)
	})
	mux.HandleFunc("POST /_sandbox/admin/rate-limit", func(w http.ResponseWriter, r *http.Request) {
		on, err := strconv.ParseBool(r.URL.Query().Get("enabled"))
		if err != nil {
			badRequest(w, "enabled must be true or false")
			return
		}
		s.SetRateLimit(on)
		noContent(w)
	})
	mux.HandleFunc("GET /_sandbox/admin/deliveries", func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, http.StatusOK, dataResponse{Data: s.DeliveryLog()})
	})
	mux.HandleFunc("GET /_sandbox/admin/quirks", func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, http.StatusOK, dataResponse{Data: s.Quirks()})
	})
	mux.HandleFunc("POST /_sandbox/admin/opportunities/{id}/delete", func(w http.ResponseWriter, r *http.Request) {
		if err := s.DeleteOpportunity(r.PathValue("id"), r.URL.Query().Get("perform_as")); err != nil {
			notFound(w, "opportunities", r.PathValue("id"))
			return
		}
		noContent(w)
	})
}
