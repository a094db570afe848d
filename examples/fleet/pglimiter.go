package main

import (
	"context"
	"math"
	"time"

	"github.com/affiliatekit/affiliatekit-go/everflow"
	"github.com/jackc/pgx/v5/pgxpool"
)

// throttleMargin is the share of the quota the limiter leaves unused, as
// the SDK's built-in limiter does, so that requests that leave evenly
// spaced but arrive with some jitter still fit every window the platform
// counts.
const throttleMargin = 0.05

// pgLimiter is one account's quota, kept in Postgres and shared by every
// worker process of the fleet: the generic cell rate algorithm (a token
// bucket) with its theoretical arrival time (TAT) in rate_limits. Each
// Wait books the next start with a single UPDATE ... RETURNING, which row
// locking makes atomic across processes, then sleeps until that start
// (honouring the context). Times are the database's clock, so the
// machines' clocks need not agree.
//
// Requests start one per emission interval with a small burst (the
// tolerance); in any window of the quota's length at most 95 % of the
// quota start. When a platform says its quota is spent (Remaining 0 and a
// reset time), Observe pauses every worker of the account until then.
type pgLimiter struct {
	pool    *pgxpool.Pool
	account int64
}

// gcra returns the emission interval and tolerance for requests per per,
// the built-in limiter's shape: a burst of a tenth of the quota (1 to 10),
// the rest spread evenly, 5 % kept back.
func gcra(requests int, per time.Duration) (emission, tolerance time.Duration) {
	burst := min(max(requests/10, 1), 10)
	allowed := float64(requests) * (1 - throttleMargin)
	steady := allowed - float64(burst)
	if steady < 1 {
		burst, steady = 1, allowed
	}
	emission = time.Duration(math.Ceil(float64(per) / steady))
	return emission, time.Duration(burst-1) * emission
}

// newPGLimiter writes the account's quota into its cell (keeping the
// cell's state) and returns its limiter.
func newPGLimiter(ctx context.Context, pool *pgxpool.Pool, a *account) (*pgLimiter, error) {
	emission, tolerance := gcra(a.RateRequests, a.RatePer)
	_, err := pool.Exec(ctx, `INSERT INTO rate_limits (account_id, emission_us, tolerance_us) VALUES ($1, $2, $3)
		ON CONFLICT (account_id) DO UPDATE SET emission_us = excluded.emission_us, tolerance_us = excluded.tolerance_us
		WHERE rate_limits.emission_us <> excluded.emission_us OR rate_limits.tolerance_us <> excluded.tolerance_us`,
		a.ID, emission.Microseconds(), tolerance.Microseconds())
	if err != nil {
		return nil, err
	}
	return &pgLimiter{pool: pool, account: a.ID}, nil
}

// reserveSQL books the next start: TAT moves to max(TAT, now, pause end
// + tolerance) + emission, and the start is max(new TAT - emission -
// tolerance, now). It returns how long to wait, in microseconds.
const reserveSQL = `UPDATE rate_limits r
SET tat_us = greatest(r.tat_us, n.t, r.paused_until_us + r.tolerance_us) + r.emission_us
FROM (SELECT (extract(epoch FROM clock_timestamp()) * 1000000)::bigint AS t) n
WHERE r.account_id = $1
RETURNING greatest(r.tat_us - r.emission_us - r.tolerance_us, n.t) - n.t`

// Wait implements the SDK's Limiter: it blocks until the account may
// start a request, or returns the context's error.
func (l *pgLimiter) Wait(ctx context.Context) error {
	var waitUS int64
	if err := l.pool.QueryRow(ctx, reserveSQL, l.account).Scan(&waitUS); err != nil {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		return err
	}
	if waitUS <= 0 {
		return ctx.Err()
	}
	t := time.NewTimer(time.Duration(waitUS) * time.Microsecond)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}

// Observe implements the SDK's RateLimitObserver: a spent quota (the
// platform's Remaining 0 with its reset ahead) pauses the account's every
// worker until the reset. RateLimit is the same type in every platform
// package.
func (l *pgLimiter) Observe(rl everflow.RateLimit) {
	if rl.Remaining > 0 || rl.Limit <= 0 || rl.Reset.IsZero() {
		return
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	_, _ = l.pool.Exec(ctx, `UPDATE rate_limits SET paused_until_us = greatest(paused_until_us, $2) WHERE account_id = $1`,
		l.account, rl.Reset.UnixMicro())
}
