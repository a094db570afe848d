package transport

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"reflect"
	"strconv"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// volatilePage is a page whose volatilePage changes on every answer.
type volatilePage struct {
	RequestID string  `json:"request_id"`
	Data      []*item `json:"data"`
}

// TestPageRepeatsEndTheList: a page-number API that answers a later page
// with an earlier page's records, with a fresh request id in its volatilePage
// each time, ends the list with ErrMalformedResponse before any record is
// yielded twice.
func TestPageRepeatsEndTheList(t *testing.T) {
	cases := []struct {
		name  string
		pages map[int][]int64 // page number → ids; missing pages are empty
		want  []int64
	}{
		{"page 3 is page 1", map[int][]int64{1: {1, 2}, 2: {3, 4}, 3: {1, 2}}, []int64{1, 2, 3, 4}},
		{"page 4 is page 2", map[int][]int64{1: {1, 2}, 2: {3, 4}, 3: {5, 6}, 4: {3, 4}}, []int64{1, 2, 3, 4, 5, 6}},
		{"page 2 is page 1", map[int][]int64{1: {1, 2}, 2: {1, 2}}, []int64{1, 2}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			n := 0
			c, sc, _ := newTestClient(t, func(w http.ResponseWriter, r *http.Request) {
				n++
				p, _ := strconv.Atoi(r.URL.Query().Get("page"))
				env := volatilePage{RequestID: fmt.Sprintf("req-%d", n), Data: []*item{}}
				for _, id := range tc.pages[p] {
					env.Data = append(env.Data, &item{ID: id})
				}
				_ = json.NewEncoder(w).Encode(env)
			})
			page := func(ctx context.Context, o *pageOpts) ([]*item, *Response, error) {
				o.Page = max(o.Page, 1)
				var env volatilePage
				resp, err := c.Do(ctx, &Request{Method: "GET", Path: "items", Query: o}, &env)
				if err != nil {
					return nil, nil, err
				}
				if len(env.Data) == 2 {
					resp.NextPage = o.Page + 1
				}
				return env.Data, resp, nil
			}
			var got []int64
			var last error
			for it, err := range List(context.Background(), nil, page, func(o *pageOpts, r *Response) bool {
				o.Page = r.NextPage
				return r.NextPage != 0
			}) {
				if err != nil {
					last = err
					continue
				}
				got = append(got, it.ID)
			}
			assert.Equal(t, tc.want, got)
			require.ErrorIs(t, last, ErrMalformedResponse)
			assert.ErrorContains(t, last, "same page twice")
			assert.ErrorContains(t, last, "test: GET")
			assert.Equal(t, len(tc.want)/2+1, sc.count())
		})
	}
}

// TestCursorCycleEndsTheList: cursors A→B→A end the list, even when the
// server makes up new records for the repeated cursor.
func TestCursorCycleEndsTheList(t *testing.T) {
	cursors := []string{"A", "B", "A", "B"}
	n := 0
	fetch := func(context.Context) ([]*item, *Response, error) {
		n++
		return []*item{{ID: int64(n)}}, &Response{NextCursor: cursors[n-1]}, nil
	}
	var got []int64
	var last error
	for it, err := range Paginate(context.Background(), fetch, func(*Response) bool { return true }) {
		if err != nil {
			last = err
			continue
		}
		got = append(got, it.ID)
	}
	assert.Equal(t, []int64{1, 2, 3}, got)
	require.ErrorIs(t, last, ErrMalformedResponse)
	assert.ErrorContains(t, last, "cursor did not advance")
	assert.Equal(t, 3, n)
}

// TestEmptyPagesEnd: a server that keeps answering empty pages while
// saying more follow ends at the second.
func TestEmptyPagesEnd(t *testing.T) {
	n := 0
	fetch := func(context.Context) ([]*item, *Response, error) {
		n++
		return nil, &Response{NextCursor: strconv.Itoa(n)}, nil
	}
	var last error
	for _, err := range Paginate(context.Background(), fetch, func(*Response) bool { return true }) {
		last = err
	}
	require.ErrorIs(t, last, ErrMalformedResponse)
	assert.Equal(t, 2, n)
}

type keyed struct {
	NetworkID   int64  `json:"network_id"`
	AffiliateID int64  `json:"affiliate_id"`
	Key         string `json:"key"`
	Name        string `json:"name"`
}

type plain struct {
	Name  string `json:"name"`
	Count int    `json:"count"`
}

func TestPageKey(t *testing.T) {
	a := []*keyed{{NetworkID: 1, AffiliateID: 10, Name: "a"}, {NetworkID: 1, AffiliateID: 11}}
	b := []*keyed{{NetworkID: 1, AffiliateID: 12}, {NetworkID: 1, AffiliateID: 13}}
	renamed := []*keyed{{NetworkID: 1, AffiliateID: 10, Name: "renamed"}, {NetworkID: 1, AffiliateID: 11}}
	assert.NotEqual(t, pageKey(a), pageKey(b), "a field shared by every record does not make pages equal")
	assert.Equal(t, pageKey(a), pageKey(renamed), "records are known by their identifiers")
	assert.NotEqual(t, pageKey(a), pageKey(a[:1]))
	assert.Len(t, idFieldsOf(reflect.TypeFor[keyed]()), 3)

	p1 := []*plain{{Name: "x", Count: 1}}
	p2 := []*plain{{Name: "x", Count: 2}}
	assert.Nil(t, idFieldsOf(reflect.TypeFor[plain]()))
	assert.NotEqual(t, pageKey(p1), pageKey(p2), "records without identifiers are known by their JSON")
	assert.Equal(t, pageKey(p1), pageKey([]*plain{{Name: "x", Count: 1}}))

	zero := []*keyed{{Name: "one"}}
	other := []*keyed{{Name: "two"}}
	assert.NotEqual(t, pageKey(zero), pageKey(other), "records with empty identifiers fall back to their JSON")
	assert.Equal(t, pageKey[keyed](nil), pageKey([]*keyed{}))
}

// BenchmarkPageKey measures the fingerprint of a page of 100 records.
func BenchmarkPageKey(b *testing.B) {
	page := make([]*keyed, 100)
	for i := range page {
		page[i] = &keyed{NetworkID: 1, AffiliateID: int64(i + 1), Key: "k" + strconv.Itoa(i)}
	}
	b.ReportAllocs()
	for b.Loop() {
		pageKey(page)
	}
}
