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
	mu  sync.Mutex
	got []*Postback
	err error
}

func (rec *recorder) callbacks() Callbacks {
	return Callbacks{Postback: func(_ context.Context, p *Postback) error {
		rec.mu.Lock()
		defer rec.mu.Unlock()
		rec.got = append(rec.got, p)
		return rec.err
	}}
}

func (rec *recorder) count() int {
	rec.mu.Lock()
	defer rec.mu.Unlock()
	return len(rec.got)
}

func fire(h http.Handler, method, target string) *httptest.ResponseRecorder {
	w := httptest.NewRecorder()
	h.ServeHTTP(w, httptest.NewRequest(method, target, nil))
	return w
}

const secretTemplate = "https://hooks.example.com/everflow?tid={transaction_id}&po={payout_amount}&ts={conversion_unix_timestamp}&token=s3cr3t-9d2"

func TestHandlerReceivesDocumentedPostback(t *testing.T) {
	rec := &recorder{}
	h, err := NewHandler(docsTemplate, rec.callbacks())
	require.NoError(t, err)
	w := fire(h, http.MethodGet, docsFired)
	assert.Equal(t, http.StatusOK, w.Code)
	require.Equal(t, 1, rec.count())
	assert.Equal(t, "d5c6feef0d8f489fb91aa5cfb4d64f4e", rec.got[0].TransactionID)
}

func TestHandlerSecretParam(t *testing.T) {
	rec := &recorder{}
	h, err := NewHandler(secretTemplate, rec.callbacks(), WithSecretParam("token", "s3cr3t-9d2"))
	require.NoError(t, err)
	for _, target := range []string{
		"/everflow?tid=t1&po=1.00&ts=1707425899",
		"/everflow?tid=t1&po=1.00&ts=1707425899&token=",
		"/everflow?tid=t1&po=1.00&ts=1707425899&token=s3cr3t-9d",
		"/everflow?tid=t1&po=1.00&ts=1707425899&token=S3CR3T-9D2",
	} {
		assert.Equal(t, http.StatusUnauthorized, fire(h, http.MethodGet, target).Code, target)
	}
	assert.Zero(t, rec.count(), "no callback without the secret")
	assert.Equal(t, http.StatusOK, fire(h, http.MethodGet, "/everflow?tid=t1&po=1.00&ts=1707425899&token=s3cr3t-9d2").Code)
	assert.Equal(t, 1, rec.count())

	_, err = NewHandler(secretTemplate, Callbacks{}, WithSecretParam("tid", "x"))
	assert.Error(t, err, "the secret parameter cannot be a macro parameter")
}

// storeTemplate carries {conversion_id}, which WithStore requires.
const storeTemplate = "https://hooks.example.com/everflow?tid={transaction_id}&cid={conversion_id}&po={payout_amount}&ts={conversion_unix_timestamp}&token=s3cr3t-9d2"

func TestHandlerReplayedPostbackProcessedOnce(t *testing.T) {
	rec := &recorder{}
	h, err := NewHandler(storeTemplate, rec.callbacks(), WithStore(NewMemoryStore(0)))
	require.NoError(t, err)
	target := "/everflow?tid=t1&cid=c1&po=2.50&ts=1707425899&token=s3cr3t-9d2"
	for range 3 {
		assert.Equal(t, http.StatusOK, fire(h, http.MethodGet, target).Code)
	}
	assert.Equal(t, 1, rec.count())
	assert.Equal(t, http.StatusOK, fire(h, http.MethodGet, "/everflow?tid=t2&cid=c2&po=2.50&ts=1707425899").Code)
	assert.Equal(t, 2, rec.count())
	// A second conversion on the same click, with the same payout and
	// time, is a new event.
	assert.Equal(t, http.StatusOK, fire(h, http.MethodGet, "/everflow?tid=t1&cid=c3&po=2.50&ts=1707425899").Code)
	assert.Equal(t, 3, rec.count())
}

func TestHandlerStoreNeedsConversionID(t *testing.T) {
	_, err := NewHandler(secretTemplate, Callbacks{}, WithStore(NewMemoryStore(0)))
	require.ErrorContains(t, err, "needs {conversion_id}")
}

func TestHandlerFailedCallbackIsRetried(t *testing.T) {
	rec := &recorder{err: errors.New("ledger down")}
	h, err := NewHandler(storeTemplate, rec.callbacks(), WithStore(NewMemoryStore(0)))
	require.NoError(t, err)
	target := "/everflow?tid=t1&cid=c1&po=2.50"
	assert.Equal(t, http.StatusInternalServerError, fire(h, http.MethodGet, target).Code)
	rec.err = nil
	assert.Equal(t, http.StatusOK, fire(h, http.MethodGet, target).Code)
	assert.Equal(t, http.StatusOK, fire(h, http.MethodGet, target).Code)
	assert.Equal(t, 2, rec.count())
}

func TestHandlerPostForm(t *testing.T) {
	rec := &recorder{}
	h, err := NewHandler(secretTemplate, rec.callbacks(), WithSecretParam("token", "s3cr3t-9d2"))
	require.NoError(t, err)
	r := httptest.NewRequest(http.MethodPost, "/everflow?tid=from-query", strings.NewReader("tid=from-body&po=4.20&token=s3cr3t-9d2"))
	r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	w := httptest.NewRecorder()
	h.ServeHTTP(w, r)
	assert.Equal(t, http.StatusOK, w.Code)
	require.Equal(t, 1, rec.count())
	assert.Equal(t, "from-query", rec.got[0].TransactionID, "the query wins")
	assert.Equal(t, "4.20", rec.got[0].Payout.String())
}

func TestHandlerRejects(t *testing.T) {
	rec := &recorder{}
	h, err := NewHandler(secretTemplate, rec.callbacks(), WithMaxBodyBytes(16))
	require.NoError(t, err)
	assert.Equal(t, http.StatusBadRequest, fire(h, http.MethodGet, "/everflow").Code)
	assert.Equal(t, http.StatusBadRequest, fire(h, http.MethodGet, "/everflow?tid=t&po=free").Code)
	assert.Equal(t, http.StatusMethodNotAllowed, fire(h, http.MethodPut, "/everflow?tid=t").Code)
	r := httptest.NewRequest(http.MethodPost, "/everflow", strings.NewReader(strings.Repeat("a", 64)))
	w := httptest.NewRecorder()
	h.ServeHTTP(w, r)
	assert.Equal(t, http.StatusRequestEntityTooLarge, w.Code)
	assert.Zero(t, rec.count())

	h, err = NewHandler(secretTemplate, Callbacks{})
	require.NoError(t, err)
	assert.Equal(t, http.StatusOK, fire(h, http.MethodGet, "/everflow?tid=t").Code, "no callback: acknowledged")
}

func TestNewHandlerValidates(t *testing.T) {
	_, err := NewHandler("https://x.example/pb", Callbacks{})
	assert.Error(t, err)
	for name, opt := range map[string]Option{
		"no param": WithSecretParam("", "s"), "no secret": WithSecretParam("token"), "empty secret": WithSecretParam("token", ""),
		"nil store": WithStore(nil), "zero cap": WithMaxBodyBytes(0),
	} {
		_, err := NewHandler(secretTemplate, Callbacks{}, opt)
		assert.Error(t, err, name)
	}
	h, err := NewHandler(secretTemplate, Callbacks{}, WithSecretParam("token", "s3cr3t-9d2"))
	require.NoError(t, err)
	assert.NotContains(t, fmt.Sprintf("%+v %#v", h, h), "s3cr3t-9d2")
}
