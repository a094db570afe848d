package main

import (
	"sync"
	"time"

	"github.com/affiliatekit/affiliatekit-go/everflow/everflowtest"
	"github.com/affiliatekit/affiliatekit-go/firstpromoter/firstpromotertest"
	"github.com/affiliatekit/affiliatekit-go/partnerstack/partnerstacktest"
	"github.com/affiliatekit/affiliatekit-go/postaffiliatepro/postaffiliateprotest"
	"github.com/affiliatekit/affiliatekit-go/refersion/refersiontest"
)

// fakeEpoch is the fake servers' "now" while they seed their data, so that
// every run of the program sees the same records, byte for byte, and a
// second run finds nothing new.
var fakeEpoch = time.Date(2026, time.January, 15, 9, 30, 0, 0, time.UTC)

// fakeStart is where the time-filtered streams start on the fake servers
// when -since is not given: Everflow's seeded reports live in February
// 2024 (the four weeks before everflowEpoch), Refersion's conversions run
// through 2024, and every other fake's data is newer.
var fakeStart = time.Date(2024, time.January, 1, 0, 0, 0, 0, time.UTC)

// everflowEpoch is the Everflow fake's "now" while it seeds: it dates its
// reports in the four weeks before.
var everflowEpoch = time.Date(2024, time.February, 29, 0, 0, 0, 0, time.UTC)

// seedClock stands still at its epoch (fakeEpoch when zero) while the
// fakes seed, then runs, so that the fakes' rate-limit windows and link
// expiries still advance.
type seedClock struct {
	mu      sync.Mutex
	epoch   time.Time
	started time.Time
}

func (c *seedClock) now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	epoch := c.epoch
	if epoch.IsZero() {
		epoch = fakeEpoch
	}
	if c.started.IsZero() {
		return epoch
	}
	return epoch.Add(time.Since(c.started))
}

func (c *seedClock) run() {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.started.IsZero() {
		c.started = time.Now()
	}
}

// fakes starts each platform's in-process fake server on first use, seeded
// with a few thousand records per stream. Tests may set a server before
// the sync asks for it; such a server is the test's to close.
type fakes struct {
	firstPromoter    *firstpromotertest.Server
	partnerStack     *partnerstacktest.Server
	refersion        *refersiontest.Server
	everflow         *everflowtest.Server
	postAffiliatePro *postaffiliateprotest.Server

	closers []func()
}

// Seed sizes of the fake servers.
const (
	seedAffiliates  = 2000
	seedReferrals   = 3000
	seedConversions = 3000
	seedReports     = 5000
)

func (f *fakes) fp() *firstpromotertest.Server {
	if f.firstPromoter == nil {
		c := &seedClock{}
		s := firstpromotertest.NewServer(firstpromotertest.WithClock(c.now))
		s.SeedPromoters(seedAffiliates)
		s.SeedReferrals(seedReferrals)
		s.SeedCommissions(seedConversions)
		c.run()
		f.firstPromoter, f.closers = s, append(f.closers, s.Close)
	}
	return f.firstPromoter
}

func (f *fakes) ps() *partnerstacktest.Server {
	if f.partnerStack == nil {
		c := &seedClock{}
		s := partnerstacktest.NewServer(partnerstacktest.WithClock(c.now))
		s.SeedPartnerships(seedAffiliates / 2)
		s.SeedCustomers(seedReferrals)
		s.SeedTransactions(seedConversions)
		c.run()
		f.partnerStack, f.closers = s, append(f.closers, s.Close)
	}
	return f.partnerStack
}

func (f *fakes) rf() *refersiontest.Server {
	if f.refersion == nil {
		c := &seedClock{}
		s := refersiontest.NewServer(refersiontest.WithClock(c.now))
		s.SeedAffiliates(seedAffiliates)
		// Every three hours through 2024: all of them lie in the past, for
		// the conversions list that reads by creation time.
		s.SeedConversionsEvery(seedConversions, fakeStart.Add(9*time.Hour), 3*time.Hour)
		c.run()
		f.refersion, f.closers = s, append(f.closers, s.Close)
	}
	return f.refersion
}

func (f *fakes) ef() *everflowtest.Server {
	if f.everflow == nil {
		c := &seedClock{epoch: everflowEpoch}
		s := everflowtest.NewServer(everflowtest.WithClock(c.now))
		s.SeedOffers(12)
		// Everflow's seeded affiliates join every 2.5 days from June 2023;
		// 400 of them reach into 2026.
		s.SeedAffiliates(400)
		s.SeedConversions(seedReports)
		s.SeedPostbacks(seedReports)
		c.run()
		f.everflow, f.closers = s, append(f.closers, s.Close)
	}
	return f.everflow
}

func (f *fakes) pap() *postaffiliateprotest.Server {
	if f.postAffiliatePro == nil {
		c := &seedClock{}
		s := postaffiliateprotest.NewServer(postaffiliateprotest.WithClock(c.now))
		s.SeedAffiliates(seedAffiliates)
		s.SeedTransactions(seedConversions)
		c.run()
		f.postAffiliatePro, f.closers = s, append(f.closers, s.Close)
	}
	return f.postAffiliatePro
}

// Close stops the servers this value started.
func (f *fakes) Close() {
	for _, c := range f.closers {
		c()
	}
	f.closers = nil
}
