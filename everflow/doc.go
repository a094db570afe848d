// Package everflow is a client for the Everflow Network API
// (https://api.eflow.team/v1): affiliates (partners), advertisers,
// offers and their affiliate visibility, raw
// conversions and clicks, aggregated entity reports, the affiliate
// postback log with streaming exports, postback configurations, the
// network's settings and time zones.
//
// Create a client with a network API key and range over a list; pages are
// fetched as the loop advances, and breaking out of it makes no further
// request:
//
//	client, err := everflow.NewClient(everflow.WithAPIKey(os.Getenv("EVERFLOW_API_KEY")))
//	if err != nil {
//		return err
//	}
//	for a, err := range client.Affiliates.List(ctx, &everflow.AffiliateListOptions{
//		AccountStatus: everflow.AccountActive,
//	}) {
//		if err != nil {
//			return err
//		}
//		fmt.Println(a.NetworkAffiliateID, a.Name)
//	}
//
// Reports take a window and a time zone. The affiliate postback report
// ([PostbacksService.Report]) returns at most 1000 rows;
// [PostbacksService.Export] streams all of them, decoding one row at a
// time:
//
//	params := &everflow.PostbackReportParams{
//		From:       time.Date(2024, 2, 1, 0, 0, 0, 0, time.UTC),
//		To:         time.Date(2024, 2, 29, 0, 0, 0, 0, time.UTC),
//		TimezoneID: everflow.TimezoneUTC,
//		Query: everflow.Query{Filters: []everflow.Filter{
//			everflow.OfferFilter(11),
//			everflow.DeliveryStatusFilter(everflow.DeliveryFailure),
//		}},
//	}
//	for p, err := range client.Postbacks.Export(ctx, params) {
//		if err != nil {
//			return err
//		}
//		fmt.Println(p.Timestamp, p.Payload)
//	}
//
// Conventions of the API that shape the package: ids are integers (click
// and conversion ids are strings); Everflow's reference marks no string
// id, code or status nullable, so a null one reads as "" (and a null
// integer id as 0), while the members its examples send as null are nil
// when null (Advertiser.IsExposePublisherReportingData, a pixel's
// FacebookPixel); timestamps arrive as unix seconds and
// are decoded to time.Time in UTC; money is a decimal in full currency
// units, never cents, read into an exact [Amount] (never float64) that
// keeps the digits sent ("0.0125" stays "0.0125", a null stays null) and
// carries the record's currency_id (an entity report's amounts carry the
// report's CurrencyID); amounts sent to Everflow go as decimals in major
// units, whether built with [ParseAmount] or [AmountFromMinorUnits];
// report windows are sent as dates or datetimes read in the request's
// time zone, and windows Everflow refuses (over a year; over 14 days for
// clicks) fail before any request.
//
// Affiliate, advertiser, offer and pixel updates replace the whole
// record: build them with the record's UpdateParams, which sends back
// every member read, including the ones the package does not model (kept
// in Other fields). Everflow sends an affiliate's tier and labels, an
// advertiser's labels and an offer's payouts inside "relationship", so
// read the record with [WithRelationships] ([RelationshipBilling] for an
// affiliate, [RelationshipLabels] for an advertiser,
// [RelationshipPayoutRevenue] for an offer) before updating it; Update
// refuses params that would reset what was not read. Creates (POST) are
// never retried once they may have reached the server; updates (PUT) and
// the affiliate's offer visibility PATCH, which set absolute values, are.
//
// Every list has a page-level twin (ListPage, SearchPage) whose [Response]
// carries NextPage, HasMore and Total, for checkpoints and resume. Errors
// are *[Error] values matched with errors.Is against [ErrUnauthorized],
// [ErrForbidden], [ErrNotFound], [ErrRateLimited], [ErrInvalidRequest],
// [ErrServer], [ErrMalformedResponse] and [ErrOutcomeUnknown] ([ErrTimeout]
// for an attempt that ran past WithTimeout); the sentinels are the same
// values in every package of this module. Rate limits are per network and
// reset every 30 seconds; after a 429 the client waits for the reset (or
// Retry-After) within WithRetryWait's maximum. At most
// MaxConcurrentReports reporting calls run at once; an open export holds its slot until its loop ends.
// So make no reporting call (a report, a click lookup, another export)
// inside an export's loop: with every slot held by such loops, the calls
// inside them would wait for a slot that none of them gives back. Collect
// what the rows need and make those calls after the loop.
//
// Package everflowtest is an in-process fake of the API for tests and
// examples.
package everflow
