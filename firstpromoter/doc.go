// Package firstpromoter is a typed client for the FirstPromoter API v2:
// the company scope under /api/v2/company (promoters, referrals,
// commissions, payouts, payments batches, payout methods, invoices,
// campaigns, promoter campaigns, rewards, products, promo codes,
// reports, the dashboard, assets and asset categories, contracts and
// contract documents, e-mails, batch processes and webhooks), the
// tracking API under /api/v2/track, and the custom referral statuses of
// the admin API v1. The promoter-scoped API under /api/v2/affiliate (the
// affiliate dashboard's API, authorized by a promoter's OAuth2 session
// token rather than the account's API key) is out of scope.
//
// Create a client with an API key and the account id (both required):
//
//	client, err := firstpromoter.NewClient(
//		firstpromoter.WithAPIKey(os.Getenv("FIRSTPROMOTER_API_KEY")),
//		firstpromoter.WithAccountID(os.Getenv("FIRSTPROMOTER_ACCOUNT_ID")),
//	)
//
// Lists are iterators that fetch pages of up to MaxPerPage records as the
// loop advances; options are an optional second argument:
//
//	for ref, err := range client.Referrals.List(ctx, &firstpromoter.ReferralListOptions{
//		Filters: firstpromoter.ReferralFilters{State: firstpromoter.ReferralActive},
//	}) {
//		if err != nil {
//			return err
//		}
//		fmt.Println(ref.ID, ref.Email)
//	}
//
// Every List has a ListPage beside it for checkpoints: the API sends no
// pagination metadata, so [Response].NextPage is the next page number when
// the page was full and 0 after a short or empty page.
//
// Every method that is not a list takes [RequestOption] values as its
// last, variadic parameter; [WithResponseInto] hands back the call's HTTP
// response (status, headers, request id):
//
//	var resp firstpromoter.Response
//	p, err := client.Promoters.Get(ctx, id, firstpromoter.WithResponseInto(&resp))
//
// Errors are *[Error] values; match them with errors.Is against
// [ErrNotFound], [ErrRateLimited] and the other sentinels, which are the
// same values in every package of the module. Requests that are safe to repeat
// are retried on 429, 500, 502, 503, 504 and broken responses; creates,
// bulk actions and tracking calls are retried only on 429 and on a 503
// with Retry-After, when the server did not process them.
//
// Bulk actions take their ids as a slice; over more than 5 ids they run
// asynchronously and return a [Batch] that [BatchProcessesService.Wait]
// polls to completion.
//
// Downloads (Reports.Download, Invoices.Export and ExportZIP,
// ContractDocuments.Download) return the response body as a stream that
// WithMaxResponseBytes does not cap; bound what you read.
//
// Money is exact: every amount is an [Amount], never a float64. Fields the
// API sends as integer cents (commission, sale and tracking amounts,
// revenue_amount stats) decode to their value, 2500 reading as 25.00, and
// give the cents back with MinorUnits; fields whose unit the API does not
// document (payout amounts and totals, report columns, chart values,
// promoter balances) are kept exactly as sent. Params and filters send
// integer cents; build them with [ParseAmount] or [AmountFromMinorUnits].
//
// Nullable values keep null apart from zero: numbers, ids, codes and
// times the API may send as null are pointers (nil for null), among them
// event and plan ids, fraud_check, split_type, billing_period, uid,
// cust_id, ref_token and auth_provider; an [Amount] keeps a null itself
// (IsNull). Nullable free-text strings (notes, names, e-mail addresses,
// URLs, descriptions, currency codes and the like) decode null as "",
// since an empty text and no text mean the same; the field comments say
// where that applies.
//
// [Version] is the SDK version sent in the User-Agent header.
//
// The package firstpromotertest provides an in-process fake server with the
// real wire format for tests.
package firstpromoter
