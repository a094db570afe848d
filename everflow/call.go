package everflow

import (
	"context"
	"net/http"

	"github.com/affiliatekit/affiliatekit-go/internal/transport"
)

// get, post and put build the request of a call. A POST built with post
// is a write, never retried after it may have reached the server; the
// POSTs that only read (searches, reports, exports) set RetrySafe.
func get(path string) *transport.Request {
	return &transport.Request{Method: http.MethodGet, Path: path}
}

func post(path string, body any) *transport.Request {
	return &transport.Request{Method: http.MethodPost, Path: path, Body: body}
}

func put(path string, body any) *transport.Request {
	return &transport.Request{Method: http.MethodPut, Path: path, Body: body}
}

// read is a POST that only reads (a report or a summary), retried like a
// GET.
func read(path string, body any) *transport.Request {
	return &transport.Request{Method: http.MethodPost, Path: path, Body: body, RetrySafe: true}
}

// record sends r and returns the answer decoded into a new T, checked by
// check (a transport.Record of T, say).
func record[T any](ctx context.Context, c *Client, r *transport.Request, check func(*T) *transport.Checked[T], opts []RequestOption) (*T, error) {
	v := new(T)
	if _, err := c.do(ctx, r, check(v), opts...); err != nil {
		return nil, err
	}
	return v, nil
}

// unchecked is the check of an answer that has nothing to check.
func unchecked[T any](v *T) *transport.Checked[T] {
	return &transport.Checked[T]{V: v, Check: func(*T) error { return nil }}
}

// nonNil returns s, or an empty slice for nil: a list the API requires
// even when it is empty.
func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}
