package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"text/tabwriter"

	fpv1 "github.com/affiliatekit/affiliatekit-go/firstpromoter/v1"
	"github.com/affiliatekit/affiliatekit-go/firstpromoter/v1/v1test"
)

func init() { register(6, "firstpromoter/v1", runFirstPromoterV1) }

// runFirstPromoterV1 lists promoters and the rewards of the first ones
// through FirstPromoter's legacy API v1, for accounts still on it.
func runFirstPromoterV1(ctx context.Context, w io.Writer) error {
	key := os.Getenv("FIRSTPROMOTER_V1_API_KEY")
	opts := []fpv1.Option{fpv1.WithAPIKey(key)}
	if key == "" {
		srv := v1test.NewServer()
		defer srv.Close()
		srv.SeedPromoters(3)
		srv.SeedRewards(6)
		fmt.Fprintln(w, "== FirstPromoter API v1 (legacy): in-process fake server with seeded data (set FIRSTPROMOTER_V1_API_KEY for the real API)")
		opts = []fpv1.Option{fpv1.WithBaseURL(srv.URL), fpv1.WithAPIKey(v1test.APIKey)}
	} else {
		fmt.Fprintln(w, "== FirstPromoter API v1 (legacy): real API at", fpv1.DefaultBaseURL)
	}
	client, err := fpv1.NewClient(opts...)
	if err != nil {
		return err
	}

	fmt.Fprintln(w, "\nPromoters (first 5)")
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tEMAIL\tREF ID\tCASH BALANCE")
	var ids []int64
	for p, err := range client.Promoters.List(ctx) {
		if err != nil {
			return err
		}
		fmt.Fprintf(tw, "%d\t%s\t%s\t%s\n", p.ID, p.Email, p.DefaultRefID, p.CurrentBalance["cash"])
		if ids = append(ids, p.ID); len(ids) == 5 {
			break
		}
	}
	if err := tw.Flush(); err != nil {
		return err
	}

	fmt.Fprintln(w, "\nRewards of those promoters")
	tw = tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tPROMOTER\tSTATUS\tUNIT\tAMOUNT")
	for _, id := range ids {
		for r, err := range client.Rewards.List(ctx, &fpv1.RewardListOptions{PromoterID: id}) {
			if err != nil {
				return err
			}
			fmt.Fprintf(tw, "%d\t%d\t%s\t%s\t%s\n", r.ID, id, r.Status, r.Unit, r.Amount)
		}
	}
	return tw.Flush()
}
