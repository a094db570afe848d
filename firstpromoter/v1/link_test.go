package v1

import (
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
)

// TestSetNextLinkHeaderForms: the next page is read from every form of a
// Link header's rel="next", and a link that names no later page is none.
func TestSetNextLinkHeaderForms(t *testing.T) {
	for _, tc := range []struct {
		link string
		next int
	}{
		{`<https://firstpromoter.com/api/v1/leads/list?page=2&a=b,c>; rel="next", <https://x/?page=9>; rel="last"`, 2},
		{`<https://x/?page=9>; rel="last", <https://x/?page=4>; rel="prev next"`, 4},
		{`<https://x/?page=9>; rel=last`, 0},
		{`<https://x/?cursor=abc>; rel="next"`, 0},
		{`<https://x/?page=1>; rel="next"`, 0},
	} {
		resp := &Response{Header: http.Header{"Link": {tc.link}}}
		setNext(resp, 1, 3)
		assert.Equal(t, tc.next, resp.NextPage, tc.link)
	}
}
