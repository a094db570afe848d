package v1

import (
	"errors"
	"fmt"
	"net/url"
	"strconv"

	"github.com/google/go-querystring/query"
)

// PromoterKey finds one promoter: set exactly one field. v1 takes the key
// as a parameter, not in the path.
type PromoterKey struct {
	ID    int64
	Email string
	// CustID is your id for the promoter.
	CustID string
	// RefID is one of the promoter's referral ids.
	RefID string
	// AuthToken is the promoter's dashboard token (a credential: it is
	// sent, never shown in errors or logs).
	AuthToken string
}

// values encodes the key; emailParam is the endpoint's name for the email
// ("" when the endpoint cannot find a promoter by email).
func (k PromoterKey) values(emailParam string) (url.Values, error) {
	v := url.Values{}
	n := 0
	add := func(name, val string) {
		if val != "" {
			v.Set(name, val)
			n++
		}
	}
	if k.ID != 0 {
		add("id", strconv.FormatInt(k.ID, 10))
	}
	if k.Email != "" && emailParam == "" {
		return nil, errors.New("this endpoint cannot find a promoter by email")
	}
	add(emailParam, k.Email)
	add("cust_id", k.CustID)
	add("ref_id", k.RefID)
	add("auth_token", k.AuthToken)
	if n != 1 {
		return nil, fmt.Errorf("set exactly one field of the promoter key, got %d", n)
	}
	return v, nil
}

// LeadKey finds one lead: set exactly one field.
type LeadKey struct {
	ID int64
	// UID is your id for the user.
	UID   string
	Email string
}

func (k LeadKey) values() (url.Values, error) {
	v := url.Values{}
	n := 0
	if k.ID != 0 {
		v.Set("id", strconv.FormatInt(k.ID, 10))
		n++
	}
	if k.UID != "" {
		v.Set("uid", k.UID)
		n++
	}
	if k.Email != "" {
		v.Set("email", k.Email)
		n++
	}
	if n != 1 {
		return nil, fmt.Errorf("set exactly one field of the lead key, got %d", n)
	}
	return v, nil
}

// merge adds the encoding of params (a struct with `url` tags, or nil) to
// v. A key already in v wins over a parameter of the same name.
func merge(v url.Values, params any) (url.Values, error) {
	if v == nil {
		v = url.Values{}
	}
	if params == nil {
		return v, nil
	}
	p, err := query.Values(params)
	if err != nil {
		return nil, err
	}
	for k, vs := range p {
		if _, ok := v[k]; !ok {
			v[k] = vs
		}
	}
	return v, nil
}
