package main

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// pagedList is an in-memory page-number list of pages 1 to last, three
// records a page, each page naming page+step as its successor (0 after
// last). A page past last, or one in fail, is an error. It counts the
// fetches running and the most at once, and holds every fetch after the
// first until parallel fetches have started after it, so that a list
// fetching that many pages at once is seen doing so.
type pagedList struct {
	last, step, parallel int
	fail                 map[int]bool

	mu               sync.Mutex
	started, running int
	most             int
	gate             chan struct{}
}

func (l *pagedList) list(ctx context.Context, _ checkpoint, page int) ([]*int, int, error) {
	l.mu.Lock()
	l.started++
	l.running++
	l.most = max(l.most, l.running)
	n := l.started
	if n == 1+l.parallel {
		close(l.gate)
	}
	l.mu.Unlock()
	defer func() {
		l.mu.Lock()
		l.running--
		l.mu.Unlock()
	}()
	if n > 1 && l.parallel > 1 {
		select {
		case <-l.gate:
		case <-ctx.Done():
			return nil, 0, ctx.Err()
		}
	}
	if page > l.last || l.fail[page] {
		return nil, 0, fmt.Errorf("no page %d", page)
	}
	items := []*int{new(int), new(int), new(int)}
	for i, it := range items {
		*it = page*10 + i
	}
	next := page + l.step
	if next > l.last {
		next = 0
	}
	return items, next, nil
}

func TestPagePullCommitsInOrder(t *testing.T) {
	for _, tc := range []struct {
		name                 string
		last, step, parallel int
		// from is the checkpoint's page; fail fails that page's fetch,
		// failEmit that page's commit.
		from, fail, failEmit int
		wantPages            []int
		wantErr              string
	}{
		{name: "one page at a time", last: 5, step: 1, parallel: 1, wantPages: []int{1, 2, 3, 4, 5}},
		{name: "zero is one at a time", last: 3, step: 1, parallel: 0, wantPages: []int{1, 2, 3}},
		{name: "two at once", last: 5, step: 1, parallel: 2, wantPages: []int{1, 2, 3, 4, 5}},
		{name: "four at once, list shorter than the pages in flight", last: 3, step: 1, parallel: 4, wantPages: []int{1, 2, 3}},
		{name: "a single page", last: 1, step: 1, parallel: 3, wantPages: []int{1}},
		{name: "resumed at page 4", last: 6, step: 1, parallel: 3, from: 4, wantPages: []int{4, 5, 6}},
		{name: "successors that skip a page", last: 9, step: 2, parallel: 3, wantPages: []int{1, 3, 5, 7, 9}},
		{name: "a failing page stops the list after the pages before it", last: 8, step: 1, parallel: 3, fail: 4,
			wantPages: []int{1, 2, 3}, wantErr: "page 4: no page 4"},
		{name: "a failing commit stops the list", last: 8, step: 1, parallel: 3, failEmit: 2,
			wantPages: []int{1}, wantErr: "commit page 2"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			l := &pagedList{last: tc.last, step: tc.step, parallel: max(tc.parallel, 1), fail: map[int]bool{tc.fail: true}, gate: make(chan struct{})}
			pull := pagePull(tc.parallel, l.list, func(n *int) (record, error) { return record{id: int64(*n)}, nil })
			var pages []int
			var ids []any
			at := max(tc.from, 1)
			err := pull(context.Background(), checkpoint{position: position{Page: tc.from}}, func(recs []record, next position) error {
				if at == tc.failEmit {
					return fmt.Errorf("commit page %d", at)
				}
				pages = append(pages, at)
				for _, r := range recs {
					ids = append(ids, r.id)
				}
				if next.Page != 0 {
					require.Greater(t, next.Page, at, "the checkpoint advances")
				}
				at = next.Page
				return nil
			})
			if tc.wantErr != "" {
				require.EqualError(t, err, tc.wantErr)
			} else {
				require.NoError(t, err)
				assert.Zero(t, at, "the last checkpoint is the end")
			}
			assert.Equal(t, tc.wantPages, pages)
			var want []any
			for _, p := range tc.wantPages {
				want = append(want, int64(p*10), int64(p*10+1), int64(p*10+2))
			}
			assert.Equal(t, want, ids, "every record once, in order")
			l.mu.Lock()
			defer l.mu.Unlock()
			assert.Zero(t, l.running, "nothing left running")
			assert.LessOrEqual(t, l.most, max(tc.parallel, 1), "pages in flight")
			if tc.parallel > 1 && tc.last > 1 {
				assert.Equal(t, tc.parallel, l.most, "pages in flight")
			}
		})
	}
}

func TestPagePullPassesContextErrors(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	l := &pagedList{last: 3, step: 1, parallel: 2, gate: make(chan struct{})}
	pull := pagePull(2, func(ctx context.Context, cp checkpoint, page int) ([]*int, int, error) {
		if err := ctx.Err(); err != nil {
			return nil, 0, err
		}
		return l.list(ctx, cp, page)
	}, func(n *int) (record, error) { return record{id: int64(*n)}, nil })
	err := pull(ctx, checkpoint{}, func([]record, position) error { return nil })
	require.True(t, errors.Is(err, context.Canceled), err)
}
