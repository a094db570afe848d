package refersion

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"iter"
	"strconv"
	"strings"
	"time"

	"github.com/affiliatekit/affiliatekit-go/internal/money"
	"github.com/affiliatekit/affiliatekit-go/internal/transport"

	"github.com/affiliatekit/affiliatekit-go/internal/tolerant"
)

// Conversion is a row of the GraphQL conversions list. Refersion documents
// affiliate, total, commission_total, currency and created; the SDK also
// asks for id.
type Conversion struct {
	// ID is the conversion id that ChangeStatus takes. Refersion's GraphQL
	// examples do not show it: it is asked for because the REST API names
	// conversions by it, and is unconfirmed. It is "" when the answer has
	// none; key rows by Affiliate.Email, Created, Total and Currency then.
	ID FlexString `json:"id"`
	// Affiliate is the affiliate credited.
	Affiliate ConversionAffiliate `json:"affiliate"`
	// Total and CommissionTotal are exact decimals in major units of
	// Currency; Refersion sends them as strings ("24.00").
	Total           Amount `json:"total"`
	CommissionTotal Amount `json:"commission_total"`
	Currency        string `json:"currency"`
	// Created is when the conversion was created, to the second, in UTC
	// (sent as unix seconds in a string, "1526674258").
	Created time.Time `json:"created"`
}

// ConversionAffiliate is the affiliate of a Conversion.
type ConversionAffiliate struct {
	Name  string `json:"name"`
	Email string `json:"email"`
}

// conversionWire is a Conversion as sent.
type conversionWire struct {
	ID              FlexString          `json:"id,omitempty"`
	Affiliate       ConversionAffiliate `json:"affiliate"`
	Total           Amount              `json:"total"`
	CommissionTotal Amount              `json:"commission_total"`
	Currency        string              `json:"currency"`
	Created         json.RawMessage     `json:"created"`
}

// UnmarshalJSON decodes a row; a row without its created time is an error,
// since the window cannot place it. created may be a string or a number.
func (c *Conversion) UnmarshalJSON(b []byte) error {
	var w conversionWire
	if err := json.Unmarshal(b, &w); err != nil {
		return err
	}
	created, err := decodeUnix(w.Created)
	if err != nil {
		return fmt.Errorf("refersion: conversion created: %w", err)
	}
	money.SetCurrency(w.Currency, &w.Total, &w.CommissionTotal)
	*c = Conversion{ID: w.ID, Affiliate: w.Affiliate, Total: w.Total, CommissionTotal: w.CommissionTotal,
		Currency: w.Currency, Created: created}
	return nil
}

// MarshalJSON encodes the row in Refersion's form: created as a string of
// unix seconds, id left out when absent.
func (c Conversion) MarshalJSON() ([]byte, error) {
	created, _ := json.Marshal(strconv.FormatInt(c.Created.Unix(), 10))
	return json.Marshal(conversionWire{ID: c.ID, Affiliate: c.Affiliate, Total: c.Total,
		CommissionTotal: c.CommissionTotal, Currency: c.Currency, Created: created})
}

// decodeUnix reads unix seconds sent as a string or a number.
func decodeUnix(raw json.RawMessage) (time.Time, error) {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 || bytes.Equal(raw, []byte("null")) || bytes.Equal(raw, []byte(`""`)) {
		return time.Time{}, errors.New("missing")
	}
	var n tolerant.FormattedInt
	if err := json.Unmarshal(raw, &n); err != nil {
		return time.Time{}, err
	}
	return tolerant.UnixSeconds(int64(n))
}

// ConversionListOptions selects the conversions of Conversions.List and
// ListPage.
type ConversionListOptions struct {
	// CreatedFrom and CreatedTo are the window, half-open: CreatedFrom ≤
	// created < CreatedTo. The SDK sends them as unix seconds and checks
	// every row against them, so adjacent windows never share a
	// conversion. A zero CreatedFrom reads from the account's first
	// conversion, a zero CreatedTo up to now and on.
	CreatedFrom time.Time
	CreatedTo   time.Time
	// Page is the page (from 1) ListPage fetches; List starts there.
	Page int
	// PerPage is the rows per request (first:), [DefaultGraphQLPerPage] by
	// default, at most [MaxGraphQLPerPage].
	PerPage int
}

// args returns the query's arguments for the options, normalizing them.
func (o *ConversionListOptions) args() (string, error) {
	if err := transport.NormalizePage(&o.Page, &o.PerPage, DefaultGraphQLPerPage, MaxGraphQLPerPage, "page size"); err != nil {
		return "", err
	}
	if !o.CreatedFrom.IsZero() && !o.CreatedTo.IsZero() && !o.CreatedFrom.Before(o.CreatedTo) {
		return "", errors.New("CreatedTo must be after CreatedFrom")
	}
	var args []string
	if !o.CreatedFrom.IsZero() {
		args = append(args, "created_from: "+strconv.FormatInt(o.CreatedFrom.Unix(), 10))
	}
	if !o.CreatedTo.IsZero() {
		// Rounded up to a whole second: whether Refersion's bound is
		// inclusive or not, no conversion before CreatedTo is left out,
		// and the rows check drops one at or after it.
		to := o.CreatedTo.Unix()
		if o.CreatedTo.After(time.Unix(to, 0)) {
			to++
		}
		args = append(args, "created_to: "+strconv.FormatInt(to, 10))
	}
	return strings.Join(append(args, pageArgs(o.Page, o.PerPage)), ", "), nil
}

// in reports whether a row lies in the window.
func (o *ConversionListOptions) in(c *Conversion) bool {
	return (o.CreatedFrom.IsZero() || !c.Created.Before(o.CreatedFrom)) &&
		(o.CreatedTo.IsZero() || c.Created.Before(o.CreatedTo))
}

// pageArgs are the offset-pagination arguments of page number page.
func pageArgs(page, size int) string {
	return fmt.Sprintf("first: %d, offset: %d", size, (page-1)*size)
}

// conversionFields is the selection of the conversions query.
const conversionFields = "id, affiliate { name, email }, total, commission_total, currency, created"

// conversionsQuery is the query of one page.
func conversionsQuery(args string) string {
	return "{ conversions(" + args + ") { " + conversionFields + " } }"
}

// List iterates over every conversion created in the options' window
// (GraphQL conversions), in the server's order: the SDK does not sort.
// It needs WithGraphQLKey. Pages are read by offset, so a conversion
// created inside the window while the list runs shifts the rows behind
// it: a sync reads closed windows in the past (see the package doc). opts
// is optional: without it the list runs over every conversion.
func (s *ConversionsService) List(ctx context.Context, opts ...*ConversionListOptions) iter.Seq2[*Conversion, error] {
	return func(yield func(*Conversion, error) bool) {
		// The window is the same on every page; read it once, as the
		// next page may be fetched while this loop yields.
		window, _ := transport.Options(opts)
		pages := transport.List(ctx, opts,
			func(ctx context.Context, o *ConversionListOptions) ([]*Conversion, *Response, error) {
				return s.page(ctx, o)
			},
			func(o *ConversionListOptions, r *Response) bool {
				o.Page = r.NextPage
				return r.HasMore
			})
		for c, err := range pages {
			if err == nil && !window.in(c) {
				continue
			}
			if !yield(c, err) {
				return
			}
		}
	}
}

// ListPage fetches one page of conversions: the rows of that page that lie
// in the window. resp.NextPage is the page to fetch next, 0 after the
// last; a page may hold fewer rows than PerPage (even none) while more
// follow, when the server's rows outside the window were dropped.
func (s *ConversionsService) ListPage(ctx context.Context, opts *ConversionListOptions) ([]*Conversion, *Response, error) {
	var o ConversionListOptions
	if opts != nil {
		o = *opts
	}
	items, resp, err := s.page(ctx, &o)
	if err != nil {
		return nil, resp, err
	}
	out := items[:0]
	for _, c := range items {
		if o.in(c) {
			out = append(out, c)
		}
	}
	return out, resp, nil
}

// page fetches a page as the server sends it, normalizing o.
func (s *ConversionsService) page(ctx context.Context, o *ConversionListOptions) ([]*Conversion, *Response, error) {
	args, err := o.args()
	if err != nil {
		return nil, nil, fmt.Errorf("refersion: GraphQL conversions: %w", err)
	}
	return gqlPaged[Conversion](ctx, s.client, "conversions", conversionsQuery(args), o.Page, o.PerPage)
}

// gqlPaged fetches one page of an offset-paginated list and sets its
// Response's NextPage: a full page may have a successor, a short one is
// the last.
func gqlPaged[T any](ctx context.Context, c *Client, root, query string, page, size int) ([]*T, *Response, error) {
	items, resp, err := gqlList[T](ctx, c, root, query)
	if err != nil {
		return nil, resp, err
	}
	transport.SetPage(resp, page, size, len(items))
	return transport.DropNil(items), resp, nil
}
