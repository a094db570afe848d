package tolerant

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/affiliatekit/affiliatekit-go/internal/money"
)

func TestObjectConversions(t *testing.T) {
	f, err := ParseObject([]byte(`{"Amount":"12.50","count":"7","flag":"Y","off":0,"n":3.0,"frac":2.5,"obj":{"a":1},"nul":null,"empty":""}`), time.UTC)
	require.NoError(t, err)
	var amount, empty money.Amount
	var count, n int64
	var flag, off bool
	f.Amount(&amount, "amount")
	f.Amount(&empty, "empty")
	f.Int(&count, "count")
	f.Int(&n, "n")
	f.Bool(&flag, "flag")
	f.Bool(&off, "off")
	require.NoError(t, f.err)
	assert.Equal(t, "12.50", amount.String())
	assert.True(t, empty.IsZero() && !empty.IsNull())
	assert.Equal(t, int64(7), count)
	assert.Equal(t, int64(3), n)
	assert.True(t, flag)
	assert.False(t, off)

	var s string
	f.String(&s, "nul", "missing")
	require.NoError(t, f.err, "null and missing leave the zero value")
	assert.Empty(t, s)

	var frac int64
	f.Int(&frac, "frac")
	require.ErrorContains(t, f.err, `field "frac": 2.5 is not an integer`)

	f.err = nil
	f.String(&s, "obj")
	require.ErrorContains(t, f.err, "is not a string")
}

func TestObjectKeysAndNumbered(t *testing.T) {
	f, err := ParseObject([]byte(`{"Referral-ID":"r1","data1":"a","DATA_2":7,"data":"x","datax":"y","data3":null}`), nil)
	require.NoError(t, err)
	var ref string
	f.String(&ref, "referral_id")
	assert.Equal(t, "r1", ref)
	assert.Equal(t, map[string]string{"data1": "a", "data2": "7"}, f.Numbered("data"))
	assert.Equal(t, "referralid", NormKey("Referral_ID"))
}
