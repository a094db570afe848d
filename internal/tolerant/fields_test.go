package tolerant

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestUnix(t *testing.T) {
	want := time.Date(2024, 2, 8, 20, 58, 19, 0, time.UTC)
	for in, want := range map[string]time.Time{
		`1707425899`: want, `"1707425899"`: want, `1707425899.0`: want, `"2024-02-08T20:58:19Z"`: want,
		`0`: {}, `null`: {}, `""`: {},
	} {
		var u Unix
		require.NoError(t, json.Unmarshal([]byte(in), &u), in)
		assert.Equal(t, want, time.Time(u), in)
	}
	var u Unix
	assert.Error(t, json.Unmarshal([]byte(`"yesterday"`), &u))
	assert.Error(t, json.Unmarshal([]byte(`true`), &u))
}

func TestTextAndBool(t *testing.T) {
	var s Text
	require.NoError(t, json.Unmarshal([]byte(`123`), &s))
	assert.Equal(t, Text("123"), s)
	require.NoError(t, json.Unmarshal([]byte(`"abc"`), &s))
	assert.Equal(t, Text("abc"), s)
	assert.Error(t, json.Unmarshal([]byte(`{}`), &s))

	for in, want := range map[string]bool{`true`: true, `1`: true, `"1"`: true, `false`: false, `0`: false, `null`: false} {
		var b Bool
		require.NoError(t, json.Unmarshal([]byte(in), &b), in)
		assert.Equal(t, want, bool(b), in)
	}
	var b Bool
	assert.Error(t, json.Unmarshal([]byte(`2`), &b))
}

func TestOptionalDate(t *testing.T) {
	day := time.Date(2024, 6, 30, 0, 0, 0, 0, time.UTC)
	for in, want := range map[string]*time.Time{`""`: nil, `null`: nil, `"2024-06-30"`: &day, `"2024-06-30 00:00:00"`: &day, `1719705600`: &day} {
		var got struct {
			D *time.Time
		}
		got.D = &time.Time{} // null and "" reset it
		require.NoError(t, json.Unmarshal([]byte(`{"d":`+in+`}`), &struct {
			D OptionalDate `json:"d"`
		}{OptionalDate{P: &got.D}}), in)
		assert.Equal(t, want, got.D, in)
	}
	assert.Error(t, json.Unmarshal([]byte(`"30/06/2024"`), &OptionalDate{P: new(*time.Time)}))
}

// An overlay aliasing the record's fields decodes them in place, and
// Present tells a member sent as null from a missing one.
func TestOverlayAndPresent(t *testing.T) {
	type rec struct {
		ID   int64     `json:"id"`
		When time.Time `json:"when"`
		Tier int64     `json:"tier"`
	}
	decode := func(body string) (rec, bool) {
		var r rec
		aux := struct {
			*rec
			When *Unix          `json:"when"`
			Tier Present[int64] `json:"tier"`
		}{&r, (*Unix)(&r.When), Present[int64]{P: &r.Tier}}
		require.NoError(t, json.Unmarshal([]byte(body), &aux))
		return r, aux.Tier.Set
	}
	r, set := decode(`{"id":7,"when":1707425899,"tier":3}`)
	assert.Equal(t, rec{ID: 7, When: time.Unix(1707425899, 0).UTC(), Tier: 3}, r)
	assert.True(t, set)
	_, set = decode(`{"tier":null}`)
	assert.True(t, set, "null is sent")
	_, set = decode(`{}`)
	assert.False(t, set)
}

func TestRest(t *testing.T) {
	type rec struct {
		ID    int64                      `json:"id"`
		Other map[string]json.RawMessage `json:"-"`
	}
	var r rec
	require.NoError(t, UnmarshalRest([]byte(`{"id":1,"extra":{"a":[1]},"more":"x"}`), &r, &r.Other))
	assert.Equal(t, map[string]json.RawMessage{"extra": json.RawMessage(`{"a":[1]}`), "more": json.RawMessage(`"x"`)}, r.Other)
	b, err := MarshalRest(struct {
		ID int64 `json:"id"`
	}{2}, map[string]json.RawMessage{"id": json.RawMessage(`9`), "more": json.RawMessage(`"x"`)})
	require.NoError(t, err)
	assert.JSONEq(t, `{"id":2,"more":"x"}`, string(b), "a field wins over a kept member")
	require.NoError(t, UnmarshalRest([]byte(`{"id":1}`), &r, &r.Other))
	assert.Nil(t, r.Other)
	c := CloneRest(map[string]json.RawMessage{"a": json.RawMessage(`1`)})
	assert.Equal(t, json.RawMessage(`1`), c["a"])
}

func TestPage(t *testing.T) {
	type item struct {
		ID int `json:"id"`
	}
	type meta struct {
		Total int `json:"total"`
	}
	for _, tc := range []struct {
		body  string
		n     int
		found bool
		total int
	}{
		{`{"items":[{"id":1},null],"meta":{"total":5},"other":true}`, 2, true, 5},
		{`[{"id":1}]`, 1, true, 0},
		{`{"items":null}`, 0, true, 0},
		{`{"meta":{"total":5}}`, 0, false, 5},
		{`null`, 0, false, 0},
	} {
		p := &Page[item, meta]{Key: "items", MetaKey: "meta"}
		require.NoError(t, json.Unmarshal([]byte(tc.body), p), tc.body)
		assert.Len(t, p.Items, tc.n, tc.body)
		assert.Equal(t, tc.found, p.Found, tc.body)
		assert.Equal(t, tc.found, p.Validate() == nil, tc.body)
		if tc.total > 0 {
			assert.Equal(t, tc.total, p.Meta.Total, tc.body)
		}
	}
	p := &Page[item, meta]{Key: "items"}
	assert.Error(t, p.DecodeBody([]byte(`{"items":{}}`)))
	assert.Error(t, p.DecodeBody([]byte(`{"items":[]} x`)))
}
