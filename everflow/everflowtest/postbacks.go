package everflowtest

import (
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"time"

	"github.com/affiliatekit/affiliatekit-go/internal/fakeserver"
)

// Generated postback rows fire every postbackSpacing seconds from the
// server's postbackEpoch (the start of the seed window, see seedFrom):
// 200,000 rows span 345 days, inside one report window.
const postbackSpacing = int64(149)

// AddPostback stores a postback log row, filling the network id and
// timestamp when they are zero. Reports serve stored and generated rows
// (SeedPostbacks) merged in timestamp order.
func (s *Server) AddPostback(p PostbackLog) PostbackLog {
	s.mu.Lock()
	defer s.mu.Unlock()
	if p.NetworkID == 0 {
		p.NetworkID = s.network.NetworkID
	}
	if p.Timestamp.IsZero() {
		p.Timestamp = s.stamp()
	}
	c := p
	i, _ := slices.BinarySearchFunc(s.postbacks, unix(p.Timestamp)+1, func(x *PostbackLog, ts int64) int {
		return cmpInt(unix(x.Timestamp), ts)
	})
	s.postbacks = slices.Insert(s.postbacks, i, &c)
	return p
}

// SeedPostbacks adds n generated postback rows. They are not stored:
// every request generates them on the fly from their index, so a fake
// with millions of rows costs no memory and exports of any size stream.
// Row i fires i×149s after the start of the fake's seed window, 28 days
// before the fake's now when the server started (see [WithClock]), so
// the first 16,000 or so lie in the past; about one in ten failed.
func (s *Server) SeedPostbacks(n int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.generated += n
}

// seedDemoPostbacks stores n generated rows spread over the seed window
// (the 28 days before now), for demo output that covers all of it.
func (s *Server) seedDemoPostbacks(n int) {
	src := s.postbackSource(span{})
	s.mu.Lock()
	defer s.mu.Unlock()
	from := s.seedFrom()
	for i := range n {
		p := src.generate(i)
		p.Timestamp = fromUnix(spread(i, n, mix(uint64(i)), from))
		if !p.LastAttempt.IsZero() {
			p.LastAttempt = p.Timestamp.Add(900 * time.Second)
		}
		s.postbacks = append(s.postbacks, &p)
	}
}

// Postbacks returns every postback row, generated and stored, in
// order. With many generated rows this is large; tests of big exports
// should count instead.
func (s *Server) Postbacks() []PostbackLog {
	src := s.postbackSource(span{lo: 0, hi: 1 << 62})
	var out []PostbackLog
	for {
		p, ok := src.next()
		if !ok {
			return out
		}
		out = append(out, p)
	}
}

// postbackSource yields the rows of a window in timestamp order, merging
// the generated rows with the stored ones. It works on a snapshot, so a
// long export holds no lock.
type postbackSource struct {
	offers    []*OfferRef
	affs      []*AffiliateRef
	networkID int64
	epoch     int64 // unix seconds of generated row 0
	i, end    int
	stored    []PostbackLog
	j         int
}

func (s *Server) postbackSource(w span) *postbackSource {
	s.mu.Lock()
	defer s.mu.Unlock()
	offers, affs := s.refs()
	src := &postbackSource{networkID: s.network.NetworkID, epoch: s.postbackEpoch}
	for _, o := range offers {
		src.offers = append(src.offers, o.ref())
	}
	for _, a := range affs {
		src.affs = append(src.affs, affRef(a))
	}
	// Generated row i fires at epoch + i*postbackSpacing.
	epoch := s.postbackEpoch
	first := int64(0)
	if w.lo > epoch {
		first = (w.lo - epoch + postbackSpacing - 1) / postbackSpacing
	}
	last := int64(s.generated)
	if w.hi <= epoch {
		last = 0
	} else if n := (w.hi - epoch + postbackSpacing - 1) / postbackSpacing; n < last {
		last = n
	}
	src.i, src.end = int(min(first, last)), int(last)
	for _, p := range s.postbacks {
		if w.contains(unix(p.Timestamp)) {
			src.stored = append(src.stored, *p)
		}
	}
	return src
}

func (src *postbackSource) next() (PostbackLog, bool) {
	genOK := src.i < src.end
	storedOK := src.j < len(src.stored)
	switch {
	case genOK && (!storedOK || src.epoch+int64(src.i)*postbackSpacing <= unix(src.stored[src.j].Timestamp)):
		p := src.generate(src.i)
		src.i++
		return p, true
	case storedOK:
		p := src.stored[src.j]
		src.j++
		return p, true
	}
	return PostbackLog{}, false
}

// generate builds generated row i.
func (src *postbackSource) generate(i int) PostbackLog {
	h := mix(uint64(i) + 13<<32)
	o := src.offers[h%uint64(len(src.offers))]
	a := src.affs[(h>>16)%uint64(len(src.affs))]
	ts := fromUnix(src.epoch + int64(i)*postbackSpacing)
	tid := hexID(uint64(i) + 17<<40)
	p := PostbackLog{
		NetworkID: src.networkID, NetworkOfferID: o.NetworkOfferID, AffiliateID: a.NetworkAffiliateID,
		PixelID: 100 + int64((h>>40)%40), ConversionID: hexID(uint64(i) + 19<<40), TransactionID: tid,
		Timestamp: ts, DeliveryMethod: "postback", PixelLevel: "global", PixelStatus: "active",
		PixelType: "conversion", IsSuccess: (h>>32)%10 != 0,
	}
	if (h>>8)%3 == 0 {
		p.PixelLevel = "specific"
	}
	if (h>>20)%17 == 0 {
		p.DeliveryMethod = "html"
		p.Payload = `<img src="https://pixel.partner-` + strconv.FormatInt(a.NetworkAffiliateID, 10) + `.example/c.gif?tid=` + tid + `" width="1" height="1">`
	} else {
		p.Payload = "https://postback.partner-" + strconv.FormatInt(a.NetworkAffiliateID, 10) + ".example/cb?tid=" + tid + "&offer=" + strconv.FormatInt(o.NetworkOfferID, 10)
	}
	status := "200"
	if !p.IsSuccess {
		status = []string{"500", "404", "503", "504"}[(h>>44)%4]
		p.LastAttempt, p.FailedAttempts = ts.Add(900*time.Second), 3
	}
	p.DebugInformation = fmt.Sprintf("PostbackUrl: %s\nStatus: %s\nScheme: \nPath: \nAuthority: \nHeaders: Server: [nginx]", p.Payload, status)
	p.Relationship.Offer = o
	p.Relationship.Affiliate = a
	return p
}

// postbackRequest is the body of the postback report and its export.
type postbackRequest struct {
	reportWindow
	Query  *reportQuery `json:"query"`
	Format string       `json:"format"`
}

// parse checks the request and returns its window and matcher.
func (s *Server) parsePostbacks(w http.ResponseWriter, r *http.Request) (postbackRequest, span, matcher, bool) {
	var b postbackRequest
	if !decodeBody(w, r, &b) {
		return b, span{}, matcher{}, false
	}
	sp, err := b.resolve(false, maxReportSpan)
	if err != nil {
		writeError(w, http.StatusBadRequest, err.Error())
		return b, sp, matcher{}, false
	}
	m, err := newMatcher(b.Query, "offer", "affiliate", "delivery_status")
	if err != nil {
		writeError(w, http.StatusBadRequest, err.Error())
		return b, sp, m, false
	}
	for _, list := range [][]string{m.include["delivery_status"], m.exclude["delivery_status"]} {
		for _, v := range list {
			if v != "success" && v != "failure" {
				writeError(w, http.StatusBadRequest, "delivery_status must be success or failure")
				return b, sp, m, false
			}
		}
	}
	return b, sp, m, true
}

func (p *PostbackLog) field(rt string) string {
	switch rt {
	case "offer":
		return itoa(p.NetworkOfferID)
	case "affiliate":
		return itoa(p.AffiliateID)
	case "delivery_status":
		if p.IsSuccess {
			return "success"
		}
		return "failure"
	}
	return ""
}

// postbackReport answers at most 1000 rows and says nothing about the
// rest, as Everflow does.
func (s *Server) postbackReport(w http.ResponseWriter, r *http.Request) {
	_, sp, m, ok := s.parsePostbacks(w, r)
	if !ok {
		return
	}
	src := s.postbackSource(sp)
	out := []PostbackLog{}
	for len(out) < PostbackReportLimit {
		p, ok := src.next()
		if !ok {
			break
		}
		if m.match(p.field) {
			out = append(out, p)
		}
	}
	fakeserver.WriteJSON(w, http.StatusOK, map[string]any{"pixels": out})
}

// postbackColumns is the CSV layout of the export.
var postbackColumns = []string{
	"timestamp", "network_offer_id", "offer_name", "affiliate_id", "affiliate_name", "pixel_id",
	"conversion_id", "transaction_id", "delivery_method", "pixel_level", "pixel_status", "pixel_type",
	"payload", "is_success", "failed_attempts", "last_attempt", "debug_information",
}

// postbackExport streams every matching row, generated on the fly.
func (s *Server) postbackExport(w http.ResponseWriter, r *http.Request) {
	b, sp, m, ok := s.parsePostbacks(w, r)
	if !ok || !exportFormat(w, b.Format, "csv", "json") {
		return
	}
	src := s.postbackSource(sp)
	nextMatch := func() (PostbackLog, bool) {
		for {
			p, ok := src.next()
			if !ok || m.match(p.field) {
				return p, ok
			}
		}
	}
	if b.Format == "json" {
		streamNDJSON(w, r, "affiliate_postbacks", func() (any, bool) {
			p, ok := nextMatch()
			return &p, ok
		})
		return
	}
	streamCSV(w, r, "affiliate_postbacks", postbackColumns, func() ([]string, bool) {
		p, ok := nextMatch()
		if !ok {
			return nil, false
		}
		offerName, affName := "", ""
		if p.Relationship.Offer != nil {
			offerName = p.Relationship.Offer.Name
		}
		if p.Relationship.Affiliate != nil {
			affName = p.Relationship.Affiliate.Name
		}
		return []string{
			itoa(unix(p.Timestamp)), itoa(p.NetworkOfferID), offerName, itoa(p.AffiliateID),
			affName, itoa(p.PixelID), p.ConversionID, p.TransactionID, string(p.DeliveryMethod),
			string(p.PixelLevel), string(p.PixelStatus), string(p.PixelType), p.Payload, strconv.FormatBool(p.IsSuccess),
			strconv.Itoa(p.FailedAttempts), itoa(unix(p.LastAttempt)), p.DebugInformation,
		}, true
	})
}
