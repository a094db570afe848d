package postaffiliatepro_test

import (
	"context"
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/affiliatekit/affiliatekit-go/internal/conformance"
	"github.com/affiliatekit/affiliatekit-go/postaffiliatepro"
	"github.com/affiliatekit/affiliatekit-go/postaffiliatepro/postaffiliateprotest"
)

// TestBadCallerInputIsAClearError: blank credentials, unusable base URLs
// and account names, and negative page sizes fail before any request, with
// an error that names the problem.
func TestBadCallerInputIsAClearError(t *testing.T) { conformance.BadInput(t, platform) }

// TestPageSizeOverTheServerCap: the v3 page-size cap is not public, so a
// page size above the server's cap is caught by the reported total, an
// error rather than a list that silently stops early.
func TestPageSizeOverTheServerCap(t *testing.T) {
	srv := postaffiliateprotest.NewServer(postaffiliateprotest.WithPerPage(20, 50))
	defer srv.Close()
	c := platform.NewClient(t, srv, &http.Client{})
	ctx := context.Background()
	srv.SeedAffiliates(120)
	n := 0
	var last error
	for _, err := range c.Affiliates.List(ctx, &postaffiliatepro.AffiliateListOptions{ListParams: postaffiliatepro.ListParams{PerPage: 100}}) {
		if last = err; err != nil {
			break
		}
		n++
	}
	require.ErrorIs(t, last, postaffiliatepro.ErrMalformedResponse)
	assert.ErrorContains(t, last, "ask for fewer records a page")
	assert.Equal(t, 50, n)
}

// TestIDsWithPathCharactersAreEscaped: an id holding "../", "?", "#" or a
// dot segment stays one escaped path segment; it never reaches another
// route or adds a query.
func TestIDsWithPathCharactersAreEscaped(t *testing.T) { conformance.EscapedKeys(t, platform) }
