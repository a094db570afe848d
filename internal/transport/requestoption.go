package transport

import (
	"errors"
	"net/url"
)

// RequestOption configures one call: it is the variadic last parameter of
// every method that is not a list. The platform packages alias it and
// offer WithResponseInto (and their own options, such as Everflow's
// WithRelationships).
type RequestOption func(*Request)

// WithResponseInto stores the call's HTTP response in resp: its status,
// headers, rate limit and request id. On an error that carried a response
// (an *Error from an error status) resp gets that response's status,
// headers and request id; when no response arrived resp is left as it was.
func WithResponseInto(resp *Response) RequestOption {
	return func(r *Request) { r.responseInto = resp }
}

// WithQuery adds the values to the call's query string, after the
// method's own parameters.
func WithQuery(vals url.Values) RequestOption {
	return func(r *Request) {
		if r.extraQuery == nil {
			r.extraQuery = url.Values{}
		}
		for k, vs := range vals {
			r.extraQuery[k] = append(r.extraQuery[k], vs...)
		}
	}
}

// apply runs the options on r.
func (r *Request) apply(opts []RequestOption) {
	for _, o := range opts {
		if o != nil {
			o(r)
		}
	}
}

// reportResponse fills the caller's WithResponseInto target from a
// success or from the response an *Error carried.
func (r *Request) reportResponse(resp *Response, err error) {
	if r.responseInto == nil {
		return
	}
	if resp != nil {
		*r.responseInto = *resp
		return
	}
	var e *Error
	if errors.As(err, &e) && e.StatusCode != 0 {
		*r.responseInto = Response{StatusCode: e.StatusCode, Header: e.Header, RequestID: e.RequestID}
	}
}
