package partnerstack

import "context"

// The minimum of the package's internals that its external tests
// (package partnerstack_test) need.

// GetFrom fetches path as one group with the credentials of c, a *Client
// or a *PartnerClient: a request to the other API's endpoint, which no
// service method sends.
func GetFrom(ctx context.Context, c any, path string) error {
	var a *api
	switch c := c.(type) {
	case *Client:
		a = c.api
	case *PartnerClient:
		a = c.api
	}
	_, err := get[Group](ctx, a, path, nil)
	return err
}

// Internals returns what the clients hold beyond their services (the
// transports and the settings opts build), for the secret hygiene test to
// print.
func Internals(c *Client, pc *PartnerClient, opts []Option) ([]any, error) {
	s, err := apply(opts)
	if err != nil {
		return nil, err
	}
	return []any{c.api, c.api.t, *c.api, pc.api, *pc.api, s, &s, c.Conversions.api}, nil
}
