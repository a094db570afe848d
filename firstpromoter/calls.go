package firstpromoter

import (
	"context"
	"io"
	"net/http"

	"github.com/affiliatekit/affiliatekit-go/internal/transport"
)

// call sends req and returns the answer decoded into a new T. target
// hands Do what to decode into: [asIs] for the value itself, [withID]
// for a record that must carry its id.
func call[T any](ctx context.Context, c *Client, req *transport.Request, target func(*T) any, opts []RequestOption) (*T, error) {
	v := new(T)
	if _, err := c.t.Do(ctx, req, target(v), opts...); err != nil {
		return nil, err
	}
	return v, nil
}

// callOrNone is [call] for an endpoint that may answer 204 No Content,
// which returns a nil value and a nil error.
func callOrNone[T any](ctx context.Context, c *Client, req *transport.Request, target func(*T) any, opts []RequestOption) (*T, error) {
	v := new(T)
	resp, err := c.t.Do(ctx, req, target(v), opts...)
	if err != nil || (resp != nil && resp.StatusCode == http.StatusNoContent) {
		return nil, err
	}
	return v, nil
}

// callList sends req and returns the records of the JSON array it
// answers, without the nulls the array may hold.
func callList[T any](ctx context.Context, c *Client, req *transport.Request, opts []RequestOption) ([]*T, error) {
	return records(call(ctx, c, req, asIs[[]*T], opts))
}

// asList returns the slice l points to as decoded, nulls included, or the
// error of the call that decoded it.
func asList[T any](l *[]*T, err error) ([]*T, error) {
	if err != nil {
		return nil, err
	}
	return *l, nil
}

// records returns the records l points to without nulls, or the error of
// the call that decoded them.
func records[L ~[]*T, T any](l *L, err error) ([]*T, error) {
	if err != nil {
		return nil, err
	}
	return transport.DropNil([]*T(*l)), nil
}

// stream sends req and returns the open body of its answer; the caller
// closes it.
func (c *Client) stream(ctx context.Context, req *transport.Request, opts []RequestOption) (io.ReadCloser, error) {
	body, _, err := c.t.Stream(ctx, req, opts...)
	if err != nil {
		return nil, err
	}
	return body, nil
}

// asIs decodes an answer into v as it comes.
func asIs[T any](v *T) any { return v }

// withID decodes an answer into v and refuses it as malformed when the
// record has no id (see transport.RecordID).
func withID[T any](v *T) any { return transport.RecordID(v) }

// get, post, put and del build the request of one call; query and body
// may be nil.
func get(path string, query any) *transport.Request {
	return &transport.Request{Method: http.MethodGet, Path: path, Query: query}
}

func post(path string, body any) *transport.Request {
	return &transport.Request{Method: http.MethodPost, Path: path, Body: body}
}

func put(path string, body any) *transport.Request {
	return &transport.Request{Method: http.MethodPut, Path: path, Body: body}
}

func del(path string) *transport.Request {
	return &transport.Request{Method: http.MethodDelete, Path: path}
}

// orEmpty returns a copy of params, or a zero value for nil: the body of
// an update given no changes is {} rather than null.
func orEmpty[P any](params *P) *P { return transport.CopyOrZero(params) }
