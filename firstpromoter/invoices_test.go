package firstpromoter_test

import (
	"context"
	"encoding/csv"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/affiliatekit/affiliatekit-go/firstpromoter"
	"github.com/affiliatekit/affiliatekit-go/firstpromoter/firstpromotertest"
)

func TestInvoicesAgainstFake(t *testing.T) {
	ctx := context.Background()
	c, srv, _ := newFakeClient(t, []firstpromotertest.ServerOption{firstpromotertest.WithDemoData()})
	payouts := srv.Payouts()
	require.NotEmpty(t, payouts)
	pr := payouts[0].Promoter.ID
	other := srv.Promoters()[1].ID
	draft := srv.AddInvoice(firstpromotertest.Invoice{Promoter: &firstpromotertest.PromoterRef{ID: pr}, PayoutIDs: []int64{payouts[0].ID}})
	paid := srv.AddInvoice(firstpromotertest.Invoice{Promoter: &firstpromotertest.PromoterRef{ID: other}, Status: "paid"})

	list := func(opts *firstpromoter.InvoiceListOptions) []int64 {
		var ids []int64
		for inv, err := range c.Invoices.List(ctx, opts) {
			require.NoError(t, err)
			ids = append(ids, inv.ID)
		}
		return ids
	}
	cases := []struct {
		name string
		opts *firstpromoter.InvoiceListOptions
		want []int64
	}{
		{"all", nil, []int64{draft.ID, paid.ID}},
		{"promoter", &firstpromoter.InvoiceListOptions{Filters: firstpromoter.InvoiceFilters{PromoterID: pr}}, []int64{draft.ID}},
		{"status", &firstpromoter.InvoiceListOptions{Filters: firstpromoter.InvoiceFilters{Status: firstpromoter.InvoicePaid}}, []int64{paid.ID}},
		{"none", &firstpromoter.InvoiceListOptions{Filters: firstpromoter.InvoiceFilters{PromoterID: pr, Status: firstpromoter.InvoiceVoided}}, nil},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) { assert.Equal(t, tc.want, list(tc.opts)) })
	}

	got, err := c.Invoices.Get(ctx, draft.ID)
	require.NoError(t, err)
	assert.Equal(t, firstpromoter.InvoiceDraft, got.Status)
	assert.Equal(t, payouts[0].Amount.String(), got.Total.String(), "the total is the payouts' sum, exactly")
	require.Len(t, got.Payouts, 1)
	assert.Contains(t, string(got.Payouts[0]), `"id":`)
	assert.Contains(t, got.HTML, draft.Number)

	b, err := c.Invoices.Finalize(ctx, []int64{draft.ID, paid.ID})
	require.NoError(t, err)
	assert.Equal(t, 1, b.FailedCount, "a paid invoice can not be finalized")
	got, err = c.Invoices.Get(ctx, draft.ID)
	require.NoError(t, err)
	assert.Equal(t, firstpromoter.InvoiceOpen, got.Status)
	_, err = c.Invoices.Void(ctx, []int64{draft.ID})
	require.NoError(t, err)
	assert.Equal(t, []int64{draft.ID}, list(&firstpromoter.InvoiceListOptions{Filters: firstpromoter.InvoiceFilters{Status: firstpromoter.InvoiceVoided}}))
	_, err = c.Invoices.Delete(ctx, []int64{draft.ID})
	require.NoError(t, err)
	assert.Equal(t, []int64{paid.ID}, list(nil))
	_, err = c.Invoices.Void(ctx, nil)
	assert.ErrorContains(t, err, "no ids")

	body, err := c.Invoices.Export(ctx, other)
	require.NoError(t, err)
	rows, err := csv.NewReader(io.LimitReader(body, 1<<20)).ReadAll()
	require.NoError(t, body.Close())
	require.NoError(t, err)
	require.Len(t, rows, 2)
	assert.Equal(t, paid.Number, rows[1][0])
	reqs := srv.Requests()
	q, err := url.QueryUnescape(reqs[len(reqs)-1].Query)
	require.NoError(t, err)
	assert.Equal(t, "filters[promoter_id]="+strconv.FormatInt(other, 10), q)

	_, err = c.Invoices.ExportZIP(ctx)
	assert.ErrorIs(t, err, firstpromoter.ErrExportQueued)
	assert.ErrorContains(t, err, "emailed")

	tmpl, err := c.Invoices.Template(ctx)
	require.NoError(t, err)
	assert.Contains(t, tmpl, "{{number}}")
	stored, err := c.Invoices.UpdateTemplate(ctx, "<p>{{promoter_name}} owes {{total}}</p>")
	require.NoError(t, err)
	assert.Equal(t, srv.InvoiceTemplate(), stored)
	preview, err := c.Invoices.PreviewTemplate(ctx, &firstpromoter.InvoiceTemplatePreviewParams{HTML: "<b>{{number}}</b>", VATInvoice: true})
	require.NoError(t, err)
	assert.Equal(t, "<b>INV-PREVIEW</b>", preview)
	preview, err = c.Invoices.Preview(ctx, &firstpromoter.InvoicePreviewParams{PromoterID: pr, PayoutIDs: []int64{payouts[0].ID}})
	require.NoError(t, err)
	assert.Contains(t, preview, payouts[0].Amount.String())
}

func TestInvoicesRetries(t *testing.T) {
	ctx := context.Background()
	cases := []struct {
		name  string
		calls int
		call  func(c *firstpromoter.Client) error
	}{
		{"void is sent once", 1, func(c *firstpromoter.Client) error { _, err := c.Invoices.Void(ctx, []int64{1}); return err }},
		{"finalize is sent once", 1, func(c *firstpromoter.Client) error { _, err := c.Invoices.Finalize(ctx, []int64{1}); return err }},
		{"a template preview is retried", 2, func(c *firstpromoter.Client) error {
			_, err := c.Invoices.PreviewTemplate(ctx, &firstpromoter.InvoiceTemplatePreviewParams{HTML: "x"})
			return err
		}},
		{"an export is retried", 2, func(c *firstpromoter.Client) error {
			body, err := c.Invoices.Export(ctx, 0)
			if err == nil {
				body.Close()
			}
			return err
		}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			c, srv, _ := newFakeClient(t, nil, firstpromoter.WithMaxRetries(2))
			srv.Inject(1, firstpromotertest.Fault{Status: http.StatusBadGateway})
			err := tc.call(c)
			if tc.calls == 1 {
				assert.ErrorIs(t, err, firstpromoter.ErrOutcomeUnknown)
			}
			assert.Equal(t, tc.calls, srv.RequestCount())
		})
	}
}

func TestInvoicesValidate(t *testing.T) {
	ctx := context.Background()
	c, srv, _ := newFakeClient(t, nil)
	_, err := c.Invoices.UpdateTemplate(ctx, "")
	assert.Error(t, err)
	_, err = c.Invoices.PreviewTemplate(ctx, nil)
	assert.Error(t, err)
	_, err = c.Invoices.Preview(ctx, &firstpromoter.InvoicePreviewParams{})
	assert.Error(t, err)
	assert.Zero(t, srv.RequestCount())
}

// specBodyServer answers every request with the spec body file, status
// code status.
func specBodyServer(t *testing.T, file string, status int) *firstpromoter.Client {
	t.Helper()
	body, err := os.ReadFile(filepath.Join("testdata", "spec", file))
	require.NoError(t, err)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(status)
		_, _ = w.Write(body)
	}))
	t.Cleanup(srv.Close)
	c, err := firstpromoter.NewClient(firstpromoter.WithBaseURL(srv.URL+"/api/v2"), firstpromoter.WithAPIKey("k"), firstpromoter.WithAccountID("a"), firstpromoter.WithMaxRetries(0))
	require.NoError(t, err)
	return c
}

// TestInvoicesExportQueuedSpecBody: the spec's 202 answer of the ZIP
// export is ErrExportQueued with its message.
func TestInvoicesExportQueuedSpecBody(t *testing.T) {
	for _, f := range []string{"invoices_get_invoices_export_zip_202.full.json", "invoices_get_invoices_export_zip_202.nulls.json"} {
		_, err := specBodyServer(t, f, http.StatusAccepted).Invoices.ExportZIP(context.Background())
		assert.ErrorIs(t, err, firstpromoter.ErrExportQueued)
		assert.ErrorContains(t, err, "text")
	}
}

// TestInvoicesSpecListBodyIsTheTemplates pins the spec's invoice list
// answer, {"data": {"html"}} copied from the template calls: the list
// reads the API's bare arrays and refuses that body as malformed instead
// of reading it as no invoices.
func TestInvoicesSpecListBodyIsTheTemplates(t *testing.T) {
	for _, f := range []string{"invoices_get_invoices_200.full.json", "invoices_get_invoices_200.nulls.json"} {
		_, _, err := specBodyServer(t, f, http.StatusOK).Invoices.ListPage(context.Background(), nil)
		assert.ErrorIs(t, err, firstpromoter.ErrMalformedResponse, f)
	}
}
