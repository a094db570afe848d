package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"

	"github.com/affiliatekit/affiliatekit-go/postaffiliatepro"
	"github.com/affiliatekit/affiliatekit-go/postaffiliatepro/postaffiliateprotest"
)

// newPostAffiliatePro syncs affiliates and transactions (commissions).
// API v3 has no documented time filter, so both are read in full every
// run, page numbers as checkpoints. Records are stored as the API sent
// them (the package keeps each record's JSON in Raw).
func newPostAffiliatePro(cfg *config) (*platform, error) {
	c := &counters{}
	opts := []postaffiliatepro.Option{
		postaffiliatepro.WithHTTPClient(c.httpClient()),
		postaffiliatepro.WithLogger(c.logger(cfg.verbose)),
	}
	key := cfg.getenv("POSTAFFILIATEPRO_API_KEY")
	account, baseURL := cfg.getenv("POSTAFFILIATEPRO_ACCOUNT"), cfg.getenv("POSTAFFILIATEPRO_BASE_URL")
	var where string
	switch {
	case key != "" && baseURL != "":
		where = "real API at " + baseURL
		opts = append(opts, postaffiliatepro.WithBaseURL(baseURL), postaffiliatepro.WithAPIKey(key))
	case key != "" && account != "":
		where = "real API of account " + account
		opts = append(opts, postaffiliatepro.WithAccount(account), postaffiliatepro.WithAPIKey(key))
	default:
		srv := cfg.fakes.pap()
		where = "in-process fake server (set POSTAFFILIATEPRO_API_KEY and POSTAFFILIATEPRO_ACCOUNT or POSTAFFILIATEPRO_BASE_URL for the real API)"
		// No throttle against the in-process fake.
		opts = append(opts, postaffiliatepro.WithBaseURL(srv.URL), postaffiliatepro.WithAPIKey(postaffiliateprotest.APIKey),
			postaffiliatepro.WithRateLimit(0, 0))
	}
	client, err := postaffiliatepro.NewClient(append(opts, overrideOptions(cfg, postaffiliatepro.WithRetryWait, postaffiliatepro.WithMaxRetries, postaffiliatepro.WithRateLimit)...)...)
	if err != nil {
		return nil, err
	}
	affiliates := &stream{
		platform: "postaffiliatepro", name: "affiliates", mode: modeFull,
		pull: pagePull(cfg.parallelPages, func(ctx context.Context, _ checkpoint, page int) ([]*postaffiliatepro.Affiliate, int, error) {
			items, resp, err := client.Affiliates.ListPage(ctx, &postaffiliatepro.AffiliateListOptions{
				ListParams: postaffiliatepro.ListParams{Page: page},
			})
			if err != nil {
				return nil, 0, err
			}
			return items, resp.NextPage, nil
		}, func(a *postaffiliatepro.Affiliate) (record, error) { return rawRecord(a.ID, a.Raw) }),
	}
	transactions := &stream{
		platform: "postaffiliatepro", name: "transactions", mode: modeFull,
		pull: pagePull(cfg.parallelPages, func(ctx context.Context, _ checkpoint, page int) ([]*postaffiliatepro.Transaction, int, error) {
			items, resp, err := client.Transactions.ListPage(ctx, &postaffiliatepro.TransactionListOptions{
				ListParams: postaffiliatepro.ListParams{Page: page},
			})
			if err != nil {
				return nil, 0, err
			}
			return items, resp.NextPage, nil
		}, func(t *postaffiliatepro.Transaction) (record, error) { return rawRecord(t.ID, t.Raw) }),
	}
	return &platform{name: "postaffiliatepro", where: where, counters: c,
		streams: []*stream{affiliates, transactions}}, nil
}

// rawRecord stores a record's JSON as received, without insignificant
// white space.
func rawRecord(id string, raw json.RawMessage) (record, error) {
	if id == "" {
		return record{}, fmt.Errorf("record without an id: %.200s", raw)
	}
	var b bytes.Buffer
	if err := json.Compact(&b, raw); err != nil {
		return record{}, fmt.Errorf("record %s: %w", id, err)
	}
	return record{id: id, raw: b.Bytes()}, nil
}
