package everflow

// What the external tests (package everflow_test, which use the fake)
// need of the package's internals.

// ReportSlotsInUse returns how many reporting slots c holds: the reporting
// requests in flight and the exports not yet closed.
func ReportSlotsInUse(c *Client) int { return len(c.reports) }

// AffiliateUnread returns the replaceable members a was read without.
func AffiliateUnread(a *Affiliate) []string { return a.unread }

// AffiliateUpdateResets returns the members an update with p would reset.
func AffiliateUpdateResets(p *AffiliateUpdateParams) []string { return p.resets() }

// KeyHolders returns the internal values that hold c's API key, for the
// secret hygiene test to print: c's transport, and the settings opts fill
// (by value and by pointer).
func KeyHolders(c *Client, opts []Option) ([]any, error) {
	var s settings
	for _, o := range opts {
		if err := o(&s); err != nil {
			return nil, err
		}
	}
	return []any{c.t, s, &s}, nil
}
