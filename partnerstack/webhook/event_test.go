package webhook

import (
	"testing"
	"time"

	"github.com/affiliatekit/affiliatekit-go/partnerstack"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestParsePartnershipWebhook(t *testing.T) {
	body := sample(t, "partnership_created.json")
	ev, err := Parse(body, "")
	require.NoError(t, err)
	assert.Equal(t, PartnershipCreated, ev.Type)
	assert.Equal(t, body, []byte(ev.Data), "a vendor webhook is the resource itself")
	assert.Len(t, ev.ID, 64)
	assert.False(t, ev.Test)

	p, err := ev.Partnership()
	require.NoError(t, err)
	assert.Equal(t, "JohnSmith", p.PartnerKey)
	assert.Equal(t, "John", p.FirstName)
	assert.Equal(t, "Smith", p.LastName)
	assert.Equal(t, "john.smith@example.com", p.Email)
	require.NotNil(t, p.Group)
	assert.Equal(t, "Top Sellers", p.Group.Name)
	assert.Equal(t, "topsellers", p.Group.Slug)

	_, err = ev.Customer()
	assert.Error(t, err)
}

func TestParseCustomerWebhook(t *testing.T) {
	ev, err := Parse(sample(t, "customer_created.json"), "")
	require.NoError(t, err)
	c, err := ev.Customer()
	require.NoError(t, err)
	assert.Equal(t, "cus_Ak7az1vjG4iNux", c.Key)
	assert.Equal(t, partnerstack.Ptr("7662651690235002887"), c.CustomerKey)
	assert.Equal(t, "part_FNiYCFmn1w3OHb", c.PartnershipKey)
	assert.Equal(t, time.UnixMilli(1784100202000).UTC(), c.CreatedAt.UTC())
}

func TestParsePostbacks(t *testing.T) {
	ev, err := Parse(sample(t, "postback_action_created.json"), "")
	require.NoError(t, err)
	assert.Equal(t, ActionCreated, ev.Type)
	a, err := ev.Action()
	require.NoError(t, err)
	assert.Equal(t, "act_PP3vbJSbOVkG93", a.Key)
	assert.Equal(t, "top_up", a.Type)
	assert.Equal(t, int64(1), a.Value)
	assert.Equal(t, time.UnixMilli(1784119626000).UTC(), a.CreatedAt.UTC())

	ev, err = Parse(sample(t, "postback_test.json"), "")
	require.NoError(t, err)
	assert.True(t, ev.Test)
	assert.JSONEq(t, `{"message": "Test event sent!"}`, string(ev.Data))
}

func TestParseEventNameSpellings(t *testing.T) {
	for _, name := range []string{"partnership.created", "Partnership_Created", "partnership_group_updated"} {
		ev, err := Parse([]byte(`{"event": "`+name+`", "partner_key": "k"}`), "")
		require.NoError(t, err)
		p, err := ev.Partnership()
		require.NoError(t, err, name)
		assert.Equal(t, "k", p.PartnerKey)
	}
}

func TestParseWithoutEventField(t *testing.T) {
	body := sample(t, "agreement_accepted.json")
	ev, err := Parse(body, "")
	require.NoError(t, err)
	assert.Empty(t, ev.Type)
	ev, err = Parse(body, AgreementAccepted)
	require.NoError(t, err)
	assert.Equal(t, AgreementAccepted, ev.Type)

	ev, err = Parse(sample(t, "partnership_created.json"), CustomerCreated)
	require.NoError(t, err)
	assert.Equal(t, PartnershipCreated, ev.Type, "the payload's own name wins")
}

func TestParseMalformed(t *testing.T) {
	for _, body := range []string{``, `{`, `[]`, `null`, `{"event": 5}`} {
		_, err := Parse([]byte(body), "")
		assert.ErrorIs(t, err, ErrMalformedPayload, body)
	}
	ev, err := Parse([]byte(`{"event": "customer_created", "created_at": "not a time"}`), "")
	require.NoError(t, err)
	_, err = ev.Customer()
	assert.ErrorIs(t, err, ErrMalformedPayload)
}
