package everflow

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"iter"
	"strings"
	"time"

	"github.com/affiliatekit/affiliatekit-go/internal/fieldcopy"
	"github.com/affiliatekit/affiliatekit-go/internal/tolerant"
	"github.com/affiliatekit/affiliatekit-go/internal/transport"
)

// AdvertisersService manages advertisers: networks/advertisers.
type AdvertisersService service

// Advertiser is a brand whose offers the network runs. The members are
// those of the "Get Advertiser by ID" example
// (https://developers.everflow.io/api-reference/get-networksadvertiser).
// As for affiliates, the example sends the labels inside relationship
// (relationship.labels {total, entries}); Labels holds the top-level
// value when there is one and the relationship's otherwise.
type Advertiser struct {
	NetworkAdvertiserID int64         `json:"network_advertiser_id"`
	NetworkID           int64         `json:"network_id"`
	Name                string        `json:"name"`
	AccountStatus       AccountStatus `json:"account_status"`
	// NetworkEmployeeID is the account manager.
	NetworkEmployeeID       int64  `json:"network_employee_id"`
	InternalNotes           string `json:"internal_notes"`
	AddressID               int64  `json:"address_id"`
	IsContactAddressEnabled bool   `json:"is_contact_address_enabled"`
	SalesManagerID          int64  `json:"sales_manager_id"`
	// IsExposePublisherReportingData is nil when the API sends null, as
	// its example does.
	IsExposePublisherReportingData *bool  `json:"is_expose_publisher_reporting_data"`
	DefaultCurrencyID              string `json:"default_currency_id"`
	PlatformName                   string `json:"platform_name"`
	PlatformURL                    string `json:"platform_url"`
	PlatformUsername               string `json:"platform_username"`
	ReportingTimezoneID            int    `json:"reporting_timezone_id"`
	AccountingContactEmail         string `json:"accounting_contact_email"`
	VerificationToken              string `json:"verification_token"`
	OfferIDMacro                   string `json:"offer_id_macro"`
	AffiliateIDMacro               string `json:"affiliate_id_macro"`
	// TimeCreated and TimeSaved are sent as unix seconds.
	TimeCreated time.Time `json:"time_created"`
	TimeSaved   time.Time `json:"time_saved"`
	// Labels are read from the top level or, failing that, from
	// relationship.labels.
	Labels []string `json:"labels"`
	// ContactAddress is set when the read carried contact_address.
	ContactAddress *ContactAddress `json:"contact_address,omitempty"`
	// Relationship holds the related objects asked for; nil when none
	// were sent.
	Relationship *AdvertiserRelationship `json:"relationship"`
	// Other holds the top-level members this package does not model, as
	// sent. UpdateParams passes them on, so that a whole-record update
	// sends them back unchanged; MarshalJSON encodes them again.
	Other map[string]json.RawMessage `json:"-"`

	// labelsRead says whether the body carried the labels anywhere.
	labelsRead bool
}

// UnmarshalJSON decodes the unix-second timestamps, reads the labels from
// relationship when the top level lacks them, and keeps the members it
// does not model in Other.
func (a *Advertiser) UnmarshalJSON(b []byte) error {
	type plain Advertiser
	aux := struct {
		*plain
		TimeCreated *tolerant.Unix             `json:"time_created"`
		TimeSaved   *tolerant.Unix             `json:"time_saved"`
		Labels      tolerant.Present[[]string] `json:"labels"`
	}{(*plain)(a), (*tolerant.Unix)(&a.TimeCreated), (*tolerant.Unix)(&a.TimeSaved), tolerant.Present[[]string]{P: &a.Labels}}
	err := tolerant.UnmarshalRest(b, &aux, &a.Other)
	a.labelsRead = aux.Labels.Set || a.Relationship.labelsInto(&a.Labels)
	return err
}

// labelsInto sets *dst to a copy of the relationship's labels and reports
// whether it had any.
func (r *AdvertiserRelationship) labelsInto(dst *[]string) bool {
	if r == nil || r.Labels == nil {
		return false
	}
	*dst = append([]string{}, r.Labels.Entries...)
	return true
}

// MarshalJSON encodes the advertiser with the members kept in Other.
func (a Advertiser) MarshalJSON() ([]byte, error) {
	type plain Advertiser
	return tolerant.MarshalRest(plain(a), a.Other)
}

// AdvertiserRelationship is the "relationship" object of an advertiser.
// The reference lists reporting, labels, demand_partner, billing,
// integrations, api and settings as relationship= values; its example
// shows labels, account_manager and reporting.
type AdvertiserRelationship struct {
	// Labels are the advertiser's labels, {total, entries}; an entry sent
	// as an object is read by its "label" or "name" member.
	Labels         *Collection[string] `json:"labels,omitempty"`
	AccountManager *AccountManager     `json:"account_manager,omitempty"`
	// Reporting holds the advertiser's totals, asked for with
	// RelationshipReporting.
	Reporting *AdvertiserReporting `json:"reporting,omitempty"`
	// Billing is kept as sent (asked for with RelationshipBilling): the
	// reference does not show the advertiser's billing object, so it is
	// not modelled; UpdateParams sends it back unchanged.
	Billing json.RawMessage `json:"billing,omitempty"`
	// Other holds the related objects this package does not model
	// (demand_partner, integrations, api, settings, ...), as sent;
	// MarshalJSON encodes them again.
	Other map[string]json.RawMessage `json:"-"`
}

// UnmarshalJSON keeps the members it does not model in Other.
func (r *AdvertiserRelationship) UnmarshalJSON(b []byte) error {
	type plain AdvertiserRelationship
	return tolerant.UnmarshalRest(b, &struct {
		*plain
		Labels labels `json:"labels"`
	}{(*plain)(r), labels{&r.Labels}}, &r.Other)
}

// MarshalJSON encodes the relationship with the members kept in Other.
func (r AdvertiserRelationship) MarshalJSON() ([]byte, error) {
	type plain AdvertiserRelationship
	return tolerant.MarshalRest(plain(r), r.Other)
}

// AdvertiserReporting is the "reporting" relationship: the advertiser's
// traffic totals. Counts are typed; the money metrics (payout, revenue,
// profit, ...) and rates are kept as the JSON numbers sent, in Metrics,
// so that no amount passes through a float: read a money metric with
// Amount.
type AdvertiserReporting struct {
	Imp            int64 `json:"imp"`
	TotalClick     int64 `json:"total_click"`
	UniqueClick    int64 `json:"unique_click"`
	InvalidClick   int64 `json:"invalid_click"`
	DuplicateClick int64 `json:"duplicate_click"`
	GrossClick     int64 `json:"gross_click"`
	CV             int64 `json:"cv"`
	// Metrics holds the other members as sent (ctr, invalid_cv_scrub,
	// payout, revenue, profit, ...), as sent.
	Metrics map[string]json.RawMessage `json:"-"`
}

// Amount returns the metric name ("payout", "revenue", "profit", ...) as
// an exact Amount in full currency units; the relationship names no
// currency, so it carries none. A missing metric is zero; one that is not
// a number is an error.
func (r *AdvertiserReporting) Amount(name string) (Amount, error) {
	var a Amount
	if raw, ok := r.Metrics[name]; ok {
		if err := json.Unmarshal(raw, &a); err != nil {
			return Amount{}, fmt.Errorf("everflow: reporting metric %s: %w", name, err)
		}
	}
	return a, nil
}

// UnmarshalJSON keeps the members it does not model in Metrics.
func (r *AdvertiserReporting) UnmarshalJSON(b []byte) error {
	type plain AdvertiserReporting
	return tolerant.UnmarshalRest(b, (*plain)(r), &r.Metrics)
}

// MarshalJSON encodes the totals with the members kept in Metrics.
func (r AdvertiserReporting) MarshalJSON() ([]byte, error) {
	type plain AdvertiserReporting
	return tolerant.MarshalRest(plain(r), r.Metrics)
}

// Relationships of advertisers (RelationshipReporting, RelationshipBilling
// and RelationshipAPI apply too).
const (
	RelationshipLabels        Relationship = "labels"
	RelationshipDemandPartner Relationship = "demand_partner"
	RelationshipIntegrations  Relationship = "integrations"
	RelationshipSettings      Relationship = "settings"
)

// AdvertiserListOptions filter GET networks/advertisers.
type AdvertiserListOptions struct {
	ListParams
	// AccountStatus sends filter=account_status=<status>.
	AccountStatus AccountStatus
	// SavedAfter and SavedBefore send filter=time_saved>/< (unix seconds,
	// exclusive), e.g. for an incremental sync.
	SavedAfter  time.Time
	SavedBefore time.Time
	// Filters adds further basic filters.
	Filters []BasicFilter
	// Relationships adds related objects to each record.
	Relationships []Relationship
}

// List iterates over the advertisers matching opts.
func (s *AdvertisersService) List(ctx context.Context, opts ...*AdvertiserListOptions) iter.Seq2[*Advertiser, error] {
	return list(ctx, opts, s.ListPage)
}

// ListPage fetches the page opts.Page (default 1) of advertisers: GET
// networks/advertisers. The envelope {"advertisers": [...], "paging"}
// follows the other network lists; a bare array is accepted too.
func (s *AdvertisersService) ListPage(ctx context.Context, opts *AdvertiserListOptions) ([]*Advertiser, *Response, error) {
	o := copyOpts(opts)
	return getPage[Advertiser](ctx, s.client, "networks/advertisers", "advertisers", o.filters(), o.Relationships, &o.ListParams)
}

func (o *AdvertiserListOptions) filters() []BasicFilter {
	return basicFilters(nil).eq("account_status", string(o.AccountStatus)).
		after("time_saved", o.SavedAfter).before("time_saved", o.SavedBefore).with(o.Filters)
}

func advertiserRecord(a *Advertiser) *transport.Checked[Advertiser] {
	return transport.Record(a, "network_advertiser_id", func(v *Advertiser) bool { return v.NetworkAdvertiserID != 0 })
}

// Get returns one advertiser: GET networks/advertisers/{id}. Pass [WithRelationships]
// to include related objects (?relationship=...).
func (s *AdvertisersService) Get(ctx context.Context, id int64, opts ...RequestOption) (*Advertiser, error) {
	return record(ctx, s.client, get(transport.Join("networks/advertisers/%s", id)), advertiserRecord, opts)
}

// AdvertiserCreateParams is the body of POST networks/advertisers. The
// reference's stored copy shows no create example; the members are those
// of the advertiser record, written as the affiliate create writes them
// (labels as a list, billing as an object).
type AdvertiserCreateParams struct {
	// Name is required.
	Name string `json:"name"`
	// AccountStatus is active or inactive.
	AccountStatus AccountStatus `json:"account_status,omitempty"`
	// NetworkEmployeeID is the account manager.
	NetworkEmployeeID       int64           `json:"network_employee_id,omitempty"`
	SalesManagerID          int64           `json:"sales_manager_id,omitempty"`
	InternalNotes           string          `json:"internal_notes,omitempty"`
	DefaultCurrencyID       string          `json:"default_currency_id,omitempty"`
	ReportingTimezoneID     int             `json:"reporting_timezone_id,omitempty"`
	PlatformName            string          `json:"platform_name,omitempty"`
	PlatformURL             string          `json:"platform_url,omitempty"`
	PlatformUsername        string          `json:"platform_username,omitempty"`
	AccountingContactEmail  string          `json:"accounting_contact_email,omitempty"`
	VerificationToken       string          `json:"verification_token,omitempty"`
	OfferIDMacro            string          `json:"offer_id_macro,omitempty"`
	AffiliateIDMacro        string          `json:"affiliate_id_macro,omitempty"`
	IsContactAddressEnabled bool            `json:"is_contact_address_enabled,omitempty"`
	ContactAddress          *ContactAddress `json:"contact_address,omitempty"`
	Labels                  []string        `json:"labels,omitempty"`
	// Billing is sent as given.
	Billing json.RawMessage `json:"billing,omitempty"`
}

// Create adds an advertiser: POST networks/advertisers. It is not retried
// after it may have reached the server.
func (s *AdvertisersService) Create(ctx context.Context, params *AdvertiserCreateParams, opts ...RequestOption) (*Advertiser, error) {
	switch {
	case params == nil || strings.TrimSpace(params.Name) == "":
		return nil, errors.New("everflow: create advertiser: Name is required")
	case params.IsContactAddressEnabled && params.ContactAddress == nil:
		return nil, errors.New("everflow: create advertiser: IsContactAddressEnabled needs a ContactAddress")
	}
	return record(ctx, s.client, post("networks/advertisers", params), advertiserRecord, opts)
}

// AdvertiserUpdateParams is the body of PUT networks/advertisers/{id}.
//
// Like the affiliate update, it replaces the whole record: a member left
// out is reset. Build it from the current record and change what you
// need:
//
//	a, err := client.Advertisers.Get(ctx, id, everflow.WithRelationships(everflow.RelationshipLabels, everflow.RelationshipBilling))
//	// handle err
//	p := a.UpdateParams()
//	p.InternalNotes = "renewed"
//	a, err = client.Advertisers.Update(ctx, id, p)
type AdvertiserUpdateParams struct {
	Name                           string          `json:"name"`
	AccountStatus                  AccountStatus   `json:"account_status"`
	NetworkEmployeeID              int64           `json:"network_employee_id"`
	SalesManagerID                 int64           `json:"sales_manager_id"`
	InternalNotes                  string          `json:"internal_notes"`
	AddressID                      int64           `json:"address_id"`
	IsContactAddressEnabled        bool            `json:"is_contact_address_enabled"`
	ContactAddress                 *ContactAddress `json:"contact_address,omitempty"`
	IsExposePublisherReportingData *bool           `json:"is_expose_publisher_reporting_data"`
	DefaultCurrencyID              string          `json:"default_currency_id"`
	PlatformName                   string          `json:"platform_name"`
	PlatformURL                    string          `json:"platform_url"`
	PlatformUsername               string          `json:"platform_username"`
	ReportingTimezoneID            int             `json:"reporting_timezone_id"`
	AccountingContactEmail         string          `json:"accounting_contact_email"`
	VerificationToken              string          `json:"verification_token"`
	OfferIDMacro                   string          `json:"offer_id_macro"`
	AffiliateIDMacro               string          `json:"affiliate_id_macro"`
	Labels                         []string        `json:"labels"`
	// Billing is copied from relationship.billing when the advertiser was
	// read with RelationshipBilling, as sent.
	Billing json.RawMessage `json:"billing,omitempty"`
	// Other holds further top-level members to send: UpdateParams fills
	// it with the record's members this package does not model. A typed
	// field wins over a member of the same name here.
	Other map[string]json.RawMessage `json:"-"`

	// labelsUnread is set when the record was read without its labels.
	labelsUnread bool
}

// MarshalJSON encodes the params with the members of Other.
func (p AdvertiserUpdateParams) MarshalJSON() ([]byte, error) {
	type plain AdvertiserUpdateParams
	return tolerant.MarshalRest(plain(p), p.Other)
}

// UpdateParams returns the params that replace the advertiser with its
// current state: every member read is sent back, the ones this package
// does not model (Other) included, the labels wherever Everflow sent
// them, and the billing block when it was read.
func (a *Advertiser) UpdateParams() *AdvertiserUpdateParams {
	p := &AdvertiserUpdateParams{Billing: a.Relationship.billing(), labelsUnread: !a.labelsRead}
	fieldcopy.Copy(p, a)
	return p
}

// billing returns a copy of the billing block, nil when none was read.
func (r *AdvertiserRelationship) billing() json.RawMessage {
	if r == nil {
		return nil
	}
	return append(json.RawMessage(nil), r.Billing...)
}

// Update replaces the advertiser with the given id: PUT
// networks/advertisers/{id}. See AdvertiserUpdateParams.
func (s *AdvertisersService) Update(ctx context.Context, id int64, params *AdvertiserUpdateParams, opts ...RequestOption) (*Advertiser, error) {
	switch {
	case params == nil || strings.TrimSpace(params.Name) == "":
		return nil, errors.New("everflow: update advertiser: Name is required (the update replaces the whole record; start from Advertiser.UpdateParams)")
	case params.IsContactAddressEnabled && params.ContactAddress == nil:
		return nil, errors.New("everflow: update advertiser: IsContactAddressEnabled without a ContactAddress would erase the address (the update replaces the whole record): set ContactAddress, or clear IsContactAddressEnabled")
	case params.labelsUnread && params.Labels == nil:
		return nil, errors.New("everflow: update advertiser: the advertiser was read without its labels, which the update would reset: Get it with RelationshipLabels, or set Labels")
	}
	return record(ctx, s.client, put(transport.Join("networks/advertisers/%s", id), params), advertiserRecord, opts)
}
