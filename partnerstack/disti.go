package partnerstack

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"strings"
)

// DistiListingsService reads the distribution (disti) listing taxonomy:
// GET /api/disti/listings/categories.
//
// PartnerStack's API reference lists the operation ("List disti listing
// categories", reference slug get_disti-listings-categories) and says that
// each entry carries the stable AppDirect id, PartnerStack's slug, the
// display name and the productLine. Neither the path nor the body shape is
// confirmed by a published example: the path follows the slug the way the
// other endpoints outside /v2 do (/api/deals/...), and the body is decoded
// tolerantly (see Categories).
type DistiListingsService service

// DistiListingCategory is one category of the AppDirect-aligned taxonomy
// that the disti listing create flow uses.
type DistiListingCategory struct {
	// ID is the stable AppDirect id, kept as text whether it is sent as a
	// string or a number.
	ID string `json:"id"`
	// Slug is PartnerStack's slug for the category.
	Slug string `json:"slug"`
	// Name is the display name.
	Name string `json:"name"`
	// ProductLine is the category's product line.
	ProductLine string `json:"productLine"`
	// Raw is the category as sent, for the fields not modeled here.
	Raw json.RawMessage `json:"-"`
}

// UnmarshalJSON decodes a category, accepting id as a string or a number
// and productLine also as product_line.
func (c *DistiListingCategory) UnmarshalJSON(b []byte) error {
	var w struct {
		ID          json.RawMessage `json:"id"`
		Slug        string          `json:"slug"`
		Name        string          `json:"name"`
		ProductLine string          `json:"productLine"`
		Snake       string          `json:"product_line"`
	}
	if err := json.Unmarshal(b, &w); err != nil {
		return err
	}
	id, err := idText(w.ID)
	if err != nil {
		return err
	}
	*c = DistiListingCategory{ID: id, Slug: w.Slug, Name: w.Name, ProductLine: w.ProductLine, Raw: append(json.RawMessage(nil), b...)}
	if c.ProductLine == "" {
		c.ProductLine = w.Snake
	}
	return nil
}

// idText returns an id sent as a string or a number as text ("" for null
// or absent).
func idText(r json.RawMessage) (string, error) {
	r = bytes.TrimSpace(r)
	switch {
	case len(r) == 0 || string(r) == "null":
		return "", nil
	case r[0] == '"':
		var s string
		err := json.Unmarshal(r, &s)
		return s, err
	}
	var n json.Number
	if err := json.Unmarshal(r, &n); err != nil {
		return "", errors.New("id is neither a string nor a number")
	}
	return n.String(), nil
}

// distiCategories decodes the categories from any of the shapes the
// endpoint may answer: PartnerStack's envelope with data holding the list
// or a list page ({"items": [...]}), an object with "categories" or
// "items", or a bare JSON array.
type distiCategories struct {
	list []*DistiListingCategory
}

// DecodeBody implements the transport's whole-body decoding.
func (d *distiCategories) DecodeBody(body []byte) error {
	d.list = nil
	return d.decode(bytes.TrimSpace(body), 0)
}

func (d *distiCategories) decode(b []byte, depth int) error {
	if len(b) > 0 && b[0] == '[' {
		return json.Unmarshal(b, &d.list)
	}
	var obj map[string]json.RawMessage
	if err := json.Unmarshal(b, &obj); err != nil {
		return err
	}
	if depth < 2 {
		for _, k := range []string{"data", "items", "categories", "results"} {
			if v, ok := obj[k]; ok && len(bytes.TrimSpace(v)) > 0 && string(bytes.TrimSpace(v)) != "null" {
				return d.decode(bytes.TrimSpace(v), depth+1)
			}
		}
	}
	return errors.New("no list of categories in the body")
}

// Categories returns the disti listing categories. It only reads, so it is
// retried like any GET.
func (s *DistiListingsService) Categories(ctx context.Context, opts ...RequestOption) ([]*DistiListingCategory, error) {
	out := new(distiCategories)
	if _, err := s.api.doBody(ctx, request{method: http.MethodGet, path: "disti/listings/categories", root: true}, out, opts...); err != nil {
		return nil, err
	}
	for _, c := range out.list {
		if c == nil || strings.TrimSpace(c.Name+c.Slug+c.ID) == "" {
			return nil, s.api.malformed(request{method: http.MethodGet, path: "disti/listings/categories", root: true},
				nil, nil, errors.New("a category without id, slug or name"))
		}
	}
	return out.list, nil
}
