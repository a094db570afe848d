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

// pagePull reads a page-number list from the checkpoint's page on.
func pagePull[T any](list pageLister[T], conv toRecord[T]) func(context.Context, checkpoint, emitFunc) error {
	return func(ctx context.Context, cp checkpoint, emit emitFunc) error {
		for page := max(cp.Page, 1); ; {
			items, next, err := list(ctx, cp, page)
			if err != nil {
				return fmt.Errorf("page %d: %w", page, err)
			}
			if next != 0 && next <= page {
				return fmt.Errorf("page %d: the next page (%d) does not advance", page, next)
			}
			recs, err := convert(items, conv)
			if err != nil {
				return fmt.Errorf("page %d: %w", page, err)
			}
			if err := emit(ctx, recs, position{Page: next, Done: next == 0}); err != nil {
				return err
			}
			if next == 0 {
				return nil
			}
			page = next
		}
	}
}

// cursorPull reads a cursor list from the checkpoint's cursor on.
func cursorPull[T any](list cursorLister[T], conv toRecord[T]) func(context.Context, checkpoint, emitFunc) error {
	return func(ctx context.Context, cp checkpoint, emit emitFunc) error {
		for cursor := cp.Cursor; ; {
			items, next, err := list(ctx, cp, cursor)
			if err != nil {
				return fmt.Errorf("page after %q: %w", cursor, err)
			}
			if next != "" && next == cursor {
				return fmt.Errorf("page after %q: the cursor does not advance", cursor)
			}
			recs, err := convert(items, conv)
			if err != nil {
				return fmt.Errorf("page after %q: %w", cursor, err)
			}
			if err := emit(ctx, recs, position{Cursor: next, Done: next == ""}); err != nil {
				return err
			}
			if next == "" {
				return nil
			}
			cursor = next
		}
	}
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
// (or the pass's Since) to the pass's start. After a failure the pass
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
					return emit(ctx, recs, position{Window: to, Done: !to.Before(cp.Until)})
				}
				return emit(ctx, recs, position{Window: from, Page: page})
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
