package money

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestWholeUnitsAndMinorUnitsOr(t *testing.T) {
	mustParse := func(text, currency string) Amount {
		a, err := ParseDecimal(text, currency)
		require.NoError(t, err)
		return a
	}
	tests := []struct {
		name     string
		conv     func() (int64, error)
		want     int64
		wantErr  error
		wantText string
	}{
		{"whole count", func() (int64, error) { return WholeUnits(mustParse("12", ""), 0) }, 12, nil, ""},
		{"trailing zeros are whole", func() (int64, error) { return WholeUnits(mustParse("12.00", ""), 0) }, 12, nil, ""},
		{"cents", func() (int64, error) { return WholeUnits(mustParse("25.5", ""), 2) }, 2550, nil, ""},
		{"negative cents", func() (int64, error) { return WholeUnits(mustParse("-0.05", ""), 2) }, -5, nil, ""},
		{"finer than the unit", func() (int64, error) { return WholeUnits(mustParse("0.0125", ""), 2) }, 0, ErrNotWhole, "0.0125"},
		{"overflow", func() (int64, error) { return WholeUnits(mustParse("9223372036854775807", ""), 2) }, 0, ErrOverflow, ""},
		{"null", func() (int64, error) { return WholeUnits(Null(), 2) }, 0, ErrNull, ""},
		{"known currency", func() (int64, error) { return MinorUnitsOr(mustParse("1500", "JPY"), "", 2) }, 1500, nil, ""},
		{"unknown currency falls back", func() (int64, error) { return MinorUnitsOr(mustParse("25.00", ""), "", 2) }, 2500, nil, ""},
		{"currency given", func() (int64, error) { return MinorUnitsOr(mustParse("7", ""), "KWD", 2) }, 7000, nil, ""},
		{"mixed currencies", func() (int64, error) { return MinorUnitsOr(mustParse("1", "EUR"), "USD", 2) }, 0, ErrCurrencyMismatch, ""},
		{"null with fallback", func() (int64, error) { return MinorUnitsOr(Null(), "", 2) }, 0, ErrNull, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := tt.conv()
			if tt.wantErr != nil {
				assert.ErrorIs(t, err, tt.wantErr)
				assert.Contains(t, err.Error(), tt.wantText)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tt.want, got)
		})
	}
}

func TestUnmarshalMinorUnits(t *testing.T) {
	type record struct {
		Revenue Amount `json:"revenue"`
		Refunds Amount `json:"refunds"`
		Name    string `json:"name"`
	}
	tests := []struct {
		name    string
		body    string
		want    []string
		wantErr bool
	}{
		{"cents", `{"revenue":2500,"refunds":"-125","name":"a"}`, []string{"25.00", "-1.25"}, false},
		{"null stays null", `{"revenue":null,"refunds":0}`, []string{"null", "0.00"}, false},
		{"malformed", `{"revenue":[1]}`, nil, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var r record
			err := UnmarshalMinorUnits([]byte(tt.body), &r, 2, &r.Revenue, &r.Refunds)
			if tt.wantErr {
				assert.Error(t, err)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tt.want, []string{r.Revenue.String(), r.Refunds.String()})
		})
	}
}

// A value decoded again keeps no converted amount that data leaves out:
// it would be divided by 100 a second time.
func TestUnmarshalMinorUnitsAgain(t *testing.T) {
	type record struct {
		Revenue Amount `json:"revenue"`
		Name    string `json:"name"`
	}
	var r record
	require.NoError(t, UnmarshalMinorUnits([]byte(`{"revenue":6400,"name":"a"}`), &r, 2, &r.Revenue))
	require.NoError(t, UnmarshalMinorUnits([]byte(`{"name":"b"}`), &r, 2, &r.Revenue))
	assert.Equal(t, "0.00", r.Revenue.String())
	assert.Equal(t, "b", r.Name)
}
