package main

import (
	"context"
	"log/slog"
	"net/http"
	"sync/atomic"
	"time"
)

// counters counts one platform client's HTTP traffic: every attempt, the
// 429 answers, and the retries with the time spent waiting before them.
type counters struct {
	requests, rateLimited, retries atomic.Int64
	waited                         atomic.Int64 // nanoseconds
}

// snapshot is a copy of counters at one moment.
type snapshot struct {
	requests, rateLimited, retries int64
	waited                         time.Duration
}

func (c *counters) snapshot() snapshot {
	return snapshot{c.requests.Load(), c.rateLimited.Load(), c.retries.Load(), time.Duration(c.waited.Load())}
}

// httpClient returns an *http.Client whose transport counts requests and
// 429 answers before handing them to the client's retry logic.
func (c *counters) httpClient() *http.Client {
	return &http.Client{Transport: countingTransport{next: http.DefaultTransport, c: c}}
}

type countingTransport struct {
	next http.RoundTripper
	c    *counters
}

func (t countingTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	t.c.each(r.Context(), func(c *counters) { c.requests.Add(1) })
	resp, err := t.next.RoundTrip(r)
	if err == nil && resp.StatusCode == http.StatusTooManyRequests {
		t.c.each(r.Context(), func(c *counters) { c.rateLimited.Add(1) })
	}
	return resp, err
}

// countersKey is the context key of a stream's own counters.
type countersKey struct{}

// withCounters returns ctx carrying a stream's counters: the traffic of
// requests made with it is counted there too, so streams of one client
// that run at once each see their own.
func withCounters(ctx context.Context, c *counters) context.Context {
	return context.WithValue(ctx, countersKey{}, c)
}

// each calls f with c and with the stream's counters ctx carries.
func (c *counters) each(ctx context.Context, f func(*counters)) {
	f(c)
	if sc, ok := ctx.Value(countersKey{}).(*counters); ok && sc != c {
		f(sc)
	}
}

// logger returns the slog.Logger given to the client (WithLogger): it
// counts the SDK's retry lines, and passes every line on to next when
// next is not nil (-v).
func (c *counters) logger(next slog.Handler) *slog.Logger {
	return slog.New(countingHandler{c: c, next: next})
}

// retryMessage is the message of the SDK's log line before a retry; its
// "wait" attribute is the wait before the retry.
const retryMessage = "affiliatekit: retrying"

type countingHandler struct {
	c    *counters
	next slog.Handler
}

func (h countingHandler) Enabled(ctx context.Context, l slog.Level) bool {
	return l >= slog.LevelInfo || (h.next != nil && h.next.Enabled(ctx, l))
}

func (h countingHandler) Handle(ctx context.Context, r slog.Record) error {
	if r.Message == retryMessage {
		h.c.each(ctx, func(c *counters) { c.retries.Add(1) })
		r.Attrs(func(a slog.Attr) bool {
			if a.Key == "wait" {
				h.c.each(ctx, func(c *counters) { c.waited.Add(int64(a.Value.Duration())) })
				return false
			}
			return true
		})
	}
	if h.next != nil && h.next.Enabled(ctx, r.Level) {
		return h.next.Handle(ctx, r)
	}
	return nil
}

func (h countingHandler) WithAttrs(attrs []slog.Attr) slog.Handler {
	if h.next != nil {
		h.next = h.next.WithAttrs(attrs)
	}
	return h
}

func (h countingHandler) WithGroup(name string) slog.Handler {
	if h.next != nil {
		h.next = h.next.WithGroup(name)
	}
	return h
}
