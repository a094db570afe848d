package partnerstack

import (
	"context"
	"iter"
	"net/http"
	"time"
)

// FormTemplatesService lists the form templates of the program:
// /v2/form-templates.
type FormTemplatesService service

// FormTemplate is a configurable form collecting extra information when an
// object (a partner, a lead, a deal, ...) is created.
type FormTemplate struct {
	Key         string `json:"key"`
	Name        string `json:"name"`
	Title       string `json:"title"`
	Description string `json:"description"`
	// Type is the kind of object the form creates.
	Type      string    `json:"type"`
	Fields    []*Field  `json:"fields,omitempty"`
	Groups    []*Group  `json:"groups,omitempty" tolerant:"lenient"`
	CreatedAt time.Time `json:"created_at"`
	UpdatedAt time.Time `json:"updated_at"`
}

// UnmarshalJSON implements json.Unmarshaler.
func (f *FormTemplate) UnmarshalJSON(b []byte) error { return records.Unmarshal(b, f) }

func (f *FormTemplate) itemKey() string { return f.Key }

// FormTemplateListOptions filter GET /v2/form-templates.
type FormTemplateListOptions struct {
	ListParams
	// TargetType limits the list to the forms of one kind of object.
	TargetType string `url:"target_type,omitempty"`
	// MoldKey limits the list to one form (mold).
	MoldKey string `url:"mold_key,omitempty"`
}

// List iterates over the form templates.
func (s *FormTemplatesService) List(ctx context.Context, opts ...*FormTemplateListOptions) iter.Seq2[*FormTemplate, error] {
	return list(ctx, opts, s.ListPage)
}

// ListPage fetches one page of form templates.
func (s *FormTemplatesService) ListPage(ctx context.Context, opts *FormTemplateListOptions) ([]*FormTemplate, *Response, error) {
	return listPage[FormTemplate](ctx, s.api, "form-templates", opts)
}

// FormTemplateOptions select the form templates of deals or leads.
type FormTemplateOptions struct {
	GroupKey   string `url:"group_key,omitempty"`
	MoldKey    string `url:"mold_key,omitempty"`
	PartnerKey string `url:"partner_key,omitempty"`
}

// formTemplates fetches the form templates at path; the answer is one
// template or a list of them.
func formTemplates(ctx context.Context, a *api, path string, filter *FormTemplateOptions, opts ...RequestOption) ([]*FormTemplate, error) {
	var data oneOrMany[FormTemplate]
	if _, err := a.do(ctx, request{method: http.MethodGet, path: path, query: copyOpts(filter)}, &data, opts...); err != nil {
		return nil, err
	}
	return data.Items, nil
}
