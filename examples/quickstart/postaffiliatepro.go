package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"text/tabwriter"
	"time"

	"github.com/affiliatekit/affiliatekit-go/postaffiliatepro"
	"github.com/affiliatekit/affiliatekit-go/postaffiliatepro/postaffiliateprotest"
)

func init() { register(5, "postaffiliatepro", runPostAffiliatePro) }

// runPostAffiliatePro lists affiliates, recent transactions and the top
// affiliates report.
func runPostAffiliatePro(ctx context.Context, w io.Writer) error {
	key := os.Getenv("POSTAFFILIATEPRO_API_KEY")
	account, baseURL := os.Getenv("POSTAFFILIATEPRO_ACCOUNT"), os.Getenv("POSTAFFILIATEPRO_BASE_URL")
	var opts []postaffiliatepro.Option
	switch {
	case key != "" && baseURL != "":
		fmt.Fprintln(w, "== Post Affiliate Pro: real API v3 at", baseURL)
		opts = []postaffiliatepro.Option{postaffiliatepro.WithBaseURL(baseURL), postaffiliatepro.WithAPIKey(key)}
	case key != "" && account != "":
		fmt.Fprintf(w, "== Post Affiliate Pro: real API v3 of account %q\n", account)
		opts = []postaffiliatepro.Option{postaffiliatepro.WithAccount(account), postaffiliatepro.WithAPIKey(key)}
	default:
		srv := postaffiliateprotest.NewServer(postaffiliateprotest.WithDemoData())
		defer srv.Close()
		fmt.Fprintln(w, "== Post Affiliate Pro: in-process fake server with demo data (set POSTAFFILIATEPRO_API_KEY and POSTAFFILIATEPRO_ACCOUNT or POSTAFFILIATEPRO_BASE_URL for the real API)")
		opts = []postaffiliatepro.Option{
			postaffiliatepro.WithBaseURL(srv.URL),
			postaffiliatepro.WithAPIKey(postaffiliateprotest.APIKey),
		}
	}
	client, err := postaffiliatepro.NewClient(opts...)
	if err != nil {
		return err
	}

	fmt.Fprintln(w, "\nAffiliates (first 10)")
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tNAME\tUSERNAME\tREFERRAL ID\tSTATUS\tJOINED")
	n := 0
	for a, err := range client.Affiliates.List(ctx) {
		if err != nil {
			return err
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\n", a.ID, a.Name(), a.Username, a.ReferralID, a.Status.Label(), papDate(a.CreatedAt))
		if n++; n == 10 {
			break
		}
	}
	if err := tw.Flush(); err != nil {
		return err
	}

	fmt.Fprintln(w, "\nTransactions (first 10)")
	tw = tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tTYPE\tSTATUS\tORDER\tTOTAL\tCOMMISSION\tCREATED")
	n = 0
	for t, err := range client.Transactions.List(ctx) {
		if err != nil {
			return err
		}
		// Amounts print exactly, with the record's currency ("8.57 USD").
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%v\t%v\t%s\n", t.ID, t.Type.Label(), t.Status.Label(), t.OrderID,
			t.TotalCost, t.Commission, papDate(t.CreatedAt))
		if n++; n == 10 {
			break
		}
	}
	if err := tw.Flush(); err != nil {
		return err
	}

	fmt.Fprintln(w, "\nTop affiliates (top 5)")
	tw = tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	// The report rows carry no currency: their amounts are in the
	// account's currency.
	fmt.Fprintln(tw, "AFFILIATE\tCLICKS\tSALES\tSALES TOTAL (account currency)\tCOMMISSION (account currency)")
	n = 0
	for r, err := range client.Reports.TopAffiliates(ctx) {
		if err != nil {
			return err
		}
		fmt.Fprintf(tw, "%s\t%d\t%d\t%s\t%s\n", r.Name(), r.Clicks, r.Sales, r.TotalCost, r.Commission)
		if n++; n == 5 {
			break
		}
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	if rl := client.RateLimit(); rl.Limit > 0 {
		fmt.Fprintf(w, "Rate limit: %d of %d requests left this minute\n", rl.Remaining, rl.Limit)
	}
	return nil
}

// papDate formats a timestamp as its date, "-" when unknown.
func papDate(t time.Time) string {
	if t.IsZero() {
		return "-"
	}
	return t.Format(time.DateOnly)
}
