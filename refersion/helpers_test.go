package refersion_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	. "github.com/affiliatekit/affiliatekit-go/refersion"
	"github.com/affiliatekit/affiliatekit-go/refersion/refersiontest"
)

// fakeStart is when the fake clock of newFake starts.
var fakeStart = time.Date(2025, time.March, 3, 12, 0, 0, 0, time.UTC)

// newFake starts a fake and a client for it that share a fake clock
// starting at fakeStart (srvOpts may give the server another).
func newFake(t *testing.T, srvOpts []refersiontest.ServerOption, opts ...Option) (*refersiontest.Server, *Client, *refersiontest.Clock) {
	t.Helper()
	clk := refersiontest.NewClock(fakeStart)
	srv := refersiontest.NewServer(append([]refersiontest.ServerOption{refersiontest.WithClock(clk.Now)}, srvOpts...)...)
	t.Cleanup(srv.Close)
	all := append([]Option{
		WithKeys(refersiontest.PublicKey, refersiontest.SecretKey),
		WithBaseURL(srv.URL),
		WithRateLimit(0, 0), // tests read the retry waits on clk alone
		WithClock(clk),
	}, opts...)
	c, err := NewClient(all...)
	require.NoError(t, err)
	return srv, c, clk
}

// sample reads a file of testdata/.
func sample(t *testing.T, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	require.NoError(t, err)
	return b
}

// lastBody decodes the JSON body of the last request the fake received.
func lastBody(t *testing.T, srv *refersiontest.Server) map[string]any {
	t.Helper()
	reqs := srv.Requests()
	require.NotEmpty(t, reqs)
	var m map[string]any
	require.NoError(t, json.Unmarshal(reqs[len(reqs)-1].Body, &m))
	return m
}

// amt parses decimal text in major units, panicking on bad text.
func amt(s string) Amount {
	a, err := ParseAmount(s, "")
	if err != nil {
		panic(err)
	}
	return a
}

// totalsText renders totals with their amounts' exact text and currency.
func totalsText(t *ConversionTotals) string {
	return fmt.Sprintf("%d commission=%s/%s orders=%s/%s commissionable=%s/%s %s", t.ConversionsCount,
		t.CommissionTotal.String(), t.CommissionTotal.Currency(), t.OrderTotal.String(), t.OrderTotal.Currency(),
		t.CommissionableOrderTotal.String(), t.CommissionableOrderTotal.Currency(), t.Currency)
}

// lastBodyNumbers decodes the last request's body keeping numbers as sent.
func lastBodyNumbers(t *testing.T, srv *refersiontest.Server) map[string]any {
	t.Helper()
	reqs := srv.Requests()
	require.NotEmpty(t, reqs)
	dec := json.NewDecoder(bytes.NewReader(reqs[len(reqs)-1].Body))
	dec.UseNumber()
	var m map[string]any
	require.NoError(t, dec.Decode(&m))
	return m
}
