package main

import (
	"context"
	"fmt"
	"strconv"
	"testing"
	"time"

	"github.com/affiliatekit/affiliatekit-go/everflow/everflowtest"
	"github.com/affiliatekit/affiliatekit-go/firstpromoter/firstpromotertest"
	"github.com/affiliatekit/affiliatekit-go/partnerstack/partnerstacktest"
	"github.com/affiliatekit/affiliatekit-go/postaffiliatepro/postaffiliateprotest"
	"github.com/affiliatekit/affiliatekit-go/refersion/refersiontest"
	"github.com/jackc/pgx/v5/pgxpool"
)

// fakeAccount is one account of a test fleet: its own fake server (its
// own data and quota) behind a counting proxy.
type fakeAccount struct {
	platform, name string
	proxy          *countingProxy
	// args are the accounts add flags.
	args []string
	// expected returns the fake's records as the tables should hold them:
	// table -> platform id -> amount ("" without one).
	expected func() map[string]map[string]string
	// ps is set for PartnerStack accounts (the deletion test uses it).
	ps *partnerstackFake
}

type partnerstackFake = partnerstacktest.Server

// fleetOptions shape a test fleet.
type fleetOptions struct {
	perPlatform int           // accounts per platform
	latency     time.Duration // the fakes' simulated round trip
	records     int           // records per list stream
	// enforce turns on every fake's quota, with each account's limiter
	// set to it. The quotas are small, so that they bind: an account's
	// streams run on several workers at once and, unthrottled, would
	// exceed them (PartnerStack's three requests per account excepted).
	enforce bool
}

// testStart is where the window streams start: the fakes' reports lie in
// 2024.
const testStart = "2024-01-01"

// newFakeFleet starts the fakes and adds their accounts with the binary.
func newFakeFleet(t testing.TB, dsn string, o fleetOptions) []*fakeAccount {
	t.Helper()
	var out []*fakeAccount
	for i := range o.perPlatform {
		out = append(out, fpAccount(t, i, o), psAccount(t, i, o), rfAccount(t, i, o), efAccount(t, i, o), papAccount(t, i, o))
	}
	for _, a := range out {
		fleet(t, dsn, append([]string{"accounts", "add", "--platform", a.platform, "--name", a.name}, a.args...)...)
	}
	return out
}

func fpAccount(t testing.TB, i int, o fleetOptions) *fakeAccount {
	opts := []firstpromotertest.ServerOption{firstpromotertest.WithLatency(o.latency)}
	rate := "50/1s"
	if o.enforce {
		opts = append(opts, firstpromotertest.WithRateLimit(4, time.Second))
		rate = "4/1s"
	}
	s := firstpromotertest.NewServer(opts...)
	t.Cleanup(s.Close)
	s.SeedPromoters(o.records)
	s.SeedReferrals(o.records)
	s.SeedCommissions(o.records)
	p := newCountingProxy(t, s.URL)
	creds := writeCredentials(t, credentials{APIKey: firstpromotertest.APIKey, AccountID: firstpromotertest.AccountID, WebhookSecret: "whsec-fp"})
	return &fakeAccount{platform: "firstpromoter", name: fmt.Sprint("fp", i), proxy: p,
		args: []string{"--credentials-file", creds, "--base-url", p.via(t, s.URL), "--rate", rate},
		expected: func() map[string]map[string]string {
			m := tables()
			for _, r := range s.Promoters() {
				m["affiliates"][strconv.FormatInt(r.ID, 10)] = ""
			}
			for _, r := range s.Referrals() {
				m["referrals"][strconv.FormatInt(r.ID, 10)] = ""
			}
			for _, r := range s.Commissions() {
				m["transactions"][strconv.FormatInt(r.ID, 10)] = r.Amount.String()
			}
			return m
		}}
}

func psAccount(t testing.TB, i int, o fleetOptions) *fakeAccount {
	opts := []partnerstacktest.ServerOption{partnerstacktest.WithLatency(o.latency)}
	rate := "50/1s"
	if o.enforce {
		opts = append(opts, partnerstacktest.WithRateLimit(3, time.Second))
		rate = "3/1s"
	}
	s := partnerstacktest.NewServer(opts...)
	t.Cleanup(s.Close)
	s.SeedPartnerships(o.records)
	s.SeedCustomers(o.records)
	s.SeedTransactions(o.records)
	p := newCountingProxy(t, s.URL)
	creds := writeCredentials(t, credentials{PublicKey: partnerstacktest.PublicKey, SecretKey: partnerstacktest.SecretKey})
	return &fakeAccount{platform: "partnerstack", name: fmt.Sprint("ps", i), proxy: p, ps: s,
		args: []string{"--credentials-file", creds, "--base-url", p.via(t, s.URL), "--rate", rate},
		expected: func() map[string]map[string]string {
			m := tables()
			// Archived (deleted) records are not listed.
			for _, r := range s.Partnerships() {
				if !r.Archived {
					m["affiliates"][r.Key] = ""
				}
			}
			for _, r := range s.Customers() {
				if !r.Archived {
					m["referrals"][r.Key] = ""
				}
			}
			for _, r := range s.Transactions() {
				if !r.Archived {
					m["transactions"][r.Key] = r.Amount.String()
				}
			}
			return m
		}}
}

func rfAccount(t testing.TB, i int, o fleetOptions) *fakeAccount {
	opts := []refersiontest.ServerOption{refersiontest.WithLatency(o.latency)}
	rate := "50/1s"
	if o.enforce {
		opts = append(opts, refersiontest.WithRateLimit(25, 5*time.Second))
		rate = "25/5s"
	}
	s := refersiontest.NewServer(opts...)
	t.Cleanup(s.Close)
	s.SeedAffiliates(o.records)
	s.SeedConversionsEvery(o.records, time.Date(2024, 1, 1, 9, 0, 0, 0, time.UTC), 37*time.Hour)
	p := newCountingProxy(t, s.URL)
	creds := writeCredentials(t, credentials{PublicKey: refersiontest.PublicKey, SecretKey: refersiontest.SecretKey,
		GraphQLToken: refersiontest.GraphQLToken, WebhookSecret: "whsec-rf"})
	return &fakeAccount{platform: "refersion", name: fmt.Sprint("rf", i), proxy: p,
		args: []string{"--credentials-file", creds, "--base-url", p.via(t, s.URL), "--graphql-url", p.via(t, s.GraphQLURL),
			"--start", testStart, "--rate", rate},
		expected: func() map[string]map[string]string {
			m := tables()
			for _, r := range s.Affiliates() {
				m["affiliates"][r.Code] = ""
			}
			for _, r := range s.Conversions() {
				m["transactions"][strconv.FormatInt(r.ID, 10)] = r.CommissionTotal.String()
			}
			return m
		}}
}

func efAccount(t testing.TB, i int, o fleetOptions) *fakeAccount {
	opts := []everflowtest.ServerOption{everflowtest.WithLatency(o.latency)}
	rate := "20/1s"
	if o.enforce {
		opts = append(opts, everflowtest.WithRateLimit(50, 5*time.Second))
		rate = "50/5s"
	}
	s := everflowtest.NewServer(opts...)
	t.Cleanup(s.Close)
	s.SeedOffers(4)
	s.SeedAffiliates(o.records)
	s.SeedConversions(o.records)
	s.SeedPostbacks(o.records)
	p := newCountingProxy(t, s.URL)
	creds := writeCredentials(t, credentials{APIKey: everflowtest.APIKey, WebhookSecret: "whsec-ef"})
	return &fakeAccount{platform: "everflow", name: fmt.Sprint("ef", i), proxy: p,
		args: []string{"--credentials-file", creds, "--base-url", p.via(t, s.URL), "--start", testStart, "--rate", rate},
		expected: func() map[string]map[string]string {
			m := tables()
			for _, r := range s.Affiliates() {
				m["affiliates"][strconv.FormatInt(r.NetworkAffiliateID, 10)] = ""
			}
			for _, r := range s.Conversions() {
				m["transactions"][r.ConversionID] = r.Payout.String()
			}
			for _, r := range s.Postbacks() {
				m["postbacks"][fmt.Sprintf("%d/%s/%s/%d", r.PixelID, r.ConversionID, r.TransactionID, r.Timestamp.Unix())] = ""
			}
			return m
		}}
}

func papAccount(t testing.TB, i int, o fleetOptions) *fakeAccount {
	opts := []postaffiliateprotest.ServerOption{postaffiliateprotest.WithLatency(o.latency)}
	rate := "50/1s"
	if o.enforce {
		opts = append(opts, postaffiliateprotest.WithRateLimit(2, time.Second))
		rate = "2/1s"
	}
	s := postaffiliateprotest.NewServer(opts...)
	t.Cleanup(s.Close)
	s.SeedAffiliates(o.records)
	s.SeedTransactions(o.records)
	p := newCountingProxy(t, s.URL)
	creds := writeCredentials(t, credentials{APIKey: postaffiliateprotest.APIKey})
	return &fakeAccount{platform: "postaffiliatepro", name: fmt.Sprint("pap", i), proxy: p,
		args: []string{"--credentials-file", creds, "--base-url", p.via(t, s.URL), "--rate", rate},
		expected: func() map[string]map[string]string {
			m := tables()
			for _, r := range s.Affiliates() {
				m["affiliates"][r.ID] = ""
			}
			for _, r := range s.Transactions() {
				m["transactions"][r.ID] = r.Commission.String()
			}
			return m
		}}
}

func tables() map[string]map[string]string {
	m := map[string]map[string]string{}
	for _, t := range recordTables {
		m[t] = map[string]string{}
	}
	return m
}

// stored reads an account's live rows: table -> id -> amount text.
func stored(t testing.TB, pool *pgxpool.Pool, platform, name string) map[string]map[string]string {
	t.Helper()
	m := tables()
	for _, tb := range recordTables {
		rows, err := pool.Query(context.Background(), `SELECT r.id, coalesce(r.amount::text, '') FROM `+tb+` r
			JOIN accounts a ON a.id = r.account_id WHERE a.platform = $1 AND a.name = $2 AND r.deleted_at IS NULL`, platform, name)
		if err != nil {
			t.Fatal(err)
		}
		for rows.Next() {
			var id, amount string
			if err := rows.Scan(&id, &amount); err != nil {
				t.Fatal(err)
			}
			m[tb][id] = amount
		}
		rows.Close()
	}
	return m
}

// checkTables compares every account's rows with its fake's records.
func checkTables(t testing.TB, pool *pgxpool.Pool, accts []*fakeAccount) {
	t.Helper()
	for _, a := range accts {
		want, got := a.expected(), stored(t, pool, a.platform, a.name)
		for _, tb := range recordTables {
			if len(want[tb]) != len(got[tb]) {
				t.Errorf("%s/%s %s: %d rows, want %d", a.platform, a.name, tb, len(got[tb]), len(want[tb]))
			}
			bad := 0
			for id, amount := range want[tb] {
				g, ok := got[tb][id]
				if !ok || !sameDecimal(g, amount) {
					if bad++; bad <= 3 {
						t.Errorf("%s/%s %s %s: stored %q (present %v), want amount %q", a.platform, a.name, tb, id, g, ok, amount)
					}
				}
			}
		}
	}
}

// sameDecimal compares decimal texts exactly, ignoring trailing zeros
// ("25.00" and "25.0" are one amount).
func sameDecimal(a, b string) bool {
	return trimZeros(a) == trimZeros(b)
}

func trimZeros(s string) string {
	for i := 0; i < len(s); i++ {
		if s[i] == '.' {
			for len(s) > i && (s[len(s)-1] == '0' || s[len(s)-1] == '.') {
				s = s[:len(s)-1]
				if len(s) == i {
					break
				}
			}
			break
		}
	}
	return s
}

// throttled sums the 429 answers of every fake.
func throttled(accts []*fakeAccount) (requests, n int64) {
	for _, a := range accts {
		requests += a.proxy.requests.Load()
		n += a.proxy.throttled.Load()
	}
	return requests, n
}

func psKeys() (string, string) { return partnerstacktest.PublicKey, partnerstacktest.SecretKey }

// allTestSecrets are the fakes' credentials, which no output may show.
func allTestSecrets() []string {
	return []string{firstpromotertest.APIKey, partnerstacktest.SecretKey, refersiontest.SecretKey, refersiontest.GraphQLToken,
		everflowtest.APIKey, postaffiliateprotest.APIKey, "whsec-rf", "whsec-ef", "whsec-fp"}
}
