package firstpromotertest_test

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/affiliatekit/affiliatekit-go/firstpromoter/firstpromotertest"
)

func TestTimestampJSON(t *testing.T) {
	b, err := json.Marshal(firstpromotertest.At(time.Date(2024, 9, 11, 14, 20, 50, 403_999_999, time.FixedZone("CEST", 2*3600))))
	require.NoError(t, err)
	assert.Equal(t, `"2024-09-11T12:20:50.403Z"`, string(b), "UTC, milliseconds, Z")
	b, err = json.Marshal(firstpromotertest.At(time.Date(2024, 9, 11, 14, 20, 50, 0, time.UTC)))
	require.NoError(t, err)
	assert.Equal(t, `"2024-09-11T14:20:50.000Z"`, string(b), "zero milliseconds are written")
	b, err = json.Marshal(firstpromotertest.Timestamp{})
	require.NoError(t, err)
	assert.Equal(t, "null", string(b))

	for in, want := range map[string]time.Time{
		`"2024-09-11T14:20:50.403Z"`:      time.Date(2024, 9, 11, 14, 20, 50, 403_000_000, time.UTC),
		`"2024-09-11T14:20:50Z"`:          time.Date(2024, 9, 11, 14, 20, 50, 0, time.UTC),
		`"2024-09-11T16:20:50.403+02:00"`: time.Date(2024, 9, 11, 14, 20, 50, 403_000_000, time.UTC),
		`"2024-09-11 14:20:50"`:           time.Date(2024, 9, 11, 14, 20, 50, 0, time.UTC),
		`"2024-09-11"`:                    time.Date(2024, 9, 11, 0, 0, 0, 0, time.UTC),
	} {
		var ts firstpromotertest.Timestamp
		require.NoError(t, json.Unmarshal([]byte(in), &ts), in)
		assert.True(t, want.Equal(ts.Time), "%s gave %v", in, ts.Time)
	}
	var ts firstpromotertest.Timestamp
	require.NoError(t, json.Unmarshal([]byte(`null`), &ts))
	assert.True(t, ts.IsZero())
	assert.Error(t, json.Unmarshal([]byte(`"last tuesday"`), &ts))
}

func TestNullStringJSON(t *testing.T) {
	b, err := json.Marshal(struct {
		A firstpromotertest.NullString `json:"a"`
		B firstpromotertest.NullString `json:"b"`
	}{"x", ""})
	require.NoError(t, err)
	assert.Equal(t, `{"a":"x","b":null}`, string(b))
	var v struct {
		A, B, C firstpromotertest.NullString
	}
	require.NoError(t, json.Unmarshal([]byte(`{"A":"x","B":null,"C":42}`), &v))
	assert.Equal(t, firstpromotertest.NullString("x"), v.A)
	assert.Empty(t, v.B)
	assert.Equal(t, firstpromotertest.NullString("42"), v.C)
}
