// Package refersion is a client for the Refersion REST API v2
// (https://api.refersion.com/v2): affiliates and their conversion
// triggers, manual credits, conversion status changes, cancellations and
// totals, SKU commissions, and saved-report downloads.
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
// affiliate/list and affiliate/search are the only lists. List and Search
// iterate every page (List fetches MaxListLimit per request) and stop on the
// envelope's total; breaking out of the loop makes no further request.
// ListPage and SearchPage fetch one page and return a [Response] whose
// NextPage, HasMore and Total let a job stop and resume.
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
// # Conversions
//
// The REST API has no endpoint that lists or reads conversions (Refersion
// offers that only through its separate GraphQL API). Pull conversions with
// a saved report: Reports.Link returns a signed link valid for two minutes
// and Reports.Download streams the file.
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
