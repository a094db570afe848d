package rewards_test

// This file is meant to be copied: it tests application code (the rewards
// package beside it) against firstpromotertest, the in-process fake of the
// FirstPromoter API. Every <platform>test package works the same way:
// NewServer, the Seed and Add methods for data, the snapshot methods
// (Commissions, Promoters, ...) to read back what your code wrote,
// Inject to make the next requests fail, RequestCount and Requests to see
// what was sent.

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/affiliatekit/affiliatekit-go/examples/testing/rewards"
	"github.com/affiliatekit/affiliatekit-go/firstpromoter"
	"github.com/affiliatekit/affiliatekit-go/firstpromoter/firstpromotertest"
)

// newServer starts a fake with 250 seeded commissions (three pages of 100)
// and stops it when the test ends.
func newServer(t *testing.T) *firstpromotertest.Server {
	t.Helper()
	srv := firstpromotertest.NewServer()
	t.Cleanup(srv.Close)
	srv.SeedPromoters(30)
	srv.SeedCommissions(250)
	return srv
}

// newClient points a client at the fake. Retry waits of milliseconds keep
// the fault tests fast (the defaults are 500ms to 60s); the client makes
// up to 4 retries after the first attempt (WithMaxRetries changes that).
func newClient(t *testing.T, srv *firstpromotertest.Server) *firstpromoter.Client {
	t.Helper()
	client, err := firstpromoter.NewClient(
		firstpromoter.WithBaseURL(srv.URL),
		firstpromoter.WithAPIKey(firstpromotertest.APIKey),
		firstpromoter.WithAccountID(firstpromotertest.AccountID),
		firstpromoter.WithRetryWait(time.Millisecond, 20*time.Millisecond),
	)
	require.NoError(t, err)
	return client
}

// wantOwed computes the expected answer from the fake's own data.
func wantOwed(srv *firstpromotertest.Server) map[int64]int64 {
	want := map[int64]int64{}
	for _, c := range srv.Commissions() {
		if c.Status == "approved" && !c.IsPaid && c.Unit == "cash" && c.PromoterCampaign != nil {
			cents, err := c.Amount.MinorUnits("USD")
			if err != nil {
				continue
			}
			want[c.PromoterCampaign.PromoterID] += cents
		}
	}
	return want
}

func TestOwed(t *testing.T) {
	srv := newServer(t)
	client := newClient(t, srv)

	got, err := rewards.Owed(context.Background(), client)
	require.NoError(t, err)
	assert.Equal(t, wantOwed(srv), got)
	assert.NotEmpty(t, got)
	assert.Equal(t, 3, srv.RequestCount(), "three pages of 100, no more")
}

func TestOwedRidesOutTransientFaults(t *testing.T) {
	srv := newServer(t)
	client := newClient(t, srv)

	// Each fault hits one request, in the order injected: here four
	// attempts in a row at the first page. The client retries every one,
	// since listing is safe to repeat.
	srv.Inject(1, firstpromotertest.Fault{Status: 429})                            // rate limited, no Retry-After
	srv.Inject(1, firstpromotertest.Fault{Body: "<html><h1>502 Bad Gateway</h1>"}) // a 200 with an HTML page
	srv.Inject(1, firstpromotertest.Fault{Truncate: true})                         // the body cut off mid-JSON
	srv.Inject(1, firstpromotertest.Fault{Status: 503, RetryAfter: "0"})           // unavailable, retry at once

	got, err := rewards.Owed(context.Background(), client)
	require.NoError(t, err)
	assert.Equal(t, wantOwed(srv), got)
	assert.Equal(t, 0, srv.PendingFaults())
	assert.Equal(t, 3+4, srv.RequestCount(), "three pages plus one retry per fault")
}

func TestOwedReportsAServerThatKeepsFailing(t *testing.T) {
	srv := newServer(t)
	client := newClient(t, srv)
	srv.Inject(10, firstpromotertest.Fault{Status: 500})

	_, err := rewards.Owed(context.Background(), client)
	require.ErrorIs(t, err, firstpromoter.ErrServer)
	var apiErr *firstpromoter.Error
	require.ErrorAs(t, err, &apiErr)
	assert.Equal(t, 500, apiErr.StatusCode)
	assert.Equal(t, "/api/v2/company/commissions", apiErr.Path)
	assert.Equal(t, 5, srv.RequestCount(), "the first attempt and four retries")
}

func TestOwedGivesUpAtOnceOnALongRateLimit(t *testing.T) {
	srv := newServer(t)
	client := newClient(t, srv)
	// A wait longer than the client's maximum is not slept: the call fails
	// at once and the error carries the wait, for a job to reschedule.
	srv.Inject(1, firstpromotertest.Fault{Status: 429, RetryAfter: "3600"})

	start := time.Now()
	_, err := rewards.Owed(context.Background(), client)
	require.ErrorIs(t, err, firstpromoter.ErrRateLimited)
	var apiErr *firstpromoter.Error
	require.ErrorAs(t, err, &apiErr)
	assert.Equal(t, time.Hour, apiErr.RetryAfter)
	assert.Less(t, time.Since(start), time.Second)
	assert.Equal(t, 1, srv.RequestCount())
}

func TestOwedStopsWhenTheContextEnds(t *testing.T) {
	srv := newServer(t)
	client := newClient(t, srv)
	srv.Inject(1, firstpromotertest.Fault{Hang: true}) // headers, then nothing

	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	_, err := rewards.Owed(ctx, client)
	require.ErrorIs(t, err, context.DeadlineExceeded)
}

// bonuses returns the stored commissions with the event id.
func bonuses(srv *firstpromotertest.Server, eventID string) []firstpromotertest.Commission {
	var out []firstpromotertest.Commission
	for _, c := range srv.Commissions() {
		if string(c.EventID) == eventID {
			out = append(out, c)
		}
	}
	return out
}

func TestGrantBonus(t *testing.T) {
	for _, tc := range []struct {
		name     string
		faults   []firstpromotertest.Fault
		requests int
	}{
		{name: "no fault", requests: 1},
		{
			// A 503 with Retry-After proves the server did not act: the
			// client retries it.
			name: "service unavailable", requests: 2,
			faults: []firstpromotertest.Fault{{Status: 503, RetryAfter: "0"}},
		},
		{
			// A bare 503 may come from a gateway after the server acted: the
			// client does not repeat the create, GrantBonus looks first.
			name: "bare service unavailable after the server acted", requests: 3,
			faults: []firstpromotertest.Fault{{Status: 503, Applied: true}},
		},
		{
			// A 502 from a gateway that gave up before the server acted:
			// the client does not repeat a create, GrantBonus does, once.
			name: "bad gateway before the server acted", requests: 2,
			faults: []firstpromotertest.Fault{{Status: 502}},
		},
		{
			// The same 502 after the server acted (Applied): the second
			// create is refused as a duplicate, and GrantBonus finds the
			// first one instead of paying twice.
			name: "bad gateway after the server acted", requests: 3,
			faults: []firstpromotertest.Fault{{Status: 502, Applied: true}},
		},
		{
			name: "connection dropped", requests: 2,
			faults: []firstpromotertest.Fault{{Drop: true}},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			srv := newServer(t)
			client := newClient(t, srv)
			pc := srv.PromoterCampaigns()[0]
			for _, f := range tc.faults {
				srv.Inject(1, f)
			}
			srv.ResetRequests()

			got, err := rewards.GrantBonus(context.Background(), client, pc.ID, 2500, "bonus-2026-q1-7")
			require.NoError(t, err)
			assert.Equal(t, "25.00", got.Amount.String(), "2500 cents")
			require.NotNil(t, got.EventID)
			assert.Equal(t, "bonus-2026-q1-7", *got.EventID)

			stored := bonuses(srv, "bonus-2026-q1-7")
			require.Len(t, stored, 1, "granted exactly once")
			assert.Equal(t, pc.ID, stored[0].PromoterCampaign.ID)
			assert.Equal(t, tc.requests, srv.RequestCount())
		})
	}
}

func TestGrantBonusDoesNotRetryARefusal(t *testing.T) {
	srv := newServer(t)
	client := newClient(t, srv)

	_, err := rewards.GrantBonus(context.Background(), client, 999999, 2500, "bonus-unknown")
	require.Error(t, err)
	assert.True(t, errors.Is(err, firstpromoter.ErrInvalidRequest) || errors.Is(err, firstpromoter.ErrNotFound), err)
	assert.Empty(t, bonuses(srv, "bonus-unknown"))
	assert.Equal(t, 1, srv.RequestCount())
}
