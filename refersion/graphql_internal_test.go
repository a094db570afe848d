package refersion

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/affiliatekit/affiliatekit-go/internal/wirecheck"
)

// The GraphQL decoding and error mapping, through the package internals.

// TestGraphQLSamplesRoundTrip decodes Refersion's documented answers field
// for field (TestVendorExamplesRoundTrip serves them through the client).
// The conversion rows carry no id in the examples; Conversion leaves an
// absent id out when it re-encodes.
func TestGraphQLSamplesRoundTrip(t *testing.T) {
	var conv struct {
		Data struct {
			Conversions []*Conversion `json:"conversions"`
		} `json:"data"`
	}
	body := sample(t, "vendor/graphql_conversions.json")
	require.NoError(t, json.Unmarshal(body, &conv))
	wirecheck.RoundTrip(t, body, conv)
	require.Len(t, conv.Data.Conversions, 2)
	c := conv.Data.Conversions[1]
	assert.Equal(t, "630.00", c.Total.String())
	assert.Equal(t, "CAD", c.CommissionTotal.Currency())
	assert.Equal(t, time.Unix(1526671881, 0).UTC(), c.Created)
	assert.Equal(t, "DEF", c.Affiliate.Name)
	assert.Empty(t, c.ID)

	var aff struct {
		Data struct {
			Affiliates []*AffiliateSummary `json:"affiliates"`
		} `json:"data"`
	}
	body = sample(t, "vendor/graphql_affiliates.json")
	require.NoError(t, json.Unmarshal(body, &aff))
	wirecheck.RoundTrip(t, body, aff)
	assert.Equal(t, "&rfsn=123456.238e5", aff.Data.Affiliates[1].RfsnParameter)

	// The rows decode through the client too.
	page := &gqlPage[Conversion]{root: "conversions"}
	require.NoError(t, json.Unmarshal(sample(t, "vendor/graphql_conversions.json"), page))
	require.NoError(t, page.Validate())
	assert.Len(t, page.data.Items, 2)

	var bad Conversion
	for _, row := range []string{`{"created":"soon"}`, `{"total":"1.00"}`, `{"created":null}`, `{"created":"1","total":"x"}`} {
		assert.Error(t, json.Unmarshal([]byte(row), &bad), row)
	}
	require.NoError(t, json.Unmarshal([]byte(`{"id":11900254,"created":1526671881}`), &bad))
	assert.Equal(t, "11900254", bad.ID.String())
}

func TestGraphQLKindByCode(t *testing.T) {
	for code, want := range map[string]error{"FORBIDDEN": ErrForbidden, "GRAPHQL_PARSE_FAILED": ErrInvalidRequest,
		"RATE_LIMITED": ErrRateLimited, "INTERNAL_SERVER_ERROR": ErrServer, "SOMETHING_NEW": ErrServer} {
		assert.True(t, errors.Is(graphQLKind(code, ""), want), code)
	}
	assert.True(t, strings.HasPrefix(gqlShownPath("offers"), "graphql("))
}
