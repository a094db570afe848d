package postaffiliatepro_test

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/affiliatekit/affiliatekit-go/postaffiliatepro"
	pt "github.com/affiliatekit/affiliatekit-go/postaffiliatepro/postaffiliateprotest"
)

// envelopes are every list shape the client must read.
var envelopes = []struct {
	name string
	env  pt.Envelope
}{
	{"bare array", pt.EnvelopeArray},
	{"data", pt.EnvelopeData},
	{"items", pt.EnvelopeItems},
	{"results", pt.EnvelopeResults},
	{"resource key", pt.EnvelopeResource},
	{"data.items", pt.EnvelopeDataItems},
	{"data.resource", pt.EnvelopeDataResource},
}

// pagings pair the client's paging style with the fake's.
var pagings = []struct {
	name   string
	client postaffiliatepro.Pagination
	server pt.Pagination
}{
	{"offset/limit", postaffiliatepro.OffsetLimit, pt.OffsetLimit},
	{"page/per_page", postaffiliatepro.PagePerPage, pt.PagePerPage},
}

func TestListEveryEnvelopeAndPaging(t *testing.T) {
	ctx := context.Background()
	for _, e := range envelopes {
		for _, p := range pagings {
			for _, totalKey := range []string{"total", "count", "total_count", ""} {
				if e.env == pt.EnvelopeArray && totalKey != "" {
					continue // a bare array carries no total
				}
				name := fmt.Sprintf("%s/%s/total=%q", e.name, p.name, totalKey)
				t.Run(name, func(t *testing.T) {
					f := newFixture(t, srvOpts(pt.WithEnvelope(e.env), pt.WithPagination(p.server), pt.WithTotalKey(totalKey)),
						postaffiliatepro.WithPagination(p.client))
					f.srv.SeedAffiliates(250)
					want := f.srv.Affiliates()

					var got []string
					for a, err := range f.client.Affiliates.List(ctx) {
						require.NoError(t, err)
						got = append(got, a.ID)
					}
					require.Len(t, got, 250)
					for i, a := range want {
						require.Equal(t, a.ID, got[i], "record %d", i)
					}
					// 100, 100, 50: the short page ends the list.
					assert.Equal(t, 3, f.srv.RequestCount())
					assertPaging(t, f.srv.Requests(), p.client, []int{1, 2, 3}, 100)
				})
			}
		}
	}
}

// assertPaging checks the paging parameters of each request.
func assertPaging(t *testing.T, reqs []pt.RecordedRequest, style postaffiliatepro.Pagination, pages []int, per int) {
	t.Helper()
	require.Len(t, reqs, len(pages))
	for i, r := range reqs {
		q, err := url.ParseQuery(r.Query)
		require.NoError(t, err)
		if style == postaffiliatepro.PagePerPage {
			assert.Equal(t, fmt.Sprint(pages[i]), q.Get("page"))
			assert.Equal(t, fmt.Sprint(per), q.Get("per_page"))
			assert.False(t, q.Has("offset") || q.Has("limit"))
		} else {
			assert.Equal(t, fmt.Sprint((pages[i]-1)*per), q.Get("offset"))
			assert.Equal(t, fmt.Sprint(per), q.Get("limit"))
			assert.False(t, q.Has("page") || q.Has("per_page"))
		}
	}
}

func TestListStopsAtTotalOrOnEmptyPage(t *testing.T) {
	ctx := context.Background()
	tests := []struct {
		name      string
		totalKey  string
		wantCalls int
	}{
		// 200 records in pages of 100: a total says the second page is the
		// last; without one a third, empty page is needed.
		{"total reached", "total", 2},
		{"count beyond the page is a total", "count", 2},
		{"no total", "", 3},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFixture(t, srvOpts(pt.WithTotalKey(tt.totalKey)))
			f.srv.SeedAffiliates(200)
			n := 0
			for _, err := range f.client.Affiliates.List(ctx) {
				require.NoError(t, err)
				n++
			}
			assert.Equal(t, 200, n)
			assert.Equal(t, tt.wantCalls, f.srv.RequestCount())
		})
	}
}

func TestListBreakMakesOneRequest(t *testing.T) {
	for _, p := range pagings {
		t.Run(p.name, func(t *testing.T) {
			f := newFixture(t, srvOpts(pt.WithDemoData(), pt.WithPagination(p.server)), postaffiliatepro.WithPagination(p.client), postaffiliatepro.WithPrefetch(0))
			for tx, err := range f.client.Transactions.List(context.Background(), &postaffiliatepro.TransactionListOptions{ListParams: postaffiliatepro.ListParams{PerPage: 5}}) {
				require.NoError(t, err)
				require.NotEmpty(t, tx.ID)
				break
			}
			assert.Equal(t, 1, f.srv.RequestCount())
		})
	}
}

func TestListPageResume(t *testing.T) {
	ctx := context.Background()
	for _, p := range pagings {
		t.Run(p.name, func(t *testing.T) {
			f := newFixture(t, srvOpts(pt.WithPagination(p.server)), postaffiliatepro.WithPagination(p.client))
			f.srv.SeedTransactions(45)
			all := f.srv.Transactions()

			opts := &postaffiliatepro.TransactionListOptions{ListParams: postaffiliatepro.ListParams{PerPage: 20}}
			page1, resp, err := f.client.Transactions.ListPage(ctx, opts)
			require.NoError(t, err)
			require.Len(t, page1, 20)
			assert.Equal(t, 2, resp.NextPage)
			assert.True(t, resp.HasMore)
			require.NotNil(t, resp.Total)
			assert.Equal(t, 45, *resp.Total)
			assert.Equal(t, http.StatusOK, resp.StatusCode)
			assert.Zero(t, opts.Page, "the caller's options are not modified")

			// A job stores resp.NextPage and resumes later from it.
			resumed := 0
			for tx, err := range f.client.Transactions.List(ctx, &postaffiliatepro.TransactionListOptions{ListParams: postaffiliatepro.ListParams{PerPage: 20, Page: resp.NextPage}}) {
				require.NoError(t, err)
				require.Equal(t, all[20+resumed].ID, tx.ID)
				resumed++
			}
			assert.Equal(t, 25, resumed)

			last, resp, err := f.client.Transactions.ListPage(ctx, &postaffiliatepro.TransactionListOptions{ListParams: postaffiliatepro.ListParams{PerPage: 20, Page: 3}})
			require.NoError(t, err)
			assert.Len(t, last, 5)
			assert.Zero(t, resp.NextPage)
			assert.False(t, resp.HasMore)
		})
	}
}

func TestListPageSizeCappedBelowTotalIsAnError(t *testing.T) {
	// The fake caps pages at 100; asking for 150 gets 100 records while the
	// total says 250: stopping there would silently lose 150 records.
	f := newFixture(t, nil)
	f.srv.SeedAffiliates(250)
	var n int
	var lastErr error
	for _, err := range f.client.Affiliates.List(context.Background(), &postaffiliatepro.AffiliateListOptions{ListParams: postaffiliatepro.ListParams{PerPage: 150}}) {
		if err != nil {
			lastErr = err
			break
		}
		n++
	}
	assert.Equal(t, 100, n, "the records of the page are yielded first")
	require.ErrorIs(t, lastErr, postaffiliatepro.ErrMalformedResponse)
	assert.Contains(t, lastErr.Error(), "ask for fewer records a page")
	assert.Equal(t, 1, f.srv.RequestCount())
}

func TestListWithMismatchedPagingFailsInsteadOfLooping(t *testing.T) {
	// The server pages with page/per_page and ignores offset/limit, so it
	// serves its first page again and again.
	f := newFixture(t, srvOpts(pt.WithPagination(pt.PagePerPage), pt.WithPerPage(100, 100)))
	f.srv.SeedAffiliates(250)
	var n int
	var lastErr error
	for _, err := range f.client.Affiliates.List(context.Background()) {
		if err != nil {
			lastErr = err
			break
		}
		n++
	}
	assert.Equal(t, 100, n)
	require.ErrorIs(t, lastErr, postaffiliatepro.ErrMalformedResponse)
	assert.Contains(t, lastErr.Error(), "same page twice")
	assert.Equal(t, 2, f.srv.RequestCount())
}

func TestListOptionsValidation(t *testing.T) {
	f := newFixture(t, nil)
	_, _, err := f.client.Affiliates.ListPage(context.Background(), &postaffiliatepro.AffiliateListOptions{ListParams: postaffiliatepro.ListParams{Page: -1}})
	require.ErrorContains(t, err, "page must not be negative")
	for _, err := range f.client.Banners.List(context.Background(), &postaffiliatepro.BannerListOptions{ListParams: postaffiliatepro.ListParams{PerPage: -5}}) {
		require.ErrorContains(t, err, "per page must not be negative")
	}
	for _, err := range f.client.Banners.List(context.Background(), &postaffiliatepro.BannerListOptions{}, &postaffiliatepro.BannerListOptions{}) {
		require.ErrorContains(t, err, "at most one options value")
	}
	assert.Zero(t, f.srv.RequestCount())
}

func TestListMalformedBodies(t *testing.T) {
	tests := []struct {
		name  string
		fault pt.Fault
		want  string
	}{
		{"HTML page", pt.Fault{Body: "<html><body>Maintenance</body></html>"}, "HTML"},
		{"object without records", pt.Fault{Body: `{"status": "ok", "message": "done"}`}, "no list of records"},
		{"records not objects", pt.Fault{Body: `{"data": [1, 2, 3]}`}, "record 0"},
		{"amount not a number", pt.Fault{Body: `[{"id": "x1", "commission": "twelve"}]`}, `field "commission"`},
		{"truncated JSON", pt.Fault{Body: `{"data": [{"id": "x1"`}, "decoding JSON"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFixture(t, srvOpts(pt.WithDemoData()), postaffiliatepro.WithMaxRetries(0))
			f.srv.Inject(1, tt.fault)
			_, _, err := f.client.Transactions.ListPage(context.Background(), nil)
			require.ErrorIs(t, err, postaffiliatepro.ErrMalformedResponse)
			assert.Contains(t, err.Error(), tt.want)
			var apiErr *postaffiliatepro.Error
			require.ErrorAs(t, err, &apiErr)
			assert.Equal(t, "/api/v3/transactions", apiErr.Path)
			assert.Equal(t, http.MethodGet, apiErr.Method)
		})
	}
}

func TestListMalformedBodyIsRetriedForReads(t *testing.T) {
	f := newFixture(t, srvOpts(pt.WithDemoData()))
	f.srv.Inject(1, pt.Fault{Body: `{"data": [{"id": "x1"`})
	items, _, err := f.client.Campaigns.ListPage(context.Background(), nil)
	require.NoError(t, err)
	assert.Len(t, items, 4)
	assert.Equal(t, 2, f.srv.RequestCount())
}
