package refersion

import (
	"context"
	"encoding/json"
	"fmt"
	"iter"

	"github.com/affiliatekit/affiliatekit-go/internal/transport"

	"github.com/affiliatekit/affiliatekit-go/internal/tolerant"
)

// GraphQLListOptions pages a GraphQL list other than conversions.
type GraphQLListOptions struct {
	// Page is the page (from 1) a ...Page call fetches; the iterator
	// starts there.
	Page int
	// PerPage is the rows per request (first:), [DefaultGraphQLPerPage] by
	// default, at most [MaxGraphQLPerPage].
	PerPage int
}

// query returns the page's query of root with fields, normalizing o.
func (o *GraphQLListOptions) query(root, fields string) (string, error) {
	if err := transport.NormalizePage(&o.Page, &o.PerPage, DefaultGraphQLPerPage, MaxGraphQLPerPage, "page size"); err != nil {
		return "", fmt.Errorf("refersion: GraphQL %s: %w", root, err)
	}
	return "{ " + root + "(" + pageArgs(o.Page, o.PerPage) + ") { " + fields + " } }", nil
}

// gqlIterate is the iterator of a GraphQL list other than conversions.
func gqlIterate[T any](ctx context.Context, c *Client, root, fields string, opts []*GraphQLListOptions) iter.Seq2[*T, error] {
	return transport.List(ctx, opts,
		func(ctx context.Context, o *GraphQLListOptions) ([]*T, *Response, error) {
			return gqlOnePage[T](ctx, c, root, fields, o)
		},
		func(o *GraphQLListOptions, r *Response) bool {
			o.Page = r.NextPage
			return r.HasMore
		})
}

func gqlOnePage[T any](ctx context.Context, c *Client, root, fields string, o *GraphQLListOptions) ([]*T, *Response, error) {
	q, err := o.query(root, fields)
	if err != nil {
		return nil, nil, err
	}
	return gqlPaged[T](ctx, c, root, q, o.Page, o.PerPage)
}

// AffiliateSummary is a row of the GraphQL affiliates list, the fields
// Refersion documents for it. It adds what affiliate/list lacks: the
// affiliate's display name and the referral parameter of its links.
type AffiliateSummary struct {
	Status AffiliateStatus `json:"status"`
	Name   string          `json:"name"`
	Email  string          `json:"email"`
	// RfsnParameter is the query-string parameter of the affiliate's
	// referral links ("&rfsn=123456.1234c").
	RfsnParameter string `json:"rfsn_parameter"`
}

const affiliateSummaryFields = "status, name, email, rfsn_parameter"

// ListGraphQL iterates over every affiliate through the GraphQL API
// (affiliates), as AffiliateSummary rows. It needs WithGraphQLKey. The
// REST List returns full Affiliate records with their ids; this one the
// name and referral parameter, which REST does not.
func (s *AffiliatesService) ListGraphQL(ctx context.Context, opts ...*GraphQLListOptions) iter.Seq2[*AffiliateSummary, error] {
	return gqlIterate[AffiliateSummary](ctx, s.client, "affiliates", affiliateSummaryFields, opts)
}

// ListGraphQLPage fetches one page of ListGraphQL; resp.NextPage is the
// page to fetch next, 0 after the last.
func (s *AffiliatesService) ListGraphQLPage(ctx context.Context, opts *GraphQLListOptions) ([]*AffiliateSummary, *Response, error) {
	var o GraphQLListOptions
	if opts != nil {
		o = *opts
	}
	return gqlOnePage[AffiliateSummary](ctx, s.client, "affiliates", affiliateSummaryFields, &o)
}

// OfferSummary is a row of the GraphQL offers list, the fields Refersion
// documents for it: the offer's commission and how it is computed.
type OfferSummary struct {
	// Commission is the rate, exact: 10 for 10% (a percent-of-sale offer)
	// or a flat amount in major units. It decodes from a number or a
	// numeric string.
	Commission Amount `json:"commission"`
	// Type says how Commission is computed, as Refersion names it.
	Type string `json:"type"`

	sent tolerant.FormattedAmount
}

// UnmarshalJSON decodes a row, reading commission exactly.
func (o *OfferSummary) UnmarshalJSON(b []byte) error {
	var w struct {
		Commission tolerant.FormattedAmount `json:"commission"`
		Type       string                   `json:"type"`
	}
	if err := json.Unmarshal(b, &w); err != nil {
		return err
	}
	*o = OfferSummary{Commission: w.Commission.Value, Type: w.Type, sent: w.Commission}
	return nil
}

// MarshalJSON writes commission back as it was sent while unchanged.
func (o OfferSummary) MarshalJSON() ([]byte, error) {
	return json.Marshal(struct {
		Commission json.RawMessage `json:"commission"`
		Type       string          `json:"type"`
	}{o.sent.Encode(o.Commission), o.Type})
}

const offerSummaryFields = "commission, type"

// ListGraphQL iterates over every offer through the GraphQL API (offers),
// which the REST API cannot list. It needs WithGraphQLKey.
func (s *OffersService) ListGraphQL(ctx context.Context, opts ...*GraphQLListOptions) iter.Seq2[*OfferSummary, error] {
	return gqlIterate[OfferSummary](ctx, s.client, "offers", offerSummaryFields, opts)
}

// ListGraphQLPage fetches one page of ListGraphQL; resp.NextPage is the
// page to fetch next, 0 after the last.
func (s *OffersService) ListGraphQLPage(ctx context.Context, opts *GraphQLListOptions) ([]*OfferSummary, *Response, error) {
	var o GraphQLListOptions
	if opts != nil {
		o = *opts
	}
	return gqlOnePage[OfferSummary](ctx, s.client, "offers", offerSummaryFields, &o)
}
