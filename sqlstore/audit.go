package sqlstore

import (
	"context"
	"database/sql"
	"encoding/json"
	"strings"

	"github.com/skillkeepr/skillkeepr"
)

// fields is a JSON document of an entity's fields for the audit log.
type fields map[string]any

// changed keeps only the keys whose values differ between before and after.
func changed(before, after fields) (fields, fields) {
	b, a := fields{}, fields{}
	for k, av := range after {
		bv := before[k]
		bj, _ := json.Marshal(bv)
		aj, _ := json.Marshal(av)
		if string(bj) != string(aj) {
			b[k], a[k] = bv, av
		}
	}
	return b, a
}

func encodeFields(f fields) string {
	if len(f) == 0 {
		return ""
	}
	j, err := json.Marshal(f)
	if err != nil {
		return ""
	}
	return string(j)
}

// audit writes one audit entry in the transaction. a may be nil for
// system operations.
func (tx *txn) audit(ctx context.Context, orgID int64, a *skillkeepr.Actor, action, entityType string, entityID int64, summary string, before, after fields) error {
	var actorID sql.NullInt64
	actorName := "System"
	if a != nil && a.UserID != 0 {
		actorID = sql.NullInt64{Int64: a.UserID, Valid: true}
		actorName = a.Name
	}
	_, err := tx.exec(ctx, `INSERT INTO audit_log (org_id, actor_id, actor_name, action, entity_type, entity_id, summary, before_json, after_json, created_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		orgID, actorID, actorName, action, entityType, entityID, summary, encodeFields(before), encodeFields(after), ts(tx.s.clock()))
	return dbErr("audit", err)
}

// FindAuditEntries lists the audit log of the actor's organisation, newest
// first (Super Admin).
func (s *Store) FindAuditEntries(ctx context.Context, f skillkeepr.AuditFilter) ([]*skillkeepr.AuditEntry, int, error) {
	a, err := skillkeepr.RequireActor(ctx)
	if err != nil {
		return nil, 0, err
	}
	if err := skillkeepr.Authorize(a, skillkeepr.ActViewAuditLog, skillkeepr.Target{}); err != nil {
		return nil, 0, err
	}
	offset, limit := page(f.Offset, f.Limit, 50, 500)
	where := []string{"org_id = ?"}
	args := []any{a.OrgID}
	if f.EntityType != "" {
		where = append(where, "entity_type = ?")
		args = append(args, f.EntityType)
	}
	if f.ActorID != 0 {
		where = append(where, "actor_id = ?")
		args = append(args, f.ActorID)
	}
	w := strings.Join(where, " AND ")
	c := s.read()
	var total int
	if err := c.queryRow(ctx, `SELECT count(*) FROM audit_log WHERE `+w, args...).Scan(&total); err != nil {
		return nil, 0, dbErr("audit count", err)
	}
	rows, err := c.query(ctx, `SELECT id, org_id, actor_id, actor_name, action, entity_type, entity_id, summary, before_json, after_json, created_at
		FROM audit_log WHERE `+w+` ORDER BY id DESC LIMIT ? OFFSET ?`, append(args, limit, offset)...)
	if err != nil {
		return nil, 0, dbErr("audit", err)
	}
	defer closeRows(rows)
	var out []*skillkeepr.AuditEntry
	for rows.Next() {
		e := &skillkeepr.AuditEntry{}
		var actorID sql.NullInt64
		var created int64
		if err := rows.Scan(&e.ID, &e.OrgID, &actorID, &e.ActorName, &e.Action, &e.EntityType, &e.EntityID, &e.Summary, &e.Before, &e.After, &created); err != nil {
			return nil, 0, dbErr("audit", err)
		}
		e.ActorID = actorID.Int64
		e.CreatedAt = fromTS(created)
		out = append(out, e)
	}
	return out, total, dbErr("audit", rows.Err())
}
