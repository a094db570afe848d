package partnerstack

import (
	"context"
	"errors"
	"iter"
	"net/http"
	"time"

	"github.com/affiliatekit/affiliatekit-go/internal/transport"
)

// ProductsService manages the products customers hold: /v2/products. A
// product is addressed by its key or your external key. PartnerStack's
// reference describes these endpoints without stored schemas; the modeled
// fields follow its descriptions, decode leniently, and the params carry
// Extra.
type ProductsService service

// Product is a product from the product book held by a customer.
type Product struct {
	Key            string    `json:"key"`
	ExternalKey    string    `json:"external_key,omitempty" tolerant:"lenient"`
	ProductBookKey string    `json:"product_book_key,omitempty" tolerant:"lenient"`
	CustomerKey    string    `json:"customer_key,omitempty" tolerant:"lenient"`
	Status         string    `json:"status,omitempty" tolerant:"lenient"`
	CreatedAt      time.Time `json:"created_at"`
	UpdatedAt      time.Time `json:"updated_at"`
}

// UnmarshalJSON implements json.Unmarshaler.
func (p *Product) UnmarshalJSON(b []byte) error { return records.Unmarshal(b, p) }

func (p *Product) itemKey() string { return p.Key }

// ProductListOptions filter GET /v2/products.
type ProductListOptions struct {
	ListParams
	CustomerKey string `url:"customer_key,omitempty"`
	// StackKey filters by partner team.
	StackKey string `url:"stack_key,omitempty"`
	// ClickXID filters by the click id of server-to-server tracking.
	ClickXID string `url:"xid,omitempty"`
}

// List iterates over the products.
func (s *ProductsService) List(ctx context.Context, opts ...*ProductListOptions) iter.Seq2[*Product, error] {
	return list(ctx, opts, s.ListPage)
}

// ListPage fetches one page of products.
func (s *ProductsService) ListPage(ctx context.Context, opts *ProductListOptions) ([]*Product, *Response, error) {
	return listPage[Product](ctx, s.api, "products", opts)
}

// Get returns a product by its key or external key.
func (s *ProductsService) Get(ctx context.Context, identifier string, opts ...RequestOption) (*Product, error) {
	if err := requireKey("get product", identifier); err != nil {
		return nil, err
	}
	return get[Product](ctx, s.api, transport.Join("products/%s", identifier), nil, opts...)
}

// ProductParams is the body of POST /v2/products and PATCH
// /v2/products/{identifier}.
type ProductParams struct {
	// ProductBookKey, CustomerKey and Status are required on create.
	ProductBookKey string `json:"product_book_key,omitempty"`
	CustomerKey    string `json:"customer_key,omitempty"`
	Status         string `json:"status,omitempty"`
	ExternalKey    string `json:"external_key,omitempty"`
	Extra          Extra  `json:"-"`
}

// MarshalJSON merges Extra into the body.
func (p ProductParams) MarshalJSON() ([]byte, error) {
	type plain ProductParams
	return withExtra(plain(p), p.Extra)
}

// ProductCreateParams is the body of POST /v2/products.
type ProductCreateParams = ProductParams

// ProductUpdateParams is the body of PATCH /v2/products/{identifier};
// empty fields are left unchanged.
type ProductUpdateParams = ProductParams

// Create adds a product to a customer. It is not retried after it may have
// reached the server.
func (s *ProductsService) Create(ctx context.Context, params *ProductCreateParams, opts ...RequestOption) (*Product, error) {
	if params == nil || params.ProductBookKey == "" || params.CustomerKey == "" || params.Status == "" {
		return nil, errors.New("partnerstack: create product: ProductBookKey, CustomerKey and Status are required")
	}
	return send[Product](ctx, s.api, http.MethodPost, "products", params, opts...)
}

// Update changes a product.
func (s *ProductsService) Update(ctx context.Context, identifier string, params *ProductUpdateParams, opts ...RequestOption) (*Product, error) {
	if err := requireKey("update product", identifier); err != nil {
		return nil, err
	}
	if params == nil {
		params = &ProductUpdateParams{}
	}
	return send[Product](ctx, s.api, http.MethodPatch, transport.Join("products/%s", identifier), params, opts...)
}

// Delete deletes a product.
func (s *ProductsService) Delete(ctx context.Context, identifier string, opts ...RequestOption) error {
	if err := requireKey("delete product", identifier); err != nil {
		return err
	}
	return remove(ctx, s.api, transport.Join("products/%s", identifier), opts...)
}

// ProductBooksService manages the catalogue of products:
// /v2/product-book. Like products, its schemas are modeled from the
// reference's descriptions.
type ProductBooksService service

// ProductBook is a catalogue entry products are created from.
type ProductBook struct {
	Key         string    `json:"key"`
	Name        string    `json:"name,omitempty" tolerant:"lenient"`
	Description string    `json:"description,omitempty" tolerant:"lenient"`
	CreatedAt   time.Time `json:"created_at"`
	UpdatedAt   time.Time `json:"updated_at"`
}

// UnmarshalJSON implements json.Unmarshaler.
func (p *ProductBook) UnmarshalJSON(b []byte) error { return records.Unmarshal(b, p) }

func (p *ProductBook) itemKey() string { return p.Key }

// ProductBookListOptions filter GET /v2/product-book.
type ProductBookListOptions struct {
	ListParams
	// Keywords searches names and descriptions.
	Keywords string `url:"keywords,omitempty"`
}

// List iterates over the product books.
func (s *ProductBooksService) List(ctx context.Context, opts ...*ProductBookListOptions) iter.Seq2[*ProductBook, error] {
	return list(ctx, opts, s.ListPage)
}

// ListPage fetches one page of product books.
func (s *ProductBooksService) ListPage(ctx context.Context, opts *ProductBookListOptions) ([]*ProductBook, *Response, error) {
	return listPage[ProductBook](ctx, s.api, "product-book", opts)
}

// Get returns a product book by its key.
func (s *ProductBooksService) Get(ctx context.Context, key string, opts ...RequestOption) (*ProductBook, error) {
	if err := requireKey("get product book", key); err != nil {
		return nil, err
	}
	return get[ProductBook](ctx, s.api, transport.Join("product-book/%s", key), nil, opts...)
}

// ProductBookParams is the body of POST /v2/product-book and PATCH
// /v2/product-book/{key}.
type ProductBookParams struct {
	Name        string `json:"name,omitempty"`
	Description string `json:"description,omitempty"`
	Extra       Extra  `json:"-"`
}

// MarshalJSON merges Extra into the body.
func (p ProductBookParams) MarshalJSON() ([]byte, error) {
	type plain ProductBookParams
	return withExtra(plain(p), p.Extra)
}

// ProductBookCreateParams is the body of POST /v2/product-book.
type ProductBookCreateParams = ProductBookParams

// ProductBookUpdateParams is the body of PATCH /v2/product-book/{key};
// empty fields are left unchanged.
type ProductBookUpdateParams = ProductBookParams

// Create adds a product book.
func (s *ProductBooksService) Create(ctx context.Context, params *ProductBookCreateParams, opts ...RequestOption) (*ProductBook, error) {
	if params == nil || params.Name == "" {
		return nil, errors.New("partnerstack: create product book: Name is required")
	}
	return send[ProductBook](ctx, s.api, http.MethodPost, "product-book", params, opts...)
}

// Update changes a product book.
func (s *ProductBooksService) Update(ctx context.Context, key string, params *ProductBookUpdateParams, opts ...RequestOption) (*ProductBook, error) {
	if err := requireKey("update product book", key); err != nil {
		return nil, err
	}
	if params == nil {
		params = &ProductBookUpdateParams{}
	}
	return send[ProductBook](ctx, s.api, http.MethodPatch, transport.Join("product-book/%s", key), params, opts...)
}

// Delete deletes a product book.
func (s *ProductBooksService) Delete(ctx context.Context, key string, opts ...RequestOption) error {
	if err := requireKey("delete product book", key); err != nil {
		return err
	}
	return remove(ctx, s.api, transport.Join("product-book/%s", key), opts...)
}
