package postaffiliateprotest

import (
	"fmt"
	"hash/fnv"
	"time"

	"github.com/affiliatekit/affiliatekit-go/internal/fakeserver"
)

// kind describes how the server stores one record type: the sequence its
// new ids are drawn from, the slice that holds its records, and the
// defaults a stored record gets.
type kind[T any] struct {
	name     string
	rows     func(*Server) *[]T
	base     func(*T) (id *string, created *time.Time)
	defaults func(*T)
}

var (
	affiliates = kind[Affiliate]{
		name: "affiliate",
		rows: func(s *Server) *[]Affiliate { return &s.affiliates },
		base: func(a *Affiliate) (*string, *time.Time) { return &a.ID, &a.CreatedAt },
		defaults: func(a *Affiliate) {
			fakeserver.OrDefault(&a.ReferralID, a.ID)
			fakeserver.OrDefault(&a.Status, "A")
		},
	}
	campaigns = kind[Campaign]{
		name: "campaign",
		rows: func(s *Server) *[]Campaign { return &s.campaigns },
		base: func(c *Campaign) (*string, *time.Time) { return &c.ID, &c.CreatedAt },
		defaults: func(c *Campaign) {
			fakeserver.OrDefault(&c.Status, "active")
			fakeserver.OrDefault(&c.Type, "public")
		},
	}
	banners = kind[Banner]{
		name:     "banner",
		rows:     func(s *Server) *[]Banner { return &s.banners },
		base:     func(b *Banner) (*string, *time.Time) { return &b.ID, &b.CreatedAt },
		defaults: func(b *Banner) { fakeserver.OrDefault(&b.Status, "active") },
	}
	transactions = kind[Transaction]{
		name: "transaction",
		rows: func(s *Server) *[]Transaction { return &s.transactions },
		base: func(t *Transaction) (*string, *time.Time) { return &t.ID, &t.CreatedAt },
		defaults: func(t *Transaction) {
			fakeserver.OrDefault(&t.Type, "S")
			fakeserver.OrDefault(&t.Status, "P")
			fakeserver.OrDefault(&t.PayoutStatus, "U")
			fakeserver.OrDefault(&t.Tier, 1)
		},
	}
	clicks = kind[Click]{
		name:     "click",
		rows:     func(s *Server) *[]Click { return &s.clicks },
		base:     func(c *Click) (*string, *time.Time) { return &c.ID, &c.CreatedAt },
		defaults: func(*Click) {},
	}
)

// newID returns a fresh 8-character alphanumeric id, deterministic in the
// order ids are made. s.mu must be held.
func (s *Server) newID(kind string) string {
	for {
		s.seq[kind]++
		h := fnv.New32a()
		fmt.Fprintf(h, "%s/%d", kind, s.seq[kind])
		id := fmt.Sprintf("%08x", h.Sum32())
		if !s.ids[id] {
			s.ids[id] = true
			return id
		}
	}
}

// insert stores r as a record of k and returns it as stored: an empty id gets
// a new one, k's defaults are filled in, and a zero creation time becomes
// the current second. s.mu must be held.
func insert[T any](s *Server, k kind[T], r T) T {
	id, created := k.base(&r)
	if *id == "" {
		*id = s.newID(k.name)
	} else {
		s.ids[*id] = true
	}
	k.defaults(&r)
	if created.IsZero() {
		*created = s.now().UTC().Truncate(time.Second)
	}
	rows := k.rows(s)
	*rows = append(*rows, r)
	return r
}

// insertLocked is insert under the server lock.
func insertLocked[T any](s *Server, k kind[T], r T) T {
	s.mu.Lock()
	defer s.mu.Unlock()
	return insert(s, k, r)
}

// snapshot returns a copy of the stored records of k.
func snapshot[T any](s *Server, k kind[T]) []T {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]T(nil), *k.rows(s)...)
}

// seed adds n records of k made by gen, which is given each record's
// 1-based position among the records of k. s.mu must be held.
func seed[T any](s *Server, k kind[T], n int, gen func(i int) T) {
	for range n {
		insert(s, k, gen(len(*k.rows(s))+1))
	}
}

// locked runs f under the server lock.
func (s *Server) locked(f func()) {
	s.mu.Lock()
	defer s.mu.Unlock()
	f()
}
