package tolerant

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestFormattedInt(t *testing.T) {
	for in, want := range map[string]int64{`7`: 7, `"7"`: 7, `"1,234"`: 1234, `"10,"`: 10, `null`: 0, `""`: 0, `9007199254740993`: 9007199254740993} {
		var n FormattedInt
		require.NoError(t, json.Unmarshal([]byte(in), &n), in)
		assert.Equal(t, want, int64(n), in)
	}
	for _, bad := range []string{`2.5`, `"x"`, `true`, `{}`} {
		var n FormattedInt
		assert.Error(t, json.Unmarshal([]byte(bad), &n), bad)
	}
	assert.Nil(t, Int64s(nil))
	assert.Equal(t, []int64{1, 2}, Int64s([]FormattedInt{1, 2}))
}

func TestFormattedAmountKeepsWhatWasSent(t *testing.T) {
	var f FormattedAmount
	require.NoError(t, json.Unmarshal([]byte(` "3,498.03," `), &f))
	assert.Equal(t, "3498.03", f.Value.String())
	assert.JSONEq(t, `"3,498.03,"`, string(f.Encode(f.Value)), "unchanged: the token as sent")
	other, err := FormattedAmountOf([]byte(`"12.50"`))
	require.NoError(t, err)
	assert.JSONEq(t, `"12.50"`, string(f.Encode(other)), "changed: the amount's own encoding")
	null, err := FormattedAmountOf([]byte(`null`))
	require.NoError(t, err)
	assert.True(t, null.IsNull())
	_, err = FormattedAmountOf([]byte(`"abc"`))
	assert.Error(t, err)
}
