package refersion

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The list paging, against canned answers.

// TestAffiliatesListShortPageIsAnError: a server that pages by a smaller
// size than the limit asked for would make the list skip records; the
// records of the short page are yielded, then an error ends the list.
func TestAffiliatesListShortPageIsAnError(t *testing.T) {
	var rows []string
	for i := range 10 {
		rows = append(rows, fmt.Sprintf(`{"id":"a%d","email":"a%d@example.com"}`, i, i))
	}
	c := fuzzClient(t, []byte(`{"total":120,"results":[`+strings.Join(rows, ",")+`]}`))
	n := 0
	var last error
	for _, err := range c.Affiliates.List(context.Background()) {
		if err != nil {
			last = err
			break
		}
		n++
	}
	assert.Equal(t, 10, n)
	require.ErrorIs(t, last, ErrMalformedResponse)
	assert.ErrorContains(t, last, "page 1 held 10 records, fewer than the 100 asked for, yet the total is 120")

	// ListPage itself answers the page as it came.
	items, resp, err := c.Affiliates.ListPage(context.Background(), nil)
	require.NoError(t, err)
	assert.Len(t, items, 10)
	assert.Equal(t, 2, resp.NextPage)
}
