package refersion_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	. "github.com/affiliatekit/affiliatekit-go/refersion"
	"github.com/affiliatekit/affiliatekit-go/refersion/refersiontest"
)

func apiError(t *testing.T, err error) *Error {
	t.Helper()
	var e *Error
	require.ErrorAs(t, err, &e)
	return e
}

func TestWrongKeys(t *testing.T) {
	srv := refersiontest.NewServer()
	defer srv.Close()
	c, err := NewClient(WithKeys(refersiontest.PublicKey, "sec_wrong"), WithBaseURL(srv.URL))
	require.NoError(t, err)
	_, _, err = c.Affiliates.ListPage(context.Background(), nil)
	require.Error(t, err)
	assert.ErrorIs(t, err, ErrUnauthorized)
	e := apiError(t, err)
	assert.Equal(t, 401, e.StatusCode)
	assert.Equal(t, "Invalid API credentials (error 2).", e.Message)
	assert.Equal(t, "POST", e.Method)
	assert.Equal(t, "/v2/affiliate/list", e.Path)
	assert.NotContains(t, err.Error(), "sec_wrong")
	assert.Equal(t, 1, srv.RequestCount(), "a 401 is not retried")
}

// Refersion writes errors in three shapes; each yields an *Error whose
// Message holds the text.
func TestErrorShapes(t *testing.T) {
	tests := []struct {
		name     string
		status   int
		body     string
		sentinel error
		message  string
	}{
		{"error string (404 sample)", 404, string(sample(t, "error_404.json")), ErrNotFound, "Bad request, no body"},
		{"error array", 404, `{"error":["Bad request, no body","Offer does not exists on the database."]}`, ErrNotFound,
			"Bad request, no body; Offer does not exists on the database."},
		{"errors array", 422, `{"errors":["Value exceed the char limit","Invalid order ID (error 5)"]}`, ErrInvalidRequest,
			"Value exceed the char limit; Invalid order ID (error 5)"},
		{"missing field", 400, `{"error":"Missing required field X"}`, ErrInvalidRequest, "Missing required field X"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv, c, _ := newFake(t, nil)
			srv.Inject(1, refersiontest.Fault{Status: tt.status, Body: tt.body})
			_, err := c.Conversions.Totals(context.Background(), nil)
			require.Error(t, err)
			assert.ErrorIs(t, err, tt.sentinel)
			e := apiError(t, err)
			assert.Equal(t, tt.status, e.StatusCode)
			assert.Equal(t, tt.message, e.Message)
			assert.JSONEq(t, tt.body, string(e.Body))
			assert.Equal(t, 1, srv.RequestCount())
		})
	}
}

// The array-under-"error" shape as the fake produces it for affiliate/edit
// with an unknown offer.
func TestErrorArrayShapeFromFake(t *testing.T) {
	srv, c, _ := newFake(t, nil)
	a := srv.SeedAffiliates(1)[0]
	_, err := c.Affiliates.Update(context.Background(), a.ID, &AffiliateUpdateParams{Offer: 424242})
	assert.ErrorIs(t, err, ErrNotFound)
	assert.Equal(t, "Offer does not exists on the database.", apiError(t, err).Message)
}

// 204 No Content is Refersion's "invalid field" answer: an error, and not a
// malformed success to retry.
func TestNoContentIsInvalidRequest(t *testing.T) {
	srv, c, clk := newFake(t, nil)
	srv.SeedAffiliates(3)
	srv.Inject(1, refersiontest.Fault{Status: 204})
	_, _, err := c.Affiliates.ListPage(context.Background(), nil)
	require.Error(t, err)
	assert.ErrorIs(t, err, ErrInvalidRequest)
	assert.NotErrorIs(t, err, ErrMalformedResponse)
	e := apiError(t, err)
	assert.Equal(t, 204, e.StatusCode)
	assert.Contains(t, e.Message, "invalid field")
	assert.True(t, strings.HasPrefix(err.Error(), "refersion: POST /v2/affiliate/list: HTTP 204"), err.Error())
	assert.Equal(t, 1, srv.RequestCount())
	assert.Empty(t, clk.Sleeps())
}

func TestRateLimitRetryAfterIsHonoured(t *testing.T) {
	srv, c, clk := newFake(t, nil)
	srv.SeedAffiliates(5)
	srv.Inject(1, refersiontest.Fault{Status: 429, RetryAfter: "1"})
	items, _, err := c.Affiliates.ListPage(context.Background(), nil)
	require.NoError(t, err)
	assert.Len(t, items, 5)
	assert.Equal(t, 2, srv.RequestCount())
	assert.Equal(t, []time.Duration{time.Second}, clk.Sleeps())
}

func TestRateLimitTooLongFailsAtOnce(t *testing.T) {
	srv, c, clk := newFake(t, nil)
	srv.Inject(1, refersiontest.Fault{Status: 429, RetryAfter: "3600"})
	_, err := c.Conversions.Totals(context.Background(), nil)
	require.Error(t, err)
	assert.ErrorIs(t, err, ErrRateLimited)
	assert.Equal(t, time.Hour, apiError(t, err).RetryAfter)
	assert.Equal(t, 1, srv.RequestCount())
	assert.Empty(t, clk.Sleeps())
}

// An Affiliates.List page that meets a 502 is retried and the iteration
// completes.
func TestListPageRetriedAfter502(t *testing.T) {
	srv, c, clk := newFake(t, nil)
	srv.SeedAffiliates(250)
	n := 0
	for _, err := range c.Affiliates.List(context.Background()) {
		require.NoError(t, err)
		n++
		if n == 100 {
			srv.Inject(1, refersiontest.Fault{Status: 502}) // the request for page 2
		}
	}
	assert.Equal(t, 250, n)
	assert.Equal(t, 4, srv.RequestCount())
	assert.Len(t, clk.Sleeps(), 1)
}

func TestReadsRetryBrokenBodies(t *testing.T) {
	for _, f := range []refersiontest.Fault{
		{Truncate: true},
		{Body: "<html><body>Bad gateway</body></html>"},
		{Drop: true},
	} {
		srv, c, _ := newFake(t, nil)
		srv.SeedAffiliates(3)
		srv.Inject(1, f)
		items, _, err := c.Affiliates.ListPage(context.Background(), nil)
		require.NoError(t, err, "%+v", f)
		assert.Len(t, items, 3)
		assert.Equal(t, 2, srv.RequestCount())
	}
}

func TestMalformedBodies(t *testing.T) {
	tests := []struct {
		name string
		body string
		call func(c *Client) error
	}{
		{"list not an envelope", `{"data":[]}`, func(c *Client) error {
			_, _, err := c.Affiliates.ListPage(context.Background(), nil)
			return err
		}},
		{"list envelope of the wrong type", `[{"id":"694c"}]`, func(c *Client) error {
			_, _, err := c.Affiliates.ListPage(context.Background(), nil)
			return err
		}},
		{"get without id", `{"first_name":"Bill"}`, func(c *Client) error {
			_, err := c.Affiliates.Get(context.Background(), 1)
			return err
		}},
		{"credit without conversion id", `{"ok":true}`, func(c *Client) error {
			_, err := c.Conversions.ManualCredit(context.Background(), &ConversionManualCreditParams{ID: 1, Commission: amt("1"), Status: ConversionPending})
			return err
		}},
		{"credit answered with HTML", `<html>oops</html>`, func(c *Client) error {
			_, err := c.Conversions.ManualCredit(context.Background(), &ConversionManualCreditParams{ID: 1, Commission: amt("1"), Status: ConversionPending})
			return err
		}},
		{"trigger delete not an array", `{"deleted":[1]}`, func(c *Client) error {
			_, err := c.Affiliates.DeleteTriggers(context.Background(), []TriggerRef{{ID: 1, Trigger: "X", Type: TriggerCoupon}})
			return err
		}},
		{"totals without count", `{"currency":"USD"}`, func(c *Client) error {
			_, err := c.Conversions.Totals(context.Background(), nil)
			return err
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv, c, _ := newFake(t, nil, WithMaxRetries(0))
			srv.Inject(1, refersiontest.Fault{Status: 200, Body: tt.body})
			err := tt.call(c)
			require.Error(t, err)
			assert.ErrorIs(t, err, ErrMalformedResponse)
			e := apiError(t, err)
			assert.Equal(t, 200, e.StatusCode)
			assert.Contains(t, e.Path, "/v2/")
			assert.Equal(t, 1, srv.RequestCount())
		})
	}
}

func TestWriteNotRetriedAfterDroppedConnection(t *testing.T) {
	srv, c, _ := newFake(t, nil)
	srv.Inject(1, refersiontest.Fault{Drop: true})
	_, err := c.Conversions.ManualCredit(context.Background(), &ConversionManualCreditParams{ID: 1, Commission: amt("1"), Status: ConversionPending})
	require.Error(t, err)
	var e *Error
	assert.False(t, errors.As(err, &e), "a transport error, not an API error")
	assert.Contains(t, err.Error(), "refersion: POST /v2/conversion/manual_credit")
	assert.Equal(t, 1, srv.RequestCount())
}

func TestCancelledContext(t *testing.T) {
	srv, c, _ := newFake(t, nil)
	srv.SeedAffiliates(5)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	for _, err := range c.Affiliates.List(ctx) {
		assert.ErrorIs(t, err, context.Canceled)
	}
	assert.Zero(t, srv.RequestCount())
}
