// Package firstpromotertest is an in-process fake of the FirstPromoter API
// v2 for tests and examples: the admin API under /api/v2/company and the
// tracking API under /api/v2/track, served on a loopback port.
//
// It checks both credentials like the real API (a 401 with an empty body
// without "Authorization: Bearer <APIKey>" and "ACCOUNT-ID: <AccountID>"),
// serves the real envelopes (bare JSON arrays, except GET /promoters'
// {"data", "meta": {"pending_count"}} and the payout summaries), paginates
// with page and per_page (default 20, capped at 100, no pagination
// metadata), applies the documented bracket-encoded filters and sorting,
// answers errors in the real shapes, and keeps writes in memory. Bulk
// actions over more than 5 ids answer 202 with a batch that completes over
// later polls of GET /batch_processes/{id}. Where the spec documents no
// answer (e-mails, contracts and contract documents, the dashboard), the
// fake answers the fields the requests, filters and sorting name.
//
//	srv := firstpromotertest.NewServer(firstpromotertest.WithDemoData())
//	defer srv.Close()
//	client, err := srv.Client()
//
// [Server.Client] returns a client configured for the fake, like
// httptest.Server.Client; options passed to it apply after the fake's
// base URL and credentials. Give the client and the server one fake
// [Clock] so that retry and throttle waits in tests take no real time and
// demo data is dated from a day of your choosing:
//
//	clk := firstpromotertest.NewClock(time.Date(2026, 3, 16, 12, 0, 0, 0, time.UTC))
//	srv := firstpromotertest.NewServer(firstpromotertest.WithDemoData(),
//		firstpromotertest.WithClock(clk.Now))
//	defer srv.Close()
//	client, err := srv.Client(firstpromoter.WithClock(clk))
//
// [WithRateLimit] meters FirstPromoter's quota (off by default) and
// answers 429 past it, as the API does.
//
// Seed data with the Add and Seed methods, which take the client's
// types for statuses, states, units and money, read back what writes did
// with the snapshot methods ([Server.Promoters], [Server.Referrals], ...),
// and make requests fail with [Server.Inject]:
//
//	sale, _ := firstpromoter.ParseAmount("99.00", "")
//	pr := srv.AddPromoter(firstpromotertest.Promoter{Email: "kai@example.com",
//		State: firstpromoter.PromoterAccepted})
//	ref := srv.AddReferral(firstpromotertest.Referral{State: firstpromoter.ReferralActive,
//		PromoterCampaign: &firstpromotertest.PromoterCampaignRef{ID: pr.PromoterCampaigns[0].ID}})
//	srv.AddCommission(firstpromotertest.Commission{Referral: &firstpromotertest.ReferralRef{ID: ref.ID},
//		CommissionType: firstpromoter.CommissionSale, Unit: firstpromoter.CommissionUnitCash,
//		Status: firstpromoter.CommissionPending, SaleAmount: sale})
package firstpromotertest
