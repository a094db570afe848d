// Package doccheck checks, in a package's tests, that the doc comment of
// an alias lists every exported field and method of the internal type it
// stands for: go doc shows the alias's comment, not the internal type's,
// so the comment is all a user sees.
package doccheck

import (
	"go/ast"
	"go/doc"
	"go/parser"
	"go/token"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"testing"
)

// TypeDocs returns the doc comments of the types declared in the non-test
// Go files of dir, by type name.
func TypeDocs(t testing.TB, dir string) map[string]string {
	t.Helper()
	fset := token.NewFileSet()
	paths, err := filepath.Glob(filepath.Join(dir, "*.go"))
	if err != nil {
		t.Fatal(err)
	}
	var files []*ast.File
	for _, path := range paths {
		if strings.HasSuffix(path, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, path, nil, parser.ParseComments)
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, f)
	}
	p, err := doc.NewFromFiles(fset, files, "example.com/pkg")
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]string{}
	for _, typ := range p.Types {
		out[typ.Name] = typ.Doc
	}
	return out
}

// ListsMembers fails t unless docs[name] names every exported field of
// typ (a struct) and every method of typ and *typ (or of the interface),
// each on a list line ("  - Name ...").
func ListsMembers(t testing.TB, docs map[string]string, name string, typ reflect.Type) {
	t.Helper()
	text := docs[name]
	if text == "" {
		t.Errorf("%s has no doc comment", name)
		return
	}
	var members []string
	if typ.Kind() == reflect.Struct {
		for i := range typ.NumField() {
			if f := typ.Field(i); f.IsExported() {
				members = append(members, f.Name)
			}
		}
	}
	mt := typ
	if typ.Kind() != reflect.Interface && typ.Kind() != reflect.Pointer {
		mt = reflect.PointerTo(typ)
	}
	for i := range mt.NumMethod() {
		members = append(members, mt.Method(i).Name)
	}
	for _, m := range members {
		if !regexp.MustCompile(`(?m)^\s*-.*\b` + m + `\b`).MatchString(text) {
			t.Errorf("%s: %s.%s is not listed in its doc comment", name, typ, m)
		}
	}
}
