package postaffiliatepro

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/affiliatekit/affiliatekit-go/internal/tolerant"
)

// decodeListFile decodes a testdata list body as the client does.
func decodeListFile[T any, PT record[T]](t *testing.T, name string, keys []string, loc *time.Location) ([]*T, *int) {
	t.Helper()
	body, err := os.ReadFile(filepath.Join("testdata", name))
	require.NoError(t, err)
	items, total, err := tolerant.Records(body, append(append([]string(nil), listKeys...), keys...))
	require.NoError(t, err)
	out := make([]*T, 0, len(items))
	for _, raw := range items {
		v, err := decodeRecord[T, PT](raw, loc)
		require.NoError(t, err)
		out = append(out, v)
	}
	return out, total
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
