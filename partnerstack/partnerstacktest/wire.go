package partnerstacktest

import (
	"encoding/json"
	"fmt"
	"strconv"
	"time"

	"github.com/affiliatekit/affiliatekit-go/partnerstack"
)

// The records hold times as time.Time and money as partnerstack.Amount,
// the client's types; the types here write them the way PartnerStack
// sends them: epoch milliseconds and integer cents.

// epochMs returns t in epoch milliseconds, and 0 for the zero time.
func epochMs(t time.Time) int64 {
	if t.IsZero() {
		return 0
	}
	return t.UnixMilli()
}

// fromMs returns epoch milliseconds as the UTC time the client decodes.
func fromMs(ms int64) time.Time { return time.UnixMilli(ms).UTC() }

// nowTime is the fake's clock to the millisecond, in UTC: the time a
// stamped record renders and the client decodes.
func (s *Server) nowTime() time.Time { return fromMs(s.nowMs()) }

// msTime is a time as sent: epoch milliseconds, the zero time as 0.
type msTime time.Time

// MarshalJSON implements json.Marshaler.
func (t msTime) MarshalJSON() ([]byte, error) {
	return strconv.AppendInt(nil, epochMs(time.Time(t)), 10), nil
}

// msPtr returns t as sent, nil (null) for nil.
func msPtr(t *time.Time) *msTime {
	if t == nil {
		return nil
	}
	v := msTime(*t)
	return &v
}

// cents is an amount as sent: a whole number of hundredths, PartnerStack's
// "cents" whatever the currency (the unit the client reads), or null. An
// amount finer than a hundredth has no wire form: encoding it fails, and
// the fake answers 500 with the reason.
type cents partnerstack.Amount

// MarshalJSON implements json.Marshaler.
func (c cents) MarshalJSON() ([]byte, error) {
	a := partnerstack.Amount(c)
	if a.IsNull() {
		return []byte("null"), nil
	}
	n, err := a.WithCurrency("").MinorUnits("USD")
	if err != nil {
		return nil, fmt.Errorf("partnerstacktest: amount %s cannot be sent as cents: %w", a.String(), err)
	}
	return strconv.AppendInt(nil, n, 10), nil
}

// centsPtr returns a as sent, nil (null) for nil.
func centsPtr(a *partnerstack.Amount) *cents {
	if a == nil {
		return nil
	}
	v := cents(*a)
	return &v
}

// centsOf returns a in whole cents for the fake's arithmetic: 0 when it is
// null or finer than a cent (such an amount fails when rendered).
func centsOf(a partnerstack.Amount) int64 {
	n, err := a.WithCurrency("").MinorUnits("USD")
	if err != nil {
		return 0
	}
	return n
}

// fromCents returns n cents in currency ("" when the record has none).
func fromCents(n int64, currency string) partnerstack.Amount {
	a, _ := partnerstack.AmountFromMinorUnits(n, 2, currency) // exponent 2 is valid
	return a
}

// whole returns n as a whole number, as a count statistic or a
// percentage rate is sent.
func whole(n int64) partnerstack.Amount {
	a, _ := partnerstack.AmountFromMinorUnits(n, 0, "") // exponent 0 is valid
	return a
}

// Records that the endpoints send as stored, in their wire form, with
// their keys in the order of the record's fields: most embed the record,
// whose JSON field names its tags give, and override the times at its
// end; deals, leads and payouts, whose amount comes first, list every
// field.

// teamWire is a team as sent.
type teamWire Team

// MarshalJSON implements json.Marshaler.
func (t teamWire) MarshalJSON() ([]byte, error) {
	type plain Team
	var members []memberWire
	if t.Members != nil {
		members = make([]memberWire, len(t.Members))
		for i, m := range t.Members {
			members[i] = memberWire(m)
		}
	}
	return json.Marshal(struct {
		plain
		Members   []memberWire `json:"members,omitempty"`
		CreatedAt msTime       `json:"created_at"`
		UpdatedAt msTime       `json:"updated_at"`
	}{plain(t), members, msTime(t.CreatedAt), msTime(t.UpdatedAt)})
}

// memberWire is a team member as sent.
type memberWire TeamMember

// MarshalJSON implements json.Marshaler.
func (m memberWire) MarshalJSON() ([]byte, error) {
	type plain TeamMember
	return json.Marshal(struct {
		plain
		CreatedAt msTime `json:"created_at"`
		UpdatedAt msTime `json:"updated_at"`
	}{plain(m), msTime(m.CreatedAt), msTime(m.UpdatedAt)})
}

// groupWire is a group as sent.
type groupWire Group

// MarshalJSON implements json.Marshaler.
func (g groupWire) MarshalJSON() ([]byte, error) {
	type plain Group
	return json.Marshal(struct {
		plain
		CreatedAt msTime `json:"created_at"`
		UpdatedAt msTime `json:"updated_at"`
	}{plain(g), msTime(g.CreatedAt), msTime(g.UpdatedAt)})
}

// webhookWire is a webhook as sent.
type webhookWire Webhook

// MarshalJSON implements json.Marshaler.
func (h webhookWire) MarshalJSON() ([]byte, error) {
	type plain Webhook
	return json.Marshal(struct {
		plain
		CreatedAt msTime `json:"created_at"`
		UpdatedAt msTime `json:"updated_at"`
	}{plain(h), msTime(h.CreatedAt), msTime(h.UpdatedAt)})
}

// dealWire is a deal as sent, its keys in the order of Deal.
type dealWire Deal

// MarshalJSON implements json.Marshaler.
func (d dealWire) MarshalJSON() ([]byte, error) {
	return json.Marshal(struct {
		Key              string           `json:"key"`
		AccountName      *string          `json:"account_name"`
		Amount           cents            `json:"amount"`
		CloseDate        *string          `json:"close_date"`
		ContactFirstName *string          `json:"contact_first_name"`
		ContactLastName  *string          `json:"contact_last_name"`
		ExternalKey      *string          `json:"external_key"`
		Fields           []map[string]any `json:"fields"`
		GroupKey         *string          `json:"group_key"`
		LostReason       *string          `json:"lost_reason"`
		MoldKey          *string          `json:"mold_key"`
		PartnerKey       *string          `json:"partner_key"`
		Source           string           `json:"source"`
		Stage            *string          `json:"stage"`
		CustomerKey      *string          `json:"customer_key,omitempty"`
		CreatedAt        msTime           `json:"created_at"`
		UpdatedAt        msTime           `json:"updated_at"`
	}{
		d.Key, d.AccountName, cents(d.Amount), d.CloseDate, d.ContactFirstName, d.ContactLastName,
		d.ExternalKey, d.Fields, d.GroupKey, d.LostReason, d.MoldKey, d.PartnerKey, d.Source, d.Stage,
		d.CustomerKey, msTime(d.CreatedAt), msTime(d.UpdatedAt),
	})
}

// leadWire is a lead as sent, its keys in the order of Lead.
type leadWire Lead

// MarshalJSON implements json.Marshaler.
func (l leadWire) MarshalJSON() ([]byte, error) {
	return json.Marshal(struct {
		Key         string            `json:"key"`
		Amount      cents             `json:"amount"`
		Approved    bool              `json:"approved"`
		ExternalKey *string           `json:"external_key"`
		Fields      []map[string]any  `json:"fields"`
		GroupKey    *string           `json:"group_key"`
		Meta        map[string]string `json:"meta"`
		MoldKey     *string           `json:"mold_key"`
		PartnerKey  string            `json:"partner_key"`
		Status      string            `json:"status"`
		CreatedAt   msTime            `json:"created_at"`
		UpdatedAt   msTime            `json:"updated_at"`
	}{
		l.Key, cents(l.Amount), l.Approved, l.ExternalKey, l.Fields, l.GroupKey, l.Meta, l.MoldKey,
		l.PartnerKey, l.Status, msTime(l.CreatedAt), msTime(l.UpdatedAt),
	})
}

// payoutWire is a payout as sent, its keys in the order of Payout.
type payoutWire Payout

// MarshalJSON implements json.Marshaler.
func (p payoutWire) MarshalJSON() ([]byte, error) {
	return json.Marshal(struct {
		Key            string         `json:"key"`
		Amount         cents          `json:"amount"`
		Currency       string         `json:"currency"`
		Provider       map[string]any `json:"provider"`
		SentAt         *msTime        `json:"sent_at"`
		Status         string         `json:"status"`
		WithdrawalDate *msTime        `json:"withdrawal_date"`
		CreatedAt      msTime         `json:"created_at"`
		UpdatedAt      msTime         `json:"updated_at"`
	}{
		p.Key, cents(p.Amount), p.Currency, p.Provider, msPtr(p.SentAt), p.Status, msPtr(p.WithdrawalDate),
		msTime(p.CreatedAt), msTime(p.UpdatedAt),
	})
}

// programWire is a marketplace program as sent.
type programWire Program

// MarshalJSON implements json.Marshaler.
func (p programWire) MarshalJSON() ([]byte, error) {
	type plain Program
	return json.Marshal(struct {
		plain
		CreatedAt msTime `json:"created_at"`
	}{plain(p), msTime(p.CreatedAt)})
}
