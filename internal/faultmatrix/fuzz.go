package faultmatrix

import (
	"bytes"
	"io"
	"net/http"
	"strconv"
)

// ResponseClient returns an HTTP client that answers every request with
// status, contentType and body, without any network: a fuzz target hands
// it to a platform client to run arbitrary bodies through the whole
// response path (transport, envelope, records, pagination).
func ResponseClient(status int, contentType string, body []byte) *http.Client {
	return &http.Client{Transport: staticResponse{status: status, contentType: contentType, body: body}}
}

type staticResponse struct {
	status      int
	contentType string
	body        []byte
}

// RoundTrip implements http.RoundTripper.
func (s staticResponse) RoundTrip(r *http.Request) (*http.Response, error) {
	if r.Body != nil {
		_, _ = io.Copy(io.Discard, r.Body)
		_ = r.Body.Close()
	}
	h := http.Header{}
	if s.contentType != "" {
		h.Set("Content-Type", s.contentType)
	}
	h.Set("Content-Length", strconv.Itoa(len(s.body)))
	return &http.Response{
		StatusCode: s.status, Status: strconv.Itoa(s.status) + " " + http.StatusText(s.status),
		Proto: "HTTP/1.1", ProtoMajor: 1, ProtoMinor: 1,
		Header: h, Body: io.NopCloser(bytes.NewReader(s.body)), ContentLength: int64(len(s.body)), Request: r,
	}, nil
}
