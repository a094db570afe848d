//go:build !race

package main

// raceEnabled is true when the tests run with the race detector, which
// makes big exports many times slower.
const raceEnabled = false
