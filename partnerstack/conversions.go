package partnerstack

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"

	"github.com/affiliatekit/affiliatekit-go/internal/transport"
)

// ConversionsService records server-to-server (S2S) conversions: POST
// https://partnerlinks.io/conversion/xid. That host is not the API's: it
// has its own base URL (WithConversionBaseURL) and its own credential, the
// tracking token (WithTrackingToken), sent as a bearer token. The vendor
// key pair never goes there and the token never goes to the API.
//
// Unlike CustomersService.Create, a conversion carries the click id (xid)
// of the partner link the visitor came through, so the customer is
// attributed to that partner.
type ConversionsService struct {
	// api is nil when the client has no tracking token.
	api *conversionAPI
}

// conversionAPI is the transport of the conversion host.
type conversionAPI struct {
	t    *transport.Client
	base *url.URL
}

// newConversionAPI builds the conversion host's transport from the
// client's settings, with the tracking token as its only credential; nil
// without a token.
func newConversionAPI(s settings) (*conversionAPI, error) {
	if s.trackingToken.IsZero() {
		return nil, nil
	}
	cs := s.Settings
	cs.BaseURL = s.conversionURL
	if cs.BaseURL == nil {
		u, err := transport.ParseBaseURL(DefaultConversionBaseURL)
		if err != nil {
			return nil, fmt.Errorf("partnerstack: %w", err)
		}
		cs.BaseURL = u
	}
	t, err := transport.New(transport.Config{Settings: cs, Platform: platform, Auth: transport.BearerAuth{Token: s.trackingToken}})
	if err != nil {
		return nil, fmt.Errorf("partnerstack: %w", err)
	}
	return &conversionAPI{t: t, base: cs.BaseURL}, nil
}

// ConversionParams is the body of POST /conversion/xid. XID and
// CustomerKey are required; the other fields are sent when set.
type ConversionParams struct {
	// XID is the click id PartnerStack put on the landing URL (ps_xid).
	XID string `json:"xid"`
	// CustomerKey is your own id for the customer; later transactions and
	// actions refer to it.
	CustomerKey string `json:"customer_key"`
	Email       string `json:"email,omitempty"`
	// Name is the contact's name.
	Name      string `json:"name,omitempty"`
	Origin    string `json:"origin,omitempty"`
	IPAddress string `json:"ip_address,omitempty"`
	UserAgent string `json:"user_agent,omitempty"`
	// ExternalType is the kind of record CustomerKey names.
	ExternalType string   `json:"external_type,omitempty"`
	SubIDs       []string `json:"sub_ids,omitempty"`
	// Meta holds custom customer fields, by the keys configured in
	// PartnerStack.
	Meta map[string]string `json:"meta,omitempty"`
	// Extra carries fields the package does not model.
	Extra Extra `json:"-"`
}

// MarshalJSON merges Extra into the body.
func (p ConversionParams) MarshalJSON() ([]byte, error) {
	type plain ConversionParams
	return withExtra(plain(p), p.Extra)
}

// ConversionResult is the answer of the conversion host. PartnerStack
// documents no body for it (peers see JSON or plain text), so the body is
// kept as sent.
type ConversionResult struct {
	// StatusCode is the HTTP status, a 2xx.
	StatusCode int
	// Body is the response body as sent, possibly empty.
	Body []byte
	// Message is the body's "message" when the body is a JSON object with
	// one, or else the body as text.
	Message string
}

// maxConversionBody bounds the answer read from the conversion host.
const maxConversionBody = 64 << 10

// Record sends a server-to-server conversion. It is a write to another
// host: it is never retried after it may have reached the server (only a
// 429, or a 503 with Retry-After, which prove the server did not act, are
// retried), so a conversion is never recorded twice by the client.
func (s *ConversionsService) Record(ctx context.Context, params *ConversionParams, opts ...RequestOption) (*ConversionResult, error) {
	if s == nil || s.api == nil {
		return nil, errors.New("partnerstack: conversion: a tracking token is required (WithTrackingToken)")
	}
	if params == nil || strings.TrimSpace(params.XID) == "" {
		return nil, errors.New("partnerstack: conversion: XID is required")
	}
	if strings.TrimSpace(params.CustomerKey) == "" {
		return nil, errors.New("partnerstack: conversion: CustomerKey is required")
	}
	body, resp, err := s.api.t.Stream(ctx, &transport.Request{Method: http.MethodPost, Path: "conversion/xid", Body: params}, opts...)
	if err != nil {
		return nil, err
	}
	defer body.Close()
	b, err := io.ReadAll(io.LimitReader(body, maxConversionBody))
	if err != nil {
		// The conversion was accepted (2xx); only its answer broke off.
		b = nil
	}
	r := &ConversionResult{StatusCode: resp.StatusCode, Body: b}
	var m struct {
		Message string `json:"message"`
	}
	t := bytes.TrimSpace(b)
	if len(t) > 0 && t[0] == '{' && json.Unmarshal(t, &m) == nil {
		r.Message = m.Message
	} else {
		r.Message = string(t)
	}
	return r, nil
}
