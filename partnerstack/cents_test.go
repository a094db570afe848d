package partnerstack

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Cents become their value once per amount sent: a record decoded again
// (json.Unmarshal into a filled value, or an object that repeats a key)
// never divides an amount it converted before by 100 again.
func TestCentsConvertedOnce(t *testing.T) {
	tests := []struct {
		name   string
		bodies []string // decoded one after another into the same value
		amount func(*Reward) Amount
		want   string
	}{
		{"reward decoded twice, the second without amount",
			[]string{`{"key":"rwrd_1","amount":6400}`, `{"key":"rwrd_1"}`},
			func(r *Reward) Amount { return r.Amount }, "0.00"},
		{"reward decoded twice",
			[]string{`{"key":"rwrd_1","amount":6400}`, `{"key":"rwrd_1","amount":100}`},
			func(r *Reward) Amount { return r.Amount }, "1.00"},
		{"nested transaction repeated, the second without amount",
			[]string{`{"key":"rwrd_1","transaction":{"key":"t","amount":6400,"currency":"EUR"},"transaction":{"key":"t"}}`},
			func(r *Reward) Amount { return r.Transaction.Amount }, "0.00"},
		{"nested transaction repeated",
			[]string{`{"key":"rwrd_1","transaction":{"key":"t","amount":6400,"currency":"EUR"},"transaction":{"key":"t","amount":6400,"currency":"EUR"}}`},
			func(r *Reward) Amount { return r.Transaction.Amount }, "64.00"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var r Reward
			for _, b := range tt.bodies {
				require.NoError(t, json.Unmarshal([]byte(b), &r))
			}
			assert.Equal(t, tt.want, tt.amount(&r).String())
		})
	}
}
