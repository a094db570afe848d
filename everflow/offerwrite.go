package everflow

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/affiliatekit/affiliatekit-go/internal/fieldcopy"
	"github.com/affiliatekit/affiliatekit-go/internal/tolerant"
	"github.com/affiliatekit/affiliatekit-go/internal/transport"
)

// The offer writes follow Everflow's "Update Offer" page
// (https://developers.everflow.io/api-reference/put-networksoffer): the
// body carries the offer's members at the top level and its payouts and
// revenues as a "payout_revenue" list, which a read returns as
// relationship.payout_revenue {total, entries}. The create body has the
// same members (the stored reference shows the create page's title only).

// OfferCreateParams is the body of POST networks/offers. Name,
// NetworkAdvertiserID, DestinationURL and one default PayoutRevenue entry
// (IsDefault) are required. Cap amounts are decimals in full currency
// units, sent as JSON numbers: ParseAmount("2.5", "USD") is sent as 2.5,
// AmountFromMinorUnits(250, 2, "USD") as 2.50; a zero cap is left out.
type OfferCreateParams struct {
	NetworkAdvertiserID               int64            `json:"network_advertiser_id,omitempty"`
	NetworkOfferGroupID               int64            `json:"network_offer_group_id,omitempty"`
	Name                              string           `json:"name,omitempty"`
	OfferStatus                       OfferStatus      `json:"offer_status,omitempty"`
	Visibility                        Visibility       `json:"visibility,omitempty"`
	CurrencyID                        string           `json:"currency_id,omitempty"`
	DestinationURL                    string           `json:"destination_url,omitempty"`
	PreviewURL                        string           `json:"preview_url,omitempty"`
	ThumbnailURL                      string           `json:"thumbnail_url,omitempty"`
	HTMLDescription                   string           `json:"html_description,omitempty"`
	IsDescriptionPlainText            bool             `json:"is_description_plain_text,omitempty"`
	InternalNotes                     string           `json:"internal_notes,omitempty"`
	NetworkCategoryID                 int64            `json:"network_category_id,omitempty"`
	ProjectID                         string           `json:"project_id,omitempty"`
	NetworkTrackingDomainID           int64            `json:"network_tracking_domain_id,omitempty"`
	AppIdentifier                     string           `json:"app_identifier,omitempty"`
	DateLiveUntil                     string           `json:"date_live_until,omitempty"`
	CapsTimezoneID                    int              `json:"caps_timezone_id,omitempty"`
	IsCapsEnabled                     bool             `json:"is_caps_enabled,omitempty"`
	DailyConversionCap                int64            `json:"daily_conversion_cap,omitempty"`
	WeeklyConversionCap               int64            `json:"weekly_conversion_cap,omitempty"`
	MonthlyConversionCap              int64            `json:"monthly_conversion_cap,omitempty"`
	GlobalConversionCap               int64            `json:"global_conversion_cap,omitempty"`
	DailyPayoutCap                    Amount           `json:"daily_payout_cap,omitzero"`
	WeeklyPayoutCap                   Amount           `json:"weekly_payout_cap,omitzero"`
	MonthlyPayoutCap                  Amount           `json:"monthly_payout_cap,omitzero"`
	GlobalPayoutCap                   Amount           `json:"global_payout_cap,omitzero"`
	DailyRevenueCap                   Amount           `json:"daily_revenue_cap,omitzero"`
	WeeklyRevenueCap                  Amount           `json:"weekly_revenue_cap,omitzero"`
	MonthlyRevenueCap                 Amount           `json:"monthly_revenue_cap,omitzero"`
	GlobalRevenueCap                  Amount           `json:"global_revenue_cap,omitzero"`
	DailyClickCap                     int64            `json:"daily_click_cap,omitempty"`
	WeeklyClickCap                    int64            `json:"weekly_click_cap,omitempty"`
	MonthlyClickCap                   int64            `json:"monthly_click_cap,omitempty"`
	GlobalClickCap                    int64            `json:"global_click_cap,omitempty"`
	ConversionMethod                  string           `json:"conversion_method,omitempty"`
	RedirectMode                      string           `json:"redirect_mode,omitempty"`
	SessionDefinition                 string           `json:"session_definition,omitempty"`
	SessionDuration                   int              `json:"session_duration,omitempty"`
	AttributionMethod                 string           `json:"attribution_method,omitempty"`
	IsUsingExplicitTermsAndConditions bool             `json:"is_using_explicit_terms_and_conditions,omitempty"`
	TermsAndConditions                string           `json:"terms_and_conditions,omitempty"`
	IsForceTermsAndConditions         bool             `json:"is_force_terms_and_conditions,omitempty"`
	IsUsingSuppressionList            bool             `json:"is_using_suppression_list,omitempty"`
	SuppressionListID                 int64            `json:"suppression_list_id,omitempty"`
	IsUseDirectLinking                bool             `json:"is_use_direct_linking,omitempty"`
	PayoutRevenue                     []*PayoutRevenue `json:"-"`
}

// MarshalJSON encodes the params with the payout_revenue list in its write
// form (see OfferUpdateParams.MarshalJSON).
func (p OfferCreateParams) MarshalJSON() ([]byte, error) {
	type plain OfferCreateParams
	if err := inMajorUnits(p.caps()...); err != nil {
		return nil, err
	}
	return tolerant.MarshalRest(struct {
		plain
		PayoutRevenue *[]*payoutRevenueWrite `json:"payout_revenue,omitempty"`
	}{plain(p), writeEntries(p.PayoutRevenue)}, nil)
}

// OfferUpdateParams is the body of PUT networks/offers/{id}.
//
// The update replaces the whole offer: a member left out reverts to its
// default, the payouts and revenues included. Build the params from the
// current record, read with RelationshipPayoutRevenue, and change what
// you need:
//
//	o, err := client.Offers.Get(ctx, id, everflow.WithRelationships(everflow.RelationshipPayoutRevenue))
//	// handle err
//	p := o.UpdateParams()
//	p.OfferStatus = everflow.OfferPaused
//	o, err = client.Offers.Update(ctx, id, p)
//
// Cap amounts are exact Amounts in full currency units: UpdateParams
// copies them as the read sent them (a null as 0), so no amount is
// rounded on the way back.
type OfferUpdateParams struct {
	NetworkAdvertiserID               int64       `json:"network_advertiser_id"`
	NetworkOfferGroupID               int64       `json:"network_offer_group_id"`
	Name                              string      `json:"name"`
	OfferStatus                       OfferStatus `json:"offer_status"`
	Visibility                        Visibility  `json:"visibility"`
	CurrencyID                        string      `json:"currency_id"`
	DestinationURL                    string      `json:"destination_url"`
	PreviewURL                        string      `json:"preview_url"`
	ThumbnailURL                      string      `json:"thumbnail_url"`
	HTMLDescription                   string      `json:"html_description"`
	IsDescriptionPlainText            bool        `json:"is_description_plain_text"`
	InternalNotes                     string      `json:"internal_notes"`
	NetworkCategoryID                 int64       `json:"network_category_id"`
	ProjectID                         string      `json:"project_id"`
	NetworkTrackingDomainID           int64       `json:"network_tracking_domain_id"`
	AppIdentifier                     string      `json:"app_identifier"`
	DateLiveUntil                     string      `json:"date_live_until"`
	CapsTimezoneID                    int         `json:"caps_timezone_id"`
	IsCapsEnabled                     bool        `json:"is_caps_enabled"`
	DailyConversionCap                int64       `json:"daily_conversion_cap"`
	WeeklyConversionCap               int64       `json:"weekly_conversion_cap"`
	MonthlyConversionCap              int64       `json:"monthly_conversion_cap"`
	GlobalConversionCap               int64       `json:"global_conversion_cap"`
	DailyPayoutCap                    Amount      `json:"daily_payout_cap"`
	WeeklyPayoutCap                   Amount      `json:"weekly_payout_cap"`
	MonthlyPayoutCap                  Amount      `json:"monthly_payout_cap"`
	GlobalPayoutCap                   Amount      `json:"global_payout_cap"`
	DailyRevenueCap                   Amount      `json:"daily_revenue_cap"`
	WeeklyRevenueCap                  Amount      `json:"weekly_revenue_cap"`
	MonthlyRevenueCap                 Amount      `json:"monthly_revenue_cap"`
	GlobalRevenueCap                  Amount      `json:"global_revenue_cap"`
	DailyClickCap                     int64       `json:"daily_click_cap"`
	WeeklyClickCap                    int64       `json:"weekly_click_cap"`
	MonthlyClickCap                   int64       `json:"monthly_click_cap"`
	GlobalClickCap                    int64       `json:"global_click_cap"`
	ConversionMethod                  string      `json:"conversion_method"`
	RedirectMode                      string      `json:"redirect_mode"`
	SessionDefinition                 string      `json:"session_definition"`
	SessionDuration                   int         `json:"session_duration"`
	AttributionMethod                 string      `json:"attribution_method"`
	IsUsingExplicitTermsAndConditions bool        `json:"is_using_explicit_terms_and_conditions"`
	TermsAndConditions                string      `json:"terms_and_conditions"`
	IsForceTermsAndConditions         bool        `json:"is_force_terms_and_conditions"`
	IsUsingSuppressionList            bool        `json:"is_using_suppression_list"`
	SuppressionListID                 int64       `json:"suppression_list_id"`
	IsUseDirectLinking                bool        `json:"is_use_direct_linking"`
	// PayoutRevenue is sent as the "payout_revenue" list; UpdateParams
	// copies the entries read in relationship.payout_revenue, their
	// unmodelled members included.
	PayoutRevenue []*PayoutRevenue `json:"-"`
	// Other holds further top-level members to send: UpdateParams fills
	// it with the record's members this package does not model. A typed
	// field wins over a member of the same name here.
	Other map[string]json.RawMessage `json:"-"`

	// payoutRevenueUnread is set when the record was read without its
	// payouts and revenues.
	payoutRevenueUnread bool
}

// MarshalJSON encodes the params with the members of Other and the
// payout_revenue list. The entries' time_created goes back as the unix
// seconds it was read as.
func (p OfferUpdateParams) MarshalJSON() ([]byte, error) {
	type plain OfferUpdateParams
	if err := inMajorUnits(p.caps()...); err != nil {
		return nil, err
	}
	return tolerant.MarshalRest(struct {
		plain
		PayoutRevenue *[]*payoutRevenueWrite `json:"payout_revenue,omitempty"`
	}{plain(p), writeEntries(p.PayoutRevenue)}, p.Other)
}

// caps returns the params' cap amounts.
func (p *OfferCreateParams) caps() []*Amount {
	return []*Amount{&p.DailyPayoutCap, &p.WeeklyPayoutCap, &p.MonthlyPayoutCap, &p.GlobalPayoutCap,
		&p.DailyRevenueCap, &p.WeeklyRevenueCap, &p.MonthlyRevenueCap, &p.GlobalRevenueCap}
}

// caps returns the params' cap amounts.
func (p *OfferUpdateParams) caps() []*Amount {
	return []*Amount{&p.DailyPayoutCap, &p.WeeklyPayoutCap, &p.MonthlyPayoutCap, &p.GlobalPayoutCap,
		&p.DailyRevenueCap, &p.WeeklyRevenueCap, &p.MonthlyRevenueCap, &p.GlobalRevenueCap}
}

// payoutRevenueWrite is an entry in the form the offer writes send it
// (see PayoutRevenue.writable), its time_created as unix seconds (0 when
// unset).
type payoutRevenueWrite PayoutRevenue

func (e payoutRevenueWrite) MarshalJSON() ([]byte, error) {
	type plain PayoutRevenue
	p := PayoutRevenue(e)
	if err := p.writable(); err != nil {
		return nil, err
	}
	return tolerant.MarshalRest(struct {
		plain
		TimeCreated int64 `json:"time_created"`
	}{plain(p), unixOrZero(p.TimeCreated)}, p.Other)
}

// unixOrZero returns t's unix seconds, 0 for the zero time.
func unixOrZero(t time.Time) int64 {
	if t.IsZero() {
		return 0
	}
	return t.Unix()
}

// writeEntries returns the non-nil entries in their write form; nil, which
// leaves the list out, for nil.
func writeEntries(entries []*PayoutRevenue) *[]*payoutRevenueWrite {
	if entries == nil {
		return nil
	}
	out := []*payoutRevenueWrite{}
	for _, e := range entries {
		if e != nil {
			out = append(out, (*payoutRevenueWrite)(e))
		}
	}
	return &out
}

func dateOnly(t *time.Time) string {
	if t == nil {
		return ""
	}
	return t.Format(time.DateOnly)
}

// UpdateParams returns the params that replace the offer with its current
// state: every member read is sent back, the ones this package does not
// model (Other) included, the caps as the read sent them and the payouts
// and revenues read in relationship.payout_revenue.
func (o *Offer) UpdateParams() *OfferUpdateParams {
	p := &OfferUpdateParams{DateLiveUntil: dateOnly(o.DateLiveUntil)}
	fieldcopy.Copy(p, o)
	p.PayoutRevenue, p.payoutRevenueUnread = o.Relationship.payoutRevenue()
	nullAsZero(p.caps()...)
	return p
}

// payoutRevenue returns copies of the relationship's payout and revenue
// entries, nulls dropped, or unread when it has none.
func (r *OfferRelationship) payoutRevenue() (entries []*PayoutRevenue, unread bool) {
	if r == nil || r.PayoutRevenue == nil {
		return nil, true
	}
	return transport.DropNil(append([]*PayoutRevenue{}, *fieldcopy.Clone(&r.PayoutRevenue.Entries)...)), false
}

func offerRecord(o *Offer) *transport.Checked[Offer] {
	return transport.Record(o, "network_offer_id", func(v *Offer) bool { return v.NetworkOfferID != 0 })
}

// checkPayoutRevenue reports a payout_revenue list without exactly one
// default entry, which Everflow refuses.
func checkPayoutRevenue(entries []*PayoutRevenue) error {
	n := 0
	for _, e := range entries {
		if e != nil && e.IsDefault {
			n++
		}
	}
	if n != 1 {
		return errors.New("PayoutRevenue needs exactly one entry with IsDefault (the base conversion)")
	}
	return nil
}

// Create adds an offer: POST networks/offers. It is not retried after it
// may have reached the server.
func (s *OffersService) Create(ctx context.Context, params *OfferCreateParams, opts ...RequestOption) (*Offer, error) {
	if err := params.check(); err != nil {
		return nil, fmt.Errorf("everflow: create offer: %w", err)
	}
	return record(ctx, s.client, post("networks/offers", params), offerRecord, opts)
}

func (p *OfferCreateParams) check() error {
	switch {
	case p == nil || strings.TrimSpace(p.Name) == "":
		//lint:ignore ST1005 the message starts with the Go field's name
		return errors.New("Name is required")
	case p.NetworkAdvertiserID == 0:
		return errors.New("NetworkAdvertiserID is required")
	case strings.TrimSpace(p.DestinationURL) == "":
		return errors.New("DestinationURL is required")
	}
	return checkPayoutRevenue(p.PayoutRevenue)
}

// Update replaces the offer with the given id: PUT networks/offers/{id}.
// See OfferUpdateParams for the get-modify-put pattern.
func (s *OffersService) Update(ctx context.Context, id int64, params *OfferUpdateParams, opts ...RequestOption) (*Offer, error) {
	if err := params.check(); err != nil {
		return nil, fmt.Errorf("everflow: update offer: %w", err)
	}
	return record(ctx, s.client, put(transport.Join("networks/offers/%s", id), params), offerRecord, opts)
}

func (p *OfferUpdateParams) check() error {
	switch {
	case p == nil || strings.TrimSpace(p.Name) == "":
		//lint:ignore ST1005 the message starts with the Go field's name
		return errors.New("Name is required (the update replaces the whole record; start from Offer.UpdateParams)")
	case p.payoutRevenueUnread && p.PayoutRevenue == nil:
		return errors.New("the offer was read without its payouts and revenues, which the update would reset: Get it with RelationshipPayoutRevenue, or set PayoutRevenue")
	}
	return checkPayoutRevenue(p.PayoutRevenue)
}
