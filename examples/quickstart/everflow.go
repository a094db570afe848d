package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/affiliatekit/affiliatekit-go/everflow"
	"github.com/affiliatekit/affiliatekit-go/everflow/everflowtest"
)

func init() { register(4, "everflow", runEverflow) }

// runEverflow lists affiliates and offers, then the failed postbacks of
// one offer from the affiliate postback report.
func runEverflow(ctx context.Context, w io.Writer) error {
	key := os.Getenv("EVERFLOW_API_KEY")
	var opts []everflow.Option
	// The fake's demo reports cover the 28 days before now; the real API
	// is asked for the last seven days.
	today := time.Now().UTC().Truncate(24 * time.Hour)
	from, to := today.AddDate(0, 0, -28), today
	var offerID int64 = 4
	if key == "" {
		srv := everflowtest.NewServer(everflowtest.WithDemoData())
		defer srv.Close()
		fmt.Fprintln(w, "== Everflow: in-process fake server with demo data (set EVERFLOW_API_KEY for the real API)")
		opts = []everflow.Option{everflow.WithAPIKey(everflowtest.APIKey), everflow.WithBaseURL(srv.URL)}
	} else {
		base := os.Getenv("EVERFLOW_BASE_URL") // everflow.EUBaseURL for EU-hosted accounts
		if base == "" {
			base = everflow.DefaultBaseURL
		}
		fmt.Fprintln(w, "== Everflow: real API at", base)
		opts = []everflow.Option{everflow.WithAPIKey(key), everflow.WithBaseURL(base)}
		from = today.AddDate(0, 0, -7)
		offerID, _ = strconv.ParseInt(os.Getenv("EVERFLOW_OFFER_ID"), 10, 64)
	}
	client, err := everflow.NewClient(opts...)
	if err != nil {
		return err
	}

	fmt.Fprintln(w, "\nAffiliates (first 8)")
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tNAME\tSTATUS\tCURRENCY\tCREATED")
	n := 0
	for a, err := range client.Affiliates.List(ctx, &everflow.AffiliateListOptions{ListParams: everflow.ListParams{PerPage: 8}}) {
		if err != nil {
			return err
		}
		fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t%s\n", a.NetworkAffiliateID, a.Name, a.AccountStatus, a.DefaultCurrencyID, a.TimeCreated.Format(time.DateOnly))
		if n++; n == 8 {
			break
		}
	}
	if err := tw.Flush(); err != nil {
		return err
	}

	fmt.Fprintln(w, "\nOffers (first 8)")
	tw = tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tNAME\tSTATUS\tVISIBILITY\tMONTHLY PAYOUT CAP")
	n = 0
	for o, err := range client.Offers.List(ctx, &everflow.OfferListOptions{ListParams: everflow.ListParams{PerPage: 8}}) {
		if err != nil {
			return err
		}
		if offerID == 0 {
			offerID = o.NetworkOfferID
		}
		// The cap is the exact decimal sent, with the offer's currency
		// ("2500.5 USD").
		fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t%v\n", o.NetworkOfferID, o.Name, o.OfferStatus, o.Visibility, o.MonthlyPayoutCap)
		if n++; n == 8 {
			break
		}
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	if offerID == 0 {
		return nil
	}

	report, err := client.Postbacks.Report(ctx, &everflow.PostbackReportParams{
		From: from, To: to, TimezoneID: everflow.TimezoneUTC,
		Query: everflow.Query{Filters: []everflow.Filter{
			everflow.OfferFilter(offerID),
			everflow.DeliveryStatusFilter(everflow.DeliveryFailure),
		}},
	})
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "\nFailed postbacks of offer %d, %s to %s (UTC)\n", offerID, from.Format(time.DateOnly), to.Format(time.DateOnly))
	tw = tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "FIRED\tAFFILIATE\tMETHOD\tATTEMPTS\tANSWER")
	for _, p := range report.Postbacks {
		affiliate := strconv.FormatInt(p.AffiliateID, 10)
		if p.Relationship != nil && p.Relationship.Affiliate != nil {
			affiliate = p.Relationship.Affiliate.Name
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%d\t%s\n", p.Timestamp.Format(time.DateTime), affiliate, p.DeliveryMethod,
			p.FailedAttempts, everflowStatusLine(p.DebugInformation))
	}
	if len(report.Postbacks) == 0 {
		fmt.Fprintln(tw, "(none)")
	}
	if report.Truncated {
		fmt.Fprintln(tw, "(the report stops at 1000 rows; Postbacks.Export streams them all)")
	}
	return tw.Flush()
}

// everflowStatusLine picks the "Status: ..." line out of a postback's
// debug information.
func everflowStatusLine(debug string) string {
	for _, line := range strings.Split(debug, "\n") {
		if s, ok := strings.CutPrefix(line, "Status: "); ok {
			return "HTTP " + s
		}
	}
	return ""
}
