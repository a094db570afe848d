package everflow

import (
	"context"
	"errors"
	"net/http"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/affiliatekit/affiliatekit-go/internal/conformance"
	"github.com/affiliatekit/affiliatekit-go/internal/wirecheck"
)

// unixTimes are the exceptions for timestamps: Everflow sends unix
// seconds, the package decodes them into time.Time, which encodes as
// RFC 3339 (the same instant, another form).
func unixTimes(prefixes ...string) []string {
	var out []string
	for _, p := range prefixes {
		if p != "" {
			p += "."
		}
		out = append(out, p+"time_created", p+"time_saved")
	}
	return out
}

// vendorRows are Everflow's example bodies (testdata/vendor, see its
// SOURCES), each served through the client method of its endpoint; the
// decoded value, re-encoded, must keep every key and value of the body
// but for the listed exceptions.
var vendorRows = []struct {
	file   string
	status int
	call   func(ctx context.Context, c *Client) (any, error)
	except []string
}{
	{
		file:   "network_get.json",
		call:   func(ctx context.Context, c *Client) (any, error) { return c.Network.Get(ctx) },
		except: unixTimes(""),
	},
	{
		file: "affiliate_create_response.json",
		call: func(ctx context.Context, c *Client) (any, error) {
			return c.Affiliates.Create(ctx, &AffiliateCreateParams{Name: "Harbor Lane Media"})
		},
		except: unixTimes(""),
	},
	{
		file: "affiliate_api_pixels_list.json",
		call: func(ctx context.Context, c *Client) (any, error) {
			items, _, err := c.Pixels.ListPage(ctx, nil)
			return map[string]any{"pixels": items}, err
		},
		except: unixTimes("pixels[]", "pixels[].relationship.affiliate", "pixels[].relationship.offer"),
	},
	{
		// The Affiliate API's offer list has no method of its own; its
		// records are Offers (the affiliate's view), read here through
		// the network list, which has the same envelope.
		file: "affiliate_api_alloffers.json",
		call: func(ctx context.Context, c *Client) (any, error) {
			items, _, err := c.Offers.ListPage(ctx, nil)
			return map[string]any{"offers": items}, err
		},
		// paging drives the iterator (Response.NextPage, Total) and is
		// not returned as such; date_live_until "" is decoded as a nil
		// DateLiveUntil (unset).
		except: append(unixTimes("offers[]"), "paging.*", "offers[].date_live_until"),
	},
	{
		file: "affiliate_pixels_report.json",
		call: func(ctx context.Context, c *Client) (any, error) {
			r, err := c.Postbacks.Report(ctx, &PostbackReportParams{From: feb(7), To: feb(8), TimezoneID: 90})
			if err != nil {
				return nil, err
			}
			return map[string]any{"pixels": r.Postbacks}, nil
		},
		// timestamp and last_attempt are unix seconds decoded into
		// time.Time (0 as the zero time).
		except: []string{"pixels[].timestamp", "pixels[].last_attempt"},
	},
	{
		file:   "error_generic.json",
		status: http.StatusBadRequest,
		call: func(ctx context.Context, c *Client) (any, error) {
			_, err := c.Network.Get(ctx)
			var e *Error
			if !errors.As(err, &e) {
				return nil, err
			}
			return map[string]string{"error": e.Message}, nil
		},
	},
}

func TestVendorBodiesRoundTrip(t *testing.T) {
	for _, row := range vendorRows {
		t.Run(row.file, func(t *testing.T) {
			body := readVendor(t, row.file)
			status := row.status
			if status == 0 {
				status = http.StatusOK
			}
			srv := conformance.BodyServer(t, status, body)
			c, err := NewClient(WithAPIKey("key"), WithBaseURL(srv.URL), WithMaxRetries(0))
			require.NoError(t, err)
			got, err := row.call(context.Background(), c)
			require.NoError(t, err)
			wirecheck.RoundTrip(t, body, got, row.except...)
		})
	}
}
