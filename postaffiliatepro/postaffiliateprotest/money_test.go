package postaffiliateprotest

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/affiliatekit/affiliatekit-go/internal/money"
)

func TestMoneyHelpersAreExact(t *testing.T) {
	assert.Equal(t, "12.50", cents(1250).String())
	assert.Equal(t, "2.53", percentOf(cents(2020), 12.5).String(), "2.525 rounds half away from zero")
	assert.Equal(t, "-2.53", percentOf(cents(-2020), 12.5).String())
	assert.Equal(t, "30.00", percentOf(cents(20000), 15).String())
	assert.Equal(t, "0.01", percentOf(cents(1), 50).String())
	fine, err := money.ParseDecimal("0.0125", "")
	require.NoError(t, err)
	assert.Equal(t, "-0.0125", negate(fine).String())
	assert.Equal(t, "0.0125", negate(negate(fine)).String())
	assert.Equal(t, "0.30", sum(cents(10), cents(20)).String(), "no 0.30000000000000004")
	assert.Equal(t, -1, cmp(cents(999), cents(1000)))
}
