package firstpromoter

import (
	"context"
	"encoding/json"
	"errors"
	"iter"
	"net/http"
	"strconv"
	"time"

	"github.com/affiliatekit/affiliatekit-go/internal/transport"
)

// ProductsService manages the products campaign rewards can be limited
// to: /company/products.
type ProductsService service

// Product is a product and its prices at the payment provider.
type Product struct {
	ID   int64  `json:"id"`
	Name string `json:"name"`
	// ExtID is the product's id at the payment provider; nil for null.
	ExtID     *string        `json:"ext_id"`
	Prices    []ProductPrice `json:"prices"`
	CreatedAt time.Time      `json:"created_at"`
}

// ProductPrice is one price of a product.
type ProductPrice struct {
	// ExtID is the price's id at the payment provider, unique within the
	// product.
	ExtID string `json:"ext_id"`
	// Desc describes the price; the API reads null as no description, and
	// an empty Desc is sent as null.
	Desc string `json:"desc"`
}

// MarshalJSON sends an empty Desc as null.
func (p ProductPrice) MarshalJSON() ([]byte, error) {
	var w struct {
		ExtID string  `json:"ext_id"`
		Desc  *string `json:"desc"`
	}
	w.ExtID = p.ExtID
	if p.Desc != "" {
		w.Desc = &p.Desc
	}
	return json.Marshal(w)
}

// ProductListOptions filter GET /company/products.
type ProductListOptions struct {
	ListParams
	// Q searches the names and prices.
	Q string `url:"q,omitempty"`
}

// List iterates over the products matching opts.
func (s *ProductsService) List(ctx context.Context, opts ...*ProductListOptions) iter.Seq2[*Product, error] {
	return list(ctx, opts, s.ListPage)
}

// ListPage fetches the page opts.Page (default 1) of products.
func (s *ProductsService) ListPage(ctx context.Context, opts *ProductListOptions) ([]*Product, *Response, error) {
	return listPage[Product](ctx, s.client, "company/products", copyOpts(opts))
}

// Get returns the product with the given id.
func (s *ProductsService) Get(ctx context.Context, id int64, opts ...RequestOption) (*Product, error) {
	return s.one(ctx, http.MethodGet, productPath(id), nil, opts...)
}

// ProductCreateParams is the body of POST /company/products.
type ProductCreateParams struct {
	// Name is required.
	Name  string `json:"name"`
	ExtID string `json:"ext_id,omitempty"`
	// Prices are required (at least one).
	Prices []ProductPrice `json:"prices"`
}

// Create adds a product. It is not retried after it may have reached the
// server.
func (s *ProductsService) Create(ctx context.Context, params *ProductCreateParams, opts ...RequestOption) (*Product, error) {
	switch {
	case params == nil || params.Name == "":
		return nil, errors.New("firstpromoter: create product: Name is required")
	case len(params.Prices) == 0:
		return nil, errors.New("firstpromoter: create product: at least one price is required")
	}
	return s.one(ctx, http.MethodPost, "company/products", params, opts...)
}

// ProductUpdateParams is the body of PUT /company/products/{id}. Prices
// are required and replace the product's; empty Name and ExtID are left
// unchanged.
type ProductUpdateParams struct {
	Name   string         `json:"name,omitempty"`
	ExtID  string         `json:"ext_id,omitempty"`
	Prices []ProductPrice `json:"prices"`
}

// Update changes the product with the given id.
func (s *ProductsService) Update(ctx context.Context, id int64, params *ProductUpdateParams, opts ...RequestOption) (*Product, error) {
	if params == nil || params.Prices == nil {
		return nil, errors.New("firstpromoter: update product: Prices are required")
	}
	return s.one(ctx, http.MethodPut, productPath(id), params, opts...)
}

// Delete deletes the product with the given id.
func (s *ProductsService) Delete(ctx context.Context, id int64, opts ...RequestOption) error {
	_, err := s.client.do(ctx, http.MethodDelete, productPath(id), nil, nil, nil, opts...)
	return err
}

func (s *ProductsService) one(ctx context.Context, method, path string, body any, opts ...RequestOption) (*Product, error) {
	p := new(Product)
	if _, err := s.client.do(ctx, method, path, nil, body, transport.RecordID(p), opts...); err != nil {
		return nil, err
	}
	return p, nil
}

func productPath(id int64) string {
	return transport.Join("company/products/%s", strconv.FormatInt(id, 10))
}
