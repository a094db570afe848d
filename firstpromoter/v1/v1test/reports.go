package v1test

import (
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"time"
)

// reportFields are the columns the fake computes; others are refused, as
// v1 refuses unknown ones ("Selected Fields invalid !").
var reportFields = []string{"revenue_amount", "clicks_count", "referrals_count", "customers_count", "sales_count", "refunds_count", "cancellations_count"}

var defaultReportFields = []string{"revenue_amount", "clicks_count", "referrals_count", "customers_count"}

// reportQuery reads and checks the common report parameters.
func (s *Server) reportQuery(q request) ([]string, string, *apiError) {
	fields := q.p["selected_fields[]"]
	if len(fields) == 0 {
		fields = defaultReportFields
	}
	for _, f := range fields {
		if !slices.Contains(reportFields, f) {
			return nil, "", &apiError{http.StatusUnprocessableEntity, map[string]string{"message": "Selected Fields invalid !", "code": "invalid_params"}}
		}
	}
	group := q.str("group_by")
	if group == "" {
		group = "day"
	}
	if !slices.Contains([]string{"day", "month", "year"}, group) {
		return nil, "", &apiError{http.StatusUnprocessableEntity, map[string]string{"message": "Group by invalid !", "code": "invalid_params"}}
	}
	for _, d := range []string{"start_date", "end_date"} {
		if v := q.str(d); v != "" {
			if _, err := time.Parse("2006-01-02", v); err != nil {
				return nil, "", &apiError{http.StatusUnprocessableEntity, map[string]string{"message": "Dates invalid !", "code": "invalid_params"}}
			}
		}
	}
	return fields, group, nil
}

// figures are the sums of a set of promotions.
type figures struct{ revenue, referrals, customers, sales, refunds, cancellations int64 }

func (f *figures) add(pr *Promotion) {
	f.revenue += minorOrZero(pr.SalesTotal, unitCash) - minorOrZero(pr.RefundsTotal, unitCash)
	f.referrals += int64(pr.LeadsCount)
	f.customers += int64(pr.CustomersCount)
	f.sales += int64(pr.SalesCount)
	f.refunds += int64(pr.RefundsCount)
	f.cancellations += int64(pr.CancellationsCount)
}

// row renders the selected columns; revenue as display text in dollars,
// as v1 sends it ("$613.17").
func (f figures) row(fields []string) map[string]any {
	m := map[string]any{}
	for _, name := range fields {
		switch name {
		case "revenue_amount":
			sign, v := "", f.revenue
			if v < 0 {
				sign, v = "-", -v
			}
			m[name] = fmt.Sprintf("%s$%d.%02d", sign, v/100, v%100)
		case "clicks_count":
			m[name] = 0
		case "referrals_count":
			m[name] = f.referrals
		case "customers_count":
			m[name] = f.customers
		case "sales_count":
			m[name] = f.sales
		case "refunds_count":
			m[name] = f.refunds
		case "cancellations_count":
			m[name] = f.cancellations
		}
	}
	return m
}

// period names the server's current period for group.
func (s *Server) period(group string) string {
	now := s.clock().UTC()
	switch group {
	case "month":
		return now.Format("Jan 2006")
	case "year":
		return now.Format("2006")
	}
	return now.Format("02 Jan 2006")
}

func (s *Server) withItems(f figures, fields []string, group string) map[string]any {
	m := f.row(fields)
	item := f.row(fields)
	item["period"] = s.period(group)
	m["items"] = []map[string]any{item}
	return m
}

func (s *Server) reportOverview(q request) (answer, *apiError) {
	fields, group, err := s.reportQuery(q)
	if err != nil {
		return answer{}, err
	}
	var f figures
	for _, p := range s.promoters.All() {
		for _, pr := range p.Promotions {
			f.add(pr)
		}
	}
	row := f.row(fields)
	row["period"] = s.period(group)
	return ok([]map[string]any{row})
}

func (s *Server) reportCampaigns(q request) (answer, *apiError) {
	fields, group, err := s.reportQuery(q)
	if err != nil {
		return answer{}, err
	}
	byCampaign := map[int64]*figures{}
	var ids []int64
	for _, p := range s.promoters.All() {
		for _, pr := range p.Promotions {
			if byCampaign[pr.CampaignID] == nil {
				byCampaign[pr.CampaignID] = &figures{}
				ids = append(ids, pr.CampaignID)
			}
			byCampaign[pr.CampaignID].add(pr)
		}
	}
	slices.Sort(ids)
	rows := []map[string]any{}
	for _, id := range ids {
		m := s.withItems(*byCampaign[id], fields, group)
		m["campaign_id"], m["campaign_name"] = id, fmt.Sprintf("Campaign %d", id)
		rows = append(rows, m)
	}
	return ok(rows)
}

func (s *Server) reportPromoters(q request) (answer, *apiError) {
	fields, group, err := s.reportQuery(q)
	if err != nil {
		return answer{}, err
	}
	var only []int64
	for _, v := range q.p["promoter_ids[]"] {
		id, perr := strconv.ParseInt(v, 10, 64)
		if perr != nil {
			return answer{}, &apiError{http.StatusUnprocessableEntity, map[string]string{"message": "Promoter ids invalid !", "code": "invalid_params"}}
		}
		only = append(only, id)
	}
	rows := []map[string]any{}
	for _, p := range s.promoters.All() {
		if len(only) > 0 && !slices.Contains(only, p.ID) {
			continue
		}
		var f figures
		for _, pr := range p.Promotions {
			f.add(pr)
		}
		m := s.withItems(f, fields, group)
		m["promoter_id"], m["promoter_name"] = p.ID, p.Email
		rows = append(rows, m)
	}
	if q.bool("top_50") && len(rows) > 50 {
		rows = rows[:50]
	}
	return page(s, q, rows)
}
