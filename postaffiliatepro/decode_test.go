package postaffiliatepro

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// decodeListFile decodes a testdata list body as the client does.
func decodeListFile[T any, PT record[T]](t *testing.T, name string, keys []string, loc *time.Location) ([]*T, *int) {
	t.Helper()
	body, err := os.ReadFile(filepath.Join("testdata", name))
	require.NoError(t, err)
	env, err := extractList(body, keys)
	require.NoError(t, err)
	out := make([]*T, 0, len(env.items))
	for _, raw := range env.items {
		v, err := decodeRecord[T, PT](raw, loc)
		require.NoError(t, err)
		out = append(out, v)
	}
	return out, env.total
}

func TestDecodeAffiliatesV3Sample(t *testing.T) {
	list, total := decodeListFile[Affiliate](t, "affiliates_v3.json", affiliateKeys, time.UTC)
	require.Len(t, list, 2)
	require.NotNil(t, total)
	assert.Equal(t, 30, *total)

	a := list[0]
	approved := time.Date(2026, 1, 7, 4, 0, 0, 0, time.UTC)
	assert.Equal(t, Affiliate{
		ID: "3c6a8e6f", ReferralID: "alice1", Username: "alice.kowalski1@example.com",
		NotificationEmail: "payouts@alice.example.com", FirstName: "Alice", LastName: "Kowalski",
		Status: StatusApproved, CreatedAt: time.Date(2026, 1, 6, 22, 0, 0, 0, time.UTC), ApprovedAt: &approved,
		Data: map[string]string{"data1": "blog", "data2": ""}, Raw: a.Raw,
	}, *a)
	assert.JSONEq(t, `"alice1"`, string(mustField(t, a.Raw, "referral_id")))
	assert.Equal(t, "Alice Kowalski", a.Name())

	b := list[1]
	assert.Equal(t, StatusPending, b.Status)
	assert.Equal(t, "3c6a8e6f", b.ParentID)
	assert.Nil(t, b.ApprovedAt)
	assert.True(t, b.CreatedAt.Equal(time.Date(2026, 1, 8, 10, 0, 0, 0, time.UTC)), b.CreatedAt)
}

func TestDecodeAffiliatesNestedSample(t *testing.T) {
	list, total := decodeListFile[Affiliate](t, "affiliates_nested.json", affiliateKeys, time.UTC)
	require.Len(t, list, 2)
	require.NotNil(t, total, "a count beyond the page's records is a total")
	assert.Equal(t, 7, *total)
	assert.Equal(t, "abc12345", list[0].ID)
	assert.Equal(t, "owner-ref", list[0].ReferralID, "legacy refid")
	assert.Equal(t, StatusApproved, list[0].Status, "the word approved")
	assert.Equal(t, "approved", list[0].Status.Label())
	assert.Equal(t, StatusDeclined, list[1].Status)
	assert.Equal(t, "Sam Lindqvist", list[1].Name())
	assert.Equal(t, time.Date(2025, 12, 1, 0, 0, 0, 0, time.UTC), list[1].CreatedAt)
}

func TestDecodeTransactionsLegacySample(t *testing.T) {
	la, err := time.LoadLocation("America/Los_Angeles")
	require.NoError(t, err)
	list, total := decodeListFile[Transaction](t, "transactions_legacy.json", transactionKeys, la)
	require.Len(t, list, 2)
	assert.Nil(t, total, "a bare array has no total")

	tx := list[0]
	assert.Equal(t, "txn-2", tx.ID)
	assert.Equal(t, TypeSale, tx.Type)
	assert.Equal(t, "sale", tx.Type.Label())
	assert.Equal(t, StatusApproved, tx.Status)
	assert.Equal(t, PayoutUnpaid, tx.PayoutStatus)
	assert.Equal(t, "250.00", tx.TotalCost.String(), "the string kept as sent")
	assert.Equal(t, "25.00", tx.Commission.String())
	assert.Equal(t, "USD", tx.Commission.Currency(), "the record's currency")
	assert.Equal(t, "USD", tx.Currency)
	assert.Equal(t, "ORD-7731", tx.OrderID)
	assert.Equal(t, "pro", tx.ProductID)
	assert.Equal(t, "camp-1", tx.CampaignID)
	assert.Equal(t, "aff-9", tx.AffiliateID)
	assert.Equal(t, int64(1), tx.Tier)
	assert.Equal(t, "cust-0042", tx.Data1)
	// Legacy timestamps are server-local: 11:00 in Los Angeles (PDT).
	assert.True(t, tx.CreatedAt.Equal(time.Date(2024, 4, 2, 18, 0, 0, 0, time.UTC)), tx.CreatedAt)
	assert.Nil(t, tx.ApprovedAt, "the MySQL zero date is no date")
	var raw map[string]any
	require.NoError(t, json.Unmarshal(tx.Raw, &raw))
	assert.Equal(t, "Default Campaign", raw["campaignName"], "unmapped fields stay in Raw")

	refund := list[1]
	assert.Equal(t, "3", refund.ID, "a numeric id reads as a string")
	assert.Equal(t, TypeRefund, refund.Type, "the word refund")
	assert.Equal(t, StatusDeclined, refund.Status)
	assert.Equal(t, "-4.5", refund.Commission.String())
	assert.Equal(t, "-40", refund.TotalCost.String())
	assert.Empty(t, refund.Commission.Currency(), "no currency on the record")
	assert.Equal(t, time.Unix(1712055600, 0).UTC(), refund.CreatedAt)
}

func TestDecodeReportSamples(t *testing.T) {
	top, total := decodeListFile[TopAffiliate](t, "top_affiliates.json", topAffiliateKeys, time.UTC)
	require.Len(t, top, 2)
	require.NotNil(t, total)
	assert.Equal(t, 2, *total)
	assert.Equal(t, TopAffiliate{
		AffiliateID: "3c6a8e6f", Username: "alice.kowalski1@example.com", FirstName: "Alice", LastName: "Kowalski",
		ReferralID: "alice1", Clicks: 14, Sales: 5, Commission: top[0].Commission, TotalCost: top[0].TotalCost, Raw: top[0].Raw,
	}, *top[0])
	assert.Equal(t, "412.35", top[0].Commission.String())
	assert.Equal(t, "2061.75", top[0].TotalCost.String())
	assert.Equal(t, int64(9), top[1].Clicks, "counts as strings")
	assert.Equal(t, "98.10", top[1].Commission.String(), "trailing zero kept")
	assert.Equal(t, "654.00", top[1].TotalCost.String())
	assert.Equal(t, "Bruno Berg", top[1].Name())

	clicks, total := decodeListFile[Click](t, "clicks.json", clickKeys, time.UTC)
	require.Len(t, clicks, 1)
	require.NotNil(t, total, "total_count is a total even when it equals the page")
	assert.Equal(t, 1, *total)
	c := clicks[0]
	assert.Equal(t, "https://www.example.com/offers/2", c.DestinationURL)
	assert.Equal(t, "https://alice.example.org/posts/101", c.ReferrerURL)
	assert.Equal(t, "198.51.100.2", c.IP)
	assert.Contains(t, c.UserAgent, "Firefox/125.0")
	assert.Equal(t, "DE", c.CountryCode)
	assert.Equal(t, time.Date(2026, 1, 5, 16, 0, 0, 0, time.UTC), c.CreatedAt)
}

func mustField(t *testing.T, raw json.RawMessage, key string) json.RawMessage {
	t.Helper()
	var m map[string]json.RawMessage
	require.NoError(t, json.Unmarshal(raw, &m))
	return m[key]
}

func TestParseTime(t *testing.T) {
	berlin, err := time.LoadLocation("Europe/Berlin")
	require.NoError(t, err)
	tests := []struct {
		in   string
		want time.Time
	}{
		{`"2026-03-01T10:15:30Z"`, time.Date(2026, 3, 1, 10, 15, 30, 0, time.UTC)},
		{`"2026-03-01T10:15:30.250+02:00"`, time.Date(2026, 3, 1, 8, 15, 30, 250e6, time.UTC)},
		{`"2026-03-01T10:15:30+0200"`, time.Date(2026, 3, 1, 8, 15, 30, 0, time.UTC)},
		{`"2026-03-01 10:15:30"`, time.Date(2026, 3, 1, 10, 15, 30, 0, berlin)},
		{`"2026-03-01T10:15:30"`, time.Date(2026, 3, 1, 10, 15, 30, 0, berlin)},
		{`"2026-03-01 10:15"`, time.Date(2026, 3, 1, 10, 15, 0, 0, berlin)},
		{`"2026-03-01"`, time.Date(2026, 3, 1, 0, 0, 0, 0, berlin)},
		{`"2026-03-01 10:15:30 +0000"`, time.Date(2026, 3, 1, 10, 15, 30, 0, time.UTC)},
		{`1772360130`, time.Unix(1772360130, 0)},
		{`"1772360130"`, time.Unix(1772360130, 0)},
		{`1772360130123`, time.UnixMilli(1772360130123)},
		{`""`, time.Time{}},
		{`"0000-00-00 00:00:00"`, time.Time{}},
	}
	for _, tt := range tests {
		got, ok := parseTime(json.RawMessage(tt.in), berlin)
		require.True(t, ok, tt.in)
		assert.True(t, got.Equal(tt.want), "%s: got %s want %s", tt.in, got, tt.want)
	}
	for _, bad := range []string{`"yesterday"`, `"2026-13-01"`, `{}`, `[1]`, `true`} {
		_, ok := parseTime(json.RawMessage(bad), time.UTC)
		assert.False(t, ok, bad)
	}
}

func TestFieldConversions(t *testing.T) {
	f, err := newFields([]byte(`{"Amount":"12.50","count":"7","flag":"Y","off":0,"n":3.0,"frac":2.5,"obj":{"a":1},"nul":null,"empty":""}`), time.UTC)
	require.NoError(t, err)
	var amount, empty Amount
	var count, n int64
	var flag, off bool
	f.amount(&amount, "amount")
	f.amount(&empty, "empty")
	f.int(&count, "count")
	f.int(&n, "n")
	f.bool(&flag, "flag")
	f.bool(&off, "off")
	require.NoError(t, f.err)
	assert.Equal(t, "12.50", amount.String())
	assert.True(t, empty.IsZero() && !empty.IsNull())
	assert.Equal(t, int64(7), count)
	assert.Equal(t, int64(3), n)
	assert.True(t, flag)
	assert.False(t, off)

	var s string
	f.str(&s, "nul", "missing")
	require.NoError(t, f.err, "null and missing leave the zero value")
	assert.Empty(t, s)

	var frac int64
	f.int(&frac, "frac")
	require.ErrorContains(t, f.err, `field "frac": 2.5 is not an integer`)

	f.err = nil
	f.str(&s, "obj")
	require.ErrorContains(t, f.err, "is not a string")
}

func TestKeysMatchWhateverTheirCase(t *testing.T) {
	for _, body := range []string{
		`{"referral_id": "r1"}`, `{"referralId": "r1"}`, `{"ReferralID": "r1"}`, `{"refid": "r1"}`, `{"REFERRAL-ID": "r1"}`,
	} {
		var a Affiliate
		require.NoError(t, json.Unmarshal([]byte(body), &a), body)
		assert.Equal(t, "r1", a.ReferralID, body)
		assert.JSONEq(t, body, string(a.Raw))
	}
}

func TestExtractList(t *testing.T) {
	tests := []struct {
		name      string
		body      string
		wantN     int
		wantTotal int // -1: none
	}{
		{"bare array", `[{"id":"a"},{"id":"b"}]`, 2, -1},
		{"empty array", `[]`, 0, -1},
		{"data", `{"data":[{"id":"a"}],"total":9}`, 1, 9},
		{"items", `{"items":[{"id":"a"}],"total_count":"9"}`, 1, 9},
		{"results", `{"results":[{"id":"a"}],"totalCount":9}`, 1, 9},
		{"resource key", `{"affiliates":[{"id":"a"}]}`, 1, -1},
		{"data items", `{"data":{"items":[{"id":"a"}],"total":4}}`, 1, 4},
		{"data results, total outside", `{"data":{"results":[{"id":"a"}]},"total":4}`, 1, 4},
		{"data resource", `{"data":{"affiliates":[{"id":"a"}]}}`, 1, -1},
		{"meta total", `{"data":[{"id":"a"}],"meta":{"total":12}}`, 1, 12},
		{"pagination total", `{"items":[{"id":"a"}],"pagination":{"total_count":12}}`, 1, 12},
		{"count equal to page is not a total", `{"data":[{"id":"a"},{"id":"b"}],"count":2}`, 2, -1},
		{"count beyond page is a total", `{"data":[{"id":"a"},{"id":"b"}],"count":20}`, 2, 20},
		{"null data", `{"data":null,"total":0}`, 0, 0},
		{"negative total ignored", `{"data":[],"total":-1}`, 0, -1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			env, err := extractList([]byte(tt.body), affiliateKeys)
			require.NoError(t, err)
			assert.Len(t, env.items, tt.wantN)
			if tt.wantTotal < 0 {
				assert.Nil(t, env.total)
			} else {
				require.NotNil(t, env.total)
				assert.Equal(t, tt.wantTotal, *env.total)
			}
		})
	}
	for _, bad := range []string{`{"message":"ok"}`, `"text"`, `{"data":{"id":"a"}}`, `{"transactions":[]}`} {
		_, err := extractList([]byte(bad), affiliateKeys)
		assert.Error(t, err, bad)
	}
}

func TestUnwrapRecord(t *testing.T) {
	for _, body := range []string{
		`{"id":"a1","username":"x@example.com"}`,
		`{"data":{"id":"a1","username":"x@example.com"}}`,
		`{"affiliate":{"id":"a1","username":"x@example.com"}}`,
	} {
		raw, err := unwrapRecord([]byte(body), "affiliate")
		require.NoError(t, err)
		var a Affiliate
		require.NoError(t, json.Unmarshal(raw, &a))
		assert.Equal(t, "a1", a.ID, body)
		assert.Equal(t, "x@example.com", a.Username, body)
	}
	_, err := unwrapRecord([]byte(`[{"id":"a1"}]`), "affiliate")
	assert.Error(t, err)
}

func TestStatusAndTypeWords(t *testing.T) {
	for in, want := range map[string]Status{"A": StatusApproved, "p": StatusPending, "Declined": StatusDeclined, "active": StatusApproved, "X": "X", "weird": "weird"} {
		assert.Equal(t, want, parseStatus(in), in)
	}
	for in, want := range map[string]TransactionType{
		"S": TypeSale, "sale": TypeSale, "signup_bonus": TypeSignupBonus, "Referral Bonus": TypeReferralBonus,
		"extraBonus": TypeExtraBonus, "chargeback": TypeChargeback, "h": TypeChargeback, "mystery": "mystery",
	} {
		assert.Equal(t, want, parseType(in), in)
	}
	assert.Equal(t, "signup bonus", TypeSignupBonus.Label())
	assert.Equal(t, "paid", parsePayoutStatus("paid").Label())
	assert.Equal(t, PayoutUnpaid, parsePayoutStatus("U"))
}

func TestScanValidJSON(t *testing.T) {
	tests := []struct {
		name string
		body string
		want []string
	}{
		{"scalars", ` [ 1 , -2.5e3,"a",true ,false, null ] `, []string{`1`, `-2.5e3`, `"a"`, `true`, `false`, `null`}},
		{"nested", `[{"a":[1,{"b":"]}"}]},[[],{}],"\"[{"]`, []string{`{"a":[1,{"b":"]}"}]}`, `[[],{}]`, `"\"[{"`}},
		{"escapes", `["\\", "\\\"", "\u005d"]`, []string{`"\\"`, `"\\\""`, `"\u005d"`}},
		{"empty", `[]`, []string{}},
		{"space inside", "[\n\t{ \"a\" : 1 }\r\n]", []string{`{ "a" : 1 }`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			body := bytes.TrimSpace([]byte(tt.body))
			require.True(t, json.Valid(body))
			got := []string{}
			for _, it := range validElements(body) {
				got = append(got, string(it))
			}
			assert.Equal(t, tt.want, got)
		})
	}
	m := validObject([]byte(`{"a\u0062":1, "x":{"y":"}"} ,"a\"":[ ],"x":2}`))
	assert.Equal(t, map[string]json.RawMessage{"ab": json.RawMessage(`1`), `a"`: json.RawMessage(`[ ]`), "x": json.RawMessage(`2`)}, m,
		"escaped keys are unescaped; of repeated keys the last wins")
}

func TestRecordKeysNormalizingAlike(t *testing.T) {
	tests := []struct {
		name string
		body string
		want string
	}{
		{"first in sorted order wins", `{"user_id":"b","userid":"a","UserID":"c"}`, "c"},
		{"whatever the order in the body", `{"UserID":"c","userid":"a","user_id":"b"}`, "c"},
		{"a repeated key keeps its last value", `{"userid":"a","userid":"z"}`, "z"},
		{"repeated and colliding", `{"userid":"a","User_ID":"b","User_ID":"d"}`, "d"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, err := decodeRecord[Affiliate]([]byte(tt.body), time.UTC)
			require.NoError(t, err)
			assert.Equal(t, tt.want, a.ID)
		})
	}
	for _, bad := range []string{`null`, `[]`, `"x"`, `{"a":`, ``} {
		_, err := decodeRecord[Affiliate]([]byte(bad), time.UTC)
		assert.Error(t, err, bad)
	}
}
