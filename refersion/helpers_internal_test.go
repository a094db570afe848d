package refersion

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"
)

// The helpers of the package-internal tests; the external tests, which use
// the fake, have their own in helpers_test.go.

// sample reads a file of testdata/.
func sample(t *testing.T, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	require.NoError(t, err)
	return b
}

// amt parses decimal text in major units, panicking on bad text.
func amt(s string) Amount {
	a, err := ParseAmount(s, "")
	if err != nil {
		panic(err)
	}
	return a
}

// totalsText renders totals with their amounts' exact text and currency.
func totalsText(t *ConversionTotals) string {
	return fmt.Sprintf("%d commission=%s/%s orders=%s/%s commissionable=%s/%s %s", t.ConversionsCount,
		t.CommissionTotal.String(), t.CommissionTotal.Currency(), t.OrderTotal.String(), t.OrderTotal.Currency(),
		t.CommissionableOrderTotal.String(), t.CommissionableOrderTotal.Currency(), t.Currency)
}
