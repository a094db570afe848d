package firstpromotertest

import (
	"github.com/affiliatekit/affiliatekit-go/internal/money"

	"net/http"
	"slices"
	"sort"
	"strings"
	"time"
)

// reportColumns are the columns the reports accept.
var reportColumns = []string{
	"active_customers", "monthly_churn", "clicks_count", "net_revenue_amount", "revenue_amount",
	"referrals_count", "customers_count", "sales_count", "refunds_count", "cancelled_customers_count",
	"promoter_earnings_amount", "non_link_customers", "referrals_to_customers_cr", "3m_epc", "6m_epc",
	"clicks_to_customers_cr", "clicks_to_referrals_cr", "promoter_paid_amount", "signups_count",
}

// trafficSources are the referrer domains the fake attributes referrals
// to, by referral id.
var trafficSources = []string{"google.com", "youtube.com", "twitter.com", "newsletter", "linkedin.com"}

func (s *Server) reportRoutes() {
	for _, kind := range []string{"overview", "campaigns", "promoters", "traffic_sources", "urls"} {
		s.handle("GET /company/reports/"+kind, s.report(kind))
	}
}

// report answers the report rows: overview one row per period {period,
// id, data}; the others one row per campaign, promoter, traffic source or
// URL with the period's totals in data and one sub_data entry per period.
// columns[], group_by, start_date and end_date are required. Amounts are
// in cents. The fake has no click log: it counts 8 clicks per referral.
func (s *Server) report(kind string) handlerFunc {
	return func(r *http.Request) (int, any, *apiError) {
		q := listQuery(r.URL.Query())
		cols := q.values("columns")
		if len(cols) == 0 {
			return 0, nil, errParam("columns")
		}
		for _, c := range cols {
			if !slices.Contains(reportColumns, c) {
				return 0, nil, errParam("columns")
			}
		}
		groupBy := q.get("group_by")
		if !slices.Contains([]string{"day", "week", "month", "year"}, groupBy) {
			return 0, nil, errParam("group_by")
		}
		from, e := reportDate(q, "start_date", false)
		if e != nil {
			return 0, nil, e
		}
		to, e := reportDate(q, "end_date", true)
		if e != nil {
			return 0, nil, e
		}
		if to.Before(from) {
			return 0, nil, errParam("end_date")
		}
		periods := reportPeriods(from, to, groupBy)
		if kind == "overview" {
			rows := make([]map[string]any, 0, len(periods))
			for _, pd := range periods {
				rows = append(rows, map[string]any{
					"period": pd.label, "id": pd.label,
					"data": s.metrics(cols, func(*Referral) bool { return true }, pd.from, pd.to),
				})
			}
			return http.StatusOK, rows, nil
		}
		rows := []map[string]any{}
		for _, g := range s.reportGroups(kind) {
			if search := q.get("q"); search != "" && !containsFold(search, g.names...) {
				continue
			}
			sub := make([]map[string]any, 0, len(periods))
			for _, pd := range periods {
				sub = append(sub, map[string]any{"period": pd.label, "id": pd.label, "data": s.metrics(cols, g.match, pd.from, pd.to)})
			}
			row := map[string]any{"id": g.id, "data": s.metrics(cols, g.match, from, to), "sub_data": sub}
			row[g.field] = g.object
			rows = append(rows, row)
		}
		if field, desc, e := q.sorting(reportColumns...); e != nil {
			return 0, nil, e
		} else if field != "" {
			sort.SliceStable(rows, func(i, j int) bool {
				a := rows[i]["data"].(map[string]money.Amount)[field]
				b := rows[j]["data"].(map[string]money.Amount)[field]
				if desc {
					return cmpAmount(a, b) > 0
				}
				return cmpAmount(a, b) < 0
			})
		}
		return http.StatusOK, rows, nil
	}
}

// reportDate reads a required date or date-time; a date-only end date
// includes that day.
func reportDate(q listQuery, key string, end bool) (time.Time, *apiError) {
	v := q.get(key)
	if v == "" {
		return time.Time{}, errParam(key)
	}
	t, err := parseTime(v)
	if err != nil {
		return time.Time{}, errParam(key)
	}
	if end && len(v) == len(time.DateOnly) {
		t = t.Add(24*time.Hour - time.Nanosecond)
	}
	return t, nil
}

type reportPeriod struct {
	label    string
	from, to time.Time
}

func reportPeriods(from, to time.Time, groupBy string) []reportPeriod {
	var out []reportPeriod
	for _, label := range periodLabels(from, to, groupBy) {
		start, _ := parseTime(label)
		switch groupBy {
		case "month":
			start, _ = time.Parse("2006-01", label)
		case "year":
			start, _ = time.Parse("2006", label)
		}
		var next time.Time
		switch groupBy {
		case "day":
			next = start.AddDate(0, 0, 1)
		case "week":
			next = start.AddDate(0, 0, 7)
		case "month":
			next = start.AddDate(0, 1, 0)
		default:
			next = start.AddDate(1, 0, 0)
		}
		out = append(out, reportPeriod{label, maxTime(start, from), minTime(next.Add(-time.Nanosecond), to)})
	}
	return out
}

// reportGroup is one row of a grouped report.
type reportGroup struct {
	id     any
	field  string // campaign, promoter, source or url
	object any
	names  []string // searched by q
	match  func(*Referral) bool
}

// reportGroups lists the rows of a grouped report; commissions follow
// their referral, or their promoter campaign when they have none.
func (s *Server) reportGroups(kind string) []reportGroup {
	var out []reportGroup
	pcOf := func(ref *Referral) *PromoterCampaign {
		pc, _ := s.promoterCampaigns.Get(ref.promoterCampaignID())
		return pc
	}
	switch kind {
	case "campaigns":
		for _, c := range s.campaigns.All() {
			id := c.ID
			out = append(out, reportGroup{id: id, field: "campaign", object: s.campaignRef(id), names: []string{c.Name},
				match: func(ref *Referral) bool { pc := pcOf(ref); return pc != nil && pc.CampaignID == id }})
		}
	case "promoters":
		for _, p := range s.promoters.All() {
			id := p.ID
			out = append(out, reportGroup{id: id, field: "promoter", object: s.promoterRef(id), names: []string{p.Email, p.Name},
				match: func(ref *Referral) bool { pc := pcOf(ref); return pc != nil && pc.PromoterID == id }})
		}
	case "traffic_sources":
		for i, src := range trafficSources {
			n := int64(i)
			out = append(out, reportGroup{id: src, field: "source", object: src, names: []string{src},
				match: func(ref *Referral) bool { return ref.ID%int64(len(trafficSources)) == n }})
		}
	case "urls":
		seen := map[string]bool{}
		for _, c := range s.campaigns.All() {
			u := c.LandingURL
			if seen[u] {
				continue
			}
			seen[u] = true
			out = append(out, reportGroup{id: u, field: "url", object: u, names: []string{u},
				match: func(ref *Referral) bool {
					pc := pcOf(ref)
					if pc == nil {
						return false
					}
					cc, ok := s.campaigns.Get(pc.CampaignID)
					return ok && cc.LandingURL == u
				}})
		}
	}
	return out
}

// metrics computes the columns over the referrals that match and their
// commissions, for events between from and to.
func (s *Server) metrics(cols []string, match func(*Referral) bool, from, to time.Time) map[string]money.Amount {
	in := func(t Timestamp) bool { return !t.IsZero() && !t.Before(from) && !t.After(to) }
	var referrals, customers, cancelled, active, sales, refunds int64
	var revenue, net, earnings, paid int64
	matched := map[int64]bool{}
	for _, ref := range s.referrals.All() {
		if !match(ref) {
			continue
		}
		matched[ref.ID] = true
		if in(ref.CreatedAt) {
			referrals++
		}
		if in(ref.CustomerSince) {
			customers++
		}
		if in(ref.CancelledAt) {
			cancelled++
		}
		if ref.State == "active" && !ref.CustomerSince.IsZero() && !ref.CustomerSince.After(to) {
			active++
		}
	}
	for _, c := range s.commissions.All() {
		if !matched[c.referralID()] || !in(c.CreatedAt) {
			continue
		}
		if c.CommissionType == "sale" {
			if c.sale() > 0 {
				sales++
				revenue += c.sale()
			} else if c.sale() < 0 {
				refunds++
			}
			net += c.sale()
		}
		earnings += c.units()
		if c.IsPaid {
			paid += c.units()
		}
	}
	clicks := referrals * 8
	// ratio is a percentage with two decimals; epc is the earnings per
	// click in cents with two decimals.
	ratio := func(a, b int64) money.Amount { return roundedRatio(a*100, b, 2) }
	epc := roundedRatio(earnings, clicks, 2)
	all := map[string]money.Amount{
		"active_customers": num(active), "monthly_churn": ratio(cancelled, active+cancelled), "clicks_count": num(clicks),
		"net_revenue_amount": num(net), "revenue_amount": num(revenue), "referrals_count": num(referrals),
		"customers_count": num(customers), "sales_count": num(sales), "refunds_count": num(refunds),
		"cancelled_customers_count": num(cancelled), "promoter_earnings_amount": num(earnings), "non_link_customers": num(0),
		"referrals_to_customers_cr": ratio(customers, referrals), "3m_epc": epc, "6m_epc": epc,
		"clicks_to_customers_cr": ratio(customers, clicks), "clicks_to_referrals_cr": ratio(referrals, clicks),
		"promoter_paid_amount": num(paid), "signups_count": num(referrals),
	}
	out := make(map[string]money.Amount, len(cols))
	for _, c := range cols {
		out[strings.TrimSpace(c)] = all[c]
	}
	return out
}

func maxTime(a, b time.Time) time.Time {
	if a.After(b) {
		return a
	}
	return b
}

func minTime(a, b time.Time) time.Time {
	if a.Before(b) {
		return a
	}
	return b
}
