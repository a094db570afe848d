package tolerant

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

type inner struct {
	Code string `json:"code"`
}

type Base struct {
	ID int64 `json:"id"`
}

type record struct {
	Base
	Count    int               `json:"count"`
	Ratio    float64           `json:"ratio"`
	Name     string            `json:"name"`
	Active   bool              `json:"active"`
	When     time.Time         `json:"when"`
	Maybe    *time.Time        `json:"maybe"`
	Parent   *int64            `json:"parent"`
	Tags     []string          `json:"tags"`
	Items    []*inner          `json:"items"`
	Meta     map[string]string `json:"meta"`
	Raw      json.RawMessage   `json:"raw"`
	Odd      []int             `json:"odd" tolerant:"lenient"`
	Untagged string
}

func TestUnmarshalFastPathIsEncodingJSON(t *testing.T) {
	body := `{"id":7,"count":2,"name":"a","when":"2026-01-02T03:04:05Z","items":[{"code":"x"}],"Untagged":"u"}`
	var got, want record
	require.NoError(t, Unmarshal([]byte(body), &got, nil))
	require.NoError(t, json.Unmarshal([]byte(body), &want))
	assert.Equal(t, want, got)
}

func TestUnmarshalTolerantPath(t *testing.T) {
	body := `{
		"id": "7", "count": "2", "ratio": "0.5", "name": 42, "active": "1",
		"when": 1767323045, "maybe": "", "parent": null,
		"tags": ["a", null, 3], "items": [null, {"code": 9}, null],
		"meta": {"k": 1}, "raw": {"x": [1]}, "odd": {"not": "a list"}, "untagged": "u"
	}`
	var got record
	require.NoError(t, Unmarshal([]byte(body), &got, nil))
	assert.EqualValues(t, 7, got.ID)
	assert.Equal(t, 2, got.Count)
	assert.InDelta(t, 0.5, got.Ratio, 0)
	assert.Equal(t, "42", got.Name)
	assert.True(t, got.Active)
	assert.Equal(t, time.Unix(1767323045, 0).UTC(), got.When)
	assert.Nil(t, got.Maybe, `"" is no time`)
	assert.Nil(t, got.Parent, "null stays apart from zero")
	assert.Equal(t, []string{"a", "", "3"}, got.Tags)
	require.Len(t, got.Items, 1, "null records are dropped")
	assert.Equal(t, "9", got.Items[0].Code)
	assert.Equal(t, map[string]string{"k": "1"}, got.Meta)
	assert.JSONEq(t, `{"x":[1]}`, string(got.Raw))
	assert.Nil(t, got.Odd, "a lenient field that does not fit is left zero")
	assert.Equal(t, "u", got.Untagged, "keys match case-insensitively")
}

func TestUnmarshalErrors(t *testing.T) {
	for _, body := range []string{
		`{"count": "two"}`, `{"count": 1.5}`, `{"active": "maybe"}`, `{"when": "yesterday"}`,
		`{"name": {"a": 1}}`, `{"items": {"code": "x"}}`, `{"id": 99999999999999999999}`, `{`, `[1]`,
	} {
		var got record
		assert.Error(t, Unmarshal([]byte(body), &got, nil), body)
	}
	var r record
	assert.Error(t, Unmarshal([]byte(`{}`), r, nil), "not a pointer")
}

// A failed fast path leaves nothing behind: the target is zeroed before
// the tolerant walk.
func TestUnmarshalResetsTarget(t *testing.T) {
	got := record{Name: "stale", Tags: []string{"old"}}
	require.NoError(t, Unmarshal([]byte(`{"count":"3"}`), &got, nil))
	assert.Equal(t, record{Count: 3}, got)
}

func TestParseTime(t *testing.T) {
	berlin, err := time.LoadLocation("Europe/Berlin")
	if err != nil {
		berlin = time.FixedZone("CET", 3600)
	}
	cases := []struct {
		in   string
		opts Options
		want time.Time
	}{
		{`"2026-01-02T03:04:05Z"`, Options{}, time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)},
		{`"2026-01-02 03:04:05"`, Options{}, time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)},
		{`"2026-01-02 03:04:05"`, Options{Location: berlin}, time.Date(2026, 1, 2, 3, 4, 5, 0, berlin)},
		{`"2026-01-02"`, Options{}, time.Date(2026, 1, 2, 0, 0, 0, 0, time.UTC)},
		{`1767323045`, Options{}, time.Unix(1767323045, 0)},
		{`1767323045123`, Options{}, time.UnixMilli(1767323045123)},
		{`"1767323045123"`, Options{}, time.UnixMilli(1767323045123)},
		{`86400000`, Options{NumericTime: Millis}, time.Unix(86400, 0)},
		{`1767323045123`, Options{NumericTime: Seconds}, time.Time{}},
		{`null`, Options{}, time.Time{}},
		{`""`, Options{}, time.Time{}},
		{`0`, Options{}, time.Time{}},
	}
	for _, tc := range cases {
		got, err := ParseTime([]byte(tc.in), &tc.opts)
		if tc.want.IsZero() && tc.in == `1767323045123` {
			assert.Error(t, err, "seconds out of range")
			continue
		}
		require.NoError(t, err, tc.in)
		assert.True(t, tc.want.Equal(got), "%s: got %s, want %s", tc.in, got, tc.want)
		_, err = json.Marshal(got)
		assert.NoError(t, err)
	}
	_, err = ParseTime([]byte(`"10000-01-01T00:00:00Z"`), nil)
	assert.Error(t, err)
}

func FuzzUnmarshal(f *testing.F) {
	for _, s := range []string{`{"id":"7","items":[null,{"code":1}]}`, `{"when":1767323045123}`, `{"tags":[1,"a",null]}`, `null`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, body string) {
		var r record
		if Unmarshal([]byte(body), &r, nil) != nil {
			return
		}
		if _, err := json.Marshal(r); err != nil {
			t.Fatalf("%q decoded to a value that does not encode: %v", body, err)
		}
	})
}

func BenchmarkUnmarshal(b *testing.B) {
	clean := []byte(`{"id":7,"count":2,"name":"a","when":"2026-01-02T03:04:05Z","items":[{"code":"x"}]}`)
	drifted := []byte(`{"id":"7","count":"2","name":"a","when":1767323045,"items":[{"code":"x"}]}`)
	for _, bc := range []struct {
		name string
		body []byte
	}{{"well_formed", clean}, {"drifted", drifted}} {
		b.Run(bc.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				var r record
				if err := Unmarshal(bc.body, &r, nil); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
