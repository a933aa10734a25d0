package api

import (
	"net/http"

	"github.com/skillkeepr/skillkeepr"
)

func (a *API) listAudit(w http.ResponseWriter, r *http.Request) error {
	q := newQuery(r)
	f := skillkeepr.AuditFilter{EntityType: q.str("entity_type"), ActorID: q.id("actor_id")}
	f.Offset, f.Limit = q.page()
	if err := q.err(); err != nil {
		return err
	}
	entries, total, err := a.svc.Audit.FindAuditEntries(r.Context(), f)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, newList(entries, total))
}
