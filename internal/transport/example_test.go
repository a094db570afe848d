package transport_test

import (
	"fmt"
	"net/http"
	"time"

	"github.com/affiliatekit/affiliatekit-go/internal/transport"
)

// ExampleParseRetryAfter reads both forms of Retry-After.
func ExampleParseRetryAfter() {
	now := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	d, _ := transport.ParseRetryAfter("120", now)
	fmt.Println(d)
	d, _ = transport.ParseRetryAfter(now.Add(30*time.Second).Format(http.TimeFormat), now)
	fmt.Println(d)
	// Output:
	// 2m0s
	// 30s
}

// ExampleJoin escapes path parameters so an id cannot change the route.
func ExampleJoin() {
	fmt.Println(transport.Join("company/referrals/%s", "../promoters?x=1"))
	// Output:
	// company/referrals/..%2Fpromoters%3Fx=1
}
