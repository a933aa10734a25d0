package web

import (
	"net/http"

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
