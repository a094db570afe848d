package everflow

import (
	"bufio"
	"bytes"
	"cmp"
	"context"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"iter"

	"github.com/affiliatekit/affiliatekit-go/internal/rowcap"
	"github.com/affiliatekit/affiliatekit-go/internal/transport"
)

// ExportFormat is the file format of an export.
type ExportFormat string

// Export formats.
const (
	// FormatCSV is a CSV file with a header row.
	FormatCSV ExportFormat = "csv"
	// FormatJSON is newline-delimited JSON, one record per line.
	FormatJSON ExportFormat = "json"
)

// export is one of Everflow's export endpoints, for every format: the
// POST at path, whose body B the params P build for a format, and T the
// record of a row of its JSON export.
type export[P, B, T any] struct {
	path string
	body func(P, ExportFormat) (B, error)
}

// open checks the format and builds the body.
func (e export[P, B, T]) open(params P, format ExportFormat) (B, error) {
	body, err := e.body(params, format)
	if err = cmp.Or(checkFormat(format), err); err != nil {
		return body, fmt.Errorf("everflow: POST %s: %w", e.path, err)
	}
	return body, nil
}

// rows streams the JSON export as records (see exportJSON).
func (e export[P, B, T]) rows(ctx context.Context, c *Client, params P) iter.Seq2[*T, error] {
	body, err := e.open(params, FormatJSON)
	if err != nil {
		return errSeq[*T](err)
	}
	return exportJSON[T](ctx, c, e.path, body)
}

// csv streams the CSV export as records read by its header row's names
// (see exportCSV).
func (e export[P, B, T]) csv(ctx context.Context, c *Client, params P) iter.Seq2[CSVRecord, error] {
	body, err := e.open(params, FormatCSV)
	if err != nil {
		return errSeq[CSVRecord](err)
	}
	return exportCSV(ctx, c, e.path, body)
}

// raw opens the export in format and returns its body untouched.
func (e export[P, B, T]) raw(ctx context.Context, c *Client, params P, format ExportFormat, opts []RequestOption) (io.ReadCloser, *Response, error) {
	body, err := e.open(params, format)
	if err != nil {
		return nil, nil, err
	}
	return c.exportRaw(ctx, e.path, body, opts...)
}

// errSeq is a sequence that yields err once.
func errSeq[T any](err error) iter.Seq2[T, error] {
	return func(yield func(T, error) bool) {
		var zero T
		yield(zero, err)
	}
}

// exportRaw opens an export and returns its body untouched. Exports only
// read, so they are retried like any read until the body starts to
// arrive; a stream that breaks off later is reported, not retried. The
// reporting slot is held until the body is closed.
func (c *Client) exportRaw(ctx context.Context, path string, body any, opts ...RequestOption) (io.ReadCloser, *Response, error) {
	return c.stream(ctx, read(path, body), opts...)
}

// exportJSON streams a JSON export as records of type T. The body is
// decoded value by value with json.Decoder, so memory stays flat however
// many rows arrive. Each row may take at most the client's response cap
// (WithMaxResponseBytes), counted from the end of the previous row; a
// longer row ends the stream with ErrMalformedResponse before the
// decoder buffers more than that. Newline-delimited JSON and a single
// JSON array are both accepted. Breaking out of the loop closes the body.
func exportJSON[T any](ctx context.Context, c *Client, path string, body any) iter.Seq2[*T, error] {
	return func(yield func(*T, error) bool) {
		rc, resp, err := c.exportRaw(ctx, path, body)
		if err != nil {
			yield(nil, err)
			return
		}
		defer rc.Close()
		fail := func(msg string, cause error) { yield(nil, streamError(ctx, resp, path, msg, cause)) }
		br := bufio.NewReaderSize(rc, 64<<10)
		first, err := peekNonSpace(br)
		if errors.Is(err, io.EOF) {
			return // an empty export has no rows
		}
		if err != nil {
			fail("reading the export", err)
			return
		}
		switch first {
		case '{', '[':
		case '<':
			head, _ := br.Peek(min(br.Buffered(), 512))
			yield(nil, transport.MalformedResponse(resp, head, "HTML page instead of a JSON export", nil))
			return
		default:
			head, _ := br.Peek(min(br.Buffered(), 512))
			yield(nil, transport.MalformedResponse(resp, head, "the export is not JSON", nil))
			return
		}
		capped := rowcap.NewReader(br, c.t.MaxResponseBytes())
		dec := json.NewDecoder(capped)
		array := first == '['
		if array {
			if _, err := dec.Token(); err != nil {
				fail("reading the export", cause(capped, err))
				return
			}
			capped.Next(dec.InputOffset())
		}
		for row := 1; ; row++ {
			if array && !dec.More() {
				if _, err := dec.Token(); err != nil {
					fail("the export's JSON array is not closed", cause(capped, err))
				}
				return
			}
			v := new(T)
			var err error
			if row == 1 && !array {
				err = decodeFirstRow(dec, v)
			} else {
				err = dec.Decode(v)
			}
			if err != nil {
				if !array && errors.Is(err, io.EOF) {
					return
				}
				fail(fmt.Sprintf("decoding export row %d", row), cause(capped, err))
				return
			}
			capped.Next(dec.InputOffset())
			if !yield(v, nil) {
				return
			}
			if err := ctx.Err(); err != nil {
				yield(nil, fmt.Errorf("everflow: POST %s: %w", path, err))
				return
			}
		}
	}
}

// errWrapped reports an export that is one object wrapping a list, the
// shape of the report endpoints rather than of their exports.
var errWrapped = errors.New("the export is a single object wrapping a list, not one record per line")

// decodeFirstRow decodes the first newline-delimited row into v, refusing
// an object that only wraps a list ({"pixels": [...]}), which would
// otherwise decode as one empty record.
func decodeFirstRow(dec *json.Decoder, v any) error {
	var raw json.RawMessage
	if err := dec.Decode(&raw); err != nil {
		return err
	}
	var m map[string]json.RawMessage
	if json.Unmarshal(raw, &m) == nil {
		_, paged := m["paging"]
		if len(m) != 1 && !(len(m) == 2 && paged) {
			return json.Unmarshal(raw, v)
		}
		for _, member := range m {
			if t := bytes.TrimSpace(member); len(t) > 0 && t[0] == '[' {
				return errWrapped
			}
		}
	}
	return json.Unmarshal(raw, v)
}

// exportCSV streams a CSV export as records read by its header row's names.
// Each row, the header included, may take at most the client's response
// cap (WithMaxResponseBytes), counted from the end of the previous row; a
// longer row ends the stream with ErrMalformedResponse. Breaking out of
// the loop closes the body.
func exportCSV(ctx context.Context, c *Client, path string, body any) iter.Seq2[CSVRecord, error] {
	return func(yield func(CSVRecord, error) bool) {
		rc, resp, err := c.exportRaw(ctx, path, body)
		if err != nil {
			yield(CSVRecord{}, err)
			return
		}
		defer rc.Close()
		fail := func(msg string, cause error) { yield(CSVRecord{}, streamError(ctx, resp, path, msg, cause)) }
		br := bufio.NewReaderSize(rc, 64<<10)
		if first, err := peekNonSpace(br); err == nil && (first == '<' || first == '{' || first == '[') {
			head, _ := br.Peek(min(br.Buffered(), 512))
			yield(CSVRecord{}, transport.MalformedResponse(resp, head, "the export is not CSV", nil))
			return
		}
		capped := rowcap.NewReader(br, c.t.MaxResponseBytes())
		r := csv.NewReader(capped)
		head, err := r.Read()
		if errors.Is(err, io.EOF) {
			return
		}
		if err != nil {
			fail("reading the export's header row", cause(capped, err))
			return
		}
		capped.Next(r.InputOffset())
		header := newCSVHeader(head)
		for {
			rec, err := r.Read()
			if errors.Is(err, io.EOF) {
				return
			}
			if err != nil {
				fail("reading the export", cause(capped, err))
				return
			}
			capped.Next(r.InputOffset())
			if !yield(CSVRecord{header: header, fields: rec}, nil) {
				return
			}
			if err := ctx.Err(); err != nil {
				yield(CSVRecord{}, fmt.Errorf("everflow: POST %s: %w", path, err))
				return
			}
		}
	}
}

// streamError is the error that ends an export stream: the context's
// when it is done, the timeout when the stream paused longer than the
// client's, and otherwise ErrMalformedResponse with msg.
func streamError(ctx context.Context, resp *Response, path, msg string, cause error) error {
	switch {
	case ctx.Err() != nil:
		return fmt.Errorf("everflow: POST %s: %w", path, ctx.Err())
	case errors.Is(cause, transport.ErrTimeout):
		return fmt.Errorf("everflow: POST %s: %w", path, cause)
	}
	return transport.MalformedResponse(resp, nil, rowMessage(msg, cause), cause)
}

// cause returns why a parser stopped: the capped reader's own error (a row
// over the cap, a broken or timed-out body) when it has one, since the
// parser may report it as a syntax error of the row it cut.
func cause(capped *rowcap.Reader, err error) error {
	if e := capped.Err(); e != nil {
		return e
	}
	return err
}

// rowMessage names the response cap in the message of a row that
// exceeds it, so the error says which option raises the limit.
func rowMessage(msg string, cause error) string {
	if errors.Is(cause, rowcap.ErrTooLong) {
		return msg + ": the row is longer than the response cap (WithMaxResponseBytes)"
	}
	return msg
}

// peekNonSpace skips leading white space and a UTF-8 byte order mark and
// returns the next byte without consuming it.
func peekNonSpace(br *bufio.Reader) (byte, error) {
	for {
		b, err := br.Peek(1)
		if err != nil {
			return 0, err
		}
		switch b[0] {
		case ' ', '\t', '\r', '\n':
			_, _ = br.ReadByte()
			continue
		case 0xEF:
			if bom, err := br.Peek(3); err == nil && string(bom) == "\ufeff" {
				_, _ = br.Discard(3)
				continue
			}
		}
		return b[0], nil
	}
}

func checkFormat(f ExportFormat) error {
	switch f {
	case FormatCSV, FormatJSON:
		return nil
	}
	return fmt.Errorf("export format must be %q or %q, got %q", FormatCSV, FormatJSON, f)
}
