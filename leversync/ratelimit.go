package leversync

import (
	"context"
	"time"

	"github.com/skillkeepr/skillkeepr/lever"
)

// RateStore keeps the Lever rate limit in the database, shared by every
// SkillKeepr process (sqlstore implements it). When the Connector's Store
// implements it, every client the Connector hands out waits on it.
type RateStore interface {
	// ReserveLeverRequest reserves one request to the organisation's Lever
	// account and returns how long to wait before sending it.
	ReserveLeverRequest(ctx context.Context, orgID int64, rate float64, burst int) (time.Duration, error)
	// ReturnLeverRequest gives back a reserved request that is not sent.
	ReturnLeverRequest(ctx context.Context, orgID int64, burst int) error
}

// SharedLimiter is a lever.Limiter whose token bucket lives in the
// database, so that all processes together keep to Lever's limit for one
// account.
//
// Its default burst is lever.DefaultBurst (18 of Lever's 20): the bucket in
// the database and Lever's own are filled by different clocks and requests
// reach Lever after different network delays, so two buckets of equal size
// disagree now and then and Lever answers 429. Two requests of reserve
// absorb 200 ms of such drift, and cost nothing at steady state (10/s).
type SharedLimiter struct {
	Store RateStore
	OrgID int64
	Rate  float64 // requests per second; default lever.DefaultRatePerSecond
	Burst int     // default lever.DefaultBurst
	// Sleep waits (default: a timer that honours ctx); tests inject it.
	Sleep func(ctx context.Context, d time.Duration) error
}

var _ lever.Limiter = (*SharedLimiter)(nil)

// Wait reserves a request in the shared bucket and sleeps until its turn.
// When ctx ends first, the slot is handed back and ctx's error returned.
func (l *SharedLimiter) Wait(ctx context.Context) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	rate, burst := l.Rate, l.Burst
	if rate <= 0 {
		rate = lever.DefaultRatePerSecond
	}
	if burst <= 0 {
		burst = lever.DefaultBurst
	}
	d, err := l.Store.ReserveLeverRequest(ctx, l.OrgID, rate, burst)
	if err != nil {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		return err
	}
	if d <= 0 {
		return nil
	}
	sleep := l.Sleep
	if sleep == nil {
		sleep = sleepCtx
	}
	if err := sleep(ctx, d); err != nil {
		rctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 5*time.Second)
		defer cancel()
		_ = l.Store.ReturnLeverRequest(rctx, l.OrgID, burst)
		return err
	}
	return nil
}

func sleepCtx(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}
