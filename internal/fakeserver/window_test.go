package fakeserver

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
)

func TestFixedWindow(t *testing.T) {
	t0 := time.Date(2026, 3, 16, 12, 0, 30, 0, time.UTC)
	tests := []struct {
		name     string
		requests int
		per      time.Duration
		at       []time.Duration // after t0
		want     []bool
	}{
		{"spent until the next window", 2, time.Minute,
			[]time.Duration{0, 0, 0, 29 * time.Second, 30 * time.Second},
			[]bool{true, true, false, false, true}},
		{"refused requests do not count", 1, time.Second,
			[]time.Duration{0, 0, 0, time.Second},
			[]bool{true, false, false, true}},
		{"off: no requests", 0, time.Minute, []time.Duration{0, 0, 0}, []bool{true, true, true}},
		{"off: no window", 5, 0, []time.Duration{0, 0, 0, 0, 0, 0}, []bool{true, true, true, true, true, true}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			q := NewFixedWindow(tt.requests, tt.per)
			var got []bool
			for _, d := range tt.at {
				got = append(got, q.Allow(t0.Add(d)))
			}
			assert.Equal(t, tt.want, got)
		})
	}
}
