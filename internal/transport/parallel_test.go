package transport

import (
	"context"
	"errors"
	"math/rand/v2"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// pageServer is an in-process page-number list of 2 records a page,
// answering each page after a random short delay, counting requests and
// the most in flight at once.
type pageServer struct {
	pages    int  // pages with records
	total    bool // whether responses carry the total
	parallel int
	prefetch int
	// page returns the records of page p; nil means pages 2p-1 and 2p.
	page func(p int) []*item
	// after is returned as an error for pages past the end, if set.
	after error

	mu       sync.Mutex
	asked    []int
	inFlight int
	maxIn    int
}

func (s *pageServer) list(ctx context.Context, start int) func(func(*item, error) bool) {
	page := func(ctx context.Context, o *pageOpts) ([]*item, *Response, error) {
		p := max(o.Page, 1)
		s.mu.Lock()
		s.asked = append(s.asked, p)
		s.inFlight++
		s.maxIn = max(s.maxIn, s.inFlight)
		s.mu.Unlock()
		defer func() { s.mu.Lock(); s.inFlight--; s.mu.Unlock() }()
		select {
		case <-time.After(time.Duration(rand.IntN(300)) * time.Microsecond):
		case <-ctx.Done():
			return nil, nil, ctx.Err()
		}
		if p > s.pages && s.after != nil {
			return nil, nil, s.after
		}
		var items []*item
		switch {
		case p > s.pages:
		case s.page != nil:
			items = s.page(p)
		default:
			items = []*item{{ID: int64(2*p - 1)}, {ID: int64(2 * p)}}
		}
		r := &Response{prefetch: s.prefetch, parallel: s.parallel}
		if s.total {
			total := 2 * s.pages
			r.Total = &total
		}
		SetPage(r, p, 2, len(items))
		return items, r, nil
	}
	return List(ctx, []*pageOpts{{Page: start}}, page, func(o *pageOpts, r *Response) bool {
		o.Page = r.NextPage
		return r.NextPage != 0
	})
}

func (s *pageServer) requests() []int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]int(nil), s.asked...)
}

func ids(t *testing.T, seq func(func(*item, error) bool)) ([]int64, error) {
	t.Helper()
	var got []int64
	for it, err := range seq {
		if err != nil {
			return got, err
		}
		got = append(got, it.ID)
	}
	return got, nil
}

func seq(from, to int64) []int64 {
	var out []int64
	for i := from; i <= to; i++ {
		out = append(out, i)
	}
	return out
}

func TestParallelPagesKeepOrder(t *testing.T) {
	tests := []struct {
		name            string
		pages           int
		total           bool
		parallel        int
		prefetch        int
		after           error
		lastShort       bool
		wantMaxRequests int
		wantMaxInFlight int
	}{
		{name: "total known, no request past the last page", pages: 20, total: true, parallel: 4, prefetch: 1, wantMaxRequests: 20, wantMaxInFlight: 4},
		{name: "no total: pages past the end are dropped", pages: 20, parallel: 4, prefetch: 1, wantMaxRequests: 21 + 3, wantMaxInFlight: 4},
		{name: "errors past the end are not surfaced", pages: 7, parallel: 8, prefetch: 1, after: errors.New("400: page out of range"), lastShort: true, wantMaxRequests: 7 + 7, wantMaxInFlight: 8},
		{name: "prefetch alone fetches that many ahead", pages: 9, total: true, parallel: 1, prefetch: 3, wantMaxRequests: 9, wantMaxInFlight: 4},
		{name: "sequential", pages: 5, total: true, parallel: 1, prefetch: 0, wantMaxRequests: 5, wantMaxInFlight: 1},
		{name: "one page", pages: 1, total: true, parallel: 4, prefetch: 1, wantMaxRequests: 1, wantMaxInFlight: 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for range 5 {
				s := &pageServer{pages: tt.pages, total: tt.total, parallel: tt.parallel, prefetch: tt.prefetch, after: tt.after}
				want := seq(1, int64(2*tt.pages))
				if tt.lastShort {
					want = want[:len(want)-1]
					s.page = func(p int) []*item {
						if p == tt.pages {
							return []*item{{ID: int64(2*p - 1)}}
						}
						return []*item{{ID: int64(2*p - 1)}, {ID: int64(2 * p)}}
					}
				}
				got, err := ids(t, s.list(context.Background(), 0))
				require.NoError(t, err)
				assert.Equal(t, want, got)
				assert.LessOrEqual(t, len(s.requests()), tt.wantMaxRequests)
				assert.LessOrEqual(t, s.maxIn, tt.wantMaxInFlight)
			}
		})
	}
}

func TestParallelPagesReachTheirWidth(t *testing.T) {
	s := &pageServer{pages: 40, total: true, parallel: 4, prefetch: 1}
	got, err := ids(t, s.list(context.Background(), 0))
	require.NoError(t, err)
	assert.Len(t, got, 80)
	assert.Equal(t, 4, s.maxIn, "four pages in flight at once")
}

func TestParallelPagesResumeAtAPage(t *testing.T) {
	s := &pageServer{pages: 10, total: true, parallel: 3, prefetch: 1}
	got, err := ids(t, s.list(context.Background(), 6))
	require.NoError(t, err)
	assert.Equal(t, seq(11, 20), got)
}

// A break leaves nothing running (TestMain checks for leaked goroutines)
// and at most parallel-1 requests were made beyond the caller's page.
func TestParallelPagesBreak(t *testing.T) {
	s := &pageServer{pages: 50, total: true, parallel: 5, prefetch: 1}
	for it, err := range s.list(context.Background(), 0) {
		require.NoError(t, err)
		if it.ID == 6 { // on page 3
			break
		}
	}
	assert.LessOrEqual(t, len(s.requests()), 3+5-1, "the caller's page and parallel-1 beyond it")
	s.mu.Lock()
	assert.Zero(t, s.inFlight, "every request ahead was cancelled and waited for")
	s.mu.Unlock()
}

// The repeat check holds in yield order: page 4 answered with page 2's
// records ends the list after page 3, before anything is yielded twice.
func TestParallelPagesRepeatInYieldOrder(t *testing.T) {
	s := &pageServer{pages: 8, total: true, parallel: 4, prefetch: 1, page: func(p int) []*item {
		if p == 4 {
			p = 2
		}
		return []*item{{ID: int64(2*p - 1)}, {ID: int64(2 * p)}}
	}}
	got, err := ids(t, s.list(context.Background(), 0))
	require.ErrorIs(t, err, ErrMalformedResponse)
	assert.Equal(t, seq(1, 6), got)
}

// Records pushed one place later between the fetches of two pages (a
// record added at the front) appear at the end of one page and the start
// of the next: the second copy is dropped.
func TestParallelPagesDropShiftedDuplicates(t *testing.T) {
	var fetches atomic.Int32
	s := &pageServer{pages: 6, total: true, parallel: 3, prefetch: 1, page: func(p int) []*item {
		fetches.Add(1)
		if p >= 4 { // the data shifted by one before pages 4.. were read
			return []*item{{ID: int64(2*p - 2)}, {ID: int64(2*p - 1)}}
		}
		return []*item{{ID: int64(2*p - 1)}, {ID: int64(2 * p)}}
	}}
	got, err := ids(t, s.list(context.Background(), 0))
	require.NoError(t, err)
	assert.Equal(t, seq(1, 11), got, "6 yielded once; 12 was pushed past the last page")
}

func TestSetParallelPages(t *testing.T) {
	s := NewSettings("")
	assert.Equal(t, 1, s.ParallelPages)
	require.NoError(t, s.SetParallelPages(8))
	assert.Equal(t, 8, s.ParallelPages)
	for _, n := range []int{0, -1, MaxParallelPages + 1} {
		require.Error(t, s.SetParallelPages(n))
	}
}
