package web

import (
	"encoding/json"
	"fmt"
	"net/http"
	"sort"
	"strings"

	"github.com/skillkeepr/skillkeepr"
)

type auditData struct {
	Entries []*skillkeepr.AuditEntry
	Pager   pager
}

func (s *Server) auditPage(w http.ResponseWriter, r *http.Request) error {
	if err := s.requireAction(r, skillkeepr.ActViewAuditLog); err != nil {
		return err
	}
	page, offset := pageParam(r)
	entries, total, err := s.svc.Audit.FindAuditEntries(r.Context(), skillkeepr.AuditFilter{Offset: offset, Limit: pageSize})
	if err != nil {
		return err
	}
	return s.render(w, r, http.StatusOK, "audit", "Audit log", auditData{Entries: entries, Pager: newPager(r, page, total)})
}

// auditChange is one field of an audit entry's before or after document.
type auditChange struct{ Field, Value string }

// auditChanges turns the JSON document of an audit entry into readable
// "field: value" lines; anything that is not a JSON object is shown as is.
func auditChanges(doc string) []auditChange {
	if doc == "" {
		return nil
	}
	var m map[string]any
	if err := json.Unmarshal([]byte(doc), &m); err != nil {
		return []auditChange{{Value: doc}}
	}
	out := make([]auditChange, 0, len(m))
	for k, v := range m {
		out = append(out, auditChange{Field: strings.ReplaceAll(k, "_", " "), Value: auditValue(v)})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Field < out[j].Field })
	return out
}

func auditValue(v any) string {
	switch v := v.(type) {
	case nil:
		return "—"
	case string:
		if v == "" {
			return "—"
		}
		return v
	case bool:
		if v {
			return "yes"
		}
		return "no"
	case []any:
		if len(v) == 0 {
			return "none"
		}
		parts := make([]string, len(v))
		for i, x := range v {
			parts[i] = auditValue(x)
		}
		return strings.Join(parts, ", ")
	case float64:
		return fmt.Sprint(v)
	}
	b, _ := json.Marshal(v)
	return string(b)
}
