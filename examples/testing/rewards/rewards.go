// Package rewards is a small piece of application code built on the
// firstpromoter package, the kind an integration holds: it totals what is
// owed to each promoter and grants bonuses without ever paying one twice.
//
// The point of this directory is rewards_test.go beside it: a test file to
// copy into your own project, showing how to test such code against the
// in-process fake server, with seeded data and injected faults (rate
// limits, server errors, a gateway that fails after the server acted,
// broken bodies), in milliseconds and on loopback only.
package rewards

import (
	"context"
	"errors"
	"fmt"

	"github.com/affiliatekit/affiliatekit-go/firstpromoter"
)

// Owed returns the approved, unpaid cash commissions in cents, summed by
// promoter id.
func Owed(ctx context.Context, client *firstpromoter.Client) (map[int64]int64, error) {
	owed := map[int64]int64{}
	for c, err := range client.Commissions.List(ctx, &firstpromoter.CommissionListOptions{
		Filters: firstpromoter.CommissionFilters{Status: firstpromoter.CommissionApproved, Paid: firstpromoter.No},
	}) {
		if err != nil {
			return nil, fmt.Errorf("list unpaid commissions: %w", err)
		}
		if c.Unit != firstpromoter.CommissionUnitCash || c.PromoterCampaign == nil {
			continue
		}
		cents, err := c.Amount.MinorUnits("")
		if err != nil {
			return nil, fmt.Errorf("commission %d: amount %s: %w", c.ID, c.Amount, err)
		}
		owed[c.PromoterCampaign.PromoterID] += cents
	}
	return owed, nil
}

// GrantBonus credits a promoter (in a campaign) with a cash bonus of cents.
// eventID names the bonus in your own system; FirstPromoter refuses a
// second commission with the same event id, which makes the grant safe to
// repeat: when the first attempt ends in an error that leaves its outcome
// unknown (a 5xx, a dropped connection), GrantBonus asks once more, and a
// refusal as a duplicate means the first attempt went through.
func GrantBonus(ctx context.Context, client *firstpromoter.Client, promoterCampaignID, cents int64, eventID string) (*firstpromoter.Commission, error) {
	amount, err := firstpromoter.AmountFromMinorUnits(cents, 2, "")
	if err != nil {
		return nil, fmt.Errorf("grant bonus %s: %w", eventID, err)
	}
	params := &firstpromoter.CommissionCreateParams{
		CommissionType:     firstpromoter.CommissionCustom,
		PromoterCampaignID: promoterCampaignID,
		Amount:             amount,
		Unit:               firstpromoter.CommissionUnitCash,
		EventID:            eventID,
		InternalNote:       "bonus",
	}
	created, err := client.Commissions.Create(ctx, params)
	if err != nil && outcomeUnknown(err) {
		created, err = client.Commissions.Create(ctx, params)
		if errors.Is(err, firstpromoter.ErrInvalidRequest) {
			return findByEventID(ctx, client, eventID)
		}
	}
	if err != nil {
		return nil, fmt.Errorf("grant bonus %s: %w", eventID, err)
	}
	if len(created) == 0 {
		return nil, fmt.Errorf("grant bonus %s: the API returned no commission", eventID)
	}
	return created[0], nil
}

// outcomeUnknown reports whether a failed create may have reached the
// server and been applied. The client never repeats such a create itself;
// a 429, or a 503 with Retry-After, which prove the server did not act, it
// has already retried.
func outcomeUnknown(err error) bool {
	if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		return false
	}
	var apiErr *firstpromoter.Error
	if errors.As(err, &apiErr) {
		return apiErr.StatusCode >= 500 || apiErr.Malformed()
	}
	return true // a network error: the request may have arrived
}

func findByEventID(ctx context.Context, client *firstpromoter.Client, eventID string) (*firstpromoter.Commission, error) {
	for c, err := range client.Commissions.List(ctx, &firstpromoter.CommissionListOptions{Q: eventID}) {
		if err != nil {
			return nil, fmt.Errorf("find bonus %s: %w", eventID, err)
		}
		if c.EventID != nil && *c.EventID == eventID {
			return c, nil
		}
	}
	return nil, fmt.Errorf("find bonus %s: refused as a duplicate but not found", eventID)
}
