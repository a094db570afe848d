package webhook

import (
	"net/http"
	"testing"
	"time"

	"github.com/affiliatekit/affiliatekit-go/refersion"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func topic(t string) http.Header {
	h := http.Header{}
	h.Set(TopicHeader, t)
	return h
}

func TestParseMerchantConversion(t *testing.T) {
	body := sample(t, "conversion_merchant.json")
	ev, err := Parse(topic(TopicApprovedConversion), body)
	require.NoError(t, err)
	assert.Equal(t, TopicApprovedConversion, ev.Type)
	assert.Equal(t, KindConversion, ev.Kind)
	assert.Len(t, ev.ID, 64)
	assert.Equal(t, body, ev.Raw)

	c, err := ev.Conversion()
	require.NoError(t, err)
	assert.Equal(t, int64(987654321), c.ID)
	assert.Equal(t, time.Date(2020, 2, 14, 18, 48, 42, 0, time.UTC), c.Created)
	assert.Equal(t, refersion.ConversionPending, c.Status)
	assert.Nil(t, c.DeniedReasonCode, "null stays apart from \"\"")
	assert.False(t, c.IsRecurring)
	assert.Equal(t, 1, c.TotalItems)
	assert.Equal(t, "59.00", c.Total.String())
	assert.Equal(t, "USD", c.Total.Currency())
	assert.Equal(t, "5.90", c.CommissionTotal.String())
	assert.Equal(t, "USD", c.CommissionTotal.Currency())
	assert.Equal(t, "USD", c.Currency)
	assert.Equal(t, refersion.PaymentUnpaid, c.PaymentStatus)
	assert.Empty(t, c.PaymentID)
	assert.Equal(t, "1001", c.OrderID)
	assert.Equal(t, "JANE10", c.CouponCode)
	assert.Equal(t, "SHOPIFY", c.Source)
	require.NotNil(t, c.Affiliate)
	assert.Equal(t, refersion.FlexString("37567438"), c.Affiliate.ID)
	id, ok := c.Affiliate.ID.Int64()
	assert.True(t, ok)
	assert.Equal(t, int64(37567438), id)
	assert.Equal(t, "a3y7", c.Affiliate.Code)
	assert.Equal(t, "jane@example.com", c.Affiliate.Email)
	assert.Equal(t, &Offer{ID: "1234", Name: "Standard Affiliate Commission", Type: "PERCENT_OF_SALE", Amount: "10.00"}, c.Offer)
	assert.Equal(t, &Customer{Name: "John Smith", Email: "john@example.com", BrowserIP: "203.0.113.75"}, c.Customer)
	require.NotNil(t, c.Click)
	assert.Equal(t, time.Date(2020, 2, 14, 18, 30, 12, 0, time.UTC), c.Click.Created)
	assert.Equal(t, "spring", c.Click.SubID)
	assert.Empty(t, c.Click.CreativeID)
	assert.Nil(t, c.Merchant)

	_, err = ev.Affiliate()
	assert.Error(t, err)
}

func TestParseMarketplaceConversion(t *testing.T) {
	ev, err := Parse(topic("NEW_CONVERSION"), sample(t, "conversion_marketplace.json"))
	require.NoError(t, err)
	c, err := ev.Conversion()
	require.NoError(t, err)
	assert.Equal(t, int64(10308), c.ID)
	assert.Equal(t, 2, c.TotalItems)
	assert.Equal(t, "b7k2", c.Affiliate.Code)
	assert.Equal(t, refersion.FlexString("84213"), c.Affiliate.ID)
	assert.Equal(t, &Merchant{Name: "Shoe Brand"}, c.Merchant)
	assert.Equal(t, []string{"Trail Runner", "Wool Socks"}, c.ProductNames)
	assert.Nil(t, c.Customer)
	assert.Equal(t, "12", c.Click.CreativeID, "a string id stays a string")
}

func TestParseAffiliate(t *testing.T) {
	ev, err := Parse(topic(TopicAffiliateDetailsChange), sample(t, "affiliate_details_change.json"))
	require.NoError(t, err)
	assert.Equal(t, KindAffiliate, ev.Kind)
	a, err := ev.Affiliate()
	require.NoError(t, err)
	assert.Equal(t, refersion.FlexString("37567438"), a.ID)
	assert.Equal(t, "a3y7", a.Code)
	assert.Equal(t, refersion.AffiliateActive, a.Status)
	assert.Equal(t, "Doe Reviews", a.CompanyName)
	assert.Equal(t, refersion.FlexString("1234"), a.OfferID)
	assert.Equal(t, "Standard Affiliate Commission", a.OfferName)
	assert.Equal(t, []refersion.CustomField{{Label: "Instagram handle", Value: "@janedoe"}}, a.CustomFields)
	assert.Equal(t, "jane.payouts@example.com", a.PaypalEmail)
	assert.Equal(t, "62701", a.Zip)
	require.NotNil(t, a.LastLogin)
	assert.Equal(t, time.Date(2020, 2, 10, 9, 12, 0, 0, time.UTC), *a.LastLogin)
	assert.Nil(t, a.LastConversion)
	assert.False(t, a.IsMarketplaceUser)
	assert.Nil(t, a.Reward)
}

func TestParseBonusTierMovement(t *testing.T) {
	body := []byte(`{"id": 37567438, "code": "a3y7", "status": "ACTIVE", "email": "jane@example.com",
		"reward": {"id": 9, "offer_id": 1234, "milestone_reached": "50 conversions", "amount_given": "25.00", "notes": "Tier 2"}}`)
	ev, err := Parse(topic("BONUS_TIER_MOVEMENT"), body)
	require.NoError(t, err)
	a, err := ev.Affiliate()
	require.NoError(t, err)
	require.NotNil(t, a.Reward)
	assert.Equal(t, "25.00", a.Reward.AmountGiven.String())
	a.Reward.AmountGiven = refersion.Amount{}
	assert.Equal(t, &BonusReward{ID: "9", OfferID: "1234", MilestoneReached: "50 conversions", Notes: "Tier 2"}, a.Reward)
}

// Money decodes exactly from each form a payload may use, null apart from
// zero, and takes the conversion's currency.
func TestConversionAmounts(t *testing.T) {
	for _, tt := range []struct {
		wire, want string
	}{
		{`"59.00"`, "59.00"},
		{`59.00`, "59.00"},
		{`"0.0125"`, "0.0125"},
		{`0.0125`, "0.0125"},
		{`"1,059.00"`, "1059.00"},
		{`"3,498.03,"`, "3498.03"},
		{`-12.5`, "-12.5"},
		{`""`, "0"},
		{`null`, "null"},
	} {
		t.Run(tt.wire, func(t *testing.T) {
			body := []byte(`{"id": 1, "status": "APPROVED", "currency": "EUR", "total": ` + tt.wire +
				`, "commission_total": ` + tt.wire + `}`)
			ev, err := Parse(topic(TopicApprovedConversion), body)
			require.NoError(t, err)
			c, err := ev.Conversion()
			require.NoError(t, err)
			assert.Equal(t, tt.want, c.Total.String())
			assert.Equal(t, tt.want, c.CommissionTotal.String())
			assert.Equal(t, tt.want == "null", c.Total.IsNull())
			if !c.Total.IsNull() {
				assert.Equal(t, "EUR", c.Total.Currency())
			}
		})
	}
	for _, bad := range []string{`"NaN"`, `"12.5.0"`, `true`, `{}`} {
		_, err := Parse(topic(TopicApprovedConversion), []byte(`{"id": 1, "status": "APPROVED", "total": `+bad+`}`))
		if err == nil {
			ev, _ := Parse(topic(TopicApprovedConversion), []byte(`{"id": 1, "status": "APPROVED", "total": `+bad+`}`))
			_, err = ev.Conversion()
		}
		assert.Error(t, err, bad)
	}
}

// denied_reason_code keeps null apart from "".
func TestConversionDeniedReasonCode(t *testing.T) {
	for wire, want := range map[string]*string{`null`: nil, `""`: ptr(""), `"FRAUD"`: ptr("FRAUD"), `12`: ptr("12")} {
		ev, err := Parse(topic("DENIED_CONVERSION"), []byte(`{"id": 1, "status": "DENIED", "denied_reason_code": `+wire+`}`))
		require.NoError(t, err)
		c, err := ev.Conversion()
		require.NoError(t, err)
		assert.Equal(t, want, c.DeniedReasonCode, wire)
	}
}

func ptr[T any](v T) *T { return &v }

func TestParseTrigger(t *testing.T) {
	ev, err := Parse(topic("NEW_CONVERSION_TRIGGER"), sample(t, "conversion_trigger.json"))
	require.NoError(t, err)
	assert.Equal(t, KindTrigger, ev.Kind)
	tr, err := ev.Trigger()
	require.NoError(t, err)
	assert.Equal(t, &ConversionTrigger{ID: 23213131, AffiliateID: 37567438, Trigger: "CUSTOMER@TRIGGER.COM", Type: refersion.TriggerEmail}, tr)
}

func TestKindWithoutTopicComesFromTheFields(t *testing.T) {
	for name, want := range map[string]Kind{
		"conversion_merchant.json":      KindConversion,
		"conversion_marketplace.json":   KindConversion,
		"affiliate_details_change.json": KindAffiliate,
		"conversion_trigger.json":       KindTrigger,
		"payment.json":                  KindUnknown,
	} {
		ev, err := Parse(nil, sample(t, name))
		require.NoError(t, err)
		assert.Equal(t, want, ev.Kind, name)
		assert.Empty(t, ev.Type)
	}
	ev, err := Parse(nil, []byte(`{"payments": []}`))
	require.NoError(t, err)
	assert.Equal(t, KindPayment, ev.Kind)
}

func TestKindOfTopic(t *testing.T) {
	for topic, want := range map[string]Kind{
		"NEW_CONVERSION": KindConversion, "APPROVED_CONVERSION": KindConversion, "DENIED_CONVERSION": KindConversion,
		"NEW_PAYMENT": KindPayment, "NEW_AFFILIATE": KindAffiliate, "AFFILIATE_STATUS_CHANGE": KindAffiliate,
		"NEW_CONVERSION_TRIGGER": KindTrigger, "BONUS_TIER_MOVEMENT": KindAffiliate, "new_conversion": KindConversion,
		"SOMETHING_ELSE": KindUnknown,
	} {
		assert.Equal(t, want, kindOfTopic(topic), topic)
	}
}

func TestEventIDIsStableAndContentBound(t *testing.T) {
	body := sample(t, "conversion_merchant.json")
	a, _ := Parse(topic(TopicApprovedConversion), body)
	b, _ := Parse(topic(TopicApprovedConversion), body)
	c, _ := Parse(topic("DENIED_CONVERSION"), body)
	d, _ := Parse(topic(TopicApprovedConversion), append(append([]byte(nil), body...), ' '))
	assert.Equal(t, a.ID, b.ID)
	assert.NotEqual(t, a.ID, c.ID, "another topic for the same conversion is another event")
	assert.NotEqual(t, a.ID, d.ID)
}

func TestParseMalformed(t *testing.T) {
	for _, body := range []string{``, `{`, `[]`, `null`, `"x"`, `42`} {
		_, err := Parse(nil, []byte(body))
		assert.ErrorIs(t, err, ErrMalformedPayload, body)
	}
	ev, err := Parse(topic("NEW_CONVERSION"), []byte(`{"id": "not-a-number", "total": "59.00"}`))
	require.NoError(t, err)
	_, err = ev.Conversion()
	assert.ErrorIs(t, err, ErrMalformedPayload)
	ev, err = Parse(topic("NEW_CONVERSION"), []byte(`{"id": 1, "total": "fifty"}`))
	require.NoError(t, err)
	_, err = ev.Conversion()
	assert.ErrorIs(t, err, ErrMalformedPayload)
}

func TestVerifySignature(t *testing.T) {
	body := sample(t, "conversion_merchant.json")
	sig := Sign(testSecret, body)
	assert.NoError(t, VerifySignature(testSecret, body, sig))
	assert.NoError(t, VerifySignature(testSecret, body, sig+"\n"))

	tampered := append([]byte(nil), body...)
	tampered[20] ^= 1
	for name, err := range map[string]error{
		"tampered body":  VerifySignature(testSecret, tampered, sig),
		"other secret":   VerifySignature("other", body, sig),
		"hex, not b64":   VerifySignature(testSecret, body, "deadbeef!"),
		"truncated":      VerifySignature(testSecret, body, sig[:len(sig)-4]),
		"no signature":   VerifySignature(testSecret, body, ""),
		"no secret":      VerifySignature("", body, sig),
		"other body sig": VerifySignature(testSecret, body, Sign(testSecret, []byte("{}"))),
	} {
		assert.ErrorIs(t, err, ErrInvalidSignature, name)
	}
}

// TestSignMatchesDocumentedPHP pins Sign to the documented computation,
// base64_encode(hash_hmac('sha256', $body, $secret, true)), on a fixed
// vector (RFC 4231 test case 2).
func TestSignMatchesDocumentedPHP(t *testing.T) {
	assert.Equal(t, "W9zBRr9gdU5qBCQmCJV1x1oAPwidJzmDnexYuWTsOEM=", Sign("Jefe", []byte("what do ya want for nothing?")))
}
