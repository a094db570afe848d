package everflow

import (
	"context"
	"time"
)

// MetaService reads Everflow's metadata lookups: meta/....
type MetaService service

// Timezone is one of the time zones reports are run in.
type Timezone struct {
	TimezoneID   int    `json:"timezone_id"`
	TimezoneName string `json:"timezone_name"`
	// Timezone is the IANA name, e.g. "America/New_York" or "UTC".
	Timezone string `json:"timezone"`
	// UTCOffset is the offset Everflow displays, e.g. "+14:00".
	UTCOffset string `json:"utc_offset"`
}

// Location loads the IANA time zone, for building report windows.
func (t *Timezone) Location() (*time.Location, error) { return time.LoadLocation(t.Timezone) }

// Timezones lists the time zones and their ids: GET meta/timezones.
func (s *MetaService) Timezones(ctx context.Context, opts ...RequestOption) ([]*Timezone, error) {
	zones, _, err := all[Timezone](ctx, s.client, get("meta/timezones"), "timezones", opts)
	return zones, err
}
