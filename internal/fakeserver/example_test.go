package fakeserver_test

import (
	"fmt"
	"net/http"

	"github.com/affiliatekit/affiliatekit-go/internal/fakeserver"
)

// Example puts fault injection in front of a handler.
func Example() {
	srv := fakeserver.New(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		fakeserver.WriteJSON(w, http.StatusOK, []int{1, 2, 3})
	}), nil)
	defer srv.Close()
	srv.Inject(1, fakeserver.Fault{Status: http.StatusTooManyRequests, RetryAfter: "1"})
	for range 2 {
		resp, err := http.Get(srv.URL() + "/items")
		if err != nil {
			fmt.Println(err)
			return
		}
		resp.Body.Close()
		fmt.Println(resp.StatusCode, resp.Header.Get("Retry-After"))
	}
	// Output:
	// 429 1
	// 200
}
