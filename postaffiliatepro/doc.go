// Package postaffiliatepro is a client for the Post Affiliate Pro REST API
// v3: affiliates, transactions (commissions), campaigns, banners and the
// top-affiliates and clicks reports.
//
// Every account has its own host, so there is no default base URL: name the
// account, or give the API URL shown under Configuration > Tools >
// Integration > API v3.
//
//	client, err := postaffiliatepro.NewClient(
//		postaffiliatepro.WithAccount("acme"), // https://acme.postaffiliatepro.com/api/v3
//		postaffiliatepro.WithAPIKey(os.Getenv("POSTAFFILIATEPRO_API_KEY")),
//	)
//	if err != nil {
//		return err
//	}
//	for a, err := range client.Affiliates.List(ctx, &postaffiliatepro.AffiliateListOptions{Q: "status:A"}) {
//		if err != nil {
//			return err
//		}
//		fmt.Println(a.ID, a.Name(), a.Status.Label())
//	}
//
// Requests carry "Authorization: Bearer <key>". A key lacking the scope a
// call needs fails with [ErrForbidden]. The API allows 100 requests per
// minute ([RateLimitRequests] per [RateLimitWindow]): a 429 is retried
// after its Retry-After, or else at its X-RateLimit-Reset, and
// [Client.RateLimit] reports the quota the last response announced.
// [WithRateLimit] throttles the client to stay under it.
//
// A failed call returns an [*Error] with the status, message, field
// messages and body; match its kind with errors.Is and the sentinels
// ([ErrNotFound], [ErrInvalidRequest], [ErrRateLimited],
// [ErrOutcomeUnknown], ...), which are the same values in every package of
// this module.
//
// Every call other than a list takes per-call options ([RequestOption]) as
// its last argument: [WithResponseInto] hands back the call's [Response],
// its status, headers, quota and request id.
//
// # Unverified against a live account
//
// API v3 is labelled beta by the vendor, and its OpenAPI description is
// served only inside each account. The following are not public and are
// implemented as tolerant guesses; check them against your account's
// description at the API root:
//
//   - The list envelope: a list body may be a bare array, or an object
//     holding the records under "data", "items", "results" or the
//     resource's name, possibly nested under "data". A total is read from
//     "total", "total_count" or "count" ("count" only when it exceeds the
//     records on the page, since it may be the page's size).
//   - Paging: offset/limit by default, page/per_page with WithPagination.
//     A list ends on an empty or short page or when a reported total is
//     reached. DefaultPerPage is 100; the server's cap is unknown, and a
//     short page that contradicts a reported total is an error rather than
//     a silent early end.
//   - Record field names and types: fields are matched whatever their case
//     or separators, with the legacy API's names as aliases; numbers and
//     ids may be numbers or strings; amounts ([Amount]) are read exactly,
//     as the decimal text sent, in major units (the unit is unverified;
//     the legacy data model uses major units), a null kept apart from
//     zero, and sent the same way; timestamps may be RFC 3339, zone-less
//     ISO 8601, the legacy "2006-01-02 15:04:05" (read in the zone set by
//     WithTimezone, UTC by default), a date, or unix seconds. Statuses and
//     transaction types are the data model's letters (A, P, D; S, A, R,
//     ...), with words read into the same letters. Ids, codes, statuses and
//     text read null as "": no v3 schema is public, so none is known to be
//     nullable (ApprovedAt, a time, is nil for null). Every record keeps
//     its JSON in Raw. Write bodies use snake_case names.
//   - The error body: messages and codes are read from the common shapes.
//   - The q search syntax ("field:value" terms are assumed), the column
//     filters of /transactions (sent as id=, data1=, ...) and the
//     created_at filter of the reports.
//   - GET /affiliates/{id} and the campaign endpoints are assumed to exist;
//     the clicks report's path is unknown ("reports/clicks" by default,
//     WithClicksPath sets another).
//
// # Testing
//
// The postaffiliateprotest package runs an in-process fake of the API with
// every envelope and paging style above selectable, for tests and examples;
// its Server.Client returns a client configured for it. [WithClock] with
// the fake's NewClock makes retry and throttle waits in tests take no real
// time.
package postaffiliatepro
