package firstpromoter

import (
	"context"
	"errors"
	"iter"
	"net/http"
	"net/url"
	"strconv"
	"time"

	"github.com/affiliatekit/affiliatekit-go/internal/transport"
)

// AssetsService manages the marketing assets offered to promoters:
// /company/assets.
type AssetsService service

// AssetType is the kind of an asset.
type AssetType string

// Asset types.
const (
	AssetImage    AssetType = "image"
	AssetDocument AssetType = "document"
	AssetLink     AssetType = "link"
	AssetText     AssetType = "text"
)

// Asset is a banner, document, link or text promoters can use.
type Asset struct {
	ID                 int64         `json:"id"`
	Name               string        `json:"name"`
	AllowedCampaignIDs []int64       `json:"allowed_campaign_ids"`
	Details            *AssetDetails `json:"details"`
	Content            string        `json:"content"`
	LandingPageURL     string        `json:"landing_page_url"`
	AssetType          AssetType     `json:"asset_type"`
	URL                string        `json:"url"`
	ThumbnailURL       string        `json:"thumbnail_url"`
	// Uploading reports a file still being processed.
	Uploading        bool           `json:"uploading"`
	Category         *AssetCategory `json:"category"`
	AllowedCampaigns []*CampaignRef `json:"allowed_campaigns"`
}

// AssetDetails describe an asset's file.
type AssetDetails struct {
	FileFormat string `json:"file_format"`
	// FileSize is in bytes.
	FileSize  int64      `json:"file_size"`
	ImageSize *ImageSize `json:"image_size"`
}

// ImageSize is an image's size in pixels.
type ImageSize struct {
	Width  int `json:"width"`
	Height int `json:"height"`
}

// AssetListOptions filter GET /company/assets.
type AssetListOptions struct {
	ListParams
	// Q searches the name and URL.
	Q       string       `url:"q,omitempty"`
	Filters AssetFilters `url:"filters,omitempty"`
}

// AssetFilters are the filters[...] parameters of the asset list.
type AssetFilters struct {
	AssetType  AssetType           `url:"asset_type,omitempty"`
	CategoryID AssetCategoryFilter `url:"category_id,omitempty"`
	CampaignID []int64             `url:"campaign_id,omitempty,brackets"`
	CreatedAt  DateRange           `url:"created_at,omitempty"`
}

// AssetCategoryFilter selects assets by category: in one of IDs, or
// without a category when NotSet.
type AssetCategoryFilter struct {
	IDs    []int64
	NotSet bool
}

// EncodeValues implements go-querystring's Encoder: key=not_set, or
// key[]=id for each id.
func (f AssetCategoryFilter) EncodeValues(key string, v *url.Values) error {
	if f.NotSet {
		v.Set(key, "not_set")
		return nil
	}
	for _, id := range f.IDs {
		v.Add(key+"[]", strconv.FormatInt(id, 10))
	}
	return nil
}

// List iterates over the assets matching opts.
func (s *AssetsService) List(ctx context.Context, opts ...*AssetListOptions) iter.Seq2[*Asset, error] {
	return list(ctx, opts, s.ListPage)
}

// ListPage fetches the page opts.Page (default 1) of assets.
func (s *AssetsService) ListPage(ctx context.Context, opts *AssetListOptions) ([]*Asset, *Response, error) {
	return listPage[Asset](ctx, s.client, "company/assets", copyOpts(opts))
}

// Get returns the asset with the given id.
func (s *AssetsService) Get(ctx context.Context, id int64, opts ...RequestOption) (*Asset, error) {
	return s.one(ctx, http.MethodGet, assetPath(id), nil, opts...)
}

// AssetParams is the body of POST /company/assets and PUT
// /company/assets/{id}. Name and AssetType are required on create; on
// update, empty fields are left unchanged. The spec's file upload (a
// binary in a JSON body) is not offered: give an image or document by URL.
type AssetParams struct {
	Name      string    `json:"name,omitempty"`
	AssetType AssetType `json:"asset_type,omitempty"`
	URL       string    `json:"url,omitempty"`
	// CategoryID files the asset in a category (see AssetCategories).
	CategoryID         int64   `json:"category_id,omitempty"`
	AllowedCampaignIDs []int64 `json:"allowed_campaign_ids,omitempty"`
	// Content is the text of a text asset.
	Content        string `json:"content,omitempty"`
	LandingPageURL string `json:"landing_page_url,omitempty"`
}

// Create adds an asset. It is not retried after it may have reached the
// server.
func (s *AssetsService) Create(ctx context.Context, params *AssetParams, opts ...RequestOption) (*Asset, error) {
	if params == nil || params.Name == "" || params.AssetType == "" {
		return nil, errors.New("firstpromoter: create asset: Name and AssetType are required")
	}
	return s.one(ctx, http.MethodPost, "company/assets", params, opts...)
}

// Update changes the asset with the given id.
func (s *AssetsService) Update(ctx context.Context, id int64, params *AssetParams, opts ...RequestOption) (*Asset, error) {
	if params == nil {
		params = &AssetParams{}
	}
	return s.one(ctx, http.MethodPut, assetPath(id), params, opts...)
}

// assetCategoryBody is the body of PUT /company/assets/update_category.
type assetCategoryBody struct {
	IDs        []int64    `json:"ids"`
	CategoryID NullableID `json:"category_id"`
}

// UpdateCategory moves assets to a category, or out of any category
// with ClearID() (a batch; see Referrals.Delete).
func (s *AssetsService) UpdateCategory(ctx context.Context, category *NullableID, ids []int64, opts ...RequestOption) (*Batch, error) {
	if category == nil {
		return nil, errors.New("firstpromoter: update asset category: no category given (SetID or ClearID)")
	}
	if len(ids) == 0 {
		return nil, errors.New("firstpromoter: update asset category: no ids given")
	}
	return s.client.bulk(ctx, http.MethodPut, "company/assets/update_category", assetCategoryBody{ids, *category}, opts...)
}

// Delete deletes assets (a batch).
func (s *AssetsService) Delete(ctx context.Context, ids []int64, opts ...RequestOption) (*Batch, error) {
	return s.client.bulk(ctx, http.MethodDelete, "company/assets/destroy", idsBody{IDs: ids}, opts...)
}

func (s *AssetsService) one(ctx context.Context, method, path string, body any, opts ...RequestOption) (*Asset, error) {
	a := new(Asset)
	if _, err := s.client.do(ctx, method, path, nil, body, transport.RecordID(a), opts...); err != nil {
		return nil, err
	}
	return a, nil
}

func assetPath(id int64) string {
	return transport.Join("company/assets/%s", strconv.FormatInt(id, 10))
}

// AssetCategoriesService manages the categories assets are filed in:
// /company/assets/categories.
type AssetCategoriesService service

// AssetCategory is a category of assets. CreatedAt and UpdatedAt are set
// in the category list only.
type AssetCategory struct {
	ID        int64      `json:"id"`
	Name      string     `json:"name"`
	Position  int        `json:"position"`
	CreatedAt *time.Time `json:"created_at,omitempty"`
	UpdatedAt *time.Time `json:"updated_at,omitempty"`
}

// All returns every asset category of the account; the API answers them
// in one response, unpaged.
func (s *AssetCategoriesService) All(ctx context.Context, opts ...RequestOption) ([]*AssetCategory, error) {
	var out []*AssetCategory
	if _, err := s.client.do(ctx, http.MethodGet, "company/assets/categories", nil, nil, &out, opts...); err != nil {
		return nil, err
	}
	return transport.DropNil(out), nil
}

// AssetCategoryChange creates (ID 0), updates or, with Destroy, deletes
// one category.
type AssetCategoryChange struct {
	ID       int64  `json:"id,omitempty"`
	Name     string `json:"name,omitempty"`
	Position int    `json:"position,omitempty"`
	Destroy  bool   `json:"_destroy,omitempty"`
}

// Update applies changes to the categories and returns them all.
func (s *AssetCategoriesService) Update(ctx context.Context, changes []AssetCategoryChange, opts ...RequestOption) ([]*AssetCategory, error) {
	if len(changes) == 0 {
		return nil, errors.New("firstpromoter: update asset categories: no changes given")
	}
	return callList[AssetCategory](ctx, s.client, put("company/assets/categories", assetCategoriesBody{changes}), opts)
}

// assetCategoriesBody is the body of the categories' update.
type assetCategoriesBody struct {
	AssetCategories []AssetCategoryChange `json:"asset_categories"`
}
