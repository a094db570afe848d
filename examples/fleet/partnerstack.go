package main

import (
	"context"
	"errors"
	"log/slog"
	"time"

	"github.com/affiliatekit/affiliatekit-go/partnerstack"
	"github.com/affiliatekit/affiliatekit-go/partnerstack/partnerstacktest"
)

// Overlaps of the time-filtered streams: how far before the last pass's
// start the next pass begins.
const (
	// updatedOverlap covers clock skew between this machine and the API
	// for updated-since filters.
	updatedOverlap = 5 * time.Minute
	// createdOverlap re-reads a day of records filtered by creation time,
	// so that changes made soon after creation are seen too.
	createdOverlap = 24 * time.Hour
)

// partnerStackStreams syncs partnerships and customers (by min_updated)
// and transactions (by min_created, plus createdOverlap) through the
// Vendor API, each oldest first with its cursor as the checkpoint.
func partnerStackStreams(c *conn) ([]*stream, error) {
	opts := []partnerstack.Option{partnerstack.WithHTTPClient(c.http), partnerstack.WithRateLimiter(c.limiter)}
	switch {
	case c.creds == nil:
		srv := c.demo.ps()
		opts = append(opts, partnerstack.WithBaseURL(srv.URL),
			partnerstack.WithKeys(partnerstacktest.PublicKey, partnerstacktest.SecretKey))
	case c.creds.PublicKey == "" || c.creds.SecretKey == "":
		return nil, errors.New("partnerstack needs public_key and secret_key in its credentials")
	default:
		opts = append(opts, partnerstack.WithKeys(c.creds.PublicKey, c.creds.SecretKey))
		if c.acct.BaseURL != "" {
			opts = append(opts, partnerstack.WithBaseURL(c.acct.BaseURL))
		}
	}
	client, err := partnerstack.NewClient(opts...)
	if err != nil {
		return nil, err
	}
	partnerships := &stream{
		name: "partnerships", table: "affiliates", mode: modeUpdated, overlap: updatedOverlap,
		pull: cursorPull(restartable(func(ctx context.Context, cp checkpoint, cursor string) ([]*partnerstack.Partnership, string, error) {
			items, resp, err := client.Partnerships.ListPage(ctx, &partnerstack.PartnershipListOptions{
				ListParams: partnerstack.ListParams{StartingAfter: cursor},
				OrderBy:    "updated_at", MinUpdated: cp.Since,
			})
			if err != nil {
				return nil, "", err
			}
			return items, resp.NextCursor, nil
		}), func(p *partnerstack.Partnership) (record, error) { return newRecord(p.Key, p, p.CreatedAt) }),
	}
	customers := &stream{
		name: "customers", table: "referrals", mode: modeUpdated, overlap: updatedOverlap,
		pull: cursorPull(restartable(func(ctx context.Context, cp checkpoint, cursor string) ([]*partnerstack.Customer, string, error) {
			items, resp, err := client.Customers.ListPage(ctx, &partnerstack.CustomerListOptions{
				ListParams: partnerstack.ListParams{StartingAfter: cursor},
				OrderBy:    "created_at", MinUpdated: cp.Since,
			})
			if err != nil {
				return nil, "", err
			}
			return items, resp.NextCursor, nil
		}), func(cu *partnerstack.Customer) (record, error) { return newRecord(cu.Key, cu, cu.CreatedAt) }),
	}
	transactions := &stream{
		name: "transactions", table: "transactions", mode: modeCreated, overlap: createdOverlap,
		pull: cursorPull(restartable(func(ctx context.Context, cp checkpoint, cursor string) ([]*partnerstack.Transaction, string, error) {
			items, resp, err := client.Transactions.ListPage(ctx, &partnerstack.TransactionListOptions{
				ListParams: partnerstack.ListParams{StartingAfter: cursor},
				OrderBy:    "created_at", MinCreated: cp.Since,
			})
			if err != nil {
				return nil, "", err
			}
			return items, resp.NextCursor, nil
		}), func(t *partnerstack.Transaction) (record, error) {
			r, err := newRecord(t.Key, t, t.CreatedAt)
			return r.withAmount(t.Amount, t.Currency), err
		}),
	}
	return []*stream{partnerships, customers, transactions}, nil
}

// restartable wraps a cursor list so that a pass resumed from a stored
// cursor that the API no longer accepts (the record it names was deleted
// since) restarts at the beginning of the pass instead of failing on every
// attempt. Records read again are recognised by their JSON and not written.
func restartable[T any](list cursorLister[T]) cursorLister[T] {
	return func(ctx context.Context, cp checkpoint, cursor string) ([]*T, string, error) {
		items, next, err := list(ctx, cp, cursor)
		if err != nil && cursor != "" && cursor == cp.Cursor && errors.Is(err, partnerstack.ErrInvalidRequest) {
			logFrom(ctx).Warn("the stored cursor was refused; restarting the pass", slog.String("error", err.Error()))
			return list(ctx, cp, "")
		}
		return items, next, err
	}
}
