package conformance

import (
	"net/http"
	"net/url"
	"testing"

	"github.com/affiliatekit/affiliatekit-go/internal/faultmatrix"
	"github.com/affiliatekit/affiliatekit-go/internal/platformtest"
	"github.com/affiliatekit/affiliatekit-go/internal/testclock"
)

// FuzzClient returns a client of p whose every request is answered with a
// 200 of contentType and body, without any network, for a fuzz target to
// run arbitrary bodies through the whole response path.
func FuzzClient[S platformtest.Server, C platformtest.Client, O, R any](t testing.TB, p platformtest.Platform[S, C, O, R], contentType string, body []byte, opts ...O) C {
	t.Helper()
	return OfflineClient(t, p, faultmatrix.ResponseClient(http.StatusOK, contentType, body), opts...)
}

// OfflineClient returns a client of p that sends through hc, which
// answers without any network: p's credentials, a loopback base URL on the
// path of p.Input.APIRoot, no retries and a fake clock, then opts.
func OfflineClient[S platformtest.Server, C platformtest.Client, O, R any](t testing.TB, p platformtest.Platform[S, C, O, R], hc *http.Client, opts ...O) C {
	t.Helper()
	root, err := url.Parse(p.Input.APIRoot)
	if err != nil {
		t.Fatal(err)
	}
	all := append([]O{p.BaseURL("http://127.0.0.1:9" + root.Path)}, p.Credentials()...)
	all = append(all, p.HTTPClient(hc), p.MaxRetries(0), p.Clock(testclock.New(p.ClockStart)))
	c, err := p.New(append(all, opts...)...)
	if err != nil {
		t.Fatal(err)
	}
	return c
}
