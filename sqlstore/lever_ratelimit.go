package sqlstore

import (
	"context"
	"errors"
	"math"
	"time"
)

// The shared Lever rate limit. Lever allows each account 10 requests per
// second with bursts of 20, whichever SkillKeepr process sends them, so the
// bucket lives in the database: one row per organisation (one Lever
// account each) in lever_rate_buckets.
//
// ReserveLeverRequest takes a slot in one statement: an upsert that
// refills the bucket for the time passed since the last request, takes one
// token and returns what is left. The statement holds the row lock (on
// PostgreSQL the upsert locks the row and a concurrent one re-reads it after
// the first commits; on SQLite the single writer serialises), so two
// processes never take the same token. Tokens may go below zero: a request
// that finds the bucket empty keeps its place in line and waits until the
// refill reaches it (-tokens/rate seconds), with no polling. A caller that
// gives up before its turn hands the slot back (ReturnLeverRequest).
//
// The clock is the store's clock (Config.Now): processes must keep their
// clocks in step (NTP). A process whose clock runs behind cannot refill
// early (updated_at never moves back); skew of a few tens of milliseconds
// is absorbed by the two requests of reserve the callers keep (burst 18 of
// Lever's 20).

// ReserveLeverRequest is a system operation: it reserves one request to
// the Lever account of orgID under a limit of rate requests per second with
// bursts of burst, and returns how long the caller must wait before sending
// it (0: at once).
func (s *Store) ReserveLeverRequest(ctx context.Context, orgID int64, rate float64, burst int) (time.Duration, error) {
	if rate <= 0 || burst < 1 {
		return 0, errors.New("sqlstore: a Lever rate limit needs a positive rate and burst")
	}
	now := ts(s.clock())
	minFn := "min"
	maxFn := "max"
	if s.engine == enginePostgres {
		minFn, maxFn = "LEAST", "GREATEST"
	}
	// Refill: tokens + elapsed µs × rate / 1e6, capped at burst; then take one.
	q := `INSERT INTO lever_rate_buckets (org_id, tokens, updated_at) VALUES (?, CAST(? AS DOUBLE PRECISION), ?)
		ON CONFLICT (org_id) DO UPDATE SET
			tokens = ` + minFn + `(CAST(? AS DOUBLE PRECISION), lever_rate_buckets.tokens + CAST(` + maxFn + `(0, excluded.updated_at - lever_rate_buckets.updated_at) AS DOUBLE PRECISION) * CAST(? AS DOUBLE PRECISION) / 1000000.0) - 1,
			updated_at = ` + maxFn + `(lever_rate_buckets.updated_at, excluded.updated_at)
		RETURNING tokens`
	var tokens float64
	err := conn{q: s.db, engine: s.engine}.queryRow(ctx, q, orgID, float64(burst-1), now, float64(burst), rate).Scan(&tokens)
	if err != nil {
		return 0, dbErr("reserve lever request", err)
	}
	if tokens >= 0 {
		return 0, nil
	}
	return time.Duration(math.Ceil(-tokens / rate * float64(time.Second))), nil
}

// ReturnLeverRequest is a system operation: it gives back a slot reserved
// by ReserveLeverRequest that will not be used (the caller gave up waiting).
func (s *Store) ReturnLeverRequest(ctx context.Context, orgID int64, burst int) error {
	minFn := "min"
	if s.engine == enginePostgres {
		minFn = "LEAST"
	}
	_, err := conn{q: s.db, engine: s.engine}.exec(ctx, `UPDATE lever_rate_buckets SET tokens = `+minFn+`(CAST(? AS DOUBLE PRECISION), tokens + 1) WHERE org_id = ?`,
		float64(burst), orgID)
	return dbErr("return lever request", err)
}
