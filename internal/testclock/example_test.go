package testclock_test

import (
	"context"
	"fmt"
	"time"

	"github.com/affiliatekit/affiliatekit-go/internal/testclock"
)

// Example sleeps an hour instantly.
func Example() {
	clk := testclock.New(time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC))
	_ = clk.Sleep(context.Background(), time.Hour)
	fmt.Println(clk.Now().Format(time.TimeOnly), clk.Sleeps())
	// Output:
	// 01:00:00 [1h0m0s]
}
