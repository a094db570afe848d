package webhook

import (
	"encoding/json"
	"net/http"
	"testing"
	"time"

	"github.com/affiliatekit/affiliatekit-go/firstpromoter"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestParsePromoterCreated(t *testing.T) {
	body := sample(t, "promoter_created.json")
	ev, err := Parse(nil, body)
	require.NoError(t, err)
	assert.Equal(t, "a1b2c3d4-e5f6-7890-abcd-ef1234567890", ev.ID)
	assert.Equal(t, PromoterCreated, ev.Type)
	assert.Equal(t, "created", ev.Action)
	assert.Equal(t, EntityPromoter, ev.EntityType)
	assert.Equal(t, int64(12345), ev.EntityID)
	assert.Empty(t, ev.Changes)
	assert.Equal(t, time.Date(2025, 1, 15, 10, 30, 0, 0, time.UTC), ev.Time)
	assert.False(t, ev.Test)
	assert.Equal(t, body, ev.Raw)

	p, err := ev.Promoter()
	require.NoError(t, err)
	assert.Equal(t, int64(12345), p.ID)
	assert.Equal(t, "jane@example.com", p.Email)
	assert.Equal(t, "Jane Smith", p.Name)
	require.NotNil(t, p.CustID)
	assert.Equal(t, "cus_abc123", *p.CustID)
	assert.Equal(t, time.Date(2025, 1, 15, 10, 30, 0, 0, time.UTC), p.JoinedAt)
	require.NotNil(t, p.Profile)
	assert.Equal(t, int64(98765), p.Profile.ID)
	assert.Equal(t, "US", p.Profile.Country)
	assert.Equal(t, "https://janesmith.com", p.Profile.Website)

	_, err = ev.Referral()
	assert.Error(t, err, "a promoter event is not a referral")
}

func TestParseReferralUpdatedChanges(t *testing.T) {
	ev, err := Parse(nil, sample(t, "referral_updated.json"))
	require.NoError(t, err)
	require.Len(t, ev.Changes, 2)
	assert.JSONEq(t, `"signup"`, string(ev.Changes["state"].Old))
	assert.JSONEq(t, `"active"`, string(ev.Changes["state"].New))
	assert.JSONEq(t, `null`, string(ev.Changes["customer_since"].Old))
	assert.JSONEq(t, `"2025-01-20T14:00:00Z"`, string(ev.Changes["customer_since"].New))

	r, err := ev.Referral()
	require.NoError(t, err)
	assert.Equal(t, int64(55678), r.ID)
	assert.Equal(t, firstpromoter.ReferralActive, r.State)
	require.NotNil(t, r.UID)
	assert.Equal(t, "user_ext_id", *r.UID)
	require.NotNil(t, r.CustomerSince)
	assert.Equal(t, time.Date(2025, 1, 20, 14, 0, 0, 0, time.UTC), *r.CustomerSince)
	assert.Equal(t, "no_suspicion", r.FraudCheck)
}

func TestParseCommissionUpdated(t *testing.T) {
	ev, err := Parse(nil, sample(t, "commission_updated.json"))
	require.NoError(t, err)
	c, err := ev.Commission()
	require.NoError(t, err)
	assert.Equal(t, int64(88901), c.ID)
	assert.Equal(t, firstpromoter.CommissionApproved, c.Status)
	assert.Equal(t, "25.00", c.Amount.String(), "2500 cents")
	units, err := c.Amount.MinorUnits("")
	require.NoError(t, err)
	assert.Equal(t, int64(2500), units)
	assert.Equal(t, firstpromoter.CommissionUnit("cash"), c.Unit)
	require.NotNil(t, c.Referral)
	assert.Equal(t, "user@example.com", c.Referral.Email)
}

func TestParseUsesHeadersWhenPayloadLacksThem(t *testing.T) {
	h := http.Header{}
	h.Set(EventIDHeader, "e-1")
	h.Set(EventTypeHeader, ReferralCreated)
	ev, err := Parse(h, []byte(`{"data": {"id": 1}}`))
	require.NoError(t, err)
	assert.Equal(t, "e-1", ev.ID)
	assert.Equal(t, ReferralCreated, ev.Type)
	r, err := ev.Referral()
	require.NoError(t, err, "the entity comes from the event type when entity_type is missing")
	assert.Equal(t, int64(1), r.ID)

	ev, err = Parse(h, sample(t, "promoter_created.json"))
	require.NoError(t, err)
	assert.Equal(t, PromoterCreated, ev.Type, "the payload wins over the headers")
}

func TestParseTolerantEnvelope(t *testing.T) {
	ev, err := Parse(nil, []byte(`{"event_id": 42, "event_type": "payout.updated", "entity_id": "77",
		"timestamp": "2025-01-21 11:15:00", "changes": {"odd": "x", "one": ["y"]}, "data": {"test": true}}`))
	require.NoError(t, err)
	assert.Equal(t, "42", ev.ID)
	assert.Equal(t, int64(77), ev.EntityID)
	assert.Equal(t, time.Date(2025, 1, 21, 11, 15, 0, 0, time.UTC), ev.Time)
	assert.JSONEq(t, `"x"`, string(ev.Changes["odd"].New))
	assert.Nil(t, ev.Changes["one"].Old)
	assert.JSONEq(t, `"y"`, string(ev.Changes["one"].New))
	assert.True(t, ev.Test)
}

func TestParseMalformed(t *testing.T) {
	for _, body := range []string{``, `{`, `[]`, `"x"`, `{"event_id": "1"}`, `{"event_type": "x", "entity_id": "abc"}`,
		`{"event_type": "x", "timestamp": "yesterday"}`} {
		_, err := Parse(nil, []byte(body))
		assert.ErrorIs(t, err, ErrMalformedPayload, body)
	}
	ev, err := Parse(nil, []byte(`{"event_type": "referral.created", "entity_type": "referral", "data": {"id": "abc"}}`))
	require.NoError(t, err)
	_, err = ev.Referral()
	assert.ErrorIs(t, err, ErrMalformedPayload)
	ev, err = Parse(nil, []byte(`{"event_type": "referral.created", "entity_type": "referral"}`))
	require.NoError(t, err)
	_, err = ev.Referral()
	assert.ErrorIs(t, err, ErrMalformedPayload, "no data")
}

func TestChangeUnmarshal(t *testing.T) {
	var m map[string]Change
	require.NoError(t, json.Unmarshal([]byte(`{"a": [1, 2], "b": [], "c": {"x": 1}, "d": [1, 2, 3]}`), &m))
	assert.Equal(t, "1", string(m["a"].Old))
	assert.Equal(t, "2", string(m["a"].New))
	assert.Equal(t, "[]", string(m["b"].New))
	assert.JSONEq(t, `{"x": 1}`, string(m["c"].New))
	assert.Equal(t, "[1, 2, 3]", string(m["d"].New))
}

func TestVerifySignature(t *testing.T) {
	body := sample(t, "promoter_created.json")
	sig := Sign(testSecret, body)
	assert.Len(t, sig, 64)
	assert.NoError(t, VerifySignature(testSecret, body, sig))
	assert.NoError(t, VerifySignature(testSecret, body, " "+sig+"\n"))

	tampered := append([]byte(nil), body...)
	tampered[len(tampered)-3] = ' '
	for name, err := range map[string]error{
		"tampered body": VerifySignature(testSecret, tampered, sig),
		"trailing byte": VerifySignature(testSecret, append(body, '\n'), sig),
		"other secret":  VerifySignature("another-secret", body, sig),
		"not hex":       VerifySignature(testSecret, body, "zz"+sig[2:]),
		"one digit off": VerifySignature(testSecret, body, sig[:63]+flipHex(sig[63])),
		"no signature":  VerifySignature(testSecret, body, ""),
		"no secret":     VerifySignature("", body, sig),
	} {
		assert.ErrorIs(t, err, ErrInvalidSignature, name)
	}
}

func flipHex(c byte) string {
	if c == '0' {
		return "1"
	}
	return "0"
}
