package partnerstack_test

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/affiliatekit/affiliatekit-go/internal/testclock"
	"github.com/affiliatekit/affiliatekit-go/partnerstack"
	"github.com/affiliatekit/affiliatekit-go/partnerstack/partnerstacktest"
)

// emptyRecords are answers without a record that has its key.
var emptyRecords = []string{`null`, `{}`, `{"data":{}}`, `{"data":{"key":""}}`}

// TestSingleRecordCallsRefuseEmptyRecords answers calls that return one
// record with each empty record: the call fails with ErrMalformedResponse.
// A GET is retried; a POST or PATCH is sent once and its error also
// matches ErrOutcomeUnknown.
func TestSingleRecordCallsRefuseEmptyRecords(t *testing.T) {
	const retries = 2
	cases := []struct {
		name  string
		write bool
		call  func(context.Context, *partnerstack.Client) error
	}{
		{"Customers.Get", false, func(ctx context.Context, c *partnerstack.Client) error {
			_, err := c.Customers.Get(ctx, "cus_1")
			return err
		}},
		{"Customers.Create", true, func(ctx context.Context, c *partnerstack.Client) error {
			_, err := c.Customers.Create(ctx, &partnerstack.CustomerCreateParams{Email: "c@example.com", PartnerKey: "part_1"})
			return err
		}},
		{"Customers.Update", true, func(ctx context.Context, c *partnerstack.Client) error {
			_, err := c.Customers.Update(ctx, "cus_1", &partnerstack.CustomerUpdateParams{})
			return err
		}},
		{"Deals.Get", false, func(ctx context.Context, c *partnerstack.Client) error {
			_, err := c.Deals.Get(ctx, "deal_1")
			return err
		}},
		{"Leads.Get", false, func(ctx context.Context, c *partnerstack.Client) error {
			_, err := c.Leads.Get(ctx, "lead_1")
			return err
		}},
		{"Partnerships.Get", false, func(ctx context.Context, c *partnerstack.Client) error {
			_, err := c.Partnerships.Get(ctx, "part_1")
			return err
		}},
		{"Products.Get", false, func(ctx context.Context, c *partnerstack.Client) error {
			_, err := c.Products.Get(ctx, "prod_1")
			return err
		}},
		{"ProductBooks.Get", false, func(ctx context.Context, c *partnerstack.Client) error {
			_, err := c.ProductBooks.Get(ctx, "pb_1")
			return err
		}},
		{"Reports.GetConfiguration", false, func(ctx context.Context, c *partnerstack.Client) error {
			_, err := c.Reports.GetConfiguration(ctx, "cfg_1")
			return err
		}},
		{"Reports.GetExport", false, func(ctx context.Context, c *partnerstack.Client) error {
			_, err := c.Reports.GetExport(ctx, "exp_1")
			return err
		}},
		{"Tiers.Get", false, func(ctx context.Context, c *partnerstack.Client) error {
			_, err := c.Tiers.Get(ctx, "tier_1")
			return err
		}},
		{"Tiers.GetCollection", false, func(ctx context.Context, c *partnerstack.Client) error {
			_, err := c.Tiers.GetCollection(ctx, "col_1")
			return err
		}},
		{"Webhooks.Get", false, func(ctx context.Context, c *partnerstack.Client) error {
			_, err := c.Webhooks.Get(ctx, "wh_1")
			return err
		}},
	}
	for _, tc := range cases {
		for _, body := range emptyRecords {
			t.Run(tc.name+"/"+body, func(t *testing.T) {
				var n atomic.Int32
				ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
					n.Add(1)
					w.Header().Set("Content-Type", "application/json")
					_, _ = io.WriteString(w, body)
				}))
				t.Cleanup(ts.Close)
				c, err := partnerstack.NewClient(partnerstack.WithKeys(partnerstacktest.PublicKey, partnerstacktest.SecretKey),
					partnerstack.WithBaseURL(ts.URL+"/api/v2"), partnerstack.WithMaxRetries(retries),
					partnerstack.WithClock(testclock.New(time.Date(2026, 1, 15, 12, 0, 0, 0, time.UTC))))
				require.NoError(t, err)
				err = tc.call(context.Background(), c)
				require.ErrorIs(t, err, partnerstack.ErrMalformedResponse)
				if tc.write {
					assert.ErrorIs(t, err, partnerstack.ErrOutcomeUnknown)
					assert.EqualValues(t, 1, n.Load(), "a write is sent once")
				} else {
					assert.NotErrorIs(t, err, partnerstack.ErrOutcomeUnknown)
					assert.EqualValues(t, retries+1, n.Load(), "a read is retried")
				}
			})
		}
	}
}
