package postaffiliatepro

// The minimum of the package's internals that its external tests
// (package postaffiliatepro_test) need.

// Internals returns what the client holds beyond its services (its
// transport and the settings opts build), for the secret hygiene test to
// print.
func Internals(c *Client, opts []Option) ([]any, error) {
	var s settings
	for _, o := range opts {
		if err := o(&s); err != nil {
			return nil, err
		}
	}
	return []any{c.t, s, &s}, nil
}
