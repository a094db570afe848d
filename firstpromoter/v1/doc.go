// Package v1 is a typed client for FirstPromoter's legacy API v1:
// promoters, leads, rewards, payouts, reports and the tracking API. It is
// imported as fpv1 in these docs:
//
//	import fpv1 "github.com/affiliatekit/affiliatekit-go/firstpromoter/v1"
//
//	client, err := fpv1.NewClient(fpv1.WithAPIKey(os.Getenv("FIRSTPROMOTER_API_KEY")))
//
// The key goes in the X-API-KEY header; v1 takes no account id. Parameters
// are key-value pairs, not JSON: GET and DELETE send them in the query,
// POST and PUT as an application/x-www-form-urlencoded body.
//
// Lists are iterators that fetch pages as the loop advances:
//
//	for lead, err := range client.Leads.List(ctx, &fpv1.LeadListOptions{CampaignID: 12}) {
//		if err != nil {
//			return err
//		}
//		fmt.Println(lead.ID, lead.Email, lead.State)
//	}
//
// Every List has a ListPage beside it for checkpoints: [Response].NextPage
// comes from a Link header's rel="next" when the server sends one, else it
// is the page after any non-empty page, and a list ends at the first empty
// page (see [ListParams]).
//
// Records are found by a key passed as a parameter ([PromoterKey],
// [LeadKey], [RewardKey]): an id, an email, your own id (cust_id, uid), a
// referral id or, for promoters, the dashboard auth token. That token is
// a credential: it travels in the query of promoters/show as v1 requires,
// and errors and log lines show the path only, never the query.
//
// Every method that is not a list takes [RequestOption] values as its
// last, variadic parameter; [WithResponseInto] hands back the call's HTTP
// response (status, headers, request id).
//
// Errors are *[Error] values; match them with errors.Is against
// [ErrNotFound], [ErrRateLimited] and the other sentinels, which are the
// same values in every package of the module. v1 answers {"error": "..."}
// or {"message": "...", "code": "..."}, and a 401 may be the bare text
// "Bad credentials"; all become the Error's Message. Requests that are safe
// to repeat (GET, PUT, DELETE) are retried on 429, 500, 502, 503, 504 and
// broken responses; creates and tracking calls only on 429 and on a 503
// with Retry-After, when the server did not process them.
//
// Money is exact: every amount is an [Amount], never a float64. Cash
// amounts are sent and read in the currency's minor units (cents; whole
// units for zero-decimal currencies such as JPY), so 2500 reads as 25.00;
// points, free months and the other units are plain counts. Report
// revenue, sent as text such as "$613.17", is read exactly too.
//
// # Moving to the API v2
//
// v2 (package firstpromoter) is FirstPromoter's recommended API. It needs
// an account id beside the key (WithAccountID) and a Bearer header, sends
// JSON, and keys records by id in the path with find_by for the other
// keys. The concepts map as follows: leads are v2 referrals
// (Referrals), rewards are commissions (Commissions), promotions are
// promoter campaigns (PromoterCampaigns), move_to_campaign and
// add_to_campaign are bulk actions over promoter ids, and the tracking
// calls keep their parameters under /api/v2/track.
//
// [Version] is the SDK version sent in the User-Agent header. The package
// v1test provides an in-process fake server with the v1 wire format for
// tests.
package v1
