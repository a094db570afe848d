package everflow

import (
	"context"
	"encoding/json"
	"time"

	"github.com/affiliatekit/affiliatekit-go/internal/tolerant"
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
	return json.Unmarshal(b, &struct {
		*plain
		TimeCreated *tolerant.Unix `json:"time_created"`
		TimeSaved   *tolerant.Unix `json:"time_saved"`
	}{(*plain)(n), (*tolerant.Unix)(&n.TimeCreated), (*tolerant.Unix)(&n.TimeSaved)})
}

// Get returns the network's settings: GET networks.
func (s *NetworkService) Get(ctx context.Context, opts ...RequestOption) (*Network, error) {
	return record(ctx, s.client, get("networks"), func(n *Network) *transport.Checked[Network] {
		return transport.Record(n, "network_id", func(v *Network) bool { return v.NetworkID != 0 })
	}, opts)
}
