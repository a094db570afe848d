package firstpromotertest_test

import (
	"encoding/json"
	"net/http"
	"regexp"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/affiliatekit/affiliatekit-go/firstpromoter"
	"github.com/affiliatekit/affiliatekit-go/firstpromoter/firstpromotertest"
)

func TestDemoDataSizesAndNames(t *testing.T) {
	srv := newServer(t, firstpromotertest.WithDemoData())
	assert.Len(t, srv.Campaigns(), 3)
	assert.Len(t, srv.Promoters(), 25)
	assert.Len(t, srv.Referrals(), 60)
	assert.Len(t, srv.Commissions(), 80)
	assert.Len(t, srv.Payouts(), 10)
	assert.Len(t, srv.PromoCodes(), 5)
	assert.Len(t, srv.Webhooks(), 1)

	var names []string
	for _, p := range srv.Promoters()[:5] {
		names = append(names, p.Name+" <"+p.Email+">")
	}
	assert.Equal(t, []string{
		"Olivia Bennett <olivia.bennett@example.com>",
		"Liam Carter <liam.carter@example.org>",
		"Emma Nguyen <emma.nguyen@example.net>",
		"Noah Patel <noah.patel@mail.example.com>",
		"Ava Rossi <ava.rossi@example.com>",
	}, names)
}

// TestDemoDataIsStable pins that two servers, even on different clocks,
// serve the same names, ids and amounts, so example output is stable.
func TestDemoDataIsStable(t *testing.T) {
	a := newServer(t, firstpromotertest.WithDemoData())
	b := firstpromotertest.NewServer(firstpromotertest.WithDemoData(), firstpromotertest.WithClock(func() time.Time {
		return time.Date(2026, 7, 2, 8, 0, 0, 0, time.UTC)
	}))
	defer b.Close()
	type row struct {
		ID     int64
		Name   string
		Amount int64
	}
	summary := func(s *firstpromotertest.Server) (out []row) {
		for _, p := range s.Promoters() {
			out = append(out, row{p.ID, p.Name + p.Email, 0})
		}
		for _, r := range s.Referrals() {
			out = append(out, row{r.ID, string(r.Email) + string(r.State), r.PromoterCampaign.ID})
		}
		for _, c := range s.Commissions() {
			out = append(out, row{c.ID, string(c.Status) + string(c.EventID), centsOf(t, c.SaleAmount)*1000 + centsOf(t, c.Amount)})
		}
		return out
	}
	assert.Equal(t, summary(a), summary(b))
}

func TestTimestampsAndIDsOnTheWire(t *testing.T) {
	srv := newServer(t, firstpromotertest.WithDemoData())
	isTimestampKey := regexp.MustCompile(`(_at|_since|date_added)$`)
	for _, path := range []string{
		"/company/promoters", "/company/referrals", "/company/commissions", "/company/payouts", "/company/campaigns",
		"/company/promoter_campaigns", "/company/promo_codes", "/company/webhooks",
	} {
		r := call(t, srv, http.MethodGet, path, nil)
		require.Equal(t, http.StatusOK, r.status, path)
		var v any
		require.NoError(t, json.Unmarshal(r.body, &v))
		walk(v, "", func(key string, val any) {
			if isTimestampKey.MatchString(key) && val != nil {
				assert.Regexp(t, timestampRE, val, "%s %s", path, key)
			}
			textIDs := map[string]bool{"cust_id": true, "plan_id": true, "event_id": true, "ext_id": true, "vat_id": true, "sub_id": true}
			if key == "id" || (len(key) > 3 && key[len(key)-3:] == "_id" && !textIDs[key]) {
				if val != nil {
					assert.IsType(t, float64(0), val, "%s %s is a JSON integer", path, key)
					assert.Equal(t, float64(int64(val.(float64))), val, "%s %s", path, key)
				}
			}
		})
	}
}

func walk(v any, key string, fn func(key string, val any)) {
	switch x := v.(type) {
	case map[string]any:
		for k, val := range x {
			fn(k, val)
			walk(val, k, fn)
		}
	case []any:
		for _, val := range x {
			walk(val, key, fn)
		}
	}
}

func TestSeedIsFastForThousands(t *testing.T) {
	srv := newServer(t)
	start := time.Now()
	srv.SeedPromoters(2000)
	srv.SeedReferrals(5000)
	srv.SeedCommissions(5000)
	srv.SeedPayouts(500)
	srv.SeedPromoCodes(200)
	srv.SeedCampaigns(3)
	assert.Less(t, time.Since(start), 5*time.Second)
	assert.Len(t, srv.Referrals(), 5000)
	assert.Len(t, srv.Commissions(), 5000)
	emails := map[string]bool{}
	for _, p := range srv.Promoters() {
		assert.False(t, emails[p.Email], "duplicate email %s", p.Email)
		emails[p.Email] = true
	}
	page := okJSON[promoterPage](t, call(t, srv, http.MethodGet, "/company/promoters?page=20&per_page=100", nil), http.StatusOK)
	assert.Len(t, page.Data, 100)
}

func TestSeedWithoutParents(t *testing.T) {
	srv := newServer(t)
	srv.SeedCommissions(3)
	assert.Len(t, srv.Commissions(), 3)
	assert.NotEmpty(t, srv.Referrals())
	assert.Len(t, srv.Campaigns(), 1)
	for _, c := range srv.Commissions() {
		require.NotNil(t, c.PromoterCampaign)
		assert.NotNil(t, c.PromoterCampaign.Promoter)
	}
}

func TestAddAssignsIDsAndTimestamps(t *testing.T) {
	srv := newServer(t)
	c := srv.AddCampaign(firstpromotertest.Campaign{Name: "Launch"})
	assert.Equal(t, int64(101), c.ID)
	assert.True(t, c.IsDefault, "the first campaign is the default one")
	p := srv.AddPromoter(firstpromotertest.Promoter{
		Email: "kai@example.com", Profile: firstpromotertest.Profile{FirstName: "Kai", LastName: "Lee"}, State: "pending",
	})
	assert.Equal(t, int64(5001), p.ID)
	assert.Equal(t, "Kai Lee", p.Name)
	assert.Equal(t, firstpromoter.PromoterPending, p.State)
	assert.Equal(t, fixedNow, p.JoinedAt.Time)
	require.Len(t, p.PromoterCampaigns, 1)
	assert.Equal(t, c.ID, p.PromoterCampaigns[0].CampaignID)
	assert.Equal(t, firstpromotertest.NullString("kai"), p.PromoterCampaigns[0].RefToken)

	explicit := srv.AddPromoter(firstpromotertest.Promoter{ID: 9000, Email: "z@example.com"})
	assert.Equal(t, int64(9000), explicit.ID)
	assert.Equal(t, int64(9001), srv.AddPromoter(firstpromotertest.Promoter{}).ID, "later ids continue above an explicit one")

	ref := srv.AddReferral(firstpromotertest.Referral{
		Email: "lead@example.com", PromoterCampaign: &firstpromotertest.PromoterCampaignRef{ID: p.PromoterCampaigns[0].ID},
	})
	assert.Equal(t, "Kai Lee", ref.PromoterCampaign.Promoter.Name, "nested objects are filled from the state")
	assert.Equal(t, firstpromoter.ReferralSignup, ref.State)
	com := srv.AddCommission(firstpromotertest.Commission{Referral: &firstpromotertest.ReferralRef{ID: ref.ID}, SaleAmount: usd(t, "100.00"), Amount: usd(t, "20.00")})
	assert.Equal(t, p.PromoterCampaigns[0].ID, com.PromoterCampaign.ID, "the promoter campaign follows the referral")
	assert.Equal(t, firstpromoter.CommissionApproved, com.Status)
	assert.Equal(t, "100.00", srv.Promoters()[0].Stats.RevenueAmount.String())
	assert.Equal(t, "2000", srv.Promoters()[0].Balances.Cash.String())
	assert.True(t, srv.Promoters()[0].Balances.Points.IsNull())

	assert.Panics(t, func() { srv.AddPromoterCampaign(firstpromotertest.PromoterCampaign{PromoterID: 1, CampaignID: c.ID}) })
}
