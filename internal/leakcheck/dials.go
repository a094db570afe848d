package leakcheck

import (
	"context"
	"net"
	"net/http"
	"sync/atomic"
)

// DialCounter is an HTTP transport of its own (so its idle connections can
// be closed) that counts the connections it opens: a client that drains
// and closes every body reuses one keep-alive connection for a run of
// sequential calls.
type DialCounter struct {
	// Transport is the transport to give the client under test.
	Transport *http.Transport
	dials     atomic.Int64
}

// NewDialCounter returns a counting transport.
func NewDialCounter() *DialCounter {
	d := &DialCounter{}
	var dialer net.Dialer
	d.Transport = &http.Transport{
		DialContext: func(ctx context.Context, network, addr string) (net.Conn, error) {
			d.dials.Add(1)
			return dialer.DialContext(ctx, network, addr)
		},
		MaxIdleConnsPerHost: 64,
	}
	return d
}

// Dials returns how many connections were opened.
func (d *DialCounter) Dials() int { return int(d.dials.Load()) }

// Client returns an HTTP client on the counting transport.
func (d *DialCounter) Client() *http.Client { return &http.Client{Transport: d.Transport} }
