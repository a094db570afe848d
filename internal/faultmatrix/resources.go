package faultmatrix

import (
	"net/http"
	"strings"
	"sync"
	"testing"

	"github.com/affiliatekit/affiliatekit-go/internal/fakeserver"
)

// RetriedFaults are faults a retry-safe read recovers from: rate limits,
// unavailability (one with a large HTML page, larger than the 4 KiB
// go-retryablehttp drains itself), a gateway error page, and 200s whose
// body is not the expected JSON. A keep-alive test injects them one at a
// time and checks that one connection carries every retry.
func RetriedFaults() []fakeserver.Fault {
	return []fakeserver.Fault{
		{Status: http.StatusTooManyRequests, RetryAfter: "1"},
		{Status: http.StatusServiceUnavailable},
		{Status: http.StatusServiceUnavailable, Body: "<html><body>" + strings.Repeat("busy ", 4000) + "</body></html>"},
		{Status: http.StatusBadGateway, Body: "<html><body>bad gateway</body></html>"},
		{Body: `{"unexpected":true}`},
		{Body: "<html>maintenance</html>"},
		{EmptyBody: true},
	}
}

// Concurrently runs work(g) for g in [0, n) on n goroutines at once and
// reports every error it returns.
func Concurrently(t *testing.T, n int, work func(g int) error) {
	t.Helper()
	var wg sync.WaitGroup
	errs := make(chan error, n)
	for g := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if err := work(g); err != nil {
				errs <- err
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
}
