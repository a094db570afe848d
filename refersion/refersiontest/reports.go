package refersiontest

import (
	"bytes"
	"crypto/sha1"
	"encoding/csv"
	"encoding/hex"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/affiliatekit/affiliatekit-go/internal/fakeserver"
	"github.com/affiliatekit/affiliatekit-go/internal/money"
)

// accountID is the account number in the fake's download links.
const accountID = 37

func (s *Server) reportingLink(f fields) (any, *apiError) {
	if !f.present("report_id") {
		return nil, missing("report_id")
	}
	id, ok := f.int("report_id")
	if !ok {
		return nil, notAllowed(f.raw("report_id"), "report_id")
	}
	if s.reports[id] == nil {
		return nil, unprocessable("Report ID not Found or Expired (error 5).")
	}
	s.linkSeq++
	sum := sha1.Sum([]byte(fmt.Sprintf("refersiontest-%d-%d", id, s.linkSeq)))
	token := hex.EncodeToString(sum[:])
	expires := s.now().Add(LinkLifetime).Truncate(time.Second)
	s.links[token] = link{reportID: id, expires: expires}
	return map[string]any{
		"download_link": fmt.Sprintf("%s%s%d/%d/%s", s.root, downloadPrefix, accountID, id, token),
		"expire_time":   expires.Unix(),
	}, nil
}

// download serves a signed report link: a plain GET, no API keys.
func (s *Server) download(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet {
		w.Header().Set("Allow", http.MethodGet)
		fakeserver.WriteJSON(w, http.StatusMethodNotAllowed, map[string]string{"error": "Method not allowed"})
		return
	}
	parts := strings.Split(strings.TrimPrefix(r.URL.Path, downloadPrefix), "/")
	s.mu.Lock()
	defer s.mu.Unlock()
	l, ok := s.links[parts[len(parts)-1]]
	if !ok || len(parts) != 3 || parts[1] != strconv.FormatInt(l.reportID, 10) || !s.now().Before(l.expires) {
		fakeserver.WriteJSON(w, http.StatusNotFound, map[string]string{"error": "File is not available"})
		return
	}
	body := s.reports[l.reportID].Body
	if body == "" {
		body = s.conversionsCSV()
	}
	w.Header().Set("Content-Type", "text/csv; charset=utf-8")
	w.Header().Set("Content-Disposition", fmt.Sprintf(`attachment; filename="report-%d.csv"`, l.reportID))
	w.Header().Set("Content-Length", strconv.Itoa(len(body)))
	_, _ = w.Write([]byte(body))
}

// ConversionsCSVHeader is the header row of the conversions report.
const ConversionsCSVHeader = "conversion_id,created,affiliate_id,affiliate_code,affiliate_name,offer_id," +
	"order_id,type,status,payment_status,currency,order_total,commission_total"

// conversionsCSV renders the conversions report.
func (s *Server) conversionsCSV() string {
	var b bytes.Buffer
	cw := csv.NewWriter(&b)
	_ = cw.Write(strings.Split(ConversionsCSVHeader, ","))
	for _, c := range s.conversions {
		code, name := "", ""
		if a := s.affiliate(c.AffiliateID); a != nil {
			code, name = a.Code, strings.TrimSpace(a.FirstName+" "+a.LastName)
		}
		_ = cw.Write([]string{
			strconv.FormatInt(c.ID, 10), c.Created.UTC().Format(totalsTimeLayout), strconv.FormatInt(c.AffiliateID, 10),
			code, name, strconv.FormatInt(c.OfferID, 10), c.OrderID, string(c.Type), string(c.Status), string(c.PaymentStatus), c.Currency,
			csvAmount(c.Total), csvAmount(c.CommissionTotal),
		})
	}
	cw.Flush()
	return b.String()
}

// csvAmount writes an amount with at least two decimals ("24.00"), exactly.
func csvAmount(a money.Amount) string {
	if a.IsNull() {
		return ""
	}
	s := a.String()
	whole, frac, _ := strings.Cut(s, ".")
	for len(frac) < 2 {
		frac += "0"
	}
	return whole + "." + frac
}
