package transport

import "encoding/json"

// Checked pairs a response value with a check of what the endpoint
// promises (an id, a link). Do runs the check inside its retry loop, as it
// runs a Validator's, so a read answered with JSON that decodes but lacks
// it is retried like any other malformed body; for a write the check
// turns the answer into ErrMalformedResponse without a retry.
type Checked[T any] struct {
	// V receives the decoded body.
	V *T
	// Check returns an error saying what is missing, or nil.
	Check func(*T) error
}

// UnmarshalJSON decodes into a zeroed V, so nothing of an earlier attempt
// is left over.
func (c *Checked[T]) UnmarshalJSON(b []byte) error {
	var zero T
	*c.V = zero
	return json.Unmarshal(b, c.V)
}

// Validate implements Validator.
func (c *Checked[T]) Validate() error { return c.Check(c.V) }
