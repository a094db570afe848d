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
// the loop breaks (no further request is made), yields an error once and
// stops, honours ctx between pages, and treats a page identical to the one
// before it as an error rather than looping forever.
func Paginate[T any](ctx context.Context, fetch func(context.Context) ([]*T, *Response, error), advance func(*Response) bool) iter.Seq2[*T, error] {
	return func(yield func(*T, error) bool) {
		if ctx == nil {
			yield(nil, errNilContext)
			return
		}
		var prevHash uint64
		var prevCursor string
		first := true
		for {
			if err := ctx.Err(); err != nil {
				yield(nil, err)
				return
			}
			items, resp, err := fetch(ctx)
			if err != nil {
				yield(nil, err)
				return
			}
			if resp == nil {
				return
			}
			if !first && resp.bodyHash == prevHash && !resp.empty {
				yield(nil, &Error{
					StatusCode: resp.StatusCode, Method: resp.method, Path: resp.path,
					Message: "the server returned the same page twice; stopping instead of looping", malformed: true,
				})
				return
			}
			for _, it := range items {
				if !yield(it, nil) {
					return
				}
			}
			if resp.NextCursor != "" && !first && resp.NextCursor == prevCursor {
				yield(nil, &Error{
					StatusCode: resp.StatusCode, Method: resp.method, Path: resp.path,
					Message: "the pagination cursor did not advance; stopping instead of looping", malformed: true,
				})
				return
			}
			prevHash, prevCursor, first = resp.bodyHash, resp.NextCursor, false
			if !advance(resp) {
				return
			}
		}
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
