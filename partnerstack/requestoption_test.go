package partnerstack_test

import (
	"context"
	"errors"
	"go/ast"
	"go/parser"
	"go/token"
	"net/http"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/affiliatekit/affiliatekit-go/partnerstack"
	"github.com/affiliatekit/affiliatekit-go/partnerstack/partnerstacktest"
)

// TestWithResponseInto: a get, a create, an update, a delete and a failing
// call each fill the caller's Response with the answer's status and
// headers, request id included.
func TestWithResponseInto(t *testing.T) {
	srv := partnerstacktest.NewServer()
	t.Cleanup(srv.Close)
	srv.SeedPartnerships(1)
	part := srv.Partnerships()[0]
	c, err := partnerstack.NewClient(
		partnerstack.WithKeys(partnerstacktest.PublicKey, partnerstacktest.SecretKey), partnerstack.WithBaseURL(srv.URL), partnerstack.WithMaxRetries(0))
	require.NoError(t, err)
	ctx := context.Background()

	tests := []struct {
		name       string
		call       func(opt partnerstack.RequestOption) error
		wantStatus int
		wantErr    error
	}{
		{name: "get", wantStatus: http.StatusOK, call: func(opt partnerstack.RequestOption) error {
			_, err := c.Partnerships.Get(ctx, part.Key, opt)
			return err
		}},
		{name: "create", wantStatus: http.StatusOK, call: func(opt partnerstack.RequestOption) error {
			_, err := c.Customers.Create(ctx, &partnerstack.CustomerCreateParams{
				Email: "ada@example.com", CustomerKey: partnerstack.Ptr("cust-ada"), PartnerKey: part.PartnerKey}, opt)
			return err
		}},
		{name: "update", wantStatus: http.StatusOK, call: func(opt partnerstack.RequestOption) error {
			_, err := c.Partnerships.Update(ctx, part.Key, &partnerstack.PartnershipUpdateParams{ManagerEmail: "m@example.com"}, opt)
			return err
		}},
		{name: "delete", wantStatus: http.StatusOK, call: func(opt partnerstack.RequestOption) error {
			return c.Customers.Delete(ctx, "cust-ada", opt)
		}},
		{name: "not found", wantStatus: http.StatusNotFound, wantErr: partnerstack.ErrNotFound, call: func(opt partnerstack.RequestOption) error {
			_, err := c.Deals.Get(ctx, "deal_missing", opt)
			return err
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv.Inject(1, partnerstacktest.Fault{Header: http.Header{"X-Request-Id": {"req_" + tt.name}}})
			var resp partnerstack.Response
			err := tt.call(partnerstack.WithResponseInto(&resp))
			if tt.wantErr != nil {
				require.ErrorIs(t, err, tt.wantErr)
				var apiErr *partnerstack.Error
				require.True(t, errors.As(err, &apiErr))
				assert.Equal(t, "req_"+tt.name, apiErr.RequestID)
			} else {
				require.NoError(t, err)
			}
			assert.Equal(t, tt.wantStatus, resp.StatusCode)
			assert.Contains(t, resp.Header.Get("Content-Type"), "application/json")
			assert.Equal(t, "req_"+tt.name, resp.RequestID)
		})
	}
}

// TestWithResponseIntoNoResponse: a call refused before sending leaves the
// Response as it was.
func TestWithResponseIntoNoResponse(t *testing.T) {
	c, err := partnerstack.NewClient(partnerstack.WithKeys(partnerstacktest.PublicKey, partnerstacktest.SecretKey), partnerstack.WithBaseURL("http://127.0.0.1:1"))
	require.NoError(t, err)
	resp := partnerstack.Response{StatusCode: -1}
	_, err = c.Partnerships.Get(context.Background(), " ", partnerstack.WithResponseInto(&resp))
	require.Error(t, err)
	assert.Equal(t, -1, resp.StatusCode)
}

// TestEveryCallTakesRequestOptions: every exported method of a service
// that is not a list ends in opts ...RequestOption and passes them on.
func TestEveryCallTakesRequestOptions(t *testing.T) {
	paths, err := filepath.Glob("*.go")
	require.NoError(t, err)
	fset := token.NewFileSet()
	n := 0
	for _, path := range paths {
		if strings.HasSuffix(path, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, path, nil, 0)
		require.NoError(t, err)
		for _, d := range f.Decls {
			fn, ok := d.(*ast.FuncDecl)
			if !ok || fn.Recv == nil || !fn.Name.IsExported() || !isService(fn.Recv) || isList(fn) {
				continue
			}
			n++
			params := fn.Type.Params.List
			last := params[len(params)-1]
			ell, ok := last.Type.(*ast.Ellipsis)
			if !ok || len(last.Names) != 1 || last.Names[0].Name != "opts" || types(ell.Elt) != "RequestOption" {
				t.Errorf("%s: %s does not end in opts ...RequestOption", fset.Position(fn.Pos()), fn.Name.Name)
				continue
			}
			used := false
			ast.Inspect(fn.Body, func(n ast.Node) bool {
				if id, ok := n.(*ast.Ident); ok && id.Name == "opts" {
					used = true
				}
				return !used
			})
			if !used {
				t.Errorf("%s: %s does not pass its opts on", fset.Position(fn.Pos()), fn.Name.Name)
			}
		}
	}
	assert.Greater(t, n, 50, "methods checked")
}

// isService reports whether a receiver is a *XService.
func isService(recv *ast.FieldList) bool {
	star, ok := recv.List[0].Type.(*ast.StarExpr)
	return ok && strings.HasSuffix(types(star.X), "Service")
}

// isList reports whether fn is a list: List, a ...Page method or an
// iterator.
func isList(fn *ast.FuncDecl) bool {
	name := fn.Name.Name
	if name == "List" || strings.HasSuffix(name, "Page") {
		return true
	}
	res := fn.Type.Results
	return res != nil && len(res.List) == 1 && strings.HasPrefix(types(res.List[0].Type), "iter.")
}

// types returns the source text of a simple type expression.
func types(e ast.Expr) string {
	switch e := e.(type) {
	case *ast.Ident:
		return e.Name
	case *ast.SelectorExpr:
		return types(e.X) + "." + e.Sel.Name
	case *ast.IndexListExpr:
		return types(e.X)
	case *ast.IndexExpr:
		return types(e.X)
	}
	return ""
}
