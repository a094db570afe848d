package everflow

import (
	"context"
	"encoding/json"
	"iter"
	"time"

	"github.com/affiliatekit/affiliatekit-go/internal/money"
	"github.com/affiliatekit/affiliatekit-go/internal/tolerant"
	"github.com/affiliatekit/affiliatekit-go/internal/transport"
)

// OffersService manages offers: networks/offers.
type OffersService service

// OfferStatus is the status of an offer.
type OfferStatus string

// Offer statuses.
const (
	OfferActive  OfferStatus = "active"
	OfferPaused  OfferStatus = "paused"
	OfferPending OfferStatus = "pending"
	OfferDeleted OfferStatus = "deleted"
)

// Visibility says which affiliates may run an offer.
type Visibility string

// Offer visibilities.
const (
	VisibilityPublic          Visibility = "public"
	VisibilityRequireApproval Visibility = "require_approval"
	VisibilityPrivate         Visibility = "private"
)

// Offer is something the network's affiliates promote for an advertiser.
// Money amounts (the payout and revenue caps, and the amounts of the
// payout_revenue relationship) are exact decimals in full currency units
// of CurrencyID, not cents, and carry that currency; they encode back as
// the read sent them.
type Offer struct {
	NetworkOfferID          int64       `json:"network_offer_id"`
	NetworkID               int64       `json:"network_id"`
	NetworkAdvertiserID     int64       `json:"network_advertiser_id"`
	NetworkOfferGroupID     int64       `json:"network_offer_group_id"`
	Name                    string      `json:"name"`
	OfferStatus             OfferStatus `json:"offer_status"`
	Visibility              Visibility  `json:"visibility"`
	CurrencyID              string      `json:"currency_id"`
	DestinationURL          string      `json:"destination_url"`
	PreviewURL              string      `json:"preview_url"`
	ThumbnailURL            string      `json:"thumbnail_url"`
	HTMLDescription         string      `json:"html_description"`
	IsDescriptionPlainText  bool        `json:"is_description_plain_text"`
	InternalNotes           string      `json:"internal_notes"`
	NetworkCategoryID       int64       `json:"network_category_id"`
	ProjectID               string      `json:"project_id"`
	NetworkTrackingDomainID int64       `json:"network_tracking_domain_id"`
	AppIdentifier           string      `json:"app_identifier"`
	// DateLiveUntil is nil when unset (the API sends "").
	DateLiveUntil *time.Time `json:"date_live_until"`

	CapsTimezoneID       int    `json:"caps_timezone_id"`
	IsCapsEnabled        bool   `json:"is_caps_enabled"`
	DailyConversionCap   int64  `json:"daily_conversion_cap"`
	WeeklyConversionCap  int64  `json:"weekly_conversion_cap"`
	MonthlyConversionCap int64  `json:"monthly_conversion_cap"`
	GlobalConversionCap  int64  `json:"global_conversion_cap"`
	DailyPayoutCap       Amount `json:"daily_payout_cap"`
	WeeklyPayoutCap      Amount `json:"weekly_payout_cap"`
	MonthlyPayoutCap     Amount `json:"monthly_payout_cap"`
	GlobalPayoutCap      Amount `json:"global_payout_cap"`
	DailyRevenueCap      Amount `json:"daily_revenue_cap"`
	WeeklyRevenueCap     Amount `json:"weekly_revenue_cap"`
	MonthlyRevenueCap    Amount `json:"monthly_revenue_cap"`
	GlobalRevenueCap     Amount `json:"global_revenue_cap"`
	DailyClickCap        int64  `json:"daily_click_cap"`
	WeeklyClickCap       int64  `json:"weekly_click_cap"`
	MonthlyClickCap      int64  `json:"monthly_click_cap"`
	GlobalClickCap       int64  `json:"global_click_cap"`

	ConversionMethod  string `json:"conversion_method"`
	RedirectMode      string `json:"redirect_mode"`
	SessionDefinition string `json:"session_definition"`
	SessionDuration   int    `json:"session_duration"`
	AttributionMethod string `json:"attribution_method"`

	IsUsingExplicitTermsAndConditions bool   `json:"is_using_explicit_terms_and_conditions"`
	TermsAndConditions                string `json:"terms_and_conditions"`
	IsForceTermsAndConditions         bool   `json:"is_force_terms_and_conditions"`
	IsUsingSuppressionList            bool   `json:"is_using_suppression_list"`
	SuppressionListID                 int64  `json:"suppression_list_id"`
	IsUseDirectLinking                bool   `json:"is_use_direct_linking"`

	// TrackingURL and ImpressionTrackingURL are set in the affiliate's
	// view of an offer.
	TrackingURL           string `json:"tracking_url"`
	ImpressionTrackingURL string `json:"impression_tracking_url"`

	// TimeCreated and TimeSaved are sent as unix seconds.
	TimeCreated  time.Time          `json:"time_created"`
	TimeSaved    time.Time          `json:"time_saved"`
	Relationship *OfferRelationship `json:"relationship"`
	// Other holds the top-level members this package does not model
	// (server_side_url, redirect_routing_method, ...), as sent.
	// UpdateParams passes them on, so that a whole-record update sends
	// them back unchanged; MarshalJSON encodes them again.
	Other map[string]json.RawMessage `json:"-"`
}

// caps returns the offer's cap amounts.
func (o *Offer) caps() []*Amount {
	return []*Amount{&o.DailyPayoutCap, &o.WeeklyPayoutCap, &o.MonthlyPayoutCap, &o.GlobalPayoutCap,
		&o.DailyRevenueCap, &o.WeeklyRevenueCap, &o.MonthlyRevenueCap, &o.GlobalRevenueCap}
}

// writable makes each amount what Everflow's writes take, in place: a
// null one zero, all in full currency units (see inMajorUnits).
func writable(amounts ...*Amount) error {
	nullAsZero(amounts...)
	return inMajorUnits(amounts...)
}

// nullAsZero turns each null amount into zero, in place: Everflow's
// writes take a number.
func nullAsZero(amounts ...*Amount) {
	for _, a := range amounts {
		if a.IsNull() {
			*a = Amount{}
		}
	}
}

// inMajorUnits makes each amount encode in full currency units, in place:
// Everflow reads every amount as a decimal in major units, so an amount
// built from minor units (AmountFromMinorUnits(2500, 2, "USD"), whose
// JSON is 2500) is sent as 25.00. An amount read from Everflow or parsed
// from decimal text already encodes its value and is left as it is.
func inMajorUnits(amounts ...*Amount) error {
	for _, a := range amounts {
		if a.IsNull() {
			continue
		}
		b, err := a.MarshalJSON()
		if err != nil {
			return err
		}
		var wire Amount
		if err := wire.UnmarshalJSON(b); err != nil {
			return err
		}
		if c, err := wire.Cmp(*a); err == nil && c == 0 {
			continue
		}
		major, err := money.ParseDecimal(a.String(), a.Currency())
		if err != nil {
			return err
		}
		*a = major
	}
	return nil
}

// MarshalJSON encodes the offer with the members kept in Other.
func (o Offer) MarshalJSON() ([]byte, error) {
	type plain Offer
	if err := inMajorUnits(o.caps()...); err != nil {
		return nil, err
	}
	return tolerant.MarshalRest(plain(o), o.Other)
}

// UnmarshalJSON decodes the unix-second timestamps and the optional date,
// gives the amounts (the payout_revenue entries' included) the offer's
// currency and keeps the members it does not model in Other.
func (o *Offer) UnmarshalJSON(b []byte) error {
	type plain Offer
	err := tolerant.UnmarshalRest(b, &struct {
		*plain
		TimeCreated   *tolerant.Unix        `json:"time_created"`
		TimeSaved     *tolerant.Unix        `json:"time_saved"`
		DateLiveUntil tolerant.OptionalDate `json:"date_live_until"`
	}{(*plain)(o), (*tolerant.Unix)(&o.TimeCreated), (*tolerant.Unix)(&o.TimeSaved), tolerant.OptionalDate{P: &o.DateLiveUntil}}, &o.Other)
	o.setCurrency()
	return err
}

// setCurrency gives the cap amounts and those of the payout_revenue
// entries the offer's currency.
func (o *Offer) setCurrency() {
	money.SetCurrency(o.CurrencyID, o.caps()...)
	if r := o.Relationship; r != nil && r.PayoutRevenue != nil {
		for _, e := range r.PayoutRevenue.Entries {
			if e != nil {
				money.SetCurrency(o.CurrencyID, &e.PayoutAmount, &e.RevenueAmount)
			}
		}
	}
}

// OfferRelationship is the "relationship" object of an offer.
type OfferRelationship struct {
	// OfferAffiliateStatus is the affiliate's access in an affiliate's
	// view of an offer.
	OfferAffiliateStatus string `json:"offer_affiliate_status,omitempty"`
	// PayoutRevenue lists the offer's payouts and revenues (the base
	// conversion and its events), asked for with
	// RelationshipPayoutRevenue.
	PayoutRevenue *Collection[*PayoutRevenue] `json:"payout_revenue,omitempty"`
	// Advertiser is the offer's advertiser, asked for with
	// RelationshipAdvertiser: the advertiser record, as the
	// relationship.advertiser object of Everflow's offer group example
	// (https://developers.everflow.io/api-reference/get-networksoffergroups)
	// shows it. Members it lacks read as zero values.
	Advertiser *Advertiser `json:"advertiser,omitempty"`
	// OfferGroup is the offer's group, asked for with
	// RelationshipOfferGroup; absent when the offer has none.
	OfferGroup *OfferGroup `json:"offer_group,omitempty"`
	// Other holds the related objects this package does not model
	// (visibility, custom_cap_settings, redirects, targeting, ...: the
	// reference lists them without their shapes), as sent; MarshalJSON
	// encodes them again.
	Other map[string]json.RawMessage `json:"-"`
}

// UnmarshalJSON keeps the members it does not model in Other.
func (r *OfferRelationship) UnmarshalJSON(b []byte) error {
	type plain OfferRelationship
	return tolerant.UnmarshalRest(b, (*plain)(r), &r.Other)
}

// MarshalJSON encodes the relationship with the members kept in Other.
func (r OfferRelationship) MarshalJSON() ([]byte, error) {
	type plain OfferRelationship
	return tolerant.MarshalRest(plain(r), r.Other)
}

// PayoutRevenue is one payout and revenue entry of an offer: the base
// conversion (IsDefault) or an event. The members are those of the
// payout_revenue object in Everflow's Custom Payout & Revenue examples
// (https://developers.everflow.io/docs/network/custom_payout_revenues);
// that example is cut short in the stored reference, so members past the
// ones modelled here are kept in Other.
//
// PayoutAmount and RevenueAmount are exact decimals in full currency units
// of the offer's currency (read through an Offer, they carry it); the
// percentages are kept as the JSON numbers sent.
type PayoutRevenue struct {
	NetworkOfferPayoutRevenueID int64  `json:"network_offer_payout_revenue_id"`
	NetworkID                   int64  `json:"network_id"`
	NetworkOfferID              int64  `json:"network_offer_id"`
	EntryName                   string `json:"entry_name"`
	// PayoutType is e.g. cpa, cpc, cpm, cps, cpa_cps or prv.
	PayoutType       string      `json:"payout_type"`
	PayoutAmount     Amount      `json:"payout_amount"`
	PayoutPercentage json.Number `json:"payout_percentage"`
	// RevenueType is e.g. rpa, rpc, rpm, rps or rpa_rps.
	RevenueType       string      `json:"revenue_type"`
	RevenueAmount     Amount      `json:"revenue_amount"`
	RevenuePercentage json.Number `json:"revenue_percentage"`
	// IsDefault marks the base conversion.
	IsDefault                      bool  `json:"is_default"`
	IsPrivate                      bool  `json:"is_private"`
	IsPostbackDisabled             bool  `json:"is_postback_disabled"`
	IsEnforceCaps                  bool  `json:"is_enforce_caps"`
	GlobalAdvertiserEventID        int64 `json:"global_advertiser_event_id"`
	IsMustApproveConversion        bool  `json:"is_must_approve_conversion"`
	IsAllowDuplicateConversion     bool  `json:"is_allow_duplicate_conversion"`
	IsEmailAttributionDefaultEvent bool  `json:"is_email_attribution_default_event"`
	// TimeCreated is sent as unix seconds.
	TimeCreated time.Time `json:"time_created"`
	// Other holds the members this package does not model, as sent.
	Other map[string]json.RawMessage `json:"-"`
}

// UnmarshalJSON decodes the unix-second timestamp and keeps the members
// it does not model in Other. A missing amount reads as zero, a null one
// as a null Amount; a missing or null percentage reads as "".
func (p *PayoutRevenue) UnmarshalJSON(b []byte) error {
	type plain PayoutRevenue
	return tolerant.UnmarshalRest(b, &struct {
		*plain
		TimeCreated *tolerant.Unix `json:"time_created"`
	}{(*plain)(p), (*tolerant.Unix)(&p.TimeCreated)}, &p.Other)
}

// MarshalJSON encodes the entry with the members kept in Other. A null
// amount and an empty percentage are encoded as 0.
func (p PayoutRevenue) MarshalJSON() ([]byte, error) {
	type plain PayoutRevenue
	if err := p.writable(); err != nil {
		return nil, err
	}
	return tolerant.MarshalRest(plain(p), p.Other)
}

// writable makes the entry what Everflow's writes take, in place: null
// amounts and empty percentages zero, the amounts in full currency units.
func (p *PayoutRevenue) writable() error {
	p.PayoutPercentage, p.RevenuePercentage = orZero(p.PayoutPercentage), orZero(p.RevenuePercentage)
	return writable(&p.PayoutAmount, &p.RevenueAmount)
}

// orZero returns n, or 0 for an empty number.
func orZero(n json.Number) json.Number {
	if n == "" {
		return "0"
	}
	return n
}

// OfferListOptions filter GET networks/offers.
type OfferListOptions struct {
	ListParams
	// SavedAfter and SavedBefore send filter=time_saved>/< (unix seconds,
	// exclusive), e.g. for an incremental sync.
	SavedAfter  time.Time
	SavedBefore time.Time
	// Filters adds further basic filters.
	Filters []BasicFilter
	// Relationships adds related objects to each record.
	Relationships []Relationship
}

// List iterates over the offers matching opts.
func (s *OffersService) List(ctx context.Context, opts ...*OfferListOptions) iter.Seq2[*Offer, error] {
	return list(ctx, opts, s.ListPage)
}

// ListPage fetches the page opts.Page (default 1) of offers: GET
// networks/offers.
func (s *OffersService) ListPage(ctx context.Context, opts *OfferListOptions) ([]*Offer, *Response, error) {
	o := copyOpts(opts)
	filters := basicFilters(nil).after("time_saved", o.SavedAfter).before("time_saved", o.SavedBefore).with(o.Filters)
	return getPage[Offer](ctx, s.client, "networks/offers", "offers", filters, o.Relationships, &o.ListParams)
}

// OfferSearchOptions are the search terms and filters of POST
// networks/offerstable. Search types are "name", "encoded_value" and
// "advertiser_name".
type OfferSearchOptions struct {
	ListParams
	SearchTerms []SearchTerm
	Filters     OfferTableFilters
}

// OfferTableFilters are the typed filters of the offer search.
type OfferTableFilters struct {
	NetworkAdvertiserIDs     []int64      `json:"network_advertiser_ids,omitempty"`
	NetworkOfferGroupID      int64        `json:"network_offer_group_id,omitempty"`
	NetworkCategoryIDs       []int64      `json:"network_category_ids,omitempty"`
	OfferStatus              OfferStatus  `json:"offer_status,omitempty"`
	Visibilities             []Visibility `json:"visibilities,omitempty"`
	Labels                   []string     `json:"labels,omitempty"`
	BusinessUnitIDs          []int64      `json:"business_unit_ids,omitempty"`
	AccountManagerIDs        []int64      `json:"account_manager_ids,omitempty"`
	SalesManagerIDs          []int64      `json:"sales_manager_ids,omitempty"`
	NetworkTrackingDomainIDs []int64      `json:"network_tracking_domain_ids,omitempty"`
	NetworkChannelIDs        []int64      `json:"network_channel_ids,omitempty"`
}

// Search iterates over the offers matching a table search.
func (s *OffersService) Search(ctx context.Context, opts ...*OfferSearchOptions) iter.Seq2[*Offer, error] {
	return list(ctx, opts, s.SearchPage)
}

// SearchPage fetches one page of a table search: POST
// networks/offerstable (paging in the query string). The search only
// reads, so it is retried like a GET.
func (s *OffersService) SearchPage(ctx context.Context, opts *OfferSearchOptions) ([]*Offer, *Response, error) {
	o := copyOpts(opts)
	body := tableBody[OfferTableFilters]{SearchTerms: o.SearchTerms, Filters: o.Filters}
	return postPage[Offer](ctx, s.client, "networks/offerstable", "offers", body, nil, &o.ListParams)
}

// Get returns one offer: GET networks/offers/{id}. Pass [WithRelationships]
// to include related objects (?relationship=...).
func (s *OffersService) Get(ctx context.Context, id int64, opts ...RequestOption) (*Offer, error) {
	return record(ctx, s.client, get(transport.Join("networks/offers/%s", id)), offerRecord, opts)
}

// OfferGroup is a group of offers sharing caps, with the members of
// Everflow's offer group records
// (https://developers.everflow.io/api-reference/get-networksoffergroups).
// The reference does not show the offer's offer_group relationship
// itself; it is read as such a record, and members this package does not
// model are kept in Other. Cap amounts are exact decimals in full
// currency units, encoded back as sent; the record names no currency, so
// they carry none.
type OfferGroup struct {
	NetworkOfferGroupID  int64  `json:"network_offer_group_id"`
	NetworkID            int64  `json:"network_id"`
	NetworkAdvertiserID  int64  `json:"network_advertiser_id"`
	Name                 string `json:"name"`
	InternalNotes        string `json:"internal_notes"`
	OfferGroupStatus     string `json:"offer_group_status"`
	IsCapsEnabled        bool   `json:"is_caps_enabled"`
	DailyConversionCap   int64  `json:"daily_conversion_cap"`
	WeeklyConversionCap  int64  `json:"weekly_conversion_cap"`
	MonthlyConversionCap int64  `json:"monthly_conversion_cap"`
	GlobalConversionCap  int64  `json:"global_conversion_cap"`
	DailyPayoutCap       Amount `json:"daily_payout_cap"`
	WeeklyPayoutCap      Amount `json:"weekly_payout_cap"`
	MonthlyPayoutCap     Amount `json:"monthly_payout_cap"`
	GlobalPayoutCap      Amount `json:"global_payout_cap"`
	DailyRevenueCap      Amount `json:"daily_revenue_cap"`
	WeeklyRevenueCap     Amount `json:"weekly_revenue_cap"`
	MonthlyRevenueCap    Amount `json:"monthly_revenue_cap"`
	GlobalRevenueCap     Amount `json:"global_revenue_cap"`
	DailyClickCap        int64  `json:"daily_click_cap"`
	WeeklyClickCap       int64  `json:"weekly_click_cap"`
	MonthlyClickCap      int64  `json:"monthly_click_cap"`
	GlobalClickCap       int64  `json:"global_click_cap"`
	// TimeCreated and TimeSaved are sent as unix seconds.
	TimeCreated time.Time `json:"time_created"`
	TimeSaved   time.Time `json:"time_saved"`
	// Other holds the members this package does not model (its own
	// relationship object included), as sent.
	Other map[string]json.RawMessage `json:"-"`
}

// UnmarshalJSON decodes the unix-second timestamps and keeps the members
// it does not model in Other.
func (g *OfferGroup) UnmarshalJSON(b []byte) error {
	type plain OfferGroup
	return tolerant.UnmarshalRest(b, &struct {
		*plain
		TimeCreated *tolerant.Unix `json:"time_created"`
		TimeSaved   *tolerant.Unix `json:"time_saved"`
	}{(*plain)(g), (*tolerant.Unix)(&g.TimeCreated), (*tolerant.Unix)(&g.TimeSaved)}, &g.Other)
}

// MarshalJSON encodes the group with the members kept in Other; a null
// amount is encoded as 0.
func (g OfferGroup) MarshalJSON() ([]byte, error) {
	type plain OfferGroup
	if err := writable(&g.DailyPayoutCap, &g.WeeklyPayoutCap, &g.MonthlyPayoutCap, &g.GlobalPayoutCap,
		&g.DailyRevenueCap, &g.WeeklyRevenueCap, &g.MonthlyRevenueCap, &g.GlobalRevenueCap); err != nil {
		return nil, err
	}
	return tolerant.MarshalRest(plain(g), g.Other)
}
