package partnerstacktest

import (
	"time"

	"github.com/affiliatekit/affiliatekit-go/internal/testclock"
	"github.com/affiliatekit/affiliatekit-go/partnerstack"
)

// Client returns a Vendor API client for the fake, like
// httptest.Server.Client: its base URL and conversion host are the
// fake's, it authenticates with PublicKey and SecretKey (and TrackingToken
// on the conversion host), and its client-side throttle is off, as the
// fake sets no quota unless WithRateLimit says so. opts are applied after
// these, so they can override any of them (partnerstack.WithClock with a
// NewClock clock, say).
func (s *Server) Client(opts ...partnerstack.Option) (*partnerstack.Client, error) {
	base := []partnerstack.Option{
		partnerstack.WithKeys(PublicKey, SecretKey),
		partnerstack.WithBaseURL(s.URL),
		partnerstack.WithTrackingToken(TrackingToken),
		partnerstack.WithConversionBaseURL(s.ConversionURL),
		partnerstack.WithRateLimit(0, 0),
	}
	return partnerstack.NewClient(append(base, opts...)...)
}

// PartnerClient returns a Partner API client for the fake: its base URL,
// APIKey (the partner of PartnerPartnershipKey) and no client-side
// throttle, then opts.
func (s *Server) PartnerClient(opts ...partnerstack.Option) (*partnerstack.PartnerClient, error) {
	base := []partnerstack.Option{
		partnerstack.WithAPIKey(APIKey),
		partnerstack.WithBaseURL(s.URL),
		partnerstack.WithRateLimit(0, 0),
	}
	return partnerstack.NewPartnerClient(append(base, opts...)...)
}

// Clock is a fake clock for tests, a [partnerstack.Clock]: Sleep returns at
// once and moves the clock forward, so retry and throttle waits take no
// real time. Pass it to [partnerstack.WithClock] and its Now to
// [WithClock], and the client's waits move the fake's time too. Its
// methods:
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
