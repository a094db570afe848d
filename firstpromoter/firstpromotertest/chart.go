package firstpromotertest

import (
	"net/http"
	"slices"
	"strconv"
	"time"
)

// chartData is a computed chart: one point per period between from and
// to.
type chartData struct {
	from, to, selection, groupBy string
	points                       []chartValue
}

type chartValue struct {
	label string
	value int64
}

var chartSelections = []string{"revenue", "clicks", "referrals", "customers", "cancellations"}

// dashboardChartSelections adds the commissions the dashboard chart sums.
var dashboardChartSelections = append(slices.Clone(chartSelections), "commissions")

// chart reads period_from, period_to and selection (all required) and sums
// the selection over the given promoter campaigns. Days are grouped by day
// up to 31 days, by week up to 26 weeks, else by month. The API documents
// the group_by values but not the period labels; labels here are the
// period's first day ("2024-09-02"), or "2024-09" for months.
func (s *Server) chart(r *http.Request, pcIDs []int64, selections []string) (chartData, *apiError) {
	q := listQuery(r.URL.Query())
	var c chartData
	for _, key := range []string{"period_from", "period_to", "selection"} {
		if q.get(key) == "" {
			return c, errParam(key)
		}
	}
	from, err := time.Parse(time.DateOnly, q.get("period_from"))
	if err != nil {
		return c, errParam("period_from")
	}
	to, err := time.Parse(time.DateOnly, q.get("period_to"))
	if err != nil || to.Before(from) {
		return c, errParam("period_to")
	}
	c.selection = q.get("selection")
	if !slices.Contains(selections, c.selection) {
		return c, errParam("selection")
	}
	c.from, c.to = from.Format(time.DateOnly), to.Format(time.DateOnly)
	days := int(to.Sub(from).Hours()/24) + 1
	switch {
	case days <= 31:
		c.groupBy = "day"
	case days <= 26*7:
		c.groupBy = "week"
	default:
		c.groupBy = "month"
	}
	sums := map[string]int64{}
	end := to.Add(24*time.Hour - time.Nanosecond)
	add := func(t Timestamp, v int64) {
		if !t.IsZero() && !t.Before(from) && !t.After(end) {
			sums[periodLabel(t.Time, c.groupBy)] += v
		}
	}
	for _, ref := range s.referrals.All() {
		if !slices.Contains(pcIDs, ref.promoterCampaignID()) {
			continue
		}
		switch c.selection {
		case "referrals":
			add(ref.CreatedAt, 1)
		case "customers":
			add(ref.CustomerSince, 1)
		case "cancellations":
			add(ref.CancelledAt, 1)
		}
	}
	for _, cm := range s.commissions.All() {
		if !slices.Contains(pcIDs, cm.promoterCampaignID()) {
			continue
		}
		switch {
		case c.selection == "revenue" && cm.CommissionType == "sale":
			add(cm.CreatedAt, cm.sale())
		case c.selection == "commissions" && cm.Unit == "cash" && cm.Status != "denied":
			add(cm.CreatedAt, cm.units())
		}
	}
	// Clicks are not modelled per day: every point is 0.
	for _, label := range periodLabels(from, to, c.groupBy) {
		c.points = append(c.points, chartValue{label, sums[label]})
	}
	return c, nil
}

// periodStart is the first instant of the period holding t.
func periodStart(t time.Time, groupBy string) time.Time {
	t = t.UTC()
	day := time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
	switch groupBy {
	case "week":
		return day.AddDate(0, 0, -((int(day.Weekday()) + 6) % 7)) // Monday
	case "month":
		return time.Date(t.Year(), t.Month(), 1, 0, 0, 0, 0, time.UTC)
	case "year":
		return time.Date(t.Year(), 1, 1, 0, 0, 0, 0, time.UTC)
	}
	return day
}

// periodLabel names the period holding t.
func periodLabel(t time.Time, groupBy string) string {
	start := periodStart(t, groupBy)
	switch groupBy {
	case "month":
		return start.Format("2006-01")
	case "year":
		return strconv.Itoa(start.Year())
	}
	return start.Format(time.DateOnly)
}

// periodLabels lists the periods from..to in order.
func periodLabels(from, to time.Time, groupBy string) []string {
	var out []string
	for t := periodStart(from, groupBy); !t.After(to); {
		out = append(out, periodLabel(t, groupBy))
		switch groupBy {
		case "week":
			t = t.AddDate(0, 0, 7)
		case "month":
			t = t.AddDate(0, 1, 0)
		case "year":
			t = t.AddDate(1, 0, 0)
		default:
			t = t.AddDate(0, 0, 1)
		}
	}
	return out
}
