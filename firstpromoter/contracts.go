package firstpromoter

import (
	"context"
	"errors"
	"io"
	"iter"
	"net/http"
	"strconv"
	"time"

	"github.com/affiliatekit/affiliatekit-go/internal/transport"
)

// ContractsService manages the terms promoters accept on sign-up:
// /company/contracts. The spec documents the requests of this API but
// none of its answers; Contract holds the fields the requests name.
type ContractsService service

// Contract is a set of terms and conditions for some campaigns.
type Contract struct {
	ID            int64  `json:"id"`
	Name          string `json:"name"`
	CheckboxLabel string `json:"checkbox_label"`
	// ContentHosted is true for terms hosted by FirstPromoter (Content)
	// and false for an external link (ExternalLink).
	ContentHosted bool    `json:"content_hosted"`
	Content       string  `json:"content"`
	ExternalLink  string  `json:"external_link"`
	CampaignIDs   []int64 `json:"campaign_ids"`
	// Default reports the account's default contract.
	Default bool `json:"default"`
}

// ContractListOptions page GET /company/contracts.
type ContractListOptions struct {
	ListParams
}

// List iterates over the contracts.
func (s *ContractsService) List(ctx context.Context, opts ...*ContractListOptions) iter.Seq2[*Contract, error] {
	return list(ctx, opts, s.ListPage)
}

// ListPage fetches the page opts.Page (default 1) of contracts.
func (s *ContractsService) ListPage(ctx context.Context, opts *ContractListOptions) ([]*Contract, *Response, error) {
	return listPage[Contract](ctx, s.client, "company/contracts", copyOpts(opts))
}

// Get returns the contract with the given id.
func (s *ContractsService) Get(ctx context.Context, id int64, opts ...RequestOption) (*Contract, error) {
	return s.one(ctx, http.MethodGet, contractPath(id), nil, opts...)
}

// ContractCreateParams is the body of POST /company/contracts.
type ContractCreateParams struct {
	// Name and CheckboxLabel are required.
	Name          string `json:"name"`
	CheckboxLabel string `json:"checkbox_label"`
	// ContentHosted selects Content (required when true) or ExternalLink
	// (required when false).
	ContentHosted bool    `json:"content_hosted"`
	Content       string  `json:"content,omitempty"`
	ExternalLink  string  `json:"external_link,omitempty"`
	CampaignIDs   []int64 `json:"campaign_ids,omitempty"`
}

// Create adds a contract; FirstPromoter generates its documents. It is
// not retried after it may have reached the server.
func (s *ContractsService) Create(ctx context.Context, params *ContractCreateParams, opts ...RequestOption) (*Contract, error) {
	switch {
	case params == nil || params.Name == "" || params.CheckboxLabel == "":
		return nil, errors.New("firstpromoter: create contract: Name and CheckboxLabel are required")
	case params.ContentHosted && params.Content == "":
		return nil, errors.New("firstpromoter: create contract: Content is required for hosted terms")
	case !params.ContentHosted && params.ExternalLink == "":
		return nil, errors.New("firstpromoter: create contract: ExternalLink is required for linked terms")
	}
	return s.one(ctx, http.MethodPost, "company/contracts", params, opts...)
}

// ContractUpdateParams is the body of PUT /company/contracts/{id}. Nil
// and empty fields are left unchanged.
type ContractUpdateParams struct {
	Name          string  `json:"name,omitempty"`
	CheckboxLabel string  `json:"checkbox_label,omitempty"`
	ContentHosted *bool   `json:"content_hosted,omitempty"`
	Content       string  `json:"content,omitempty"`
	ExternalLink  string  `json:"external_link,omitempty"`
	CampaignIDs   []int64 `json:"campaign_ids,omitempty"`
	// Default makes the contract the account's default.
	Default *bool `json:"default,omitempty"`
}

// Update changes the contract with the given id; FirstPromoter
// regenerates its documents when needed.
func (s *ContractsService) Update(ctx context.Context, id int64, params *ContractUpdateParams, opts ...RequestOption) (*Contract, error) {
	if params == nil {
		params = &ContractUpdateParams{}
	}
	return s.one(ctx, http.MethodPut, contractPath(id), params, opts...)
}

// Delete deletes the contract with the given id.
func (s *ContractsService) Delete(ctx context.Context, id int64, opts ...RequestOption) error {
	_, err := s.client.do(ctx, http.MethodDelete, contractPath(id), nil, nil, nil, opts...)
	return err
}

func (s *ContractsService) one(ctx context.Context, method, path string, body any, opts ...RequestOption) (*Contract, error) {
	c := new(Contract)
	if _, err := s.client.do(ctx, method, path, nil, body, transport.RecordID(c), opts...); err != nil {
		return nil, err
	}
	return c, nil
}

func contractPath(id int64) string {
	return transport.Join("company/contracts/%s", strconv.FormatInt(id, 10))
}

// ContractDocumentsService reads the contract documents promoters sign:
// /company/contract_documents. The spec documents the list's filters and
// sorting but not its answer; ContractDocument holds the fields those
// name.
type ContractDocumentsService service

// ContractDocument is one promoter's copy of the current version of a
// contract.
type ContractDocument struct {
	ID int64 `json:"id"`
	// Status is pending or signed.
	Status     string     `json:"status"`
	PromoterID int64      `json:"promoter_id"`
	ContractID int64      `json:"contract_id"`
	CreatedAt  *time.Time `json:"created_at"`
	SignedAt   *time.Time `json:"signed_at"`
}

// ContractDocumentListOptions filter GET /company/contract_documents.
type ContractDocumentListOptions struct {
	ListParams
	// Q searches the promoter's name and email.
	Q       string                  `url:"q,omitempty"`
	Filters ContractDocumentFilters `url:"filters,omitempty"`
	Sorting ContractDocumentSorting `url:"sorting,omitempty"`
}

// ContractDocumentFilters are the filters[...] parameters of the list.
type ContractDocumentFilters struct {
	// Status is pending or signed.
	Status     string `url:"status,omitempty"`
	PromoterID int64  `url:"promoter_id,omitempty"`
	ContractID int64  `url:"contract_id,omitempty"`
}

// ContractDocumentSorting is sorting[<field>]=asc|desc on the list.
type ContractDocumentSorting struct {
	CreatedAt SortOrder `url:"created_at,omitempty"`
	SignedAt  SortOrder `url:"signed_at,omitempty"`
}

// List iterates over the current version documents matching opts.
func (s *ContractDocumentsService) List(ctx context.Context, opts ...*ContractDocumentListOptions) iter.Seq2[*ContractDocument, error] {
	return list(ctx, opts, s.ListPage)
}

// ListPage fetches the page opts.Page (default 1) of documents.
func (s *ContractDocumentsService) ListPage(ctx context.Context, opts *ContractDocumentListOptions) ([]*ContractDocument, *Response, error) {
	return listPage[ContractDocument](ctx, s.client, "company/contract_documents", copyOpts(opts))
}

// ContractDocumentFormat is the format Download renders a document in.
type ContractDocumentFormat string

// Contract document formats.
const (
	ContractDocumentHTML ContractDocumentFormat = "html"
	ContractDocumentPDF  ContractDocumentFormat = "pdf"
)

// Download returns the document with the given id rendered as HTML or
// PDF. The caller reads and closes the returned body; it is streamed, not
// held in memory, and not size-capped: WithMaxResponseBytes does not
// apply to it, so the caller must bound what it reads (io.LimitReader).
func (s *ContractDocumentsService) Download(ctx context.Context, id int64, format ContractDocumentFormat, opts ...RequestOption) (io.ReadCloser, error) {
	if format == "" {
		return nil, errors.New("firstpromoter: download contract document: no format given")
	}
	path := transport.Join("company/contract_documents/%s", strconv.FormatInt(id, 10))
	return s.client.stream(ctx, get(path, documentQuery{format}), opts)
}

// documentQuery is the query of a contract document's download.
type documentQuery struct {
	ContentType ContractDocumentFormat `url:"content_type"`
}
