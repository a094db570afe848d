package refersion

import (
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"iter"
	"log/slog"
	"maps"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/affiliatekit/affiliatekit-go/internal/transport"
)

// AffiliatesService manages affiliates and their conversion triggers:
// affiliate/* and trigger/delete (REST), and lists them with their names
// and referral parameters through the GraphQL API (ListGraphQL).
type AffiliatesService service

// AffiliateStatus is the approval status of an affiliate.
type AffiliateStatus string

// Affiliate statuses. An affiliate is created ACTIVE or PENDING, and moved
// to ACTIVE, DENIED or DISABLED with ChangeStatus.
const (
	AffiliatePending  AffiliateStatus = "PENDING"
	AffiliateActive   AffiliateStatus = "ACTIVE"
	AffiliateDenied   AffiliateStatus = "DENIED"
	AffiliateDisabled AffiliateStatus = "DISABLED"
)

// Affiliate is an affiliate as affiliate/get, affiliate/list and
// affiliate/search return it.
type Affiliate struct {
	// ID is the wire field "id", whose meaning depends on the endpoint:
	// affiliate/get answers the numeric affiliate id (37567438, read it
	// with ID.Int64), while affiliate/list and affiliate/search put the
	// affiliate code ("694c") in it. It decodes from a number or a string.
	ID FlexString `json:"id"`
	// Code is the affiliate code whatever the endpoint: the "id" of list
	// and search results, or the last segment of Link (".../c/a3y7") for
	// affiliate/get. The client fills it in; the API has no field of this
	// name.
	Code string `json:"-"`
	// OfferID is the affiliate's offer, a string such as "1234" (a number
	// is accepted too).
	OfferID   FlexString      `json:"offer_id"`
	Status    AffiliateStatus `json:"status"`
	FirstName string          `json:"first_name"`
	LastName  string          `json:"last_name"`
	// CompanyName is sent by affiliate/get only.
	CompanyName string `json:"company_name"`
	Email       string `json:"email"`
	// Link is the affiliate's referral link, sent by affiliate/get only.
	Link         string        `json:"link"`
	CustomFields []CustomField `json:"custom_fields"`
}

// AffiliateListOptions page through affiliate/list. Refersion documents
// page and limit as strings; they are sent as such ("page": "2").
type AffiliateListOptions struct {
	// Page is the 1-based page to fetch; 0 means 1. To resume, set it to a
	// stored Response.NextPage.
	Page int `json:"page,string"`
	// PerPage is the page size, 1 to [MaxPerPage]; 0 means MaxPerPage.
	// It is sent as Refersion's "limit".
	PerPage int `json:"limit,string"`
}

var affiliateList = call{path: "affiliate/list", readOnly: true}

// List iterates over every affiliate, MaxPerPage per request unless
// opts.PerPage says otherwise, and stops once the envelope's total is
// reached. Results carry the affiliate code in ID (and Code).
//
// A page that holds fewer affiliates than the limit while the total says
// more follow means the server pages by a smaller size than it was asked
// for: the records of that page are yielded, then an error matching
// ErrMalformedResponse ends the list rather than skip the rest.
func (s *AffiliatesService) List(ctx context.Context, opts ...*AffiliateListOptions) iter.Seq2[*Affiliate, error] {
	return transport.List(ctx, opts, s.ListPage, func(o *AffiliateListOptions, r *Response) bool {
		o.Page = r.NextPage
		return r.NextPage != 0
	})
}

// ListPage fetches one page of affiliate/list. Response.Total holds the
// number of affiliates and Response.NextPage the page that follows (0 after
// the last).
func (s *AffiliatesService) ListPage(ctx context.Context, opts *AffiliateListOptions) ([]*Affiliate, *Response, error) {
	o := *cmp.Or(opts, &AffiliateListOptions{})
	err := transport.NormalizePage(&o.Page, &o.PerPage, MaxPerPage, MaxPerPage, "limit")
	return s.client.affiliatePage(ctx, affiliateList.check(err), &o, o.Page, o.PerPage)
}

// AffiliateSearchOptions narrow and page affiliate/search.
type AffiliateSearchOptions struct {
	// FirstName and LastName restrict the matches to affiliates of that
	// name.
	FirstName string
	LastName  string
	// Page is the 1-based page to fetch; 0 means 1. Refersion does not
	// document the page size of a search, and takes no limit.
	Page int
}

var affiliateSearch = call{path: "affiliate/search", readOnly: true}

type searchBody struct {
	Keyword   string `json:"keyword"`
	FirstName string `json:"first_name,omitempty"`
	LastName  string `json:"last_name,omitempty"`
	Page      int    `json:"page,string"`
}

// Search iterates over the affiliates matching keyword: an exact and
// complete affiliate id, or part of an email address. A search that finds
// nothing yields nothing (Refersion answers it with a 422, which the client
// turns into an empty result).
func (s *AffiliatesService) Search(ctx context.Context, keyword string, opts ...*AffiliateSearchOptions) iter.Seq2[*Affiliate, error] {
	return func(yield func(*Affiliate, error) bool) {
		q, err := s.startSearch(ctx, keyword, opts)
		if err != nil {
			yield(nil, err)
			return
		}
		transport.List(ctx, []*searchQuery{q}, s.searchPage, func(q *searchQuery, r *Response) bool {
			q.Page = r.NextPage
			return r.NextPage != 0
		})(yield)
	}
}

// searchQuery is one page of a Search. The page size is not documented,
// so Search learns it from the first page before the list starts: every
// page, fetched ahead of the caller or not, then knows where the results
// end (on a shorter page as well as on the total) without sharing
// anything with the others.
type searchQuery struct {
	AffiliateSearchOptions
	keyword string
	size    int
	// first is the first page, fetched to learn size.
	first *searchAnswer
}

// searchAnswer is a page of search results as SearchPage returned it.
type searchAnswer struct {
	page  int
	items []*Affiliate
	resp  *Response
}

// startSearch fetches the first page of a Search to learn its page size.
// A nil or ended ctx is left for the list to report.
func (s *AffiliatesService) startSearch(ctx context.Context, keyword string, opts []*AffiliateSearchOptions) (*searchQuery, error) {
	o, err := transport.Options(opts)
	if err != nil || ctx == nil || ctx.Err() != nil {
		return &searchQuery{AffiliateSearchOptions: o, keyword: keyword}, err
	}
	items, resp, err := s.SearchPage(ctx, keyword, &o)
	if err != nil {
		return nil, err
	}
	first := &searchAnswer{page: max(o.Page, 1), items: items, resp: resp}
	return &searchQuery{AffiliateSearchOptions: o, keyword: keyword, size: len(items), first: first}, nil
}

// searchPage fetches the page q names, with the page size of the first.
func (s *AffiliatesService) searchPage(ctx context.Context, q *searchQuery) ([]*Affiliate, *Response, error) {
	if q.first != nil && max(q.Page, 1) == q.first.page {
		return q.first.items, q.first.resp, nil
	}
	items, resp, err := s.SearchPage(ctx, q.keyword, &q.AffiliateSearchOptions)
	if err == nil && q.size > 0 {
		transport.SetPage(resp, max(q.Page, 1), q.size, len(items))
	}
	return items, resp, err
}

// SearchPage fetches one page of affiliate/search. As the page size is not
// documented, Response.NextPage assumes full pages: after a short last page
// it may point at one more, empty, page. A search that finds nothing
// returns no affiliates and a Response with Total 0 and the API's
// StatusCode (422), not an error.
func (s *AffiliatesService) SearchPage(ctx context.Context, keyword string, opts *AffiliateSearchOptions) ([]*Affiliate, *Response, error) {
	body, err := newSearchBody(keyword, cmp.Or(opts, &AffiliateSearchOptions{}))
	items, resp, err := s.client.affiliatePage(ctx, affiliateSearch.check(err), body, body.Page, -1)
	return nothingFound(items, resp, err)
}

// newSearchBody returns the body of affiliate/search with its page
// normalized, and the error of the arguments.
func newSearchBody(keyword string, o *AffiliateSearchOptions) (*searchBody, error) {
	b := &searchBody{Keyword: strings.TrimSpace(keyword), FirstName: o.FirstName, LastName: o.LastName, Page: o.Page}
	if b.Keyword == "" {
		return b, errors.New("keyword is required")
	}
	// The search's page size is fixed by Refersion.
	return b, transport.NormalizePage(&b.Page, nil, 0, 0, "")
}

// nothingFound turns the 422 of a search that finds nothing into an empty
// result with Total 0 and the API's status.
func nothingFound(items []*Affiliate, resp *Response, err error) ([]*Affiliate, *Response, error) {
	var apiErr *Error
	if errors.As(err, &apiErr) && apiErr.StatusCode == 422 && strings.Contains(apiErr.Message, "Could not find affiliates") {
		return []*Affiliate{}, &Response{StatusCode: apiErr.StatusCode, Total: new(int)}, nil
	}
	return items, resp, err
}

// affiliatePage posts one list or search request. size is the page size,
// or -1 to take the length of the page.
func (c *Client) affiliatePage(ctx context.Context, op call, body any, page, size int) ([]*Affiliate, *Response, error) {
	p := new(affiliatePage)
	// The envelope was checked inside the retry loop (affiliatePage.Validate).
	resp, err := c.post(ctx, op, body, p)
	return p.result(resp, err, page, size)
}

var affiliateGet = call{path: "affiliate/get", readOnly: true}

// Get returns the affiliate with the numeric id. A missing affiliate is an
// error matching [ErrNotFound] (Refersion answers 422 "Affiliate not
// found.": the status in its own sense, so the error does not match
// [ErrInvalidRequest]).
func (s *AffiliatesService) Get(ctx context.Context, id int64, opts ...RequestOption) (*Affiliate, error) {
	if id <= 0 {
		return nil, fmt.Errorf("refersion: affiliate/get: invalid affiliate id %d", id)
	}
	return s.get(ctx, struct {
		ID int64 `json:"id"`
	}{id}, "", opts)
}

// GetByCode returns the affiliate with the affiliate code ("a3y7"), as
// affiliate/new and the list and search results give it.
func (s *AffiliatesService) GetByCode(ctx context.Context, code string, opts ...RequestOption) (*Affiliate, error) {
	code = strings.TrimSpace(code)
	if code == "" {
		return nil, errors.New("refersion: affiliate/get: empty affiliate code")
	}
	return s.get(ctx, struct {
		Code string `json:"affiliate_code"`
	}{code}, code, opts)
}

func (s *AffiliatesService) get(ctx context.Context, body any, code string, opts []RequestOption) (*Affiliate, error) {
	a, err := postChecked(ctx, s.client, affiliateGet, body,
		transport.Record(new(Affiliate), "id", func(a *Affiliate) bool { return a.ID.isID() }), opts...)
	if err != nil {
		return nil, markNotFound(err, "not found")
	}
	a.Code = codeFromLink(a.Link)
	if a.Code == "" {
		a.Code = code
	}
	return a, nil
}

// markNotFound makes a 422 whose message says something was not found
// match ErrNotFound instead of ErrInvalidRequest.
func markNotFound(err error, phrase string) error {
	var apiErr *Error
	if errors.As(err, &apiErr) && apiErr.StatusCode == 422 && apiErr.Err == nil &&
		strings.Contains(strings.ToLower(apiErr.Message), phrase) {
		apiErr.Err = ErrNotFound
	}
	return err
}

// codeFromLink returns the code of a referral link such as
// https://site.refersion.com/c/a3y7, or "".
func codeFromLink(link string) string {
	u, err := url.Parse(link)
	if err != nil {
		return ""
	}
	parts := strings.Split(strings.Trim(u.Path, "/"), "/")
	if len(parts) == 2 && parts[0] == "c" {
		return parts[1]
	}
	return ""
}

// AffiliateCreateParams is the body of affiliate/new.
type AffiliateCreateParams struct {
	// FirstName, LastName, Email, Password and Status are required.
	FirstName string `json:"first_name"`
	LastName  string `json:"last_name"`
	Email     string `json:"email"`
	// Password: 9 to 72 characters with an upper and a lower case letter, a
	// digit and a symbol, no character repeated more than 3 times in a
	// row, and not the email.
	Password string `json:"password"`
	// Status is AffiliateActive or AffiliatePending.
	Status AffiliateStatus `json:"status"`
	// Offer is the offer id to join; the account's default offer if empty.
	Offer       string `json:"offer,omitempty"`
	Company     string `json:"company,omitempty"`
	PaypalEmail string `json:"paypal_email,omitempty"`
	Address1    string `json:"address1,omitempty"`
	Address2    string `json:"address2,omitempty"`
	City        string `json:"city,omitempty"`
	State       string `json:"state,omitempty"`
	Zip         string `json:"zip,omitempty"`
	// Country is a two-letter code from Refersion's list ("US").
	Country string `json:"country,omitempty"`
	Phone   string `json:"phone,omitempty"`
	// SendWelcome asks Refersion to send its welcome email (sent as
	// "TRUE"; the API's default is not to).
	SendWelcome bool `json:"-"`
	// ConversionTriggerCoupon is a unique coupon code to attach to the
	// affiliate as a conversion trigger.
	ConversionTriggerCoupon string `json:"conversion_trigger_coupon,omitempty"`
	// UniqueMerchantID is your own identifier for the affiliate.
	UniqueMerchantID string `json:"unique_merchant_id,omitempty"`
}

// Format prints the params with Password redacted, for every verb, so a
// logged or printed request never shows it.
func (p AffiliateCreateParams) Format(f fmt.State, verb rune) {
	type plain AffiliateCreateParams
	q := plain(p)
	if q.Password != "" {
		q.Password = "[REDACTED]"
	}
	s := fmt.Sprintf(fmt.FormatString(f, verb), q)
	_, _ = io.WriteString(f, strings.Replace(s, "refersion.plain{", "refersion.AffiliateCreateParams{", 1))
}

// LogValue implements slog.LogValuer with Password redacted.
func (p AffiliateCreateParams) LogValue() slog.Value { return slog.StringValue(fmt.Sprintf("%+v", p)) }

// MarshalJSON encodes the params with send_welcome as "TRUE" or "FALSE".
func (p AffiliateCreateParams) MarshalJSON() ([]byte, error) {
	type plain AffiliateCreateParams
	w := struct {
		plain
		SendWelcome string `json:"send_welcome,omitempty"`
	}{plain: plain(p)}
	if p.SendWelcome {
		w.SendWelcome = "TRUE"
	}
	return json.Marshal(w)
}

// AffiliateCreateResult is the answer of affiliate/new.
type AffiliateCreateResult struct {
	// Code is the new affiliate's code ("a3y7"), which the API sends in the
	// field named "id"; it is encoded under that name too.
	Code string `json:"id"`
	// ID is the numeric affiliate id, read from Message ("The affiliate
	// 37569297 has been created ..."); 0 when the message holds none. The
	// writes that take an affiliate id (Update, ChangeStatus,
	// Conversions.ManualCredit) need it. It is not encoded: decoding reads
	// it from Message again.
	ID int64 `json:"-"`
	// Link is the affiliate's referral link.
	Link string `json:"link"`
	// Message is the API's confirmation text.
	Message string `json:"message"`
}

var idInMessage = regexp.MustCompile(`\b(\d+)\b`)

// UnmarshalJSON decodes {"id": "a3y7", "link": "...", "message": "..."}.
func (r *AffiliateCreateResult) UnmarshalJSON(b []byte) error {
	var w struct {
		ID      FlexString `json:"id"`
		Link    string     `json:"link"`
		Message string     `json:"message"`
	}
	if err := json.Unmarshal(b, &w); err != nil {
		return err
	}
	*r = AffiliateCreateResult{Code: string(w.ID), Link: w.Link, Message: w.Message}
	if m := idInMessage.FindStringSubmatch(w.Message); m != nil {
		r.ID, _ = strconv.ParseInt(m[1], 10, 64)
	}
	if r.Code == "" {
		r.Code = codeFromLink(r.Link)
	}
	return nil
}

var affiliateNew = call{path: "affiliate/new"}

// Create adds an affiliate. It is a write: retried only on a 429, or a 503
// with Retry-After, which prove the server did not act.
func (s *AffiliatesService) Create(ctx context.Context, params *AffiliateCreateParams, opts ...RequestOption) (*AffiliateCreateResult, error) {
	return postChecked(ctx, s.client, affiliateNew.check(params.validate()), params,
		transport.Record(new(AffiliateCreateResult), "id", func(r *AffiliateCreateResult) bool { return FlexString(r.Code).isID() }), opts...)
}

// validate checks the required fields.
func (p *AffiliateCreateParams) validate() error {
	if p == nil {
		return errors.New("params are required")
	}
	return required([2]string{"FirstName", p.FirstName}, [2]string{"LastName", p.LastName}, [2]string{"Email", p.Email},
		[2]string{"Password", p.Password}, [2]string{"Status", string(p.Status)})
}

// AffiliateUpdateParams are the fields affiliate/edit changes; empty fields
// are left as they are. At least one must be set.
type AffiliateUpdateParams struct {
	// Offer moves the affiliate into this offer (a number on the wire).
	Offer       int64  `json:"offer,omitempty"`
	FirstName   string `json:"first_name,omitempty"`
	LastName    string `json:"last_name,omitempty"`
	Email       string `json:"email,omitempty"`
	PaypalEmail string `json:"paypal_email,omitempty"`
	Company     string `json:"company,omitempty"`
	Address1    string `json:"address1,omitempty"`
	Address2    string `json:"address2,omitempty"`
	City        string `json:"city,omitempty"`
	State       string `json:"state,omitempty"`
	Zip         string `json:"zip,omitempty"`
	Country     string `json:"country,omitempty"`
	Phone       string `json:"phone,omitempty"`
	// CustomFields sets custom field values by field id ("1234": "Hello"),
	// sent as [{"1234": "Hello"}, ...].
	CustomFields map[string]string `json:"-"`
}

func (p *AffiliateUpdateParams) empty() bool {
	if p == nil {
		return true
	}
	for _, v := range []string{p.FirstName, p.LastName, p.Email, p.PaypalEmail, p.Company,
		p.Address1, p.Address2, p.City, p.State, p.Zip, p.Country, p.Phone} {
		if v != "" {
			return false
		}
	}
	return p.Offer == 0 && len(p.CustomFields) == 0
}

// affiliateEdit is one element of affiliate/edit's "affiliates" array.
type affiliateEdit struct {
	ID int64 `json:"id"`
	*AffiliateUpdateParams
	CustomFields []map[string]string `json:"custom_fields,omitempty"`
}

var affiliateEditCall = call{path: "affiliate/edit"}

// Update changes the affiliate with the numeric id. Check the result:
// Refersion lists an id it did not change in IDsNotChanged rather than
// failing.
func (s *AffiliatesService) Update(ctx context.Context, id int64, params *AffiliateUpdateParams, opts ...RequestOption) (*ChangeResult, error) {
	body := struct {
		Affiliates []affiliateEdit `json:"affiliates"`
	}{[]affiliateEdit{{ID: id, AffiliateUpdateParams: params, CustomFields: params.customFields()}}}
	return s.client.change(ctx, affiliateEditCall.check(params.validate(id)), body, opts)
}

// validate checks the affiliate id and that something is to change.
func (p *AffiliateUpdateParams) validate(id int64) error {
	switch {
	case id <= 0:
		return fmt.Errorf("invalid affiliate id %d", id)
	case p.empty():
		return errors.New("at least one field to change is required")
	}
	return nil
}

// customFields is CustomFields as affiliate/edit takes them,
// [{"1234": "Hello"}, ...], in the order of their ids; nil when empty.
func (p *AffiliateUpdateParams) customFields() (out []map[string]string) {
	if p != nil {
		for _, k := range slices.Sorted(maps.Keys(p.CustomFields)) {
			out = append(out, map[string]string{k: p.CustomFields[k]})
		}
	}
	return out
}

var affiliateStatusChange = call{path: "affiliate/status_change"}

// ChangeStatus sets the status of up to [MaxBatch] affiliates, by numeric
// id, to [AffiliateActive], [AffiliateDenied] or [AffiliateDisabled].
func (s *AffiliatesService) ChangeStatus(ctx context.Context, status AffiliateStatus, ids []int64, opts ...RequestOption) (*ChangeResult, error) {
	body := statusChange[AffiliateStatus]{ids, status}
	return s.client.change(ctx, affiliateStatusChange.check(body.validate()), body, opts)
}

// statusChange is the body of a status change of a batch of ids.
type statusChange[S ~string] struct {
	IDs    []int64 `json:"ids"`
	Status S       `json:"status"`
}

// validate checks the status and the size of the batch.
func (b statusChange[S]) validate() error {
	if b.Status == "" {
		return errors.New("status is required")
	}
	return checkBatch("ids", len(b.IDs))
}

// change posts a batch write answered with ids_changed/ids_not_changed.
func (c *Client) change(ctx context.Context, op call, body any, opts []RequestOption) (*ChangeResult, error) {
	return postChecked(ctx, c, op, body, transport.Require(new(ChangeResult),
		`neither "ids_changed" nor "ids_not_changed" in the answer`,
		func(r *ChangeResult) bool { return r.IDsChanged != nil || r.IDsNotChanged != nil }), opts...)
}
