package webhook

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

type recorder struct {
	mu    sync.Mutex
	calls []string
	err   error
}

func (rec *recorder) add(s string) error {
	rec.mu.Lock()
	defer rec.mu.Unlock()
	rec.calls = append(rec.calls, s)
	return rec.err
}

func (rec *recorder) got() []string {
	rec.mu.Lock()
	defer rec.mu.Unlock()
	return append([]string(nil), rec.calls...)
}

func (rec *recorder) callbacks() Callbacks {
	return Callbacks{
		Conversion: func(_ context.Context, ev *Event, c *Conversion) error {
			return rec.add(fmt.Sprintf("conversion %s %d %s %v", ev.Type, c.ID, c.Status, c.CommissionTotal))
		},
		Affiliate: func(_ context.Context, ev *Event, a *Affiliate) error {
			return rec.add(fmt.Sprintf("affiliate %s %s", ev.Type, a.Code))
		},
		Trigger: func(_ context.Context, ev *Event, tr *ConversionTrigger) error {
			return rec.add(fmt.Sprintf("trigger %s %s", ev.Type, tr.Trigger))
		},
		Default: func(_ context.Context, ev *Event) error {
			return rec.add(fmt.Sprintf("default %s %s %d", ev.Type, ev.Kind, len(ev.Raw)))
		},
	}
}

func newHandler(t *testing.T, cb Callbacks, opts ...Option) *Handler {
	t.Helper()
	h, err := NewHandler(cb, append([]Option{WithSecret(testSecret)}, opts...)...)
	require.NoError(t, err)
	return h
}

func TestHandlerDispatches(t *testing.T) {
	rec := &recorder{}
	h := newHandler(t, rec.callbacks())
	payment := sample(t, "payment.json")
	for _, d := range []struct{ topic, file string }{
		{TopicApprovedConversion, "conversion_merchant.json"},
		{TopicAffiliateDetailsChange, "affiliate_details_change.json"},
		{"NEW_CONVERSION_TRIGGER", "conversion_trigger.json"},
		{"NEW_PAYMENT", "payment.json"},
		{"", "conversion_marketplace.json"},
	} {
		assert.Equal(t, http.StatusOK, serve(h, signedRequest(d.topic, sample(t, d.file), testSecret)).Code, d.file)
	}
	assert.Equal(t, []string{
		"conversion APPROVED_CONVERSION 987654321 PENDING 5.90 USD",
		"affiliate AFFILIATE_DETAILS_CHANGE a3y7",
		"trigger NEW_CONVERSION_TRIGGER CUSTOMER@TRIGGER.COM",
		fmt.Sprintf("default NEW_PAYMENT payment %d", len(payment)),
		"conversion  10308 PENDING 11.80 USD",
	}, rec.got())
}

func TestHandlerRejectsTamperedDeliveries(t *testing.T) {
	rec := &recorder{}
	h := newHandler(t, rec.callbacks())
	body := sample(t, "conversion_merchant.json")

	tampered := signedRequest(TopicApprovedConversion, body, testSecret)
	tampered.Body = httptestBody(strings.Replace(string(body), `"5.90"`, `"590.00"`, 1))
	wrong := signedRequest(TopicApprovedConversion, body, "guess")
	missing := signedRequest(TopicApprovedConversion, body, testSecret)
	missing.Header.Del(SignatureHeader)
	garbled := signedRequest(TopicApprovedConversion, body, testSecret)
	garbled.Header.Set(SignatureHeader, "not base64 at all")

	for name, r := range map[string]*http.Request{"tampered body": tampered, "wrong secret": wrong, "missing": missing, "garbled": garbled} {
		assert.Equal(t, http.StatusUnauthorized, serve(h, r).Code, name)
	}
	assert.Empty(t, rec.got())
}

func httptestBody(s string) *nopCloser { return &nopCloser{strings.NewReader(s)} }

type nopCloser struct{ *strings.Reader }

func (nopCloser) Close() error { return nil }

func TestHandlerReplayedEventProcessedOnce(t *testing.T) {
	rec := &recorder{}
	h := newHandler(t, rec.callbacks(), WithStore(NewMemoryStore(0)))
	body := sample(t, "conversion_merchant.json")
	for range 3 {
		assert.Equal(t, http.StatusOK, serve(h, signedRequest(TopicApprovedConversion, body, testSecret)).Code)
	}
	assert.Len(t, rec.got(), 1, "a redelivery of the same bytes is acknowledged, not processed")

	denied := strings.Replace(string(body), `"PENDING"`, `"DENIED"`, 1)
	assert.Equal(t, http.StatusOK, serve(h, signedRequest("DENIED_CONVERSION", []byte(denied), testSecret)).Code)
	assert.Len(t, rec.got(), 2, "a new change to the same conversion is processed")
}

func TestHandlerFailedCallbackIsRedelivered(t *testing.T) {
	rec := &recorder{err: errors.New("ledger locked")}
	h := newHandler(t, rec.callbacks(), WithStore(NewMemoryStore(0)))
	body := sample(t, "conversion_trigger.json")
	assert.Equal(t, http.StatusInternalServerError, serve(h, signedRequest("NEW_CONVERSION_TRIGGER", body, testSecret)).Code)
	rec.err = nil
	assert.Equal(t, http.StatusOK, serve(h, signedRequest("NEW_CONVERSION_TRIGGER", body, testSecret)).Code)
	assert.Equal(t, http.StatusOK, serve(h, signedRequest("NEW_CONVERSION_TRIGGER", body, testSecret)).Code)
	assert.Len(t, rec.got(), 2)
}

func TestHandlerUnknownTopicReachesDefault(t *testing.T) {
	var raw []byte
	h := newHandler(t, Callbacks{Default: func(_ context.Context, ev *Event) error { raw = ev.Raw; return nil }})
	body := []byte(`{"something": "new"}`)
	assert.Equal(t, http.StatusOK, serve(h, signedRequest("BRAND_NEW_TOPIC", body, testSecret)).Code)
	assert.Equal(t, body, raw)

	h = newHandler(t, Callbacks{})
	assert.Equal(t, http.StatusOK, serve(h, signedRequest("BRAND_NEW_TOPIC", body, testSecret)).Code, "never an error page")
}

func TestHandlerMalformedOversizedAndMethod(t *testing.T) {
	rec := &recorder{}
	h := newHandler(t, rec.callbacks(), WithMaxBodyBytes(256))
	assert.Equal(t, http.StatusBadRequest, serve(h, signedRequest("NEW_CONVERSION", []byte(`[1,2]`), testSecret)).Code)
	assert.Equal(t, http.StatusBadRequest, serve(h, signedRequest("NEW_CONVERSION", []byte(`{"id": "x1"}`), testSecret)).Code)
	assert.Equal(t, http.StatusRequestEntityTooLarge,
		serve(h, signedRequest(TopicApprovedConversion, sample(t, "conversion_merchant.json"), testSecret)).Code)
	assert.Equal(t, http.StatusMethodNotAllowed, serve(h, httptest.NewRequest(http.MethodGet, "/", nil)).Code)
	assert.Empty(t, rec.got())
}

func TestHandlerSecretRotation(t *testing.T) {
	h := newHandler(t, Callbacks{}, WithSecret("next-secret"))
	body := sample(t, "conversion_trigger.json")
	assert.Equal(t, http.StatusOK, serve(h, signedRequest("", body, testSecret)).Code)
	assert.Equal(t, http.StatusOK, serve(h, signedRequest("", body, "next-secret")).Code)
	assert.Equal(t, http.StatusUnauthorized, serve(h, signedRequest("", body, "retired")).Code)
}

func TestNewHandlerValidates(t *testing.T) {
	for name, opts := range map[string][]Option{
		"no secret": nil, "empty secret": {WithSecret(" ")}, "no secrets": {WithSecret()},
		"nil store": {WithSecret("s"), WithStore(nil)}, "zero cap": {WithSecret("s"), WithMaxBodyBytes(-1)},
	} {
		_, err := NewHandler(Callbacks{}, opts...)
		assert.Error(t, err, name)
	}
	h := newHandler(t, Callbacks{})
	assert.NotContains(t, fmt.Sprintf("%+v %#v", h, h), testSecret)
}
