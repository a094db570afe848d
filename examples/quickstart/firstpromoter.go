package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"text/tabwriter"
	"time"

	"github.com/affiliatekit/affiliatekit-go/firstpromoter"
	"github.com/affiliatekit/affiliatekit-go/firstpromoter/firstpromotertest"
)

func init() { register(1, "firstpromoter", runFirstPromoter) }

// runFirstPromoter lists promoters, referrals and this month's commissions.
func runFirstPromoter(ctx context.Context, w io.Writer) error {
	key, account := os.Getenv("FIRSTPROMOTER_API_KEY"), os.Getenv("FIRSTPROMOTER_ACCOUNT_ID")
	opts := []firstpromoter.Option{firstpromoter.WithAPIKey(key), firstpromoter.WithAccountID(account)}
	if key == "" || account == "" {
		srv := firstpromotertest.NewServer(firstpromotertest.WithDemoData())
		defer srv.Close()
		fmt.Fprintln(w, "== FirstPromoter: in-process fake server with demo data (set FIRSTPROMOTER_API_KEY and FIRSTPROMOTER_ACCOUNT_ID for the real API)")
		opts = []firstpromoter.Option{
			firstpromoter.WithBaseURL(srv.URL),
			firstpromoter.WithAPIKey(firstpromotertest.APIKey),
			firstpromoter.WithAccountID(firstpromotertest.AccountID),
		}
	} else {
		fmt.Fprintln(w, "== FirstPromoter: real API at", firstpromoter.DefaultBaseURL)
	}
	client, err := firstpromoter.NewClient(opts...)
	if err != nil {
		return err
	}

	fmt.Fprintln(w, "\nPromoters (top 10 by revenue)")
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tNAME\tEMAIL\tREFERRALS\tREVENUE")
	n := 0
	for p, err := range client.Promoters.List(ctx, &firstpromoter.PromoterListOptions{
		Sorting: firstpromoter.PromoterSorting{RevenueAmount: firstpromoter.Desc},
	}) {
		if err != nil {
			return err
		}
		fmt.Fprintf(tw, "%d\t%s\t%s\t%d\t%s\n", p.ID, p.Name, p.Email, p.Stats.ReferralsCount, money(p.Stats.RevenueAmount))
		if n++; n == 10 {
			break
		}
	}
	if err := tw.Flush(); err != nil {
		return err
	}

	fmt.Fprintln(w, "\nActive referrals (first 10)")
	tw = tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tEMAIL\tSTATE\tPROMOTER\tCREATED")
	n = 0
	for r, err := range client.Referrals.List(ctx, &firstpromoter.ReferralListOptions{
		Filters: firstpromoter.ReferralFilters{State: firstpromoter.ReferralActive},
	}) {
		if err != nil {
			return err
		}
		promoter := "-"
		if pc := r.PromoterCampaign; pc != nil && pc.Promoter != nil {
			promoter = pc.Promoter.Name
		}
		fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t%s\n", r.ID, r.Email, r.State, promoter, r.CreatedAt.Format(time.DateOnly))
		if n++; n == 10 {
			break
		}
	}
	if err := tw.Flush(); err != nil {
		return err
	}

	now := time.Now().UTC()
	monthStart := firstpromoter.NewDate(now.Year(), now.Month(), 1)
	fmt.Fprintf(w, "\nCommissions since %s\n", monthStart.Format(time.DateOnly))
	tw = tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tSTATUS\tSALE\tCOMMISSION\tCREATED")
	// Cash commissions are in the account's currency, which the API does
	// not name; they are summed exactly, in cents.
	total, err := firstpromoter.AmountFromMinorUnits(0, 2, "")
	if err != nil {
		return err
	}
	count := 0
	for c, err := range client.Commissions.List(ctx, &firstpromoter.CommissionListOptions{
		Filters: firstpromoter.CommissionFilters{CreatedAt: firstpromoter.DateRange{From: monthStart}},
	}) {
		if err != nil {
			return err
		}
		if c.Unit == firstpromoter.CommissionUnitCash {
			if total, err = total.Add(c.Amount); err != nil {
				return err
			}
		}
		if count++; count <= 10 {
			fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t%s\n", c.ID, c.Status, money(c.SaleAmount), money(c.Amount), c.CreatedAt.Format(time.DateOnly))
		}
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	fmt.Fprintf(w, "%d commissions this month, %s in cash commissions\n", count, money(total))
	return nil
}

// money prints an amount exactly, with its cents when it is whole in
// cents: "25.00 (2500 cents)".
func money(a firstpromoter.Amount) string {
	cents, err := a.MinorUnits("")
	if err != nil {
		return a.String()
	}
	return fmt.Sprintf("%s (%d cents)", a, cents)
}
