package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"text/tabwriter"
	"time"

	"github.com/affiliatekit/affiliatekit-go/partnerstack"
	"github.com/affiliatekit/affiliatekit-go/partnerstack/partnerstacktest"
)

func init() { register(2, "partnerstack", runPartnerStack) }

// runPartnerStack lists partnerships, recent transactions and rewards of a
// PartnerStack program through the Vendor API.
func runPartnerStack(ctx context.Context, w io.Writer) error {
	public, secret := os.Getenv("PARTNERSTACK_PUBLIC_KEY"), os.Getenv("PARTNERSTACK_SECRET_KEY")
	opts := []partnerstack.Option{partnerstack.WithKeys(public, secret)}
	if public == "" || secret == "" {
		srv := partnerstacktest.NewServer(partnerstacktest.WithDemoData())
		defer srv.Close()
		fmt.Fprintln(w, "== PartnerStack: in-process fake server with demo data (set PARTNERSTACK_PUBLIC_KEY and PARTNERSTACK_SECRET_KEY for the real API)")
		opts = []partnerstack.Option{
			partnerstack.WithBaseURL(srv.URL),
			partnerstack.WithKeys(partnerstacktest.PublicKey, partnerstacktest.SecretKey),
		}
	} else {
		fmt.Fprintln(w, "== PartnerStack: real Vendor API at", partnerstack.DefaultBaseURL)
	}
	client, err := partnerstack.NewClient(opts...)
	if err != nil {
		return err
	}

	fmt.Fprintln(w, "\nPartnerships (10 most recent)")
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "PARTNER KEY\tNAME\tGROUP\tCUSTOMERS\tJOINED")
	n := 0
	for p, err := range client.Partnerships.List(ctx) {
		if err != nil {
			return err
		}
		group, joined := "-", "-"
		if p.Group != nil {
			group = p.Group.Name
		}
		if p.JoinedAt != nil {
			joined = p.JoinedAt.Format(time.DateOnly)
		}
		customers := "-"
		if n, ok := p.Stats.Count(partnerstack.StatCustomerCount); ok {
			customers = fmt.Sprint(n)
		}
		fmt.Fprintf(tw, "%s\t%s %s\t%s\t%s\t%s\n", p.PartnerKey, p.FirstName, p.LastName, group,
			customers, joined)
		if n++; n == 10 {
			break
		}
	}
	if err := tw.Flush(); err != nil {
		return err
	}

	fmt.Fprintln(w, "\nTransactions (10 most recent)")
	tw = tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "KEY\tCUSTOMER\tAMOUNT\tUSD\tCREATED (UTC)")
	n = 0
	for tx, err := range client.Transactions.List(ctx) {
		if err != nil {
			return err
		}
		customer := tx.CustomerKey
		if tx.Customer != nil && tx.Customer.Email != "" {
			customer = tx.Customer.Email
		}
		// An Amount prints its exact decimal and currency: "129.00 EUR".
		fmt.Fprintf(tw, "%s\t%s\t%v\t%v\t%s\n", tx.Key, customer, tx.Amount,
			tx.AmountUSD, tx.CreatedAt.Format("2006-01-02 15:04"))
		if n++; n == 10 {
			break
		}
	}
	if err := tw.Flush(); err != nil {
		return err
	}

	fmt.Fprintln(w, "\nRewards available for withdrawal (first 10)")
	tw = tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "KEY\tPARTNER\tAMOUNT\tSTATUS\tPAYABLE FROM")
	n = 0
	for r, err := range client.Rewards.List(ctx, &partnerstack.RewardListOptions{PaymentStatus: partnerstack.PaymentAvailable}) {
		if err != nil {
			return err
		}
		partner, payable := "-", "-"
		switch {
		case r.Partnership != nil && r.Partnership.Name != "":
			partner = r.Partnership.Name
		case r.PartnershipKey != nil: // nil for a null partnership_key
			partner = *r.PartnershipKey
		}
		if r.PaymentDate != nil {
			payable = r.PaymentDate.Format(time.DateOnly)
		}
		amount, status := "-", "-"
		if !r.Amount.IsNull() {
			amount = fmt.Sprint(r.Amount)
		}
		if r.RewardStatus != nil {
			status = *r.RewardStatus
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", r.Key, partner, amount, status, payable)
		if n++; n == 10 {
			break
		}
	}
	return tw.Flush()
}
