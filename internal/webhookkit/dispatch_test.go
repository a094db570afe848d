package webhookkit

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"strconv"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

type testEvent struct{ body string }

func TestParseWithAndBind(t *testing.T) {
	var got []string
	parse := func(_ *http.Request, body []byte) (*testEvent, error) {
		if len(body) == 0 {
			return nil, ErrMalformedPayload
		}
		return &testEvent{body: string(body)}, nil
	}
	decode := func(ev *testEvent) (*int, error) {
		n, err := strconv.Atoi(ev.body)
		if err != nil {
			return nil, errors.Join(ErrMalformedPayload, err)
		}
		return &n, nil
	}
	route := func(ev *testEvent) (*Delivery, error) {
		return Bind(&Delivery{Key: ev.body}, ev, decode, func(_ context.Context, ev *testEvent, n *int) error {
			got = append(got, ev.body+"="+strconv.Itoa(*n))
			return nil
		})
	}
	tests := []struct {
		name string
		body string
		ok   bool
	}{
		{"decodes and binds", "42", true},
		{"parse fails", "", false},
		{"resource fails to decode", "x", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got = nil
			d, err := ParseWith(parse, route)(httptest.NewRequest(http.MethodPost, "/", nil), []byte(tt.body))
			if !tt.ok {
				assert.ErrorIs(t, err, ErrMalformedPayload)
				assert.Nil(t, d)
				return
			}
			require.NoError(t, err)
			assert.Empty(t, got, "the callback runs when the delivery runs")
			require.NoError(t, d.Run(context.Background()))
			assert.Equal(t, []string{tt.body + "=" + tt.body}, got)
		})
	}
}
