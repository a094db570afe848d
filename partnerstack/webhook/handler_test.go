package webhook

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"

	"github.com/affiliatekit/affiliatekit-go/partnerstack"
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
		Partnership: func(_ context.Context, ev *Event, p *partnerstack.Partnership) error {
			return rec.add("partnership " + ev.Type + " " + p.PartnerKey)
		},
		Customer: func(_ context.Context, ev *Event, c *partnerstack.Customer) error {
			return rec.add("customer " + ev.Type + " " + c.Key)
		},
		Action: func(_ context.Context, ev *Event, a *partnerstack.Action) error {
			return rec.add("action " + ev.Type + " " + a.Key)
		},
		Test: func(_ context.Context, ev *Event) error { return rec.add("test") },
		Default: func(_ context.Context, ev *Event) error {
			return rec.add(fmt.Sprintf("default %q %d", ev.Type, len(ev.Raw)))
		},
	}
}

func newHandler(t *testing.T, cb Callbacks, opts ...Option) *Handler {
	t.Helper()
	h, err := NewHandler(cb, opts...)
	require.NoError(t, err)
	return h
}

func TestHandlerDispatches(t *testing.T) {
	rec := &recorder{}
	h := newHandler(t, rec.callbacks())
	agreement := sample(t, "agreement_accepted.json")
	for _, name := range []string{"partnership_created.json", "customer_created.json", "postback_action_created.json",
		"postback_test.json", "agreement_accepted.json"} {
		assert.Equal(t, http.StatusOK, deliver(h, "/hook", sample(t, name)).Code, name)
	}
	assert.Equal(t, []string{
		"partnership partnership_created JohnSmith",
		"customer customer_created cus_Ak7az1vjG4iNux",
		"action action_created act_PP3vbJSbOVkG93",
		"test",
		fmt.Sprintf("default \"\" %d", len(agreement)),
	}, rec.got())
}

func TestHandlerEventTypeForSingleEventURLs(t *testing.T) {
	var got *Event
	h := newHandler(t, Callbacks{Default: func(_ context.Context, ev *Event) error { got = ev; return nil }},
		WithEventType(AgreementAccepted))
	body := sample(t, "agreement_accepted.json")
	assert.Equal(t, http.StatusOK, deliver(h, "/hook", body).Code)
	require.NotNil(t, got)
	assert.Equal(t, AgreementAccepted, got.Type)
	assert.Equal(t, body, got.Raw)
}

func TestHandlerSecretParam(t *testing.T) {
	rec := &recorder{}
	h := newHandler(t, rec.callbacks(), WithSecretParam("token", "tok-7f3a9c"))
	body := sample(t, "partnership_created.json")
	for _, target := range []string{"/hook", "/hook?token=", "/hook?token=tok-7f3a9", "/hook?tok=tok-7f3a9c", "/hook?token=TOK-7F3A9C"} {
		assert.Equal(t, http.StatusUnauthorized, deliver(h, target, body).Code, target)
	}
	assert.Empty(t, rec.got(), "no callback runs without the token")
	assert.Equal(t, http.StatusOK, deliver(h, "/hook?token=tok-7f3a9c", body).Code)
	assert.Len(t, rec.got(), 1)
}

func TestHandlerReplayedEventProcessedOnce(t *testing.T) {
	rec := &recorder{}
	h := newHandler(t, rec.callbacks(), WithStore(NewMemoryStore(0)))
	body := sample(t, "customer_created.json")
	for range 3 {
		assert.Equal(t, http.StatusOK, deliver(h, "/hook", body).Code)
	}
	assert.Len(t, rec.got(), 1)
}

func TestHandlerFailedCallbackIsRedelivered(t *testing.T) {
	rec := &recorder{err: errors.New("crm down")}
	h := newHandler(t, rec.callbacks(), WithStore(NewMemoryStore(0)))
	body := sample(t, "partnership_created.json")
	assert.Equal(t, http.StatusInternalServerError, deliver(h, "/hook", body).Code)
	rec.err = nil
	assert.Equal(t, http.StatusOK, deliver(h, "/hook", body).Code)
	assert.Len(t, rec.got(), 2)
}

func TestHandlerUnknownEvents(t *testing.T) {
	rec := &recorder{}
	h := newHandler(t, rec.callbacks())
	assert.Equal(t, http.StatusOK, deliver(h, "/hook", []byte(`{"event": "reward_created", "data": {"key": "rwrd_1"}}`)).Code)
	assert.Equal(t, []string{`default "reward_created" 54`}, rec.got())

	h = newHandler(t, Callbacks{})
	assert.Equal(t, http.StatusOK, deliver(h, "/hook", []byte(`{"event": "brand_new"}`)).Code, "never an error page")
}

func TestHandlerMalformedOversizedAndMethod(t *testing.T) {
	rec := &recorder{}
	h := newHandler(t, rec.callbacks(), WithMaxBodyBytes(64))
	assert.Equal(t, http.StatusBadRequest, deliver(h, "/hook", []byte(`not json`)).Code)
	assert.Equal(t, http.StatusBadRequest, deliver(h, "/hook", []byte(`{"event": "customer_updated", "created_at": {}}`)).Code)
	assert.Equal(t, http.StatusRequestEntityTooLarge, deliver(h, "/hook", sample(t, "customer_created.json")).Code)
	w := httptest.NewRecorder()
	h.ServeHTTP(w, httptest.NewRequest(http.MethodGet, "/hook", nil))
	assert.Equal(t, http.StatusMethodNotAllowed, w.Code)
	assert.Empty(t, rec.got())
}

func TestNewHandlerValidates(t *testing.T) {
	for name, opt := range map[string]Option{
		"no param name": WithSecretParam("", "s"), "no secret": WithSecretParam("token"),
		"empty secret": WithSecretParam("token", ""), "empty event": WithEventType(" "),
		"nil store": WithStore(nil), "zero cap": WithMaxBodyBytes(0),
	} {
		_, err := NewHandler(Callbacks{}, opt)
		assert.Error(t, err, name)
	}
	h := newHandler(t, Callbacks{}, WithSecretParam("token", "tok-7f3a9c"))
	assert.NotContains(t, fmt.Sprintf("%+v %#v", h, h), "tok-7f3a9c")
}
