package tolerant

import (
	"encoding/json"
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"
)

// secondsBelow is the magnitude under which Auto reads a numeric
// timestamp as seconds rather than milliseconds.
const secondsBelow = 1e11

// layouts are the text forms of a timestamp, with a zone first.
var layouts = []struct {
	layout string
	zoned  bool
}{
	{time.RFC3339Nano, true},
	{"2006-01-02 15:04:05Z07:00", true},
	{"2006-01-02T15:04:05", false},
	{"2006-01-02 15:04:05", false},
	{"2006-01-02T15:04:05.999999999", false},
	{"2006-01-02 15:04:05.999999999", false},
	{time.DateOnly, false},
}

// ParseTime reads a timestamp the tolerant way: an RFC 3339 string, a
// string in one of the zone-less layouts (in opts.Location, else UTC),
// unix seconds or milliseconds as a number or a numeric string
// (opts.NumericTime), or null, "" and 0 for the zero time. Text keeps its
// fraction to the nanosecond and a number is rounded to the millisecond,
// as on the fast path of Twins, so a record reads the same times on
// either path. The result always encodes back to JSON.
func ParseTime(r []byte, opts *Options) (time.Time, error) {
	if opts == nil {
		opts = &Options{}
	}
	return parseTime(r, opts)
}

func parseTime(r []byte, o *Options) (time.Time, error) {
	if string(r) == "null" {
		return time.Time{}, nil
	}
	s := string(r)
	quoted := len(s) > 0 && s[0] == '"'
	if quoted {
		if err := json.Unmarshal(r, &s); err != nil {
			return time.Time{}, err
		}
		s = strings.TrimSpace(s)
		if s == "" {
			return time.Time{}, nil
		}
	}
	if f, err := strconv.ParseFloat(s, 64); err == nil {
		return numberTime(f, o.NumericTime)
	}
	if quoted {
		loc := o.Location
		if loc == nil {
			loc = time.UTC
		}
		for _, l := range layouts {
			var t time.Time
			var err error
			if l.zoned {
				t, err = time.Parse(l.layout, s)
			} else {
				t, err = time.ParseInLocation(l.layout, s, loc)
			}
			if err == nil {
				return CheckTime(t)
			}
		}
	}
	return time.Time{}, fmt.Errorf("%s is not a timestamp", r)
}

// numberTime reads the number f as how says, seconds rounded to the
// millisecond: 1784119626.123 is 12:47:06.123, where float64 seconds hold
// 12:47:06.122999906. The fast path of Twins and the tolerant path both
// read numbers here, so they agree on every numeric timestamp.
func numberTime(f float64, how NumericTime) (time.Time, error) {
	switch {
	case f == 0:
		return time.Time{}, nil
	case how == Seconds, how == Auto && math.Abs(f) < secondsBelow:
		f *= 1000
	}
	return UnixFloatMillis(f)
}
