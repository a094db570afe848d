package everflow

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"iter"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/affiliatekit/affiliatekit-go/internal/fieldcopy"
	"github.com/affiliatekit/affiliatekit-go/internal/tolerant"
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
		TimeCreated *tolerant.Unix             `json:"time_created"`
		TimeSaved   *tolerant.Unix             `json:"time_saved"`
		Tier        tolerant.Present[int64]    `json:"network_affiliate_tier_id"`
		Labels      tolerant.Present[[]string] `json:"labels"`
	}{(*plain)(a), (*tolerant.Unix)(&a.TimeCreated), (*tolerant.Unix)(&a.TimeSaved),
		tolerant.Present[int64]{P: &a.NetworkAffiliateTierID}, tolerant.Present[[]string]{P: &a.Labels}}
	if err := tolerant.UnmarshalRest(b, &aux, &a.Other); err != nil {
		return err
	}
	a.unread = a.fromRelationship(aux.Tier.Set, aux.Labels.Set)
	return nil
}

// fromRelationship takes the tier and labels the top level lacked from
// relationship, and returns the names of those found in neither place.
func (a *Affiliate) fromRelationship(hasTier, hasLabels bool) (unread []string) {
	if r := a.Relationship; r != nil && !hasTier && r.hasTier {
		a.NetworkAffiliateTierID, hasTier = r.NetworkAffiliateTierID, true
	}
	if r := a.Relationship; r != nil && !hasLabels && r.Labels != nil {
		a.Labels, hasLabels = append([]string{}, r.Labels.Entries...), true
	}
	if !hasTier {
		unread = append(unread, "network_affiliate_tier_id")
	}
	if !hasLabels {
		unread = append(unread, "labels")
	}
	return unread
}

// MarshalJSON encodes the affiliate with the members kept in Other.
func (a Affiliate) MarshalJSON() ([]byte, error) {
	type plain Affiliate
	return tolerant.MarshalRest(plain(a), a.Other)
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
		Tier   tolerant.Present[int64] `json:"network_affiliate_tier_id"`
		Labels labels                  `json:"labels"`
	}{(*plain)(r), tolerant.Present[int64]{P: &r.NetworkAffiliateTierID}, labels{&r.Labels}}
	err := tolerant.UnmarshalRest(b, &aux, &r.Other)
	r.hasTier = aux.Tier.Set
	return err
}

// MarshalJSON encodes the relationship with the members kept in Other.
func (r AffiliateRelationship) MarshalJSON() ([]byte, error) {
	type plain AffiliateRelationship
	return tolerant.MarshalRest(plain(r), r.Other)
}

// labels decodes a {total, entries} list of labels into the collection
// p points to (nil for null).
type labels struct{ p **Collection[string] }

func (l labels) UnmarshalJSON(b []byte) error {
	var c *Collection[label]
	err := json.Unmarshal(b, &c)
	*l.p = labelStrings(c)
	return err
}

// labelStrings returns the collection with its labels as strings.
func labelStrings(c *Collection[label]) *Collection[string] {
	if c == nil {
		return nil
	}
	out := &Collection[string]{Total: c.Total, Entries: make([]string, len(c.Entries))}
	for i, e := range c.Entries {
		out.Entries[i] = string(e)
	}
	return out
}

// label decodes a label entry: a string, or an object whose "label" or
// "name" member is the label (the entry shape is not documented).
type label string

func (l *label) UnmarshalJSON(b []byte) error {
	var o struct {
		Label *string `json:"label"`
		Name  *string `json:"name"`
	}
	switch {
	case json.Unmarshal(b, (*string)(l)) == nil:
	case json.Unmarshal(b, &o) != nil:
		return fmt.Errorf("label %s is neither a string nor an object", b)
	case o.Label != nil:
		*l = label(*o.Label)
	case o.Name != nil:
		*l = label(*o.Name)
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
	return json.Unmarshal(b, &struct {
		*plain
		TimeCreated *tolerant.Unix `json:"time_created"`
		TimeSaved   *tolerant.Unix `json:"time_saved"`
	}{(*plain)(u), (*tolerant.Unix)(&u.TimeCreated), (*tolerant.Unix)(&u.TimeSaved)})
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
	return tolerant.UnmarshalRest(data, (*plain)(b), &b.Other)
}

// MarshalJSON encodes the billing block with the members kept in Other.
func (b Billing) MarshalJSON() ([]byte, error) {
	type plain Billing
	return tolerant.MarshalRest(plain(b), b.Other)
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
	return tolerant.UnmarshalRest(data, (*plain)(d), &d.Other)
}

// MarshalJSON encodes the details with the members kept in Other.
func (d BillingDetails) MarshalJSON() ([]byte, error) {
	type plain BillingDetails
	return tolerant.MarshalRest(plain(d), d.Other)
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

func (o *AffiliateListOptions) filters() basicFilters {
	return basicFilters(nil).eq("account_status", string(o.AccountStatus)).
		after("time_created", o.CreatedAfter).before("time_created", o.CreatedBefore).
		after("time_saved", o.SavedAfter).before("time_saved", o.SavedBefore).with(o.Filters)
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
	return getPage[Affiliate](ctx, s.client, "networks/affiliates", "affiliates", o.filters(), o.Relationships, &o.ListParams)
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
	body := tableBody[AffiliateTableFilters]{SearchTerms: o.SearchTerms, Filters: o.Filters}
	return postPage[Affiliate](ctx, s.client, "networks/affiliatestable", "affiliates", body, nil, &o.ListParams)
}

// Get returns one affiliate: GET networks/affiliates/{id}. Pass [WithRelationships]
// to include related objects (?relationship=...).
func (s *AffiliatesService) Get(ctx context.Context, id int64, opts ...RequestOption) (*Affiliate, error) {
	return record(ctx, s.client, get(transport.Join("networks/affiliates/%s", id)), affiliateRecord, opts)
}

func affiliateRecord(a *Affiliate) *transport.Checked[Affiliate] {
	return transport.Record(a, "network_affiliate_id", func(v *Affiliate) bool { return v.NetworkAffiliateID != 0 })
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
	r := post("networks/affiliates", params)
	if params.Notification != nil {
		r.Query = url.Values{"notification": {strconv.FormatBool(*params.Notification)}}
	}
	return record(ctx, s.client, r, affiliateRecord, opts)
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
	return tolerant.MarshalRest(plain(p), p.Other)
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
	p := &AffiliateUpdateParams{Billing: a.Relationship.billing(), unread: slices.Clone(a.unread)}
	fieldcopy.Copy(p, a)
	return p
}

// billing returns a copy of the billing block, nil when none was read.
func (r *AffiliateRelationship) billing() *Billing {
	if r == nil {
		return nil
	}
	return fieldcopy.Clone(r.Billing)
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
	if err := params.check(); err != nil {
		return nil, fmt.Errorf("everflow: update affiliate: %w", err)
	}
	return record(ctx, s.client, put(transport.Join("networks/affiliates/%s", id), params), affiliateRecord, opts)
}

func (p *AffiliateUpdateParams) check() error {
	switch {
	case p == nil || strings.TrimSpace(p.Name) == "":
		//lint:ignore ST1005 the message starts with the Go field's name
		return errors.New("Name is required (the update replaces the whole record; start from Affiliate.UpdateParams)")
	case p.IsContactAddressEnabled && p.ContactAddress == nil:
		return errors.New("IsContactAddressEnabled without a ContactAddress would erase the address (the update replaces the whole record, and the address was not read back): set ContactAddress, or clear IsContactAddressEnabled")
	case len(p.resets()) > 0:
		return fmt.Errorf("the affiliate was read without %s, which the update would reset (Everflow sends the tier and labels inside relationship): Get it with a relationship such as RelationshipBilling, or set NetworkAffiliateTierID and Labels", strings.Join(p.resets(), " and "))
	}
	return nil
}
