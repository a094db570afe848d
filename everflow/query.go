package everflow

import (
	"fmt"
	"net/url"
	"strconv"
	"time"
)

// Query narrows a report: the "query" object of the reporting endpoints.
// Filters of the same ResourceType are ORed, different types are ANDed;
// Exclusions remove what they match.
type Query struct {
	Filters     []Filter     `json:"filters,omitempty"`
	Exclusions  []Filter     `json:"exclusions,omitempty"`
	SearchTerms []SearchTerm `json:"search_terms,omitempty"`
}

// IsZero reports whether the query is empty (and so left out of a
// request).
func (q Query) IsZero() bool {
	return len(q.Filters) == 0 && len(q.Exclusions) == 0 && len(q.SearchTerms) == 0
}

// orNil returns a copy of q to send, nil when q is empty.
func (q Query) orNil() *Query {
	if q.IsZero() {
		return nil
	}
	return &q
}

// ResourceType names what a Filter matches.
type ResourceType string

// Resource types of report filters. The postback report accepts only
// offer, affiliate and delivery_status.
const (
	ResourceOffer          ResourceType = "offer"
	ResourceAffiliate      ResourceType = "affiliate"
	ResourceAdvertiser     ResourceType = "advertiser"
	ResourceOfferGroup     ResourceType = "offer_group"
	ResourceCampaign       ResourceType = "campaign"
	ResourceCreative       ResourceType = "creative"
	ResourceCountry        ResourceType = "country"
	ResourceRegion         ResourceType = "region"
	ResourceCity           ResourceType = "city"
	ResourceDeliveryStatus ResourceType = "delivery_status"
)

// Filter is one entry of a report query's filters or exclusions.
// FilterIDValue is a string on the wire even for numeric ids.
type Filter struct {
	ResourceType  ResourceType `json:"resource_type"`
	FilterIDValue string       `json:"filter_id_value"`
}

// OfferFilter matches one offer.
func OfferFilter(id int64) Filter {
	return Filter{ResourceType: ResourceOffer, FilterIDValue: strconv.FormatInt(id, 10)}
}

// AffiliateFilter matches one affiliate (partner).
func AffiliateFilter(id int64) Filter {
	return Filter{ResourceType: ResourceAffiliate, FilterIDValue: strconv.FormatInt(id, 10)}
}

// AdvertiserFilter matches one advertiser.
func AdvertiserFilter(id int64) Filter {
	return Filter{ResourceType: ResourceAdvertiser, FilterIDValue: strconv.FormatInt(id, 10)}
}

// CountryFilter matches one country by name, e.g. "United States".
func CountryFilter(name string) Filter {
	return Filter{ResourceType: ResourceCountry, FilterIDValue: name}
}

// DeliveryStatus is the outcome of a postback: success or failure.
type DeliveryStatus string

// Delivery statuses of the postback report.
const (
	DeliverySuccess DeliveryStatus = "success"
	DeliveryFailure DeliveryStatus = "failure"
)

// DeliveryStatusFilter matches postbacks by outcome (postback report only).
func DeliveryStatusFilter(s DeliveryStatus) Filter {
	return Filter{ResourceType: ResourceDeliveryStatus, FilterIDValue: string(s)}
}

// SearchTerm is a free-text search of a table endpoint or report, e.g.
// {SearchType: "name", Value: "acme"}.
type SearchTerm struct {
	SearchType string `json:"search_type"`
	Value      string `json:"value"`
}

// NameSearch searches by name.
func NameSearch(value string) SearchTerm { return SearchTerm{SearchType: "name", Value: value} }

// FilterOp is the operator of a BasicFilter.
type FilterOp string

// Operators of the GET lists' basic filters.
const (
	OpEqual       FilterOp = "="
	OpGreaterThan FilterOp = ">"
	OpLessThan    FilterOp = "<"
)

// BasicFilter is one "filter" query parameter of a GET list, such as
// account_status=active or time_saved>1606780800. The typed fields of the
// list options cover the documented ones; BasicFilter reaches the rest.
type BasicFilter struct {
	Field string
	Op    FilterOp
	Value string
}

// String returns the filter as sent, e.g. "time_saved>1606780800".
func (f BasicFilter) String() string { return f.Field + string(f.Op) + f.Value }

// basicFilters collects the filter query parameters of a GET list.
type basicFilters []BasicFilter

// eq, after and before add a typed filter when its value is set; with
// adds the caller's filters after them.
func (b basicFilters) eq(field, value string) basicFilters {
	if value == "" {
		return b
	}
	return append(b, BasicFilter{Field: field, Op: OpEqual, Value: value})
}

func (b basicFilters) after(field string, t time.Time) basicFilters {
	if t.IsZero() {
		return b
	}
	return append(b, BasicFilter{Field: field, Op: OpGreaterThan, Value: strconv.FormatInt(t.Unix(), 10)})
}

func (b basicFilters) before(field string, t time.Time) basicFilters {
	if t.IsZero() {
		return b
	}
	return append(b, BasicFilter{Field: field, Op: OpLessThan, Value: strconv.FormatInt(t.Unix(), 10)})
}

func (b basicFilters) with(extra []BasicFilter) basicFilters { return append(b, extra...) }

// query encodes the filters, repeating the filter parameter, and the
// related objects rels.
func (b basicFilters) query(rels []Relationship) (url.Values, error) {
	q := url.Values{}
	for _, f := range b {
		switch {
		case f.Op != OpEqual && f.Op != OpGreaterThan && f.Op != OpLessThan:
			return nil, fmt.Errorf("filter %q: operator must be =, > or <", f.String())
		case f.Field == "":
			return nil, fmt.Errorf("filter %q: empty field", f.String())
		}
		q.Add("filter", f.String())
	}
	addRelationships(q, rels)
	return q, nil
}

// Relationship asks a GET endpoint to add a related object to the record
// (?relationship=users); pass it to a Get call through [WithRelationships].
// Which ones apply depends on the resource.
type Relationship string

// Relationships of affiliates.
const (
	RelationshipReporting               Relationship = "reporting"
	RelationshipBilling                 Relationship = "billing"
	RelationshipAffiliatePaymentBalance Relationship = "affiliate_payment_balance"
	RelationshipCouponCodes             Relationship = "coupon_codes"
	RelationshipUsers                   Relationship = "users"
	RelationshipAudits                  Relationship = "audits"
	RelationshipSignup                  Relationship = "signup"
	RelationshipAPI                     Relationship = "api"
	RelationshipTrafficSource           Relationship = "traffic_source"
	RelationshipReferralLink            Relationship = "referral_link"
	RelationshipReferrer                Relationship = "referrer"
	RelationshipReferral                Relationship = "referral"
	RelationshipSupplyPartner           Relationship = "supply_partner"
)

// Relationships of offers (RelationshipVisibility applies to affiliates
// too).
const (
	RelationshipAdvertiser    Relationship = "advertiser"
	RelationshipOfferGroup    Relationship = "offer_group"
	RelationshipVisibility    Relationship = "visibility"
	RelationshipPayoutRevenue Relationship = "payout_revenue"
	RelationshipRedirects     Relationship = "redirects"
	RelationshipTargeting     Relationship = "targeting"
)

func addRelationships(q url.Values, rels []Relationship) {
	for _, r := range rels {
		if r != "" {
			q.Add("relationship", string(r))
		}
	}
}
