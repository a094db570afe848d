package conformance

import (
	"context"
	"net/http"
	"net/http/httptest"
	"net/url"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/affiliatekit/affiliatekit-go/internal/platformtest"
	"github.com/affiliatekit/affiliatekit-go/internal/transport"
)

// PageRepeats lists through a server that answers one page request with
// the body of an earlier page, as a page-number API that serves page 1
// again, or a cursor API whose cursors cycle, would: replay maps a
// request's number (from 1) to the earlier request whose body it gets.
// The list yields every record of the pages before it once and then ends
// with ErrMalformedResponse, making no further request.
func PageRepeats[S platformtest.Server, C platformtest.Client, O, R any](t *testing.T, p platformtest.Platform[S, C, O, R]) {
	for _, tc := range []struct {
		name   string
		replay map[int]int
		pages  int // pages yielded before the repeat
	}{
		{"third_page_is_the_first", map[int]int{3: 1}, 2},
		{"fourth_page_is_the_second", map[int]int{4: 2}, 3},
	} {
		t.Run(tc.name, func(t *testing.T) {
			const pageSize = 2
			fake, _ := p.Start(t, 10, platformtest.Fake{Unthrottled: true})
			fakeURL, err := url.Parse(p.URL(fake))
			require.NoError(t, err)
			handler := fake.HTTPServer().Config.Handler

			var mu sync.Mutex
			var bodies [][]byte
			var headers []http.Header
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				mu.Lock()
				defer mu.Unlock()
				n := len(bodies) + 1
				rec := httptest.NewRecorder()
				handler.ServeHTTP(rec, r)
				body, hdr := rec.Body.Bytes(), rec.Header()
				if from, ok := tc.replay[n]; ok {
					body, hdr = bodies[from-1], headers[from-1]
				}
				bodies, headers = append(bodies, body), append(headers, hdr)
				for k, vs := range hdr {
					w.Header()[k] = vs
				}
				w.Header().Del("Content-Length")
				w.WriteHeader(rec.Code)
				_, _ = w.Write(body)
			}))
			defer srv.Close()

			c := p.UserClient(t, srv.URL+fakeURL.Path, p.Prefetch(0))
			seen := map[string]bool{}
			var last error
			for key, err := range p.Keys(p.List(context.Background(), c, pageSize)) {
				if err != nil {
					last = err
					continue
				}
				assert.False(t, seen[key], "record %s yielded twice", key)
				seen[key] = true
			}
			require.ErrorIs(t, last, transport.ErrMalformedResponse)
			assert.Len(t, seen, tc.pages*pageSize)
			mu.Lock()
			defer mu.Unlock()
			assert.Len(t, bodies, tc.pages+1, "requests")
		})
	}
}
