package everflow

import (
	"encoding/json"
	"os"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestUnixTimeTolerance(t *testing.T) {
	want := time.Date(2024, 2, 8, 20, 58, 19, 0, time.UTC)
	tests := []struct {
		in   string
		want time.Time
	}{
		{`1707425899`, want},
		{`"1707425899"`, want},
		{`1707425899.0`, want},
		{`"2024-02-08T20:58:19Z"`, want},
		{`0`, time.Time{}},
		{`null`, time.Time{}},
		{`""`, time.Time{}},
	}
	for _, tt := range tests {
		var u unixTime
		require.NoError(t, json.Unmarshal([]byte(tt.in), &u), tt.in)
		assert.Equal(t, tt.want, time.Time(u), tt.in)
	}
	var u unixTime
	assert.Error(t, json.Unmarshal([]byte(`"yesterday"`), &u))
	assert.Error(t, json.Unmarshal([]byte(`true`), &u))
}

func TestFlexDecoders(t *testing.T) {
	var s flexString
	require.NoError(t, json.Unmarshal([]byte(`123`), &s))
	assert.Equal(t, flexString("123"), s)
	require.NoError(t, json.Unmarshal([]byte(`"abc"`), &s))
	assert.Equal(t, flexString("abc"), s)
	assert.Error(t, json.Unmarshal([]byte(`{}`), &s))

	for in, want := range map[string]bool{`true`: true, `1`: true, `"1"`: true, `false`: false, `0`: false, `null`: false} {
		var b flexBool
		require.NoError(t, json.Unmarshal([]byte(in), &b), in)
		assert.Equal(t, want, bool(b), in)
	}
	var b flexBool
	assert.Error(t, json.Unmarshal([]byte(`2`), &b))

	day := time.Date(2024, 6, 30, 0, 0, 0, 0, time.UTC)
	for in, want := range map[string]*time.Time{`""`: nil, `null`: nil, `"2024-06-30"`: &day, `"2024-06-30 00:00:00"`: &day, `1719705600`: &day} {
		var d flexDate
		require.NoError(t, json.Unmarshal([]byte(in), &d), in)
		assert.Equal(t, want, d.t, in)
	}
	var d flexDate
	assert.Error(t, json.Unmarshal([]byte(`"30/06/2024"`), &d))
}

func TestPagingSample(t *testing.T) {
	raw, err := os.ReadFile("testdata/paging.json")
	require.NoError(t, err)
	env := &envelope[Affiliate]{key: "affiliates"}
	require.NoError(t, json.Unmarshal(raw, env))
	assert.False(t, env.found, "a body without the list is not a page")
	assert.Equal(t, &Paging{Page: 2, PageSize: 50, TotalCount: 150}, env.paging)

	resp := &Response{}
	setNext(resp, &ListParams{Page: 2, PerPage: 50}, env.paging, 50)
	assert.Equal(t, 3, resp.NextPage)
	assert.Equal(t, 150, *resp.Total)
	resp = &Response{}
	setNext(resp, &ListParams{Page: 3, PerPage: 50}, &Paging{Page: 3, PageSize: 50, TotalCount: 150}, 50)
	assert.Zero(t, resp.NextPage, "page*page_size reached total_count")
	resp = &Response{}
	setNext(resp, &ListParams{Page: 1, PerPage: 10}, nil, 10)
	assert.Equal(t, 2, resp.NextPage, "no paging object: a full page may have a successor")
}

// Everflow documents {"error": "..."}; a peer client reads {"Error": "..."}.
func TestErrorSampleMessage(t *testing.T) {
	raw, err := os.ReadFile("testdata/error_generic.json")
	require.NoError(t, err)
	var body struct {
		Error string `json:"error"`
	}
	require.NoError(t, json.Unmarshal(raw, &body))
	assert.Equal(t, "descriptive error message", body.Error)
}

func TestBareArrayPage(t *testing.T) {
	env := &envelope[Affiliate]{key: "affiliates"}
	require.NoError(t, json.Unmarshal([]byte(`[{"network_affiliate_id": 3, "name": "X", "time_created": 1}]`), env))
	assert.True(t, env.found)
	require.Len(t, env.items, 1)
	assert.Equal(t, int64(3), env.items[0].NetworkAffiliateID)
	assert.Nil(t, env.paging)
}
