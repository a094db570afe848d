package main

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/affiliatekit/affiliatekit-go/refersion"
	"github.com/affiliatekit/affiliatekit-go/refersion/refersiontest"
)

// refersionLookback is how far back the first pass of the conversions
// stream reads on the real API.
const refersionLookback = 364 * 24 * time.Hour

// refersionStreams syncs affiliates (affiliate/list, read in full every
// pass: it takes no filter; needs the REST keys) and conversions through
// the GraphQL list by creation time, window by window like Everflow's
// reports (needs the GraphQL token): conversions have no full scan.
func refersionStreams(c *conn) ([]*stream, error) {
	opts := []refersion.Option{refersion.WithHTTPClient(c.http), refersion.WithRateLimiter(c.limiter)}
	start := c.startOr(time.Now().UTC().Add(-refersionLookback).Truncate(24 * time.Hour))
	rest, graphql := true, true
	switch {
	case c.creds == nil:
		srv := c.demo.rf()
		opts = append(opts, refersion.WithBaseURL(srv.URL), refersion.WithKeys(refersiontest.PublicKey, refersiontest.SecretKey),
			refersion.WithGraphQLURL(srv.GraphQLURL), refersion.WithGraphQLKey(refersiontest.GraphQLToken))
		start = c.startOr(demoStart)
	default:
		rest = c.creds.PublicKey != "" && c.creds.SecretKey != ""
		graphql = c.creds.GraphQLToken != ""
		if !rest && !graphql {
			return nil, errors.New("refersion needs public_key and secret_key, or graphql_token, in its credentials")
		}
		if rest {
			opts = append(opts, refersion.WithKeys(c.creds.PublicKey, c.creds.SecretKey))
		}
		if graphql {
			opts = append(opts, refersion.WithGraphQLKey(c.creds.GraphQLToken))
		}
		if c.acct.BaseURL != "" {
			opts = append(opts, refersion.WithBaseURL(c.acct.BaseURL))
		}
		if c.acct.GraphQLURL != "" {
			opts = append(opts, refersion.WithGraphQLURL(c.acct.GraphQLURL))
		}
	}
	client, err := refersion.NewClient(opts...)
	if err != nil {
		return nil, err
	}
	var out []*stream
	if rest {
		out = append(out, &stream{
			name: "affiliates", table: "affiliates", mode: modeFull,
			pull: pagePull(func(ctx context.Context, _ checkpoint, page int) ([]*refersion.Affiliate, int, error) {
				items, resp, err := client.Affiliates.ListPage(ctx, &refersion.AffiliateListOptions{Page: page})
				if err != nil {
					return nil, 0, err
				}
				return items, resp.NextPage, nil
			}, func(a *refersion.Affiliate) (record, error) {
				// Code is not part of the wire form (the list sends it as
				// "id"); it is stored beside the other fields.
				return newRecord(a.Code, struct {
					Code string `json:"code"`
					*refersion.Affiliate
				}{a.Code, a}, time.Time{})
			}),
		})
	}
	if graphql {
		out = append(out, refersionConversions(client, start))
	}
	return out, nil
}

// refersionConversions reads conversions through the GraphQL list by
// creation time, window by window from start, MaxGraphQLPageSize rows a
// request. Rows are read by offset, so a conversion created in a window
// while it is read can shift the rows after it: the last window ends at
// the pass's start, and the next pass starts reportOverlap before it.
func refersionConversions(client *refersion.Client, start time.Time) *stream {
	return &stream{
		name: "conversions", table: "transactions", mode: modeWindow, overlap: reportOverlap, start: start,
		pull: windowPull(func(ctx context.Context, from, to time.Time, page int, emit windowEmit) error {
			for page = max(page, 1); ; {
				items, resp, err := client.Conversions.ListPage(ctx, &refersion.ConversionListOptions{
					CreatedFrom: from, CreatedTo: to, Page: page, PerPage: refersion.MaxGraphQLPerPage,
				})
				if err != nil {
					return fmt.Errorf("page %d: %w", page, err)
				}
				if resp.NextPage != 0 && resp.NextPage <= page {
					return fmt.Errorf("page %d: the next page (%d) does not advance", page, resp.NextPage)
				}
				recs := make([]record, 0, len(items))
				for _, cv := range items {
					r, err := newRecord(conversionKey(cv), cv, cv.Created)
					if err != nil {
						return err
					}
					recs = append(recs, r.withAmount(cv.CommissionTotal, cv.Currency))
				}
				if err := emit(recs, resp.NextPage, resp.NextPage == 0); err != nil {
					return err
				}
				if resp.NextPage == 0 {
					return nil
				}
				page = resp.NextPage
			}
		}),
	}
}

// conversionKey is a GraphQL conversion's id; should Refersion send none,
// its affiliate, creation time, total and currency together.
func conversionKey(c *refersion.Conversion) string {
	if c.ID != "" {
		return c.ID.String()
	}
	return fmt.Sprintf("%s/%d/%s/%s", c.Affiliate.Email, c.Created.Unix(), c.Total.String(), c.Currency)
}
