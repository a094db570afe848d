package v1

import "github.com/affiliatekit/affiliatekit-go/internal/transport"

// Settings lets the external tests apply options to the settings they
// fill, to check that printing them shows no credential.
type Settings = settings

// TransportOf returns the client's transport, for the same checks.
func TransportOf(c *Client) *transport.Client { return c.t }

// ParseDisplayAmount exposes the parser of the amounts shown as text.
var ParseDisplayAmount = parseDisplayAmount
