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

func (s snapshot) sub(o snapshot) snapshot {
	return snapshot{s.requests - o.requests, s.rateLimited - o.rateLimited, s.retries - o.retries, s.waited - o.waited}
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
	t.c.requests.Add(1)
	resp, err := t.next.RoundTrip(r)
	if err == nil && resp.StatusCode == http.StatusTooManyRequests {
		t.c.rateLimited.Add(1)
	}
	return resp, err
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
		h.c.retries.Add(1)
		r.Attrs(func(a slog.Attr) bool {
			if a.Key == "wait" {
				h.c.waited.Add(int64(a.Value.Duration()))
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
