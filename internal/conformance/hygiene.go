package conformance

import (
	"context"
	"net/http"
	"reflect"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/affiliatekit/affiliatekit-go/internal/fakeserver"
	"github.com/affiliatekit/affiliatekit-go/internal/platformtest"
	"github.com/affiliatekit/affiliatekit-go/internal/secretcheck"
	"github.com/affiliatekit/affiliatekit-go/internal/testclock"
	"github.com/affiliatekit/affiliatekit-go/internal/transport"
)

// hygieneFaults are the faults every call of the hygiene check meets: every
// error class, retried and not, and bodies that are not the expected JSON.
func hygieneFaults() []fakeserver.Fault {
	return []fakeserver.Fault{
		{Status: http.StatusBadRequest}, {Status: http.StatusUnauthorized}, {Status: http.StatusForbidden},
		{Status: http.StatusNotFound}, {Status: http.StatusConflict}, {Status: http.StatusUnprocessableEntity},
		{Status: http.StatusTooManyRequests, RetryAfter: "1"}, {Status: http.StatusTooManyRequests, RetryAfter: "3600"},
		{Status: http.StatusInternalServerError}, {Status: http.StatusBadGateway, Body: "<html>bad gateway</html>"},
		{Status: http.StatusServiceUnavailable}, {Body: `{"unexpected":true}`}, {Truncate: true}, {EmptyBody: true},
		{Drop: true},
	}
}

// SecretHygiene drives a client of p's fake, with debug logging and two
// retries, through a success, every error class (p.Hygiene.Calls and the
// calls Setup adds, each after every fault), a response that never
// finishes and a real 401 for wrong credentials; it prints the clients,
// their options and every value and error in every form, and finds none
// of p.Hygiene.Secrets anywhere.
func SecretHygiene[S platformtest.Server, C platformtest.Client, O, R any](t *testing.T, p platformtest.Platform[S, C, O, R]) {
	h := p.Hygiene
	srv, _ := p.Start(t, 3, platformtest.Fake{Unthrottled: true})
	var sink secretcheck.Sink
	clk := testclock.New(p.ClockStart)
	common := []O{p.BaseURL(p.URL(srv)), p.Logger(sink.Logger()), p.MaxRetries(2), p.Clock(clk)}
	opts := p.Credentials()
	if h.Options != nil {
		opts = append(opts, h.Options(srv)...)
	}
	opts = append(opts, common...)
	c, err := p.New(opts...)
	require.NoError(t, err)
	var held []any
	var calls []func(context.Context) error
	if h.Setup != nil {
		held, calls = h.Setup(t, srv, c, opts, common)
	}
	sink.Print(c, pointee(c), opts, c.RateLimit())
	sink.Print(held...)

	ctx := context.Background()
	read, err := h.Read(ctx, c, srv)
	require.NoError(t, err)
	sink.Print(read...)
	for _, f := range append(hygieneFaults(), h.Faults...) {
		var errs []any
		for _, call := range h.Calls {
			srv.Inject(1, f)
			errs = append(errs, call(ctx, c, srv))
		}
		for _, call := range calls {
			srv.Inject(1, f)
			errs = append(errs, call(ctx))
		}
		sink.Print(errs...)
	}
	srv.Inject(1, fakeserver.Fault{Hang: true})
	hctx, cancel := context.WithTimeout(ctx, 30*time.Millisecond)
	err = h.Calls[0](hctx, c, srv)
	cancel()
	sink.Print(err)

	// A real 401 from the server, for wrong credentials.
	wrong, err := p.New(append(h.WrongCredentials(), common...)...)
	require.NoError(t, err)
	err = h.Calls[0](ctx, wrong, srv)
	require.ErrorIs(t, err, transport.ErrUnauthorized)
	sink.Print(err, wrong, pointee(wrong))

	if h.More != nil {
		h.More(t, srv, c, common, &sink)
	}
	sink.Check(t, h.Secrets(srv)...)
}

// pointee returns what the pointer v points at, or v itself when it is not
// a non-nil pointer.
func pointee(v any) any {
	r := reflect.ValueOf(v)
	if r.Kind() != reflect.Pointer || r.IsNil() {
		return v
	}
	return r.Elem().Interface()
}
