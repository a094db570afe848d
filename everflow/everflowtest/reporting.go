package everflowtest

import (
	"fmt"
	"math"
	"math/big"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/affiliatekit/affiliatekit-go/internal/fakeserver"
	"github.com/affiliatekit/affiliatekit-go/internal/money"
)

// conversionRequest is the body of the conversion report, summary and
// export.
type conversionRequest struct {
	reportWindow
	CurrencyID      string       `json:"currency_id"`
	ShowConversions bool         `json:"show_conversions"`
	ShowEvents      bool         `json:"show_events"`
	Query           *reportQuery `json:"query"`
	// Columns selects export columns; the fake exports every column.
	Columns []string `json:"columns"`
	Format  string   `json:"format"`
}

var conversionResourceTypes = []string{"offer", "affiliate", "advertiser", "country", "region", "city", "status"}

func (c *Conversion) field(rt string) string {
	switch rt {
	case "offer":
		if o := c.Relationship.Offer; o != nil {
			return itoa(o.NetworkOfferID)
		}
	case "affiliate":
		if a := c.Relationship.Affiliate; a != nil {
			return itoa(a.NetworkAffiliateID)
		}
	case "advertiser":
		if a := c.Relationship.Advertiser; a != nil {
			return itoa(a.NetworkAdvertiserID)
		}
	case "country":
		return c.Country
	case "region":
		return c.Region
	case "city":
		return c.City
	case "status":
		return string(c.Status)
	}
	return ""
}

// selectConversions parses a conversion request and returns the matching
// rows.
func (s *Server) selectConversions(w http.ResponseWriter, r *http.Request) (conversionRequest, []Conversion, bool) {
	var b conversionRequest
	if !decodeBody(w, r, &b) {
		return b, nil, false
	}
	sp, err := b.resolve(false, maxReportSpan)
	if err != nil {
		writeError(w, http.StatusBadRequest, err.Error())
		return b, nil, false
	}
	if !b.ShowConversions && !b.ShowEvents {
		writeError(w, http.StatusBadRequest, "at least one of show_conversions or show_events must be true")
		return b, nil, false
	}
	m, err := newMatcher(b.Query, conversionResourceTypes...)
	if err != nil {
		writeError(w, http.StatusBadRequest, err.Error())
		return b, nil, false
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []Conversion
	for _, c := range s.conversions {
		if !sp.contains(unix(c.ConversionUnixTimestamp)) || (c.IsEvent && !b.ShowEvents) || (!c.IsEvent && !b.ShowConversions) {
			continue
		}
		if m.match(c.field) {
			out = append(out, *c)
		}
	}
	return b, out, true
}

func (s *Server) conversionReport(w http.ResponseWriter, r *http.Request) {
	_, rows, ok := s.selectConversions(w, r)
	if ok {
		writePage(w, r, "conversions", nonNil(rows))
	}
}

func (s *Server) conversionSummary(w http.ResponseWriter, r *http.Request) {
	_, rows, ok := s.selectConversions(w, r)
	if !ok {
		return
	}
	var sum struct {
		Total              int          `json:"total"`
		Pending            int          `json:"pending"`
		Approved           int          `json:"approved"`
		Invalid            int          `json:"invalid"`
		RejectedScrub      int          `json:"rejected_scrub"`
		RejectedManual     int          `json:"rejected_manual"`
		Payout             money.Amount `json:"payout"`
		Revenue            money.Amount `json:"revenue"`
		GrossSales         money.Amount `json:"gross_sales"`
		HasMultiCurrencies bool         `json:"has_multi_currencies"`
		AvgClickToCvTime   float64      `json:"avg_click_to_cv_time"`
	}
	currencies := map[string]bool{}
	var wait int64
	for _, c := range rows {
		sum.Total++
		switch c.Status {
		case "pending":
			sum.Pending++
		case "approved":
			sum.Approved++
		case "invalid":
			sum.Invalid++
		case "rejected":
			if c.IsScrub {
				sum.RejectedScrub++
			} else {
				sum.RejectedManual++
			}
		}
		sum.Payout = plus(sum.Payout, c.Payout)
		sum.Revenue = plus(sum.Revenue, c.Revenue)
		sum.GrossSales = plus(sum.GrossSales, c.SaleAmount)
		currencies[c.CurrencyID] = true
		if !c.ClickUnixTimestamp.IsZero() {
			wait += unix(c.ConversionUnixTimestamp) - unix(c.ClickUnixTimestamp)
		}
	}
	sum.Payout, sum.Revenue, sum.GrossSales = shortest(sum.Payout), shortest(sum.Revenue), shortest(sum.GrossSales)
	sum.HasMultiCurrencies = len(currencies) > 1
	if sum.Total > 0 {
		sum.AvgClickToCvTime = math.Round(float64(wait) / float64(sum.Total))
	}
	fakeserver.WriteJSON(w, http.StatusOK, sum)
}

var conversionColumns = []string{
	"conversion_id", "conversion_unix_timestamp", "click_unix_timestamp", "transaction_id", "status",
	"network_offer_id", "offer_name", "network_affiliate_id", "affiliate_name", "event", "is_event",
	"payout", "revenue", "sale_amount", "currency_id", "country", "sub1", "order_id",
}

func (s *Server) conversionExport(w http.ResponseWriter, r *http.Request) {
	b, rows, ok := s.selectConversions(w, r)
	if !ok || !exportFormat(w, b.Format, "csv", "json") {
		return
	}
	i := 0
	if b.Format == "json" {
		streamNDJSON(w, r, "conversions", func() (any, bool) {
			if i == len(rows) {
				return nil, false
			}
			i++
			return &rows[i-1], true
		})
		return
	}
	streamCSV(w, r, "conversions", conversionColumns, func() ([]string, bool) {
		if i == len(rows) {
			return nil, false
		}
		c := rows[i]
		i++
		var offerName, affName string
		if c.Relationship.Offer != nil {
			offerName = c.Relationship.Offer.Name
		}
		if c.Relationship.Affiliate != nil {
			affName = c.Relationship.Affiliate.Name
		}
		return []string{
			c.ConversionID, itoa(unix(c.ConversionUnixTimestamp)), itoa(unix(c.ClickUnixTimestamp)), c.TransactionID, string(c.Status),
			c.field("offer"), offerName, c.field("affiliate"), affName, c.Event, strconv.FormatBool(c.IsEvent),
			csvAmount(c.Payout), csvAmount(c.Revenue), csvAmount(c.SaleAmount), c.CurrencyID, c.Country, c.Sub1, c.OrderID,
		}, true
	})
}

// csvAmount writes an amount as a CSV cell: its exact decimal, "" for a
// null.
func csvAmount(a money.Amount) string {
	if a.IsNull() {
		return ""
	}
	return a.String()
}

// percent writes a percentage as the shortest decimal that reads back as
// the same value.
func percent(f float64) string { return strconv.FormatFloat(f, 'f', -1, 64) }

// clickRequest is the body of the click stream.
type clickRequest struct {
	reportWindow
	Query *reportQuery `json:"query"`
}

func (c *Click) field(rt string) string {
	switch rt {
	case "offer":
		if o := c.Relationship.Offer; o != nil {
			return itoa(o.NetworkOfferID)
		}
	case "affiliate":
		if a := c.Relationship.Affiliate; a != nil {
			return itoa(a.NetworkAffiliateID)
		}
	case "advertiser":
		if a := c.Relationship.Advertiser; a != nil {
			return itoa(a.NetworkAdvertiserID)
		}
	case "country":
		if g := c.Relationship.Geolocation; g != nil {
			return g.CountryName
		}
	}
	return ""
}

// clickStream answers the clicks of a window of at most 14 days, with
// datetimes only, capped at 10,000 rows.
func (s *Server) clickStream(w http.ResponseWriter, r *http.Request) {
	var b clickRequest
	if !decodeBody(w, r, &b) {
		return
	}
	sp, err := b.resolve(true, maxClickSpan)
	if err != nil {
		writeError(w, http.StatusBadRequest, err.Error())
		return
	}
	m, err := newMatcher(b.Query, "offer", "affiliate", "advertiser", "country")
	if err != nil {
		writeError(w, http.StatusBadRequest, err.Error())
		return
	}
	s.mu.Lock()
	out := []Click{}
	for _, c := range s.clicks {
		if len(out) == ClickStreamLimit {
			break
		}
		if sp.contains(unix(c.UnixTimestamp)) && m.match(c.field) {
			out = append(out, *c)
		}
	}
	s.mu.Unlock()
	fakeserver.WriteJSON(w, http.StatusOK, map[string]any{"clicks": out})
}

func (s *Server) getClick(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	s.mu.Lock()
	var found *Click
	for _, c := range s.clicks {
		if c.TransactionID == id {
			cp := *c
			found = &cp
			break
		}
	}
	s.mu.Unlock()
	if found == nil {
		writeError(w, http.StatusNotFound, msgNotFound)
		return
	}
	fakeserver.WriteJSON(w, http.StatusOK, found)
}

// entityRequest is the body of the entity table, summary and export.
type entityRequest struct {
	reportWindow
	CurrencyID string `json:"currency_id"`
	Columns    []struct {
		Column string `json:"column"`
	} `json:"columns"`
	Query  *reportQuery `json:"query"`
	Format string       `json:"format"`
}

// The entity columns the fake can group by.
var entityColumns = []string{"offer", "affiliate", "advertiser", "country", "sub1", "sub2", "sub3", "sub4", "sub5", "source_id", "hour", "date", "week", "month", "year"}

var timeColumns = []string{"hour", "date", "week", "month", "year"}

// metrics are the measures of an entity row.
type metrics struct {
	Imp         int64        `json:"imp"`
	TotalClick  int64        `json:"total_click"`
	UniqueClick int64        `json:"unique_click"`
	CV          int64        `json:"cv"`
	TotalCV     int64        `json:"total_cv"`
	Event       int64        `json:"event"`
	TotalEvent  int64        `json:"total_event"`
	CTR         float64      `json:"ctr"`
	CVR         float64      `json:"cvr"`
	EVR         float64      `json:"evr"`
	EPC         money.Amount `json:"epc"`
	Payout      money.Amount `json:"payout"`
	Revenue     money.Amount `json:"revenue"`
	Profit      money.Amount `json:"profit"`
	Margin      float64      `json:"margin"`
	GrossSales  money.Amount `json:"gross_sales"`
}

func (m *metrics) finish() {
	m.Payout, m.Revenue, m.GrossSales = shortest(m.Payout), shortest(m.Revenue), shortest(m.GrossSales)
	m.Profit = shortest(minus(m.Revenue, m.Payout))
	if m.Revenue.Sign() > 0 {
		m.Margin = ratioPercent(new(big.Rat).Quo(rat(m.Profit), rat(m.Revenue)))
	}
	if m.UniqueClick > 0 {
		clicks := big.NewRat(m.UniqueClick, 1)
		m.CVR = ratioPercent(big.NewRat(m.CV, m.UniqueClick))
		m.EVR = ratioPercent(big.NewRat(m.Event, m.UniqueClick))
		m.EPC = rounded(new(big.Rat).Quo(rat(m.Payout), clicks))
	}
}

type columnValue struct {
	ColumnType string `json:"column_type"`
	ID         string `json:"id"`
	Label      string `json:"label"`
}

type entityRow struct {
	Columns   []columnValue `json:"columns"`
	Reporting metrics       `json:"reporting"`
}

// entity parses an entity request and aggregates the stored clicks and
// conversions of its window by its columns (none for the summary).
func (s *Server) entity(w http.ResponseWriter, r *http.Request, needColumns bool) (entityRequest, []*entityRow, metrics, bool) {
	var b entityRequest
	var total metrics
	if !decodeBody(w, r, &b) {
		return b, nil, total, false
	}
	sp, err := b.resolve(false, maxReportSpan)
	if err != nil {
		writeError(w, http.StatusBadRequest, err.Error())
		return b, nil, total, false
	}
	if b.CurrencyID == "" {
		writeError(w, http.StatusBadRequest, "currency_id is required")
		return b, nil, total, false
	}
	cols := make([]string, 0, len(b.Columns))
	times := 0
	for _, c := range b.Columns {
		if !slices.Contains(entityColumns, c.Column) {
			writeError(w, http.StatusBadRequest, fmt.Sprintf("invalid column %q", c.Column))
			return b, nil, total, false
		}
		if slices.Contains(timeColumns, c.Column) {
			times++
		}
		cols = append(cols, c.Column)
	}
	switch {
	case needColumns && (len(cols) == 0 || len(cols) > 10):
		writeError(w, http.StatusBadRequest, "between 1 and 10 columns are required")
		return b, nil, total, false
	case times > 1:
		writeError(w, http.StatusBadRequest, "only one time column is allowed")
		return b, nil, total, false
	}
	m, err := newMatcher(b.Query, "offer", "affiliate", "advertiser", "country")
	if err != nil {
		writeError(w, http.StatusBadRequest, err.Error())
		return b, nil, total, false
	}
	groups := map[string]*entityRow{}
	var order []string
	row := func(values []columnValue) *entityRow {
		var key strings.Builder
		for _, v := range values {
			key.WriteString(v.Label + "\x00" + v.ID + "\x00")
		}
		g, ok := groups[key.String()]
		if !ok {
			g = &entityRow{Columns: values}
			groups[key.String()] = g
			order = append(order, key.String())
		}
		return g
	}
	s.mu.Lock()
	for _, c := range s.clicks {
		if !sp.contains(unix(c.UnixTimestamp)) || !m.match(c.field) {
			continue
		}
		g := row(s.clickColumns(c, cols, sp.loc))
		for _, mt := range []*metrics{&g.Reporting, &total} {
			mt.TotalClick++
			if c.IsUnique {
				mt.UniqueClick++
			}
		}
	}
	for _, c := range s.conversions {
		if !sp.contains(unix(c.ConversionUnixTimestamp)) || !m.match(c.field) {
			continue
		}
		g := row(s.conversionColumns(c, cols, sp.loc))
		for _, mt := range []*metrics{&g.Reporting, &total} {
			if c.IsEvent {
				mt.TotalEvent++
			} else {
				mt.TotalCV++
			}
			if c.Status != "approved" {
				continue
			}
			if c.IsEvent {
				mt.Event++
			} else {
				mt.CV++
			}
			mt.Payout = plus(mt.Payout, c.Payout)
			mt.Revenue = plus(mt.Revenue, c.Revenue)
			mt.GrossSales = plus(mt.GrossSales, c.SaleAmount)
		}
	}
	s.mu.Unlock()
	slices.Sort(order)
	rows := make([]*entityRow, 0, len(order))
	for _, k := range order {
		g := groups[k]
		g.Reporting.finish()
		rows = append(rows, g)
	}
	total.finish()
	return b, rows, total, true
}

func (s *Server) columnValue(col string, offer *OfferRef, aff *AffiliateRef, advID int64, country string, subs [5]string, source string, ts int64, loc *time.Location) columnValue {
	v := columnValue{ColumnType: col}
	t := time.Unix(ts, 0).In(loc)
	switch col {
	case "offer":
		if offer != nil {
			v.ID, v.Label = itoa(offer.NetworkOfferID), offer.Name
		}
	case "affiliate":
		if aff != nil {
			v.ID, v.Label = itoa(aff.NetworkAffiliateID), aff.Name
		}
	case "advertiser":
		v.ID, v.Label = itoa(advID), s.advertiserName(advID)
	case "country":
		v.ID, v.Label = country, country
	case "sub1", "sub2", "sub3", "sub4", "sub5":
		v.ID = subs[col[3]-'1']
		v.Label = v.ID
	case "source_id":
		v.ID, v.Label = source, source
	case "hour":
		v.Label = t.Format("2006-01-02 15:00")
	case "date":
		v.Label = t.Format(time.DateOnly)
	case "week":
		y, wk := t.ISOWeek()
		v.Label = fmt.Sprintf("%d-W%02d", y, wk)
	case "month":
		v.Label = t.Format("2006-01")
	case "year":
		v.Label = t.Format("2006")
	}
	if v.ID == "" {
		v.ID = v.Label
	}
	return v
}

func (s *Server) clickColumns(c *Click, cols []string, loc *time.Location) []columnValue {
	out := make([]columnValue, len(cols))
	var adv int64
	if c.Relationship.Advertiser != nil {
		adv = c.Relationship.Advertiser.NetworkAdvertiserID
	}
	for i, col := range cols {
		out[i] = s.columnValue(col, c.Relationship.Offer, c.Relationship.Affiliate, adv, c.field("country"),
			[5]string{c.Sub1, c.Sub2, c.Sub3, c.Sub4, c.Sub5}, c.SourceID, unix(c.UnixTimestamp), loc)
	}
	return out
}

func (s *Server) conversionColumns(c *Conversion, cols []string, loc *time.Location) []columnValue {
	out := make([]columnValue, len(cols))
	var adv int64
	if c.Relationship.Advertiser != nil {
		adv = c.Relationship.Advertiser.NetworkAdvertiserID
	}
	for i, col := range cols {
		out[i] = s.columnValue(col, c.Relationship.Offer, c.Relationship.Affiliate, adv, c.Country,
			[5]string{c.Sub1, c.Sub2, c.Sub3, c.Sub4, c.Sub5}, c.SourceID, unix(c.ConversionUnixTimestamp), loc)
	}
	return out
}

// entityTable answers the table, capped at 10,000 rows with
// incomplete_results, and the summary.
func (s *Server) entityTable(w http.ResponseWriter, r *http.Request) {
	_, rows, total, ok := s.entity(w, r, true)
	if !ok {
		return
	}
	resp := map[string]any{"summary": total}
	if len(rows) > EntityReportLimit {
		rows = rows[:EntityReportLimit]
		resp["incomplete_results"] = true
	}
	resp["table"] = rows
	fakeserver.WriteJSON(w, http.StatusOK, resp)
}

func (s *Server) entitySummary(w http.ResponseWriter, r *http.Request) {
	_, _, total, ok := s.entity(w, r, false)
	if ok {
		fakeserver.WriteJSON(w, http.StatusOK, total)
	}
}

var metricColumns = []string{"imp", "total_click", "unique_click", "cv", "event", "payout", "revenue", "profit", "margin", "gross_sales"}

// entityExport streams the whole table, without the row cap.
func (s *Server) entityExport(w http.ResponseWriter, r *http.Request) {
	b, rows, _, ok := s.entity(w, r, true)
	if !ok || !exportFormat(w, b.Format, "csv", "json") {
		return
	}
	i := 0
	if b.Format == "json" {
		streamNDJSON(w, r, "entity_report", func() (any, bool) {
			if i == len(rows) {
				return nil, false
			}
			i++
			return rows[i-1], true
		})
		return
	}
	var header []string
	for _, c := range b.Columns {
		header = append(header, c.Column+"_id", c.Column)
	}
	header = append(header, metricColumns...)
	streamCSV(w, r, "entity_report", header, func() ([]string, bool) {
		if i == len(rows) {
			return nil, false
		}
		g := rows[i]
		i++
		var rec []string
		for _, v := range g.Columns {
			rec = append(rec, v.ID, v.Label)
		}
		m := g.Reporting
		rec = append(rec, itoa(m.Imp), itoa(m.TotalClick), itoa(m.UniqueClick), itoa(m.CV), itoa(m.Event),
			csvAmount(m.Payout), csvAmount(m.Revenue), csvAmount(m.Profit), percent(m.Margin), csvAmount(m.GrossSales))
		return rec, true
	})
}
