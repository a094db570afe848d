package tolerant

import (
	"fmt"
	"math"
	"time"
)

// MinUnixSeconds and MaxUnixSeconds bound the unix seconds of a timestamp:
// 0000-01-01T00:00:00Z to 9999-12-31T23:59:59Z, the years a time.Time
// carries through encoding/json. Every time this package returns lies
// between them, so a record it decodes always encodes back to JSON.
const (
	MinUnixSeconds = -62167219200
	MaxUnixSeconds = 253402300799
)

// UnixSeconds returns the UTC time sec unix seconds after the epoch.
func UnixSeconds(sec int64) (time.Time, error) {
	if sec < MinUnixSeconds || sec > MaxUnixSeconds {
		return time.Time{}, fmt.Errorf("unix time %d is out of range", sec)
	}
	return time.Unix(sec, 0).UTC(), nil
}

// UnixMillis returns the UTC time ms unix milliseconds after the epoch.
func UnixMillis(ms int64) (time.Time, error) {
	if ms < MinUnixSeconds*1000 || ms > MaxUnixSeconds*1000+999 {
		return time.Time{}, fmt.Errorf("unix time %d ms is out of range", ms)
	}
	return time.UnixMilli(ms).UTC(), nil
}

// UnixFloat returns the UTC time of f unix seconds, keeping the fraction
// to the nanosecond (rounded to the millisecond when f is large).
func UnixFloat(f float64) (time.Time, error) {
	if math.IsNaN(f) || f < MinUnixSeconds || f > MaxUnixSeconds {
		return time.Time{}, fmt.Errorf("unix time %v is out of range", f)
	}
	sec, frac := math.Modf(f)
	return time.Unix(int64(sec), int64(frac*1e9)).UTC(), nil
}

// UnixFloatMillis returns the UTC time of f unix milliseconds, rounded to
// the millisecond.
func UnixFloatMillis(f float64) (time.Time, error) {
	if math.IsNaN(f) || f < MinUnixSeconds*1000 || f > MaxUnixSeconds*1000+999 {
		return time.Time{}, fmt.Errorf("unix time %v ms is out of range", f)
	}
	return time.UnixMilli(int64(math.Round(f))).UTC(), nil
}

// CheckTime returns t unchanged when it encodes to JSON, in its own zone
// and in UTC, and an error otherwise (a parsed "0000-01-01T00:00:00+01:00"
// is the year -1 in UTC).
func CheckTime(t time.Time) (time.Time, error) {
	for _, y := range []int{t.Year(), t.UTC().Year()} {
		if y < 0 || y > 9999 {
			return time.Time{}, fmt.Errorf("time %s is out of range", t.Format(time.RFC3339))
		}
	}
	return t, nil
}
