package partnerstacktest

import (
	"net/http"
	"slices"
	"strings"
	"time"
)

// TrackingToken is the tracking token the conversion host accepts, as a
// bearer token, on POST /conversion/xid.
const TrackingToken = "pstt_track_3a9e7c1f5d2b4806"

// Conversion is a server-to-server conversion the fake received.
type Conversion struct {
	XID          string            `json:"xid"`
	CustomerKey  string            `json:"customer_key"`
	Email        string            `json:"email,omitempty"`
	Name         string            `json:"name,omitempty"`
	Origin       string            `json:"origin,omitempty"`
	IPAddress    string            `json:"ip_address,omitempty"`
	UserAgent    string            `json:"user_agent,omitempty"`
	ExternalType string            `json:"external_type,omitempty"`
	SubIDs       []string          `json:"sub_ids,omitempty"`
	Meta         map[string]string `json:"meta,omitempty"`
	// CreatedAt is when the fake received it (its clock, to the
	// millisecond, in UTC).
	CreatedAt time.Time `json:"-"`
}

// DistiListingCategory is one category of the disti listing taxonomy.
type DistiListingCategory struct {
	ID          int64  `json:"id"`
	Slug        string `json:"slug"`
	Name        string `json:"name"`
	ProductLine string `json:"productLine"`
}

// distiCategories is the fake's taxonomy. PartnerStack documents the
// fields (AppDirect id, slug, name, productLine) but publishes no example,
// so the fake answers them in its usual envelope, as a list in data.
var distiCategories = []DistiListingCategory{
	{ID: 1001, Slug: "analytics", Name: "Analytics", ProductLine: "software"},
	{ID: 1002, Slug: "collaboration", Name: "Collaboration", ProductLine: "software"},
	{ID: 1003, Slug: "security", Name: "Security", ProductLine: "software"},
	{ID: 2001, Slug: "cloud-infrastructure", Name: "Cloud Infrastructure", ProductLine: "cloud"},
}

// conversionRoutes registers the disti taxonomy and the conversion host.
// The conversion host (partnerlinks.io in production) is served at the
// root of the fake, ConversionURL, with its own credential.
func (s *Server) conversionRoutes(mux *http.ServeMux) {
	s.route(mux, "GET /disti/listings/categories", vendor, func(w http.ResponseWriter, _ *http.Request, _ role) {
		writeData(w, http.StatusOK, "Categories retrieved successfully", distiCategories)
	})
	mux.HandleFunc("POST /conversion/xid", s.recordConversion)
}

// recordConversion serves POST /conversion/xid: a bearer tracking token
// (the vendor key pair and partner keys are refused), then xid and
// customer_key required.
func (s *Server) recordConversion(w http.ResponseWriter, r *http.Request) {
	scheme, cred, _ := strings.Cut(r.Header.Get("Authorization"), " ")
	if !strings.EqualFold(scheme, "Bearer") || strings.TrimSpace(cred) != TrackingToken {
		writeError(w, http.StatusUnauthorized, "Invalid tracking token.")
		return
	}
	var c Conversion
	if !decode(w, r, &c) {
		return
	}
	switch {
	case strings.TrimSpace(c.XID) == "":
		writeError(w, http.StatusBadRequest, "xid is required")
		return
	case strings.TrimSpace(c.CustomerKey) == "":
		writeError(w, http.StatusBadRequest, "customer_key is required")
		return
	}
	s.mu.Lock()
	c.CreatedAt = s.nowTime()
	s.conversions = append(s.conversions, c)
	s.mu.Unlock()
	writeData(w, http.StatusOK, "Conversion recorded successfully", map[string]string{"customer_key": c.CustomerKey, "xid": c.XID})
}

// Conversions returns the server-to-server conversions received.
func (s *Server) Conversions() []Conversion {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := slices.Clone(s.conversions)
	for i := range out {
		out[i].SubIDs = slices.Clone(out[i].SubIDs)
	}
	return out
}
