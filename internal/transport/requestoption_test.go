package transport

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestWithResponseInto(t *testing.T) {
	c, sc, _ := newTestClient(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("X-Request-Id", "req-1")
		if r.URL.Path == "/api/v2/missing" {
			status(http.StatusNotFound, `{"message":"no such thing"}`)(w, r)
			return
		}
		status(http.StatusOK, `{"id":1}`)(w, r)
	})

	tests := []struct {
		name       string
		path       string
		opts       []RequestOption
		wantStatus int
		wantQuery  string
		wantErr    bool
	}{
		{name: "success", path: "thing", wantStatus: 200, wantQuery: "a=1"},
		{name: "extra query after own", path: "thing", opts: []RequestOption{WithQuery(url.Values{"relationship": {"x", "y"}})}, wantStatus: 200, wantQuery: "a=1&relationship=x&relationship=y"},
		{name: "error status", path: "missing", wantStatus: 404, wantQuery: "a=1", wantErr: true},
		{name: "nil option ignored", path: "thing", opts: []RequestOption{nil}, wantStatus: 200, wantQuery: "a=1"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var resp Response
			req := &Request{Method: http.MethodGet, Path: tt.path, Query: url.Values{"a": {"1"}}}
			_, err := c.Do(context.Background(), req, nil, append(tt.opts, WithResponseInto(&resp))...)
			if tt.wantErr {
				var e *Error
				require.True(t, errors.As(err, &e))
			} else {
				require.NoError(t, err)
			}
			assert.Equal(t, tt.wantStatus, resp.StatusCode)
			assert.Equal(t, "req-1", resp.RequestID)
			assert.Equal(t, "req-1", resp.Header.Get("X-Request-Id"))
			sc.mu.Lock()
			gotQuery := sc.reqs[len(sc.reqs)-1].URL.RawQuery
			sc.mu.Unlock()
			assert.Equal(t, tt.wantQuery, gotQuery)
			assert.Nil(t, req.responseInto, "the caller's Request is not changed")
		})
	}
}

func TestWithResponseIntoNoResponse(t *testing.T) {
	c, sc, _ := newTestClient(t, status(http.StatusOK, `{}`))
	resp := Response{StatusCode: 7}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := c.Do(ctx, &Request{Method: http.MethodGet, Path: "x"}, nil, WithResponseInto(&resp))
	require.Error(t, err)
	assert.Equal(t, 7, resp.StatusCode, "left as it was")
	assert.Zero(t, sc.count())
}
