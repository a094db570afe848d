package main

import (
	"context"
	"errors"
	"strconv"

	"github.com/affiliatekit/affiliatekit-go/firstpromoter"
	"github.com/affiliatekit/affiliatekit-go/firstpromoter/firstpromotertest"
)

// firstPromoterStreams syncs promoters, referrals and commissions. The API
// has no updated-since filter and no pagination metadata, so every pass
// reads each list in full, page numbers as checkpoints, and writes only
// what changed.
func firstPromoterStreams(c *conn) ([]*stream, error) {
	opts := []firstpromoter.Option{firstpromoter.WithHTTPClient(c.http), firstpromoter.WithRateLimiter(c.limiter)}
	switch {
	case c.creds == nil:
		srv := c.demo.fp()
		opts = append(opts, firstpromoter.WithBaseURL(srv.URL),
			firstpromoter.WithAPIKey(firstpromotertest.APIKey), firstpromoter.WithAccountID(firstpromotertest.AccountID))
	case c.creds.APIKey == "" || c.creds.AccountID == "":
		return nil, errors.New("firstpromoter needs api_key and account_id in its credentials")
	default:
		opts = append(opts, firstpromoter.WithAPIKey(c.creds.APIKey), firstpromoter.WithAccountID(c.creds.AccountID))
		if c.acct.BaseURL != "" {
			opts = append(opts, firstpromoter.WithBaseURL(c.acct.BaseURL))
		}
	}
	client, err := firstpromoter.NewClient(opts...)
	if err != nil {
		return nil, err
	}
	id := func(n int64) string { return strconv.FormatInt(n, 10) }
	promoters := &stream{
		name: "promoters", table: "affiliates", mode: modeFull,
		pull: pagePull(func(ctx context.Context, _ checkpoint, page int) ([]*firstpromoter.Promoter, int, error) {
			items, resp, err := client.Promoters.ListPage(ctx, &firstpromoter.PromoterListOptions{ListParams: firstpromoter.ListParams{Page: page}})
			if err != nil {
				return nil, 0, err
			}
			return items, resp.NextPage, nil
		}, func(p *firstpromoter.Promoter) (record, error) { return newRecord(id(p.ID), p, p.JoinedAt) }),
	}
	referrals := &stream{
		name: "referrals", table: "referrals", mode: modeFull,
		pull: pagePull(func(ctx context.Context, _ checkpoint, page int) ([]*firstpromoter.Referral, int, error) {
			items, resp, err := client.Referrals.ListPage(ctx, &firstpromoter.ReferralListOptions{ListParams: firstpromoter.ListParams{Page: page}})
			if err != nil {
				return nil, 0, err
			}
			return items, resp.NextPage, nil
		}, func(r *firstpromoter.Referral) (record, error) { return newRecord(id(r.ID), r, r.CreatedAt) }),
	}
	commissions := &stream{
		name: "commissions", table: "transactions", mode: modeFull,
		pull: pagePull(func(ctx context.Context, _ checkpoint, page int) ([]*firstpromoter.Commission, int, error) {
			items, resp, err := client.Commissions.ListPage(ctx, &firstpromoter.CommissionListOptions{ListParams: firstpromoter.ListParams{Page: page}})
			if err != nil {
				return nil, 0, err
			}
			return items, resp.NextPage, nil
		}, commissionRecord),
	}
	return []*stream{promoters, referrals, commissions}, nil
}

// commissionRecord stores a FirstPromoter commission with its amount.
// The record does not name the account's currency, so currency is left
// NULL unless the amount knows it.
func commissionRecord(c *firstpromoter.Commission) (record, error) {
	r, err := newRecord(strconv.FormatInt(c.ID, 10), c, c.CreatedAt)
	if err != nil {
		return r, err
	}
	return r.withAmount(c.Amount, ""), nil
}
