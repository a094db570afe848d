package webhook

import (
	"fmt"
	"net/url"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The postback fired in Everflow's "Affiliate Postback" report example.
const (
	docsTemplate = "https://httpbin.org/get?tid={transaction_id}"
	docsFired    = "https://httpbin.org/get?tid=d5c6feef0d8f489fb91aa5cfb4d64f4e"
)

const fullTemplate = "https://hooks.example.com/everflow?tid={transaction_id}&cid={conversion_id}&eid={event_id}" +
	"&ev={event_name}&oid={offer_id}&aid={affiliate_id}&adv={advertiser_id}&s1={sub1}&s2={sub2}&s3={sub3}&s4={sub4}" +
	"&s5={sub5}&src={source_id}&order={order_id}&coupon={coupon_code}&cur={currency_id}&po={payout_amount}" +
	"&sale={sale_amount}&ts={conversion_unix_timestamp}&cts={click_unix_timestamp}&custom={adv1}&token=literal"

func query(t *testing.T, rawURL string) url.Values {
	t.Helper()
	u, err := url.Parse(rawURL)
	require.NoError(t, err)
	return u.Query()
}

func TestParseDocumentedPostback(t *testing.T) {
	tmpl, err := ParseTemplate(docsTemplate)
	require.NoError(t, err)
	assert.Equal(t, []string{"tid"}, tmpl.Params())
	p, err := tmpl.Parse(query(t, docsFired))
	require.NoError(t, err)
	assert.Equal(t, "d5c6feef0d8f489fb91aa5cfb4d64f4e", p.TransactionID)
	assert.Equal(t, map[string]string{"transaction_id": "d5c6feef0d8f489fb91aa5cfb4d64f4e"}, p.Values)
	assert.Len(t, p.ID, 64)
}

func TestParseEveryTypedMacro(t *testing.T) {
	tmpl, err := ParseTemplate(fullTemplate)
	require.NoError(t, err)
	m, ok := tmpl.Macro("po")
	assert.True(t, ok)
	assert.Equal(t, MacroPayoutAmount, m)
	_, ok = tmpl.Macro("token")
	assert.False(t, ok, "literal parameters are not macros")

	p, err := tmpl.Parse(url.Values{
		"tid": {"d5c6feef0d8f489fb91aa5cfb4d64f4e"}, "cid": {"a3371dd7b36849cbbfdd9c300b06fdb5"}, "eid": {"3"},
		"ev": {"Purchase"}, "oid": {"11"}, "aid": {"7"}, "adv": {"13"}, "s1": {"camp-9"}, "s2": {"{sub2}"},
		"s3": {""}, "s4": {"x y"}, "s5": {"5"}, "src": {"newsletter"}, "order": {"A-1001"}, "coupon": {"SPRING"},
		"cur": {"USD"}, "po": {"12.50"}, "sale": {"1,249.99"}, "ts": {"1707425899"}, "cts": {"1707425000000"},
		"custom": {"42"}, "token": {"literal"},
	})
	require.NoError(t, err)
	assert.Equal(t, "d5c6feef0d8f489fb91aa5cfb4d64f4e", p.TransactionID)
	assert.Equal(t, "a3371dd7b36849cbbfdd9c300b06fdb5", p.ConversionID)
	assert.Equal(t, "3", p.EventID)
	assert.Equal(t, "Purchase", p.EventName)
	assert.Equal(t, "11", p.OfferID)
	assert.Equal(t, "7", p.AffiliateID)
	assert.Equal(t, "13", p.AdvertiserID)
	assert.Equal(t, "camp-9", p.Sub1)
	assert.Empty(t, p.Sub2, "an unsubstituted macro is empty")
	assert.Empty(t, p.Sub3)
	assert.Equal(t, "x y", p.Sub4)
	assert.Equal(t, "5", p.Sub5)
	assert.Equal(t, "newsletter", p.SourceID)
	assert.Equal(t, "A-1001", p.OrderID)
	assert.Equal(t, "SPRING", p.CouponCode)
	assert.Equal(t, "USD", p.Currency)
	assert.Equal(t, "12.50", p.Payout.String(), "full currency units, not cents, as sent")
	assert.Equal(t, "USD", p.Payout.Currency(), "the {currency_id} macro")
	assert.Equal(t, "1249.99", p.SaleAmount.String())
	assert.Equal(t, time.Date(2024, 2, 8, 20, 58, 19, 0, time.UTC), p.ConversionTime)
	assert.Equal(t, time.UnixMilli(1707425000000).UTC(), p.ClickTime)

	n, err := p.Int("adv1")
	require.NoError(t, err)
	assert.Equal(t, int64(42), n)
	f, err := p.Amount("adv1")
	require.NoError(t, err)
	assert.Equal(t, "42 USD", fmt.Sprint(f))
	_, err = p.Time("sub4")
	assert.ErrorIs(t, err, ErrMalformedPayload)
	zero, err := p.Time("not_in_template")
	require.NoError(t, err)
	assert.True(t, zero.IsZero())
}

func TestParseAliases(t *testing.T) {
	tmpl, err := ParseTemplate("payout={payout}&cur={currency}&event={event}&aff={aff_id}")
	require.NoError(t, err)
	p, err := tmpl.Parse(url.Values{"payout": {"3"}, "cur": {"EUR"}, "event": {"Upsell"}, "aff": {"9"}})
	require.NoError(t, err)
	assert.Equal(t, "3", p.Payout.String())
	assert.Equal(t, "EUR", p.Payout.Currency())
	assert.Equal(t, "EUR", p.Currency)
	assert.Equal(t, "Upsell", p.EventName)
	assert.Equal(t, "9", p.AffiliateID)
}

func TestPostbackIDIsContentBound(t *testing.T) {
	tmpl, err := ParseTemplate(fullTemplate)
	require.NoError(t, err)
	a, _ := tmpl.Parse(url.Values{"tid": {"t1"}, "po": {"1"}})
	b, _ := tmpl.Parse(url.Values{"po": {"1"}, "tid": {"t1"}, "token": {"other"}})
	c, _ := tmpl.Parse(url.Values{"tid": {"t1"}, "po": {"2"}})
	assert.Equal(t, a.ID, b.ID, "order and literal parameters do not matter")
	assert.NotEqual(t, a.ID, c.ID)
}

func TestParseTemplateErrors(t *testing.T) {
	for _, tmpl := range []string{
		"",
		"https://x.example/pb",
		"https://x.example/pb?token=abc",
		"https://x.example/pb/{transaction_id}",
		"https://x.example/pb?tid=T{transaction_id}",
		"https://x.example/pb?both={sub1}{sub2}",
		"https://x.example/pb?a={sub1}&a={sub2}",
		"https://x.example/pb?bad=%zz",
	} {
		_, err := ParseTemplate(tmpl)
		assert.Error(t, err, tmpl)
	}
	_, err := ParseTemplate("https://x.example/pb?tid={transaction_id}#frag")
	assert.NoError(t, err)
	_, err = ParseTemplate("/pb?tid={Transaction_ID}")
	assert.NoError(t, err, "macro names are case-insensitive")
}

func TestParseMalformedPostbacks(t *testing.T) {
	tmpl, err := ParseTemplate(fullTemplate)
	require.NoError(t, err)
	for name, q := range map[string]url.Values{
		"no template parameter": {"token": {"literal"}, "other": {"1"}},
		"bad payout":            {"tid": {"t"}, "po": {"12,5o"}},
		"bad sale":              {"tid": {"t"}, "sale": {"NaN"}},
		"bad time":              {"tid": {"t"}, "ts": {"yesterday"}},
	} {
		_, err := tmpl.Parse(q)
		assert.ErrorIs(t, err, ErrMalformedPayload, name)
	}
}
