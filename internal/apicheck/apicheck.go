// Package apicheck holds checks of a platform package's exported API that
// read its source: every package's tests run them over their own files.
package apicheck

import (
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"strings"
	"testing"
)

// RequestOptions checks that every exported method of a service (a
// *...Service receiver) in the non-test Go files of dir that is not a list
// (List, an iterator, or a page that returns its *Response) ends in opts ...RequestOption and
// uses opts in its body. It returns how many methods it checked.
func RequestOptions(t testing.TB, dir string) int {
	t.Helper()
	paths, err := filepath.Glob(filepath.Join(dir, "*.go"))
	if err != nil {
		t.Fatal(err)
	}
	fset := token.NewFileSet()
	n := 0
	for _, path := range paths {
		if strings.HasSuffix(path, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, path, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range f.Decls {
			fn, ok := d.(*ast.FuncDecl)
			if !ok || fn.Recv == nil || !fn.Name.IsExported() || !isService(fn.Recv) || isList(fn) {
				continue
			}
			n++
			if !endsInOpts(fn) {
				t.Errorf("%s: %s does not end in opts ...RequestOption", fset.Position(fn.Pos()), fn.Name.Name)
				continue
			}
			if !uses(fn.Body, "opts") {
				t.Errorf("%s: %s does not pass its opts on", fset.Position(fn.Pos()), fn.Name.Name)
			}
		}
	}
	return n
}

// endsInOpts reports whether fn's last parameter is opts ...RequestOption.
func endsInOpts(fn *ast.FuncDecl) bool {
	params := fn.Type.Params.List
	if len(params) == 0 {
		return false
	}
	last := params[len(params)-1]
	ell, ok := last.Type.(*ast.Ellipsis)
	return ok && len(last.Names) == 1 && last.Names[0].Name == "opts" && typeName(ell.Elt) == "RequestOption"
}

// uses reports whether the identifier name appears in body.
func uses(body *ast.BlockStmt, name string) bool {
	used := false
	ast.Inspect(body, func(n ast.Node) bool {
		if id, ok := n.(*ast.Ident); ok && id.Name == name {
			used = true
		}
		return !used
	})
	return used
}

// isService reports whether a receiver is a *XService.
func isService(recv *ast.FieldList) bool {
	star, ok := recv.List[0].Type.(*ast.StarExpr)
	return ok && strings.HasSuffix(typeName(star.X), "Service")
}

// isList reports whether fn is a list: List, an iterator, or a page (a
// method that returns its *Response, as ListPage does).
func isList(fn *ast.FuncDecl) bool {
	if fn.Name.Name == "List" {
		return true
	}
	res := fn.Type.Results
	if res == nil {
		return false
	}
	for _, r := range res.List {
		if star, ok := r.Type.(*ast.StarExpr); ok && typeName(star.X) == "Response" {
			return true
		}
	}
	return len(res.List) == 1 && strings.HasPrefix(typeName(res.List[0].Type), "iter.")
}

// typeName returns the source text of a simple type expression.
func typeName(e ast.Expr) string {
	switch e := e.(type) {
	case *ast.Ident:
		return e.Name
	case *ast.SelectorExpr:
		return typeName(e.X) + "." + e.Sel.Name
	case *ast.IndexListExpr:
		return typeName(e.X)
	case *ast.IndexExpr:
		return typeName(e.X)
	}
	return ""
}
