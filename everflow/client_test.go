package everflow_test

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	. "github.com/affiliatekit/affiliatekit-go/everflow"
	"github.com/affiliatekit/affiliatekit-go/everflow/everflowtest"
)

func TestNewClientValidation(t *testing.T) {
	tests := []struct {
		name string
		opts []Option
		err  string
	}{
		{"no key", nil, "an API key is required"},
		{"blank key", []Option{WithAPIKey("  ")}, "API key is empty"},
		{"key with newline", []Option{WithAPIKey("a\nb")}, "line breaks"},
		{"bad base URL", []Option{WithAPIKey("k"), WithBaseURL("ftp://x")}, "scheme must be http or https"},
		{"negative retries", []Option{WithAPIKey("k"), WithMaxRetries(-1)}, "max retries"},
		{"bad retry wait", []Option{WithAPIKey("k"), WithRetryWait(time.Second, time.Millisecond)}, "retry wait"},
		{"bad rate limit", []Option{WithAPIKey("k"), WithRateLimit(0, time.Second)}, "rate limit"},
		{"bad response cap", []Option{WithAPIKey("k"), WithMaxResponseBytes(0)}, "max response bytes"},
		{"nil HTTP client", []Option{WithAPIKey("k"), WithHTTPClient(nil)}, "HTTP client is nil"},
		{"user agent with newline", []Option{WithAPIKey("k"), WithUserAgent("a\r\nb")}, "line breaks"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := NewClient(tt.opts...)
			assert.Nil(t, c)
			require.Error(t, err)
			assert.Contains(t, err.Error(), tt.err)
			assert.True(t, strings.HasPrefix(err.Error(), "everflow: "))
		})
	}
	c, err := NewClient(WithAPIKey("k"), WithBaseURL(EUBaseURL), WithMaxRetries(0), WithRetryWait(0, time.Second),
		WithUserAgent("sync-job/2"), WithLogger(slog.New(slog.DiscardHandler)), WithMaxResponseBytes(1<<20),
		WithRateLimit(RateLimitRequests, RateLimitWindow), WithHTTPClient(&http.Client{}), nil)
	require.NoError(t, err)
	assert.NotNil(t, c.Affiliates)
	assert.NotNil(t, c.Meta)
}

func TestRequestsCarryKeyAndHeaders(t *testing.T) {
	srv, c, _ := demo(t, WithUserAgent("sync-job/2"))
	_, err := c.Network.Get(context.Background())
	require.NoError(t, err)
	req := srv.Requests()[0]
	assert.Equal(t, everflowtest.APIKey, req.Header.Get("X-Eflow-API-Key"))
	assert.Equal(t, "/v1/networks", req.Path)
	assert.Contains(t, req.Header.Get("User-Agent"), "affiliatekit-go/")
	assert.Contains(t, req.Header.Get("User-Agent"), "sync-job/2")
	assert.Equal(t, "application/json", req.Header.Get("Accept"))
}

func TestSecretsStayOutOfPrints(t *testing.T) {
	c, err := NewClient(WithAPIKey("super-secret-key"))
	require.NoError(t, err)
	for _, s := range []string{fmt.Sprintf("%v", c), fmt.Sprintf("%+v", c), fmt.Sprintf("%#v", c)} {
		assert.NotContains(t, s, "super-secret-key")
	}
}

func TestRateLimitHeaders(t *testing.T) {
	_, c, _ := demo(t)
	assert.Zero(t, c.RateLimit())
	_, err := c.Network.Get(context.Background())
	require.NoError(t, err)
	rl := c.RateLimit()
	assert.Equal(t, everflowtest.DefaultRateLimit, rl.Limit)
	assert.Equal(t, everflowtest.DefaultRateLimit-1, rl.Remaining)
	assert.True(t, rl.Reset.IsZero(), "Everflow sends no reset time")
}

// The client keeps at most MaxConcurrentReports reporting calls in flight.
func TestReportingConcurrencyIsCapped(t *testing.T) {
	var inFlight, peak atomic.Int32
	release := make(chan struct{})
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n := inFlight.Add(1)
		defer inFlight.Add(-1)
		for {
			p := peak.Load()
			if n <= p || peak.CompareAndSwap(p, n) {
				break
			}
		}
		w.Header().Set("Content-Type", "application/json")
		if !strings.HasPrefix(r.URL.Path, "/v1/networks/reporting/") {
			_, _ = io.WriteString(w, `{"network_id": 1}`)
			return
		}
		<-release
		_, _ = io.WriteString(w, `{"total": 1}`)
	})
	ts := httptest.NewServer(h)
	defer ts.Close()
	c, err := NewClient(WithAPIKey("k"), WithBaseURL(ts.URL+"/v1"))
	require.NoError(t, err)

	var wg sync.WaitGroup
	errs := make(chan error, 25)
	for range 25 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, err := c.Conversions.Summary(context.Background(), &ConversionReportParams{From: feb(1), To: feb(2), TimezoneID: TimezoneUTC})
			errs <- err
		}()
	}
	require.Eventually(t, func() bool { return inFlight.Load() == MaxConcurrentReports }, 5*time.Second, time.Millisecond)
	// Other paths are not held back by the reporting cap.
	_, err = c.Network.Get(context.Background())
	require.NoError(t, err)
	close(release)
	wg.Wait()
	close(errs)
	for err := range errs {
		assert.NoError(t, err)
	}
	assert.Equal(t, int32(MaxConcurrentReports+1), peak.Load(), "10 reports plus the network call")
}

// Waiting for a reporting slot honours the context; an open export holds
// its slot until it is closed.
func TestReportingSlotWaitHonoursContext(t *testing.T) {
	srv, c, _ := demo(t)
	params := &PostbackReportParams{From: feb(1), To: feb(29), TimezoneID: TimezoneUTC}
	var bodies []io.ReadCloser
	for range MaxConcurrentReports {
		body, resp, err := c.Postbacks.ExportRaw(context.Background(), params, FormatJSON)
		require.NoError(t, err)
		assert.Equal(t, http.StatusOK, resp.StatusCode)
		bodies = append(bodies, body)
	}
	before := srv.RequestCount()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Millisecond)
	defer cancel()
	_, err := c.Postbacks.Report(ctx, params)
	require.Error(t, err)
	assert.ErrorIs(t, err, context.DeadlineExceeded)
	assert.Equal(t, before, srv.RequestCount(), "no request while every slot is taken")

	require.NoError(t, bodies[0].Close())
	require.NoError(t, bodies[0].Close(), "closing twice frees one slot only")
	_, err = c.Postbacks.Report(context.Background(), params)
	require.NoError(t, err)
	for _, b := range bodies[1:] {
		require.NoError(t, b.Close())
	}
	assert.Zero(t, ReportSlotsInUse(c))
}

func TestNilContext(t *testing.T) {
	_, c, _ := demo(t)
	var ctx context.Context
	_, err := c.Network.Get(ctx)
	require.Error(t, err)
	assert.False(t, errors.Is(err, ErrServer))
}
