package everflow

import (
	"errors"
	"fmt"
	"time"
)

// Time zone ids Everflow documents; fetch the full list with
// Meta.Timezones.
const (
	TimezoneUTC        = 67
	TimezoneNewYork    = 80
	TimezoneChicago    = 85
	TimezoneLosAngeles = 90
	TimezoneBerlin     = 56
)

// Report window limits, checked before any request is sent.
const (
	// MaxClickWindow is the longest window of the raw click stream.
	MaxClickWindow = 14 * 24 * time.Hour
)

// wireWindow is a report window in the form Everflow reads.
type wireWindow struct {
	From       string `json:"from"`
	To         string `json:"to"`
	TimezoneID int    `json:"timezone_id"`
}

// reportWindow checks and encodes a report window.
//
// From and To are sent as the wall-clock date and time they hold in their
// own Location (they are not converted); Everflow reads them in the time
// zone timezoneID. When both are at midnight they are sent as dates
// (YYYY-MM-DD), which Everflow reads as whole days, To included; otherwise
// as YYYY-MM-DD HH:MM:SS. The window may span at most one year.
func reportWindow(from, to time.Time, timezoneID int) (wireWindow, error) {
	if err := checkWindow(from, to, timezoneID); err != nil {
		return wireWindow{}, err
	}
	if wallClock(to).After(wallClock(from).AddDate(1, 0, 0)) {
		return wireWindow{}, fmt.Errorf("the window %s to %s is longer than one year, the longest Everflow reports",
			from.Format(time.DateOnly), to.Format(time.DateOnly))
	}
	layout := time.DateTime
	if midnight(from) && midnight(to) {
		layout = time.DateOnly
	}
	return wireWindow{From: from.Format(layout), To: to.Format(layout), TimezoneID: timezoneID}, nil
}

// clickWindow checks and encodes a raw click window: always
// YYYY-MM-DD HH:MM:SS, at most MaxClickWindow long.
func clickWindow(from, to time.Time, timezoneID int) (wireWindow, error) {
	if err := checkWindow(from, to, timezoneID); err != nil {
		return wireWindow{}, err
	}
	if d := wallClock(to).Sub(wallClock(from)); d > MaxClickWindow {
		return wireWindow{}, fmt.Errorf("the click window %s is longer than the %s Everflow allows", d, MaxClickWindow)
	}
	return wireWindow{From: from.Format(time.DateTime), To: to.Format(time.DateTime), TimezoneID: timezoneID}, nil
}

func checkWindow(from, to time.Time, timezoneID int) error {
	switch {
	case from.IsZero() || to.IsZero():
		return errors.New("the window needs From and To")
	case timezoneID <= 0:
		return fmt.Errorf("TimezoneID is required (TimezoneUTC is %d; Meta.Timezones lists them all)", TimezoneUTC)
	case wallClock(to).Before(wallClock(from)):
		return fmt.Errorf("the window's To (%s) is before From (%s)", to.Format(time.DateTime), from.Format(time.DateTime))
	}
	return nil
}

// wallClock reads t's wall-clock fields as UTC, which is how Everflow
// reads the strings sent for t.
func wallClock(t time.Time) time.Time {
	return time.Date(t.Year(), t.Month(), t.Day(), t.Hour(), t.Minute(), t.Second(), 0, time.UTC)
}

func midnight(t time.Time) bool {
	return t.Hour() == 0 && t.Minute() == 0 && t.Second() == 0 && t.Nanosecond() == 0
}
