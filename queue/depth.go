package queue

import (
	"context"
	"fmt"
)

// Depth counts the jobs waiting to be worked — available, scheduled and
// retryable — per job kind, across every process sharing the database. Every
// kind this queue knows is present, with 0 when none waits, so that a gauge
// built on it drops back to zero.
func (q *Queue) Depth(ctx context.Context) (map[string]int, error) {
	rows, err := q.db.QueryContext(ctx, `SELECT kind, COUNT(*) FROM river_job
		WHERE state IN ('available', 'scheduled', 'retryable') GROUP BY kind`)
	if err != nil {
		return nil, fmt.Errorf("queue: depth: %w", err)
	}
	defer rows.Close()
	depth := make(map[string]int, len(q.kinds))
	for _, k := range q.kinds {
		depth[k] = 0
	}
	for rows.Next() {
		var kind string
		var n int
		if err := rows.Scan(&kind, &n); err != nil {
			return nil, fmt.Errorf("queue: depth: %w", err)
		}
		depth[kind] = n
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("queue: depth: %w", err)
	}
	return depth, nil
}
