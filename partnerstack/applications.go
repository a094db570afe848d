package partnerstack

import (
	"context"
	"errors"
	"iter"
	"net/http"
	"time"

	"github.com/affiliatekit/affiliatekit-go/internal/transport"
)

// ApplicationsService manages applications of partners to the program:
// /v2/applications. PartnerStack's reference names these endpoints but its
// stored text does not give their schemas; the modeled fields follow the
// API's naming, every one decodes leniently, and the params carry Extra for
// the rest.
type ApplicationsService service

// Application is a partner's application to join the program.
type Application struct {
	Key       string    `json:"key"`
	Email     string    `json:"email,omitempty" tolerant:"lenient"`
	FirstName string    `json:"first_name,omitempty" tolerant:"lenient"`
	LastName  string    `json:"last_name,omitempty" tolerant:"lenient"`
	GroupKey  string    `json:"group_key,omitempty" tolerant:"lenient"`
	Status    string    `json:"status,omitempty" tolerant:"lenient"`
	Fields    []*Field  `json:"fields,omitempty" tolerant:"lenient"`
	CreatedAt time.Time `json:"created_at"`
	UpdatedAt time.Time `json:"updated_at"`
}

// UnmarshalJSON implements json.Unmarshaler.
func (a *Application) UnmarshalJSON(b []byte) error { return records.Unmarshal(b, a) }

func (a *Application) itemKey() string { return a.Key }

// ApplicationListOptions page through GET /v2/applications, newest first.
type ApplicationListOptions struct {
	ListParams
}

// List iterates over the applications.
func (s *ApplicationsService) List(ctx context.Context, opts ...*ApplicationListOptions) iter.Seq2[*Application, error] {
	return list(ctx, opts, s.ListPage)
}

// ListPage fetches one page of applications.
func (s *ApplicationsService) ListPage(ctx context.Context, opts *ApplicationListOptions) ([]*Application, *Response, error) {
	return listPage[Application](ctx, s.api, "applications", opts)
}

// ApplicationCreateParams is the body of POST /v2/applications, which
// creates an application for a partner.
type ApplicationCreateParams struct {
	// Email is the applicant's email. Required.
	Email     string   `json:"email"`
	FirstName string   `json:"first_name,omitempty"`
	LastName  string   `json:"last_name,omitempty"`
	GroupKey  string   `json:"group_key,omitempty"`
	Fields    []*Field `json:"fields,omitempty"`
	Extra     Extra    `json:"-"`
}

// MarshalJSON merges Extra into the body.
func (p ApplicationCreateParams) MarshalJSON() ([]byte, error) {
	type plain ApplicationCreateParams
	return withExtra(plain(p), p.Extra)
}

// Create adds an application. It is not retried after it may have reached
// the server.
func (s *ApplicationsService) Create(ctx context.Context, params *ApplicationCreateParams, opts ...RequestOption) (*Application, error) {
	if params == nil || params.Email == "" {
		return nil, errors.New("partnerstack: create application: Email is required")
	}
	return send[Application](ctx, s.api, http.MethodPost, "applications", params, opts...)
}

// Application decisions (ApplicationDecisionParams.Decision).
const (
	DecisionApproved = "approved"
	DecisionDeclined = "declined"
)

// ApplicationDecisionParams is the body of PATCH
// /v2/applications/{key}/decision.
type ApplicationDecisionParams struct {
	// Decision is DecisionApproved or DecisionDeclined. Required.
	Decision string `json:"decision"`
	Extra    Extra  `json:"-"`
}

// MarshalJSON merges Extra into the body.
func (p ApplicationDecisionParams) MarshalJSON() ([]byte, error) {
	type plain ApplicationDecisionParams
	return withExtra(plain(p), p.Extra)
}

// Decide records the decision on one application and returns it.
func (s *ApplicationsService) Decide(ctx context.Context, key string, params *ApplicationDecisionParams, opts ...RequestOption) (*Application, error) {
	if err := requireKey("decide application", key); err != nil {
		return nil, err
	}
	if params == nil || params.Decision == "" {
		return nil, errors.New("partnerstack: decide application: Decision is required")
	}
	return send[Application](ctx, s.api, http.MethodPatch, transport.Join("applications/%s/decision", key), params, opts...)
}

// ApplicationBulkDecisionParams is the body of PATCH
// /v2/applications/decision, which decides several applications.
type ApplicationBulkDecisionParams struct {
	// ApplicationKeys are the applications to decide. Required.
	ApplicationKeys []string `json:"application_keys"`
	// Decision is DecisionApproved or DecisionDeclined. Required.
	Decision string `json:"decision"`
	Extra    Extra  `json:"-"`
}

// MarshalJSON merges Extra into the body.
func (p ApplicationBulkDecisionParams) MarshalJSON() ([]byte, error) {
	type plain ApplicationBulkDecisionParams
	return withExtra(plain(p), p.Extra)
}

// DecideMany records one decision on several applications.
func (s *ApplicationsService) DecideMany(ctx context.Context, params *ApplicationBulkDecisionParams, opts ...RequestOption) error {
	if params == nil || params.Decision == "" || len(params.ApplicationKeys) == 0 {
		return errors.New("partnerstack: decide applications: ApplicationKeys and Decision are required")
	}
	_, err := s.api.do(ctx, request{method: http.MethodPatch, path: "applications/decision", body: params}, nil, opts...)
	return err
}
