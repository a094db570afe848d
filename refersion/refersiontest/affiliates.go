package refersiontest

import (
	"fmt"
	"net/http"
	"sort"
	"strconv"
	"strings"
	"unicode"

	"github.com/affiliatekit/affiliatekit-go/refersion"
)

// listItem is an affiliate in the affiliate/list and affiliate/search
// envelope: "id" holds the affiliate code.
type listItem struct {
	ID           string                    `json:"id"`
	OfferID      refersion.FlexString      `json:"offer_id"`
	Status       refersion.AffiliateStatus `json:"status"`
	FirstName    string                    `json:"first_name"`
	LastName     string                    `json:"last_name"`
	Email        string                    `json:"email"`
	CustomFields []refersion.CustomField   `json:"custom_fields"`
}

// getItem is the affiliate/get answer: "id" holds the numeric id.
type getItem struct {
	ID           int64                     `json:"id"`
	OfferID      refersion.FlexString      `json:"offer_id"`
	Status       refersion.AffiliateStatus `json:"status"`
	FirstName    string                    `json:"first_name"`
	LastName     string                    `json:"last_name"`
	CompanyName  string                    `json:"company_name"`
	Email        string                    `json:"email"`
	Link         string                    `json:"link"`
	CustomFields []refersion.CustomField   `json:"custom_fields"`
}

type envelope struct {
	Total   int        `json:"total"`
	Results []listItem `json:"results"`
}

func toListItem(a *Affiliate) listItem {
	return listItem{ID: a.Code, OfferID: a.OfferID, Status: a.Status, FirstName: a.FirstName,
		LastName: a.LastName, Email: a.Email, CustomFields: a.CustomFields}
}

// pageParam reads "page": missing or 0 is the first page.
func pageParam(f fields) (int, *apiError) {
	if !f.present("page") {
		return 1, nil
	}
	p, ok := f.int("page")
	if !ok || p < 0 {
		return 0, notAllowed(f.raw("page"), "page")
	}
	return max(int(p), 1), nil
}

func page(all []*Affiliate, pageNo, size int) envelope {
	env := envelope{Total: len(all), Results: []listItem{}}
	lo := min((pageNo-1)*size, len(all))
	hi := min(lo+size, len(all))
	for _, a := range all[lo:hi] {
		env.Results = append(env.Results, toListItem(a))
	}
	return env
}

func (s *Server) affiliateList(f fields) (any, *apiError) {
	limit := int64(DefaultPerPage)
	if f.present("limit") {
		var ok bool
		if limit, ok = f.int("limit"); !ok || limit < 1 {
			return nil, notAllowed(f.raw("limit"), "limit")
		}
	}
	p, e := pageParam(f)
	if e != nil {
		return nil, e
	}
	return page(s.affiliates.All(), p, int(min(limit, MaxPerPage))), nil
}

func (s *Server) affiliateSearch(f fields) (any, *apiError) {
	keyword, _ := f.str("keyword")
	keyword = strings.TrimSpace(keyword)
	if keyword == "" {
		return nil, missing("keyword")
	}
	p, e := pageParam(f)
	if e != nil {
		return nil, e
	}
	first, _ := f.str("first_name")
	last, _ := f.str("last_name")
	kw := strings.ToLower(keyword)
	var hits []*Affiliate
	for _, a := range s.affiliates.All() {
		match := a.Code == keyword || strconv.FormatInt(a.ID, 10) == keyword ||
			strings.Contains(strings.ToLower(a.Email), kw)
		if match && (first == "" || strings.EqualFold(first, a.FirstName)) &&
			(last == "" || strings.EqualFold(last, a.LastName)) {
			hits = append(hits, a)
		}
	}
	if len(hits) == 0 {
		return nil, unprocessable("Could not find affiliates with this keyword.")
	}
	return page(hits, p, SearchPerPage), nil
}

func (s *Server) affiliateGet(f fields) (any, *apiError) {
	var a *Affiliate
	switch {
	case f.present("id"):
		id, ok := f.int("id")
		if !ok {
			return nil, notAllowed(f.raw("id"), "id")
		}
		a = s.affiliate(id)
	case f.present("affiliate_code"):
		code, _ := f.str("affiliate_code")
		a = s.byCode[code]
	default:
		return nil, unprocessable("Request filter not provided.")
	}
	if a == nil {
		return nil, unprocessable(msgAffNotFound)
	}
	return getItem{ID: a.ID, OfferID: a.OfferID, Status: a.Status, FirstName: a.FirstName, LastName: a.LastName,
		CompanyName: a.CompanyName, Email: a.Email, Link: a.Link, CustomFields: a.CustomFields}, nil
}

// countries are the codes affiliate/new and affiliate/edit accept.
var countries = strings.Fields(`US AE AR AS AT AU BA BD BE BG BR CA CH CL CN CO CR CZ DE DK DZ EE ES FI FM FO FR
GB GH GR GU HK HN HR HU ID IE IL IM IN IS IT JM JP KR KW LT LU LV MA MH MK MP MT MX MY NG NL NO NZ OM PE PH PK PL
PR PT PW QA RO RS RU SA SE SG SI SK SV TH TN TR TW TZ UA UY VG VI VN WS ZA`)

// passwordErrors returns the messages for a password that breaks
// Refersion's rules.
func passwordErrors(pw, email string) []string {
	var errs []string
	n := len([]rune(pw))
	if n > 72 {
		errs = append(errs, fmt.Sprintf("The password should not be longer than 72 characters. Current password length is %d characters", n))
	}
	if n < 9 {
		errs = append(errs, fmt.Sprintf("The password should be at least 9 characters long. Current password length is %d characters", n))
	}
	if strings.EqualFold(pw, email) {
		errs = append(errs, "The password can't be the same as the e-mail")
	}
	run, prev := 0, rune(-1)
	repeated := false
	var upper, lower, digit, symbol bool
	for _, r := range pw {
		if r == prev {
			run++
		} else {
			run, prev = 1, r
		}
		repeated = repeated || run > 3
		switch {
		case unicode.IsUpper(r):
			upper = true
		case unicode.IsLower(r):
			lower = true
		case unicode.IsDigit(r):
			digit = true
		default:
			symbol = true
		}
	}
	if repeated {
		errs = append(errs, "The password can't have the same character repeated more than 3 times in a row")
	}
	if !upper || !lower || !digit || !symbol {
		errs = append(errs, "The password should have at least 1 number, 1 uppercase letter, 1 lowercase letter and 1 symbol.")
	}
	return errs
}

func validEmail(e string) bool {
	at := strings.Index(e, "@")
	return at > 0 && strings.Contains(e[at:], ".") && !strings.ContainsAny(e, " \t")
}

func (s *Server) emailTaken(email string, except int64) bool {
	for _, a := range s.affiliates.All() {
		if a.ID != except && strings.EqualFold(a.Email, email) {
			return true
		}
	}
	return false
}

func (s *Server) triggerExists(typ refersion.TriggerType, value string) bool {
	for _, t := range s.triggers {
		if t.Type == typ && strings.EqualFold(t.Trigger, value) {
			return true
		}
	}
	return false
}

func (s *Server) affiliateNew(f fields) (any, *apiError) {
	for _, k := range []string{"first_name", "last_name", "email", "password", "status"} {
		if !f.present(k) {
			return nil, missing(k)
		}
	}
	str := func(k string) string { v, _ := f.str(k); return strings.TrimSpace(v) }
	status := str("status")
	if !oneOf(status, "ACTIVE", "PENDING") {
		return nil, notAllowed(status, "status")
	}
	email := str("email")
	if !validEmail(email) {
		return nil, notAllowed(email, "email")
	}
	var errs []string
	if s.emailTaken(email, 0) {
		errs = append(errs, msgEmailTaken)
	}
	pw, _ := f.str("password")
	errs = append(errs, passwordErrors(pw, email)...)
	if c := str("country"); c != "" && !oneOf(c, countries...) {
		errs = append(errs, fmt.Sprintf("%s is not a allowed value for field country", c))
	}
	welcome := false
	if f.present("send_welcome") {
		w := strings.ToUpper(str("send_welcome"))
		if !oneOf(w, "TRUE", "FALSE") {
			errs = append(errs, fmt.Sprintf("%s is not a allowed value for field send_welcome", str("send_welcome")))
		}
		welcome = w == "TRUE"
	}
	offer := str("offer")
	if offer == "" {
		offer = defaultOfferID
	} else if !s.hasOffer(offer) {
		errs = append(errs, msgOfferMissing)
	}
	coupon := strings.ToUpper(str("conversion_trigger_coupon"))
	if coupon != "" && s.triggerExists(refersion.TriggerCoupon, coupon) {
		errs = append(errs, msgTriggerExists)
	}
	if len(errs) > 0 {
		return nil, unprocessable(errs...)
	}
	a := s.addAffiliate(Affiliate{
		FirstName: str("first_name"), LastName: str("last_name"), Email: email,
		Status: refersion.AffiliateStatus(status), OfferID: refersion.FlexString(offer),
		CompanyName: str("company"), PaypalEmail: str("paypal_email"), Address1: str("address1"),
		Address2: str("address2"), City: str("city"), State: str("state"), Zip: str("zip"),
		Country: str("country"), Phone: str("phone"), SendWelcome: welcome, UniqueMerchantID: str("unique_merchant_id"),
	})
	if coupon != "" {
		s.addTrigger(Trigger{AffiliateID: a.ID, Type: refersion.TriggerCoupon, Trigger: coupon})
	}
	return map[string]string{
		"id":      a.Code,
		"link":    a.Link,
		"message": fmt.Sprintf("The affiliate %d has been created with the status of %s.", a.ID, a.Status),
	}, nil
}

var editFields = []string{"id", "offer", "first_name", "last_name", "email", "paypal_email", "company",
	"address1", "address2", "city", "state", "zip", "country", "phone", "custom_fields"}

type changeResult struct {
	IDsChanged    []int64 `json:"ids_changed"`
	IDsNotChanged []int64 `json:"ids_not_changed"`
}

func newChangeResult() *changeResult {
	return &changeResult{IDsChanged: []int64{}, IDsNotChanged: []int64{}}
}

func (s *Server) affiliateEdit(f fields) (any, *apiError) {
	if !f.present("affiliates") {
		return nil, missing("affiliates")
	}
	edits, ok := f.objects("affiliates")
	if !ok {
		return nil, notAllowed(f.raw("affiliates"), "affiliates")
	}
	if len(edits) == 0 {
		return nil, missing("affiliates")
	}
	// Validate every element before changing anything.
	for _, e := range edits {
		if ae := checkFields(e, editFields); ae != nil {
			return nil, ae
		}
		if !e.present("id") {
			return nil, missing("id")
		}
		id, ok := e.int("id")
		if !ok {
			return nil, notAllowed(e.raw("id"), "id")
		}
		if len(e) < 2 {
			return nil, &apiError{http.StatusBadRequest, map[string]string{"error": "Missing required field: at least one field besides id"}}
		}
		if e.present("offer") {
			if _, ok := e.int("offer"); !ok || !s.hasOffer(e.raw("offer")) {
				// Refersion's documented 404 example for affiliate/edit puts an
				// array under "error".
				return nil, &apiError{http.StatusNotFound, map[string][]string{"error": {msgOfferMissing}}}
			}
		}
		if email, ok := e.str("email"); ok && email != "" {
			if !validEmail(email) {
				return nil, notAllowed(email, "email")
			}
			if s.emailTaken(email, id) {
				return nil, unprocessable(msgEmailTaken)
			}
		}
		if c, ok := e.str("country"); ok && c != "" && !oneOf(c, countries...) {
			return nil, notAllowed(c, "country")
		}
		if e.present("custom_fields") {
			cfs, ok := e.objects("custom_fields")
			if !ok {
				return nil, notAllowed(e.raw("custom_fields"), "custom_fields")
			}
			for _, cf := range cfs {
				for k := range cf {
					if _, known := customFieldLabels[k]; !known {
						return nil, notAllowed(k, "custom_fields")
					}
				}
			}
		}
	}
	res := newChangeResult()
	for _, e := range edits {
		id, _ := e.int("id")
		a := s.affiliate(id)
		if a == nil {
			res.IDsNotChanged = append(res.IDsNotChanged, id)
			continue
		}
		set := func(k string, dst *string) {
			if v, ok := e.str(k); ok && e.present(k) {
				*dst = v
			}
		}
		if v, ok := e.str("offer"); ok && e.present("offer") {
			a.OfferID = refersion.FlexString(v)
		}
		set("first_name", &a.FirstName)
		set("last_name", &a.LastName)
		set("email", &a.Email)
		set("paypal_email", &a.PaypalEmail)
		set("company", &a.CompanyName)
		set("address1", &a.Address1)
		set("address2", &a.Address2)
		set("city", &a.City)
		set("state", &a.State)
		set("zip", &a.Zip)
		set("country", &a.Country)
		set("phone", &a.Phone)
		cfs, _ := e.objects("custom_fields")
		for _, cf := range cfs {
			keys := make([]string, 0, len(cf))
			for k := range cf {
				keys = append(keys, k)
			}
			sort.Strings(keys)
			for _, k := range keys {
				v := cf.raw(k)
				a.setCustomField(customFieldLabels[k], v)
			}
		}
		res.IDsChanged = append(res.IDsChanged, id)
	}
	return res, nil
}

func (a *Affiliate) setCustomField(label, value string) {
	for i := range a.CustomFields {
		if a.CustomFields[i].Label == label {
			a.CustomFields[i].Value = value
			return
		}
	}
	a.CustomFields = append(a.CustomFields, refersion.CustomField{Label: label, Value: value})
}

func (s *Server) affiliateStatusChange(f fields) (any, *apiError) {
	for _, k := range []string{"ids", "status"} {
		if !f.present(k) {
			return nil, missing(k)
		}
	}
	ids, ok := f.ints("ids")
	if !ok {
		return nil, notAllowed(f.raw("ids"), "ids")
	}
	if len(ids) > MaxBatch {
		return nil, unprocessable(msgTooMany)
	}
	status, _ := f.str("status")
	if !oneOf(status, "ACTIVE", "DENIED", "DISABLED") {
		return nil, notAllowed(status, "status")
	}
	res := newChangeResult()
	for _, id := range ids {
		if a := s.affiliate(id); a != nil && string(a.Status) != status {
			a.Status = refersion.AffiliateStatus(status)
			res.IDsChanged = append(res.IDsChanged, id)
		} else {
			res.IDsNotChanged = append(res.IDsNotChanged, id)
		}
	}
	return res, nil
}

// normalizeTrigger stores coupon codes in upper case and emails in lower
// case, as Refersion's example answer ("code100" → "CODE100") shows.
func normalizeTrigger(typ, v string) string {
	switch typ {
	case "COUPON":
		return strings.ToUpper(v)
	case "EMAIL":
		return strings.ToLower(v)
	}
	return v
}

func (s *Server) affiliateTrigger(f fields) (any, *apiError) {
	for _, k := range []string{"affiliate_code", "type", "trigger"} {
		if !f.present(k) {
			return nil, missing(k)
		}
	}
	typ, _ := f.str("type")
	if !oneOf(typ, "COUPON", "SKU", "EMAIL") {
		return nil, notAllowed(typ, "type")
	}
	code, _ := f.str("affiliate_code")
	a := s.byCode[code]
	if a == nil {
		return nil, unprocessable(msgAffNotFound)
	}
	raw, _ := f.str("trigger")
	value := normalizeTrigger(typ, strings.TrimSpace(raw))
	if typ == "EMAIL" && !validEmail(value) {
		return nil, notAllowed(raw, "trigger")
	}
	if s.triggerExists(refersion.TriggerType(typ), value) {
		return nil, unprocessable(msgTriggerExists)
	}
	t := s.addTrigger(Trigger{AffiliateID: a.ID, Type: refersion.TriggerType(typ), Trigger: value})
	return map[string]any{"trigger_id": t.TriggerID, "trigger": t.Trigger}, nil
}

func (s *Server) triggerDelete(f fields) (any, *apiError) {
	if !f.present("affiliates") {
		return nil, missing("affiliates")
	}
	items, ok := f.objects("affiliates")
	if !ok {
		return nil, notAllowed(f.raw("affiliates"), "affiliates")
	}
	if len(items) > MaxBatch {
		return nil, &apiError{http.StatusTooManyRequests, map[string]string{"error": msgTooMany}}
	}
	var unknownAff, unknownTrig []string
	found := make([]int, len(items))
	for i, it := range items {
		for _, k := range []string{"id", "trigger", "type"} {
			if !it.present(k) {
				return nil, missing(k)
			}
		}
		id, ok := it.int("id")
		if !ok {
			return nil, notAllowed(it.raw("id"), "id")
		}
		typ, _ := it.str("type")
		if !oneOf(typ, "COUPON", "SKU", "EMAIL") {
			return nil, notAllowed(typ, "type")
		}
		if s.affiliate(id) == nil {
			unknownAff = append(unknownAff, strconv.FormatInt(id, 10))
			continue
		}
		raw, _ := it.str("trigger")
		value := normalizeTrigger(typ, raw)
		found[i] = -1
		for j, t := range s.triggers {
			if t.AffiliateID == id && string(t.Type) == typ && strings.EqualFold(t.Trigger, value) {
				found[i] = j
			}
		}
		if found[i] < 0 {
			unknownTrig = append(unknownTrig, raw)
		}
	}
	var errs []string
	if len(unknownAff) > 0 {
		errs = append(errs, fmt.Sprintf("The following affiliates does not exist in our records: %s.", strings.Join(unknownAff, ", ")))
	}
	if len(unknownTrig) > 0 {
		errs = append(errs, fmt.Sprintf("The following conversion trigger does not exist in our records: %s.", strings.Join(unknownTrig, ", ")))
	}
	if len(errs) > 0 {
		return nil, unprocessable(errs...)
	}
	deleted := []int64{}
	gone := map[int]bool{}
	for _, j := range found {
		if !gone[j] {
			gone[j] = true
			deleted = append(deleted, s.triggers[j].TriggerID)
		}
	}
	kept := s.triggers[:0]
	for j, t := range s.triggers {
		if !gone[j] {
			kept = append(kept, t)
		}
	}
	s.triggers = kept
	return deleted, nil
}
