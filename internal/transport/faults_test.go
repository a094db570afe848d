package transport

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/affiliatekit/affiliatekit-go/internal/leakcheck"
	"github.com/affiliatekit/affiliatekit-go/internal/testclock"
)

// TestRetriedLargeErrorPageKeepsTheConnection: go-retryablehttp drains only
// 4 KiB of a response it retries; a gateway's larger error page is drained
// by the transport, so the retry reuses the keep-alive connection.
func TestRetriedLargeErrorPageKeepsTheConnection(t *testing.T) {
	page := "<html><body>" + strings.Repeat("temporarily unavailable ", 2000) + "</body></html>"
	n := 0
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		if n++; n <= 2 {
			w.Header().Set("Content-Type", "text/html")
			w.WriteHeader(http.StatusServiceUnavailable)
			_, _ = w.Write([]byte(page))
			return
		}
		_, _ = w.Write([]byte(`{"id":1}`))
	}))
	defer srv.Close()
	dc := leakcheck.NewDialCounter()
	defer dc.Transport.CloseIdleConnections()
	s := NewSettings("")
	require.NoError(t, s.SetBaseURL(srv.URL))
	s.HTTPClient = dc.Client()
	s.Clock = testclock.New(time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC))
	c, err := New(Config{Settings: s, Platform: "test", Auth: BearerAuth{Token: NewSecret("t")}})
	require.NoError(t, err)

	var out struct{ ID int }
	_, err = c.Do(context.Background(), &Request{Method: http.MethodGet, Path: "x"}, &out)
	require.NoError(t, err)
	assert.Equal(t, 1, out.ID)
	assert.Equal(t, 3, n)
	assert.Equal(t, 1, dc.Dials(), "both retries reused the first connection")
}

// TestListSameEmptyPageTwiceIsAnError: a server that answers every page
// with the same body is stopped even when the page yields no records (a
// page of nulls, say), instead of being asked for pages forever.
func TestListSameEmptyPageTwiceIsAnError(t *testing.T) {
	c, sc, _ := newTestClient(t, status(200, `[null,null]`))
	page := func(ctx context.Context, o *pageOpts) ([]*item, *Response, error) {
		if o.Page == 0 {
			o.Page = 1
		}
		var raw []*item
		resp, err := c.Do(ctx, &Request{Method: "GET", Path: "items", Query: o}, &raw)
		if err != nil {
			return nil, nil, err
		}
		if len(raw) == 2 { // a full page, counted as sent
			resp.NextPage = o.Page + 1
		}
		var items []*item
		for _, it := range raw {
			if it != nil {
				items = append(items, it)
			}
		}
		return items, resp, nil
	}
	// Without the check the list would run until this deadline.
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	var errs []error
	for it, err := range List(ctx, nil, page, func(o *pageOpts, r *Response) bool {
		o.Page = r.NextPage
		return r.NextPage != 0
	}) {
		require.Nil(t, it)
		errs = append(errs, err)
	}
	require.Len(t, errs, 1)
	assert.ErrorIs(t, errs[0], ErrMalformedResponse)
	assert.ErrorContains(t, errs[0], "same page twice")
	assert.Equal(t, 2, sc.count())
}

// TestFaultsEndInTheirSentinel checks the transport's retry rules cell by
// cell for a read and a write: what is retried, how often, and the error
// left when the retries run out.
func TestFaultsEndInTheirSentinel(t *testing.T) {
	html := status(200, "<html>oops</html>", "Content-Type", "text/html")
	for _, tc := range []struct {
		name     string
		step     http.HandlerFunc
		safe     bool
		attempts int
		want     error
	}{
		{"429 read", status(429, `{"message":"slow down"}`, "Retry-After", "1"), true, 3, ErrRateLimited},
		{"429 write", status(429, `{"message":"slow down"}`), false, 3, ErrRateLimited},
		{"503 write", status(503, ``), false, 1, ErrServer},
		{"503 with Retry-After write", status(503, ``, "Retry-After", "1"), false, 3, ErrServer},
		{"500 read", status(500, ``), true, 3, ErrServer},
		{"500 write", status(500, ``), false, 1, ErrServer},
		{"504 write", status(504, ``), false, 1, ErrServer},
		{"html 200 read", html, true, 3, ErrMalformedResponse},
		{"html 200 write", html, false, 1, ErrMalformedResponse},
		{"empty 200 read", status(200, ``), true, 3, ErrMalformedResponse},
		{"wrong shape write", status(200, `[1,2]`), false, 1, ErrMalformedResponse},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c, sc, _ := newTestClient(t, tc.step)
			c.rc.RetryMax = 2
			c.cfg.MaxRetries = 2
			method := http.MethodGet
			if !tc.safe {
				method = http.MethodPost
			}
			var out struct{ ID int }
			_, err := c.Do(context.Background(), &Request{Method: method, Path: "x", Body: map[string]int{"a": 1}}, &out)
			require.ErrorIs(t, err, tc.want)
			assert.Equal(t, tc.attempts, sc.count())
			assert.Contains(t, err.Error(), fmt.Sprintf("%s /api/v2/x", method))
		})
	}
}
