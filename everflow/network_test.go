package everflow_test

import (
	"context"
	"encoding/json"
	"os"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	. "github.com/affiliatekit/affiliatekit-go/everflow"
)

func TestNetworkDecodesSample(t *testing.T) {
	raw, err := os.ReadFile("testdata/network_get.json")
	require.NoError(t, err)
	var n Network
	require.NoError(t, json.Unmarshal(raw, &n))
	assert.Equal(t, Network{
		NetworkID: 1, Name: "My Network", Status: "active", DefaultCurrencyID: "USD", ReportingTimezoneID: 67,
		TimeCreated: time.Date(2024, 3, 3, 21, 6, 40, 0, time.UTC), TimeSaved: time.Date(2024, 3, 3, 21, 6, 40, 0, time.UTC),
	}, n)
}

func TestNetworkAndTimezones(t *testing.T) {
	_, c, _ := demo(t)
	ctx := context.Background()
	n, err := c.Network.Get(ctx)
	require.NoError(t, err)
	assert.Equal(t, "Northwind Performance Network", n.Name)
	assert.Equal(t, TimezoneUTC, n.ReportingTimezoneID)

	zones, err := c.Meta.Timezones(ctx)
	require.NoError(t, err)
	require.Len(t, zones, 99)
	byID := map[int]*Timezone{}
	for _, z := range zones {
		byID[z.TimezoneID] = z
	}
	for id, name := range map[int]string{TimezoneUTC: "UTC", TimezoneNewYork: "America/New_York", TimezoneChicago: "America/Chicago",
		TimezoneLosAngeles: "America/Los_Angeles", TimezoneBerlin: "Europe/Berlin"} {
		assert.Equal(t, name, byID[id].Timezone, "timezone %d", id)
	}
	loc, err := byID[TimezoneUTC].Location()
	require.NoError(t, err)
	assert.Equal(t, "UTC", loc.String())
}
