package webhookkit

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestTolerantDecoders(t *testing.T) {
	var v struct {
		I  Int    `json:"i"`
		I2 Int    `json:"i2"`
		I3 Int    `json:"i3"`
		F  Float  `json:"f"`
		F2 Float  `json:"f2"`
		F3 Float  `json:"f3"`
		B  Bool   `json:"b"`
		B2 Bool   `json:"b2"`
		B3 Bool   `json:"b3"`
		S  String `json:"s"`
		S2 String `json:"s2"`
		S3 String `json:"s3"`
		T  Time   `json:"t"`
		T2 Time   `json:"t2"`
		T3 Time   `json:"t3"`
		T4 Time   `json:"t4"`
		T5 Time   `json:"t5"`
		T6 Time   `json:"t6"`
	}
	require.NoError(t, json.Unmarshal([]byte(`{
		"i": "42", "i2": 7, "i3": null,
		"f": "3,498.03", "f2": 59, "f3": "",
		"b": "false", "b2": 1, "b3": true,
		"s": 987654321, "s2": "a3y7", "s3": null,
		"t": "2020-02-14 18:48:42", "t2": 1707425899, "t3": "1680615382836",
		"t4": "2025-01-15T10:30:00.403Z", "t5": 0, "t6": "2024-02-07"
	}`), &v))
	assert.Equal(t, Int(42), v.I)
	assert.Equal(t, Int(7), v.I2)
	assert.Zero(t, v.I3)
	assert.InDelta(t, 3498.03, float64(v.F), 1e-9)
	assert.Equal(t, Float(59), v.F2)
	assert.Zero(t, v.F3)
	assert.False(t, bool(v.B))
	assert.True(t, bool(v.B2))
	assert.True(t, bool(v.B3))
	assert.Equal(t, String("987654321"), v.S)
	assert.Equal(t, String("a3y7"), v.S2)
	assert.Empty(t, v.S3)
	assert.Equal(t, time.Date(2020, 2, 14, 18, 48, 42, 0, time.UTC), time.Time(v.T))
	assert.Equal(t, time.Unix(1707425899, 0).UTC(), time.Time(v.T2))
	assert.Equal(t, time.UnixMilli(1680615382836).UTC(), time.Time(v.T3))
	assert.Equal(t, time.Date(2025, 1, 15, 10, 30, 0, 403e6, time.UTC), time.Time(v.T4))
	assert.True(t, time.Time(v.T5).IsZero())
	assert.Nil(t, v.T5.Ptr())
	assert.NotNil(t, v.T6.Ptr())
}

func TestTolerantDecodersRefuseGarbage(t *testing.T) {
	for _, tc := range []struct {
		dst  any
		json string
	}{
		{new(Int), `"12a"`}, {new(Int), `1.5`}, {new(Int), `{}`}, {new(Int), `[1]`},
		{new(Float), `"abc"`}, {new(Float), `"NaN"`}, {new(Float), `"Inf"`},
		{new(Bool), `"maybe"`}, {new(Bool), `2`},
		{new(String), `{"a": 1}`},
		{new(Time), `"yesterday"`}, {new(Time), `1e300`},
	} {
		assert.Error(t, json.Unmarshal([]byte(tc.json), tc.dst), "%T %s", tc.dst, tc.json)
	}
}

func TestParseHelpers(t *testing.T) {
	n, err := ParseInt("12.0")
	require.NoError(t, err)
	assert.Equal(t, int64(12), n)
	f, err := ParseFloat(" 1 234.5 ")
	require.NoError(t, err)
	assert.Equal(t, 1234.5, f)
	b, err := ParseBool("YES")
	require.NoError(t, err)
	assert.True(t, b)
	tm, err := ParseTime("1707425899.5")
	require.NoError(t, err)
	assert.Equal(t, time.Unix(1707425899, 5e8).UTC(), tm)
}
