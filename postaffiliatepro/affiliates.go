package postaffiliatepro

import (
	"context"
	"encoding/json"
	"errors"
	"iter"
	"net/http"
	"strings"
	"time"

	"github.com/affiliatekit/affiliatekit-go/internal/tolerant"
	"github.com/affiliatekit/affiliatekit-go/internal/transport"
)

// AffiliatesService manages affiliates: /affiliates.
type AffiliatesService service

// Affiliate is an affiliate (a user of the affiliate panel). Field names on
// the wire are unverified; see the package documentation.
type Affiliate struct {
	// ID is the affiliate's user id, a short alphanumeric string.
	ID string
	// ReferralID is the id used in affiliate links (legacy "refid").
	ReferralID string
	// Username is the affiliate's login, an email address.
	Username string
	// NotificationEmail is where notifications go when it differs from
	// Username.
	NotificationEmail string
	FirstName         string
	LastName          string
	Status            Status
	// ParentID is the referring (parent) affiliate's id, "" when none.
	ParentID   string
	CreatedAt  time.Time
	ApprovedAt *time.Time
	// Data holds the custom signup fields data1, data2, ... by name.
	Data map[string]string
	// Raw is the record as received, for fields this type does not map.
	Raw json.RawMessage
}

// decode reads the affiliate's fields and their legacy aliases.
func (a *Affiliate) decode(f *tolerant.Object) {
	f.String(&a.ID, "id", "userid", "user_id", "affiliate_id")
	f.String(&a.ReferralID, "referral_id", "refid")
	f.String(&a.Username, "username", "email")
	f.String(&a.NotificationEmail, "notification_email")
	f.String(&a.FirstName, "firstname", "first_name")
	f.String(&a.LastName, "lastname", "last_name", "surname")
	var status string
	f.String(&status, "status", "rstatus")
	a.Status = parseStatus(status)
	f.String(&a.ParentID, "parent_id", "parent_userid", "parentuserid", "parent_affiliate_id")
	f.Time(&a.CreatedAt, "created_at", "date_inserted", "dateinserted", "created")
	f.TimePtr(&a.ApprovedAt, "approved_at", "date_approved", "dateapproved")
	a.Data = f.Numbered("data")
}

func (a *Affiliate) setRaw(raw json.RawMessage) { a.Raw = raw }

func (a *Affiliate) recordID() string { return a.ID }

// UnmarshalJSON decodes an affiliate tolerantly (see the package
// documentation); zone-less timestamps are read as UTC.
func (a *Affiliate) UnmarshalJSON(data []byte) error { return unmarshalRecord(a, data) }

// Name returns "FirstName LastName", or the username when both are empty.
func (a *Affiliate) Name() string {
	if n := strings.TrimSpace(a.FirstName + " " + a.LastName); n != "" {
		return n
	}
	return a.Username
}

// AffiliateListOptions filter GET /affiliates.
type AffiliateListOptions struct {
	ListParams
	// Q searches the affiliates. A "field:value" term such as "id:abc12345"
	// matches one field; the full syntax is unverified.
	Q string `url:"q,omitempty"`
	// Fields selects the fields returned, e.g. []string{"id", "username"}
	// (sent as fields=id,username). Unselected fields read as zero.
	Fields []string `url:"fields,omitempty,comma"`
}

// affiliateKeys are the resource keys an affiliate list may use.
var affiliateKeys = []string{"affiliates"}

// List iterates over the affiliates matching opts, page by page as the loop
// advances.
func (s *AffiliatesService) List(ctx context.Context, opts ...*AffiliateListOptions) iter.Seq2[*Affiliate, error] {
	return list[Affiliate](ctx, s.client, "affiliates", affiliateKeys, opts)
}

// ListPage fetches the page opts.Page (default 1) of affiliates.
func (s *AffiliatesService) ListPage(ctx context.Context, opts *AffiliateListOptions) ([]*Affiliate, *Response, error) {
	return listPage[Affiliate](ctx, s.client, "affiliates", affiliateKeys, copyOpts(opts))
}

// Get returns the affiliate with the given id. The endpoint
// (GET /affiliates/{id}) is assumed: the vendor documents the list, create
// and update, not this read.
func (s *AffiliatesService) Get(ctx context.Context, id string, opts ...RequestOption) (*Affiliate, error) {
	if strings.TrimSpace(id) == "" {
		return nil, errors.New("postaffiliatepro: get affiliate: empty id")
	}
	return getRecord[Affiliate](ctx, s.client, transport.Join("affiliates/%s", id), "affiliate", opts...)
}

// AffiliateCreateParams is the body of POST /affiliates. Field names are
// unverified.
type AffiliateCreateParams struct {
	// Username is the affiliate's login, an email address. Required.
	Username string `json:"username"`
	// FirstName and LastName must not contain ':' or '/'.
	FirstName string `json:"firstname,omitempty"`
	LastName  string `json:"lastname,omitempty"`
	// ReferralID sets the id used in affiliate links; empty lets the
	// account's referral id pattern choose one.
	ReferralID        string `json:"referral_id,omitempty"`
	NotificationEmail string `json:"notification_email,omitempty"`
	// Status is the initial status; empty applies the account's signup
	// approval setting.
	Status Status `json:"status,omitempty"`
	// ParentID makes the new affiliate a sub-affiliate of this one.
	ParentID string `json:"parent_id,omitempty"`
	// SendSignupEmail sends the signup notification email to the affiliate.
	SendSignupEmail bool `json:"send_signup_email,omitempty"`
}

// Create adds an affiliate. It is not retried after it may have reached
// the server.
func (s *AffiliatesService) Create(ctx context.Context, params *AffiliateCreateParams, opts ...RequestOption) (*Affiliate, error) {
	if params == nil || strings.TrimSpace(params.Username) == "" {
		return nil, errors.New("postaffiliatepro: create affiliate: Username is required")
	}
	req := &transport.Request{Method: http.MethodPost, Path: "affiliates", Body: params}
	return sendRecord[Affiliate](ctx, s.client, req, "affiliate", opts...)
}

// AffiliateUpdateParams is the body of PATCH /affiliates/{id}. Empty fields
// are left unchanged. Field names are unverified.
type AffiliateUpdateParams struct {
	Username          string `json:"username,omitempty"`
	FirstName         string `json:"firstname,omitempty"`
	LastName          string `json:"lastname,omitempty"`
	ReferralID        string `json:"referral_id,omitempty"`
	NotificationEmail string `json:"notification_email,omitempty"`
	Status            Status `json:"status,omitempty"`
	ParentID          string `json:"parent_id,omitempty"`
}

// Update changes the affiliate with the given id and returns it. An invalid
// or taken referral id or username fails with ErrInvalidRequest. The PATCH
// sets absolute values, so it is retried like a PUT.
func (s *AffiliatesService) Update(ctx context.Context, id string, params *AffiliateUpdateParams, opts ...RequestOption) (*Affiliate, error) {
	if strings.TrimSpace(id) == "" {
		return nil, errors.New("postaffiliatepro: update affiliate: empty id")
	}
	if params == nil {
		params = &AffiliateUpdateParams{}
	}
	req := &transport.Request{Method: http.MethodPatch, Path: transport.Join("affiliates/%s", id), Body: params, RetrySafe: true}
	return sendRecord[Affiliate](ctx, s.client, req, "affiliate", opts...)
}
