package webhook

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

	"github.com/affiliatekit/affiliatekit-go/internal/webhookkit"
)

// TestAliasDocsListEveryMember: go doc shows an alias's comment, not the
// internal type's, so each alias lists every exported method.
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
	p, err := doc.NewFromFiles(fset, files, "example.com/webhook")
	require.NoError(t, err)
	docs := map[string]string{}
	for _, typ := range p.Types {
		docs[typ.Name] = typ.Doc
	}
	for name, typ := range map[string]reflect.Type{
		"Store":       reflect.TypeOf((*webhookkit.Store)(nil)).Elem(),
		"MemoryStore": reflect.TypeOf(&webhookkit.MemoryStore{}),
		"ClaimState":  reflect.TypeOf(webhookkit.ClaimNew),
	} {
		require.NotEmpty(t, docs[name], name)
		for i := range typ.NumMethod() {
			m := typ.Method(i).Name
			assert.Regexp(t, regexp.MustCompile(`(?m)^\s*-.*\b`+m+`\b`), docs[name], "%s.%s is not listed", name, m)
		}
	}
}
