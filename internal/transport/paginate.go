package transport

import (
	"context"
	"errors"
	"fmt"
	"iter"
)

// Options returns a copy of the single optional options value of a List
// call, or the zero value when none was given. More than one value is an
// error.
func Options[O any](opts []*O) (O, error) {
	var o O
	switch {
	case len(opts) > 1:
		return o, errors.New("at most one options value may be passed")
	case len(opts) == 1 && opts[0] != nil:
		o = *opts[0]
	}
	return o, nil
}

// errNilContext ends an iterator ranged with a nil context.
var errNilContext = errors.New("nil context")

// Paginate turns a page fetcher into an iterator over records.
//
// fetch gets the current page; advance prepares the next request from the
// page's Response and reports whether there is one. The iterator stops when
// the loop breaks, yields an error once and stops, and honours ctx between
// pages. Every list ends: a page whose records came before in the same
// iteration (the same page twice, a cycle A→B→A, page 3 answered with page
// 1's records), or a cursor that repeats an earlier one, ends it with
// ErrMalformedResponse before the repeated records are yielded. Pages are
// told apart by their records (see pageKey), so a volatile field of the
// envelope cannot hide a repeat; the memory this takes is a few bytes per
// page.
//
// When the client prefetches (its Response says so), the next page is
// fetched while the caller handles the current one. Breaking out of the
// loop then cancels that request and waits for it, so nothing is left
// running; it is the one request made beyond the page the caller is on.
func Paginate[T any](ctx context.Context, fetch func(context.Context) ([]*T, *Response, error), advance func(*Response) bool) iter.Seq2[*T, error] {
	return func(yield func(*T, error) bool) {
		if ctx == nil {
			yield(nil, errNilContext)
			return
		}
		var seen seenPages
		var ahead *prefetched[T]
		defer func() { ahead.stop() }()
		for {
			if err := ctx.Err(); err != nil {
				yield(nil, err)
				return
			}
			var items []*T
			var resp *Response
			var err error
			if ahead != nil {
				items, resp, err = ahead.wait()
				ahead = nil
			} else {
				items, resp, err = fetch(ctx)
			}
			if err != nil {
				yield(nil, err)
				return
			}
			if resp == nil {
				return
			}
			if seen.page(pageKey(items)) {
				yield(nil, loopError(resp, "the server returned the same page twice (its records came before in this list)"))
				return
			}
			// Everything that decides whether a next page follows is known
			// before the page's records are yielded, so it can be fetched
			// while they are.
			short := resp.short
			cursorRepeat := resp.NextCursor != "" && seen.cursor(resp.NextCursor)
			more := short == nil && !cursorRepeat && advance(resp)
			if more && resp.prefetch > 0 {
				ahead = prefetch(ctx, fetch)
			}
			for _, it := range items {
				if !yield(it, nil) {
					return
				}
			}
			switch {
			case short != nil:
				yield(nil, &Error{
					StatusCode: resp.StatusCode, Method: resp.method, Path: resp.path, platform: resp.platform, malformed: true,
					Message: fmt.Sprintf("page %d held %d records, fewer than the %d asked for, yet the total is %d: "+
						"the server pages by a smaller size, and going on would skip records; ask for fewer records a page",
						short.page, short.n, short.size, short.total),
				})
				return
			case cursorRepeat:
				yield(nil, loopError(resp, "the pagination cursor did not advance (it repeats an earlier one)"))
				return
			case !more:
				return
			}
		}
	}
}

// prefetched is a page being fetched ahead of the caller.
type prefetched[T any] struct {
	cancel context.CancelFunc
	done   chan struct{}
	items  []*T
	resp   *Response
	err    error
}

// prefetch starts fetching the next page in its own goroutine.
func prefetch[T any](ctx context.Context, fetch func(context.Context) ([]*T, *Response, error)) *prefetched[T] {
	actx, cancel := context.WithCancel(ctx)
	p := &prefetched[T]{cancel: cancel, done: make(chan struct{})}
	go func() {
		defer close(p.done)
		p.items, p.resp, p.err = fetch(actx)
	}()
	return p
}

// wait returns the prefetched page once it is in.
func (p *prefetched[T]) wait() ([]*T, *Response, error) {
	<-p.done
	p.cancel()
	return p.items, p.resp, p.err
}

// stop cancels a prefetch still running and waits for it; nil is a no-op.
func (p *prefetched[T]) stop() {
	if p == nil {
		return
	}
	p.cancel()
	<-p.done
}

// loopError is the ErrMalformedResponse that ends a list the server would
// have kept going in a loop.
func loopError(resp *Response, msg string) *Error {
	return &Error{
		StatusCode: resp.StatusCode, Method: resp.method, Path: resp.path,
		Message: msg + "; stopping instead of looping", platform: resp.platform, malformed: true,
	}
}

// List is the body of every platform List method: it copies the optional
// options value, then pages with page (the platform's ListPage) and
// advance, which moves the options to the page after resp and reports
// whether there is one.
func List[T any, O any](ctx context.Context, opts []*O, page func(context.Context, *O) ([]*T, *Response, error), advance func(*O, *Response) bool) iter.Seq2[*T, error] {
	return func(yield func(*T, error) bool) {
		// Copy the options on every range, so the sequence can be ranged
		// again from the start and the caller's value is never changed.
		o, err := Options(opts)
		if err != nil {
			yield(nil, err)
			return
		}
		seq := Paginate(ctx,
			func(ctx context.Context) ([]*T, *Response, error) { return page(ctx, &o) },
			func(r *Response) bool { return advance(&o, r) })
		seq(yield)
	}
}

// SetPage fills r's pagination state for one page of a page-number list:
// page (from 1) was asked for with size records a page and n records came
// back; set r.Total first when the API reports a total. (A function, not
// a method: Response is public through the platform packages' aliases.) Without a total,
// a full page may have a successor and a short or empty one is the last.
// With one, the next page follows while records remain; a page shorter
// than size while the total says more remain means the server pages by a
// smaller size than asked, and the next page would skip records: the list
// yields the page's records and then ends with ErrMalformedResponse.
func SetPage(r *Response, page, size, n int) {
	r.NextPage, r.HasMore, r.short = 0, false, nil
	if n <= 0 || size <= 0 {
		return
	}
	if r.Total == nil {
		if n >= size {
			r.NextPage, r.HasMore = page+1, true
		}
		return
	}
	seen := (page-1)*size + n
	switch {
	case seen >= *r.Total:
	case n >= size:
		r.NextPage, r.HasMore = page+1, true
	default:
		r.short = &shortPage{page: page, size: size, n: n, total: *r.Total}
	}
}

// DropNil removes the null entries a list body may hold (in place), so an
// iterator or a slice-returning call never hands out a nil record.
// Pagination counts the entries as sent, before this.
func DropNil[T any](items []*T) []*T {
	out := items[:0]
	for _, it := range items {
		if it != nil {
			out = append(out, it)
		}
	}
	return out
}

// NormalizePage checks a page-number list's parameters and fills their
// defaults: page 0 becomes 1, size 0 becomes defSize. A negative page or
// size is an error, and so is a size above maxSize when maxSize > 0.
// sizeName is the size's name in the error ("per page", "page size").
// size is nil for a list whose page size the server fixes.
func NormalizePage(page, size *int, defSize, maxSize int, sizeName string) error {
	if *page < 0 {
		return fmt.Errorf("page must not be negative, got %d", *page)
	}
	if *page == 0 {
		*page = 1
	}
	if size == nil {
		return nil
	}
	switch {
	case maxSize > 0 && (*size < 0 || *size > maxSize):
		return fmt.Errorf("%s must be 1..%d, got %d", sizeName, maxSize, *size)
	case *size < 0:
		return fmt.Errorf("%s must not be negative, got %d", sizeName, *size)
	}
	if *size == 0 {
		*size = defSize
	}
	return nil
}
