package everflow

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"iter"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/affiliatekit/affiliatekit-go/internal/transport"
)

// AffiliatesService manages affiliates (partners): networks/affiliates.
type AffiliatesService service

// AccountStatus is the status of an affiliate account.
type AccountStatus string

// Affiliate account statuses.
const (
	AccountActive    AccountStatus = "active"
	AccountInactive  AccountStatus = "inactive"
	AccountPending   AccountStatus = "pending"
	AccountSuspended AccountStatus = "suspended"
)

// Affiliate is a partner of the network.
//
// Everflow's reference examples send the tier and the labels inside
// "relationship" (relationship.network_affiliate_tier_id and
// relationship.labels {total, entries}), while its schema pages show them
// at the top level. Both are read: NetworkAffiliateTierID and Labels hold
// the top-level value when there is one and the relationship's otherwise.
type Affiliate struct {
	NetworkAffiliateID int64         `json:"network_affiliate_id"`
	NetworkID          int64         `json:"network_id"`
	Name               string        `json:"name"`
	AccountStatus      AccountStatus `json:"account_status"`
	// NetworkEmployeeID is the affiliate manager.
	NetworkEmployeeID      int64  `json:"network_employee_id"`
	InternalNotes          string `json:"internal_notes"`
	HasNotifications       bool   `json:"has_notifications"`
	NetworkTrafficSourceID int64  `json:"network_traffic_source_id"`
	AccountExecutiveID     int64  `json:"account_executive_id"`
	// AdressID is spelled with one d by the API.
	AdressID                     int64  `json:"adress_id"`
	DefaultCurrencyID            string `json:"default_currency_id"`
	IsContactAddressEnabled      bool   `json:"is_contact_address_enabled"`
	EnableMediaCostTrackingLinks bool   `json:"enable_media_cost_tracking_links"`
	// TimeCreated and TimeSaved are sent as unix seconds.
	TimeCreated time.Time `json:"time_created"`
	TimeSaved   time.Time `json:"time_saved"`
	ReferrerID  int64     `json:"referrer_id"`
	// NetworkAffiliateTierID and Labels are read from the top level or,
	// failing that, from relationship (see above).
	NetworkAffiliateTierID int64    `json:"network_affiliate_tier_id"`
	Labels                 []string `json:"labels"`
	// ContactAddress is set when the read carried contact_address (the
	// reference's schema shows it on reads; its examples omit it).
	ContactAddress *ContactAddress `json:"contact_address,omitempty"`
	// Relationship holds the related objects asked for with
	// Relationship values; nil when none were sent.
	Relationship *AffiliateRelationship `json:"relationship"`
	// Other holds the top-level members this package does not model, as
	// sent. UpdateParams passes them on, so that a whole-record update
	// sends them back unchanged; MarshalJSON encodes them again.
	Other map[string]json.RawMessage `json:"-"`

	// unread lists the replaceable members (network_affiliate_tier_id,
	// labels) the decoded body carried in neither place.
	unread []string
}

// UnmarshalJSON decodes the unix-second timestamps, reads the tier and
// labels from relationship when the top level lacks them, and keeps the
// members it does not model in Other.
func (a *Affiliate) UnmarshalJSON(b []byte) error {
	type plain Affiliate
	aux := struct {
		*plain
		TimeCreated unixTime `json:"time_created"`
		TimeSaved   unixTime `json:"time_saved"`
	}{plain: (*plain)(a)}
	if err := json.Unmarshal(b, &aux); err != nil {
		return err
	}
	a.TimeCreated, a.TimeSaved = time.Time(aux.TimeCreated), time.Time(aux.TimeSaved)
	var top map[string]json.RawMessage
	if err := json.Unmarshal(b, &top); err != nil {
		return err
	}
	_, hasTier := top["network_affiliate_tier_id"]
	_, hasLabels := top["labels"]
	if r := a.Relationship; r != nil {
		if !hasTier && r.hasTier {
			a.NetworkAffiliateTierID, hasTier = r.NetworkAffiliateTierID, true
		}
		if !hasLabels && r.Labels != nil {
			a.Labels, hasLabels = slices.Clone(r.Labels.Entries), true
			if a.Labels == nil {
				a.Labels = []string{}
			}
		}
	}
	a.unread = nil
	if !hasTier {
		a.unread = append(a.unread, "network_affiliate_tier_id")
	}
	if !hasLabels {
		a.unread = append(a.unread, "labels")
	}
	a.Other = otherOf(top, a)
	return nil
}

// MarshalJSON encodes the affiliate with the members kept in Other.
func (a Affiliate) MarshalJSON() ([]byte, error) {
	type plain Affiliate
	b, err := json.Marshal(plain(a))
	if err != nil {
		return nil, err
	}
	return withOther(b, a.Other)
}

// AffiliateRelationship is the "relationship" object of an affiliate.
type AffiliateRelationship struct {
	AccountManager *AccountManager             `json:"account_manager"`
	Users          *Collection[*AffiliateUser] `json:"users"`
	// Billing is returned only when asked for with RelationshipBilling.
	Billing      *Billing `json:"billing"`
	EncodedValue string   `json:"encoded_value"`
	// NetworkAffiliateTierID is the affiliate's tier, where Everflow's
	// examples send it (Affiliate.NetworkAffiliateTierID copies it).
	NetworkAffiliateTierID int64 `json:"network_affiliate_tier_id"`
	// Labels are the affiliate's labels, {total, entries}. The reference
	// only shows an empty list; entries are read as label strings, and an
	// entry sent as an object is read by its "label" or "name" member.
	Labels *Collection[string] `json:"labels,omitempty"`
	// Other holds the related objects this package does not model
	// (reporting, audits, signup, ios_app_sources, ...), as sent;
	// MarshalJSON encodes them again.
	Other map[string]json.RawMessage `json:"-"`

	hasTier bool
}

// UnmarshalJSON keeps the members it does not model in Other.
func (r *AffiliateRelationship) UnmarshalJSON(b []byte) error {
	type plain AffiliateRelationship
	aux := struct {
		*plain
		Labels *Collection[flexLabel] `json:"labels"`
	}{plain: (*plain)(r)}
	if err := json.Unmarshal(b, &aux); err != nil {
		return err
	}
	r.Labels = nil
	if aux.Labels != nil {
		r.Labels = &Collection[string]{Total: aux.Labels.Total, Entries: make([]string, len(aux.Labels.Entries))}
		for i, l := range aux.Labels.Entries {
			r.Labels.Entries[i] = string(l)
		}
	}
	var m map[string]json.RawMessage
	if err := json.Unmarshal(b, &m); err != nil {
		return err
	}
	_, r.hasTier = m["network_affiliate_tier_id"]
	r.Other = otherOf(m, r)
	return nil
}

// MarshalJSON encodes the relationship with the members kept in Other.
func (r AffiliateRelationship) MarshalJSON() ([]byte, error) {
	type plain AffiliateRelationship
	b, err := json.Marshal(plain(r))
	if err != nil {
		return nil, err
	}
	return withOther(b, r.Other)
}

// flexLabel decodes a label entry: a string, or an object whose "label"
// or "name" member is the label (the entry shape is not documented).
type flexLabel string

func (l *flexLabel) UnmarshalJSON(b []byte) error {
	var s string
	if err := json.Unmarshal(b, &s); err == nil {
		*l = flexLabel(s)
		return nil
	}
	var o struct {
		Label *string `json:"label"`
		Name  *string `json:"name"`
	}
	if err := json.Unmarshal(b, &o); err != nil {
		return fmt.Errorf("label %s is neither a string nor an object", b)
	}
	switch {
	case o.Label != nil:
		*l = flexLabel(*o.Label)
	case o.Name != nil:
		*l = flexLabel(*o.Name)
	default:
		*l = ""
	}
	return nil
}

// Collection is a related list: {"total": n, "entries": [...]}.
type Collection[T any] struct {
	Total   int `json:"total"`
	Entries []T `json:"entries"`
}

// AccountManager is the network employee who manages an account.
type AccountManager struct {
	FirstName                  string `json:"first_name"`
	LastName                   string `json:"last_name"`
	Email                      string `json:"email"`
	WorkPhone                  string `json:"work_phone"`
	CellPhone                  string `json:"cell_phone"`
	InstantMessagingID         int64  `json:"instant_messaging_id"`
	InstantMessagingIdentifier string `json:"instant_messaging_identifier"`
}

// AffiliateUser is a login of an affiliate account.
type AffiliateUser struct {
	NetworkAffiliateUserID     int64         `json:"network_affiliate_user_id"`
	FirstName                  string        `json:"first_name"`
	LastName                   string        `json:"last_name"`
	Email                      string        `json:"email"`
	AccountStatus              AccountStatus `json:"account_status"`
	Title                      string        `json:"title"`
	WorkPhone                  string        `json:"work_phone"`
	CellPhone                  string        `json:"cell_phone"`
	InstantMessagingID         int64         `json:"instant_messaging_id"`
	InstantMessagingIdentifier string        `json:"instant_messaging_identifier"`
	LanguageID                 int           `json:"language_id"`
	TimezoneID                 int           `json:"timezone_id"`
	CurrencyID                 string        `json:"currency_id"`
	TimeCreated                time.Time     `json:"time_created"`
	TimeSaved                  time.Time     `json:"time_saved"`
}

// UnmarshalJSON decodes the unix-second timestamps.
func (u *AffiliateUser) UnmarshalJSON(b []byte) error {
	type plain AffiliateUser
	aux := struct {
		*plain
		TimeCreated unixTime `json:"time_created"`
		TimeSaved   unixTime `json:"time_saved"`
	}{plain: (*plain)(u)}
	if err := json.Unmarshal(b, &aux); err != nil {
		return err
	}
	u.TimeCreated, u.TimeSaved = time.Time(aux.TimeCreated), time.Time(aux.TimeSaved)
	return nil
}

// AffiliateUserParams is a user created with an affiliate.
type AffiliateUserParams struct {
	FirstName                  string        `json:"first_name"`
	LastName                   string        `json:"last_name"`
	Email                      string        `json:"email"`
	AccountStatus              AccountStatus `json:"account_status,omitempty"`
	Title                      string        `json:"title,omitempty"`
	WorkPhone                  string        `json:"work_phone,omitempty"`
	CellPhone                  string        `json:"cell_phone,omitempty"`
	InstantMessagingID         int64         `json:"instant_messaging_id,omitempty"`
	InstantMessagingIdentifier string        `json:"instant_messaging_identifier,omitempty"`
	LanguageID                 int           `json:"language_id,omitempty"`
	TimezoneID                 int           `json:"timezone_id,omitempty"`
	CurrencyID                 string        `json:"currency_id,omitempty"`
}

// Billing is an affiliate's billing setup. The API accepts it on create
// and update but does not return it on a plain GET (ask for
// RelationshipBilling).
type Billing struct {
	// BillingFrequency is e.g. "weekly", "bimonthly", "monthly" or
	// "manual".
	BillingFrequency string `json:"billing_frequency"`
	// PaymentType is e.g. "none", "paypal", "check" or "wire".
	PaymentType string          `json:"payment_type"`
	Details     *BillingDetails `json:"details,omitempty"`
	// Other holds the members this package does not model (the read
	// sends e.g. invoice_amount_threshold, tax_id,
	// is_invoice_creation_auto), as sent; they are encoded again, so a
	// billing block read and sent back in an update keeps them.
	Other map[string]json.RawMessage `json:"-"`
}

// UnmarshalJSON keeps the members it does not model in Other.
func (b *Billing) UnmarshalJSON(data []byte) error {
	type plain Billing
	if err := json.Unmarshal(data, (*plain)(b)); err != nil {
		return err
	}
	other, err := otherFields(data, b)
	b.Other = other
	return err
}

// MarshalJSON encodes the billing block with the members kept in Other.
func (b Billing) MarshalJSON() ([]byte, error) {
	type plain Billing
	out, err := json.Marshal(plain(b))
	if err != nil {
		return nil, err
	}
	return withOther(out, b.Other)
}

func (b *Billing) clone() *Billing {
	if b == nil {
		return nil
	}
	c := *b
	c.Other = cloneRaw(b.Other)
	if b.Details != nil {
		d := *b.Details
		d.Other = cloneRaw(b.Details.Other)
		c.Details = &d
	}
	return &c
}

// BillingDetails are the frequency's settings.
type BillingDetails struct {
	// DayOfMonth is the billing day of a monthly frequency.
	DayOfMonth int `json:"day_of_month,omitempty"`
	// Other holds the settings this package does not model (those of
	// other frequencies), as sent; they are encoded again.
	Other map[string]json.RawMessage `json:"-"`
}

// UnmarshalJSON keeps the members it does not model in Other.
func (d *BillingDetails) UnmarshalJSON(data []byte) error {
	type plain BillingDetails
	if err := json.Unmarshal(data, (*plain)(d)); err != nil {
		return err
	}
	other, err := otherFields(data, d)
	d.Other = other
	return err
}

// MarshalJSON encodes the details with the members kept in Other.
func (d BillingDetails) MarshalJSON() ([]byte, error) {
	type plain BillingDetails
	out, err := json.Marshal(plain(d))
	if err != nil {
		return nil, err
	}
	return withOther(out, d.Other)
}

// ContactAddress is an affiliate's postal address.
type ContactAddress struct {
	Address1      string `json:"address_1"`
	Address2      string `json:"address_2"`
	City          string `json:"city"`
	RegionCode    string `json:"region_code"`
	CountryCode   string `json:"country_code"`
	ZipPostalCode string `json:"zip_postal_code"`
}

// AffiliateListOptions filter GET networks/affiliates.
type AffiliateListOptions struct {
	ListParams
	// AccountStatus sends filter=account_status=<status>.
	AccountStatus AccountStatus
	// CreatedAfter and CreatedBefore send filter=time_created>/< (unix
	// seconds, exclusive).
	CreatedAfter  time.Time
	CreatedBefore time.Time
	// SavedAfter and SavedBefore send filter=time_saved>/<, e.g. for an
	// incremental sync.
	SavedAfter  time.Time
	SavedBefore time.Time
	// Filters adds further basic filters.
	Filters []BasicFilter
	// Relationships adds related objects to each record.
	Relationships []Relationship
}

func (o *AffiliateListOptions) query() (url.Values, error) {
	var f basicFilters
	f.eq("account_status", string(o.AccountStatus))
	f.after("time_created", o.CreatedAfter)
	f.before("time_created", o.CreatedBefore)
	f.after("time_saved", o.SavedAfter)
	f.before("time_saved", o.SavedBefore)
	q, err := f.query(o.Filters)
	if err != nil {
		return nil, err
	}
	addRelationships(q, o.Relationships)
	return q, nil
}

// List iterates over the affiliates matching opts, fetching pages of up to
// MaxPerPage as the loop advances.
func (s *AffiliatesService) List(ctx context.Context, opts ...*AffiliateListOptions) iter.Seq2[*Affiliate, error] {
	return list(ctx, opts, s.ListPage)
}

// ListPage fetches the page opts.Page (default 1) of affiliates: GET
// networks/affiliates.
func (s *AffiliatesService) ListPage(ctx context.Context, opts *AffiliateListOptions) ([]*Affiliate, *Response, error) {
	o := copyOpts(opts)
	q, err := o.query()
	if err != nil {
		return nil, nil, fmt.Errorf("everflow: GET networks/affiliates: %w", err)
	}
	return fetchPage[Affiliate](ctx, s.client, pageRequest{
		method: http.MethodGet, path: "networks/affiliates", key: "affiliates", query: q,
	}, &o.ListParams)
}

// AffiliateSearchOptions are the search terms and filters of POST
// networks/affiliatestable.
type AffiliateSearchOptions struct {
	ListParams
	SearchTerms []SearchTerm
	Filters     AffiliateTableFilters
}

// AffiliateTableFilters are the typed filters of the affiliate search.
type AffiliateTableFilters struct {
	AccountStatus               AccountStatus `json:"account_status,omitempty"`
	AccountManagerIDs           []int64       `json:"account_manager_ids,omitempty"`
	NetworkAccountExecutivesIDs []int64       `json:"network_account_executives_ids,omitempty"`
	BillingFrequency            string        `json:"billing_frequency,omitempty"`
	PaymentType                 string        `json:"payment_type,omitempty"`
	Labels                      []string      `json:"labels,omitempty"`
	// RanTrafficInLastHours keeps affiliates with traffic in that many
	// past hours.
	RanTrafficInLastHours    int      `json:"ran_traffic_in_last_hours,omitempty"`
	NetworkTrackingDomainIDs []int64  `json:"network_tracking_domain_ids,omitempty"`
	CountryCodes             []string `json:"country_codes,omitempty"`
}

type tableBody[F any] struct {
	SearchTerms []SearchTerm `json:"search_terms,omitempty"`
	Filters     F            `json:"filters"`
}

// Search iterates over the affiliates matching a table search.
func (s *AffiliatesService) Search(ctx context.Context, opts ...*AffiliateSearchOptions) iter.Seq2[*Affiliate, error] {
	return list(ctx, opts, s.SearchPage)
}

// SearchPage fetches one page of a table search: POST
// networks/affiliatestable (paging in the query string). The search only
// reads, so it is retried like a GET.
func (s *AffiliatesService) SearchPage(ctx context.Context, opts *AffiliateSearchOptions) ([]*Affiliate, *Response, error) {
	o := copyOpts(opts)
	return fetchPage[Affiliate](ctx, s.client, pageRequest{
		method: http.MethodPost, path: "networks/affiliatestable", key: "affiliates",
		body: tableBody[AffiliateTableFilters]{SearchTerms: o.SearchTerms, Filters: o.Filters},
	}, &o.ListParams)
}

// Get returns one affiliate: GET networks/affiliates/{id}. Pass [WithRelationships]
// to include related objects (?relationship=...).
func (s *AffiliatesService) Get(ctx context.Context, id int64, opts ...RequestOption) (*Affiliate, error) {
	a := new(Affiliate)
	path := transport.Join("networks/affiliates/%s", strconv.FormatInt(id, 10))
	if _, err := s.client.do(ctx, &transport.Request{Method: http.MethodGet, Path: path}, transport.Record(a, "network_affiliate_id", func(v *Affiliate) bool { return v.NetworkAffiliateID != 0 }), opts...); err != nil {
		return nil, err
	}
	return a, nil
}

// AffiliateCreateParams is the body of POST networks/affiliates.
type AffiliateCreateParams struct {
	// Name is required.
	Name string `json:"name"`
	// AccountStatus is active or inactive.
	AccountStatus AccountStatus `json:"account_status,omitempty"`
	// NetworkEmployeeID is the affiliate manager.
	NetworkEmployeeID            int64                 `json:"network_employee_id,omitempty"`
	DefaultCurrencyID            string                `json:"default_currency_id,omitempty"`
	InternalNotes                string                `json:"internal_notes,omitempty"`
	EnableMediaCostTrackingLinks bool                  `json:"enable_media_cost_tracking_links,omitempty"`
	ReferrerID                   int64                 `json:"referrer_id,omitempty"`
	IsContactAddressEnabled      bool                  `json:"is_contact_address_enabled,omitempty"`
	ContactAddress               *ContactAddress       `json:"contact_address,omitempty"`
	NetworkAffiliateTierID       int64                 `json:"network_affiliate_tier_id,omitempty"`
	Labels                       []string              `json:"labels,omitempty"`
	Users                        []AffiliateUserParams `json:"users,omitempty"`
	// Billing is optional in the reference docs but required by the API in
	// practice; {BillingFrequency: "monthly", PaymentType: "none",
	// Details: &BillingDetails{DayOfMonth: 1}} matches the UI's defaults.
	Billing *Billing `json:"billing,omitempty"`
	// Notification, when set, sends ?notification=true|false: whether
	// Everflow emails the new affiliate a welcome message.
	Notification *bool `json:"-"`
}

// Create adds an affiliate. It is not retried after it may have reached
// the server.
func (s *AffiliatesService) Create(ctx context.Context, params *AffiliateCreateParams, opts ...RequestOption) (*Affiliate, error) {
	if params == nil || strings.TrimSpace(params.Name) == "" {
		return nil, errors.New("everflow: create affiliate: Name is required")
	}
	var q url.Values
	if params.Notification != nil {
		q = url.Values{"notification": {strconv.FormatBool(*params.Notification)}}
	}
	a := new(Affiliate)
	req := &transport.Request{Method: http.MethodPost, Path: "networks/affiliates", Query: q, Body: params}
	if _, err := s.client.do(ctx, req, transport.Record(a, "network_affiliate_id", func(v *Affiliate) bool { return v.NetworkAffiliateID != 0 }), opts...); err != nil {
		return nil, err
	}
	return a, nil
}

// AffiliateUpdateParams is the body of PUT networks/affiliates/{id}.
//
// The update is a full replacement: every field is sent, and a field left
// empty here is reset on the server. Build the params from the current
// record, read with a relationship (Everflow sends the tier and labels
// inside relationship, and billing only when asked for), and change what
// you need:
//
//	a, err := client.Affiliates.Get(ctx, id, everflow.WithRelationships(everflow.RelationshipBilling))
//	// handle err
//	p := a.UpdateParams()
//	p.AccountStatus = everflow.AccountInactive
//	a, err = client.Affiliates.Update(ctx, id, p)
type AffiliateUpdateParams struct {
	Name                         string          `json:"name"`
	AccountStatus                AccountStatus   `json:"account_status"`
	NetworkEmployeeID            int64           `json:"network_employee_id"`
	DefaultCurrencyID            string          `json:"default_currency_id"`
	InternalNotes                string          `json:"internal_notes"`
	EnableMediaCostTrackingLinks bool            `json:"enable_media_cost_tracking_links"`
	ReferrerID                   int64           `json:"referrer_id"`
	IsContactAddressEnabled      bool            `json:"is_contact_address_enabled"`
	ContactAddress               *ContactAddress `json:"contact_address,omitempty"`
	NetworkAffiliateTierID       int64           `json:"network_affiliate_tier_id"`
	Labels                       []string        `json:"labels"`
	// Billing is write-only: Get returns it only with RelationshipBilling,
	// and UpdateParams copies it from there, members this package does
	// not model included. The API requires it in practice.
	Billing *Billing `json:"billing,omitempty"`
	// Other holds further top-level members to send: UpdateParams fills
	// it with the record's members this package does not model, so the
	// replacement keeps them. A typed field wins over a member of the
	// same name here.
	Other map[string]json.RawMessage `json:"-"`

	// unread lists the members the record was read without (see
	// Affiliate.unread); Update refuses to reset them.
	unread []string
}

// MarshalJSON encodes the params with the members of Other.
func (p AffiliateUpdateParams) MarshalJSON() ([]byte, error) {
	type plain AffiliateUpdateParams
	b, err := json.Marshal(plain(p))
	if err != nil {
		return nil, err
	}
	return withOther(b, p.Other)
}

// UpdateParams returns the params that replace the affiliate with its
// current state, for the get-modify-put pattern Update needs: every
// member read is sent back, the ones this package does not model (Other)
// included, and the tier and labels wherever Everflow sent them. Billing
// is filled only when the affiliate was fetched with RelationshipBilling.
// ContactAddress is copied when the read carried it; Everflow's examples
// do not return it, so when IsContactAddressEnabled is true and the
// address is nil, set it again before Update, which refuses to send the
// flag without the address it would erase.
func (a *Affiliate) UpdateParams() *AffiliateUpdateParams {
	p := &AffiliateUpdateParams{
		Name:                         a.Name,
		AccountStatus:                a.AccountStatus,
		NetworkEmployeeID:            a.NetworkEmployeeID,
		DefaultCurrencyID:            a.DefaultCurrencyID,
		InternalNotes:                a.InternalNotes,
		EnableMediaCostTrackingLinks: a.EnableMediaCostTrackingLinks,
		ReferrerID:                   a.ReferrerID,
		IsContactAddressEnabled:      a.IsContactAddressEnabled,
		NetworkAffiliateTierID:       a.NetworkAffiliateTierID,
		Labels:                       slices.Clone(a.Labels),
		Other:                        cloneRaw(a.Other),
		unread:                       slices.Clone(a.unread),
	}
	if a.ContactAddress != nil {
		c := *a.ContactAddress
		p.ContactAddress = &c
	}
	if a.Relationship != nil {
		p.Billing = a.Relationship.Billing.clone()
	}
	return p
}

// resets names the members the params would reset because the record
// they came from was read without them and they were not set since.
func (p *AffiliateUpdateParams) resets() []string {
	var out []string
	for _, name := range p.unread {
		switch {
		case name == "network_affiliate_tier_id" && p.NetworkAffiliateTierID == 0,
			name == "labels" && p.Labels == nil:
			out = append(out, name)
		}
	}
	return out
}

// Update replaces the affiliate with the given id: PUT
// networks/affiliates/{id}. See AffiliateUpdateParams for the
// get-modify-put pattern.
func (s *AffiliatesService) Update(ctx context.Context, id int64, params *AffiliateUpdateParams, opts ...RequestOption) (*Affiliate, error) {
	if params == nil || strings.TrimSpace(params.Name) == "" {
		return nil, errors.New("everflow: update affiliate: Name is required (the update replaces the whole record; start from Affiliate.UpdateParams)")
	}
	if params.IsContactAddressEnabled && params.ContactAddress == nil {
		return nil, errors.New("everflow: update affiliate: IsContactAddressEnabled without a ContactAddress would erase the address (the update replaces the whole record, and the address was not read back): set ContactAddress, or clear IsContactAddressEnabled")
	}
	if r := params.resets(); len(r) > 0 {
		return nil, fmt.Errorf("everflow: update affiliate: the affiliate was read without %s, which the update would reset (Everflow sends the tier and labels inside relationship): Get it with a relationship such as RelationshipBilling, or set NetworkAffiliateTierID and Labels", strings.Join(r, " and "))
	}
	a := new(Affiliate)
	path := transport.Join("networks/affiliates/%s", strconv.FormatInt(id, 10))
	if _, err := s.client.do(ctx, &transport.Request{Method: http.MethodPut, Path: path, Body: params}, transport.Record(a, "network_affiliate_id", func(v *Affiliate) bool { return v.NetworkAffiliateID != 0 }), opts...); err != nil {
		return nil, err
	}
	return a, nil
}
