package firstpromoter_test

import (
	"context"
	"testing"

	"github.com/affiliatekit/affiliatekit-go/firstpromoter"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestSliceAnswersDropNulls: the calls that return a slice rather than an
// iterator never hand out a nil entry for a null in the body.
func TestSliceAnswersDropNulls(t *testing.T) {
	ctx := context.Background()
	tests := []struct {
		name string
		body string
		call func(c *firstpromoter.Client) (int, error)
	}{
		{"PromoterCampaigns.Search", `[null,{"id":1},null]`, func(c *firstpromoter.Client) (int, error) {
			out, err := c.PromoterCampaigns.Search(ctx, "ada")
			return len(out), err
		}},
		{"PromoterCampaigns.ReferralLinks", `[{"id":1},null]`, func(c *firstpromoter.Client) (int, error) {
			out, err := c.PromoterCampaigns.ReferralLinks(ctx, 7)
			return len(out), err
		}},
		{"Reports.Overview", `[null,{"id":"2026-01-01"}]`, func(c *firstpromoter.Client) (int, error) {
			out, err := c.Reports.Overview(ctx, reportParams())
			return len(out), err
		}},
		{"Commissions.Create", `[{"id":1},null]`, func(c *firstpromoter.Client) (int, error) {
			out, err := c.Commissions.Create(ctx, &firstpromoter.CommissionCreateParams{
				CommissionType: firstpromoter.CommissionCustom, PromoterCampaignID: 1, Amount: cents(100)})
			return len(out), err
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, _ := newWireClient(t, wireJSON(200, tt.body))
			n, err := tt.call(c)
			require.NoError(t, err)
			assert.Equal(t, 1, n)
		})
	}
}
