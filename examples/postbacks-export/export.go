package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/affiliatekit/affiliatekit-go/everflow"
	"github.com/affiliatekit/affiliatekit-go/internal/rowcap"
)

// Output formats.
const (
	formatCSV    = "csv"
	formatNDJSON = "ndjson"
)

// maxRow caps each row of the export, as the SDK's parsed exports do with
// their default response cap: ExportRaw's body is not size-capped, and
// the CSV reader and JSON decoder would buffer a row of any length.
const maxRow = 32 << 20

// exporter writes one postback export, reporting each row to onRow.
type exporter struct {
	client *everflow.Client
	format string
	// onRow is called after each row with the rows and bytes written so
	// far.
	onRow func(rows, bytes int64)
}

// toFile exports into path through a temporary file beside it, renamed
// into place only when the export is complete: an interrupted export never
// leaves a truncated file behind. "-" writes to stdout instead.
func (e *exporter) toFile(ctx context.Context, params *everflow.PostbackReportParams, path string, stdout io.Writer) (rows int64, err error) {
	if path == "-" {
		return e.export(ctx, params, stdout)
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*.partial")
	if err != nil {
		return 0, err
	}
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	// CreateTemp makes the file private (0600); the export is an ordinary
	// file that others may read, like one written by os.Create.
	if err = tmp.Chmod(0o644); err != nil {
		return 0, err
	}
	if rows, err = e.export(ctx, params, tmp); err != nil {
		return rows, err
	}
	if err = tmp.Close(); err != nil {
		return rows, err
	}
	return rows, os.Rename(tmp.Name(), path)
}

// export streams the rows into w, holding one row in memory at a time.
func (e *exporter) export(ctx context.Context, params *everflow.PostbackReportParams, w io.Writer) (int64, error) {
	cw := &countingWriter{w: w}
	if e.format == formatCSV {
		return e.csv(ctx, params, cw)
	}
	return e.ndjson(ctx, params, cw)
}

// csv saves Everflow's CSV export byte for byte. The bytes pass through a
// CSV reader on their way to w only to count the rows: a field may hold
// line breaks (the partner server's answer does), so lines are not rows.
func (e *exporter) csv(ctx context.Context, params *everflow.PostbackReportParams, w *countingWriter) (int64, error) {
	body, _, err := e.client.Postbacks.ExportRaw(ctx, params, everflow.FormatCSV)
	if err != nil {
		return 0, err
	}
	defer body.Close()
	capped := rowcap.NewReader(io.TeeReader(body, w), maxRow)
	r := csv.NewReader(capped)
	r.FieldsPerRecord = -1
	r.ReuseRecord = true
	if _, err := r.Read(); err != nil { // the header row
		if errors.Is(err, io.EOF) {
			return 0, nil
		}
		return 0, fmt.Errorf("read the export: %w", err)
	}
	capped.Next(r.InputOffset())
	var rows int64
	for {
		_, err := r.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return rows, fmt.Errorf("read the export after %d rows: %w", rows, err)
		}
		capped.Next(r.InputOffset())
		if w.err != nil {
			return rows, w.err
		}
		rows++
		e.onRow(rows, w.n)
	}
	// The reader may stop before the last bytes reach w (a trailing
	// newline); copy whatever is left.
	if _, err := io.Copy(w, body); err != nil {
		return rows, err
	}
	return rows, w.err
}

// ndjson saves the JSON export as newline-delimited JSON, one row per
// line, each row as Everflow sent it (without insignificant white space).
// Everflow's export body may be newline-delimited already or one JSON
// array; both are read one row at a time.
func (e *exporter) ndjson(ctx context.Context, params *everflow.PostbackReportParams, w *countingWriter) (int64, error) {
	body, _, err := e.client.Postbacks.ExportRaw(ctx, params, everflow.FormatJSON)
	if err != nil {
		return 0, err
	}
	defer body.Close()
	br := bufio.NewReader(body)
	array, err := startsArray(br)
	if err != nil {
		return 0, fmt.Errorf("read the export: %w", err)
	}
	capped := rowcap.NewReader(br, maxRow)
	dec := json.NewDecoder(capped)
	if array {
		if _, err := dec.Token(); err != nil { // [
			return 0, fmt.Errorf("read the export: %w", err)
		}
		capped.Next(dec.InputOffset())
	}
	var rows int64
	var line bytes.Buffer
	for array && dec.More() || !array {
		var raw json.RawMessage
		if err := dec.Decode(&raw); err != nil {
			if !array && errors.Is(err, io.EOF) {
				break
			}
			return rows, fmt.Errorf("read the export after %d rows: %w", rows, err)
		}
		capped.Next(dec.InputOffset())
		line.Reset()
		if err := json.Compact(&line, raw); err != nil {
			return rows, err
		}
		line.WriteByte('\n')
		if _, err := w.Write(line.Bytes()); err != nil {
			return rows, err
		}
		rows++
		e.onRow(rows, w.n)
	}
	if array {
		if _, err := dec.Token(); err != nil { // ]
			return rows, fmt.Errorf("read the export after %d rows: %w", rows, err)
		}
	}
	return rows, nil
}

// startsArray reports whether the body's first non-blank byte opens a
// JSON array, without consuming it.
func startsArray(br *bufio.Reader) (bool, error) {
	for {
		b, err := br.Peek(1)
		if errors.Is(err, io.EOF) {
			return false, nil
		}
		if err != nil {
			return false, err
		}
		switch b[0] {
		case ' ', '\t', '\r', '\n':
			_, _ = br.ReadByte()
		default:
			return b[0] == '[', nil
		}
	}
}

// countingWriter counts the bytes written and keeps the first error.
type countingWriter struct {
	w   io.Writer
	n   int64
	err error
}

func (c *countingWriter) Write(p []byte) (int, error) {
	if c.err != nil {
		return 0, c.err
	}
	n, err := c.w.Write(p)
	c.n += int64(n)
	c.err = err
	return n, err
}
