package tolerant

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// twinTeam and twinMember call testTwins from their UnmarshalJSON, as a
// platform's record types do; twinMember is listed as inline, twinNote
// adjusts what it decodes and is not.
type twinTeam struct {
	Key       string        `json:"key"`
	Size      int           `json:"size"`
	Lead      *twinMember   `json:"lead"`
	Members   []*twinMember `json:"members"`
	Note      *twinNote     `json:"note"`
	Where     *twinPlace    `json:"where"`
	Extra     map[string]int
	Shape     []int      `json:"shape" tolerant:"lenient"`
	CreatedAt time.Time  `json:"created_at"`
	ClosedAt  *time.Time `json:"closed_at"`
}

type twinMember struct {
	Name     string    `json:"name"`
	JoinedAt time.Time `json:"joined_at"`
}

type twinNote struct {
	Text string `json:"text"`
}

// twinPlace has no UnmarshalJSON but a time field: it gets a twin.
type twinPlace struct {
	City  string    `json:"city"`
	Since time.Time `json:"since"`
}

var (
	memberCalls int
	testTwins   = NewTwins(nil, twinTeam{}, &twinMember{})
)

func (t *twinTeam) UnmarshalJSON(b []byte) error { return testTwins.Unmarshal(b, t) }

func (m *twinMember) UnmarshalJSON(b []byte) error {
	memberCalls++
	return testTwins.Unmarshal(b, m)
}

func (n *twinNote) UnmarshalJSON(b []byte) error {
	if err := testTwins.Unmarshal(b, n); err != nil {
		return err
	}
	n.Text += "!"
	return nil
}

func TestTwinsFastPath(t *testing.T) {
	memberCalls = 0
	var team twinTeam
	require.NoError(t, json.Unmarshal([]byte(`{"key":"t1","size":3,"created_at":1784119626123,"closed_at":null,
		"lead":{"name":"Ann","joined_at":1784119626},"members":[{"name":"Bo","joined_at":"2026-07-15T12:47:06Z"},null],
		"note":{"text":"hi"},"where":{"city":"Oslo","since":0},"Extra":{"a":1},"shape":[1]}`), &team))
	assert.Equal(t, 0, memberCalls, "inline records are read in the same pass")
	assert.Equal(t, "t1", team.Key)
	assert.Equal(t, time.UnixMilli(1784119626123).UTC(), team.CreatedAt)
	assert.Nil(t, team.ClosedAt)
	require.NotNil(t, team.Lead)
	assert.Equal(t, time.Unix(1784119626, 0).UTC(), team.Lead.JoinedAt, "below 1e11 is seconds")
	require.Len(t, team.Members, 2)
	assert.Equal(t, "Bo", team.Members[0].Name)
	assert.Nil(t, team.Members[1], "encoding/json keeps a null element")
	assert.Equal(t, "hi!", team.Note.Text, "a type that is not inline decodes through its UnmarshalJSON")
	assert.Equal(t, &twinPlace{City: "Oslo"}, team.Where)
	assert.Equal(t, map[string]int{"a": 1}, team.Extra)
}

func TestTwinsTolerantPath(t *testing.T) {
	var team twinTeam
	require.NoError(t, json.Unmarshal([]byte(`{"key":"t1","size":"3","created_at":"1784119626123","shape":"square",
		"lead":{"name":"Ann","joined_at":"2026-07-15"}}`), &team))
	assert.Equal(t, 3, team.Size)
	assert.Equal(t, time.UnixMilli(1784119626123).UTC(), team.CreatedAt)
	assert.Nil(t, team.Shape, "a lenient field that does not fit is left zero")
	assert.Equal(t, time.Date(2026, 7, 15, 0, 0, 0, 0, time.UTC), team.Lead.JoinedAt)

	assert.Error(t, json.Unmarshal([]byte(`{"key":"t1","created_at":"soon"}`), &team))
	assert.Error(t, json.Unmarshal([]byte(`{"key":"t1","members":"many"}`), &team))
}

func TestTwinsLeaveAbsentFields(t *testing.T) {
	at := time.Date(2026, 1, 2, 0, 0, 0, 0, time.UTC)
	team := twinTeam{Key: "kept", CreatedAt: at, ClosedAt: &at}
	require.NoError(t, testTwins.Fast([]byte(`{"size":1}`), &team))
	assert.Equal(t, twinTeam{Key: "kept", Size: 1, CreatedAt: at, ClosedAt: &at}, team)
	require.NoError(t, testTwins.Unmarshal([]byte(`null`), &team))
	assert.Equal(t, "kept", team.Key)
}

func TestTwinsNeedAStructPointer(t *testing.T) {
	var n int
	assert.ErrorIs(t, testTwins.Unmarshal([]byte(`1`), &n), errNotStruct)
	assert.ErrorIs(t, testTwins.Fast([]byte(`{}`), (*twinTeam)(nil)), errNotStruct)
}

func TestTwinsOptions(t *testing.T) {
	var v struct {
		At time.Time `json:"at"`
	}
	require.NoError(t, NewTwins(&Options{NumericTime: Millis}).Unmarshal([]byte(`{"at":1000}`), &v))
	assert.Equal(t, time.UnixMilli(1000).UTC(), v.At)
	require.NoError(t, NewTwins(&Options{NumericTime: Seconds}).Unmarshal([]byte(`{"at":1000}`), &v))
	assert.Equal(t, time.Unix(1000, 0).UTC(), v.At)
	assert.Error(t, NewTwins(&Options{NumericTime: Seconds}).Unmarshal([]byte(`{"at":1784119626123}`), &v), "past the year 9999")
}
