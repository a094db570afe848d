package main

import (
	"bytes"
	"context"
	"database/sql"
	"fmt"
	"io"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/affiliatekit/affiliatekit-go/everflow/everflowtest"
	"github.com/affiliatekit/affiliatekit-go/firstpromoter/firstpromotertest"
	"github.com/affiliatekit/affiliatekit-go/partnerstack/partnerstacktest"
	"github.com/affiliatekit/affiliatekit-go/postaffiliatepro/postaffiliateprotest"
	"github.com/affiliatekit/affiliatekit-go/refersion/refersiontest"
)

// newFakes starts the fake servers the tests sync from, with the
// program's seeds. The fakes' own rate limits are turned off: several
// syncs in a row would otherwise wait for their windows.
func newFakes(t *testing.T) *fakes {
	t.Helper()
	f := &fakes{}
	t.Cleanup(f.Close)

	clk := &seedClock{epoch: everflowEpoch} // the program's fake clock: its data, byte for byte
	ef := everflowtest.NewServer(everflowtest.WithClock(clk.now), everflowtest.WithRateLimit(0, 0))
	ef.SeedOffers(12)
	ef.SeedAffiliates(400)
	ef.SeedConversions(seedReports)
	ef.SeedPostbacks(seedReports)
	clk.run()
	t.Cleanup(ef.Close)
	f.everflow = ef

	pap := postaffiliateprotest.NewServer(postaffiliateprotest.WithRateLimit(0, time.Minute))
	pap.SeedAffiliates(seedAffiliates)
	pap.SeedTransactions(seedConversions)
	t.Cleanup(pap.Close)
	f.postAffiliatePro = pap
	return f
}

// testConfig syncs from f with short retry waits, so that injected faults
// exhaust the retries at once.
func testConfig(f *fakes) *config {
	return &config{
		getenv: func(string) string { return "" }, fakes: f, warn: io.Discard,
		retryWaitMin: time.Millisecond, retryWaitMax: 10 * time.Millisecond, maxRetries: 2,
	}
}

// syncDB runs one sync of platforms (all when none) into db.
func syncDB(t *testing.T, ctx context.Context, cfg *config, db string, platforms ...string) []*result {
	t.Helper()
	if len(platforms) == 0 {
		platforms = platformNames
	}
	var out bytes.Buffer
	results, err := runSync(ctx, options{db: db, platforms: platforms}, cfg, &out, io.Discard)
	require.NoError(t, err)
	require.Contains(t, out.String(), "STREAM")
	return results
}

func requireOK(t *testing.T, results []*result) {
	t.Helper()
	for _, r := range results {
		require.NoError(t, r.err, r.stream.key())
		require.False(t, r.skipped, r.stream.key())
	}
}

func byKey(results []*result) map[string]*result {
	m := map[string]*result{}
	for _, r := range results {
		m[r.stream.key()] = r
	}
	return m
}

// row is a stored record.
type row struct{ raw, syncedAt string }

// dump reads every table of the streams of platforms in db: table -> id ->
// row.
func dump(t *testing.T, db string) map[string]map[string]row {
	t.Helper()
	conn, err := sql.Open("sqlite", "file:"+db+"?mode=ro")
	require.NoError(t, err)
	defer conn.Close()
	tables, err := conn.Query("SELECT name FROM sqlite_master WHERE type = 'table' AND name != 'sync_state' ORDER BY name")
	require.NoError(t, err)
	var names []string
	for tables.Next() {
		var n string
		require.NoError(t, tables.Scan(&n))
		names = append(names, n)
	}
	require.NoError(t, tables.Err())
	out := map[string]map[string]row{}
	for _, n := range names {
		rows, err := conn.Query("SELECT CAST(id AS TEXT), raw_json, synced_at FROM " + n)
		require.NoError(t, err)
		m := map[string]row{}
		for rows.Next() {
			var id string
			var r row
			require.NoError(t, rows.Scan(&id, &r.raw, &r.syncedAt))
			m[id] = r
		}
		require.NoError(t, rows.Err())
		out[n] = m
	}
	return out
}

// raws drops the synced_at times of a dump.
func raws(d map[string]map[string]row) map[string]map[string]string {
	out := map[string]map[string]string{}
	for table, rows := range d {
		out[table] = map[string]string{}
		for id, r := range rows {
			out[table][id] = r.raw
		}
	}
	return out
}

// column reads expr for every row of table: id -> value as text.
func columnOf(t *testing.T, db, table, expr string) map[string]string {
	t.Helper()
	conn, err := sql.Open("sqlite", "file:"+db+"?mode=ro")
	require.NoError(t, err)
	defer conn.Close()
	rows, err := conn.Query(fmt.Sprintf("SELECT CAST(id AS TEXT), CAST(%s AS TEXT) FROM %s", expr, table))
	require.NoError(t, err)
	defer rows.Close()
	out := map[string]string{}
	for rows.Next() {
		var id string
		var v sql.NullString
		require.NoError(t, rows.Scan(&id, &v))
		out[id] = v.String
	}
	require.NoError(t, rows.Err())
	return out
}

// seeded returns, for every table, the fake servers' records as id -> the
// value that the expression expr reads from the stored JSON.
func seeded(f *fakes) map[string]struct {
	expr string
	want map[string]string
} {
	type exp = struct {
		expr string
		want map[string]string
	}
	out := map[string]exp{}
	add := func(table, expr string) map[string]string {
		m := map[string]string{}
		out[table] = exp{expr, m}
		return m
	}
	m := add("firstpromoter_promoters", "email")
	for _, p := range f.firstPromoter.Promoters() {
		m[fmt.Sprint(p.ID)] = p.Email
	}
	m = add("firstpromoter_referrals", "email")
	for _, r := range f.firstPromoter.Referrals() {
		m[fmt.Sprint(r.ID)] = string(r.Email)
	}
	m = add("firstpromoter_commissions", "amount_cents")
	for _, c := range f.firstPromoter.Commissions() {
		cents, err := c.Amount.MinorUnits("USD")
		if err != nil {
			continue
		}
		m[fmt.Sprint(c.ID)] = fmt.Sprint(cents)
	}
	m = add("partnerstack_partnerships", "email")
	for _, p := range f.partnerStack.Partnerships() {
		m[p.Key] = p.Email
	}
	m = add("partnerstack_customers", "partnership_key")
	for _, c := range f.partnerStack.Customers() {
		m[c.Key] = c.PartnershipKey
	}
	m = add("partnerstack_transactions", "amount_cents")
	for _, tx := range f.partnerStack.Transactions() {
		// PartnerStack sends every amount in hundredths; the fake's
		// currencies all have two decimals.
		cents, err := tx.Amount.MinorUnits(tx.Currency)
		if err != nil {
			continue
		}
		m[tx.Key] = fmt.Sprint(cents)
	}
	m = add("refersion_affiliates", "email")
	for _, a := range f.refersion.Affiliates() {
		m[a.Code] = a.Email
	}
	m = add("refersion_conversions", "status")
	for _, c := range f.refersion.Conversions() {
		m[fmt.Sprint(c.ID)] = string(c.Status)
	}
	m = add("everflow_affiliates", "name")
	for _, a := range f.everflow.Affiliates() {
		m[fmt.Sprint(a.NetworkAffiliateID)] = a.Name
	}
	m = add("everflow_conversions", "status")
	for _, c := range f.everflow.Conversions() {
		m[c.ConversionID] = string(c.Status)
	}
	m = add("everflow_postbacks", "json_extract(raw_json, '$.payload')")
	for _, p := range f.everflow.Postbacks() {
		m[fmt.Sprintf("%d/%s/%s/%d", p.PixelID, p.ConversionID, p.TransactionID, p.Timestamp.Unix())] = p.Payload
	}
	m = add("postaffiliatepro_affiliates", "json_extract(raw_json, '$.username')")
	for _, a := range f.postAffiliatePro.Affiliates() {
		m[a.ID] = a.Username
	}
	m = add("postaffiliatepro_transactions", "json_extract(raw_json, '$.order_id')")
	for _, tx := range f.postAffiliatePro.Transactions() {
		m[tx.ID] = tx.OrderID
	}
	return out
}

func TestFullSyncMatchesSeededData(t *testing.T) {
	f := newFakes(t)
	db := filepath.Join(t.TempDir(), "sync.db")
	results := syncDB(t, context.Background(), testConfig(f), db)
	requireOK(t, results)
	require.Len(t, results, 13)

	want := seeded(f)
	for _, r := range results {
		exp, ok := want[r.stream.table()]
		require.True(t, ok, r.stream.table())
		assert.Equal(t, len(exp.want), r.fetched, "%s: records fetched", r.stream.key())
		assert.Equal(t, len(exp.want), r.counts.inserted, "%s: records inserted", r.stream.key())
		got := columnOf(t, db, r.stream.table(), exp.expr)
		assert.Equal(t, exp.want, got, "%s: rows", r.stream.table())
		assert.GreaterOrEqual(t, len(got), 400, "%s: a few hundred records at least", r.stream.table())
	}
}

func TestSecondRunWritesNothing(t *testing.T) {
	f := newFakes(t)
	cfg := testConfig(f)
	db := filepath.Join(t.TempDir(), "sync.db")
	requireOK(t, syncDB(t, context.Background(), cfg, db))
	before := dump(t, db)

	second := syncDB(t, context.Background(), cfg, db)
	requireOK(t, second)
	for _, r := range second {
		assert.Zero(t, r.counts.inserted, "%s: new", r.stream.key())
		assert.Zero(t, r.counts.updated, "%s: updated", r.stream.key())
		assert.Equal(t, r.fetched, r.counts.unchanged, "%s: unchanged", r.stream.key())
		if r.stream.mode != modeFull && r.stream.mode != modeReport {
			// Time-filtered streams ask only for what changed since the
			// first run: one empty page.
			assert.Zero(t, r.fetched, "%s: fetched", r.stream.key())
			assert.EqualValues(t, 1, r.traffic.requests, "%s: requests", r.stream.key())
		}
	}
	assert.Equal(t, before, dump(t, db), "no row written: same JSON, same synced_at")
}

func TestKillAndResume(t *testing.T) {
	f := newFakes(t)
	for _, tc := range []struct {
		name, stream string
		// kill makes the sync fail after the stream's page-th committed
		// page (0: as the stream starts), by a fault or by cancelling the
		// context like SIGINT.
		page int
		kill func(f *fakes, cancel context.CancelFunc)
		// resumedFetch checks how much the resumed run read again.
		resumedBelow int
		// parallel is config.parallelPages.
		parallel int
	}{
		{
			name: "page numbers, 429 asking for an hour", stream: "firstpromoter/referrals", page: 7,
			kill: func(f *fakes, _ context.CancelFunc) {
				f.firstPromoter.Inject(1, firstpromotertest.Fault{Status: 429, RetryAfter: "3600"})
			},
			resumedBelow: seedReferrals - 600,
		},
		{
			name: "page numbers three at once, 429 asking for an hour", stream: "firstpromoter/referrals", page: 7, parallel: 3,
			kill: func(f *fakes, _ context.CancelFunc) {
				f.firstPromoter.Inject(1, firstpromotertest.Fault{Status: 429, RetryAfter: "3600"})
			},
			resumedBelow: seedReferrals - 600,
		},
		{
			name: "cursor, 503 until the retries run out", stream: "partnerstack/customers", page: 5,
			kill: func(f *fakes, _ context.CancelFunc) {
				f.partnerStack.Inject(3, partnerstacktest.Fault{Status: 503})
			},
			resumedBelow: seedReferrals - 1000,
		},
		{
			name: "report pages, dropped connections", stream: "everflow/conversions", page: 3,
			kill: func(f *fakes, _ context.CancelFunc) {
				f.everflow.Inject(3, everflowtest.Fault{Drop: true})
			},
			resumedBelow: seedReports,
		},
		{
			name: "export cut off mid-stream", stream: "everflow/postbacks", page: 1,
			kill: func(f *fakes, _ context.CancelFunc) {
				// The next request is the export of the window that holds
				// every row: half of it arrives, then the connection closes.
				f.everflow.Inject(1, everflowtest.Fault{Truncate: true})
			},
			resumedBelow: seedReports + 1,
		},
		{
			name: "interrupted like SIGINT", stream: "partnerstack/transactions", page: 4,
			kill:         func(_ *fakes, cancel context.CancelFunc) { cancel() },
			resumedBelow: seedConversions - 750,
		},
		{
			name: "report download cut off", stream: "refersion/conversions", page: 0,
			kill: func(f *fakes, _ context.CancelFunc) {
				// The link request passes; the download stops halfway.
				f.refersion.Inject(1, refersiontest.Fault{})
				f.refersion.Inject(1, refersiontest.Fault{Truncate: true})
			},
			resumedBelow: seedConversions + 1, // a report is read whole again
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			// Only the stream under test is synced, to keep the test short.
			cfg := testConfig(f)
			cfg.parallelPages = tc.parallel
			ref := filepath.Join(t.TempDir(), "reference.db")
			requireOK(t, syncDB(t, context.Background(), cfg, ref, tc.stream))
			reference := raws(dump(t, ref))

			db := filepath.Join(t.TempDir(), "sync.db")
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			var once sync.Once
			cfg.afterPage = func(stream string, pages int) {
				if stream == tc.stream && pages >= tc.page {
					once.Do(func() { tc.kill(f, cancel) })
				}
			}
			first := byKey(syncDB(t, ctx, cfg, db, tc.stream))
			killed := first[tc.stream]
			require.Error(t, killed.err, "the stream must fail")
			partial := dump(t, db)[killed.stream.table()]
			require.NotEmpty(t, partial, "pages committed before the failure stay")
			require.Less(t, len(partial), len(reference[killed.stream.table()]), "the failure came mid-stream")
			// What was committed is exactly what a clean sync stores.
			for id, r := range partial {
				require.Equal(t, reference[killed.stream.table()][id], r.raw, id)
			}

			cfg.afterPage = nil
			second := syncDB(t, context.Background(), cfg, db, tc.stream)
			requireOK(t, second)
			resumed := byKey(second)[tc.stream]
			assert.True(t, resumed.resumed, "the second run resumes the checkpoint")
			assert.Less(t, resumed.fetched, tc.resumedBelow, "the resumed run reads from the checkpoint, not from the start")
			assert.Equal(t, reference, raws(dump(t, db)), "the same tables as a clean sync: no duplicate, no missing row")
		})
	}
}

func TestRetriesAndRateLimitsAreCounted(t *testing.T) {
	f := newFakes(t)
	cfg := testConfig(f)
	f.ps() // start the fake before injecting
	f.partnerStack.Inject(1, partnerstacktest.Fault{Status: 429})
	f.partnerStack.Inject(1, partnerstacktest.Fault{Status: 500})

	var stdout, stderr bytes.Buffer
	db := filepath.Join(t.TempDir(), "sync.db")
	results, err := runSync(context.Background(), options{db: db, platforms: []string{"partnerstack/partnerships"}}, cfg, &stdout, &stderr)
	require.NoError(t, err)
	requireOK(t, results)
	r := results[0]
	assert.EqualValues(t, 2, r.traffic.retries)
	assert.EqualValues(t, 1, r.traffic.rateLimited)
	assert.EqualValues(t, r.pages+2, r.traffic.requests)
	assert.Contains(t, stderr.String(), "partnerstack/partnerships: done, 1000 records (1000 new, 0 updated), 4 pages,")
	assert.Contains(t, stderr.String(), "6 requests, 2 retries, 1 rate-limited")
	assert.Regexp(t, `partnerstack/partnerships\s+updated\s+1000\s+1000\s+0\s+0\s+4\s+6\s+2\s+1\s+\S+\s+ok`, stdout.String())
}
