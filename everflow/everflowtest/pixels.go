package everflowtest

import (
	"fmt"
	"github.com/affiliatekit/affiliatekit-go/everflow"
	"net/http"
	"slices"
	"strings"

	"github.com/affiliatekit/affiliatekit-go/internal/fakeserver"
)

// AddPixel stores a postback configuration, assigning an id, the network
// id and timestamps when they are zero, and returns what was stored.
func (s *Server) AddPixel(p Pixel) Pixel {
	s.mu.Lock()
	defer s.mu.Unlock()
	return *s.addPixelLocked(p)
}

func (s *Server) addPixelLocked(p Pixel) *Pixel {
	if p.NetworkPixelID == 0 {
		p.NetworkPixelID = s.nextID(lastID(s.pixels, pixelID))
	}
	if p.NetworkID == 0 {
		p.NetworkID = s.network.NetworkID
	}
	if p.TimeCreated.IsZero() {
		p.TimeCreated = s.stamp()
	}
	if p.TimeSaved.IsZero() {
		p.TimeSaved = p.TimeCreated
	}
	ptr := &p
	s.pixels = insertByID(s.pixels, ptr, pixelID)
	return ptr
}

// Pixels returns a snapshot of the stored postback configurations, by id.
func (s *Server) Pixels() []Pixel {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]Pixel, len(s.pixels))
	for i, p := range s.pixels {
		out[i] = *p
	}
	return out
}

func (s *Server) pixelByID(id int64) *Pixel { return findByID(s.pixels, id, pixelID) }

// pixelView is a pixel with its affiliate and offer.
type pixelView struct {
	Pixel
	Relationship map[string]any `json:"relationship"`
}

func (s *Server) pixelView(p *Pixel) pixelView {
	rel := map[string]any{}
	if a := s.affiliateByID(p.NetworkAffiliateID); a != nil {
		rel["affiliate"] = *a
	}
	if o := s.offerByID(p.NetworkOfferID); o != nil {
		rel["offer"] = o.ref()
	}
	return pixelView{Pixel: *p, Relationship: rel}
}

func (s *Server) listPixels(w http.ResponseWriter, r *http.Request) {
	filters, err := basicFilters(r, "network_affiliate_id", "network_offer_id", "pixel_status", "pixel_level", "delivery_method", "time_saved")
	if err != nil {
		writeError(w, http.StatusBadRequest, err.Error())
		return
	}
	s.mu.Lock()
	var out []pixelView
	for _, p := range s.pixels {
		ok := true
		for _, f := range filters {
			switch f.field {
			case "network_affiliate_id":
				ok = ok && f.matches(p.NetworkAffiliateID)
			case "network_offer_id":
				ok = ok && f.matches(p.NetworkOfferID)
			case "pixel_status":
				ok = ok && f.matches(p.PixelStatus)
			case "pixel_level":
				ok = ok && f.matches(p.PixelLevel)
			case "delivery_method":
				ok = ok && f.matches(p.DeliveryMethod)
			case "time_saved":
				ok = ok && f.matches(p.TimeSaved)
			}
		}
		if ok {
			out = append(out, s.pixelView(p))
		}
	}
	s.mu.Unlock()
	writePage(w, r, "pixels", nonNil(out))
}

func (s *Server) getPixel(w http.ResponseWriter, r *http.Request) {
	id, ok := pathID(w, r)
	if !ok {
		return
	}
	s.mu.Lock()
	p := s.pixelByID(id)
	var v pixelView
	if p != nil {
		v = s.pixelView(p)
	}
	s.mu.Unlock()
	if p == nil {
		writeError(w, http.StatusNotFound, msgNotFound)
		return
	}
	fakeserver.WriteJSON(w, http.StatusOK, v)
}

// pixelBody is the body of the pixel create and update.
type pixelBody struct {
	NetworkAffiliateID          int64                   `json:"network_affiliate_id"`
	NetworkOfferID              int64                   `json:"network_offer_id"`
	NetworkOfferPayoutRevenueID int64                   `json:"network_offer_payout_revenue_id"`
	DeliveryMethod              everflow.DeliveryMethod `json:"delivery_method"`
	PixelLevel                  everflow.PixelLevel     `json:"pixel_level"`
	PixelStatus                 everflow.PixelStatus    `json:"pixel_status"`
	PixelType                   everflow.PixelType      `json:"pixel_type"`
	PostbackURL                 string                  `json:"postback_url"`
	HTMLCode                    string                  `json:"html_code"`
	Description                 string                  `json:"description"`
	DelayMS                     int                     `json:"delay_ms"`
	FacebookPixel               map[string]any          `json:"facebook_pixel"`
	TiktokPixel                 map[string]any          `json:"tiktok_pixel"`
	SnapchatPixel               map[string]any          `json:"snapchat_pixel"`
	RumblePixel                 map[string]any          `json:"rumble_pixel"`
}

// validate applies the documented rules of a postback configuration.
func (s *Server) validatePixel(b *pixelBody) string {
	oneOf := func(field, v string, allowed ...string) string {
		if !slices.Contains(allowed, v) {
			return fmt.Sprintf("%s must be one of %s", field, strings.Join(allowed, ", "))
		}
		return ""
	}
	for _, msg := range []string{
		oneOf("delivery_method", string(b.DeliveryMethod), "postback", "html", "facebook", "tiktok", "snapchat", "rumble"),
		oneOf("pixel_level", string(b.PixelLevel), "global", "specific", "global_offer"),
		oneOf("pixel_status", string(b.PixelStatus), "active", "inactive"),
		oneOf("pixel_type", string(b.PixelType), "conversion", "event", "cpc"),
	} {
		if msg != "" {
			return msg
		}
	}
	switch {
	case b.DelayMS < 0 || b.DelayMS > 300000:
		return "delay_ms must be between 0 and 300000"
	case b.DeliveryMethod == "postback" && !strings.HasPrefix(b.PostbackURL, "http://") && !strings.HasPrefix(b.PostbackURL, "https://"):
		return "postback_url is required and must start with http:// or https://"
	case b.DeliveryMethod == "html" && strings.TrimSpace(b.HTMLCode) == "":
		return "html_code is required"
	case b.DeliveryMethod == "facebook" && b.FacebookPixel == nil,
		b.DeliveryMethod == "tiktok" && b.TiktokPixel == nil,
		b.DeliveryMethod == "snapchat" && b.SnapchatPixel == nil,
		b.DeliveryMethod == "rumble" && b.RumblePixel == nil:
		return string(b.DeliveryMethod) + "_pixel is required"
	case b.PixelType == "cpc" && b.PixelLevel != "global":
		return "pixel_level cannot be changed when pixel_type is cpc"
	}
	switch b.PixelLevel {
	case "global":
		if b.NetworkAffiliateID == 0 || b.NetworkOfferID != 0 {
			return "a global postback needs network_affiliate_id and network_offer_id 0"
		}
	case "specific":
		if b.NetworkAffiliateID == 0 || b.NetworkOfferID == 0 {
			return "a specific postback needs network_affiliate_id and network_offer_id"
		}
	case "global_offer":
		if b.NetworkOfferID == 0 || b.NetworkAffiliateID != 0 {
			return "a global_offer postback needs network_offer_id and network_affiliate_id 0"
		}
	}
	if b.NetworkAffiliateID != 0 && s.affiliateByID(b.NetworkAffiliateID) == nil {
		return fmt.Sprintf("affiliate %d does not exist", b.NetworkAffiliateID)
	}
	if b.NetworkOfferID != 0 && s.offerByID(b.NetworkOfferID) == nil {
		return fmt.Sprintf("offer %d does not exist", b.NetworkOfferID)
	}
	return ""
}

func (b *pixelBody) apply(p *Pixel) {
	p.NetworkAffiliateID, p.NetworkOfferID, p.NetworkOfferPayoutRevenueID = b.NetworkAffiliateID, b.NetworkOfferID, b.NetworkOfferPayoutRevenueID
	p.DeliveryMethod, p.PixelLevel, p.PixelStatus, p.PixelType = b.DeliveryMethod, b.PixelLevel, b.PixelStatus, b.PixelType
	p.PostbackURL, p.HTMLCode, p.Description, p.DelayMS = b.PostbackURL, b.HTMLCode, b.Description, b.DelayMS
	p.FacebookPixel, p.TiktokPixel, p.SnapchatPixel, p.RumblePixel = b.FacebookPixel, b.TiktokPixel, b.SnapchatPixel, b.RumblePixel
}

func (s *Server) createPixel(w http.ResponseWriter, r *http.Request) {
	var b pixelBody
	if !decodeBody(w, r, &b) {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if msg := s.validatePixel(&b); msg != "" {
		writeError(w, http.StatusBadRequest, msg)
		return
	}
	var p Pixel
	b.apply(&p)
	fakeserver.WriteJSON(w, http.StatusOK, s.pixelView(s.addPixelLocked(p)))
}

func (s *Server) updatePixel(w http.ResponseWriter, r *http.Request) {
	id, ok := pathID(w, r)
	if !ok {
		return
	}
	var b pixelBody
	if !decodeBody(w, r, &b) {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	p := s.pixelByID(id)
	if p == nil {
		writeError(w, http.StatusNotFound, msgNotFound)
		return
	}
	if msg := s.validatePixel(&b); msg != "" {
		writeError(w, http.StatusBadRequest, msg)
		return
	}
	next := Pixel{NetworkPixelID: p.NetworkPixelID, NetworkID: p.NetworkID, TimeCreated: p.TimeCreated, TimeSaved: s.stamp()}
	b.apply(&next)
	*p = next
	fakeserver.WriteJSON(w, http.StatusOK, s.pixelView(p))
}

// pixelTable is the body of the pixel table search. Everflow does not
// document its filter names; the fake reads these.
type pixelTable struct {
	SearchTerms []searchTerm `json:"search_terms"`
	Filters     struct {
		NetworkAffiliateID int64                   `json:"network_affiliate_id"`
		NetworkOfferID     int64                   `json:"network_offer_id"`
		PixelStatus        everflow.PixelStatus    `json:"pixel_status"`
		DeliveryMethod     everflow.DeliveryMethod `json:"delivery_method"`
	} `json:"filters"`
}

func (s *Server) searchPixels(w http.ResponseWriter, r *http.Request) {
	var b pixelTable
	if !decodeBody(w, r, &b) {
		return
	}
	f := b.Filters
	s.mu.Lock()
	var out []pixelView
	for _, p := range s.pixels {
		ok := f.NetworkAffiliateID == 0 || p.NetworkAffiliateID == f.NetworkAffiliateID
		ok = ok && (f.NetworkOfferID == 0 || p.NetworkOfferID == f.NetworkOfferID)
		ok = ok && (f.PixelStatus == "" || p.PixelStatus == f.PixelStatus)
		ok = ok && (f.DeliveryMethod == "" || p.DeliveryMethod == f.DeliveryMethod)
		for _, t := range b.SearchTerms {
			ok = ok && (containsFold(p.PostbackURL, t.Value) || containsFold(p.Description, t.Value))
		}
		if ok {
			out = append(out, s.pixelView(p))
		}
	}
	s.mu.Unlock()
	writePage(w, r, "pixels", nonNil(out))
}
