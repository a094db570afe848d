package partnerstack

import (
	"context"
	"errors"
	"iter"
	"net/http"
	"time"

	"github.com/affiliatekit/affiliatekit-go/internal/transport"
)

// ReportsService reads the custom reports vendors save in the dashboard's
// Performance tab and exports them, and exports base records. Exports are
// delivered by email (and optionally to a webhook) and can take up to 30
// minutes; each custom report can be exported once per ReportExportWindow
// and each teammate email ReportExportsPerMember times, beyond which the
// API answers 429.
//
// The export endpoints live under /v2/vendor_report_export, as
// PartnerStack's Report Export guide shows; the configuration endpoints
// are taken to follow the same naming (/v2/vendor_report_configuration).
type ReportsService service

// ReportConfiguration is a saved custom report, without its data.
type ReportConfiguration struct {
	// Key is the configuration key (vrc_…).
	Key         string    `json:"key"`
	Name        string    `json:"name,omitempty" tolerant:"lenient"`
	Description string    `json:"description,omitempty" tolerant:"lenient"`
	CreatedAt   time.Time `json:"created_at"`
	UpdatedAt   time.Time `json:"updated_at"`
}

// UnmarshalJSON implements json.Unmarshaler.
func (r *ReportConfiguration) UnmarshalJSON(b []byte) error { return records.Unmarshal(b, r) }

func (r *ReportConfiguration) itemKey() string { return r.Key }

// ReportConfigurationListOptions page through the custom reports.
type ReportConfigurationListOptions struct {
	ListParams
}

// ListConfigurations iterates over the saved custom reports.
func (s *ReportsService) ListConfigurations(ctx context.Context, opts ...*ReportConfigurationListOptions) iter.Seq2[*ReportConfiguration, error] {
	return list(ctx, opts, s.ListConfigurationsPage)
}

// ListConfigurationsPage fetches one page of saved custom reports (GET
// /v2/vendor_report_configuration/list).
func (s *ReportsService) ListConfigurationsPage(ctx context.Context, opts *ReportConfigurationListOptions) ([]*ReportConfiguration, *Response, error) {
	return listPage[ReportConfiguration](ctx, s.api, "vendor_report_configuration/list", opts)
}

// GetConfiguration returns a saved custom report.
func (s *ReportsService) GetConfiguration(ctx context.Context, key string, opts ...RequestOption) (*ReportConfiguration, error) {
	if err := requireKey("get report configuration", key); err != nil {
		return nil, err
	}
	return get[ReportConfiguration](ctx, s.api, transport.Join("vendor_report_configuration/%s", key), nil, opts...)
}

// ReportExport is an export of a custom report.
type ReportExport struct {
	// Key is the export key (vrex_…).
	Key    string `json:"key"`
	Status string `json:"status,omitempty" tolerant:"lenient"`
	// FileURL and FileName are set once the export has a file that has not
	// expired.
	FileURL   string    `json:"file_url,omitempty" tolerant:"lenient"`
	FileName  string    `json:"file_name,omitempty" tolerant:"lenient"`
	Archived  bool      `json:"archived,omitempty" tolerant:"lenient"`
	CreatedAt time.Time `json:"created_at"`
	UpdatedAt time.Time `json:"updated_at"`
}

func (r *ReportExport) itemKey() string { return r.Key }

// UnmarshalJSON implements json.Unmarshaler.
func (r *ReportExport) UnmarshalJSON(b []byte) error { return records.Unmarshal(b, r) }

// ReportExportParams is the body of POST
// /v2/vendor_report_export/{configuration_key}.
type ReportExportParams struct {
	// MemberEmail is the teammate who receives the export. Required.
	MemberEmail string `json:"member_email"`
	// WebhookTargetURL receives the export's results when it completes.
	WebhookTargetURL string `json:"webhook_target_url,omitempty"`
	// ShowUnexpanded includes unexpanded data.
	ShowUnexpanded bool `json:"show_unexpanded,omitempty"`
}

// Export requests an export of a custom report and returns it; poll
// GetExport with its key for the file. It is not retried after it may have
// reached the server (a second export would count against the quota).
func (s *ReportsService) Export(ctx context.Context, configurationKey string, params *ReportExportParams, opts ...RequestOption) (*ReportExport, error) {
	if err := requireKey("export report", configurationKey); err != nil {
		return nil, err
	}
	if params == nil || params.MemberEmail == "" {
		return nil, errors.New("partnerstack: export report: MemberEmail is required")
	}
	return send[ReportExport](ctx, s.api, http.MethodPost, transport.Join("vendor_report_export/%s", configurationKey), params, opts...)
}

// GetExport returns a report export, archived ones included.
func (s *ReportsService) GetExport(ctx context.Context, exportKey string, opts ...RequestOption) (*ReportExport, error) {
	if err := requireKey("get report export", exportKey); err != nil {
		return nil, err
	}
	return get[ReportExport](ctx, s.api, transport.Join("vendor_report_export/export/%s", exportKey), nil, opts...)
}

// BaseRecordsExportParams is the body of POST /v2/exports/base-records.
type BaseRecordsExportParams struct {
	// MemberEmail is the teammate the export is queued for and mailed to.
	MemberEmail string `json:"member_email,omitempty"`
	// ExportTypes are the base record types to export; types the member
	// cannot access are left out, and none accessible answers 403.
	ExportTypes []string `json:"export_types,omitempty"`
	Extra       Extra    `json:"-"`
}

// MarshalJSON merges Extra into the body.
func (p BaseRecordsExportParams) MarshalJSON() ([]byte, error) {
	type plain BaseRecordsExportParams
	return withExtra(plain(p), p.Extra)
}

// ExportBaseRecords queues an export of base records, mailed to the
// member. It is not retried after it may have reached the server.
func (s *ReportsService) ExportBaseRecords(ctx context.Context, params *BaseRecordsExportParams, opts ...RequestOption) error {
	if params == nil || len(params.ExportTypes) == 0 {
		return errors.New("partnerstack: export base records: ExportTypes are required")
	}
	_, err := s.api.do(ctx, request{method: http.MethodPost, path: "exports/base-records", body: params}, nil, opts...)
	return err
}
