package main

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
)

func TestLineCountsPages(t *testing.T) {
	for pages, want := range map[int]string{0: ", 0 pages,", 1: ", 1 page,", 2: ", 2 pages,"} {
		assert.Contains(t, line(3, pages, counts{inserted: 3}, snapshot{requests: 1}, time.Second), want)
	}
}
