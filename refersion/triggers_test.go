package refersion_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/affiliatekit/affiliatekit-go/internal/testclock"
	. "github.com/affiliatekit/affiliatekit-go/refersion"
	"github.com/affiliatekit/affiliatekit-go/refersion/refersiontest"
)

func TestAffiliatesAddTrigger(t *testing.T) {
	srv, c, _ := newFake(t, nil)
	a := srv.AddAffiliate(refersiontest.Affiliate{FirstName: "Bill", LastName: "Smith", Email: "bill@example.com"})
	ctx := context.Background()

	tr, err := c.Affiliates.AddTrigger(ctx, &TriggerCreateParams{AffiliateCode: a.Code, Type: TriggerCoupon, Trigger: "code100"})
	require.NoError(t, err)
	assert.Equal(t, "CODE100", tr.Trigger)
	assert.NotZero(t, tr.TriggerID)
	assert.Equal(t, map[string]any{"affiliate_code": a.Code, "type": "COUPON", "trigger": "code100"}, lastBody(t, srv))
	require.Len(t, srv.Triggers(), 1)
	assert.Equal(t, a.ID, srv.Triggers()[0].AffiliateID)

	_, err = c.Affiliates.AddTrigger(ctx, &TriggerCreateParams{AffiliateCode: a.Code, Type: TriggerCoupon, Trigger: "CODE100"})
	var apiErr *Error
	require.ErrorAs(t, err, &apiErr)
	assert.Equal(t, "Conversion trigger already exists for same or another affiliate.", apiErr.Message)

	_, err = c.Affiliates.AddTrigger(ctx, &TriggerCreateParams{AffiliateCode: a.Code, Type: TriggerCoupon})
	assert.ErrorContains(t, err, "required")
	assert.Equal(t, 2, srv.RequestCount())
}

func TestAffiliatesDeleteTriggers(t *testing.T) {
	srv, c, _ := newFake(t, []refersiontest.ServerOption{refersiontest.WithDemoData()})
	before := srv.Triggers()
	require.GreaterOrEqual(t, len(before), 2)
	ctx := context.Background()

	ids, err := c.Affiliates.DeleteTriggers(ctx, []TriggerRef{
		{ID: before[0].AffiliateID, Trigger: before[0].Trigger, Type: TriggerCoupon},
		{ID: before[1].AffiliateID, Trigger: before[1].Trigger, Type: TriggerType(before[1].Type)},
	})
	require.NoError(t, err)
	assert.Equal(t, []int64{before[0].TriggerID, before[1].TriggerID}, ids)
	assert.Len(t, srv.Triggers(), len(before)-2)

	_, err = c.Affiliates.DeleteTriggers(ctx, []TriggerRef{{ID: before[0].AffiliateID, Trigger: "NOPE", Type: TriggerCoupon}})
	var apiErr *Error
	require.ErrorAs(t, err, &apiErr)
	assert.Equal(t, 422, apiErr.StatusCode)
	assert.Equal(t, "The following conversion trigger does not exist in our records: NOPE.", apiErr.Message)
}

func TestAffiliatesDeleteTriggersBatchLimit(t *testing.T) {
	srv, c, _ := newFake(t, nil)
	refs := make([]TriggerRef, MaxBatch+1)
	for i := range refs {
		refs[i] = TriggerRef{ID: 1, Trigger: "X", Type: TriggerCoupon}
	}
	_, err := c.Affiliates.DeleteTriggers(context.Background(), refs)
	assert.ErrorContains(t, err, "51 triggers given, more than the 50")
	_, err = c.Affiliates.DeleteTriggers(context.Background(), []TriggerRef{{ID: 1, Type: TriggerCoupon}})
	assert.ErrorContains(t, err, "needs ID, Trigger and Type")
	assert.Zero(t, srv.RequestCount())
}

// trigger/delete's 429 means "more than 50 items": it must never be retried
// or taken for a rate limit.
func TestAffiliatesDeleteTriggers429IsNotARateLimit(t *testing.T) {
	srv, c, clk := newFake(t, nil)
	srv.Inject(1, refersiontest.Fault{Status: 429, Body: string(sample(t, "error_429_trigger_delete.json"))})

	_, err := c.Affiliates.DeleteTriggers(context.Background(), []TriggerRef{{ID: 1, Trigger: "X", Type: TriggerCoupon}})
	require.Error(t, err)
	assert.Equal(t, 1, srv.RequestCount(), "never retried")
	assert.Empty(t, clk.Sleeps())
	assert.NotErrorIs(t, err, ErrRateLimited)
	assert.ErrorIs(t, err, ErrInvalidRequest)
	var apiErr *Error
	require.ErrorAs(t, err, &apiErr)
	assert.Equal(t, "Max number of elements on attribute (50) reached.", apiErr.Message)
}

// A real rate limit on trigger/delete, with or without Retry-After, is
// retried like any 429, against a scripted server that counts the attempts.
func TestAffiliatesDeleteTriggersRealRateLimitRetried(t *testing.T) {
	t.Run("with Retry-After", func(t *testing.T) { testTriggerRateLimit(t, "2") })
	t.Run("without Retry-After", func(t *testing.T) { testTriggerRateLimit(t, "") })
}

func testTriggerRateLimit(t *testing.T, retryAfter string) {
	calls := 0
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		calls++
		if calls == 1 {
			if retryAfter != "" {
				w.Header().Set("Retry-After", retryAfter)
			}
			w.WriteHeader(http.StatusTooManyRequests)
			_, _ = w.Write([]byte(`{"error":"Too Many Requests"}`))
			return
		}
		_, _ = w.Write([]byte(`[23213131]`))
	}))
	defer ts.Close()
	clk := testclock.New(time.Date(2025, time.March, 3, 12, 0, 0, 0, time.UTC))
	c, err := NewClient(WithKeys("pub", "sec"), WithBaseURL(ts.URL+"/v2"), WithRateLimit(0, 0), WithClock(clk))
	require.NoError(t, err)

	ids, err := c.Affiliates.DeleteTriggers(context.Background(), []TriggerRef{{ID: 1, Trigger: "X", Type: TriggerCoupon}})
	require.NoError(t, err)
	assert.Equal(t, []int64{23213131}, ids)
	assert.Equal(t, 2, calls)
	require.Len(t, clk.Sleeps(), 1)
	if retryAfter != "" {
		assert.Equal(t, 2*time.Second, clk.Sleeps()[0])
	}
}
