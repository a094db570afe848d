package main

import (
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"

	"github.com/affiliatekit/affiliatekit-go/refersion"
	"github.com/affiliatekit/affiliatekit-go/refersion/refersiontest"
)

// reportBatch is how many rows of a downloaded report are committed at a
// time.
const reportBatch = 1000

// newRefersion syncs affiliates (affiliate/list, read in full every run:
// it takes no filter) and, when a saved conversions report is named,
// conversions: the REST API has no conversion list, so the report is
// downloaded whole every run and its rows are upserted by conversion id.
func newRefersion(cfg *config) (*platform, error) {
	c := &counters{}
	opts := []refersion.Option{
		refersion.WithHTTPClient(c.httpClient()),
		refersion.WithLogger(c.logger(cfg.verbose)),
	}
	public, secret := cfg.getenv("REFERSION_PUBLIC_KEY"), cfg.getenv("REFERSION_SECRET_KEY")
	where := "real API at " + refersion.DefaultBaseURL
	var reportID int64
	if public == "" || secret == "" {
		srv := cfg.fakes.rf()
		where = "in-process fake server (set REFERSION_PUBLIC_KEY and REFERSION_SECRET_KEY for the real API)"
		opts = append(opts, refersion.WithBaseURL(srv.URL), refersion.WithKeys(refersiontest.PublicKey, refersiontest.SecretKey))
		reportID = refersiontest.ConversionsReportID
	} else {
		opts = append(opts, refersion.WithKeys(public, secret),
			refersion.WithRateLimit(refersion.RateLimitRequests, refersion.RateLimitWindow))
		if v := cfg.getenv("REFERSION_REPORT_ID"); v != "" {
			id, err := strconv.ParseInt(v, 10, 64)
			if err != nil {
				return nil, fmt.Errorf("REFERSION_REPORT_ID: %w", err)
			}
			reportID = id
		}
	}
	client, err := refersion.NewClient(append(opts, retryOptions(cfg, refersion.WithRetryWait, refersion.WithMaxRetries)...)...)
	if err != nil {
		return nil, err
	}
	affiliates := &stream{
		platform: "refersion", name: "affiliates", mode: modeFull,
		columns: []column{{"email", "$.email"}, {"status", "$.status"}, {"offer_id", "$.offer_id"}},
		pull: pagePull(func(ctx context.Context, _ checkpoint, page int) ([]*refersion.Affiliate, int, error) {
			items, resp, err := client.Affiliates.ListPage(ctx, &refersion.AffiliateListOptions{Page: page})
			if err != nil {
				return nil, 0, err
			}
			return items, resp.NextPage, nil
		}, func(a *refersion.Affiliate) (record, error) {
			// Code is not part of the wire form (the list sends it as "id");
			// it is stored beside the other fields.
			return jsonRecord(a.Code, struct {
				Code string `json:"code"`
				*refersion.Affiliate
			}{a.Code, a})
		}),
	}
	p := &platform{name: "refersion", where: where, counters: c, streams: []*stream{affiliates}}
	if reportID == 0 {
		cfg.warnf("refersion/conversions: skipped; set REFERSION_REPORT_ID to a saved conversions report to sync conversions")
		return p, nil
	}
	conversions := &stream{
		platform: "refersion", name: "conversions", mode: modeReport,
		columns: []column{{"status", "$.status"}, {"commission_total", "$.commission_total"}, {"created", "$.created"}},
		pull: func(ctx context.Context, _ checkpoint, emit emitFunc) error {
			return pullReport(ctx, client, reportID, emit)
		},
	}
	p.streams = append(p.streams, conversions)
	return p, nil
}

// pullReport downloads a saved report and commits its rows in batches,
// each row stored as a JSON object of its columns and keyed by its
// conversion_id (or id) column. The report's columns are whatever it was
// saved with in Refersion's dashboard. A row longer than maxReportRow is
// an error.
func pullReport(ctx context.Context, client *refersion.Client, reportID int64, emit emitFunc) error {
	link, err := client.Reports.Link(ctx, reportID)
	if err != nil {
		return fmt.Errorf("report %d: %w", reportID, err)
	}
	body, _, err := client.Reports.Download(ctx, link)
	if err != nil {
		return fmt.Errorf("report %d: %w", reportID, err)
	}
	defer body.Close()
	capped := newRowCapReader(body, maxReportRow)
	r := csv.NewReader(capped)
	header, err := r.Read()
	if err != nil {
		return fmt.Errorf("report %d: header: %w", reportID, err)
	}
	capped.next(r.InputOffset())
	idCol := slices.Index(header, "conversion_id")
	if idCol < 0 {
		idCol = slices.Index(header, "id")
	}
	if idCol < 0 {
		return fmt.Errorf("report %d has no conversion_id or id column (columns: %v)", reportID, header)
	}
	r.FieldsPerRecord = len(header)
	var batch []record
	for {
		row, err := r.Read()
		if errors.Is(err, io.EOF) {
			return emit(batch, position{})
		}
		if err != nil {
			return fmt.Errorf("report %d: %w", reportID, err)
		}
		capped.next(r.InputOffset())
		obj := make(map[string]string, len(header))
		for i, name := range header {
			obj[name] = row[i]
		}
		rec, err := jsonRecord(row[idCol], obj)
		if err != nil {
			return err
		}
		if batch = append(batch, rec); len(batch) == reportBatch {
			if err := emit(batch, position{}); err != nil {
				return err
			}
			batch = nil
		}
	}
}
