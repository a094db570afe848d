// Package partnerstack is a client for the PartnerStack API v2: the Vendor
// API a program owner uses (Client) and the read-only Partner API a
// partner uses for its own data (PartnerClient).
//
// # Clients and authentication
//
// The Vendor API authenticates with the key pair from Settings →
// Integrations → PartnerStack API Keys, sent as HTTP basic credentials; the
// Partner API with a partner's API key, sent as a bearer token. Each
// constructor rejects the other API's credentials:
//
//	client, err := partnerstack.NewClient(
//		partnerstack.WithKeys(os.Getenv("PARTNERSTACK_PUBLIC_KEY"), os.Getenv("PARTNERSTACK_SECRET_KEY")))
//	if err != nil {
//		return err
//	}
//	for tx, err := range client.Transactions.List(ctx, &partnerstack.TransactionListOptions{
//		MinCreated: time.Now().AddDate(0, -1, 0),
//	}) {
//		if err != nil {
//			return err
//		}
//		fmt.Println(tx.Key, tx.Amount, tx.CreatedAt) // txn_1 129.00 EUR ...
//	}
//
//	partner, err := partnerstack.NewPartnerClient(partnerstack.WithAPIKey(os.Getenv("PARTNERSTACK_PARTNER_KEY")))
//
// # Server-to-server conversions
//
// Client.Conversions records a conversion on PartnerStack's tracking host,
// https://partnerlinks.io (WithConversionBaseURL), with the program's
// tracking token as a bearer token (WithTrackingToken). That token goes to
// that host only, and the vendor key pair never does. A conversion is a
// write and is never retried once it may have reached the server.
//
// # Partners and statistics
//
// PartnerStack has no "partners" or "stats" endpoints. A partner is a
// Partnership (Client.Partnerships; a partner's team is
// PartnershipsService.GetTeam), and a partner's statistics are the Stats of
// its Partnership, such as Stats[StatCustomerCount].
//
// # Wire format
//
// Objects are identified by prefixed string keys (part_…, cus_…, rwrd_…);
// timestamps are epoch milliseconds on the wire and time.Time (UTC) here;
// money is sent as integer cents and read as an exact [Amount] (never a
// float64) in major units with the record's currency: 2500 US cents is
// "25.00" USD, and it encodes back as 2500. Params take an Amount built
// with [ParseAmount] or [AmountFromMinorUnits] and send it as cents. An
// Amount keeps a null apart from zero (Reward.Amount); other fields
// PartnerStack documents as nullable ids, keys, codes, statuses, numbers or
// times are pointers, nil for null (Reward.PartnershipKey,
// Reward.PaymentStatus, Customer.CustomerKey, CustomerRef.SharedID,
// Transaction.CategoryKey, ...). Free-text strings (names, emails,
// descriptions, decline reasons) read null as "". Time filters of the
// list options are sent as epoch milliseconds. The Vendor and Partner APIs
// return the same resources with different fields: each resource type
// holds the union, and a field an API does not send stays zero.
//
// # Pagination
//
// Lists are cursor-paginated: List returns an iterator that fetches pages
// of MaxPerPage (250) items as the loop advances, and stops requesting when
// the loop breaks. ListPage fetches one page; its Response carries HasMore
// and NextCursor, the key to put into StartingAfter to resume from a
// stored checkpoint. A cursor that does not advance is an error, never an
// endless loop.
//
// # Errors, retries and rate limits
//
// A failed call returns an *[Error] carrying PartnerStack's error message
// (its fields and methods are listed on [Error]); match it with errors.Is
// against [ErrNotFound], [ErrUnauthorized], [ErrInvalidRequest],
// [ErrRateLimited] and the other sentinels, which are the same values in
// all five platform packages. ListPage returns a [Response]; every other
// call takes per-call options ([RequestOption]) as its last argument, and
// [WithResponseInto] hands back its Response. Reads are
// retried on 500, 502, 503, 504, broken responses and connection failures;
// every request on 429 and on a 503 that carries Retry-After (honouring
// it); writes that create or credit something
// (transactions, rewards, actions, customers, ...) are never retried once
// they may have reached the server. PartnerStack documents no general
// quota and no rate-limit headers; RateLimitRequests and RateLimitWindow
// are a conservative figure to pass to WithRateLimit, and the report
// export quotas are ReportExportsPerMember per ReportExportWindow.
//
// # Testing
//
// Package partnerstacktest runs a fake of both APIs in-process on
// loopback, with demo data, stateful writes, fault injection and an
// optional quota; its Server.Client returns a client configured for it.
// [WithClock] with the fake's NewClock makes retry and throttle waits in
// tests take no real time.
package partnerstack
