package everflow

import (
	"context"
	"net/http"
	"time"

	"github.com/affiliatekit/affiliatekit-go/internal/transport"
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
	out := &envelope[Timezone]{key: "timezones"}
	resp, err := s.client.do(ctx, &transport.Request{Method: http.MethodGet, Path: "meta/timezones"}, out, opts...)
	if err != nil {
		return nil, err
	}
	if !out.found {
		return nil, s.client.malformed(http.MethodGet, "meta/timezones", resp, nil, `the response has no "timezones" list`, nil)
	}
	return transport.DropNil(out.items), nil
}
