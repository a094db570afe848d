package transport

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

type pageOpts struct {
	Page int `url:"page,omitempty"`
}

// pagedServer serves pages of 2 items, `pages` pages in all.
func pagedServer(pages int) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		p, _ := strconv.Atoi(r.URL.Query().Get("page"))
		if p > pages {
			_, _ = w.Write([]byte(`[]`))
			return
		}
		_, _ = fmt.Fprintf(w, `[{"id":%d},{"id":%d}]`, 2*p-1, 2*p)
	}
}

func listItems(c *Client, ctx context.Context, opts ...*pageOpts) func(func(*item, error) bool) {
	page := func(ctx context.Context, o *pageOpts) ([]*item, *Response, error) {
		if o.Page == 0 {
			o.Page = 1
		}
		var items []*item
		resp, err := c.Do(ctx, &Request{Method: "GET", Path: "items", Query: o}, &items)
		if err != nil {
			return nil, nil, err
		}
		if len(items) == 2 {
			resp.NextPage = o.Page + 1
		}
		return items, resp, nil
	}
	return List(ctx, opts, page, func(o *pageOpts, r *Response) bool {
		o.Page = r.NextPage
		return r.NextPage != 0
	})
}

func TestListAllPages(t *testing.T) {
	c, sc, _ := newTestClient(t, pagedServer(3))
	var ids []int64
	for it, err := range listItems(c, context.Background()) {
		require.NoError(t, err)
		ids = append(ids, it.ID)
	}
	assert.Equal(t, []int64{1, 2, 3, 4, 5, 6}, ids)
	assert.Equal(t, 4, sc.count()) // three full pages and the empty fourth
}

func TestListBreakMakesNoFurtherRequest(t *testing.T) {
	c, sc, _ := newTestClient(t, pagedServer(3))
	for it, err := range listItems(c, context.Background()) {
		require.NoError(t, err)
		assert.Equal(t, int64(1), it.ID)
		break
	}
	assert.Equal(t, 1, sc.count())
}

func TestListStartsAtGivenPageAndDoesNotMutateOptions(t *testing.T) {
	c, _, _ := newTestClient(t, pagedServer(3))
	opts := &pageOpts{Page: 3}
	var ids []int64
	for it, err := range listItems(c, context.Background(), opts) {
		require.NoError(t, err)
		ids = append(ids, it.ID)
	}
	assert.Equal(t, []int64{5, 6}, ids)
	assert.Equal(t, 3, opts.Page)
}

func TestListErrorYieldedOnce(t *testing.T) {
	c, _, _ := newTestClient(t, pagedServer(3), status(404, `{"message":"gone"}`))
	var n, errs int
	for _, err := range listItems(c, context.Background()) {
		if err != nil {
			errs++
			assert.ErrorIs(t, err, ErrNotFound)
			continue // the sequence must end by itself
		}
		n++
	}
	assert.Equal(t, 2, n)
	assert.Equal(t, 1, errs)
}

func TestListSamePageTwiceIsAnError(t *testing.T) {
	c, sc, _ := newTestClient(t, status(200, `[{"id":1},{"id":2}]`))
	var n int
	var last error
	for _, err := range listItems(c, context.Background()) {
		if err != nil {
			last = err
			break
		}
		n++
	}
	assert.Equal(t, 2, n)
	require.Error(t, last)
	assert.ErrorIs(t, last, ErrMalformedResponse)
	assert.Contains(t, last.Error(), "same page twice")
	assert.Equal(t, 2, sc.count())
}

func TestListCancelledContext(t *testing.T) {
	c, sc, _ := newTestClient(t, pagedServer(3))
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var got error
	for _, err := range listItems(c, ctx) {
		if err != nil {
			got = err
			break
		}
		cancel()
	}
	assert.True(t, errors.Is(got, context.Canceled))
	assert.Equal(t, 1, sc.count())
}

func TestListTooManyOptions(t *testing.T) {
	c, sc, _ := newTestClient(t, pagedServer(1))
	for _, err := range listItems(c, context.Background(), &pageOpts{}, &pageOpts{}) {
		assert.ErrorContains(t, err, "at most one options value")
	}
	assert.Zero(t, sc.count())
}

func TestCursorThatDoesNotAdvance(t *testing.T) {
	n := 0
	fetch := func(context.Context) ([]*item, *Response, error) {
		n++
		return []*item{{ID: int64(n)}}, &Response{NextCursor: "same"}, nil
	}
	var last error
	count := 0
	for _, err := range Paginate(context.Background(), fetch, func(*Response) bool { return true }) {
		if err != nil {
			last = err
			break
		}
		count++
	}
	assert.ErrorContains(t, last, "cursor did not advance")
	assert.Equal(t, 2, count)
}

func TestListRangedTwiceStartsOver(t *testing.T) {
	c, sc, _ := newTestClient(t, pagedServer(2))
	seq := listItems(c, context.Background(), &pageOpts{Page: 1})
	for range 2 {
		var ids []int64
		for it, err := range seq {
			require.NoError(t, err)
			ids = append(ids, it.ID)
		}
		assert.Equal(t, []int64{1, 2, 3, 4}, ids)
	}
	assert.Equal(t, 6, sc.count())
}

func TestNormalizePage(t *testing.T) {
	tests := []struct {
		name               string
		page, size         int
		def, max           int
		wantPage, wantSize int
		err                string
	}{
		{"defaults", 0, 0, 25, 100, 1, 25, ""},
		{"kept", 3, 50, 25, 100, 3, 50, ""},
		{"at the maximum", 1, 100, 25, 100, 1, 100, ""},
		{"negative page", -1, 0, 25, 100, 0, 0, "page must not be negative, got -1"},
		{"above the maximum", 1, 101, 25, 100, 0, 0, "per page must be 1..100, got 101"},
		{"negative size", 1, -2, 25, 100, 0, 0, "per page must be 1..100, got -2"},
		{"negative size, no maximum", 1, -2, 25, 0, 0, 0, "per page must not be negative, got -2"},
		{"large size, no maximum", 1, 5000, 25, 0, 1, 5000, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			page, size := tt.page, tt.size
			err := NormalizePage(&page, &size, tt.def, tt.max, "per page")
			if tt.err != "" {
				require.EqualError(t, err, tt.err)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tt.wantPage, page)
			assert.Equal(t, tt.wantSize, size)
		})
	}
	page := 0
	require.NoError(t, NormalizePage(&page, nil, 0, 0, ""), "a fixed page size")
	assert.Equal(t, 1, page)
}

func TestPaginateNilContext(t *testing.T) {
	calls := 0
	//lint:ignore SA1012 a nil context is the input under test
	seq := Paginate[int](nil, func(context.Context) ([]*int, *Response, error) {
		calls++
		return nil, &Response{}, nil
	}, func(*Response) bool { return false })
	n := 0
	for _, err := range seq {
		require.ErrorContains(t, err, "nil context")
		n++
	}
	assert.Equal(t, 1, n)
	assert.Zero(t, calls)
}

func TestSetPage(t *testing.T) {
	total := func(n int) *int { return &n }
	cases := []struct {
		name          string
		total         *int
		page, size, n int
		next          int
		short         bool
	}{
		{"full page, no total", nil, 1, 10, 10, 2, false},
		{"short page, no total", nil, 3, 10, 4, 0, false},
		{"empty page", nil, 1, 10, 0, 0, false},
		{"full page, more in total", total(25), 2, 10, 10, 3, false},
		{"last page by total", total(25), 3, 10, 5, 0, false},
		{"full page that ends the total", total(20), 2, 10, 10, 0, false},
		{"short page, total says more", total(100), 1, 50, 20, 0, true},
		{"empty page, total says more", total(100), 2, 50, 0, 0, false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			r := &Response{Total: tc.total}
			SetPage(r, tc.page, tc.size, tc.n)
			assert.Equal(t, tc.next, r.NextPage)
			assert.Equal(t, tc.next != 0, r.HasMore)
			assert.Equal(t, tc.short, r.short != nil)
		})
	}
}

// A short page while the total says more yields its records, then ends
// the list with ErrMalformedResponse, making no further request.
func TestListShortPageWithTotal(t *testing.T) {
	n := 0
	fetch := func(context.Context) ([]*item, *Response, error) {
		n++
		total := 10
		r := &Response{Total: &total}
		items := []*item{{ID: int64(3*n - 2)}, {ID: int64(3*n - 1)}}
		if n == 1 {
			items = append(items, &item{ID: 3})
		}
		SetPage(r, n, 3, len(items))
		return items, r, nil
	}
	var got []int64
	var last error
	for it, err := range Paginate(context.Background(), fetch, func(r *Response) bool { return r.NextPage != 0 }) {
		if err != nil {
			last = err
			continue
		}
		got = append(got, it.ID)
	}
	assert.Equal(t, []int64{1, 2, 3, 4, 5}, got)
	require.ErrorIs(t, last, ErrMalformedResponse)
	assert.ErrorContains(t, last, "page 2 held 2 records, fewer than the 3 asked for, yet the total is 10")
	assert.Equal(t, 2, n)
}
