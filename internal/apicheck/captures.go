package apicheck

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"path/filepath"
	"strings"
)

// CapturedWrites lists, as "file:line: Func writes its parameter name in a
// closure", every function literal in the non-test Go files below root
// that assigns to a parameter of the function around it. An Option is
// such a closure: one that rewrites what it captured (key =
// strings.TrimSpace(key)) races when the same Option value builds two
// clients at once, so a constructor normalises its arguments before it
// returns the closure. Directories named testdata or examples are skipped.
func CapturedWrites(root string) ([]string, error) {
	fset := token.NewFileSet()
	var found []string
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if name := d.Name(); path != root && (name == "testdata" || name == "examples" || strings.HasPrefix(name, ".")) {
				return filepath.SkipDir
			}
			return nil
		}
		if !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return nil
		}
		f, err := parser.ParseFile(fset, path, nil, 0)
		if err != nil {
			return err
		}
		for _, decl := range f.Decls {
			fd, ok := decl.(*ast.FuncDecl)
			if !ok || fd.Body == nil {
				continue
			}
			params := fieldNames(fd.Type.Params)
			ast.Inspect(fd.Body, func(n ast.Node) bool {
				lit, ok := n.(*ast.FuncLit)
				if !ok {
					return true
				}
				for _, name := range writes(lit, params) {
					found = append(found, fmt.Sprintf("%s: %s writes its parameter %s in a closure",
						fset.Position(lit.Pos()), fd.Name.Name, name))
				}
				return false
			})
		}
		return nil
	})
	return found, err
}

// fieldNames returns the names a field list declares.
func fieldNames(fl *ast.FieldList) map[string]bool {
	names := map[string]bool{}
	if fl == nil {
		return names
	}
	for _, f := range fl.List {
		for _, n := range f.Names {
			names[n.Name] = true
		}
	}
	return names
}

// writes returns the names of params that lit assigns to with = (or ++,
// --, op=), leaving out those lit declares again itself: its own
// parameters, := and var declarations, range variables.
func writes(lit *ast.FuncLit, params map[string]bool) []string {
	shadowed := fieldNames(lit.Type.Params)
	ast.Inspect(lit.Body, func(n ast.Node) bool {
		switch s := n.(type) {
		case *ast.AssignStmt:
			if s.Tok == token.DEFINE {
				for _, l := range s.Lhs {
					if id, ok := l.(*ast.Ident); ok {
						shadowed[id.Name] = true
					}
				}
			}
		case *ast.RangeStmt:
			if s.Tok == token.DEFINE {
				for _, e := range []ast.Expr{s.Key, s.Value} {
					if id, ok := e.(*ast.Ident); ok {
						shadowed[id.Name] = true
					}
				}
			}
		case *ast.ValueSpec:
			for _, id := range s.Names {
				shadowed[id.Name] = true
			}
		}
		return true
	})
	seen := map[string]bool{}
	var out []string
	note := func(e ast.Expr) {
		if id, ok := e.(*ast.Ident); ok && params[id.Name] && !shadowed[id.Name] && !seen[id.Name] {
			seen[id.Name] = true
			out = append(out, id.Name)
		}
	}
	ast.Inspect(lit.Body, func(n ast.Node) bool {
		switch s := n.(type) {
		case *ast.AssignStmt:
			if s.Tok != token.DEFINE {
				for _, l := range s.Lhs {
					note(l)
				}
			}
		case *ast.IncDecStmt:
			note(s.X)
		}
		return true
	})
	return out
}
