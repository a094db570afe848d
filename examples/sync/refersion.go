package main

import (
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
	"time"

	"github.com/affiliatekit/affiliatekit-go/refersion"
	"github.com/affiliatekit/affiliatekit-go/refersion/refersiontest"
)

// reportBatch is how many rows of a downloaded report are committed at a
// time.
const reportBatch = 1000

// refersionLookback is how far back the first pass of the GraphQL
// conversions stream reads on the real API.
const refersionLookback = 364 * 24 * time.Hour

// newRefersion syncs affiliates (affiliate/list, read in full every run:
// it takes no filter) and conversions, from one of two sources
// (REFERSION_CONVERSIONS chooses; the default is "graphql" when
// REFERSION_GRAPHQL_TOKEN is set, else "report"):
//   - graphql: the GraphQL API's conversions list, read by creation time in
//     windows like Everflow's reports, page by page, keyed by conversion id;
//   - report: a saved conversions report (REFERSION_REPORT_ID), downloaded
//     whole every run, its rows upserted by conversion id.
//
// Without credentials it syncs the in-process fake, where both sources
// exist; the fake's default is the report.
func newRefersion(cfg *config) (*platform, error) {
	c := &counters{}
	opts := []refersion.Option{
		refersion.WithHTTPClient(c.httpClient()),
		refersion.WithLogger(c.logger(cfg.verbose)),
	}
	public, secret := cfg.getenv("REFERSION_PUBLIC_KEY"), cfg.getenv("REFERSION_SECRET_KEY")
	token := cfg.getenv("REFERSION_GRAPHQL_TOKEN")
	rest := public != "" && secret != ""
	source := cfg.getenv("REFERSION_CONVERSIONS")
	if source == "" {
		source = "report"
		if token != "" {
			source = "graphql"
		}
	}
	if source != "report" && source != "graphql" {
		return nil, fmt.Errorf("REFERSION_CONVERSIONS: %q is neither graphql nor report", source)
	}
	where := "real API at " + refersion.DefaultBaseURL
	start := time.Now().UTC().Add(-refersionLookback).Truncate(24 * time.Hour)
	var reportID int64
	if !rest && token == "" {
		srv := cfg.fakes.rf()
		where = "in-process fake server (set REFERSION_PUBLIC_KEY and REFERSION_SECRET_KEY, " +
			"or REFERSION_GRAPHQL_TOKEN, for the real API)"
		opts = append(opts, refersion.WithBaseURL(srv.URL), refersion.WithKeys(refersiontest.PublicKey, refersiontest.SecretKey),
			refersion.WithGraphQLURL(srv.GraphQLURL), refersion.WithGraphQLKey(refersiontest.GraphQLToken),
			refersion.WithRateLimit(0, 0)) // no throttle against the in-process fake
		reportID = refersiontest.ConversionsReportID
		rest, start = true, fakeStart
	} else {
		if rest {
			opts = append(opts, refersion.WithKeys(public, secret))
		}
		if token != "" {
			opts = append(opts, refersion.WithGraphQLKey(token))
			if u := cfg.getenv("REFERSION_GRAPHQL_URL"); u != "" {
				opts = append(opts, refersion.WithGraphQLURL(u))
			}
		}
		if source == "graphql" && token == "" {
			return nil, errors.New("REFERSION_CONVERSIONS=graphql needs REFERSION_GRAPHQL_TOKEN")
		}
		if v := cfg.getenv("REFERSION_REPORT_ID"); v != "" && source == "report" {
			id, err := strconv.ParseInt(v, 10, 64)
			if err != nil {
				return nil, fmt.Errorf("REFERSION_REPORT_ID: %w", err)
			}
			reportID = id
		}
	}
	client, err := refersion.NewClient(append(opts, overrideOptions(cfg, refersion.WithRetryWait, refersion.WithMaxRetries, refersion.WithRateLimit)...)...)
	if err != nil {
		return nil, err
	}
	p := &platform{name: "refersion", where: where, counters: c}
	if rest {
		p.streams = append(p.streams, &stream{
			platform: "refersion", name: "affiliates", mode: modeFull,
			columns: []column{{"email", "$.email"}, {"status", "$.status"}, {"offer_id", "$.offer_id"}},
			pull: pagePull(cfg.parallelPages, func(ctx context.Context, _ checkpoint, page int) ([]*refersion.Affiliate, int, error) {
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
		})
	} else {
		cfg.warnf("refersion/affiliates: skipped; set REFERSION_PUBLIC_KEY and REFERSION_SECRET_KEY to sync affiliates")
	}
	switch {
	case source == "graphql":
		p.streams = append(p.streams, refersionGraphQLConversions(client, start))
	case reportID == 0:
		cfg.warnf("refersion/conversions: skipped; set REFERSION_GRAPHQL_TOKEN, or REFERSION_REPORT_ID to a saved conversions report, to sync conversions")
	default:
		p.streams = append(p.streams, &stream{
			platform: "refersion", name: "conversions", mode: modeReport,
			columns: []column{{"status", "$.status"}, {"commission_total", "$.commission_total"}, {"created", "$.created"}},
			pull: func(ctx context.Context, _ checkpoint, emit emitFunc) error {
				return pullReport(ctx, client, reportID, emit)
			},
		})
	}
	return p, nil
}

// refersionGraphQLConversions reads conversions through the GraphQL list
// by creation time, window by window from start, MaxGraphQLPerPage rows a
// request. Rows are read by offset, so a conversion created in a window
// while it is read can shift the rows after it: the last window ends at
// the pass's start, and the next pass starts reportOverlap before it,
// reading those days again once they are closed.
func refersionGraphQLConversions(client *refersion.Client, start time.Time) *stream {
	return &stream{
		platform: "refersion", name: "conversions", mode: modeWindow, overlap: reportOverlap, start: start,
		columns: []column{{"commission_total", "$.commission_total"}, {"currency", "$.currency"}, {"created", "$.created"}},
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
					r, err := jsonRecord(conversionKey(cv), cv)
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
}

// conversionKey is a GraphQL conversion's id; should Refersion send none,
// its affiliate, creation time, total and currency together.
func conversionKey(c *refersion.Conversion) string {
	if c.ID != "" {
		return c.ID.String()
	}
	return fmt.Sprintf("%s/%d/%s/%s", c.Affiliate.Email, c.Created.Unix(), c.Total.String(), c.Currency)
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
