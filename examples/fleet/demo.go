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

// demoEpoch is the demo fakes' "now" while they seed their data, so that
// every work process serves the same records, byte for byte.
var demoEpoch = time.Date(2026, time.January, 15, 9, 30, 0, 0, time.UTC)

// demoStart is where the window streams of a demo account start: the
// fakes' demo reports lie in 2024 and later.
var demoStart = time.Date(2024, time.January, 1, 0, 0, 0, 0, time.UTC)

// seedClock stands still at demoEpoch while a fake seeds, then runs.
type seedClock struct {
	mu      sync.Mutex
	started time.Time
}

func (c *seedClock) now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.started.IsZero() {
		return demoEpoch
	}
	return demoEpoch.Add(time.Since(c.started))
}

func (c *seedClock) run() {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.started.IsZero() {
		c.started = time.Now()
	}
}

// demoFakes starts, in the work process, one fake server per platform
// with its demo data, on first use: the accounts without credentials sync
// from them, so the fleet runs end to end with nothing but Postgres.
type demoFakes struct {
	mu  sync.Mutex
	fpS *firstpromotertest.Server
	psS *partnerstacktest.Server
	rfS *refersiontest.Server
	efS *everflowtest.Server
	paS *postaffiliateprotest.Server

	closers []func()
}

func (f *demoFakes) fp() *firstpromotertest.Server {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.fpS == nil {
		c := &seedClock{}
		f.fpS = firstpromotertest.NewServer(firstpromotertest.WithClock(c.now), firstpromotertest.WithDemoData())
		c.run()
		f.closers = append(f.closers, f.fpS.Close)
	}
	return f.fpS
}

func (f *demoFakes) ps() *partnerstacktest.Server {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.psS == nil {
		c := &seedClock{}
		f.psS = partnerstacktest.NewServer(partnerstacktest.WithClock(c.now), partnerstacktest.WithDemoData())
		c.run()
		f.closers = append(f.closers, f.psS.Close)
	}
	return f.psS
}

func (f *demoFakes) rf() *refersiontest.Server {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.rfS == nil {
		c := &seedClock{}
		f.rfS = refersiontest.NewServer(refersiontest.WithClock(c.now), refersiontest.WithDemoData())
		c.run()
		f.closers = append(f.closers, f.rfS.Close)
	}
	return f.rfS
}

func (f *demoFakes) ef() *everflowtest.Server {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.efS == nil {
		c := &seedClock{}
		f.efS = everflowtest.NewServer(everflowtest.WithClock(c.now), everflowtest.WithDemoData())
		c.run()
		f.closers = append(f.closers, f.efS.Close)
	}
	return f.efS
}

func (f *demoFakes) pap() *postaffiliateprotest.Server {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.paS == nil {
		c := &seedClock{}
		f.paS = postaffiliateprotest.NewServer(postaffiliateprotest.WithClock(c.now), postaffiliateprotest.WithDemoData())
		c.run()
		f.closers = append(f.closers, f.paS.Close)
	}
	return f.paS
}

// Close stops the fakes started so far.
func (f *demoFakes) Close() {
	f.mu.Lock()
	defer f.mu.Unlock()
	for _, c := range f.closers {
		c()
	}
	f.closers = nil
}
