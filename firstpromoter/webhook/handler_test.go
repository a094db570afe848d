package webhook

import (
	"bytes"
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/affiliatekit/affiliatekit-go/firstpromoter"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// recorder collects what the callbacks received.
type recorder struct {
	mu    sync.Mutex
	calls []string
	err   error // returned by every callback while set
}

func (rec *recorder) add(s string) error {
	rec.mu.Lock()
	defer rec.mu.Unlock()
	rec.calls = append(rec.calls, s)
	return rec.err
}

func (rec *recorder) setErr(err error) {
	rec.mu.Lock()
	defer rec.mu.Unlock()
	rec.err = err
}

func (rec *recorder) got() []string {
	rec.mu.Lock()
	defer rec.mu.Unlock()
	return append([]string(nil), rec.calls...)
}

func (rec *recorder) callbacks() Callbacks {
	return Callbacks{
		Promoter: func(_ context.Context, ev *Event, p *firstpromoter.Promoter) error {
			return rec.add("promoter " + ev.Type + " " + p.Email)
		},
		Referral: func(_ context.Context, ev *Event, r *firstpromoter.Referral) error {
			return rec.add("referral " + ev.Type + " " + string(r.State))
		},
		Commission: func(_ context.Context, ev *Event, c *firstpromoter.Commission) error {
			return rec.add("commission " + ev.Type + " " + string(c.Status))
		},
		Payout: func(_ context.Context, ev *Event, p *firstpromoter.Payout) error {
			return rec.add("payout " + ev.Type)
		},
		PromoterCampaign: func(_ context.Context, ev *Event, pc *firstpromoter.PromoterCampaign) error {
			return rec.add("promoter_campaign " + ev.Type)
		},
		Test: func(_ context.Context, ev *Event) error {
			return rec.add("test " + ev.Type)
		},
		Default: func(_ context.Context, ev *Event) error {
			return rec.add("default " + ev.Type + " " + string(ev.Raw[:1]))
		},
	}
}

func newHandler(t *testing.T, cb Callbacks, opts ...Option) *Handler {
	t.Helper()
	h, err := NewHandler(cb, append([]Option{WithSecret(testSecret)}, opts...)...)
	require.NoError(t, err)
	return h
}

func TestHandlerDispatchesSamples(t *testing.T) {
	rec := &recorder{}
	h := newHandler(t, rec.callbacks())
	for _, name := range []string{"promoter_created.json", "referral_updated.json", "commission_updated.json", "contract_document_signed.json"} {
		w := serve(h, signedRequest(sample(t, name), testSecret))
		assert.Equal(t, http.StatusOK, w.Code, name)
	}
	assert.Equal(t, []string{
		"promoter promoter.created jane@example.com",
		"referral referral.updated active",
		"commission commission.updated approved",
		"default contract_document.signed {",
	}, rec.got())
}

func TestHandlerRejectsTamperedDeliveries(t *testing.T) {
	rec := &recorder{}
	h := newHandler(t, rec.callbacks())
	body := sample(t, "referral_updated.json")

	tamperedBody := signedRequest(body, testSecret)
	tamperedBody.Body = httptestBody(bytes.Replace(body, []byte(`"active"`), []byte(`"denied"`), 1))

	wrongSecret := signedRequest(body, "not-the-secret")

	flipped := signedRequest(body, testSecret)
	sig := flipped.Header.Get(SignatureHeader)
	flipped.Header.Set(SignatureHeader, sig[:10]+flipHex(sig[10])+sig[11:])

	missing := signedRequest(body, testSecret)
	missing.Header.Del(SignatureHeader)

	for name, r := range map[string]*http.Request{
		"tampered body": tamperedBody, "wrong secret": wrongSecret, "tampered signature": flipped, "no signature": missing,
	} {
		w := serve(h, r)
		assert.Equal(t, http.StatusUnauthorized, w.Code, name)
	}
	assert.Empty(t, rec.got(), "no callback runs for a delivery that fails verification")
}

func httptestBody(b []byte) *readCloser { return &readCloser{bytes.NewReader(b)} }

type readCloser struct{ *bytes.Reader }

func (readCloser) Close() error { return nil }

func TestHandlerReplayedEventProcessedOnce(t *testing.T) {
	rec := &recorder{}
	h := newHandler(t, rec.callbacks(), WithStore(NewMemoryStore(0)))
	body := sample(t, "commission_updated.json")
	first := serve(h, signedRequest(body, testSecret))
	second := serve(h, signedRequest(body, testSecret))
	assert.Equal(t, http.StatusOK, first.Code)
	assert.Equal(t, http.StatusOK, second.Code, "a redelivery is acknowledged")
	assert.Contains(t, second.Body.String(), "already processed")
	assert.Equal(t, []string{"commission commission.updated approved"}, rec.got())

	// The same event id with another body (FirstPromoter re-serialising) is
	// still the same event.
	other := bytes.Replace(body, []byte(`"unit": "cash"`), []byte(`"unit":"cash"`), 1)
	require.NotEqual(t, body, other)
	assert.Equal(t, http.StatusOK, serve(h, signedRequest(other, testSecret)).Code)
	assert.Len(t, rec.got(), 1)
}

func TestHandlerFailedCallbackIsRedelivered(t *testing.T) {
	rec := &recorder{err: errors.New("database down")}
	h := newHandler(t, rec.callbacks(), WithStore(NewMemoryStore(0)))
	body := sample(t, "referral_updated.json")

	w := serve(h, signedRequest(body, testSecret))
	assert.Equal(t, http.StatusInternalServerError, w.Code, "FirstPromoter retries non-2xx answers")
	assert.NotContains(t, w.Body.String(), "database down", "callback errors stay on the server")

	rec.setErr(nil)
	assert.Equal(t, http.StatusOK, serve(h, signedRequest(body, testSecret)).Code)
	assert.Equal(t, http.StatusOK, serve(h, signedRequest(body, testSecret)).Code)
	assert.Len(t, rec.got(), 2, "failed once, processed once, then deduplicated")
}

func TestHandlerConcurrentRedeliveryIsAskedToRetry(t *testing.T) {
	entered, release := make(chan struct{}), make(chan struct{})
	var calls atomic.Int32
	h := newHandler(t, Callbacks{Referral: func(context.Context, *Event, *firstpromoter.Referral) error {
		calls.Add(1)
		close(entered)
		<-release
		return nil
	}}, WithStore(NewMemoryStore(0)))
	body := sample(t, "referral_updated.json")

	done := make(chan int)
	go func() { done <- serve(h, signedRequest(body, testSecret)).Code }()
	<-entered
	w := serve(h, signedRequest(body, testSecret))
	assert.Equal(t, http.StatusConflict, w.Code)
	close(release)
	assert.Equal(t, http.StatusOK, <-done)
	assert.Equal(t, int32(1), calls.Load())
}

func TestHandlerUnknownAndUnhandledEvents(t *testing.T) {
	body := []byte(`{"event_id": "u-1", "event_type": "affiliate.teleported", "entity_type": "affiliate", "data": {"id": 9}}`)
	rec := &recorder{}
	h := newHandler(t, rec.callbacks())
	w := serve(h, signedRequest(body, testSecret))
	assert.Equal(t, http.StatusOK, w.Code)
	assert.Equal(t, []string{"default affiliate.teleported {"}, rec.got())

	var raw []byte
	h = newHandler(t, Callbacks{Default: func(_ context.Context, ev *Event) error { raw = ev.Raw; return nil }})
	serve(h, signedRequest(sample(t, "promoter_created.json"), testSecret))
	assert.Equal(t, sample(t, "promoter_created.json"), raw, "a known event without its typed callback reaches Default")

	h = newHandler(t, Callbacks{})
	w = serve(h, signedRequest(body, testSecret))
	assert.Equal(t, http.StatusOK, w.Code, "never an error page for an event nobody handles")
}

func TestHandlerTestDeliveries(t *testing.T) {
	body := []byte(`{"event_id": "t-1", "event_type": "referral.created", "action": "created", "entity_type": "referral", "data": {"test": true}}`)
	rec := &recorder{}
	h := newHandler(t, rec.callbacks())
	assert.Equal(t, http.StatusOK, serve(h, signedRequest(body, testSecret)).Code)
	assert.Equal(t, []string{"test referral.created"}, rec.got())

	cb := rec.callbacks()
	cb.Test = nil
	rec.calls = nil
	h = newHandler(t, cb)
	assert.Equal(t, http.StatusOK, serve(h, signedRequest(body, testSecret)).Code)
	assert.Empty(t, rec.got(), "without Test, a test delivery is acknowledged and not passed on as a referral")
}

func TestHandlerMalformedAndOversized(t *testing.T) {
	rec := &recorder{}
	h := newHandler(t, rec.callbacks(), WithMaxBodyBytes(512))
	for name, tc := range map[string]struct {
		body []byte
		code int
	}{
		"not json":           {[]byte(`{"event_type": `), http.StatusBadRequest},
		"no event type":      {[]byte(`{"event_id": "x"}`), http.StatusBadRequest},
		"bad resource":       {[]byte(`{"event_type": "referral.created", "entity_type": "referral", "data": {"id": "abc"}}`), http.StatusBadRequest},
		"oversized":          {sample(t, "promoter_created.json"), http.StatusRequestEntityTooLarge},
		"oversized, chunked": {[]byte(strings.Repeat(" ", 600) + `{}`), http.StatusRequestEntityTooLarge},
	} {
		r := signedRequest(tc.body, testSecret)
		if strings.HasSuffix(name, "chunked") {
			r.ContentLength = -1
		}
		assert.Equal(t, tc.code, serve(h, r).Code, name)
	}
	assert.Empty(t, rec.got())
}

func TestHandlerMethod(t *testing.T) {
	h := newHandler(t, Callbacks{})
	w := serve(h, httptest.NewRequest(http.MethodGet, "/", nil))
	assert.Equal(t, http.StatusMethodNotAllowed, w.Code)
	assert.Equal(t, "POST", w.Header().Get("Allow"))
}

func TestHandlerBasicAuthAndHeaders(t *testing.T) {
	rec := &recorder{}
	h := newHandler(t, rec.callbacks(), WithBasicAuth("fp", "hunter2"), WithHeader("x-api-key", "my-secret-token"))
	body := sample(t, "promoter_created.json")
	good := func() *http.Request {
		r := signedRequest(body, testSecret)
		r.SetBasicAuth("fp", "hunter2")
		r.Header.Set("X-Api-Key", "my-secret-token")
		return r
	}
	noAuth := good()
	noAuth.Header.Del("Authorization")
	wrongPass := good()
	wrongPass.SetBasicAuth("fp", "hunter3")
	wrongHeader := good()
	wrongHeader.Header.Set("X-Api-Key", "guess")
	noHeader := good()
	noHeader.Header.Del("X-Api-Key")
	for name, r := range map[string]*http.Request{"no auth": noAuth, "wrong password": wrongPass, "wrong header": wrongHeader, "no header": noHeader} {
		assert.Equal(t, http.StatusUnauthorized, serve(h, r).Code, name)
	}
	assert.Empty(t, rec.got())
	assert.Equal(t, http.StatusOK, serve(h, good()).Code)
	assert.Len(t, rec.got(), 1)
}

func TestHandlerSecretRotation(t *testing.T) {
	rec := &recorder{}
	h := newHandler(t, rec.callbacks(), WithSecret("the-new-secret"))
	body := sample(t, "promoter_created.json")
	assert.Equal(t, http.StatusOK, serve(h, signedRequest(body, testSecret)).Code)
	assert.Equal(t, http.StatusOK, serve(h, signedRequest(body, "the-new-secret")).Code)
	assert.Equal(t, http.StatusUnauthorized, serve(h, signedRequest(body, "an-old-old-secret")).Code)
}

func TestNewHandlerValidates(t *testing.T) {
	for name, opts := range map[string][]Option{
		"no secret":           nil,
		"empty secret":        {WithSecret("")},
		"no secrets":          {WithSecret()},
		"half basic auth":     {WithSecret("s"), WithBasicAuth("fp", "")},
		"empty header":        {WithSecret("s"), WithHeader("X-Key", "")},
		"nil store":           {WithSecret("s"), WithStore(nil)},
		"non-positive limits": {WithSecret("s"), WithMaxBodyBytes(0)},
	} {
		_, err := NewHandler(Callbacks{}, opts...)
		assert.Error(t, err, name)
	}
}

func TestHandlerSecretsNeverPrint(t *testing.T) {
	h := newHandler(t, Callbacks{}, WithBasicAuth("fp", "hunter2"), WithHeader("X-Key", "tok-123"))
	for _, verb := range []string{"%v", "%+v", "%#v"} {
		out := sprintf(verb, h)
		for _, secret := range []string{testSecret, "hunter2", "tok-123"} {
			assert.NotContains(t, out, secret, verb)
		}
	}
}

func TestHandlerOverLoopback(t *testing.T) {
	rec := &recorder{}
	srv := httptest.NewServer(newHandler(t, rec.callbacks()))
	defer srv.Close()
	body := sample(t, "referral_updated.json")
	req, err := http.NewRequest(http.MethodPost, srv.URL, bytes.NewReader(body))
	require.NoError(t, err)
	req.Header.Set(SignatureHeader, Sign(testSecret, body))
	resp, err := srv.Client().Do(req)
	require.NoError(t, err)
	defer resp.Body.Close()
	assert.Equal(t, http.StatusOK, resp.StatusCode)
	assert.Equal(t, []string{"referral referral.updated active"}, rec.got())
}
