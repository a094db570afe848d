package main

import (
	"encoding/csv"
	"errors"
	"io"
	"strings"
	"testing"
	"testing/iotest"
)

func TestRowCapReader(t *testing.T) {
	row := func(n int) string { return "a," + strings.Repeat("x", n-3) + "\n" } // n bytes with its newline
	tests := []struct {
		name    string
		in      string
		rows    int
		tooLong bool
	}{
		{"rows under the cap", "id,v\n" + row(10) + row(16), 3, false},
		{"a row of exactly the cap", "id,v\n" + row(16), 2, false},
		{"a last row without line ending at the cap", "id,v\n" + row(16)[:15], 2, false},
		{"a row one byte over the cap", "id,v\n" + row(10) + row(17), 2, true},
		{"a huge row", "id,v\n" + row(1<<20), 1, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			capped := newRowCapReader(iotest.HalfReader(strings.NewReader(tt.in)), 16)
			r := csv.NewReader(capped)
			rows := 0
			var err error
			for {
				if _, err = r.Read(); err != nil {
					break
				}
				capped.next(r.InputOffset())
				rows++
			}
			if rows != tt.rows {
				t.Errorf("%d rows, want %d (err %v)", rows, tt.rows, err)
			}
			if tt.tooLong != errors.Is(err, errRowTooLong) || (!tt.tooLong && !errors.Is(err, io.EOF)) {
				t.Errorf("err = %v, want too long: %v", err, tt.tooLong)
			}
		})
	}
}
