package main

import (
	"bytes"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// outcomes counts the delivery lines of each platform by outcome.
func outcomes(t *testing.T, out string) map[string]map[string]int {
	t.Helper()
	got := map[string]map[string]int{}
	for _, line := range strings.Split(strings.TrimSpace(out), "\n") {
		f := strings.Fields(line)
		require.GreaterOrEqual(t, len(f), 4, "line %q", line)
		if got[f[0]] == nil {
			got[f[0]] = map[string]int{}
		}
		got[f[0]][f[2]+" "+f[3]]++
	}
	return got
}

func TestRun(t *testing.T) {
	var out bytes.Buffer
	require.NoError(t, run(&out))
	t.Log("\n" + out.String())

	assert.Equal(t, map[string]map[string]int{
		"firstpromoter": {"200 processed": 1, "200 duplicate": 1, "401 rejected": 1},
		"refersion":     {"200 processed": 1, "200 duplicate": 1},
		"partnerstack":  {"200 processed": 1, "200 duplicate": 1},
		"everflow":      {"200 processed": 1, "200 duplicate": 1},
	}, outcomes(t, out.String()))

	// What each callback received, from the typed fields.
	for _, want := range []string{
		"processed commission 88901 approved, 25.00 cash",
		`processed affiliate a3y7 <jane@example.com> ACTIVE, offer "Standard Affiliate Commission"`,
		`processed partner JohnSmith <john.smith@example.com>, group "Top Sellers"`,
		"processed transaction d5c6feef0d8f489fb91aa5cfb4d64f4e, offer 11, payout 12.50, sub1 spring, at 2024-02-08 20:58:19",
	} {
		assert.Contains(t, out.String(), want)
	}
	// The tampered body reached no callback: its line holds only the note.
	rejected := 0
	for _, line := range strings.Split(out.String(), "\n") {
		if _, rest, ok := strings.Cut(line, " 401 rejected "); ok {
			rejected++
			assert.Equal(t, "(amount changed after signing)", strings.TrimSpace(rest))
		}
	}
	assert.Equal(t, 1, rejected)
}

// Each run starts its own receiver and store: running twice processes
// every event again rather than reporting it as a duplicate.
func TestRunIsRepeatable(t *testing.T) {
	for range 2 {
		var out bytes.Buffer
		require.NoError(t, run(&out))
		assert.Equal(t, 4, strings.Count(out.String(), " processed "))
	}
}
