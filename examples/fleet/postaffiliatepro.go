package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/affiliatekit/affiliatekit-go/postaffiliatepro"
	"github.com/affiliatekit/affiliatekit-go/postaffiliatepro/postaffiliateprotest"
)

// postAffiliateProStreams syncs affiliates and transactions
// (commissions). API v3 has no documented time filter, so both are read
// in full every pass, page numbers as checkpoints. Records are stored as
// the API sent them (the package keeps each record's JSON in Raw). A
// real account needs its base URL (accounts add --base-url).
func postAffiliateProStreams(c *conn) ([]*stream, error) {
	opts := []postaffiliatepro.Option{postaffiliatepro.WithHTTPClient(c.http), postaffiliatepro.WithRateLimiter(c.limiter)}
	switch {
	case c.creds == nil:
		srv := c.demo.pap()
		opts = append(opts, postaffiliatepro.WithBaseURL(srv.URL), postaffiliatepro.WithAPIKey(postaffiliateprotest.APIKey))
	case c.creds.APIKey == "" || c.acct.BaseURL == "":
		return nil, errors.New("postaffiliatepro needs api_key in its credentials and the account's base URL")
	default:
		opts = append(opts, postaffiliatepro.WithBaseURL(c.acct.BaseURL), postaffiliatepro.WithAPIKey(c.creds.APIKey))
	}
	client, err := postaffiliatepro.NewClient(opts...)
	if err != nil {
		return nil, err
	}
	affiliates := &stream{
		name: "affiliates", table: "affiliates", mode: modeFull,
		pull: pagePull(func(ctx context.Context, _ checkpoint, page int) ([]*postaffiliatepro.Affiliate, int, error) {
			items, resp, err := client.Affiliates.ListPage(ctx, &postaffiliatepro.AffiliateListOptions{
				ListParams: postaffiliatepro.ListParams{Page: page},
			})
			if err != nil {
				return nil, 0, err
			}
			return items, resp.NextPage, nil
		}, func(a *postaffiliatepro.Affiliate) (record, error) {
			r, err := rawRecord(a.ID, a.Raw)
			r.at = a.CreatedAt
			return r, err
		}),
	}
	transactions := &stream{
		name: "transactions", table: "transactions", mode: modeFull,
		pull: pagePull(func(ctx context.Context, _ checkpoint, page int) ([]*postaffiliatepro.Transaction, int, error) {
			items, resp, err := client.Transactions.ListPage(ctx, &postaffiliatepro.TransactionListOptions{
				ListParams: postaffiliatepro.ListParams{Page: page},
			})
			if err != nil {
				return nil, 0, err
			}
			return items, resp.NextPage, nil
		}, func(t *postaffiliatepro.Transaction) (record, error) {
			r, err := rawRecord(t.ID, t.Raw)
			r.at = t.CreatedAt
			return r.withAmount(t.Commission, t.Currency), err
		}),
	}
	return []*stream{affiliates, transactions}, nil
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
