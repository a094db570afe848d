package everflowtest

import (
	"cmp"
	"slices"
)

// The affiliates, offers and pixels are slices in ascending id order. A
// record added with the id of a stored one is kept as well, just before
// it, and is the one its id finds.

// insertByID adds r to rows at the place of its id and returns the slice.
func insertByID[T any](rows []*T, r *T, id func(*T) int64) []*T {
	i, _ := slices.BinarySearchFunc(rows, id(r), compareID(id))
	return slices.Insert(rows, i, r)
}

// findByID returns the first record of rows with id k, or nil.
func findByID[T any](rows []*T, k int64, id func(*T) int64) *T {
	i, ok := slices.BinarySearchFunc(rows, k, compareID(id))
	if !ok {
		return nil
	}
	return rows[i]
}

// lastID returns the largest id of rows, or 0 when rows is empty.
func lastID[T any](rows []*T, id func(*T) int64) int64 {
	if n := len(rows); n > 0 {
		return id(rows[n-1])
	}
	return 0
}

// compareID compares a record's id with k.
func compareID[T any](id func(*T) int64) func(*T, int64) int {
	return func(x *T, k int64) int { return cmp.Compare(id(x), k) }
}

// affiliateID, offerID and pixelID are the ids the slices are ordered by.
func affiliateID(a *Affiliate) int64 { return a.NetworkAffiliateID }
func offerID(o *Offer) int64         { return o.NetworkOfferID }
func pixelID(p *Pixel) int64         { return p.NetworkPixelID }
