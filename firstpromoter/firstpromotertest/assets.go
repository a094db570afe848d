package firstpromotertest

import (
	"net/http"
	"path"
	"slices"
	"strings"

	"github.com/affiliatekit/affiliatekit-go/firstpromoter"
)

// Asset is an asset as the API answers it. Category and AllowedCampaigns
// are rendered from CategoryID and AllowedCampaignIDs.
type Asset struct {
	ID                 int64                   `json:"id"`
	Name               string                  `json:"name"`
	AllowedCampaignIDs []int64                 `json:"allowed_campaign_ids"`
	Details            *AssetDetails           `json:"details"`
	Content            string                  `json:"content"`
	LandingPageURL     string                  `json:"landing_page_url"`
	AssetType          firstpromoter.AssetType `json:"asset_type"`
	URL                string                  `json:"url"`
	ThumbnailURL       string                  `json:"thumbnail_url"`
	Uploading          bool                    `json:"uploading"`
	Category           *AssetCategory          `json:"category"`
	AllowedCampaigns   []CampaignRef           `json:"allowed_campaigns"`
	CreatedAt          Timestamp               `json:"-"`
	// CategoryID is the asset's category, 0 for none; not part of the
	// answer.
	CategoryID int64 `json:"-"`
}

// AssetDetails describe an asset's file.
type AssetDetails struct {
	FileFormat string     `json:"file_format"`
	FileSize   int64      `json:"file_size"`
	ImageSize  *ImageSize `json:"image_size"`
}

// ImageSize is an image's size in pixels.
type ImageSize struct {
	Width  int `json:"width"`
	Height int `json:"height"`
}

// AssetCategory is an asset category; the timestamps are answered by the
// category list only.
type AssetCategory struct {
	ID        int64      `json:"id"`
	Name      string     `json:"name"`
	Position  int        `json:"position"`
	CreatedAt *Timestamp `json:"created_at,omitempty"`
	UpdatedAt *Timestamp `json:"updated_at,omitempty"`
}

var assetTypes = []firstpromoter.AssetType{"image", "document", "link", "text"}

func (s *Server) assetRoutes() {
	s.handle("GET /company/assets", s.listAssets)
	s.handle("POST /company/assets", s.createAsset)
	s.handle("GET /company/assets/categories", s.listAssetCategories)
	s.handle("PUT /company/assets/categories", s.updateAssetCategories)
	s.handle("PUT /company/assets/update_category", s.updateAssetsCategory)
	s.handle("DELETE /company/assets/destroy", s.deleteAssets)
	s.handle("GET /company/assets/{id}", s.getAsset)
	s.handle("PUT /company/assets/{id}", s.updateAsset)
}

// listAssets applies q (name, url), filters[asset_type],
// filters[category_id] (ids, or not_set for none), filters[campaign_id]
// and filters[created_at].
func (s *Server) listAssets(r *http.Request) (int, any, *apiError) {
	q := listQuery(r.URL.Query())
	page, per, e := q.page(DefaultPerPage)
	if e != nil {
		return 0, nil, e
	}
	kind := q.get("filters[asset_type]")
	if kind != "" && !slices.Contains(assetTypes, firstpromoter.AssetType(kind)) {
		return 0, nil, errParam("filters[asset_type]")
	}
	notSet := q.get("filters[category_id]") == "not_set"
	var cats []int64
	if !notSet {
		if cats, e = q.ints("filters[category_id]"); e != nil {
			return 0, nil, e
		}
	}
	camps, e := q.ints("filters[campaign_id]")
	if e != nil {
		return 0, nil, e
	}
	created, e := q.timeRange("filters[created_at]")
	if e != nil {
		return 0, nil, e
	}
	search := q.get("q")
	rows := []Asset{}
	for _, a := range s.assets.All() {
		switch {
		case search != "" && !containsFold(search, a.Name, a.URL),
			kind != "" && string(a.AssetType) != kind,
			notSet && a.CategoryID != 0,
			!inIDs(cats, a.CategoryID),
			len(camps) > 0 && !slices.ContainsFunc(a.AllowedCampaignIDs, func(id int64) bool { return slices.Contains(camps, id) }),
			created.set() && !created.match(a.CreatedAt):
			continue
		}
		rows = append(rows, s.assetView(a))
	}
	return http.StatusOK, paginate(rows, page, per), nil
}

// createAsset requires name and asset_type; the spec answers 200.
func (s *Server) createAsset(r *http.Request) (int, any, *apiError) {
	p, e := readParams(r)
	if e != nil {
		return 0, nil, e
	}
	if strings.TrimSpace(p.str("name")) == "" {
		return 0, nil, errParam("name")
	}
	if !p.has("asset_type") {
		return 0, nil, errParam("asset_type")
	}
	var a Asset
	if e := s.applyAsset(p, &a); e != nil {
		return 0, nil, e
	}
	return http.StatusOK, s.assetView(s.addAsset(a)), nil
}

func (s *Server) getAsset(r *http.Request) (int, any, *apiError) {
	a, e := s.assetByPath(r)
	if e != nil {
		return 0, nil, e
	}
	return http.StatusOK, s.assetView(a), nil
}

// updateAsset changes the fields present in the body.
func (s *Server) updateAsset(r *http.Request) (int, any, *apiError) {
	a, e := s.assetByPath(r)
	if e != nil {
		return 0, nil, e
	}
	p, e := readParams(r)
	if e != nil {
		return 0, nil, e
	}
	next := *a
	next.AllowedCampaignIDs = slices.Clone(a.AllowedCampaignIDs)
	if e := s.applyAsset(p, &next); e != nil {
		return 0, nil, e
	}
	*a = next
	return http.StatusOK, s.assetView(a), nil
}

// updateAssetsCategory requires category_id (null removes the category)
// and answers a batch.
func (s *Server) updateAssetsCategory(r *http.Request) (int, any, *apiError) {
	p, e := readParams(r)
	if e != nil {
		return 0, nil, e
	}
	if !p.has("category_id") {
		return 0, nil, errParam("category_id")
	}
	cat, _, e := p.int("category_id")
	if e != nil {
		return 0, nil, e
	}
	if _, ok := s.assetCategories.Get(cat); cat != 0 && !ok {
		return 0, nil, errNotFound()
	}
	return s.bulk(p, "Update assets category", nil, func(id int64) error {
		a, ok := s.assets.Get(id)
		if !ok {
			return errRecordNotFound
		}
		a.CategoryID = cat
		return nil
	})
}

func (s *Server) deleteAssets(r *http.Request) (int, any, *apiError) {
	p, e := readParams(r)
	if e != nil {
		return 0, nil, e
	}
	return s.bulk(p, "Delete assets", nil, func(id int64) error {
		if !s.assets.Delete(id) {
			return errRecordNotFound
		}
		return nil
	})
}

// listAssetCategories answers the categories by position.
func (s *Server) listAssetCategories(*http.Request) (int, any, *apiError) {
	return http.StatusOK, s.assetCategoryList(), nil
}

// updateAssetCategories creates (no id), updates or, with _destroy,
// deletes categories, and answers them all; the assets of a deleted
// category lose it.
func (s *Server) updateAssetCategories(r *http.Request) (int, any, *apiError) {
	p, e := readParams(r)
	if e != nil {
		return 0, nil, e
	}
	var changes []struct {
		ID       int64  `json:"id"`
		Name     string `json:"name"`
		Position *int   `json:"position"`
		Destroy  bool   `json:"_destroy"`
	}
	if ok, e := p.decode("asset_categories", &changes); e != nil {
		return 0, nil, e
	} else if !ok {
		return 0, nil, errParam("asset_categories")
	}
	for _, ch := range changes {
		if _, ok := s.assetCategories.Get(ch.ID); ch.ID != 0 && !ok {
			return 0, nil, errNotFound()
		}
		if ch.ID == 0 && strings.TrimSpace(ch.Name) == "" {
			return 0, nil, errParam("asset_categories[name]")
		}
	}
	now := At(s.now())
	for _, ch := range changes {
		switch {
		case ch.Destroy && ch.ID != 0:
			s.assetCategories.Delete(ch.ID)
			for _, a := range s.assets.All() {
				if a.CategoryID == ch.ID {
					a.CategoryID = 0
				}
			}
		case ch.ID != 0:
			c, _ := s.assetCategories.Get(ch.ID)
			if ch.Name != "" {
				c.Name = ch.Name
			}
			if ch.Position != nil {
				c.Position = *ch.Position
			}
			c.UpdatedAt = &now
		default:
			c := AssetCategory{ID: s.assetCategories.Assign(0), Name: strings.TrimSpace(ch.Name), CreatedAt: &now, UpdatedAt: &now}
			c.Position = s.assetCategories.Len() + 1
			if ch.Position != nil {
				c.Position = *ch.Position
			}
			s.assetCategories.Put(&c)
		}
	}
	return http.StatusOK, s.assetCategoryList(), nil
}

func (s *Server) assetCategoryList() []AssetCategory {
	out := []AssetCategory{}
	for _, c := range s.assetCategories.All() {
		out = append(out, *c)
	}
	slices.SortStableFunc(out, func(a, b AssetCategory) int { return a.Position - b.Position })
	return out
}

// applyAsset reads the asset fields present in the body.
func (s *Server) applyAsset(p *params, a *Asset) *apiError {
	if p.has("name") {
		if a.Name = strings.TrimSpace(p.str("name")); a.Name == "" {
			return errParam("name")
		}
	}
	if p.has("asset_type") {
		if a.AssetType = firstpromoter.AssetType(p.str("asset_type")); !slices.Contains(assetTypes, a.AssetType) {
			return errParam("asset_type")
		}
	}
	for _, f := range []struct {
		key string
		dst *string
	}{{"url", &a.URL}, {"content", &a.Content}, {"landing_page_url", &a.LandingPageURL}} {
		if p.has(f.key) {
			*f.dst = p.str(f.key)
		}
	}
	if id, ok, e := p.int("category_id"); e != nil {
		return e
	} else if ok {
		if _, found := s.assetCategories.Get(id); !found {
			return errNotFound()
		}
		a.CategoryID = id
	}
	if p.has("allowed_campaign_ids") {
		ids, e := p.ids("allowed_campaign_ids")
		if e != nil {
			return e
		}
		for _, id := range ids {
			if _, ok := s.campaigns.Get(id); !ok {
				return errInvalid("allowed_campaign_ids", "contains an unknown campaign")
			}
		}
		a.AllowedCampaignIDs = ids
	}
	if a.AssetType == "text" && strings.TrimSpace(a.Content) == "" {
		return errParam("content")
	}
	if (a.AssetType == "image" || a.AssetType == "document" || a.AssetType == "link") && a.URL == "" {
		return errParam("url")
	}
	return nil
}

func (s *Server) assetByPath(r *http.Request) (*Asset, *apiError) {
	id, ok := pathID(r, "id")
	if !ok {
		return nil, errNotFound()
	}
	a, found := s.assets.Get(id)
	if !found {
		return nil, errNotFound()
	}
	return a, nil
}

// AddAsset stores a, assigning an id, and returns it as the API would
// answer it.
func (s *Server) AddAsset(a Asset) Asset {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.assetView(s.addAsset(a))
}

// Assets returns the stored assets in id order.
func (s *Server) Assets() []Asset {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]Asset, 0, s.assets.Len())
	for _, a := range s.assets.All() {
		out = append(out, s.assetView(a))
	}
	return out
}

// addAsset stores a; the caller holds s.mu. Images and documents get file
// details from their URL.
func (s *Server) addAsset(a Asset) *Asset {
	a.ID = s.assets.Assign(a.ID)
	if a.CreatedAt.IsZero() {
		a.CreatedAt = At(s.now())
	}
	if a.AllowedCampaignIDs == nil {
		a.AllowedCampaignIDs = []int64{}
	}
	if a.Details == nil {
		a.Details = &AssetDetails{}
		if a.AssetType == "image" || a.AssetType == "document" {
			a.Details.FileFormat = strings.TrimPrefix(path.Ext(a.URL), ".")
			a.Details.FileSize = 48213
		}
		if a.AssetType == "image" {
			a.Details.ImageSize = &ImageSize{Width: 1200, Height: 628}
			a.ThumbnailURL = a.URL
		}
	}
	s.assets.Put(&a)
	return &a
}

// assetView renders a; the caller holds s.mu.
func (s *Server) assetView(a *Asset) Asset {
	v := *a
	v.AllowedCampaignIDs = slices.Clone(a.AllowedCampaignIDs)
	if a.Details != nil {
		d := *a.Details
		v.Details = &d
	}
	v.Category = nil
	if c, ok := s.assetCategories.Get(a.CategoryID); ok {
		v.Category = &AssetCategory{ID: c.ID, Name: c.Name, Position: c.Position}
	}
	v.AllowedCampaigns = []CampaignRef{}
	for _, id := range a.AllowedCampaignIDs {
		if ref := s.campaignRef(id); ref != nil {
			v.AllowedCampaigns = append(v.AllowedCampaigns, *ref)
		}
	}
	return v
}
