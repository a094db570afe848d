package refersion_test

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	. "github.com/affiliatekit/affiliatekit-go/refersion"
)

// With several pages in flight at once, a list still yields every record
// once and in order: its pages share nothing, so this also runs clean
// under -race.
func TestAffiliatesListParallelPages(t *testing.T) {
	srv, c, _ := newFake(t, nil, WithParallelPages(4))
	seeded := srv.SeedAffiliates(1050)
	var got []string
	for a, err := range c.Affiliates.List(context.Background()) {
		require.NoError(t, err)
		got = append(got, a.Code)
	}
	want := make([]string, len(seeded))
	for i, a := range seeded {
		want[i] = a.Code
	}
	assert.Equal(t, want, got)
	assert.Equal(t, 11, srv.RequestCount(), "1050 affiliates at 100 per page, none fetched twice or past the total")
}

func TestAffiliatesSearchParallelPages(t *testing.T) {
	srv, c, _ := newFake(t, nil, WithParallelPages(4))
	seeded := srv.SeedAffiliates(125)
	var got []string
	for a, err := range c.Affiliates.Search(context.Background(), "example") {
		require.NoError(t, err)
		got = append(got, a.Code)
	}
	want := make([]string, len(seeded))
	for i, a := range seeded {
		want[i] = a.Code
	}
	assert.Equal(t, want, got)
	assert.Equal(t, 13, srv.RequestCount(), "125 matches at 10 a page, the last page short")
}
