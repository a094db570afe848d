package main

import (
	"context"
	"fmt"
	"time"
)

// pageLister fetches one page of a page-number list and returns its
// records and the next page number (0 after the last page): a ListPage
// call and its Response.NextPage.
type pageLister[T any] func(ctx context.Context, cp checkpoint, page int) ([]*T, int, error)

// cursorLister fetches the page after cursor ("" for the first) and
// returns its records and the next cursor ("" after the last page): a
// ListPage call and its Response.NextCursor.
type cursorLister[T any] func(ctx context.Context, cp checkpoint, cursor string) ([]*T, string, error)

// toRecord converts an API value to a stored record.
type toRecord[T any] func(*T) (record, error)

// pagePull reads a page-number list from the checkpoint's page on,
// parallel pages at once (at least 1): the page being committed's
// successor and the parallel-1 pages after it are fetched while it is
// committed, all under the client's throttle, and committed in order.
func pagePull[T any](parallel int, list pageLister[T], conv toRecord[T]) func(context.Context, checkpoint, emitFunc) error {
	return func(ctx context.Context, cp checkpoint, emit emitFunc) error {
		return pullAhead(ctx, max(cp.Page, 1), 0, max(parallel, 1),
			func(page int) (int, bool) { return page + 1, true },
			func(ctx context.Context, page int) ([]*T, int, error) { return list(ctx, cp, page) },
			conv,
			func(page, next int) error {
				if next != 0 && next <= page {
					return fmt.Errorf("page %d: the next page (%d) does not advance", page, next)
				}
				return nil
			},
			func(page int) string { return fmt.Sprintf("page %d", page) },
			func(recs []record, next int) error { return emit(recs, position{Page: next}) })
	}
}

// cursorPull reads a cursor list from the checkpoint's cursor on. The
// next page is fetched while the current one is committed; a page's
// successor is known only once it has arrived.
func cursorPull[T any](list cursorLister[T], conv toRecord[T]) func(context.Context, checkpoint, emitFunc) error {
	return func(ctx context.Context, cp checkpoint, emit emitFunc) error {
		return pullAhead(ctx, cp.Cursor, "", 1,
			func(string) (string, bool) { return "", false },
			func(ctx context.Context, cursor string) ([]*T, string, error) { return list(ctx, cp, cursor) },
			conv,
			func(cursor, next string) error {
				if next != "" && next == cursor {
					return fmt.Errorf("page after %q: the cursor does not advance", cursor)
				}
				return nil
			},
			func(cursor string) string { return fmt.Sprintf("page after %q", cursor) },
			func(recs []record, next string) error { return emit(recs, position{Cursor: next}) })
	}
}

// pullAhead reads pages from first until a page names end as its
// successor: each page is checked, converted and emitted (committed)
// while its successor is already being fetched, so the round trip and the
// commit overlap. With guess, which names the page likely to follow a
// page, up to parallel pages are in flight at once; pages fetched past
// the end, or on a wrong guess, are cancelled and their answers dropped.
// A failure cancels the pages fetched ahead and waits for them, so
// nothing is left running.
func pullAhead[T any, P comparable](ctx context.Context, first, end P, parallel int, guess func(P) (P, bool),
	fetch func(context.Context, P) ([]*T, P, error), conv toRecord[T],
	check func(at, next P) error, name func(P) string, emit func([]record, P) error) error {
	// ahead holds the pages in flight, in order; ahead[0] is the next to
	// emit.
	var ahead []*future[T, P]
	drop := func() {
		for _, f := range ahead {
			f.cancel()
		}
		for _, f := range ahead {
			f.wait()
		}
		ahead = nil
	}
	defer drop()
	ahead = append(ahead, startFetch(ctx, fetch, first))
	for {
		head := ahead[0]
		ahead = ahead[1:]
		items, succ, err := head.wait()
		if err != nil {
			return fmt.Errorf("%s: %w", name(head.at), err)
		}
		if err := check(head.at, succ); err != nil {
			return err
		}
		if len(ahead) > 0 && (succ == end || ahead[0].at != succ) {
			drop()
		}
		if succ != end {
			if len(ahead) == 0 {
				ahead = append(ahead, startFetch(ctx, fetch, succ))
			}
			for len(ahead) < parallel {
				next, ok := guess(ahead[len(ahead)-1].at)
				if !ok {
					break
				}
				ahead = append(ahead, startFetch(ctx, fetch, next))
			}
		}
		recs, err := convert(items, conv)
		if err != nil {
			return fmt.Errorf("%s: %w", name(head.at), err)
		}
		if err := emit(recs, succ); err != nil {
			return err
		}
		if succ == end {
			return nil
		}
	}
}

// future is a page being fetched in its own goroutine.
type future[T any, P any] struct {
	at     P
	cancel context.CancelFunc
	done   chan struct{}
	items  []*T
	next   P
	err    error
}

// startFetch fetches the page at in its own goroutine, with a context of
// its own that the future's cancel ends.
func startFetch[T any, P any](ctx context.Context, fetch func(context.Context, P) ([]*T, P, error), at P) *future[T, P] {
	ctx, cancel := context.WithCancel(ctx)
	f := &future[T, P]{at: at, cancel: cancel, done: make(chan struct{})}
	go func() {
		defer close(f.done)
		defer cancel()
		f.items, f.next, f.err = fetch(ctx, at)
	}()
	return f
}

// wait returns the page once it is in; it may be called more than once.
func (f *future[T, P]) wait() ([]*T, P, error) {
	<-f.done
	return f.items, f.next, f.err
}

func convert[T any](items []*T, conv toRecord[T]) ([]record, error) {
	recs := make([]record, 0, len(items))
	for _, it := range items {
		r, err := conv(it)
		if err != nil {
			return nil, err
		}
		recs = append(recs, r)
	}
	return recs, nil
}

// reportWindow is the span of one report request of a window stream.
const reportWindow = 30 * 24 * time.Hour

// windowEmit commits a page of a report window. page is where the window
// resumes after it (0: the window's start); last marks the window's final
// page, after which the pass resumes at the next window.
type windowEmit func(recs []record, page int, last bool) error

// windowReader reads the records of one report window [from, to),
// starting at page (0 or 1: the start), ending with a last page.
type windowReader func(ctx context.Context, from, to time.Time, page int, emit windowEmit) error

// windowPull walks a pass window by window, from the checkpoint's window
// (or the pass's Since) to the pass's start. After a failure the sync
// resumes at the window, and the page inside it, that it was in.
func windowPull(read windowReader) func(context.Context, checkpoint, emitFunc) error {
	return func(ctx context.Context, cp checkpoint, emit emitFunc) error {
		from := cp.Window
		if from.IsZero() {
			from = cp.Since
		}
		page := cp.Page
		for from.Before(cp.Until) {
			to := from.Add(reportWindow)
			if to.After(cp.Until) {
				to = cp.Until
			}
			err := read(ctx, from, to, page, func(recs []record, page int, last bool) error {
				if last {
					return emit(recs, position{Window: to})
				}
				return emit(recs, position{Window: from, Page: page})
			})
			if err != nil {
				return fmt.Errorf("window %s to %s: %w", from.UTC().Format(time.DateTime), to.UTC().Format(time.DateTime), err)
			}
			from, page = to, 0
		}
		return nil
	}
}

// inWindow reports whether t lies in [from, to). Reports are asked for
// whole seconds or whole days, so a window's answer may hold records of
// its neighbours; they are left to the window they belong to.
func inWindow(t, from, to time.Time) bool { return !t.Before(from) && t.Before(to) }
