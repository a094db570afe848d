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
// running.
func Paginate[T any](ctx context.Context, fetch func(context.Context) ([]*T, *Response, error), advance func(*Response) bool) iter.Seq2[*T, error] {
	return paginate(ctx, fetch, advance, nil)
}

// pageAt fetches a given page of a page-number list directly, so that
// several can be in flight at once.
type pageAt[T any] func(ctx context.Context, page int) ([]*T, *Response, error)

// paginate is Paginate with, for a page-number list, a way to fetch page
// p directly (at, nil for cursor lists). With at, a page whose Response
// names its successor (NextPage) lets up to max(prefetch, parallel-1)
// following pages be fetched while the caller handles it: the pages are
// yielded in page order, the repeat checks run in that order, and a page
// that ends the list (short, or the last by the total) cancels the pages
// after it and drops their answers, errors included. At most that many
// requests are made beyond the page the caller is on.
//
// Pages fetched at once see the data at slightly different times. A
// record pushed to a later page meanwhile (records added before it) would
// be read twice; with parallel pages the iterator drops a record whose
// identifiers it yielded within the last few pages, so it is yielded once.
// A record pulled to an earlier page (records deleted before it) can be
// missed, as with any offset paging.
func paginate[T any](ctx context.Context, fetch func(context.Context) ([]*T, *Response, error), advance func(*Response) bool, at pageAt[T]) iter.Seq2[*T, error] {
	return func(yield func(*T, error) bool) {
		if ctx == nil {
			yield(nil, errNilContext)
			return
		}
		var seen seenPages
		var ahead pipeline[T]
		defer ahead.stop()
		var recent recentRecords[T]
		for {
			if err := ctx.Err(); err != nil {
				yield(nil, err)
				return
			}
			items, resp, err := ahead.next(ctx, fetch)
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
			// before the page's records are yielded, so the following pages
			// can be fetched while they are.
			short := resp.short
			cursorRepeat := resp.NextCursor != "" && seen.cursor(resp.NextCursor)
			more := short == nil && !cursorRepeat && advance(resp)
			switch {
			case !more:
				ahead.stop()
			case at != nil && resp.NextPage > 0:
				n := max(resp.prefetch, resp.parallel-1)
				ahead.fill(ctx, at, resp.NextPage, n, max(n, resp.parallel), resp.lastPage)
				if resp.parallel > 1 {
					items = recent.dedupe(items, resp.parallel+1)
				}
			case resp.prefetch > 0:
				ahead.fillCursor(ctx, fetch)
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

// pipeline holds the pages fetched ahead of the caller, in page order.
type pipeline[T any] struct {
	queue []*prefetched[T]
	// ctx, at and last are those of the last fill of a page-number list
	// (at is nil for a cursor list); width is how many pages may be in
	// flight while the caller waits for the next one.
	ctx   context.Context
	at    pageAt[T]
	last  int
	width int
}

// next returns the first page fetched ahead, or fetches the next page now
// when none is. While the caller waits for a page-number list's next page,
// up to width pages are in flight: that page and the ones after it.
func (p *pipeline[T]) next(ctx context.Context, fetch func(context.Context) ([]*T, *Response, error)) ([]*T, *Response, error) {
	if len(p.queue) == 0 {
		return fetch(ctx)
	}
	if p.at != nil {
		p.add(p.queue[0].page, p.width)
	}
	f := p.queue[0]
	p.queue = p.queue[1:]
	return f.wait()
}

// fill makes sure pages first, first+1, ... up to n of them (and none
// past last, when last > 0) are being fetched, and lets next keep width
// in flight. A queue that does not start at first (the server named
// another successor) is dropped.
func (p *pipeline[T]) fill(ctx context.Context, at pageAt[T], first, n, width, last int) {
	if len(p.queue) > 0 && p.queue[0].page != first {
		p.stop()
	}
	p.ctx, p.at, p.last, p.width = ctx, at, last, width
	p.add(first, n)
}

// add starts the pages after the queue's until it holds n, from first
// when it is empty.
func (p *pipeline[T]) add(first, n int) {
	for next := first + len(p.queue); len(p.queue) < n && (p.last == 0 || next <= p.last); next++ {
		p.queue = append(p.queue, prefetch(p.ctx, p.at, next))
	}
}

// fillCursor starts fetching a cursor list's next page.
func (p *pipeline[T]) fillCursor(ctx context.Context, fetch func(context.Context) ([]*T, *Response, error)) {
	p.queue = append(p.queue, prefetch(ctx, func(ctx context.Context, _ int) ([]*T, *Response, error) { return fetch(ctx) }, 0))
}

// stop cancels every page still being fetched and waits for them.
func (p *pipeline[T]) stop() {
	for _, f := range p.queue {
		f.stop()
	}
	p.queue = p.queue[:0]
}

// prefetched is a page being fetched ahead of the caller.
type prefetched[T any] struct {
	page   int
	cancel context.CancelFunc
	done   chan struct{}
	items  []*T
	resp   *Response
	err    error
}

// prefetch starts fetching page in its own goroutine.
func prefetch[T any](ctx context.Context, at pageAt[T], page int) *prefetched[T] {
	actx, cancel := context.WithCancel(ctx)
	p := &prefetched[T]{page: page, cancel: cancel, done: make(chan struct{})}
	go func() {
		defer close(p.done)
		p.items, p.resp, p.err = at(actx, page)
	}()
	return p
}

// wait returns the prefetched page once it is in.
func (p *prefetched[T]) wait() ([]*T, *Response, error) {
	<-p.done
	p.cancel()
	return p.items, p.resp, p.err
}

// stop cancels a prefetch still running and waits for it.
func (p *prefetched[T]) stop() {
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
// whether there is one. For a page-number list (its pages' Responses set
// NextPage) advance must move the options to NextPage and depend on
// nothing else, as pages fetched ahead are prepared by calling it on a
// copy of the options with a Response holding only NextPage; page must
// not share state between calls, as pages may be fetched at once.
func List[T any, O any](ctx context.Context, opts []*O, page func(context.Context, *O) ([]*T, *Response, error), advance func(*O, *Response) bool) iter.Seq2[*T, error] {
	return func(yield func(*T, error) bool) {
		// Copy the options on every range, so the sequence can be ranged
		// again from the start and the caller's value is never changed.
		o, err := Options(opts)
		if err != nil {
			yield(nil, err)
			return
		}
		// at fetches page p from a copy of the options as given, moved to
		// p by advance, so pages fetched at once share nothing.
		base := o
		at := func(ctx context.Context, p int) ([]*T, *Response, error) {
			c := base
			advance(&c, &Response{NextPage: p, HasMore: true})
			return page(ctx, &c)
		}
		seq := paginate(ctx,
			func(ctx context.Context) ([]*T, *Response, error) { return page(ctx, &o) },
			func(r *Response) bool { return advance(&o, r) },
			at)
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
	r.lastPage = max(page, (*r.Total+size-1)/size)
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
