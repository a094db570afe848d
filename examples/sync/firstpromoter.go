package main

import (
	"context"
	"time"

	"github.com/affiliatekit/affiliatekit-go/firstpromoter"
	"github.com/affiliatekit/affiliatekit-go/firstpromoter/firstpromotertest"
)

// newFirstPromoter syncs promoters, referrals and commissions. The API has
// no updated-since filter and no pagination metadata, so every run reads
// each list in full (page by page, page numbers as checkpoints) and writes
// only what changed; -since becomes the created_at (joined_at) filter.
func newFirstPromoter(cfg *config) (*platform, error) {
	c := &counters{}
	opts := []firstpromoter.Option{
		firstpromoter.WithHTTPClient(c.httpClient()),
		firstpromoter.WithLogger(c.logger(cfg.verbose)),
	}
	key, account := cfg.getenv("FIRSTPROMOTER_API_KEY"), cfg.getenv("FIRSTPROMOTER_ACCOUNT_ID")
	where := "real API at " + firstpromoter.DefaultBaseURL
	if key == "" || account == "" {
		srv := cfg.fakes.fp()
		where = "in-process fake server (set FIRSTPROMOTER_API_KEY and FIRSTPROMOTER_ACCOUNT_ID for the real API)"
		// The fake has no quota of its own: the throttle is off.
		opts = append(opts, firstpromoter.WithBaseURL(srv.URL), firstpromoter.WithRateLimit(0, 0),
			firstpromoter.WithAPIKey(firstpromotertest.APIKey), firstpromoter.WithAccountID(firstpromotertest.AccountID))
	} else {
		// The client's throttle is on by default at the documented quota.
		opts = append(opts, firstpromoter.WithAPIKey(key), firstpromoter.WithAccountID(account))
	}
	client, err := firstpromoter.NewClient(append(opts, overrideOptions(cfg, firstpromoter.WithRetryWait, firstpromoter.WithMaxRetries, firstpromoter.WithRateLimit)...)...)
	if err != nil {
		return nil, err
	}
	fpDate := func(t time.Time) firstpromoter.Date {
		if t.IsZero() {
			return firstpromoter.Date{}
		}
		t = t.UTC()
		return firstpromoter.NewDate(t.Year(), t.Month(), t.Day())
	}
	promoters := &stream{
		platform: "firstpromoter", name: "promoters", mode: modeFull, intID: true,
		columns: []column{{"email", "$.email"}, {"joined_at", "$.joined_at"}, {"updated_at", "$.updated_at"}},
		pull: pagePull(cfg.parallelPages, func(ctx context.Context, cp checkpoint, page int) ([]*firstpromoter.Promoter, int, error) {
			opts := &firstpromoter.PromoterListOptions{ListParams: firstpromoter.ListParams{Page: page}}
			opts.Filters.JoinedAt.From = fpDate(cp.Since)
			items, resp, err := client.Promoters.ListPage(ctx, opts)
			if err != nil {
				return nil, 0, err
			}
			return items, resp.NextPage, nil
		}, func(p *firstpromoter.Promoter) (record, error) { return jsonRecord(p.ID, p) }),
	}
	referrals := &stream{
		platform: "firstpromoter", name: "referrals", mode: modeFull, intID: true,
		columns: []column{{"email", "$.email"}, {"state", "$.state"}, {"created_at", "$.created_at"}},
		pull: pagePull(cfg.parallelPages, func(ctx context.Context, cp checkpoint, page int) ([]*firstpromoter.Referral, int, error) {
			opts := &firstpromoter.ReferralListOptions{ListParams: firstpromoter.ListParams{Page: page}}
			opts.Filters.CreatedAt.From = fpDate(cp.Since)
			items, resp, err := client.Referrals.ListPage(ctx, opts)
			if err != nil {
				return nil, 0, err
			}
			return items, resp.NextPage, nil
		}, func(r *firstpromoter.Referral) (record, error) { return jsonRecord(r.ID, r) }),
	}
	commissions := &stream{
		platform: "firstpromoter", name: "commissions", mode: modeFull, intID: true,
		columns: []column{{"status", "$.status"}, {"amount_cents", "$.amount"}, {"created_at", "$.created_at"}},
		pull: pagePull(cfg.parallelPages, func(ctx context.Context, cp checkpoint, page int) ([]*firstpromoter.Commission, int, error) {
			opts := &firstpromoter.CommissionListOptions{ListParams: firstpromoter.ListParams{Page: page}}
			opts.Filters.CreatedAt.From = fpDate(cp.Since)
			items, resp, err := client.Commissions.ListPage(ctx, opts)
			if err != nil {
				return nil, 0, err
			}
			return items, resp.NextPage, nil
		}, func(c *firstpromoter.Commission) (record, error) { return jsonRecord(c.ID, c) }),
	}
	return &platform{name: "firstpromoter", where: where, counters: c,
		streams: []*stream{promoters, referrals, commissions}}, nil
}
