package refersion

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"time"

	"github.com/affiliatekit/affiliatekit-go/internal/transport"

	"github.com/affiliatekit/affiliatekit-go/internal/tolerant"
)

// ReportsService downloads saved reports: reporting/link. Reports are
// defined and saved in Refersion's dashboard; their columns are whatever
// the saved report holds (often CSV).
//
// This is the REST API's way to pull conversions: save a conversions report
// in the dashboard, then fetch it with Link and Download.
type ReportsService service

// ReportLink is a signed, short-lived (two minutes) download link for a
// saved report. The link grants access by itself, so it is kept out of
// errors, logs and the printed forms of the value (%v, slog).
type ReportLink struct {
	// DownloadLink is the signed URL.
	DownloadLink string `json:"download_link"`
	// ExpireTime is when the link stops working.
	ExpireTime time.Time `json:"expire_time"`
}

// UnmarshalJSON decodes expire_time from unix seconds (a number, or a
// numeric string).
func (l *ReportLink) UnmarshalJSON(b []byte) error {
	var w struct {
		DownloadLink string                `json:"download_link"`
		ExpireTime   tolerant.FormattedInt `json:"expire_time"`
	}
	if err := json.Unmarshal(b, &w); err != nil {
		return err
	}
	*l = ReportLink{DownloadLink: w.DownloadLink}
	if w.ExpireTime > 0 {
		t, err := tolerant.UnixSeconds(int64(w.ExpireTime))
		if err != nil {
			return fmt.Errorf("expire_time: %w", err)
		}
		l.ExpireTime = t
	}
	return nil
}

// String describes the link without revealing it.
func (l ReportLink) String() string {
	return "ReportLink{expires " + l.ExpireTime.Format(time.RFC3339) + "}"
}

// Format prints String for every verb, so that %v, %+v and %#v never show
// the signed URL.
func (l ReportLink) Format(f fmt.State, _ rune) { _, _ = io.WriteString(f, l.String()) }

// LogValue implements slog.LogValuer without the signed URL.
func (l ReportLink) LogValue() slog.Value {
	return slog.GroupValue(slog.Time("expire_time", l.ExpireTime))
}

var reportingLink = call{path: "reporting/link", readOnly: true}

// Link asks for a download link to the saved report reportID. Asking again
// only makes another link, so it is retried like a read.
func (s *ReportsService) Link(ctx context.Context, reportID int64, opts ...RequestOption) (*ReportLink, error) {
	if reportID <= 0 {
		return nil, fmt.Errorf("refersion: reporting/link: invalid report id %d", reportID)
	}
	body := struct {
		ReportID int64 `json:"report_id"`
	}{reportID}
	return postChecked(ctx, s.client, reportingLink, body, transport.Require(new(ReportLink),
		`no "download_link" in the answer`, func(l *ReportLink) bool { return l.DownloadLink != "" }), opts...)
}

// Download fetches the report behind link as a stream, which the caller
// must close. The link is fetched with a plain GET, without the API keys
// (it is signed), and it never appears in errors or logs: they show the path
// as "(link)". Fetch it within two minutes of Link. The body is not
// size-capped: WithMaxResponseBytes does not apply to it, so the caller
// must bound what it reads (io.LimitReader, or a per-row limit when
// parsing it).
func (s *ReportsService) Download(ctx context.Context, link *ReportLink, opts ...RequestOption) (io.ReadCloser, *Response, error) {
	if link == nil || link.DownloadLink == "" {
		return nil, nil, errors.New("refersion: report download: no link")
	}
	u, err := url.Parse(link.DownloadLink)
	if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
		return nil, nil, errors.New("refersion: report download: the link is not an absolute http(s) URL")
	}
	t := s.client.t
	if t == nil {
		t = s.client.gql // the link is signed: either transport fetches it without credentials
	}
	body, resp, err := t.Stream(ctx, &transport.Request{Method: http.MethodGet, URL: u, NoAuth: true}, opts...)
	if err != nil {
		return nil, nil, err
	}
	return body, resp, nil
}

// DownloadReport is [ReportsService.Link] followed by
// [ReportsService.Download]: it streams the saved report reportID. The
// caller must close the stream; like Download's, it is not size-capped,
// and the caller must bound what it reads. The request options apply to
// the download, the last of its two requests.
func (s *ReportsService) DownloadReport(ctx context.Context, reportID int64, opts ...RequestOption) (io.ReadCloser, error) {
	l, err := s.Link(ctx, reportID)
	if err != nil {
		return nil, err
	}
	body, _, err := s.Download(ctx, l, opts...)
	return body, err
}
