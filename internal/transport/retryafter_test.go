package transport

import (
	"net/http"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
)

func TestParseRetryAfter(t *testing.T) {
	now := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	cases := []struct {
		in   string
		want time.Duration
		ok   bool
	}{
		{"", 0, false},
		{"0", 0, true},
		{"1", time.Second, true},
		{" 120 ", 2 * time.Minute, true},
		{"1.5", 1500 * time.Millisecond, true},
		{"-1", 0, false},
		{"NaN", 0, false},
		{"soon", 0, false},
		{"99999999999999999999", maxHeaderWait, true},
		{now.Add(90 * time.Second).Format(http.TimeFormat), 90 * time.Second, true},
		{now.Add(-time.Hour).Format(http.TimeFormat), 0, true},
		{now.Add(45 * time.Second).Format(time.RFC850), 45 * time.Second, true},
		{now.Add(45 * time.Second).Format(time.ANSIC), 45 * time.Second, true},
	}
	for _, tc := range cases {
		got, ok := ParseRetryAfter(tc.in, now)
		assert.Equal(t, tc.ok, ok, tc.in)
		assert.Equal(t, tc.want, got, tc.in)
	}
}

func TestBackoffFullJitterWithinBounds(t *testing.T) {
	minW, maxW := 500*time.Millisecond, 4*time.Second
	for attempt := range 10 {
		for range 50 {
			d := backoff(minW, maxW, attempt)
			assert.GreaterOrEqual(t, d, minW)
			assert.LessOrEqual(t, d, min(maxW, minW<<attempt))
		}
	}
	assert.Equal(t, time.Second, backoff(time.Second, time.Second, 3))
}

func TestParseResetKinds(t *testing.T) {
	now := time.Unix(1_700_000_000, 0)
	h := http.Header{"X-Reset": {"1700000030"}}
	rl, ok := RateLimitHeaders{Reset: "X-Reset", ResetKind: ResetUnixSeconds}.read(h, now)
	assert.True(t, ok)
	assert.Equal(t, now.Add(30*time.Second), rl.Reset)
	h = http.Header{"X-Reset": {"30"}}
	rl, ok = RateLimitHeaders{Reset: "X-Reset", ResetKind: ResetDeltaSeconds}.read(h, now)
	assert.True(t, ok)
	assert.Equal(t, now.Add(30*time.Second), rl.Reset)
	_, ok = RateLimitHeaders{Limit: "X-Limit"}.read(http.Header{"X-Limit": {"many"}}, now)
	assert.False(t, ok)
}
