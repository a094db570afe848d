package partnerstack

import (
	"context"
	"errors"
	"iter"
	"net/http"
	"time"

	"github.com/affiliatekit/affiliatekit-go/internal/transport"
)

// TiersService manages reward tiers and the collections they belong to:
// /v2/tiers. PartnerStack's reference names these endpoints but its stored
// text gives no schema beyond a tier's key and name; the other modeled
// fields decode leniently and the params carry Extra.
type TiersService service

// Tier is a reward and feature level partners can be placed in.
type Tier struct {
	Key  string `json:"key"`
	Name string `json:"name"`
	// CollectionKey is the tier collection the tier belongs to.
	CollectionKey string    `json:"collection_key,omitempty" tolerant:"lenient"`
	CreatedAt     time.Time `json:"created_at"`
	UpdatedAt     time.Time `json:"updated_at"`
}

// UnmarshalJSON implements json.Unmarshaler.
func (t *Tier) UnmarshalJSON(b []byte) error { return records.Unmarshal(b, t) }

func (t *Tier) itemKey() string { return t.Key }

// TierCollection is an ordered set of tiers.
type TierCollection struct {
	Key       string    `json:"key"`
	Name      string    `json:"name"`
	Tiers     []*Tier   `json:"tiers,omitempty" tolerant:"lenient"`
	CreatedAt time.Time `json:"created_at"`
	UpdatedAt time.Time `json:"updated_at"`
}

// UnmarshalJSON implements json.Unmarshaler.
func (c *TierCollection) UnmarshalJSON(b []byte) error { return records.Unmarshal(b, c) }

func (c *TierCollection) itemKey() string { return c.Key }

// TierListOptions page through GET /v2/tiers.
type TierListOptions struct {
	ListParams
}

// List iterates over the tiers.
func (s *TiersService) List(ctx context.Context, opts ...*TierListOptions) iter.Seq2[*Tier, error] {
	return list(ctx, opts, s.ListPage)
}

// ListPage fetches one page of tiers.
func (s *TiersService) ListPage(ctx context.Context, opts *TierListOptions) ([]*Tier, *Response, error) {
	return listPage[Tier](ctx, s.api, "tiers", opts)
}

// Get returns a tier.
func (s *TiersService) Get(ctx context.Context, key string, opts ...RequestOption) (*Tier, error) {
	if err := requireKey("get tier", key); err != nil {
		return nil, err
	}
	return get[Tier](ctx, s.api, transport.Join("tiers/%s", key), nil, opts...)
}

// TierParams is the body of POST /v2/tiers and PATCH /v2/tiers/{key}.
type TierParams struct {
	Name string `json:"name,omitempty"`
	// CollectionKey is the collection the new tier joins (create).
	CollectionKey string `json:"collection_key,omitempty"`
	Extra         Extra  `json:"-"`
}

// MarshalJSON merges Extra into the body.
func (p TierParams) MarshalJSON() ([]byte, error) {
	type plain TierParams
	return withExtra(plain(p), p.Extra)
}

// TierCreateParams is the body of POST /v2/tiers.
type TierCreateParams = TierParams

// TierUpdateParams is the body of PATCH /v2/tiers/{key}; empty fields are
// left unchanged.
type TierUpdateParams = TierParams

// Create adds a tier to a tier collection. It is not retried after it may
// have reached the server.
func (s *TiersService) Create(ctx context.Context, params *TierCreateParams, opts ...RequestOption) (*Tier, error) {
	if params == nil || params.Name == "" {
		return nil, errors.New("partnerstack: create tier: Name is required")
	}
	return send[Tier](ctx, s.api, http.MethodPost, "tiers", params, opts...)
}

// Update changes a tier.
func (s *TiersService) Update(ctx context.Context, key string, params *TierUpdateParams, opts ...RequestOption) (*Tier, error) {
	if err := requireKey("update tier", key); err != nil {
		return nil, err
	}
	if params == nil {
		params = &TierUpdateParams{}
	}
	return send[Tier](ctx, s.api, http.MethodPatch, transport.Join("tiers/%s", key), params, opts...)
}

// TierCollectionListOptions page through GET /v2/tiers/collection.
type TierCollectionListOptions struct {
	ListParams
}

// ListCollections iterates over the tier collections.
func (s *TiersService) ListCollections(ctx context.Context, opts ...*TierCollectionListOptions) iter.Seq2[*TierCollection, error] {
	return list(ctx, opts, s.ListCollectionsPage)
}

// ListCollectionsPage fetches one page of tier collections.
func (s *TiersService) ListCollectionsPage(ctx context.Context, opts *TierCollectionListOptions) ([]*TierCollection, *Response, error) {
	return listPage[TierCollection](ctx, s.api, "tiers/collection", opts)
}

// GetCollection returns a tier collection.
func (s *TiersService) GetCollection(ctx context.Context, key string, opts ...RequestOption) (*TierCollection, error) {
	if err := requireKey("get tier collection", key); err != nil {
		return nil, err
	}
	return get[TierCollection](ctx, s.api, transport.Join("tiers/collection/%s", key), nil, opts...)
}

// TierCollectionParams is the body of POST /v2/tiers/collection and PATCH
// /v2/tiers/collection/{key}.
type TierCollectionParams struct {
	Name  string `json:"name,omitempty"`
	Extra Extra  `json:"-"`
}

// MarshalJSON merges Extra into the body.
func (p TierCollectionParams) MarshalJSON() ([]byte, error) {
	type plain TierCollectionParams
	return withExtra(plain(p), p.Extra)
}

// TierCollectionCreateParams is the body of POST /v2/tiers/collection.
type TierCollectionCreateParams = TierCollectionParams

// TierCollectionUpdateParams is the body of PATCH
// /v2/tiers/collection/{key}; empty fields are left unchanged.
type TierCollectionUpdateParams = TierCollectionParams

// CreateCollection adds a tier collection.
func (s *TiersService) CreateCollection(ctx context.Context, params *TierCollectionCreateParams, opts ...RequestOption) (*TierCollection, error) {
	if params == nil || params.Name == "" {
		return nil, errors.New("partnerstack: create tier collection: Name is required")
	}
	return send[TierCollection](ctx, s.api, http.MethodPost, "tiers/collection", params, opts...)
}

// UpdateCollection changes a tier collection.
func (s *TiersService) UpdateCollection(ctx context.Context, key string, params *TierCollectionUpdateParams, opts ...RequestOption) (*TierCollection, error) {
	if err := requireKey("update tier collection", key); err != nil {
		return nil, err
	}
	if params == nil {
		params = &TierCollectionUpdateParams{}
	}
	return send[TierCollection](ctx, s.api, http.MethodPatch, transport.Join("tiers/collection/%s", key), params, opts...)
}
