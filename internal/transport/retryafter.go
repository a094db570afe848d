package transport

import (
	"math/rand/v2"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// ParseRetryAfter reads a Retry-After value in either form, delta-seconds
// or an HTTP-date, relative to now. It reports false for an absent or
// unparsable value. A date in the past is a zero wait.
func ParseRetryAfter(v string, now time.Time) (time.Duration, bool) {
	v = strings.TrimSpace(v)
	if v == "" {
		return 0, false
	}
	if secs, err := strconv.ParseFloat(v, 64); err == nil {
		if secs < 0 || secs != secs { // negative or NaN
			return 0, false
		}
		if secs > maxHeaderWait.Seconds() {
			return maxHeaderWait, true
		}
		return time.Duration(secs * float64(time.Second)), true
	}
	t, err := http.ParseTime(v)
	if err != nil {
		return 0, false
	}
	d := t.Sub(now)
	if d < 0 {
		d = 0
	}
	return min(d, maxHeaderWait), true
}

// maxHeaderWait bounds any wait read from a header, so arithmetic on it
// never overflows.
const maxHeaderWait = 7 * 24 * time.Hour

// ResetKind says how a platform's rate-limit reset header is written.
type ResetKind int

// Reset header encodings.
const (
	ResetNone         ResetKind = iota
	ResetUnixSeconds            // absolute unix timestamp
	ResetDeltaSeconds           // seconds from now
)

// RateLimitHeaders names the headers a platform uses to announce its quota.
type RateLimitHeaders struct {
	Limit     string
	Remaining string
	Reset     string
	ResetKind ResetKind
}

// RateLimit is the quota the server announced in its last response.
// Zero fields mean the server did not say.
type RateLimit struct {
	Limit     int
	Remaining int
	Reset     time.Time
}

// read parses the headers; ok is false when none of them is present.
func (h RateLimitHeaders) read(hdr http.Header, now time.Time) (RateLimit, bool) {
	var rl RateLimit
	found := false
	if h.Limit != "" {
		if n, err := strconv.Atoi(strings.TrimSpace(hdr.Get(h.Limit))); err == nil {
			rl.Limit, found = n, true
		}
	}
	if h.Remaining != "" {
		if n, err := strconv.Atoi(strings.TrimSpace(hdr.Get(h.Remaining))); err == nil {
			rl.Remaining, found = n, true
		}
	}
	if h.Reset != "" {
		if t, ok := parseReset(hdr.Get(h.Reset), h.ResetKind, now); ok {
			rl.Reset, found = t, true
		}
	}
	return rl, found
}

func parseReset(v string, kind ResetKind, now time.Time) (time.Time, bool) {
	n, err := strconv.ParseInt(strings.TrimSpace(v), 10, 64)
	if err != nil || n < 0 {
		return time.Time{}, false
	}
	switch kind {
	case ResetUnixSeconds:
		if n > now.Add(maxHeaderWait).Unix() {
			return time.Time{}, false
		}
		return time.Unix(n, 0), true
	case ResetDeltaSeconds:
		if n > int64(maxHeaderWait/time.Second) {
			n = int64(maxHeaderWait / time.Second)
		}
		return now.Add(time.Duration(n) * time.Second), true
	}
	return time.Time{}, false
}

// backoff is exponential backoff with full jitter: a random wait between
// minWait and min(maxWait, minWait*2^attempt).
func backoff(minWait, maxWait time.Duration, attempt int) time.Duration {
	ceiling := minWait
	for i := 0; i < attempt && ceiling < maxWait; i++ {
		ceiling *= 2
	}
	if ceiling > maxWait || ceiling <= 0 {
		ceiling = maxWait
	}
	if ceiling <= minWait {
		return minWait
	}
	return minWait + rand.N(ceiling-minWait+1)
}
