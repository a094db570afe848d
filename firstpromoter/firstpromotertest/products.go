package firstpromotertest

import (
	"net/http"
	"slices"
	"strings"
)

// Product is a product as the API answers it.
type Product struct {
	ID        int64          `json:"id"`
	Name      string         `json:"name"`
	ExtID     NullString     `json:"ext_id"`
	Prices    []ProductPrice `json:"prices"`
	CreatedAt Timestamp      `json:"created_at"`
}

// ProductPrice is one price of a product.
type ProductPrice struct {
	ExtID string     `json:"ext_id"`
	Desc  NullString `json:"desc"`
}

func (s *Server) productRoutes() {
	s.handle("GET /company/products", s.listProducts)
	s.handle("POST /company/products", s.createProduct)
	s.handle("GET /company/products/{id}", s.getProduct)
	s.handle("PUT /company/products/{id}", s.updateProduct)
	s.handle("DELETE /company/products/{id}", s.deleteProduct)
}

// listProducts applies q to the names and the prices' ids and
// descriptions.
func (s *Server) listProducts(r *http.Request) (int, any, *apiError) {
	q := listQuery(r.URL.Query())
	page, per, e := q.page(DefaultPerPage)
	if e != nil {
		return 0, nil, e
	}
	search := q.get("q")
	rows := []Product{}
	for _, p := range s.products.All() {
		fields := []string{p.Name}
		for _, pr := range p.Prices {
			fields = append(fields, pr.ExtID, string(pr.Desc))
		}
		if search == "" || containsFold(search, fields...) {
			rows = append(rows, productView(p))
		}
	}
	return http.StatusOK, paginate(rows, page, per), nil
}

// createProduct requires name and prices; the spec answers 201.
func (s *Server) createProduct(r *http.Request) (int, any, *apiError) {
	p, e := readParams(r)
	if e != nil {
		return 0, nil, e
	}
	if strings.TrimSpace(p.str("name")) == "" {
		return 0, nil, errParam("name")
	}
	if !p.has("prices") {
		return 0, nil, errParam("prices")
	}
	pr := Product{CreatedAt: At(s.now())}
	if e := applyProduct(p, &pr); e != nil {
		return 0, nil, e
	}
	return http.StatusCreated, productView(s.addProduct(pr)), nil
}

func (s *Server) getProduct(r *http.Request) (int, any, *apiError) {
	p, e := s.productByPath(r)
	if e != nil {
		return 0, nil, e
	}
	return http.StatusOK, productView(p), nil
}

// updateProduct requires prices, which replace the product's.
func (s *Server) updateProduct(r *http.Request) (int, any, *apiError) {
	pr, e := s.productByPath(r)
	if e != nil {
		return 0, nil, e
	}
	p, e := readParams(r)
	if e != nil {
		return 0, nil, e
	}
	if !p.has("prices") {
		return 0, nil, errParam("prices")
	}
	if p.has("name") && strings.TrimSpace(p.str("name")) == "" {
		return 0, nil, errParam("name")
	}
	next := productView(pr)
	if e := applyProduct(p, &next); e != nil {
		return 0, nil, e
	}
	*pr = next
	return http.StatusOK, productView(pr), nil
}

func (s *Server) deleteProduct(r *http.Request) (int, any, *apiError) {
	p, e := s.productByPath(r)
	if e != nil {
		return 0, nil, e
	}
	s.products.Delete(p.ID)
	return http.StatusOK, nil, nil
}

// applyProduct reads name, ext_id and prices; price ids must be unique
// within the product.
func applyProduct(p *params, pr *Product) *apiError {
	if p.has("name") {
		pr.Name = strings.TrimSpace(p.str("name"))
	}
	if p.has("ext_id") {
		pr.ExtID = NullString(p.str("ext_id"))
	}
	var prices []ProductPrice
	if ok, e := p.decode("prices", &prices); e != nil {
		return e
	} else if ok {
		seen := map[string]bool{}
		for _, x := range prices {
			if x.ExtID == "" {
				return errParam("prices")
			}
			if seen[x.ExtID] {
				return errInvalid("prices", "ext_id must be unique within the product")
			}
			seen[x.ExtID] = true
		}
		pr.Prices = prices
	}
	return nil
}

func (s *Server) productByPath(r *http.Request) (*Product, *apiError) {
	id, ok := pathID(r, "id")
	if !ok {
		return nil, errNotFound()
	}
	p, found := s.products.Get(id)
	if !found {
		return nil, errNotFound()
	}
	return p, nil
}

// AddProduct stores p, assigning an id and a created_at, and returns it
// as the API would answer it.
func (s *Server) AddProduct(p Product) Product {
	s.mu.Lock()
	defer s.mu.Unlock()
	return productView(s.addProduct(p))
}

// Products returns the stored products in id order.
func (s *Server) Products() []Product {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]Product, 0, s.products.Len())
	for _, p := range s.products.All() {
		out = append(out, productView(p))
	}
	return out
}

// addProduct stores p; the caller holds s.mu.
func (s *Server) addProduct(p Product) *Product {
	p.ID = s.products.Assign(p.ID)
	if p.CreatedAt.IsZero() {
		p.CreatedAt = At(s.now())
	}
	if p.Prices == nil {
		p.Prices = []ProductPrice{}
	}
	s.products.Put(&p)
	return &p
}

func productView(p *Product) Product {
	v := *p
	v.Prices = slices.Clone(p.Prices)
	if v.Prices == nil {
		v.Prices = []ProductPrice{}
	}
	return v
}
