package refersion

// What the external tests (package refersion_test, which use the fake)
// need of the package's internals.

// BasePaths returns the escaped paths of c's REST base URL and GraphQL
// URL, as its errors show them.
func BasePaths(c *Client) (rest, graphQL string) { return c.basePath, c.gqlBasePath }

// KeyHolders returns the internal values that hold c's credentials, for
// the secret hygiene test to print: c's two transports, and the settings
// opts fill (by value and by pointer).
func KeyHolders(c *Client, opts []Option) ([]any, error) {
	var s settings
	for _, o := range opts {
		if err := o(&s); err != nil {
			return nil, err
		}
	}
	return []any{c.t, c.gql, s, &s}, nil
}
