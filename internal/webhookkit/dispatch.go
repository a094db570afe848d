package webhookkit

import (
	"context"
	"net/http"
)

// ParseWith returns a Handler.Parse that decodes a delivery into a
// platform's event with parse and picks its callback with route.
func ParseWith[E any](parse func(r *http.Request, body []byte) (E, error),
	route func(E) (*Delivery, error)) func(*http.Request, []byte) (*Delivery, error) {
	return func(r *http.Request, body []byte) (*Delivery, error) {
		ev, err := parse(r, body)
		if err != nil {
			return nil, err
		}
		return route(ev)
	}
}

// Bind decodes the resource of the event ev now, so that a payload that
// does not decode is answered 400, and makes d run fn with the event and
// its resource.
func Bind[E, T any](d *Delivery, ev E, decode func(E) (*T, error),
	fn func(context.Context, E, *T) error) (*Delivery, error) {
	v, err := decode(ev)
	if err != nil {
		return nil, err
	}
	d.Run = func(ctx context.Context) error { return fn(ctx, ev, v) }
	return d, nil
}
