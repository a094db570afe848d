package everflow_test

import (
	"context"
	"encoding/json"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	. "github.com/affiliatekit/affiliatekit-go/everflow"
	"github.com/affiliatekit/affiliatekit-go/everflow/everflowtest"
)

func TestClicksStreamAndGet(t *testing.T) {
	srv, c, _ := demo(t)
	ctx := context.Background()
	stream, err := c.Clicks.Stream(ctx, &ClickStreamParams{
		From: feb(1), To: feb(8).Add(-time.Second), TimezoneID: TimezoneUTC,
		Query: Query{Filters: []Filter{AffiliateFilter(4)}},
	})
	require.NoError(t, err)
	require.NotEmpty(t, stream.Clicks)
	assert.False(t, stream.Truncated)
	for _, cl := range stream.Clicks {
		assert.Equal(t, int64(4), cl.Relationship.Affiliate.NetworkAffiliateID)
		assert.True(t, cl.UnixTimestamp.Before(feb(8)))
	}
	assert.JSONEq(t, `{"from":"2024-02-01 00:00:00","to":"2024-02-07 23:59:59","timezone_id":67,
		"query":{"filters":[{"resource_type":"affiliate","filter_id_value":"4"}]}}`, string(srv.Requests()[0].Body))

	first := stream.Clicks[0]
	one, err := c.Clicks.Get(ctx, first.TransactionID)
	require.NoError(t, err)
	assert.Equal(t, first.TransactionID, one.TransactionID)
	assert.Equal(t, first.IsUnique, one.IsUnique)
	assert.NotEmpty(t, one.Relationship.Geolocation.CountryCode)
	assert.Contains(t, one.Relationship.Geolocation.Other, "country_name")

	_, err = c.Clicks.Get(ctx, "no/such/click")
	assert.ErrorIs(t, err, ErrNotFound)
	var apiErr *Error
	require.ErrorAs(t, err, &apiErr)
	assert.Equal(t, "/v1/networks/reporting/clicks/no%2Fsuch%2Fclick", apiErr.Path, "the id stays one path segment")

	before := srv.RequestCount()
	_, err = c.Clicks.Stream(ctx, &ClickStreamParams{From: feb(1), To: feb(16), TimezoneID: TimezoneUTC})
	assert.ErrorContains(t, err, "longer than")
	_, err = c.Clicks.Stream(ctx, nil)
	assert.Error(t, err)
	assert.Equal(t, before, srv.RequestCount())
}

func TestClickDecodesIntAndBoolFlags(t *testing.T) {
	var cl Click
	require.NoError(t, json.Unmarshal([]byte(`{"transaction_id":"t","is_unique":1,"unix_timestamp":1707000000,
		"is_view_through":false,"has_conversion":"1","payout":1.5}`), &cl))
	assert.True(t, cl.IsUnique)
	assert.True(t, cl.HasConversion)
	assert.Equal(t, "1.5", cl.Payout.String())
	require.NoError(t, json.Unmarshal([]byte(`{"is_unique":true}`), &cl))
	assert.True(t, cl.IsUnique)
}

func TestClickStreamTruncated(t *testing.T) {
	srv := newFakeServer()
	defer srv.Close()
	srv.SeedClicks(2*everflowtest.ClickStreamLimit + 5000)
	c, _ := newTestClient(t, srv)
	s, err := c.Clicks.Stream(context.Background(), &ClickStreamParams{From: feb(1), To: feb(15), TimezoneID: TimezoneUTC})
	require.NoError(t, err)
	assert.Equal(t, ClickStreamLimit, len(s.Clicks))
	assert.True(t, s.Truncated)
}
