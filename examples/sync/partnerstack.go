package main

import (
	"context"
	"errors"
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
	// so that changes made soon after creation (an approval, say) are
	// seen too.
	createdOverlap = 24 * time.Hour
)

// newPartnerStack syncs partnerships, customers and transactions through
// the Vendor API. Partnerships and customers are read by min_updated, so a
// run fetches only what changed; transactions only have min_created, so a
// run fetches what is new, plus createdOverlap. Every list is read oldest
// first with its cursor (the last key) as the checkpoint.
func newPartnerStack(cfg *config) (*platform, error) {
	c := &counters{}
	opts := []partnerstack.Option{
		partnerstack.WithHTTPClient(c.httpClient()),
		partnerstack.WithLogger(c.logger(cfg.verbose)),
	}
	public, secret := cfg.getenv("PARTNERSTACK_PUBLIC_KEY"), cfg.getenv("PARTNERSTACK_SECRET_KEY")
	where := "real API at " + partnerstack.DefaultBaseURL
	if public == "" || secret == "" {
		srv := cfg.fakes.ps()
		where = "in-process fake server (set PARTNERSTACK_PUBLIC_KEY and PARTNERSTACK_SECRET_KEY for the real API)"
		// The fake has no quota of its own: the throttle is off.
		opts = append(opts, partnerstack.WithBaseURL(srv.URL), partnerstack.WithRateLimit(0, 0),
			partnerstack.WithKeys(partnerstacktest.PublicKey, partnerstacktest.SecretKey))
	} else {
		// The client's throttle is on by default at RateLimitRequests.
		opts = append(opts, partnerstack.WithKeys(public, secret))
	}
	client, err := partnerstack.NewClient(append(opts, overrideOptions(cfg, partnerstack.WithRetryWait, partnerstack.WithMaxRetries, partnerstack.WithRateLimit)...)...)
	if err != nil {
		return nil, err
	}
	partnerships := &stream{
		platform: "partnerstack", name: "partnerships", mode: modeUpdated, overlap: updatedOverlap,
		columns: []column{{"email", "$.email"}, {"partner_key", "$.partner_key"}, {"updated_at", "$.updated_at"}},
		pull: cursorPull(restartable(cfg, "partnerstack/partnerships",
			func(ctx context.Context, cp checkpoint, cursor string) ([]*partnerstack.Partnership, string, error) {
				items, resp, err := client.Partnerships.ListPage(ctx, &partnerstack.PartnershipListOptions{
					ListParams: partnerstack.ListParams{StartingAfter: cursor},
					OrderBy:    "updated_at", MinUpdated: cp.Since,
				})
				if err != nil {
					return nil, "", err
				}
				return items, resp.NextCursor, nil
			}), func(p *partnerstack.Partnership) (record, error) { return jsonRecord(p.Key, p) }),
	}
	customers := &stream{
		platform: "partnerstack", name: "customers", mode: modeUpdated, overlap: updatedOverlap,
		columns: []column{{"email", "$.email"}, {"partnership_key", "$.partnership_key"}, {"updated_at", "$.updated_at"}},
		pull: cursorPull(restartable(cfg, "partnerstack/customers",
			func(ctx context.Context, cp checkpoint, cursor string) ([]*partnerstack.Customer, string, error) {
				items, resp, err := client.Customers.ListPage(ctx, &partnerstack.CustomerListOptions{
					ListParams: partnerstack.ListParams{StartingAfter: cursor},
					OrderBy:    "created_at", MinUpdated: cp.Since,
				})
				if err != nil {
					return nil, "", err
				}
				return items, resp.NextCursor, nil
			}), func(cu *partnerstack.Customer) (record, error) { return jsonRecord(cu.Key, cu) }),
	}
	transactions := &stream{
		platform: "partnerstack", name: "transactions", mode: modeCreated, overlap: createdOverlap,
		columns: []column{{"amount_cents", "$.amount"}, {"currency", "$.currency"}, {"created_at", "$.created_at"}},
		pull: cursorPull(restartable(cfg, "partnerstack/transactions",
			func(ctx context.Context, cp checkpoint, cursor string) ([]*partnerstack.Transaction, string, error) {
				items, resp, err := client.Transactions.ListPage(ctx, &partnerstack.TransactionListOptions{
					ListParams: partnerstack.ListParams{StartingAfter: cursor},
					OrderBy:    "created_at", MinCreated: cp.Since,
				})
				if err != nil {
					return nil, "", err
				}
				return items, resp.NextCursor, nil
			}), func(t *partnerstack.Transaction) (record, error) { return jsonRecord(t.Key, t) }),
	}
	return &platform{name: "partnerstack", where: where, counters: c,
		streams: []*stream{partnerships, customers, transactions}}, nil
}

// restartable wraps a cursor list so that a pass resumed from a stored
// cursor that the API no longer accepts (the record it names was deleted
// since) restarts at the beginning of the pass instead of failing on every
// run. Records read again are recognised by their JSON and not written.
func restartable[T any](cfg *config, key string, list cursorLister[T]) cursorLister[T] {
	return func(ctx context.Context, cp checkpoint, cursor string) ([]*T, string, error) {
		items, next, err := list(ctx, cp, cursor)
		if err != nil && cursor != "" && cursor == cp.Cursor && errors.Is(err, partnerstack.ErrInvalidRequest) {
			cfg.warnf("%s: the stored cursor %q was refused (%v); restarting the pass", key, cursor, err)
			return list(ctx, cp, "")
		}
		return items, next, err
	}
}
