package everflow

import (
	"encoding/json"
	"os"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestPagingSample(t *testing.T) {
	raw, err := os.ReadFile("testdata/paging.json")
	require.NoError(t, err)
	env := page[Affiliate]("affiliates")
	require.NoError(t, json.Unmarshal(raw, env))
	assert.False(t, env.Found, "a body without the list is not a page")
	assert.Equal(t, &Paging{Page: 2, PageSize: 50, TotalCount: 150}, env.Meta)

	resp := &Response{}
	setNext(resp, &ListParams{Page: 2, PerPage: 50}, env.Meta, 50)
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
	env := page[Affiliate]("affiliates")
	require.NoError(t, json.Unmarshal([]byte(`[{"network_affiliate_id": 3, "name": "X", "time_created": 1}]`), env))
	assert.True(t, env.Found)
	require.Len(t, env.Items, 1)
	assert.Equal(t, int64(3), env.Items[0].NetworkAffiliateID)
	assert.Nil(t, env.Meta)
}
