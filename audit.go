package skillkeepr

import (
	"context"
	"time"
)

// AuditEntry records one change: who, what, when, before → after. Before
// and After are JSON documents of the changed fields (secrets never
// included).
type AuditEntry struct {
	ID         int64     `json:"id"`
	OrgID      int64     `json:"-"`
	ActorID    int64     `json:"actor_id"`
	ActorName  string    `json:"actor_name"`
	Action     string    `json:"action"` // e.g. "job.create", "user.role_change"
	EntityType string    `json:"entity_type"`
	EntityID   int64     `json:"entity_id"`
	Summary    string    `json:"summary"` // plain words, e.g. "Created job #1001 Designer"
	Before     string    `json:"before,omitempty"`
	After      string    `json:"after,omitempty"`
	CreatedAt  time.Time `json:"created_at"`
}

// AuditFilter narrows the audit log.
type AuditFilter struct {
	EntityType string
	ActorID    int64
	Offset     int
	Limit      int
}

// AuditService reads the audit log (Super Admin). Entries are written by
// the store in the same transaction as the change they describe.
type AuditService interface {
	FindAuditEntries(ctx context.Context, f AuditFilter) ([]*AuditEntry, int, error)
}
