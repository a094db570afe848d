package partnerstack

import (
	"context"
	"iter"

	"github.com/affiliatekit/affiliatekit-go/internal/transport"
)

// LinksService lists partners' referral links:
// /v2/links/partnership/{identifier}.
type LinksService service

// Link is a partner's referral link.
type Link struct {
	Key string `json:"key"`
	// Dest is the destination the link redirects to.
	Dest string `json:"dest"`
	// URL is the partner's link.
	URL string `json:"url"`
}

func (l *Link) itemKey() string { return l.Key }

// LinkListOptions page through a partnership's links.
type LinkListOptions struct {
	ListParams
}

// List iterates over the links of a partnership, identified by its key or
// partner key.
func (s *LinksService) List(ctx context.Context, identifier string, opts ...*LinkListOptions) iter.Seq2[*Link, error] {
	return list(ctx, opts, func(ctx context.Context, o *LinkListOptions) ([]*Link, *Response, error) {
		return s.ListPage(ctx, identifier, o)
	})
}

// ListPage fetches one page of a partnership's links.
func (s *LinksService) ListPage(ctx context.Context, identifier string, opts *LinkListOptions) ([]*Link, *Response, error) {
	if err := requireKey("list links", identifier); err != nil {
		return nil, nil, err
	}
	return listPage[Link](ctx, s.api, transport.Join("links/partnership/%s", identifier), opts)
}
