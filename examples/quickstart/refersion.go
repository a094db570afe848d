package main

import (
	"context"
	"encoding/csv"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/affiliatekit/affiliatekit-go/internal/rowcap"
	"github.com/affiliatekit/affiliatekit-go/refersion"
	"github.com/affiliatekit/affiliatekit-go/refersion/refersiontest"
)

func init() { register(3, "refersion", runRefersion) }

// runRefersion lists affiliates, totals conversions by status, lists the
// first conversions of a window through the GraphQL API (Refersion's REST
// API has no conversion list) and shows the first rows of a saved
// conversions report.
func runRefersion(ctx context.Context, w io.Writer) error {
	pub, sec := os.Getenv("REFERSION_PUBLIC_KEY"), os.Getenv("REFERSION_SECRET_KEY")
	var reportID int64
	var opts []refersion.Option
	// The window of conversions to list through the GraphQL API: the last
	// 30 closed days on the real API.
	to := time.Now().UTC().Truncate(24 * time.Hour)
	from := to.AddDate(0, 0, -30)
	graphQL := false
	if pub == "" || sec == "" {
		srv := refersiontest.NewServer(refersiontest.WithDemoData())
		defer srv.Close()
		fmt.Fprintln(w, "== Refersion: in-process fake server with demo data (set REFERSION_PUBLIC_KEY and REFERSION_SECRET_KEY for the real API)")
		opts = []refersion.Option{
			refersion.WithBaseURL(srv.URL),
			refersion.WithKeys(refersiontest.PublicKey, refersiontest.SecretKey),
			refersion.WithGraphQLURL(srv.GraphQLURL),
			refersion.WithGraphQLKey(refersiontest.GraphQLToken),
		}
		reportID = refersiontest.ConversionsReportID
		// The demo conversions reach back two months from now, so the
		// window of the real API finds them too.
		graphQL = true
	} else {
		fmt.Fprintln(w, "== Refersion: real API at", refersion.DefaultBaseURL)
		opts = []refersion.Option{refersion.WithKeys(pub, sec)}
		// A saved conversions report to download, if REFERSION_REPORT_ID is set.
		reportID, _ = strconv.ParseInt(os.Getenv("REFERSION_REPORT_ID"), 10, 64)
		// The GraphQL API's access token, if REFERSION_GRAPHQL_TOKEN is set.
		if token := os.Getenv("REFERSION_GRAPHQL_TOKEN"); token != "" {
			opts, graphQL = append(opts, refersion.WithGraphQLKey(token)), true
		}
	}
	client, err := refersion.NewClient(opts...)
	if err != nil {
		return err
	}

	fmt.Fprintln(w, "\nAffiliates (first 10)")
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "CODE\tNAME\tEMAIL\tSTATUS\tOFFER")
	n := 0
	for a, err := range client.Affiliates.List(ctx, &refersion.AffiliateListOptions{PerPage: 10}) {
		if err != nil {
			return err
		}
		fmt.Fprintf(tw, "%s\t%s %s\t%s\t%s\t%s\n", a.Code, a.FirstName, a.LastName, a.Email, a.Status, a.OfferID)
		if n++; n == 10 {
			break
		}
	}
	if err := tw.Flush(); err != nil {
		return err
	}

	fmt.Fprintln(w, "\nConversions by status")
	tw = tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "STATUS\tCOUNT\tORDERS\tCOMMISSION")
	for _, st := range []refersion.ConversionStatus{refersion.ConversionApproved, refersion.ConversionPending,
		refersion.ConversionUnqualified, refersion.ConversionDenied} {
		t, err := client.Conversions.Totals(ctx, &refersion.ConversionTotalsParams{Status: []refersion.ConversionStatus{st}})
		if err != nil {
			return err
		}
		// Amounts print exactly, labelled with the totals' currency ("387.60 USD").
		fmt.Fprintf(tw, "%s\t%d\t%v\t%v\n", st, t.ConversionsCount, t.OrderTotal, t.CommissionTotal)
	}
	if err := tw.Flush(); err != nil {
		return err
	}

	if graphQL {
		if err := printConversions(ctx, w, client, from, to); err != nil {
			return err
		}
	} else {
		fmt.Fprintln(w, "\n(set REFERSION_GRAPHQL_TOKEN to list conversions through the GraphQL API)")
	}
	if reportID == 0 {
		fmt.Fprintln(w, "\n(set REFERSION_REPORT_ID to a saved conversions report to download it)")
		return nil
	}
	return printReport(ctx, w, client, reportID)
}

// printConversions lists the first conversions created in [from, to)
// through the GraphQL API, in the server's order.
func printConversions(ctx context.Context, w io.Writer, client *refersion.Client, from, to time.Time) error {
	fmt.Fprintf(w, "\nConversions from %s to %s (GraphQL, first 8)\n", from.Format(time.DateOnly), to.Format(time.DateOnly))
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tCREATED\tAFFILIATE\tTOTAL\tCOMMISSION")
	n := 0
	for c, err := range client.Conversions.List(ctx, &refersion.ConversionListOptions{CreatedFrom: from, CreatedTo: to}) {
		if err != nil {
			return err
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%v\t%v\n", c.ID, c.Created.Format(time.DateTime), c.Affiliate.Name, c.Total, c.CommissionTotal)
		if n++; n == 8 {
			break
		}
	}
	return tw.Flush()
}

// maxReportRow caps each row of a downloaded report: the download itself
// is not size-capped, and encoding/csv would buffer a row of any length.
const maxReportRow = 1 << 20

// printReport downloads a saved report and prints a few columns of its
// first rows: the usual conversion columns when the report has them, else
// its first six. A row longer than maxReportRow is an error.
func printReport(ctx context.Context, w io.Writer, client *refersion.Client, reportID int64) error {
	body, err := client.Reports.DownloadReport(ctx, reportID)
	if err != nil {
		return err
	}
	defer body.Close()
	capped := rowcap.NewReader(body, maxReportRow)
	r := csv.NewReader(capped)
	r.FieldsPerRecord = -1
	fmt.Fprintf(w, "\nSaved report %d (first 8 rows)\n", reportID)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	var cols []int
	for i := 0; i <= 8; i++ {
		row, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return err
		}
		capped.Next(r.InputOffset())
		if i == 0 {
			cols = pickColumns(row, "conversion_id", "created", "affiliate_name", "order_id", "status", "order_total", "commission_total")
		}
		var cells []string
		for _, c := range cols {
			if c < len(row) {
				cells = append(cells, row[c])
			}
		}
		if i == 0 {
			cells = strings.Split(strings.ToUpper(strings.Join(cells, "\t")), "\t")
		}
		fmt.Fprintln(tw, strings.Join(cells, "\t"))
	}
	return tw.Flush()
}

// pickColumns returns the indexes of the wanted header names, or of the
// first six columns when the header has few of them.
func pickColumns(header []string, want ...string) []int {
	var cols []int
	for _, name := range want {
		for i, h := range header {
			if strings.EqualFold(strings.TrimSpace(h), name) {
				cols = append(cols, i)
			}
		}
	}
	if len(cols) < 3 {
		cols = cols[:0]
		for i := range min(6, len(header)) {
			cols = append(cols, i)
		}
	}
	return cols
}
