//go:build race

package everflow_test

// raceEnabled is set under the race detector, which slows the big export
// tests down about tenfold; they then stream fewer rows.
const raceEnabled = true
