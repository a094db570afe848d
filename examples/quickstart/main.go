// Command quickstart lists data from each affiliate platform the SDK
// supports. Without a platform's credentials in the environment it starts
// that platform's fake server in-process with demo data and says so, so it
// runs on a fresh machine with no account anywhere.
package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"slices"
	"time"
)

// section is one platform's part of the output.
type section struct {
	order int
	name  string
	run   func(ctx context.Context, w io.Writer) error
}

// sections is filled by each platform file's init.
var sections []section

func register(order int, name string, run func(ctx context.Context, w io.Writer) error) {
	sections = append(sections, section{order: order, name: name, run: run})
}

func main() {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	slices.SortFunc(sections, func(a, b section) int { return a.order - b.order })
	failed := false
	for i, s := range sections {
		if i > 0 {
			fmt.Fprintln(os.Stdout)
		}
		if err := s.run(ctx, os.Stdout); err != nil {
			fmt.Fprintf(os.Stderr, "%s: %v\n", s.name, err)
			failed = true
		}
	}
	if failed {
		os.Exit(1)
	}
}
