package tolerant

import (
	"encoding/json"
	"reflect"
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

func TestTwinsNestedRecordsAreNew(t *testing.T) {
	at := time.Date(2026, 1, 2, 0, 0, 0, 0, time.UTC)
	tests := []struct {
		name, in    string
		keepLead    bool
		keepMembers bool
	}{
		{"absent", `{"key":"t"}`, true, true},
		{"null", `{"lead":null,"members":null}`, true, true},
		{"values", `{"lead":{"name":"Bo"},"members":[{"name":"Cy"}]}`, false, false},
		{"lead only", `{"lead":{"name":"Bo"},"members":null}`, false, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			lead := &twinMember{Name: "Ann", JoinedAt: at}
			members := []*twinMember{lead}
			closed := at
			team := twinTeam{Lead: lead, Members: members, ClosedAt: &closed}
			require.NoError(t, testTwins.Fast([]byte(tt.in), &team))
			assert.Equal(t, &twinMember{Name: "Ann", JoinedAt: at}, lead, "a record held is never written over")
			assert.Equal(t, []*twinMember{lead}, members)
			assert.Equal(t, tt.keepLead, team.Lead == lead)
			assert.Equal(t, tt.keepMembers, len(team.Members) == 1 && team.Members[0] == lead)
			if !tt.keepLead {
				assert.Equal(t, &twinMember{Name: "Bo"}, team.Lead)
			}
			if !tt.keepMembers {
				assert.Equal(t, []*twinMember{{Name: "Cy"}}, team.Members)
			}
			assert.Equal(t, &closed, team.ClosedAt)
		})
	}
}

func TestTwinsTimePointers(t *testing.T) {
	at := time.Date(2026, 1, 2, 0, 0, 0, 0, time.UTC)
	tests := []struct {
		in   string
		want *time.Time
	}{
		{`null`, nil},
		{`0`, nil},
		{`"0001-01-01T00:00:00Z"`, nil},
		{`1784119626123`, timeAt(time.UnixMilli(1784119626123).UTC())},
		{`"2026-07-15T12:47:06Z"`, timeAt(time.Date(2026, 7, 15, 12, 47, 6, 0, time.UTC))},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			held := at
			team := twinTeam{ClosedAt: &held}
			require.NoError(t, testTwins.Fast([]byte(`{"closed_at":`+tt.in+`}`), &team))
			assert.Equal(t, tt.want, team.ClosedAt)
			assert.Equal(t, at, held, "the time held is never written over")
		})
	}
	var team twinTeam
	assert.Error(t, testTwins.Fast([]byte(`{"closed_at":"soon"}`), &team))
}

func TestTwinsOptionsTimePointers(t *testing.T) {
	var v struct {
		At *time.Time `json:"at"`
	}
	require.NoError(t, NewTwins(&Options{NumericTime: Millis}).Unmarshal([]byte(`{"at":1000}`), &v))
	assert.Equal(t, timeAt(time.UnixMilli(1000).UTC()), v.At)
	require.NoError(t, NewTwins(&Options{NumericTime: Seconds}).Unmarshal([]byte(`{"at":1000}`), &v))
	assert.Equal(t, timeAt(time.Unix(1000, 0).UTC()), v.At)
	require.NoError(t, NewTwins(nil).Unmarshal([]byte(`{"at":1000}`), &v))
	assert.Equal(t, timeAt(time.Unix(1000, 0).UTC()), v.At, "below 1e11 is seconds")
}

func TestTwinsKeepTheRecordLayout(t *testing.T) {
	tests := []any{twinTeam{}, twinMember{}, twinPlace{}, struct {
		A  bool
		T  time.Time
		B  bool
		P  *time.Time
		C  int8
		Ms []*twinMember
		Z  struct{}
	}{}}
	for _, v := range tests {
		rt := reflect.TypeOf(v)
		tw := testTwins.twinOf(rt)
		require.NotNil(t, tw, "%s", rt)
		assert.True(t, sameLayout(rt, tw.ptr.Elem()), "%s", rt)
	}
}

// timeAt returns a pointer to t.
func timeAt(t time.Time) *time.Time { return &t }

// twinNode nests itself: its twin reads Next through twinNode's own
// UnmarshalJSON.
type twinNode struct {
	Name string      `json:"name"`
	At   time.Time   `json:"at"`
	Next *twinNode   `json:"next"`
	All  []*twinNode `json:"all"`
}

var nodeTwins = NewTwins(nil, twinNode{})

func (n *twinNode) UnmarshalJSON(b []byte) error { return nodeTwins.Unmarshal(b, n) }

func TestTwinsRecursiveRecords(t *testing.T) {
	var n twinNode
	require.NoError(t, json.Unmarshal([]byte(`{"name":"a","at":1000,"next":{"name":"b","at":"2026-07-15T00:00:00Z",
		"next":{"name":"c"}},"all":[{"name":"d","at":2000},null]}`), &n))
	assert.Equal(t, twinNode{
		Name: "a", At: time.Unix(1000, 0).UTC(),
		Next: &twinNode{Name: "b", At: time.Date(2026, 7, 15, 0, 0, 0, 0, time.UTC), Next: &twinNode{Name: "c"}},
		All:  []*twinNode{{Name: "d", At: time.Unix(2000, 0).UTC()}, nil},
	}, n)
}
