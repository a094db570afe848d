package webhookkit

import (
	"bytes"
	"context"
	"errors"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// failingStore fails every call.
type failingStore struct{}

func (failingStore) Claim(context.Context, string) (ClaimState, error) {
	return ClaimNew, errors.New("redis down")
}
func (failingStore) Complete(context.Context, string) error { return errors.New("redis down") }
func (failingStore) Release(context.Context, string) error  { return errors.New("redis down") }

func testHandler(run func(context.Context) error) *Handler {
	return &Handler{
		Platform: "test",
		Verify: func(r *http.Request, _ []byte) error {
			if r.Header.Get("X-Ok") != "1" {
				return ErrInvalidSignature
			}
			return nil
		},
		Parse: func(_ *http.Request, body []byte) (*Delivery, error) {
			if !bytes.HasPrefix(body, []byte("ev:")) {
				return nil, ErrMalformedPayload
			}
			return &Delivery{Key: string(body), Type: "t", Run: run}, nil
		},
	}
}

func post(h http.Handler, body string, ok bool) *httptest.ResponseRecorder {
	r := httptest.NewRequest(http.MethodPost, "/hook", strings.NewReader(body))
	if ok {
		r.Header.Set("X-Ok", "1")
	}
	w := httptest.NewRecorder()
	h.ServeHTTP(w, r)
	return w
}

func TestHandlerStatusCodes(t *testing.T) {
	calls := 0
	h := testHandler(func(context.Context) error { calls++; return nil })
	assert.Equal(t, http.StatusOK, post(h, "ev:1", true).Code)
	assert.Equal(t, http.StatusUnauthorized, post(h, "ev:1", false).Code)
	assert.Equal(t, http.StatusBadRequest, post(h, "junk", true).Code)
	assert.Equal(t, 1, calls)

	w := httptest.NewRecorder()
	h.ServeHTTP(w, httptest.NewRequest(http.MethodPut, "/hook", nil))
	assert.Equal(t, http.StatusMethodNotAllowed, w.Code)
	assert.Equal(t, "text/plain; charset=utf-8", w.Header().Get("Content-Type"))

	h.MaxBodyBytes = 3
	assert.Equal(t, http.StatusRequestEntityTooLarge, post(h, "ev:1", true).Code)
}

func TestHandlerNilRunAcknowledges(t *testing.T) {
	h := testHandler(nil)
	h.Store = NewMemoryStore(0)
	assert.Equal(t, http.StatusOK, post(h, "ev:1", true).Code)
	assert.Zero(t, h.Store.(*MemoryStore).Len(), "nothing is recorded for an event nobody processes")
}

func TestHandlerStoreFailureAsksForRetry(t *testing.T) {
	var logs bytes.Buffer
	calls := 0
	h := testHandler(func(context.Context) error { calls++; return nil })
	h.Store = failingStore{}
	h.Logger = slog.New(slog.NewTextHandler(&logs, nil))
	assert.Equal(t, http.StatusServiceUnavailable, post(h, "ev:1", true).Code)
	assert.Zero(t, calls)
	assert.Contains(t, logs.String(), "redis down")
}

func TestHandlerPanicReleasesClaim(t *testing.T) {
	store := NewMemoryStore(0)
	h := testHandler(func(context.Context) error { panic("boom") })
	h.Store = store
	require.Panics(t, func() { post(h, "ev:1", true) })
	st, _ := store.Claim(context.Background(), "test:ev:1")
	assert.Equal(t, ClaimNew, st, "the panicking delivery released its claim")
}

func TestHandlerKeysArePrefixedWithThePlatform(t *testing.T) {
	store := NewMemoryStore(0)
	h := testHandler(func(context.Context) error { return nil })
	h.Store = store
	post(h, "ev:1", true)
	st, _ := store.Claim(context.Background(), "test:ev:1")
	assert.Equal(t, ClaimDone, st)
}

func TestHandlerLogsRejectionsAndFailures(t *testing.T) {
	var logs bytes.Buffer
	h := testHandler(func(context.Context) error { return errors.New("db down") })
	h.Logger = slog.New(slog.NewTextHandler(&logs, nil))
	assert.Equal(t, http.StatusInternalServerError, post(h, "ev:1", true).Code)
	assert.Equal(t, http.StatusUnauthorized, post(h, "ev:2", false).Code)
	out := logs.String()
	assert.Contains(t, out, "db down")
	assert.Contains(t, out, "webhook rejected")
	assert.Contains(t, out, "status=401")
}

func TestReadBody(t *testing.T) {
	r := httptest.NewRequest(http.MethodPost, "/", strings.NewReader("hello"))
	b, err := ReadBody(nil, r, 0)
	require.NoError(t, err)
	assert.Equal(t, "hello", string(b))

	r = httptest.NewRequest(http.MethodPost, "/", nil)
	b, err = ReadBody(nil, r, 0)
	require.NoError(t, err)
	assert.Empty(t, b)

	r = httptest.NewRequest(http.MethodPost, "/", strings.NewReader("hello"))
	r.ContentLength = -1
	_, err = ReadBody(httptest.NewRecorder(), r, 4)
	assert.ErrorIs(t, err, ErrPayloadTooLarge)
}
