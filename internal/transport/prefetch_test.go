package transport

import (
	"context"
	"net/http"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// pagesOf returns a fetch of pages 1..n of two records each, on a client
// that prefetches, counting the fetches and the ones cancelled.
func pagesOf(n int, fetched, cancelled *atomic.Int32, hold chan struct{}) (func(context.Context) ([]*item, *Response, error), func(*Response) bool) {
	page := 0
	fetch := func(ctx context.Context) ([]*item, *Response, error) {
		page++
		p := page
		fetched.Add(1)
		if hold != nil && p > 1 {
			select {
			case <-hold:
			case <-ctx.Done():
				cancelled.Add(1)
				return nil, nil, ctx.Err()
			}
		}
		r := &Response{prefetch: 1}
		if p < n {
			r.NextPage = p + 1
		}
		return []*item{{ID: int64(2*p - 1)}, {ID: int64(2 * p)}}, r, nil
	}
	return fetch, func(r *Response) bool { return r.NextPage != 0 }
}

func TestPrefetchKeepsOrderAndFetchesAhead(t *testing.T) {
	var fetched, cancelled atomic.Int32
	fetch, advance := pagesOf(4, &fetched, &cancelled, nil)
	var got []int64
	for it, err := range Paginate(context.Background(), fetch, advance) {
		require.NoError(t, err)
		if it.ID == 1 {
			// The caller is on page 1; page 2 is already on its way.
			require.Eventually(t, func() bool { return fetched.Load() == 2 }, time.Second, time.Millisecond)
		}
		got = append(got, it.ID)
	}
	assert.Equal(t, []int64{1, 2, 3, 4, 5, 6, 7, 8}, got)
	assert.EqualValues(t, 4, fetched.Load(), "no page past the last")
}

// A break cancels the page being fetched ahead and waits for it: one
// request beyond the caller's page, and nothing left running (the
// package's TestMain checks for leaked goroutines).
func TestPrefetchBreakCancelsTheRequestAhead(t *testing.T) {
	var fetched, cancelled atomic.Int32
	hold := make(chan struct{}) // page 2 never answers on its own
	fetch, advance := pagesOf(4, &fetched, &cancelled, hold)
	for it, err := range Paginate(context.Background(), fetch, advance) {
		require.NoError(t, err)
		require.EqualValues(t, 1, it.ID)
		require.Eventually(t, func() bool { return fetched.Load() == 2 }, time.Second, time.Millisecond)
		break
	}
	assert.EqualValues(t, 2, fetched.Load())
	assert.EqualValues(t, 1, cancelled.Load(), "the request ahead was cancelled, and waited for")
}

// Over HTTP, a break leaves no connection busy: the prefetched request is
// cancelled and its body closed.
func TestPrefetchOverHTTP(t *testing.T) {
	c, sc, _ := newTestClient(t, pagedServer(5))
	c.cfg.Prefetch = 1
	n := 0
	for _, err := range listItems(c, context.Background()) {
		require.NoError(t, err)
		n++
	}
	assert.Equal(t, 10, n)
	assert.Equal(t, 6, sc.count(), "five pages and the empty one that ends the list")

	before := sc.count()
	for _, err := range listItems(c, context.Background()) {
		require.NoError(t, err)
		break
	}
	assert.LessOrEqual(t, sc.count()-before, 2, "the page the caller is on and at most one ahead")
	_, err := c.Do(context.Background(), &Request{Method: http.MethodGet, Path: "items"}, &[]*item{})
	require.NoError(t, err, "the client is still usable")
}

func TestSetPrefetch(t *testing.T) {
	var s Settings
	require.NoError(t, s.SetPrefetch(0))
	require.NoError(t, s.SetPrefetch(3))
	assert.Equal(t, 3, s.Prefetch)
	require.Error(t, s.SetPrefetch(-1))
}
