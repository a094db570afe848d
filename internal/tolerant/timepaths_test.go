package tolerant

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// pathRecord has an int field, so that a numeric string in it sends the
// record down the tolerant path while the same record with a number takes
// the fast one.
type pathRecord struct {
	N int        `json:"n"`
	T time.Time  `json:"t"`
	P *time.Time `json:"p"`
}

// TestTimePathsAgree decodes each form of timestamp on the fast path
// (Twins.Fast, and encoding/json into time.Time where it reads the form)
// and on the tolerant path (ParseTime, and Twins.Unmarshal of a record
// that the fast path refuses), and wants the same time.Time from each.
func TestTimePathsAgree(t *testing.T) {
	tests := []struct {
		name string
		in   string
		mode NumericTime
		want string // RFC 3339 with the fraction; "" when every path refuses in
	}{
		{"integer seconds", `1784119626`, Auto, "2026-07-15T12:47:06Z"},
		{"fractional seconds", `1784119626.123`, Auto, "2026-07-15T12:47:06.123Z"},
		{"microsecond fraction", `1784119626.123456`, Auto, "2026-07-15T12:47:06.123Z"},
		{"half second", `1784119626.5`, Auto, "2026-07-15T12:47:06.5Z"},
		{"fraction rounding up", `1784119626.0005`, Auto, "2026-07-15T12:47:06.001Z"},
		{"fraction rounding to the next second", `1784119626.9999999`, Auto, "2026-07-15T12:47:07Z"},
		{"negative fractional seconds", `-1.5`, Auto, "1969-12-31T23:59:58.5Z"},
		{"exponent seconds", `1.784119626123e9`, Auto, "2026-07-15T12:47:06.123Z"},
		{"largest seconds in Auto", `99999999999.9999`, Auto, "5138-11-16T09:46:40Z"},
		{"integer milliseconds", `1784119626123`, Auto, "2026-07-15T12:47:06.123Z"},
		{"fractional milliseconds", `1784119626123.7`, Auto, "2026-07-15T12:47:06.124Z"},
		{"seconds mode fraction", `1784119626.123`, Seconds, "2026-07-15T12:47:06.123Z"},
		{"seconds mode last second", `253402300799.5`, Seconds, "9999-12-31T23:59:59.5Z"},
		{"seconds mode too large", `1784119626123`, Seconds, ""},
		{"millis mode", `1784119626123.4`, Millis, "2026-07-15T12:47:06.123Z"},
		{"millis mode small", `86400000`, Millis, "1970-01-02T00:00:00Z"},
		{"RFC 3339", `"2026-07-15T12:47:06Z"`, Auto, "2026-07-15T12:47:06Z"},
		{"RFC 3339 milliseconds", `"2026-07-15T12:47:06.123Z"`, Auto, "2026-07-15T12:47:06.123Z"},
		{"RFC 3339 nanoseconds", `"2026-07-15T12:47:06.123456789Z"`, Auto, "2026-07-15T12:47:06.123456789Z"},
		{"RFC 3339 fraction and offset", `"2026-07-15T12:47:06.1+02:00"`, Auto, "2026-07-15T12:47:06.1+02:00"},
		{"RFC 3339 in seconds mode", `"2026-07-15T12:47:06.25Z"`, Seconds, "2026-07-15T12:47:06.25Z"},
		{"zero", `0`, Auto, "0001-01-01T00:00:00Z"},
		{"null", `null`, Auto, "0001-01-01T00:00:00Z"},
		{"before year 0", `-62167219200.5`, Auto, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			opts := &Options{NumericTime: tt.mode}
			twins := NewTwins(opts)
			got := map[string]time.Time{}
			errs := map[string]error{}

			var fast pathRecord
			errs["fast"] = twins.Fast([]byte(`{"n":7,"t":`+tt.in+`,"p":`+tt.in+`}`), &fast)
			got["fast"] = fast.T
			var slow pathRecord
			errs["tolerant record"] = twins.Unmarshal([]byte(`{"n":"7","t":`+tt.in+`,"p":`+tt.in+`}`), &slow)
			got["tolerant record"] = slow.T
			got["ParseTime"], errs["ParseTime"] = ParseTime([]byte(tt.in), opts)
			var std time.Time
			if tt.in[0] == '"' {
				errs["encoding/json"] = json.Unmarshal([]byte(tt.in), &std)
				got["encoding/json"] = std
			}

			for path, err := range errs {
				if tt.want == "" {
					assert.Error(t, err, path)
					continue
				}
				require.NoError(t, err, path)
				assert.Equal(t, tt.want, got[path].Format(time.RFC3339Nano), path)
			}
			if tt.want == "" {
				return
			}
			for path, tm := range got {
				assert.True(t, tm.Equal(got["fast"]), "%s: %s, fast: %s", path, tm, got["fast"])
			}
			for path, rec := range map[string]pathRecord{"fast": fast, "tolerant record": slow} {
				if got["fast"].IsZero() {
					assert.Nil(t, rec.P, path)
					continue
				}
				if assert.NotNil(t, rec.P, path) {
					assert.Equal(t, tt.want, rec.P.Format(time.RFC3339Nano), path)
				}
			}
		})
	}
}
