package main

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"time"

	"github.com/affiliatekit/affiliatekit-go/everflow"
	"github.com/affiliatekit/affiliatekit-go/everflow/everflowtest"
)

// reportOverlap is how far back a window stream's next pass starts before
// the last one did: conversions are approved or rejected, and failed
// postbacks retried, days after they happen.
const reportOverlap = 7 * 24 * time.Hour

// reportBatch is how many rows of a streamed export are committed at a
// time.
const reportBatch = 1000

// everflowLookback is how far back Everflow's reports reach.
const everflowLookback = 364 * 24 * time.Hour

// everflowStreams syncs affiliates (by time_saved), raw conversions and
// the affiliate postback log. Conversions and postbacks are reports over a
// time window, read in windows of reportWindow from the last pass (less
// reportOverlap) to now: they have no full scan.
func everflowStreams(c *conn) ([]*stream, error) {
	opts := []everflow.Option{everflow.WithHTTPClient(c.http), everflow.WithRateLimiter(c.limiter)}
	start := c.startOr(time.Now().UTC().Add(-everflowLookback).Truncate(24 * time.Hour))
	switch {
	case c.creds == nil:
		srv := c.demo.ef()
		opts = append(opts, everflow.WithBaseURL(srv.URL), everflow.WithAPIKey(everflowtest.APIKey))
		start = c.startOr(demoStart)
	case c.creds.APIKey == "":
		return nil, errors.New("everflow needs api_key in its credentials")
	default:
		opts = append(opts, everflow.WithAPIKey(c.creds.APIKey))
		if c.acct.BaseURL != "" { // everflow.EUBaseURL for EU-hosted accounts
			opts = append(opts, everflow.WithBaseURL(c.acct.BaseURL))
		}
	}
	client, err := everflow.NewClient(opts...)
	if err != nil {
		return nil, err
	}
	affiliates := &stream{
		name: "affiliates", table: "affiliates", mode: modeUpdated, overlap: updatedOverlap,
		pull: pagePull(func(ctx context.Context, cp checkpoint, page int) ([]*everflow.Affiliate, int, error) {
			items, resp, err := client.Affiliates.ListPage(ctx, &everflow.AffiliateListOptions{
				ListParams: everflow.ListParams{Page: page},
				SavedAfter: cp.Since,
			})
			if err != nil {
				return nil, 0, err
			}
			return items, resp.NextPage, nil
		}, func(a *everflow.Affiliate) (record, error) {
			return newRecord(strconv.FormatInt(a.NetworkAffiliateID, 10), a, a.TimeCreated)
		}),
	}
	conversions := &stream{
		name: "conversions", table: "transactions", mode: modeWindow, overlap: reportOverlap, start: start,
		pull: windowPull(func(ctx context.Context, from, to time.Time, page int, emit windowEmit) error {
			for page = max(page, 1); ; {
				items, resp, err := client.Conversions.ListPage(ctx, &everflow.ConversionListOptions{
					ListParams: everflow.ListParams{Page: page},
					ConversionReportParams: everflow.ConversionReportParams{
						From: from.UTC(), To: to.UTC(), TimezoneID: everflow.TimezoneUTC,
						ShowConversions: true, ShowEvents: true,
					},
				})
				if err != nil {
					return fmt.Errorf("page %d: %w", page, err)
				}
				if resp.NextPage != 0 && resp.NextPage <= page {
					return fmt.Errorf("page %d: the next page (%d) does not advance", page, resp.NextPage)
				}
				var recs []record
				for _, cv := range items {
					if !inWindow(cv.ConversionUnixTimestamp, from, to) {
						continue
					}
					r, err := newRecord(cv.ConversionID, cv, cv.ConversionUnixTimestamp)
					if err != nil {
						return err
					}
					recs = append(recs, r.withAmount(cv.Payout, cv.CurrencyID))
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
	postbacks := &stream{
		name: "postbacks", table: "postbacks", mode: modeWindow, overlap: reportOverlap, start: start,
		pull: windowPull(func(ctx context.Context, from, to time.Time, _ int, emit windowEmit) error {
			var batch []record
			for p, err := range client.Postbacks.Export(ctx, &everflow.PostbackReportParams{
				From: from.UTC(), To: to.UTC(), TimezoneID: everflow.TimezoneUTC,
			}) {
				if err != nil {
					return err
				}
				if !inWindow(p.Timestamp, from, to) {
					continue
				}
				r, err := newRecord(postbackID(p), p, p.Timestamp)
				if err != nil {
					return err
				}
				// A window's export is one stream that cannot be resumed in
				// the middle: its batches keep the window's start as the
				// checkpoint, and a resumed pass reads the window again.
				if batch = append(batch, r); len(batch) == reportBatch {
					if err := emit(batch, 0, false); err != nil {
						return err
					}
					batch = nil
				}
			}
			return emit(batch, 0, true)
		}),
	}
	return []*stream{affiliates, conversions, postbacks}, nil
}

// postbackID identifies a row of the postback log, which has no id of
// its own: the postback configuration that fired, the conversion and click
// it fired for, and when.
func postbackID(p *everflow.PostbackLog) string {
	return fmt.Sprintf("%d/%s/%s/%d", p.PixelID, p.ConversionID, p.TransactionID, p.Timestamp.Unix())
}
