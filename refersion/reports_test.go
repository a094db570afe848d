package refersion_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	. "github.com/affiliatekit/affiliatekit-go/refersion"
	"github.com/affiliatekit/affiliatekit-go/refersion/refersiontest"
)

func TestReportsLinkAndDownload(t *testing.T) {
	srv, c, clk := newFake(t, []refersiontest.ServerOption{refersiontest.WithDemoData()})
	ctx := context.Background()

	l, err := c.Reports.Link(ctx, refersiontest.ConversionsReportID)
	require.NoError(t, err)
	assert.Equal(t, map[string]any{"report_id": float64(refersiontest.ConversionsReportID)}, lastBody(t, srv))
	assert.Equal(t, clk.Now().Add(refersiontest.LinkLifetime), l.ExpireTime, "the server's clock is the client's")

	body, resp, err := c.Reports.Download(ctx, l)
	require.NoError(t, err)
	defer body.Close()
	assert.Equal(t, 200, resp.StatusCode)
	assert.Contains(t, resp.Header.Get("Content-Type"), "text/csv")
	rows, err := csv.NewReader(body).ReadAll()
	require.NoError(t, err)
	assert.Len(t, rows, 1+90)
	assert.Equal(t, strings.Split(refersiontest.ConversionsCSVHeader, ","), rows[0])

	reqs := srv.Requests()
	dl := reqs[len(reqs)-1]
	assert.Equal(t, http.MethodGet, dl.Method)
	assert.Empty(t, dl.Header.Get("Refersion-Public-Key"), "the signed link is fetched without the keys")
	assert.Empty(t, dl.Header.Get("Refersion-Secret-Key"))
}

func TestReportsDownloadReport(t *testing.T) {
	srv, c, _ := newFake(t, nil)
	srv.AddReport(refersiontest.Report{ID: 77, Name: "Custom", Body: "a,b\n1,2\n"})
	body, err := c.Reports.DownloadReport(context.Background(), 77)
	require.NoError(t, err)
	defer body.Close()
	b, err := io.ReadAll(body)
	require.NoError(t, err)
	assert.Equal(t, "a,b\n1,2\n", string(b))

	_, err = c.Reports.DownloadReport(context.Background(), 78)
	var apiErr *Error
	require.ErrorAs(t, err, &apiErr)
	assert.Equal(t, "Report ID not Found or Expired (error 5).", apiErr.Message)
}

// The signed link grants access by itself: it never shows in errors, logs or
// the printed link.
func TestReportsLinkNeverLeaks(t *testing.T) {
	var skew atomic.Int64
	clock := func() time.Time { return time.Now().Add(time.Duration(skew.Load())) }
	srv, _, _ := newFake(t, []refersiontest.ServerOption{refersiontest.WithClock(clock)})
	var logs bytes.Buffer
	c, err := NewClient(WithKeys(refersiontest.PublicKey, refersiontest.SecretKey), WithBaseURL(srv.URL),
		WithLogger(slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))), WithMaxRetries(0))
	require.NoError(t, err)
	ctx := context.Background()

	l, err := c.Reports.Link(ctx, refersiontest.ConversionsReportID)
	require.NoError(t, err)
	token := l.DownloadLink[strings.LastIndex(l.DownloadLink, "/")+1:]
	require.Len(t, token, 40)

	for _, verb := range []string{"%v", "%+v", "%#v", "%s"} {
		assert.NotContains(t, fmt.Sprintf(verb, l), token, verb)
		assert.NotContains(t, fmt.Sprintf(verb, *l), token, verb)
	}
	slog.New(slog.NewTextHandler(&logs, nil)).Info("link", "link", l)

	// An expired link: the server refuses it.
	skew.Store(int64(3 * time.Minute))
	_, _, err = c.Reports.Download(ctx, l)
	require.Error(t, err)
	assert.ErrorIs(t, err, ErrNotFound)
	assert.Contains(t, err.Error(), "(link)")
	assert.NotContains(t, err.Error(), token)
	var apiErr *Error
	require.ErrorAs(t, err, &apiErr)
	assert.Equal(t, "File is not available", apiErr.Message)

	// A dropped connection: a transport error, still without the link.
	srv.Inject(1, refersiontest.Fault{Drop: true})
	_, _, err = c.Reports.Download(ctx, &ReportLink{DownloadLink: l.DownloadLink})
	require.Error(t, err)
	assert.NotContains(t, err.Error(), token)

	assert.NotContains(t, logs.String(), token)
	assert.Contains(t, logs.String(), "(link)")

	_, _, err = c.Reports.Download(ctx, &ReportLink{DownloadLink: "not a link " + token})
	assert.ErrorContains(t, err, "not an absolute")
	assert.NotContains(t, err.Error(), token)
	_, _, err = c.Reports.Download(ctx, nil)
	assert.Error(t, err)
}
