package refersion_test

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	. "github.com/affiliatekit/affiliatekit-go/refersion"
	"github.com/affiliatekit/affiliatekit-go/refersion/refersiontest"
)

// emptyRecords are answers that decode to a record without its identifier.
var emptyRecords = []string{`null`, `{}`, `{"id":0,"trigger_id":0,"conversion_id":0}`}

// TestSingleRecordCallsRefuseEmptyRecords runs every call that answers one
// record against the fake (which answers each with its identifier), then
// against each empty record: a read is retried and fails with
// ErrMalformedResponse, a write is sent once and its error also matches
// ErrOutcomeUnknown.
func TestSingleRecordCallsRefuseEmptyRecords(t *testing.T) {
	const retries = 2
	cases := []struct {
		name  string
		write bool
		call  func(context.Context, *Client, refersiontest.Affiliate) error
	}{
		{"Affiliates.Get", false, func(ctx context.Context, c *Client, a refersiontest.Affiliate) error {
			_, err := c.Affiliates.Get(ctx, a.ID)
			return err
		}},
		{"Affiliates.GetByCode", false, func(ctx context.Context, c *Client, a refersiontest.Affiliate) error {
			_, err := c.Affiliates.GetByCode(ctx, a.Code)
			return err
		}},
		{"Affiliates.Create", true, func(ctx context.Context, c *Client, _ refersiontest.Affiliate) error {
			_, err := c.Affiliates.Create(ctx, &AffiliateCreateParams{
				FirstName: "Jane", LastName: "Doe", Email: "jane@example.com", Password: "Str0ng!Pass", Status: AffiliateActive,
			})
			return err
		}},
		{"Affiliates.AddTrigger", true, func(ctx context.Context, c *Client, a refersiontest.Affiliate) error {
			_, err := c.Affiliates.AddTrigger(ctx, &TriggerCreateParams{AffiliateCode: a.Code, Type: TriggerCoupon, Trigger: "code100"})
			return err
		}},
		{"Conversions.ManualCredit", true, func(ctx context.Context, c *Client, a refersiontest.Affiliate) error {
			_, err := c.Conversions.ManualCredit(ctx, &ConversionManualCreditParams{ID: a.ID, Commission: amt("5"), Status: ConversionApproved})
			return err
		}},
	}
	setup := func(t *testing.T) (*refersiontest.Server, *Client, refersiontest.Affiliate) {
		srv, c, _ := newFake(t, nil, WithMaxRetries(retries))
		a := srv.AddAffiliate(refersiontest.Affiliate{FirstName: "Bill", LastName: "Smith", Email: "bill@example.com"})
		return srv, c, a
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, c, a := setup(t)
			require.NoError(t, tc.call(context.Background(), c, a), "the fake answers a record with its identifier")
			for _, body := range emptyRecords {
				t.Run(body, func(t *testing.T) {
					srv, c, a := setup(t)
					srv.Inject(retries+1, refersiontest.Fault{Status: 200, Body: body})
					err := tc.call(context.Background(), c, a)
					require.ErrorIs(t, err, ErrMalformedResponse)
					if tc.write {
						assert.ErrorIs(t, err, ErrOutcomeUnknown)
						assert.Equal(t, 1, srv.RequestCount(), "a write is sent once")
					} else {
						assert.NotErrorIs(t, err, ErrOutcomeUnknown)
						assert.Equal(t, retries+1, srv.RequestCount(), "a read is retried")
					}
				})
			}
		})
	}
}
