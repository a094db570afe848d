package everflowtest

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

	"github.com/affiliatekit/affiliatekit-go/internal/fakeserver"
)

// TestAliasDocsListEveryMember: go doc shows an alias's comment, not the
// internal type's, so each alias lists every exported field.
func TestAliasDocsListEveryMember(t *testing.T) {
	fset := token.NewFileSet()
	paths, err := filepath.Glob("*.go")
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
	p, err := doc.NewFromFiles(fset, files, "example.com/everflowtest")
	require.NoError(t, err)
	docs := map[string]string{}
	for _, typ := range p.Types {
		docs[typ.Name] = typ.Doc
	}
	for name, typ := range map[string]reflect.Type{
		"Fault":           reflect.TypeOf(fakeserver.Fault{}),
		"RecordedRequest": reflect.TypeOf(fakeserver.RecordedRequest{}),
	} {
		require.NotEmpty(t, docs[name], name)
		for i := range typ.NumField() {
			if f := typ.Field(i); f.IsExported() {
				assert.Regexp(t, regexp.MustCompile(`(?m)^\s*-.*\b`+f.Name+`\b`), docs[name], "%s.%s is not listed", name, f.Name)
			}
		}
	}
}
