package rowcap

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"io"
	"strings"
	"testing"
	"testing/iotest"
)

// parsed is what a parser made of an input: its records, the input offset
// after each, and the error that ended it (nil at the end of the input).
type parsed struct {
	records []string
	offsets []int64
	err     error
}

// parseCSV reads every record of in; with max > 0 through a Reader of that
// cap, marking each record boundary.
func parseCSV(in io.Reader, max int64) parsed {
	var rc *Reader
	if max > 0 {
		rc = NewReader(in, max)
		in = rc
	}
	r := csv.NewReader(in)
	r.FieldsPerRecord = -1
	var p parsed
	for {
		rec, err := r.Read()
		if err != nil {
			if rc != nil && rc.Err() != nil {
				err = rc.Err() // the cap, not the syntax error of the cut record
			}
			if !errors.Is(err, io.EOF) {
				p.err = err
			}
			return p
		}
		p.records = append(p.records, strings.Join(rec, "\x00"))
		p.offsets = append(p.offsets, r.InputOffset())
		if rc != nil {
			rc.Next(r.InputOffset())
		}
	}
}

// parseJSON decodes every value of in as json.Decoder does for
// newline-delimited JSON; with max > 0 through a Reader of that cap.
func parseJSON(in io.Reader, max int64) parsed {
	var rc *Reader
	if max > 0 {
		rc = NewReader(in, max)
		in = rc
	}
	dec := json.NewDecoder(in)
	var p parsed
	for {
		var raw json.RawMessage
		if err := dec.Decode(&raw); err != nil {
			if !errors.Is(err, io.EOF) {
				p.err = err
			}
			return p
		}
		p.records = append(p.records, string(raw))
		p.offsets = append(p.offsets, dec.InputOffset())
		if rc != nil {
			rc.Next(dec.InputOffset())
		}
	}
}

func TestReaderCSV(t *testing.T) {
	row := func(n int) string { return strings.Repeat("x", n-1) + "\n" } // n bytes with its newline
	tests := []struct {
		name    string
		in      string
		max     int64
		records int
		tooLong bool
	}{
		{"every row under the cap", row(5) + row(3) + row(5), 5, 3, false},
		{"a row exactly the cap", row(8), 8, 1, false},
		{"a last row without line ending at the cap", "abcdefgh", 8, 1, false},
		{"a row one byte over", row(9), 8, 0, true},
		{"an oversized row after good ones", row(4) + row(4) + row(100), 8, 2, true},
		{"a quoted field across lines under the cap", "\"a\nb\",c\nd\n", 8, 2, false},
		{"a quoted field across lines over the cap", "\"a\nb\nc\nd\",e\n", 8, 0, true},
		{"blank lines count toward the next row", "a\n" + strings.Repeat("\n", 7) + "b\n", 8, 1, true},
		{"empty input", "", 1, 0, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for _, wrap := range []struct {
				name string
				fn   func(io.Reader) io.Reader
			}{
				{"whole", func(r io.Reader) io.Reader { return r }},
				{"byte by byte", iotest.OneByteReader},
				{"half", iotest.HalfReader},
			} {
				p := parseCSV(wrap.fn(strings.NewReader(tt.in)), tt.max)
				if len(p.records) != tt.records {
					t.Errorf("%s: %d records, want %d (err %v)", wrap.name, len(p.records), tt.records, p.err)
				}
				if got := errors.Is(p.err, ErrTooLong); got != tt.tooLong {
					t.Errorf("%s: err = %v, want too long: %v", wrap.name, p.err, tt.tooLong)
				}
				var tl *TooLongError
				if tt.tooLong && (!errors.As(p.err, &tl) || tl.Max != tt.max) {
					t.Errorf("%s: err = %#v, want a *TooLongError with Max %d", wrap.name, p.err, tt.max)
				}
			}
		})
	}
}

func TestReaderJSON(t *testing.T) {
	obj := func(n int) string { return `{"a":"` + strings.Repeat("x", n-8) + `"}` } // n bytes
	tests := []struct {
		name      string
		in        string
		max       int64
		records   int
		tooLong   bool
		parserErr bool
	}{
		{"every value under the cap", obj(20) + "\n" + obj(19) + "\n", 20, 2, false, false},
		{"a value exactly the cap", obj(20), 20, 1, false, false},
		{"a value one byte over", obj(21), 20, 0, true, false},
		{"an oversized value after a good one", obj(20) + "\n" + obj(4000), 20, 1, true, false},
		{"a broken value under the cap is the parser's error", obj(10)[:6], 20, 0, false, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := parseJSON(strings.NewReader(tt.in), tt.max)
			if len(p.records) != tt.records {
				t.Errorf("%d records, want %d (err %v)", len(p.records), tt.records, p.err)
			}
			if got := errors.Is(p.err, ErrTooLong); got != tt.tooLong {
				t.Errorf("err = %v, want too long: %v", p.err, tt.tooLong)
			}
			if !tt.tooLong && (p.err != nil) != tt.parserErr {
				t.Errorf("err = %v, want a parser error: %v", p.err, tt.parserErr)
			}
		})
	}
}

func TestReaderUnderlyingError(t *testing.T) {
	boom := errors.New("boom")
	r := NewReader(iotest.ErrReader(boom), 4)
	if _, err := r.Read(make([]byte, 8)); err != boom {
		t.Fatalf("err = %v, want the underlying error", err)
	}
	// At the cap, the end of the input is still the end, not a long row.
	r = NewReader(strings.NewReader("abcd"), 4)
	b, err := io.ReadAll(r)
	if err != nil || string(b) != "abcd" {
		t.Fatalf("ReadAll = %q, %v", b, err)
	}
	// A failed Reader keeps failing.
	r = NewReader(strings.NewReader("abcdef"), 4)
	if _, err := io.ReadAll(r); !errors.Is(err, ErrTooLong) {
		t.Fatalf("err = %v, want ErrTooLong", err)
	}
	if n, err := r.Read(make([]byte, 1)); n != 0 || !errors.Is(err, ErrTooLong) {
		t.Fatalf("second Read = %d, %v", n, err)
	}
}

func TestReaderNextClamps(t *testing.T) {
	r := NewReader(strings.NewReader("abcdefghij"), 4)
	if _, err := io.ReadFull(r, make([]byte, 3)); err != nil {
		t.Fatal(err)
	}
	r.Next(100) // beyond what was read: clamped to 3
	r.Next(1)   // behind the last boundary: ignored
	b, err := io.ReadAll(r)
	if !errors.Is(err, ErrTooLong) || string(b) != "defg" {
		t.Fatalf("ReadAll = %q, %v; want the 4 bytes after the boundary, then ErrTooLong", b, err)
	}
	if r.Offset() != 7 || r.Max() != 4 {
		t.Fatalf("Offset, Max = %d, %d", r.Offset(), r.Max())
	}
}

func TestNewReaderRefusesNonPositiveCap(t *testing.T) {
	defer func() {
		if recover() == nil {
			t.Fatal("no panic")
		}
	}()
	NewReader(bytes.NewReader(nil), 0)
}

// checkCapped compares a capped parse with an uncapped one: the capped one
// never returns a record longer than max; it returns the same records and
// the same error unless the input left after its last record is longer
// than max, in which case it may stop early with ErrTooLong.
func checkCapped(t *testing.T, kind string, in []byte, max int64, capped, free parsed) {
	t.Helper()
	var prev int64
	for i, off := range capped.offsets {
		if off-prev > max {
			t.Fatalf("%s: record %d took %d bytes, cap %d", kind, i, off-prev, max)
		}
		prev = off
	}
	if len(capped.records) > len(free.records) {
		t.Fatalf("%s: %d records capped, %d without the cap", kind, len(capped.records), len(free.records))
	}
	for i := range capped.records {
		if capped.records[i] != free.records[i] || capped.offsets[i] != free.offsets[i] {
			t.Fatalf("%s: record %d = %q at %d, want %q at %d", kind, i, capped.records[i], capped.offsets[i], free.records[i], free.offsets[i])
		}
	}
	if errors.Is(capped.err, ErrTooLong) {
		if int64(len(in))-prev <= max {
			t.Fatalf("%s: ErrTooLong after %d records with only %d bytes left (cap %d)", kind, len(capped.records), int64(len(in))-prev, max)
		}
		return
	}
	if len(capped.records) != len(free.records) || (capped.err == nil) != (free.err == nil) ||
		(capped.err != nil && capped.err.Error() != free.err.Error()) {
		t.Fatalf("%s: capped ends after %d records with %v; uncapped after %d with %v",
			kind, len(capped.records), capped.err, len(free.records), free.err)
	}
}

// FuzzReader parses any input as CSV and as a stream of JSON values, with
// and without a small cap. No record over the cap gets through, a record
// within it always does, and nothing panics.
func FuzzReader(f *testing.F) {
	f.Add([]byte("a,b\n1,2\n"), uint8(4))
	f.Add([]byte("a,\"b\nc\",d\n\n\nxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\n"), uint8(8))
	f.Add([]byte("{\"a\":1}\n{\"b\":[1,2,3]}\n"), uint8(7))
	f.Add([]byte("{\"a\":\"xxxxxxxxxxxxxxxxxxxxxxxxxxx\"}"), uint8(9))
	f.Add([]byte("[1, 2, 3] 4 \"five\""), uint8(1))
	f.Add([]byte(""), uint8(1))
	f.Fuzz(func(t *testing.T, in []byte, m uint8) {
		max := int64(m%64) + 1
		checkCapped(t, "csv", in, max, parseCSV(iotest.HalfReader(bytes.NewReader(in)), max), parseCSV(bytes.NewReader(in), 0))
		checkCapped(t, "json", in, max, parseJSON(iotest.HalfReader(bytes.NewReader(in)), max), parseJSON(bytes.NewReader(in), 0))
	})
}
