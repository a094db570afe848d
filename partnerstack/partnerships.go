package partnerstack

import (
	"context"
	"encoding/json"
	"errors"
	"iter"
	"net/http"
	"time"

	"github.com/affiliatekit/affiliatekit-go/internal/transport"
)

// PartnershipsService manages partners (partnerships) of the vendor's
// program: /v2/partnerships and /v2/partner-team.
type PartnershipsService service

// StatCustomerCount is the key of a partnership's customer count in Stats.
const StatCustomerCount = "CUSTOMER_COUNT"

// Stats are a partnership's latest statistics, keyed by UPPER_CASE names
// such as StatCustomerCount. A statistic the server leaves out is absent.
// Each value is kept exactly as sent: PartnerStack documents neither the
// names beyond CUSTOMER_COUNT nor the unit of a money statistic, which is
// therefore not converted from cents. Count reads a count.
type Stats map[string]Amount

// Count returns the statistic name as a whole number, and false when it
// is absent, null or not whole.
func (s Stats) Count(name string) (int64, bool) {
	v, ok := s[name]
	if !ok || v.IsNull() {
		return 0, false
	}
	// A currency of no decimals reads the value in whole units.
	n, err := v.WithCurrency("").MinorUnits("JPY")
	return n, err == nil
}

// Partnership is a partner's membership in a program: PartnerStack's
// "partner". The Vendor API and the Partner API send different fields; the
// ones an API does not send stay zero.
type Partnership struct {
	// Key is the partnership key (part_…).
	Key string `json:"key"`
	// PartnerKey is the vendor-assigned partner key, unique in the program
	// (Vendor API).
	PartnerKey string `json:"partner_key,omitempty"`
	// Email, FirstName and LastName identify the partner (Vendor API).
	Email     string `json:"email,omitempty"`
	FirstName string `json:"first_name,omitempty"`
	LastName  string `json:"last_name,omitempty"`
	// Group is the partner's group (Vendor API; may be null).
	Group *Group `json:"group,omitempty"`
	// JoinedAt is when the partner joined (Vendor API).
	JoinedAt *time.Time `json:"joined_at,omitempty"`
	// Manager is the partner manager (Vendor API); its fields are not
	// documented.
	Manager map[string]any `json:"manager,omitempty" tolerant:"lenient"`
	// MData is the partnership's metadata (Vendor API).
	MData map[string]any `json:"m_data,omitempty" tolerant:"lenient"`
	// Stats are the partner's statistics (Vendor API; may be missing).
	Stats Stats `json:"stats,omitempty" tolerant:"lenient"`
	// Tags are the partnership's tags (Vendor API).
	Tags []string `json:"tags,omitempty"`
	// Team is the partner team (stack) the partner belongs to.
	Team *Team `json:"team,omitempty" tolerant:"lenient"`
	// Tier is the partner's tier (Vendor API).
	Tier *TierRef `json:"tier,omitempty" tolerant:"lenient"`
	// Address holds the partner's country (Vendor API; may be null).
	Address *Address `json:"address,omitempty" tolerant:"lenient"`
	// Fields are the partner's custom form fields (Vendor API).
	Fields []*Field `json:"fields,omitempty"`
	// Claimed is false until the partner claims the partnership.
	Claimed bool `json:"claimed,omitempty"`
	// Company is the program's vendor (Partner API).
	Company *CompanyRef `json:"company,omitempty"`
	// HasSubID, IsArchived, Offers, Status and Link come from the Partner
	// API's partnership list; peer documentation only.
	HasSubID   bool     `json:"has_sub_id,omitempty"`
	IsArchived bool     `json:"is_archived,omitempty"`
	Offers     []*Offer `json:"offers,omitempty" tolerant:"lenient"`
	Status     string   `json:"status,omitempty" tolerant:"lenient"`
	// Link is the partner's referral link, in a shape that is not
	// documented (a URL string or an object).
	Link      any       `json:"link,omitempty"`
	CreatedAt time.Time `json:"created_at"`
	UpdatedAt time.Time `json:"updated_at"`
}

// UnmarshalJSON implements json.Unmarshaler.
func (p *Partnership) UnmarshalJSON(b []byte) error { return records.Unmarshal(b, p) }

func (p *Partnership) itemKey() string { return p.Key }

// PartnershipListOptions filter GET /v2/partnerships. The Vendor API takes
// ApprovedStatus and the min/max filters; the Partner API takes HasSubID,
// IncludeOffers and IncludeArchived. Both take OrderBy.
type PartnershipListOptions struct {
	ListParams
	// OrderBy is [OrderCreatedAt], [OrderCreatedAtDesc] (the default),
	// [OrderUpdatedAt] or [OrderUpdatedAtDesc].
	OrderBy Order `url:"order_by,omitempty"`
	// ApprovedStatus filters by approval, e.g. "approved" (Vendor API).
	ApprovedStatus string    `url:"approved_status,omitempty"`
	MinCreated     time.Time `url:"min_created,omitempty,unixmilli"`
	MaxCreated     time.Time `url:"max_created,omitempty,unixmilli"`
	MinUpdated     time.Time `url:"min_updated,omitempty,unixmilli"`
	MaxUpdated     time.Time `url:"max_updated,omitempty,unixmilli"`
	// HasSubID, IncludeOffers and IncludeArchived are Partner API filters.
	HasSubID        *bool `url:"has_sub_id,omitempty"`
	IncludeOffers   *bool `url:"include_offers,omitempty"`
	IncludeArchived *bool `url:"include_archived,omitempty"`
}

// List iterates over the program's partnerships, fetching pages of up to
// MaxPerPage as the loop advances.
func (s *PartnershipsService) List(ctx context.Context, opts ...*PartnershipListOptions) iter.Seq2[*Partnership, error] {
	return list(ctx, opts, s.ListPage)
}

// ListPage fetches one page of partnerships.
func (s *PartnershipsService) ListPage(ctx context.Context, opts *PartnershipListOptions) ([]*Partnership, *Response, error) {
	return listPage[Partnership](ctx, s.api, "partnerships", opts)
}

// Get returns a partnership by its unique identifier: its key, or another
// identifier the API accepts (such as the partner key).
func (s *PartnershipsService) Get(ctx context.Context, identifier string, opts ...RequestOption) (*Partnership, error) {
	if err := requireKey("get partnership", identifier); err != nil {
		return nil, err
	}
	return get[Partnership](ctx, s.api, transport.Join("partnerships/%s", identifier), nil, opts...)
}

// PartnershipCreateParams is the body of POST /v2/partnerships.
type PartnershipCreateParams struct {
	// Email is the partner's email (at most 255 characters). Required.
	Email     string `json:"email"`
	FirstName string `json:"first_name,omitempty"`
	LastName  string `json:"last_name,omitempty"`
	// GroupKey places the partner into a group.
	GroupKey string `json:"group_key,omitempty"`
	// PartnerKey is your key for the partner, unique in the program.
	PartnerKey   string   `json:"partner_key,omitempty"`
	ManagerEmail string   `json:"manager_email,omitempty"`
	ManagerName  string   `json:"manager_name,omitempty"`
	Tags         []string `json:"tags,omitempty"`
	Fields       []*Field `json:"fields,omitempty"`
	// Meta and FieldData are deprecated by PartnerStack in favour of Fields.
	Meta      map[string]string `json:"meta,omitempty"`
	FieldData map[string]string `json:"field_data,omitempty"`
}

// Create adds a partnership; it stays unclaimed until the partner claims
// it. It is not retried after it may have reached the server.
func (s *PartnershipsService) Create(ctx context.Context, params *PartnershipCreateParams, opts ...RequestOption) (*Partnership, error) {
	if params == nil || params.Email == "" {
		return nil, errors.New("partnerstack: create partnership: Email is required")
	}
	if len(params.Email) > 255 {
		return nil, errors.New("partnerstack: create partnership: Email is longer than 255 characters")
	}
	if len(params.FirstName) > 50 || len(params.LastName) > 50 {
		return nil, errors.New("partnerstack: create partnership: names are limited to 50 characters")
	}
	return send[Partnership](ctx, s.api, http.MethodPost, "partnerships", params, opts...)
}

// PartnershipUpdateParams is the body of PATCH /v2/partnerships/{key}.
// Empty fields are left unchanged.
type PartnershipUpdateParams struct {
	GroupKey     string   `json:"group_key,omitempty"`
	ManagerEmail string   `json:"manager_email,omitempty"`
	TierKey      string   `json:"tier_key,omitempty"`
	Fields       []*Field `json:"fields,omitempty"`
}

// Update changes a partnership.
func (s *PartnershipsService) Update(ctx context.Context, key string, params *PartnershipUpdateParams, opts ...RequestOption) (*Partnership, error) {
	if err := requireKey("update partnership", key); err != nil {
		return nil, err
	}
	if params == nil {
		params = &PartnershipUpdateParams{}
	}
	return send[Partnership](ctx, s.api, http.MethodPatch, transport.Join("partnerships/%s", key), params, opts...)
}

// PartnershipMoveParams is the body of PATCH /v2/partnerships, which moves
// a set of partnerships to a new group. PartnerStack's reference names the
// operation but not its body fields; the modeled names are the API's
// naming pattern, and Extra carries anything else.
type PartnershipMoveParams struct {
	// GroupKey is the destination group. Required.
	GroupKey string `json:"group_key"`
	// PartnershipKeys are the partnerships to move. Required.
	PartnershipKeys []string `json:"partnership_keys"`
	Extra           Extra    `json:"-"`
}

// MarshalJSON merges Extra into the body.
func (p PartnershipMoveParams) MarshalJSON() ([]byte, error) {
	type plain PartnershipMoveParams
	return withExtra(plain(p), p.Extra)
}

// MoveToGroup moves partnerships to another group.
func (s *PartnershipsService) MoveToGroup(ctx context.Context, params *PartnershipMoveParams, opts ...RequestOption) error {
	if params == nil || params.GroupKey == "" || len(params.PartnershipKeys) == 0 {
		return errors.New("partnerstack: move partnerships: GroupKey and PartnershipKeys are required")
	}
	_, err := s.api.do(ctx, request{method: http.MethodPatch, path: "partnerships", body: params}, nil, opts...)
	return err
}

// PartnershipTagsParams is the body of PATCH /v2/partnerships/{key}/tags,
// which adds or removes tags. The body field names are not documented; the
// modeled ones follow the operation's description, and Extra carries
// anything else.
type PartnershipTagsParams struct {
	Add    []string `json:"add,omitempty"`
	Remove []string `json:"remove,omitempty"`
	Extra  Extra    `json:"-"`
}

// MarshalJSON merges Extra into the body.
func (p PartnershipTagsParams) MarshalJSON() ([]byte, error) {
	type plain PartnershipTagsParams
	return withExtra(plain(p), p.Extra)
}

// UpdateTags adds and removes tags of a partnership and returns it.
func (s *PartnershipsService) UpdateTags(ctx context.Context, key string, params *PartnershipTagsParams, opts ...RequestOption) (*Partnership, error) {
	if err := requireKey("update partnership tags", key); err != nil {
		return nil, err
	}
	if params == nil {
		return nil, errors.New("partnerstack: update partnership tags: params are required")
	}
	return send[Partnership](ctx, s.api, http.MethodPatch, transport.Join("partnerships/%s/tags", key), params, opts...)
}

// PartnershipMemberParams is the body of POST
// /v2/partnerships/{partner_key}/member, which invites or adds a member to
// the partnership's partner team. The body field names are not documented
// beyond a team member's fields; Extra carries anything else.
type PartnershipMemberParams struct {
	// Email is the member's email. Required.
	Email     string `json:"email"`
	FirstName string `json:"first_name,omitempty"`
	LastName  string `json:"last_name,omitempty"`
	Extra     Extra  `json:"-"`
}

// MarshalJSON merges Extra into the body.
func (p PartnershipMemberParams) MarshalJSON() ([]byte, error) {
	type plain PartnershipMemberParams
	return withExtra(plain(p), p.Extra)
}

// AddMember invites or adds a member to the partner team of the
// partnership with the given partner key. The answer's data is returned
// undecoded, as its shape is not documented.
func (s *PartnershipsService) AddMember(ctx context.Context, partnerKey string, params *PartnershipMemberParams, opts ...RequestOption) (json.RawMessage, error) {
	if err := requireKey("add partner member", partnerKey); err != nil {
		return nil, err
	}
	if params == nil || params.Email == "" {
		return nil, errors.New("partnerstack: add partner member: Email is required")
	}
	var data json.RawMessage
	r := request{method: http.MethodPost, path: transport.Join("partnerships/%s/member", partnerKey), body: params}
	if _, err := s.api.do(ctx, r, &data, opts...); err != nil {
		return nil, err
	}
	return data, nil
}

// Archive archives a partnership (DELETE /v2/partnerships/{key}).
func (s *PartnershipsService) Archive(ctx context.Context, key string, opts ...RequestOption) error {
	if err := requireKey("archive partnership", key); err != nil {
		return err
	}
	return remove(ctx, s.api, transport.Join("partnerships/%s", key), opts...)
}

// GetTeam returns a partner team and its members by its team (stack) key
// (GET /v2/partner-team/{team_key}).
func (s *PartnershipsService) GetTeam(ctx context.Context, teamKey string, opts ...RequestOption) (*Team, error) {
	if err := requireKey("get partner team", teamKey); err != nil {
		return nil, err
	}
	return get[Team](ctx, s.api, transport.Join("partner-team/%s", teamKey), nil, opts...)
}
