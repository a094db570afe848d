// Command plumbing measures how much of each platform's client package is
// plumbing: the lines of functions and methods whose body has more than
// three top-level statements, among the package's non-test Go lines (type, const
// and var declarations, comments and short methods are not plumbing). It
// prints one line per package and, with -max, fails when a package is
// above that share.
//
//	go run ./.ci/plumbing -max 0.15
package main

import (
	"flag"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"strings"
)

var platforms = []string{"firstpromoter", "partnerstack", "refersion", "everflow", "postaffiliatepro"}

func main() {
	maxShare := flag.Float64("max", 0, "fail when a package's plumbing share exceeds this (0: report only)")
	flag.Parse()
	failed := false
	for _, p := range platforms {
		plumbing, total, err := measure(p)
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(2)
		}
		share := float64(plumbing) / float64(max(total, 1))
		fmt.Printf("%-17s plumbing %5d of %5d lines = %5.1f %%\n", p, plumbing, total, 100*share)
		if *maxShare > 0 && share > *maxShare {
			failed = true
		}
	}
	if failed {
		fmt.Fprintf(os.Stderr, "plumbing above %.0f %% in a platform package\n", 100**maxShare)
		os.Exit(1)
	}
}

// measure counts the plumbing lines and all lines of the package in dir.
func measure(dir string) (plumbing, total int, err error) {
	files, err := filepath.Glob(filepath.Join(dir, "*.go"))
	if err != nil {
		return 0, 0, err
	}
	fset := token.NewFileSet()
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, name, nil, parser.SkipObjectResolution)
		if err != nil {
			return 0, 0, err
		}
		total += fset.File(f.Pos()).LineCount()
		for _, d := range f.Decls {
			fn, ok := d.(*ast.FuncDecl)
			if !ok || fn.Body == nil || countStmts(fn.Body) <= 3 {
				continue
			}
			plumbing += fset.Position(fn.Body.End()).Line - fset.Position(fn.Pos()).Line + 1
		}
	}
	return plumbing, total, nil
}

// countStmts counts the top-level statements of a body.
func countStmts(body *ast.BlockStmt) int { return len(body.List) }
