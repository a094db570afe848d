// Package unixtime turns the timestamps the platforms send (unix seconds or
// milliseconds, or parsed text) into time.Time values in UTC, refusing the
// ones a time.Time cannot carry through encoding/json: years before 0 or
// after 9999. A record decoded by this module always encodes back to JSON.
package unixtime

import (
	"fmt"
	"math"
	"time"
)

// MinSeconds and MaxSeconds bound the unix seconds of a timestamp:
// 0000-01-01T00:00:00Z to 9999-12-31T23:59:59Z.
const (
	MinSeconds = -62167219200
	MaxSeconds = 253402300799
)

// Seconds returns the UTC time sec unix seconds after the epoch.
func Seconds(sec int64) (time.Time, error) {
	if sec < MinSeconds || sec > MaxSeconds {
		return time.Time{}, fmt.Errorf("unix time %d is out of range", sec)
	}
	return time.Unix(sec, 0).UTC(), nil
}

// Millis returns the UTC time ms unix milliseconds after the epoch.
func Millis(ms int64) (time.Time, error) {
	if ms < MinSeconds*1000 || ms > MaxSeconds*1000+999 {
		return time.Time{}, fmt.Errorf("unix time %d ms is out of range", ms)
	}
	return time.UnixMilli(ms).UTC(), nil
}

// Float returns the UTC time of f unix seconds, keeping the fraction to
// the nanosecond (rounded to the millisecond when f is large).
func Float(f float64) (time.Time, error) {
	if math.IsNaN(f) || f < MinSeconds || f > MaxSeconds {
		return time.Time{}, fmt.Errorf("unix time %v is out of range", f)
	}
	sec, frac := math.Modf(f)
	return time.Unix(int64(sec), int64(frac*1e9)).UTC(), nil
}

// FloatMillis returns the UTC time of f unix milliseconds, rounded to the
// millisecond.
func FloatMillis(f float64) (time.Time, error) {
	if math.IsNaN(f) || f < MinSeconds*1000 || f > MaxSeconds*1000+999 {
		return time.Time{}, fmt.Errorf("unix time %v ms is out of range", f)
	}
	return time.UnixMilli(int64(math.Round(f))).UTC(), nil
}

// Check returns t unchanged when it encodes to JSON, in its own zone and
// in UTC, and an error otherwise (a parsed "0000-01-01T00:00:00+01:00" is
// the year -1 in UTC).
func Check(t time.Time) (time.Time, error) {
	for _, y := range []int{t.Year(), t.UTC().Year()} {
		if y < 0 || y > 9999 {
			return time.Time{}, fmt.Errorf("time %s is out of range", t.Format(time.RFC3339))
		}
	}
	return t, nil
}
