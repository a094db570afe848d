package partnerstack_test

import (
	"context"
	"encoding/json"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/affiliatekit/affiliatekit-go/internal/testclock"
	"github.com/affiliatekit/affiliatekit-go/partnerstack"
	"github.com/affiliatekit/affiliatekit-go/partnerstack/partnerstacktest"
)

// newConverting returns a Vendor API client for srv that also records
// conversions on the fake's conversion host.
func newConverting(t *testing.T, srv *partnerstacktest.Server) *partnerstack.Client {
	t.Helper()
	c, err := partnerstack.NewClient(partnerstack.WithKeys(partnerstacktest.PublicKey, partnerstacktest.SecretKey), partnerstack.WithBaseURL(srv.URL),
		partnerstack.WithTrackingToken(partnerstacktest.TrackingToken), partnerstack.WithConversionBaseURL(srv.ConversionURL),
		partnerstack.WithClock(testclock.New(time.Date(2026, 1, 15, 12, 0, 0, 0, time.UTC))))
	require.NoError(t, err)
	return c
}

func TestConversionRecord(t *testing.T) {
	srv := partnerstacktest.NewServer()
	t.Cleanup(srv.Close)
	c := newConverting(t, srv)
	ctx := context.Background()

	res, err := c.Conversions.Record(ctx, &partnerstack.ConversionParams{XID: "xid_7Kq2", CustomerKey: "acct_42", Email: "ann@example.org",
		Name: "Ann Lee", SubIDs: []string{"spring"}, Meta: map[string]string{"company": "Acme"}})
	require.NoError(t, err)
	assert.Equal(t, http.StatusOK, res.StatusCode)
	assert.Equal(t, "Conversion recorded successfully", res.Message)

	got := srv.Conversions()
	require.Len(t, got, 1)
	assert.Equal(t, "xid_7Kq2", got[0].XID)
	assert.Equal(t, "acct_42", got[0].CustomerKey)
	assert.Equal(t, []string{"spring"}, got[0].SubIDs)
	assert.Equal(t, map[string]string{"company": "Acme"}, got[0].Meta)

	reqs := srv.Requests()
	require.Len(t, reqs, 1)
	assert.Equal(t, "/conversion/xid", reqs[0].Path, "at the conversion host's root, not under /api/v2")
	assert.Equal(t, "Bearer "+partnerstacktest.TrackingToken, reqs[0].Header.Get("Authorization"),
		"the tracking token, never the vendor key pair")

	// The API host never sees the tracking token.
	srv.ResetRequests()
	collect(t, c.Customers.List(ctx))
	for _, r := range srv.Requests() {
		assert.True(t, strings.HasPrefix(r.Header.Get("Authorization"), "Basic "))
		assert.NotContains(t, r.Header.Get("Authorization"), partnerstacktest.TrackingToken)
	}
}

func TestConversionRecordIsNeverRetriedOnceSent(t *testing.T) {
	srv := partnerstacktest.NewServer()
	t.Cleanup(srv.Close)
	c := newConverting(t, srv)

	srv.Inject(1, partnerstacktest.Fault{Status: http.StatusBadGateway, Applied: true})
	_, err := c.Conversions.Record(context.Background(), &partnerstack.ConversionParams{XID: "xid_1", CustomerKey: "acct_1"})
	require.Error(t, err)
	assert.ErrorIs(t, err, partnerstack.ErrOutcomeUnknown)
	assert.Equal(t, 1, srv.RequestCount(), "a conversion that may have been recorded is not sent again")
	assert.Len(t, srv.Conversions(), 1, "the gateway failed after the fake recorded it")

	// A 429 proves nothing was recorded: it is retried.
	srv.ResetRequests()
	srv.Inject(1, partnerstacktest.Fault{Status: http.StatusTooManyRequests, RetryAfter: "1"})
	_, err = c.Conversions.Record(context.Background(), &partnerstack.ConversionParams{XID: "xid_2", CustomerKey: "acct_2"})
	require.NoError(t, err)
	assert.Equal(t, 2, srv.RequestCount())
}

func TestConversionRecordNeedsTokenAndKeys(t *testing.T) {
	srv := partnerstacktest.NewServer()
	t.Cleanup(srv.Close)
	c, _, _ := newVendor(t)
	_, err := c.Conversions.Record(context.Background(), &partnerstack.ConversionParams{XID: "x", CustomerKey: "k"})
	assert.ErrorContains(t, err, "WithTrackingToken")

	cc := newConverting(t, srv)
	for _, p := range []*partnerstack.ConversionParams{nil, {CustomerKey: "k"}, {XID: "x"}} {
		_, err := cc.Conversions.Record(context.Background(), p)
		assert.Error(t, err)
	}
	assert.Zero(t, srv.RequestCount(), "nothing is sent without xid and customer_key")

	wrong, err := partnerstack.NewClient(partnerstack.WithKeys(partnerstacktest.PublicKey, partnerstacktest.SecretKey), partnerstack.WithBaseURL(srv.URL),
		partnerstack.WithTrackingToken("not-the-token"), partnerstack.WithConversionBaseURL(srv.ConversionURL), partnerstack.WithMaxRetries(0))
	require.NoError(t, err)
	_, err = wrong.Conversions.Record(context.Background(), &partnerstack.ConversionParams{XID: "x", CustomerKey: "k"})
	assert.ErrorIs(t, err, partnerstack.ErrUnauthorized)

	_, err = partnerstack.NewPartnerClient(partnerstack.WithAPIKey(partnerstacktest.APIKey), partnerstack.WithTrackingToken(partnerstacktest.TrackingToken))
	assert.Error(t, err, "the conversion call belongs to the vendor client")
	_, err = partnerstack.NewClient(partnerstack.WithKeys("a", "b"), partnerstack.WithConversionBaseURL("ftp://partnerlinks.io"))
	assert.Error(t, err)
}

func TestConversionParamsBody(t *testing.T) {
	b, err := json.Marshal(partnerstack.ConversionParams{XID: "x", CustomerKey: "k", Extra: partnerstack.Extra{"custom": 1}})
	require.NoError(t, err)
	assert.JSONEq(t, `{"xid":"x","customer_key":"k","custom":1}`, string(b))
}

func TestConversionAnswerAsText(t *testing.T) {
	srv := partnerstacktest.NewServer()
	t.Cleanup(srv.Close)
	c := newConverting(t, srv)
	srv.Inject(1, partnerstacktest.Fault{Body: "OK", ContentType: "text/plain", Applied: true})
	res, err := c.Conversions.Record(context.Background(), &partnerstack.ConversionParams{XID: "x", CustomerKey: "k"})
	require.NoError(t, err)
	assert.Equal(t, "OK", res.Message)
	assert.Equal(t, []byte("OK"), res.Body)
}
