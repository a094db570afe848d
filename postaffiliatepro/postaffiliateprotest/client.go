package postaffiliateprotest

import (
	"time"

	"github.com/affiliatekit/affiliatekit-go/internal/testclock"
	"github.com/affiliatekit/affiliatekit-go/postaffiliatepro"
)

// Client returns a client for the fake, like httptest.Server.Client: its
// base URL is the fake's and it authenticates with APIKey; its throttle
// stays on at the documented quota, which the fake enforces too (pair it
// with a NewClock clock to make its waits instant). opts are applied after
// these, so they can override any of them (postaffiliatepro.WithAPIKey
// with ReadOnlyAPIKey, say). The paging style is not set: pass
// postaffiliatepro.WithPagination to match a fake started with
// WithPagination.
func (s *Server) Client(opts ...postaffiliatepro.Option) (*postaffiliatepro.Client, error) {
	base := []postaffiliatepro.Option{
		postaffiliatepro.WithBaseURL(s.URL),
		postaffiliatepro.WithAPIKey(APIKey),
	}
	return postaffiliatepro.NewClient(append(base, opts...)...)
}

// Clock is a fake clock for tests, a [postaffiliatepro.Clock]: Sleep
// returns at once and moves the clock forward, so retry and throttle
// waits take no real time. Pass it to [postaffiliatepro.WithClock] and its
// Now to [WithClock], and the client's waits refill the fake's token
// bucket too. Its methods:
//   - Now() time.Time: the fake time.
//   - Sleep(ctx context.Context, d time.Duration) error: records d, moves
//     the clock forward by d and returns at once (ctx.Err() when ctx is
//     already done).
//   - AfterFunc(d time.Duration, f func()) (stop func() bool): runs f when
//     Advance moves the clock d from now or later; Sleep never fires it.
//   - Advance(d time.Duration): moves the clock forward by d and runs the
//     timers then due.
//   - PendingTimers() int: how many AfterFunc timers wait to fire.
//   - Sleeps() []time.Duration: the waits recorded so far.
//   - Total() time.Duration: the sum of the recorded waits.
type Clock = testclock.Clock

// NewClock returns a fake clock starting at start.
func NewClock(start time.Time) *Clock { return testclock.New(start) }
