package v1test

import (
	"time"

	"github.com/affiliatekit/affiliatekit-go/internal/testclock"
)

// Clock is a fake clock for tests, to give both the client
// ([v1.WithClock]) and the server ([WithClock], passing its Now) so that
// retry and throttle waits take no real time. It is the same type in the
// fake of every package of the module, and it is safe for concurrent use.
// Its methods:
//   - Now() time.Time: the fake time;
//   - Sleep(ctx context.Context, d time.Duration) error: records d,
//     advances the clock by d and returns at once (ctx.Err() when ctx is
//     already done);
//   - AfterFunc(d time.Duration, f func()) func() bool: runs f once
//     Advance moves the clock d past now (Sleep never fires it); the
//     function returned cancels it, reporting whether it did;
//   - Advance(d time.Duration): moves the clock on by d and runs the
//     AfterFunc timers then due;
//   - PendingTimers() int: how many AfterFunc timers wait to fire;
//   - Sleeps() []time.Duration: the waits Sleep recorded, in order;
//   - Total() time.Duration: their sum.
//
// [v1.WithClock]: https://pkg.go.dev/github.com/affiliatekit/affiliatekit-go/firstpromoter/v1#WithClock
type Clock = testclock.Clock

// NewClock returns a fake clock starting at start.
func NewClock(start time.Time) *Clock { return testclock.New(start) }
