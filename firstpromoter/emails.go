package firstpromoter

import (
	"context"
	"encoding/json"
	"errors"
	"iter"
	"net/http"
	"strconv"

	"github.com/affiliatekit/affiliatekit-go/internal/transport"
)

// EmailsService manages the account's e-mails to promoters and its e-mail
// theme: /company/emails. The spec documents the requests of this API but
// none of its answers; Email holds the fields the requests and filters
// name.
type EmailsService service

// EmailTriggerOn is the event that sends an e-mail.
type EmailTriggerOn string

// E-mail triggers.
const (
	EmailOnPromoterAccepted    EmailTriggerOn = "promoter_accepted"
	EmailOnPromoterRejected    EmailTriggerOn = "promoter_rejected"
	EmailOnRewardCreated       EmailTriggerOn = "reward_created"
	EmailOnFulfilmentCompleted EmailTriggerOn = "fulfilment_completed"
	EmailOnCountReached        EmailTriggerOn = "count_reached"
	EmailOnLeadSignup          EmailTriggerOn = "lead_signup"
	EmailOnInactivity          EmailTriggerOn = "inactivity"
	EmailOnBroadcast           EmailTriggerOn = "broadcast"
	EmailOnRecurring           EmailTriggerOn = "recurring"
)

// Email is an e-mail template sent to promoters on a trigger.
type Email struct {
	ID      int64  `json:"id"`
	Name    string `json:"name"`
	Subject string `json:"subject"`
	// Content is the e-mail's body.
	Content            string        `json:"content"`
	AllowedCampaignIDs []int64       `json:"allowed_campaign_ids"`
	Trigger            *EmailTrigger `json:"trigger"`
	// SentCount is how many times the e-mail was sent.
	SentCount int64 `json:"sent_count"`
}

// EmailTrigger is when an e-mail is sent.
type EmailTrigger struct {
	Enabled   bool                  `json:"enabled"`
	TriggerOn EmailTriggerOn        `json:"trigger_on"`
	Settings  *EmailTriggerSettings `json:"settings,omitempty"`
}

// EmailTriggerSettings tune a trigger; which fields apply depends on
// TriggerOn.
type EmailTriggerSettings struct {
	// DelayInterval (second, minute, hour or day) and DelayValue delay a
	// promoter_accepted e-mail; both are required for it.
	DelayInterval string `json:"delay_interval,omitempty"`
	DelayValue    int64  `json:"delay_value,omitempty"`
	// Count is the threshold of count_reached.
	Count int64 `json:"count,omitempty"`
	// Metric is clicks, referrals, customers or cancellations, for
	// count_reached and inactivity.
	Metric string `json:"metric,omitempty"`
	// PeriodInDays is the window of inactivity.
	PeriodInDays int64 `json:"period_in_days,omitempty"`
	// Frequency (weekly or monthly), Day, Hour and Minute schedule a
	// recurring e-mail. Day is 0 (Sunday) to 6 for weekly and the day of
	// the month for monthly; a pointer, since 0 is a day.
	Frequency string `json:"frequency,omitempty"`
	Day       *int   `json:"day,omitempty"`
	Hour      *int   `json:"hour,omitempty"`
	Minute    *int   `json:"minute,omitempty"`
}

// EmailListOptions filter GET /company/emails. The spec documents no page
// parameters for this list; the page ones are sent as on every other list.
type EmailListOptions struct {
	ListParams
	// Q searches the name and subject.
	Q       string       `url:"q,omitempty"`
	Filters EmailFilters `url:"filters,omitempty"`
	Sorting EmailSorting `url:"sorting,omitempty"`
}

// EmailFilters are the filters[...] parameters of the e-mail list.
type EmailFilters struct {
	// TriggerEnabled is Yes or No.
	TriggerEnabled YesNo `url:"trigger_enabled,omitempty"`
	// TriggerOn is a trigger, or "not_set" for e-mails without one.
	TriggerOn  EmailTriggerOn `url:"trigger_on,omitempty"`
	SentCount  IntRange       `url:"sent_count,omitempty"`
	CampaignID []int64        `url:"campaign_id,omitempty,brackets"`
}

// EmailSorting is sorting[<field>]=asc|desc on the e-mail list.
type EmailSorting struct {
	SentCount SortOrder `url:"sent_count,omitempty"`
	Subject   SortOrder `url:"subject,omitempty"`
}

// List iterates over the e-mails matching opts.
func (s *EmailsService) List(ctx context.Context, opts ...*EmailListOptions) iter.Seq2[*Email, error] {
	return list(ctx, opts, s.ListPage)
}

// ListPage fetches the page opts.Page (default 1) of e-mails.
func (s *EmailsService) ListPage(ctx context.Context, opts *EmailListOptions) ([]*Email, *Response, error) {
	return listPage[Email](ctx, s.client, "company/emails", copyOpts(opts))
}

// Get returns the e-mail with the given id.
func (s *EmailsService) Get(ctx context.Context, id int64, opts ...RequestOption) (*Email, error) {
	return s.one(ctx, http.MethodGet, emailPath(id, ""), nil, opts...)
}

// EmailParams is the body of POST /company/emails and PUT
// /company/emails/{id}; the API requires every field on both.
type EmailParams struct {
	Name               string       `json:"name"`
	Subject            string       `json:"subject"`
	Content            string       `json:"content"`
	AllowedCampaignIDs []int64      `json:"allowed_campaign_ids"`
	Trigger            EmailTrigger `json:"trigger"`
}

func (p *EmailParams) validate(op string) error {
	switch {
	case p == nil || p.Name == "":
		return errors.New("firstpromoter: " + op + ": Name is required")
	case p.Subject == "" || p.Content == "":
		return errors.New("firstpromoter: " + op + ": Subject and Content are required")
	case p.Trigger.TriggerOn == "":
		return errors.New("firstpromoter: " + op + ": Trigger.TriggerOn is required")
	}
	return nil
}

// emailBody sends allowed_campaign_ids as [] rather than null.
func emailBody(p *EmailParams) *EmailParams {
	b := *p
	if b.AllowedCampaignIDs == nil {
		b.AllowedCampaignIDs = []int64{}
	}
	return &b
}

// Create adds an e-mail. It is not retried after it may have reached the
// server.
func (s *EmailsService) Create(ctx context.Context, params *EmailParams, opts ...RequestOption) (*Email, error) {
	if err := params.validate("create email"); err != nil {
		return nil, err
	}
	return s.one(ctx, http.MethodPost, "company/emails", emailBody(params), opts...)
}

// Update replaces the e-mail with the given id.
func (s *EmailsService) Update(ctx context.Context, id int64, params *EmailParams, opts ...RequestOption) (*Email, error) {
	if err := params.validate("update email"); err != nil {
		return nil, err
	}
	return s.one(ctx, http.MethodPut, emailPath(id, ""), emailBody(params), opts...)
}

// Delete deletes the e-mail with the given id.
func (s *EmailsService) Delete(ctx context.Context, id int64, opts ...RequestOption) error {
	_, err := s.client.do(ctx, http.MethodDelete, emailPath(id, ""), nil, nil, nil, opts...)
	return err
}

// Copy duplicates the e-mail with the given id and returns the copy. It
// is not retried after it may have reached the server.
func (s *EmailsService) Copy(ctx context.Context, id int64, opts ...RequestOption) (*Email, error) {
	return s.one(ctx, http.MethodPost, emailPath(id, "/copy"), nil, opts...)
}

// SendNow sends the e-mail with the given id to its promoters at once.
// It is not retried after it may have reached the server.
func (s *EmailsService) SendNow(ctx context.Context, id int64, opts ...RequestOption) error {
	_, err := s.client.do(ctx, http.MethodPost, emailPath(id, "/send_now"), nil, nil, nil, opts...)
	return err
}

// SendTest sends the e-mail with the given id to the current user.
func (s *EmailsService) SendTest(ctx context.Context, id int64, opts ...RequestOption) error {
	_, err := s.client.do(ctx, http.MethodPost, emailPath(id, "/send_test"), nil, nil, nil, opts...)
	return err
}

// EmailTheme is the HTML of the account's e-mail theme.
type EmailTheme struct {
	HTML string `json:"html"`
}

// UnmarshalJSON reads {"html": ...} and, as the invoice template is
// answered, {"data": {"html": ...}}; the spec documents neither for the
// e-mail theme.
func (t *EmailTheme) UnmarshalJSON(b []byte) error {
	var w struct {
		HTML *string   `json:"html"`
		Data *htmlBody `json:"data"`
	}
	if err := json.Unmarshal(b, &w); err != nil {
		return err
	}
	switch {
	case w.HTML != nil:
		t.HTML = *w.HTML
	case w.Data != nil:
		t.HTML = w.Data.HTML
	default:
		return errors.New(`no "html" in the e-mail theme`)
	}
	return nil
}

// Theme returns the account's e-mail theme (GET /company/emails/template).
func (s *EmailsService) Theme(ctx context.Context, opts ...RequestOption) (*EmailTheme, error) {
	t := new(EmailTheme)
	if _, err := s.client.do(ctx, http.MethodGet, "company/emails/template", nil, nil, t, opts...); err != nil {
		return nil, err
	}
	return t, nil
}

// UpdateTheme replaces the HTML of the account's e-mail theme (PATCH
// /company/emails/custom_template). It is not retried after it may have
// reached the server.
func (s *EmailsService) UpdateTheme(ctx context.Context, html string, opts ...RequestOption) error {
	if html == "" {
		return errors.New("firstpromoter: update email theme: empty html")
	}
	_, err := s.client.do(ctx, http.MethodPatch, "company/emails/custom_template", nil, htmlBody{HTML: html}, nil, opts...)
	return err
}

// SendThemeTest sends a test e-mail in the custom theme to the current
// user (POST /company/emails/test_custom_template).
func (s *EmailsService) SendThemeTest(ctx context.Context, opts ...RequestOption) error {
	_, err := s.client.do(ctx, http.MethodPost, "company/emails/test_custom_template", nil, nil, nil, opts...)
	return err
}

func (s *EmailsService) one(ctx context.Context, method, path string, body any, opts ...RequestOption) (*Email, error) {
	e := new(Email)
	if _, err := s.client.do(ctx, method, path, nil, body, transport.RecordID(e), opts...); err != nil {
		return nil, err
	}
	return e, nil
}

func emailPath(id int64, suffix string) string {
	return transport.Join("company/emails/%s", strconv.FormatInt(id, 10)) + suffix
}
