package lever

import (
	"context"

	"golang.org/x/time/rate"
)

// Limiter paces requests to Lever. Wait blocks until one request may be sent, or ctx is
// done. Every attempt of every call waits once. A limiter shared by all processes that
// use one Lever account (e.g. backed by the database) can be plugged in behind this
// interface.
type Limiter interface {
	Wait(ctx context.Context) error
}

// Lever's documented limit per account: 10 requests per second steady, bursts of 20.
const (
	LeverRatePerSecond = 10
	LeverBurst         = 20
)

// The client's default pacing: Lever's rate, with two requests of the burst kept in
// reserve. Two buckets of exactly equal size (ours and Lever's) disagree whenever
// one request travels faster than the one before it, which Lever answers with a 429;
// the reserve absorbs up to 200 ms of such jitter and costs nothing at steady state.
const (
	DefaultRatePerSecond = LeverRatePerSecond
	DefaultBurst         = LeverBurst - 2
)

// NewTokenBucket returns an in-process token-bucket limiter allowing perSecond requests
// per second with bursts of burst.
func NewTokenBucket(perSecond float64, burst int) Limiter {
	return rate.NewLimiter(rate.Limit(perSecond), burst)
}

// Unlimited is a Limiter that never waits (tests, emulators without limits).
var Unlimited Limiter = unlimited{}

type unlimited struct{}

func (unlimited) Wait(ctx context.Context) error { return ctx.Err() }
