package v1test_test

import (
	"context"
	"net/http"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/affiliatekit/affiliatekit-go/firstpromoter/v1/v1test"
)

// TestWithLatencyFunc: the fake asks for the latency of every request
// before answering it, and a wait the client gives up on ends with it.
func TestWithLatencyFunc(t *testing.T) {
	asked := make(chan string, 4)
	srv := v1test.NewServer(v1test.WithLatencyFunc(func(r *http.Request) time.Duration {
		asked <- r.URL.Path
		if r.URL.Query().Get("slow") != "" {
			return time.Hour
		}
		return 0
	}))
	defer srv.Close()

	resp, err := http.Get(srv.URL + "/promoters/list")
	require.NoError(t, err)
	_ = resp.Body.Close()
	assert.Equal(t, "/api/v1/promoters/list", <-asked)

	ctx, cancel := context.WithCancel(context.Background())
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, srv.URL+"/promoters/list?slow=1", nil)
	require.NoError(t, err)
	done := make(chan error, 1)
	go func() {
		resp, err := http.DefaultClient.Do(req)
		if err == nil {
			_ = resp.Body.Close()
		}
		done <- err
	}()
	<-asked // the request waits its hour now
	cancel()
	assert.ErrorIs(t, <-done, context.Canceled)
}
