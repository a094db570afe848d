package everflow

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

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/affiliatekit/affiliatekit-go/internal/transport"
)

// typeDocs returns the doc comments of the types declared in dir.
func typeDocs(t *testing.T, dir string) map[string]string {
	t.Helper()
	fset := token.NewFileSet()
	paths, err := filepath.Glob(filepath.Join(dir, "*.go"))
	require.NoError(t, err)
	var files []*ast.File
	for _, path := range paths {
		if strings.HasSuffix(path, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, path, nil, parser.ParseComments)
		require.NoError(t, err)
		files = append(files, f)
	}
	p, err := doc.NewFromFiles(fset, files, "example.com/pkg")
	require.NoError(t, err)
	out := map[string]string{}
	for _, typ := range p.Types {
		out[typ.Name] = typ.Doc
	}
	return out
}

// requireDocumentsMembers asserts that the doc comment names every
// exported field and method of typ, each on a line of its own list.
func requireDocumentsMembers(t *testing.T, docText string, typ reflect.Type) {
	t.Helper()
	require.NotEmpty(t, docText, typ.String())
	var names []string
	for i := range typ.NumField() {
		if f := typ.Field(i); f.IsExported() {
			names = append(names, f.Name)
		}
	}
	pt := reflect.PointerTo(typ)
	for i := range pt.NumMethod() {
		names = append(names, pt.Method(i).Name)
	}
	for _, name := range names {
		assert.Regexp(t, regexp.MustCompile(`(?m)^\s*-.*\b`+name+`\b`), docText, "%s.%s is not listed", typ, name)
	}
}

// TestAliasDocsListEveryMember: go doc shows an alias's comment, not the
// internal type's, so each alias lists what the type has.
func TestAliasDocsListEveryMember(t *testing.T) {
	docs := typeDocs(t, ".")
	requireDocumentsMembers(t, docs["Error"], reflect.TypeOf(transport.Error{}))
	requireDocumentsMembers(t, docs["Response"], reflect.TypeOf(transport.Response{}))
	requireDocumentsMembers(t, docs["RateLimit"], reflect.TypeOf(transport.RateLimit{}))
	assert.Contains(t, docs["Amount"], "String() string")
	assert.Equal(t, transport.Version, Version)
}
