package firstpromoter_test

import (
	"context"
	"io"
	"net/http"
	"net/url"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/affiliatekit/affiliatekit-go/firstpromoter"
	"github.com/affiliatekit/affiliatekit-go/firstpromoter/firstpromotertest"
)

func TestContractsAgainstFake(t *testing.T) {
	ctx := context.Background()
	c, srv, _ := newFakeClient(t, []firstpromotertest.ServerOption{firstpromotertest.WithDemoData()})
	camp := srv.Campaigns()[0].ID

	hosted, err := c.Contracts.Create(ctx, &firstpromoter.ContractCreateParams{
		Name: "Partner terms", CheckboxLabel: "I accept the terms", ContentHosted: true, Content: "<p>Be nice.</p>", CampaignIDs: []int64{camp},
	})
	require.NoError(t, err)
	assert.True(t, hosted.Default, "the first contract is the default")
	linked, err := c.Contracts.Create(ctx, &firstpromoter.ContractCreateParams{Name: "Reseller terms", CheckboxLabel: "I agree", ExternalLink: "https://acme.example/terms"})
	require.NoError(t, err)

	var ids []int64
	for k, err := range c.Contracts.List(ctx) {
		require.NoError(t, err)
		ids = append(ids, k.ID)
	}
	assert.Equal(t, []int64{hosted.ID, linked.ID}, ids)

	yes := true
	upd, err := c.Contracts.Update(ctx, linked.ID, &firstpromoter.ContractUpdateParams{Default: &yes, CheckboxLabel: "I agree to the reseller terms"})
	require.NoError(t, err)
	assert.True(t, upd.Default)
	assert.Equal(t, "https://acme.example/terms", upd.ExternalLink)
	got, err := c.Contracts.Get(ctx, hosted.ID)
	require.NoError(t, err)
	assert.False(t, got.Default, "one default contract")

	docs := srv.ContractDocuments()
	require.Greater(t, len(docs), 1, "a contract has a document per promoter of its campaigns")
	signed := docs[len(docs)-1]
	require.True(t, srv.SignContractDocument(signed.ID))

	list := func(opts *firstpromoter.ContractDocumentListOptions) []int64 {
		var out []int64
		for d, err := range c.ContractDocuments.List(ctx, opts) {
			require.NoError(t, err)
			out = append(out, d.ID)
		}
		return out
	}
	all := list(nil)
	require.Len(t, all, len(docs))
	cases := []struct {
		name string
		opts *firstpromoter.ContractDocumentListOptions
		want []int64
	}{
		{"signed", &firstpromoter.ContractDocumentListOptions{Filters: firstpromoter.ContractDocumentFilters{Status: "signed"}}, []int64{signed.ID}},
		{"promoter", &firstpromoter.ContractDocumentListOptions{Filters: firstpromoter.ContractDocumentFilters{PromoterID: signed.PromoterID}}, []int64{signed.ID}},
		{"contract", &firstpromoter.ContractDocumentListOptions{Filters: firstpromoter.ContractDocumentFilters{ContractID: linked.ID}}, nil},
		{"signed first", &firstpromoter.ContractDocumentListOptions{Sorting: firstpromoter.ContractDocumentSorting{SignedAt: firstpromoter.Desc}}, append([]int64{signed.ID}, all[:len(all)-1]...)},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) { assert.Equal(t, tc.want, list(tc.opts)) })
	}
	got2, _, err := c.ContractDocuments.ListPage(ctx, &firstpromoter.ContractDocumentListOptions{Filters: firstpromoter.ContractDocumentFilters{Status: "signed"}})
	require.NoError(t, err)
	require.Len(t, got2, 1)
	require.NotNil(t, got2[0].SignedAt)
	assert.Equal(t, hosted.ID, got2[0].ContractID)

	for _, tc := range []struct {
		format firstpromoter.ContractDocumentFormat
		want   string
	}{{firstpromoter.ContractDocumentHTML, "<p>Be nice.</p>"}, {firstpromoter.ContractDocumentPDF, "%PDF-"}} {
		body, err := c.ContractDocuments.Download(ctx, signed.ID, tc.format)
		require.NoError(t, err)
		b, err := io.ReadAll(io.LimitReader(body, 1<<20))
		require.NoError(t, body.Close())
		require.NoError(t, err)
		assert.Contains(t, string(b), tc.want)
	}
	_, err = c.ContractDocuments.Download(ctx, 999999, firstpromoter.ContractDocumentPDF)
	assert.ErrorIs(t, err, firstpromoter.ErrNotFound)

	require.NoError(t, c.Contracts.Delete(ctx, hosted.ID))
	assert.Empty(t, list(nil), "a deleted contract takes its documents")
}

func TestContractsWireAndValidation(t *testing.T) {
	ctx := context.Background()
	c, srv, _ := newFakeClient(t, nil, firstpromoter.WithMaxRetries(2))
	for _, p := range []*firstpromoter.ContractCreateParams{nil, {Name: "x"}, {Name: "x", CheckboxLabel: "y", ContentHosted: true}, {Name: "x", CheckboxLabel: "y"}} {
		_, err := c.Contracts.Create(ctx, p)
		assert.Error(t, err)
	}
	_, err := c.ContractDocuments.Download(ctx, 1, "")
	assert.Error(t, err)
	assert.Zero(t, srv.RequestCount())

	_, _, err = c.ContractDocuments.ListPage(ctx, &firstpromoter.ContractDocumentListOptions{Q: "jane", Filters: firstpromoter.ContractDocumentFilters{Status: "pending", ContractID: 4}, Sorting: firstpromoter.ContractDocumentSorting{CreatedAt: firstpromoter.Asc}})
	require.NoError(t, err)
	q, err := url.QueryUnescape(srv.Requests()[0].Query)
	require.NoError(t, err)
	assert.Equal(t, "filters[contract_id]=4&filters[status]=pending&page=1&per_page=100&q=jane&sorting[created_at]=asc", q)

	srv.ResetRequests()
	srv.Inject(1, firstpromotertest.Fault{Status: http.StatusBadGateway})
	_, err = c.Contracts.Create(ctx, &firstpromoter.ContractCreateParams{Name: "x", CheckboxLabel: "y", ExternalLink: "https://x.example"})
	assert.ErrorIs(t, err, firstpromoter.ErrOutcomeUnknown)
	assert.Equal(t, 1, srv.RequestCount())
}
