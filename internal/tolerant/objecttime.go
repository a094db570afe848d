package tolerant

import (
	"strconv"
	"strings"
	"time"
)

// zonedLayouts and zonelessLayouts are the timestamp layouts LooseTime
// tries, in order. Zone-less values are read in the caller's zone.
var (
	zonedLayouts = []string{
		time.RFC3339Nano,
		"2006-01-02T15:04:05Z0700",
		"2006-01-02 15:04:05Z07:00",
		"2006-01-02 15:04:05 Z07:00",
		"2006-01-02 15:04:05 -0700",
		"2006-01-02 15:04:05 MST",
		time.RFC1123Z,
		time.RFC1123,
	}
	zonelessLayouts = []string{
		"2006-01-02T15:04:05.999999999",
		"2006-01-02 15:04:05.999999999",
		"2006-01-02T15:04",
		"2006-01-02 15:04",
		time.DateOnly,
	}
)

// LooseTime reads a timestamp in any of the layouts above (zone-less ones
// in loc), or integer unix seconds (milliseconds when the number is too
// large for seconds), sent as a number or a string; nil loc means UTC. "", "0" and the MySQL
// zero dates read as the zero time. It is the reading of Object.Time,
// wider than ParseTime's for platforms that document no format.
func LooseTime(raw []byte, loc *time.Location) (time.Time, bool) {
	s, ok := Scalar(raw)
	if !ok {
		return time.Time{}, false
	}
	if loc == nil {
		loc = time.UTC
	}
	s = strings.TrimSpace(s)
	switch s {
	case "", "0", "0000-00-00", "0000-00-00 00:00:00":
		return time.Time{}, true
	}
	if n, err := strconv.ParseInt(s, 10, 64); err == nil {
		conv := UnixSeconds
		if n > secondsBelow || n < -secondsBelow {
			conv = UnixMillis
		}
		t, err := conv(n)
		return t, err == nil
	}
	for _, layout := range zonedLayouts {
		if t, err := time.Parse(layout, s); err == nil {
			_, err = CheckTime(t)
			return t, err == nil
		}
	}
	for _, layout := range zonelessLayouts {
		if t, err := time.ParseInLocation(layout, s, loc); err == nil {
			_, err = CheckTime(t)
			return t, err == nil
		}
	}
	return time.Time{}, false
}
