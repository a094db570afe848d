package transport

import (
	"context"
	"iter"
)

// ListByPage is [List] for a page-number list: after each page whose
// [Response] names a NextPage, the options' page (the int pageOf points to)
// moves there; a page without one ends the list.
func ListByPage[T any, O any](ctx context.Context, opts []*O, page func(context.Context, *O) ([]*T, *Response, error), pageOf func(*O) *int) iter.Seq2[*T, error] {
	return List(ctx, opts, page, func(o *O, r *Response) bool {
		if r.NextPage == 0 {
			return false
		}
		*pageOf(o) = r.NextPage
		return true
	})
}
