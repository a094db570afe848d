package everflow

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestNullRowsDropped: the calls that answer with a slice rather than an
// iterator never hand out a nil record for a null in the body.
func TestNullRowsDropped(t *testing.T) {
	ctx := context.Background()
	tests := []struct {
		name string
		body string
		rows func(c *Client) (int, error)
	}{
		{"Postbacks.Report", `{"pixels":[null,{"transaction_id":"a"},null]}`, func(c *Client) (int, error) {
			r, err := c.Postbacks.Report(ctx, allFeb)
			if err != nil {
				return 0, err
			}
			return len(r.Postbacks), nil
		}},
		{"Clicks.Stream", `{"clicks":[{"transaction_id":"a"},null]}`, func(c *Client) (int, error) {
			r, err := c.Clicks.Stream(ctx, &ClickStreamParams{From: feb(1), To: feb(2), TimezoneID: TimezoneUTC})
			if err != nil {
				return 0, err
			}
			return len(r.Clicks), nil
		}},
		{"Meta.Timezones", `{"timezones":[null,{"timezone_id":67}]}`, func(c *Client) (int, error) {
			r, err := c.Meta.Timezones(ctx)
			return len(r), err
		}},
		{"Reports.Table", `{"table":[null,{"columns":[]}]}`, func(c *Client) (int, error) {
			r, err := c.Reports.Table(ctx, &EntityReportParams{From: feb(1), To: feb(29), TimezoneID: TimezoneUTC,
				CurrencyID: "USD", Columns: []ReportColumn{ColumnAffiliate}})
			if err != nil {
				return 0, err
			}
			return len(r.Rows), nil
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			n, err := tt.rows(fuzzClient(t, "application/json", []byte(tt.body)))
			require.NoError(t, err)
			assert.Equal(t, 1, n)
		})
	}
}
