package refersion

import (
	"fmt"
	"slices"
	"strings"
)

// The checks below build the errors of a call's arguments, reported
// before anything is sent; call.check names the endpoint in front of them.

// required names the first of fields, {name, value} pairs, whose value is
// blank.
func required(fields ...[2]string) error {
	if i := slices.IndexFunc(fields, func(f [2]string) bool { return strings.TrimSpace(f[1]) == "" }); i >= 0 {
		return fmt.Errorf("%s is required", fields[i][0])
	}
	return nil
}

// everyItem returns the error of the first of items that ok refuses, its
// index formatted into format, or nil.
func everyItem[T any](items []T, ok func(T) bool, format string) error {
	if i := slices.IndexFunc(items, func(v T) bool { return !ok(v) }); i >= 0 {
		return fmt.Errorf(format, i)
	}
	return nil
}

// checkBatch rejects an empty batch or one over MaxBatch.
func checkBatch(what string, n int) error {
	switch {
	case n == 0:
		return fmt.Errorf("no %s given", what)
	case n > MaxBatch:
		return fmt.Errorf("%d %s given, more than the %d the API accepts in one call", n, what, MaxBatch)
	}
	return nil
}
