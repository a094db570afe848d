package conformance

import (
	"testing"

	"github.com/affiliatekit/affiliatekit-go/internal/platformtest"
)

// Checks runs, as subtests, the checks every platform passes on its listed
// endpoint: every body drained so one keep-alive connection carries
// successes, retries and errors alike; no goroutine or connection left
// after a list is broken off, cancelled or failed (then the platform's own
// calls more, on the same server and client); one client shared by 64
// goroutines under -race; a body over WithMaxResponseBytes refused;
// redirects that carry no credential and no write; a repeated page ending
// the list; and a byte-order mark dropped.
func Checks[S platformtest.Server, C platformtest.Client, O, R any](t *testing.T, p platformtest.Platform[S, C, O, R], more ...func(t *testing.T, srv S, c C)) {
	t.Run("bodies_drained_keepalive_reused", func(t *testing.T) { BodiesDrainedKeepAliveReused(t, p) })
	t.Run("no_leak_after_break_cancel_or_error", func(t *testing.T) { NoLeakAfterBreakCancelOrError(t, p, more...) })
	t.Run("concurrent_use_by_64_goroutines", func(t *testing.T) { ConcurrentUse(t, 64, p) })
	t.Run("body_over_max_response_bytes", func(t *testing.T) { BodyOverMaxResponseBytes(t, p) })
	t.Run("redirect_policy", func(t *testing.T) { Redirects(t, p) })
	t.Run("page_repeats", func(t *testing.T) { PageRepeats(t, p) })
	t.Run("byte_order_mark", func(t *testing.T) { ByteOrderMark(t, p) })
}
