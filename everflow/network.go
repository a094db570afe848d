package everflow

import (
	"context"
	"encoding/json"
	"net/http"
	"time"

	"github.com/affiliatekit/affiliatekit-go/internal/transport"
)

// NetworkService reads the network the API key belongs to: networks.
type NetworkService service

// Network is the network's own record.
type Network struct {
	NetworkID           int64  `json:"network_id"`
	Name                string `json:"name"`
	Status              string `json:"status"`
	DefaultCurrencyID   string `json:"default_currency_id"`
	ReportingTimezoneID int    `json:"reporting_timezone_id"`
	// TimeCreated and TimeSaved are sent as unix seconds.
	TimeCreated time.Time `json:"time_created"`
	TimeSaved   time.Time `json:"time_saved"`
}

// UnmarshalJSON decodes the unix-second timestamps.
func (n *Network) UnmarshalJSON(b []byte) error {
	type plain Network
	aux := struct {
		*plain
		TimeCreated unixTime `json:"time_created"`
		TimeSaved   unixTime `json:"time_saved"`
	}{plain: (*plain)(n)}
	if err := json.Unmarshal(b, &aux); err != nil {
		return err
	}
	n.TimeCreated, n.TimeSaved = time.Time(aux.TimeCreated), time.Time(aux.TimeSaved)
	return nil
}

// Get returns the network's settings: GET networks.
func (s *NetworkService) Get(ctx context.Context, opts ...RequestOption) (*Network, error) {
	n := new(Network)
	if _, err := s.client.do(ctx, &transport.Request{Method: http.MethodGet, Path: "networks"}, transport.Record(n, "network_id", func(v *Network) bool { return v.NetworkID != 0 }), opts...); err != nil {
		return nil, err
	}
	return n, nil
}
