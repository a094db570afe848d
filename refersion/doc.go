// Package refersion is a client for the Refersion REST API v2
// (https://api.refersion.com/v2): affiliates and their conversion
// triggers, manual credits, conversion status changes, cancellations and
// totals, SKU commissions, and saved-report downloads; and for the lists
// of Refersion's GraphQL API (https://graphql.refersion.com): conversions,
// affiliates and offers.
//
// Every Refersion call is a POST with a JSON body, reads included, signed
// with two headers, Refersion-Public-Key and Refersion-Secret-Key:
//
//	client, err := refersion.NewClient(refersion.WithKeys(publicKey, secretKey))
//	if err != nil {
//		return err
//	}
//	for a, err := range client.Affiliates.List(ctx) {
//		if err != nil {
//			return err
//		}
//		fmt.Println(a.Code, a.FirstName, a.LastName, a.Status)
//	}
//
// # Pagination
//
// affiliate/list and affiliate/search are the REST lists. List and Search
// iterate every page (List fetches MaxPerPage per request) and stop on the
// envelope's total; breaking out of the loop makes no further request.
// ListPage and SearchPage fetch one page and return a [Response] whose
// NextPage, HasMore and Total let a job stop and resume. The GraphQL lists
// (below) page by offset, with the same NextPage.
//
// # Identifiers
//
// Refersion mixes its identifiers. An affiliate has a numeric id
// (37567438), which the writes take, and a code ("a3y7"), which appears in
// its referral link. affiliate/get answers the numeric id in the field
// "id", while affiliate/list, affiliate/search and affiliate/new put the
// code in that same field: Affiliate.ID is a FlexString that decodes both,
// and Affiliate.Code always holds the code. Numbers sometimes arrive as
// strings ("conversion_id": "11900254", "commission_total": "3,498.03,");
// the decoders accept either.
//
// # Money
//
// Every amount is an [Amount], exact: never a float64. Refersion writes
// money in major units (12.50 is twelve and a half dollars), as a number,
// a decimal string ("59.00") or a formatted string ("3,498.03,"); an
// Amount holds the exact value ("3498.03", "0.0125" stays "0.0125") and the
// record's currency, a null stays apart from zero, and a record re-encodes
// each unchanged amount exactly as it was sent. Params are sent in major
// units however their Amount was built: AmountFromMinorUnits(2500, 2, "")
// and ParseAmount("25.00", "") both send 25.00.
//
// # Conversions and the GraphQL API
//
// The REST API has no endpoint that lists or reads conversions; Refersion's
// GraphQL API lists them. Refersion calls it a Beta API, subject to change.
// It takes its own access token, sent in the X-Refersion-Key header to its
// own endpoint only: give it with [WithGraphQLKey], beside WithKeys or
// alone (a client may hold either credential or both; a call whose
// credentials were not given fails before anything is sent):
//
//	client, err := refersion.NewClient(refersion.WithGraphQLKey(token))
//	...
//	for c, err := range client.Conversions.List(ctx, &refersion.ConversionListOptions{
//		CreatedFrom: from, CreatedTo: to,
//	}) {
//		if err != nil {
//			return err
//		}
//		fmt.Println(c.ID, c.Created, c.Total, c.CommissionTotal.Currency())
//	}
//
// The window is half-open, CreatedFrom ≤ created < CreatedTo, and the SDK
// checks every row against it, so adjacent windows never yield a
// conversion twice; a zero bound is open. Rows come in the server's order
// (the SDK does not sort), DefaultGraphQLPerPage (50) a request unless PerPage
// raises it, up to MaxGraphQLPerPage (200): Refersion's pages give both
// 50 and 200 as the page size. Pages are read by offset, so a conversion
// created inside the window while the list runs shifts the rows after it
// and one may be read twice or missed: a sync reads closed windows in the
// past, and keys rows by Conversion.ID.
//
// Conversion.ID is asked for although Refersion's examples do not show it
// (they show affiliate, total, commission_total, currency and created):
// it is the conversion id of the REST calls (ChangeStatus) and is
// unconfirmed. Should Refersion reject the field, List fails with an error
// matching [ErrInvalidRequest] that names it; should it answer without it,
// ID is "" and rows are keyed by Created, Affiliate.Email, Total and
// Currency together.
//
// Affiliates.ListGraphQL and Offers.ListGraphQL list affiliates with their
// name and referral parameter, and offers with their commission, which the
// REST API does not give (the REST Affiliates.List gives full records with
// ids). Queries are anonymous, with their integer arguments inlined, as in
// Refersion's examples; no schema is published, so every row type holds
// the fields Refersion documents.
//
// GraphQL answers many failures with HTTP 200 and an "errors" array,
// sometimes beside partial data. Each is an *[Error] with StatusCode 200,
// Code from the first error's extensions.code and the messages joined in
// Message: authentication failures match [ErrUnauthorized], permission ones
// [ErrForbidden], rate limits [ErrRateLimited], invalid queries
// [ErrInvalidRequest], anything else [ErrServer]. Partial data with errors
// is an error, never a short page. Every query only reads and is retried
// like a GET: over a 429 (Refersion's per-account request limit), a 5xx,
// and an errors answer that is a rate limit or a server fault.
//
// Saved reports remain the REST way to conversions: Reports.Link returns a
// signed link valid for two minutes and Reports.Download streams the file.
//
// # Errors and retries
//
// A failed call returns an *[Error] (see the sentinels [ErrUnauthorized],
// [ErrNotFound], [ErrInvalidRequest], ..., the same values in every
// package of this module). Refersion's 204 No Content means "an invalid
// field in the request" and is an error matching [ErrInvalidRequest]; a
// write that may have taken effect matches [ErrOutcomeUnknown].
// Since every call is a POST, retry safety is set per operation: list,
// search, get, totals and report links only read and are retried on 5xx and
// connection errors; every write is retried only on a 429, or a 503 with
// Retry-After, which prove the server did not act. Batches over [MaxBatch]
// ids, triggers or SKUs fail before any request. Every request carries the
// User-Agent affiliatekit-go/[Version] ([WithUserAgent] appends to it).
//
// The package [github.com/affiliatekit/affiliatekit-go/refersion/refersiontest]
// provides an in-process fake of the API for tests and examples.
package refersion
