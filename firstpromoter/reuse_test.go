package firstpromoter_test

import (
	"testing"

	"github.com/affiliatekit/affiliatekit-go/internal/conformance"
)

// TestConnectionReuse shows that paging keeps one keep-alive connection:
// 99 referrals, one per page, take 100 sequential requests through List,
// and the server sees exactly one TCP connection. A response body left
// unread or unclosed anywhere on the path would open a new one per page.
func TestConnectionReuse(t *testing.T) { conformance.ConnectionReuse(t, platform, 99, 100) }
