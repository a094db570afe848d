package v1test

import (
	"fmt"
	"strconv"
	"time"

	v1 "github.com/affiliatekit/affiliatekit-go/firstpromoter/v1"
)

// v1TimeLayout is how v1 writes a time: UTC, to the millisecond.
const v1TimeLayout = "2006-01-02T15:04:05.000Z"

// nowTime is the server's clock in UTC, to the millisecond: the time a
// new record holds and sends.
func (s *Server) nowTime() time.Time { return s.clock().UTC().Truncate(time.Millisecond) }

// parseTime reads a time given as a parameter: v1's own form, RFC 3339,
// or a date (midnight UTC), as the client's "ISO 8601 date or time".
func parseTime(v string) (time.Time, error) {
	for _, layout := range []string{time.RFC3339Nano, time.DateOnly} {
		if t, err := time.Parse(layout, v); err == nil {
			return t.UTC(), nil
		}
	}
	return time.Time{}, fmt.Errorf("v1test: %q is not an ISO 8601 date or time", v)
}

// wireTime is a time as v1 sends it ("2026-03-16T12:00:00.000Z"); the
// zero time is sent as "".
type wireTime time.Time

// MarshalJSON implements json.Marshaler.
func (t wireTime) MarshalJSON() ([]byte, error) {
	if time.Time(t).IsZero() {
		return []byte(`""`), nil
	}
	return strconv.AppendQuote(nil, time.Time(t).UTC().Format(v1TimeLayout)), nil
}

// timePtr returns t as sent, nil (null) for nil.
func timePtr(t *time.Time) *wireTime {
	if t == nil {
		return nil
	}
	v := wireTime(*t)
	return &v
}

// unitCash is the unit whose amounts are money, sent in cents.
const unitCash = "cash"

// exponentOf is the power of ten an amount of unit is sent in: 2 (cents)
// for cash and for no unit, as the client reads them, 0 (a whole count)
// for points, free months and the other units.
func exponentOf(unit string) int {
	if unit == "" || unit == unitCash {
		return 2
	}
	return 0
}

// minorOf returns a in the integer units v1 sends for unit (see
// exponentOf).
func minorOf(a v1.Amount, unit string) (int64, error) {
	// USD reads hundredths and JPY whole units, whatever a's currency.
	cur := "JPY"
	if exponentOf(unit) == 2 {
		cur = "USD"
	}
	return a.WithCurrency("").MinorUnits(cur)
}

// minorOrZero is minorOf for the fake's arithmetic: 0 for a null amount
// or one finer than the unit (such an amount fails when sent).
func minorOrZero(a v1.Amount, unit string) int64 {
	n, err := minorOf(a, unit)
	if err != nil {
		return 0
	}
	return n
}

// amountOf returns n integer units of unit (see exponentOf) as an amount.
func amountOf(n int64, unit string) v1.Amount {
	a, _ := v1.AmountFromMinorUnits(n, exponentOf(unit), "") // the exponent is valid
	return a
}

// addTo adds n units of unit to the balance entry of unit.
func addTo(b v1.Balance, unit string, n int64) {
	b[unit] = amountOf(minorOrZero(b[unit], unit)+n, unit)
}

// wireAmount is an amount as v1 sends it for its unit: integer cents or a
// whole count (see exponentOf), or null. An amount finer than its unit
// has no wire form: encoding it fails, and the fake answers 500 with the
// reason.
type wireAmount struct {
	a    v1.Amount
	unit string
}

// MarshalJSON implements json.Marshaler.
func (w wireAmount) MarshalJSON() ([]byte, error) {
	if w.a.IsNull() {
		return []byte("null"), nil
	}
	n, err := minorOf(w.a, w.unit)
	if err != nil {
		return nil, fmt.Errorf("v1test: amount %s of unit %q cannot be sent as an integer: %w", w.a.String(), w.unit, err)
	}
	return strconv.AppendInt(nil, n, 10), nil
}

// cents is a cash amount as sent.
func cents(a v1.Amount) wireAmount { return wireAmount{a, unitCash} }

// centsPtr is cents, nil (null) for nil.
func centsPtr(a *v1.Amount) *wireAmount {
	if a == nil {
		return nil
	}
	w := cents(*a)
	return &w
}

// balanceWire is a balance as sent: each unit's amount in its integer
// units; nil stays null.
func balanceWire(b v1.Balance) map[string]wireAmount {
	if b == nil {
		return nil
	}
	out := make(map[string]wireAmount, len(b))
	for unit, a := range b {
		out[unit] = wireAmount{a, unit}
	}
	return out
}

// The records as v1 sends them, their keys in the order of the record's
// fields.

// promoterWire is a promoter as sent in full (promoters/show).
type promoterWire struct {
	ID                 int64                 `json:"id"`
	Status             string                `json:"status"`
	CustID             *string               `json:"cust_id"`
	Email              string                `json:"email"`
	CreatedAt          wireTime              `json:"created_at"`
	TempPassword       *string               `json:"temp_password"`
	DefaultPromotionID int64                 `json:"default_promotion_id"`
	Pref               string                `json:"pref"`
	DefaultRefID       string                `json:"default_ref_id"`
	Note               *string               `json:"note"`
	W8FormURL          *string               `json:"w8_form_url"`
	W9FormURL          *string               `json:"w9_form_url"`
	ParentPromoterID   *int64                `json:"parent_promoter_id"`
	EarningsBalance    map[string]wireAmount `json:"earnings_balance"`
	CurrentBalance     map[string]wireAmount `json:"current_balance"`
	PaidBalance        map[string]wireAmount `json:"paid_balance"`
	AuthToken          string                `json:"auth_token"`
	Profile            Profile               `json:"profile"`
	Promotions         []*promotionWire      `json:"promotions"`
}

func promoterOut(p *Promoter) *promoterWire {
	var promotions []*promotionWire
	if p.Promotions != nil {
		promotions = make([]*promotionWire, len(p.Promotions))
		for i, pr := range p.Promotions {
			promotions[i] = promotionOut(pr)
		}
	}
	return &promoterWire{
		p.ID, p.Status, p.CustID, p.Email, wireTime(p.CreatedAt), p.TempPassword, p.DefaultPromotionID, p.Pref,
		p.DefaultRefID, p.Note, p.W8FormURL, p.W9FormURL, p.ParentPromoterID, balanceWire(p.EarningsBalance),
		balanceWire(p.CurrentBalance), balanceWire(p.PaidBalance), p.AuthToken, p.Profile, promotions,
	}
}

// promotionWire is a promotion as sent.
type promotionWire struct {
	ID                     int64           `json:"id"`
	Status                 string          `json:"status"`
	RefID                  string          `json:"ref_id"`
	PromoCode              *string         `json:"promo_code"`
	CustomerPromoCode      *string         `json:"customer_promo_code"`
	TargetReachedAt        *wireTime       `json:"target_reached_at"`
	PromoterID             int64           `json:"promoter_id"`
	CampaignID             int64           `json:"campaign_id"`
	ReferralLink           string          `json:"referral_link"`
	CurrentOffer           *rewardPlanWire `json:"current_offer"`
	CurrentReferralReward  *rewardPlanWire `json:"current_referral_reward"`
	CurrentPromotionReward *rewardPlanWire `json:"current_promotion_reward"`
	CurrentTargetReward    *rewardPlanWire `json:"current_target_reward"`
	CampaignName           string          `json:"campaign_name"`
	Hidden                 bool            `json:"hidden"`
	VisitorsCount          int             `json:"visitors_count"`
	LeadsCount             int             `json:"leads_count"`
	CustomersCount         int             `json:"customers_count"`
	RefundsCount           int             `json:"refunds_count"`
	CancellationsCount     int             `json:"cancellations_count"`
	SalesCount             int             `json:"sales_count"`
	SalesTotal             wireAmount      `json:"sales_total"`
	RefundsTotal           wireAmount      `json:"refunds_total"`
	ActiveCustomersCount   int             `json:"active_customers_count"`
}

// promotionOut returns pr as sent, nil for nil.
func promotionOut(pr *Promotion) *promotionWire {
	if pr == nil {
		return nil
	}
	return &promotionWire{
		pr.ID, pr.Status, pr.RefID, pr.PromoCode, pr.CustomerPromoCode, timePtr(pr.TargetReachedAt), pr.PromoterID,
		pr.CampaignID, pr.ReferralLink, planOut(pr.CurrentOffer), planOut(pr.CurrentReferralReward),
		planOut(pr.CurrentPromotionReward), planOut(pr.CurrentTargetReward), pr.CampaignName, pr.Hidden,
		pr.VisitorsCount, pr.LeadsCount, pr.CustomersCount, pr.RefundsCount, pr.CancellationsCount, pr.SalesCount,
		cents(pr.SalesTotal), cents(pr.RefundsTotal), pr.ActiveCustomersCount,
	}
}

// rewardPlanWire is a reward plan as sent.
type rewardPlanWire struct {
	ID               int64      `json:"id"`
	Amount           wireAmount `json:"amount"`
	Type             string     `json:"type"`
	Unit             string     `json:"unit"`
	Name             string     `json:"name"`
	PerOfSale        int        `json:"per_of_sale"`
	DefaultPromoCode string     `json:"default_promo_code"`
}

// planOut returns r as sent, nil for nil.
func planOut(r *RewardPlan) *rewardPlanWire {
	if r == nil {
		return nil
	}
	return &rewardPlanWire{r.ID, wireAmount{r.Amount, r.Unit}, r.Type, r.Unit, r.Name, r.PerOfSale, r.DefaultPromoCode}
}

// leadWire is a lead as sent.
type leadWire struct {
	ID            int64     `json:"id"`
	State         string    `json:"state"`
	Email         string    `json:"email"`
	UID           string    `json:"uid"`
	CustomerSince *wireTime `json:"customer_since"`
	PlanName      string    `json:"plan_name"`
	Suspicion     string    `json:"suspicion"`
}

// leadOut returns l as sent, nil for nil.
func leadOut(l *Lead) *leadWire {
	if l == nil {
		return nil
	}
	return &leadWire{l.ID, l.State, l.Email, l.UID, timePtr(l.CustomerSince), l.PlanName, l.Suspicion}
}

// rewardWire is a reward as sent.
type rewardWire struct {
	ID               int64       `json:"id"`
	Status           string      `json:"status"`
	Amount           wireAmount  `json:"amount"`
	Unit             string      `json:"unit"`
	ConversionAmount *wireAmount `json:"conversion_amount"`
	EventID          *string     `json:"event_id"`
}

// payoutWire is a payout as sent.
type payoutWire struct {
	ID        int64      `json:"id"`
	Status    string     `json:"status"`
	Amount    wireAmount `json:"amount"`
	DatePaid  *wireTime  `json:"date_paid"`
	DueDate   *wireTime  `json:"due_date"`
	Unit      string     `json:"unit"`
	CreatedAt wireTime   `json:"created_at"`
	HasIssues bool       `json:"has_issues"`
}
