package main

import (
	"context"
	"fmt"
	"time"

	"github.com/affiliatekit/affiliatekit-go/everflow"
	"github.com/affiliatekit/affiliatekit-go/everflow/everflowtest"
)

// reportOverlap is how far back a window stream's next pass starts before
// the last one did: conversions are approved or rejected, and failed
// postbacks retried, days after they happen.
const reportOverlap = 7 * 24 * time.Hour

// everflowLookback is how far back Everflow's reports reach.
const everflowLookback = 364 * 24 * time.Hour

// newEverflow syncs affiliates (by time_saved, so a run fetches only what
// changed), raw conversions and the affiliate postback log. Conversions
// and postbacks are reports over a time window: they are read in windows
// of reportWindow from the last pass (less reportOverlap) to now,
// conversions page by page, postbacks streamed with the export endpoint.
func newEverflow(cfg *config) (*platform, error) {
	c := &counters{}
	opts := []everflow.Option{
		everflow.WithHTTPClient(c.httpClient()),
		everflow.WithLogger(c.logger(cfg.verbose)),
	}
	key := cfg.getenv("EVERFLOW_API_KEY")
	start := time.Now().UTC().Add(-everflowLookback).Truncate(24 * time.Hour)
	var where string
	if key == "" {
		srv := cfg.fakes.ef()
		where = "in-process fake server (set EVERFLOW_API_KEY for the real API)"
		opts = append(opts, everflow.WithBaseURL(srv.URL), everflow.WithAPIKey(everflowtest.APIKey),
			everflow.WithRateLimit(0, 0)) // no throttle against the in-process fake
		start = fakeStart
	} else {
		base := cfg.getenv("EVERFLOW_BASE_URL") // everflow.EUBaseURL for EU-hosted accounts
		if base == "" {
			base = everflow.DefaultBaseURL
		}
		where = "real API at " + base
		// The client's throttle is on by default at the documented quota.
		opts = append(opts, everflow.WithBaseURL(base), everflow.WithAPIKey(key))
	}
	client, err := everflow.NewClient(append(opts, overrideOptions(cfg, everflow.WithRetryWait, everflow.WithMaxRetries, everflow.WithRateLimit)...)...)
	if err != nil {
		return nil, err
	}
	affiliates := &stream{
		platform: "everflow", name: "affiliates", mode: modeUpdated, overlap: updatedOverlap, intID: true,
		columns: []column{{"name", "$.name"}, {"account_status", "$.account_status"}, {"time_saved", "$.time_saved"}},
		pull: pagePull(cfg.parallelPages, func(ctx context.Context, cp checkpoint, page int) ([]*everflow.Affiliate, int, error) {
			items, resp, err := client.Affiliates.ListPage(ctx, &everflow.AffiliateListOptions{
				ListParams: everflow.ListParams{Page: page},
				SavedAfter: cp.Since,
			})
			if err != nil {
				return nil, 0, err
			}
			return items, resp.NextPage, nil
		}, func(a *everflow.Affiliate) (record, error) { return jsonRecord(a.NetworkAffiliateID, a) }),
	}
	conversions := &stream{
		platform: "everflow", name: "conversions", mode: modeWindow, overlap: reportOverlap, start: start,
		columns: []column{{"status", "$.status"}, {"payout", "$.payout"}, {"converted_at", "$.conversion_unix_timestamp"}},
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
					r, err := jsonRecord(cv.ConversionID, cv)
					if err != nil {
						return err
					}
					recs = append(recs, r)
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
		platform: "everflow", name: "postbacks", mode: modeWindow, overlap: reportOverlap, start: start,
		columns: []column{{"pixel_id", "$.pixel_id"}, {"is_success", "$.is_success"}, {"fired_at", "$.timestamp"}},
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
				r, err := jsonRecord(postbackID(p), p)
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
	return &platform{name: "everflow", where: where, counters: c,
		streams: []*stream{affiliates, conversions, postbacks}}, nil
}

// postbackID identifies a row of the postback log, which has no id of
// its own: the postback configuration that fired, the conversion and click
// it fired for, and when.
func postbackID(p *everflow.PostbackLog) string {
	return fmt.Sprintf("%d/%s/%s/%d", p.PixelID, p.ConversionID, p.TransactionID, p.Timestamp.Unix())
}
