// Package fakeserver is the machinery shared by the platform fake servers
// (firstpromotertest and its siblings): an httptest server that records
// requests and injects faults in front of a platform's handler, the
// tables and id sequences the fakes keep their records in, and the
// helpers their handlers read queries and write answers with.
package fakeserver

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"sync"
	"time"
)

// Fault describes how the next request(s) fail. Fields combine: Status
// with Body answers that status with that body; Status alone answers the
// platform's own error body for the status; Body alone replaces a
// successful body. A fault with an error Status (400 and above) never
// reaches the endpoint (unless Applied), so it changes no state; the other faults bend the
// endpoint's real answer (which a write has already applied).
type Fault struct {
	// Status is the status code to answer with; 0 keeps the endpoint's.
	Status int
	// RetryAfter, when set, is sent as the Retry-After header.
	RetryAfter string
	// Header holds extra response headers.
	Header http.Header
	// Body replaces the response body (an HTML page, JSON of the wrong
	// shape, garbage).
	Body string
	// ContentType is the Content-Type sent with Body (default text/html
	// when Body starts with '<', else application/json).
	ContentType string
	// EmptyBody answers with no body at all.
	EmptyBody bool
	// Truncate sends the real response cut off halfway, with a
	// Content-Length that promises the whole body, then closes the
	// connection.
	Truncate bool
	// Drop closes the connection before any response is written.
	Drop bool
	// Hang sends the headers and then never finishes the body, until the
	// client gives up or the server closes.
	Hang bool
	// Applied runs the endpoint even under an error Status, like a gateway
	// that times out after the server acted: a write takes effect but the
	// client sees the error.
	Applied bool
}

// RecordedRequest is a request the server received.
type RecordedRequest struct {
	Method string
	// Path is the decoded path; RawPath is the path as sent, escapes kept.
	Path    string
	RawPath string
	Query   string
	Header  http.Header
	Body    []byte
}

// ErrorBodyFunc renders the platform's error body for a status.
type ErrorBodyFunc func(status int) []byte

// Server is an httptest server with request recording and fault injection
// in front of a platform handler.
type Server struct {
	srv       *httptest.Server
	handler   http.Handler
	errorBody ErrorBodyFunc

	mu       sync.Mutex
	faults   []Fault
	requests []RecordedRequest
	closing  chan struct{}
	once     sync.Once
	latency  func(*http.Request) time.Duration
}

// New starts a server in front of h.
func New(h http.Handler, errorBody ErrorBodyFunc) *Server {
	if errorBody == nil {
		errorBody = func(status int) []byte {
			b, _ := json.Marshal(map[string]string{"message": http.StatusText(status)})
			return b
		}
	}
	s := &Server{handler: h, errorBody: errorBody, closing: make(chan struct{})}
	s.srv = httptest.NewServer(s)
	return s
}

// URL is the server's root URL, e.g. http://127.0.0.1:port.
func (s *Server) URL() string { return s.srv.URL }

// HTTPServer returns the underlying httptest server (for its Config,
// ConnState hooks or Client).
func (s *Server) HTTPServer() *httptest.Server { return s.srv }

// Close stops the server, ending any hanging response.
func (s *Server) Close() {
	s.once.Do(func() { close(s.closing) })
	s.srv.CloseClientConnections()
	s.srv.Close()
}

// Inject makes the next n requests fail with f.
func (s *Server) Inject(n int, f Fault) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for range n {
		s.faults = append(s.faults, f)
	}
}

// ClearFaults drops the faults that have not fired yet.
func (s *Server) ClearFaults() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.faults = nil
}

// PendingFaults returns how many injected faults have not fired yet.
func (s *Server) PendingFaults() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.faults)
}

// Requests returns a copy of the requests received so far.
func (s *Server) Requests() []RecordedRequest {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]RecordedRequest(nil), s.requests...)
}

// RequestCount returns how many requests were received.
func (s *Server) RequestCount() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.requests)
}

// ResetRequests forgets the recorded requests.
func (s *Server) ResetRequests() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.requests = nil
}

// SetLatency makes the server wait f(r) before it answers each request
// r, as a distant API would: a round trip for throughput benchmarks. The
// wait ends early when the client goes away or the server closes. Nil
// answers at once.
func (s *Server) SetLatency(f func(*http.Request) time.Duration) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.latency = f
}

// wait sleeps the latency of r.
func (s *Server) wait(r *http.Request) {
	s.mu.Lock()
	f := s.latency
	s.mu.Unlock()
	if f == nil {
		return
	}
	d := f(r)
	if d <= 0 {
		return
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
	case <-r.Context().Done():
	case <-s.closing:
	}
}

// ServeHTTP records the request, applies a pending fault, or passes the
// request to the platform handler, after the latency, if any.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	s.wait(r)
	body, _ := io.ReadAll(io.LimitReader(r.Body, 8<<20))
	r.Body = io.NopCloser(bytes.NewReader(body))
	s.mu.Lock()
	s.requests = append(s.requests, RecordedRequest{
		Method: r.Method, Path: r.URL.Path, RawPath: r.URL.EscapedPath(), Query: r.URL.RawQuery, Header: r.Header.Clone(), Body: body,
	})
	var f *Fault
	if len(s.faults) > 0 {
		f = &s.faults[0]
		s.faults = s.faults[1:]
	}
	s.mu.Unlock()
	if f == nil {
		s.handler.ServeHTTP(w, r)
		return
	}
	s.applyFault(w, r, *f)
}

func (s *Server) applyFault(w http.ResponseWriter, r *http.Request, f Fault) {
	if f.Drop {
		closeConn(w)
		return
	}
	// Render what the endpoint would have answered, then bend it. An
	// error status means the server did not act: the endpoint is not run,
	// so a write under an injected 429 or 503 changes nothing.
	rec := httptest.NewRecorder()
	if f.Status < 400 || f.Applied {
		s.handler.ServeHTTP(rec, r)
	}
	status := rec.Code
	body := rec.Body.Bytes()
	ctype := rec.Header().Get("Content-Type")
	if f.Status != 0 {
		status = f.Status
		if f.Body == "" && !f.EmptyBody && status >= 400 {
			body, ctype = s.errorBody(status), "application/json"
			if len(body) == 0 {
				ctype = "" // FirstPromoter's 401, say, has no body at all
			}
		}
	}
	if f.Body != "" {
		body = []byte(f.Body)
		ctype = f.ContentType
		if ctype == "" {
			ctype = "application/json"
			if len(body) > 0 && body[0] == '<' {
				ctype = "text/html; charset=utf-8"
			}
		}
	}
	if f.EmptyBody {
		body = nil
	}
	h := w.Header()
	for k, vs := range rec.Header() {
		h[k] = vs
	}
	for k, vs := range f.Header {
		h[k] = vs
	}
	if ctype != "" {
		h.Set("Content-Type", ctype)
	}
	if f.RetryAfter != "" {
		h.Set("Retry-After", f.RetryAfter)
	}
	switch {
	case f.Truncate:
		writeTruncated(w, status, h, body)
	case f.Hang:
		h.Del("Content-Length")
		w.WriteHeader(status)
		_, _ = w.Write(body[:len(body)/2])
		if fl, ok := w.(http.Flusher); ok {
			fl.Flush()
		}
		select {
		case <-r.Context().Done():
		case <-s.closing:
		}
	default:
		h.Set("Content-Length", strconv.Itoa(len(body)))
		w.WriteHeader(status)
		_, _ = w.Write(body)
	}
}

func closeConn(w http.ResponseWriter) {
	hj, ok := w.(http.Hijacker)
	if !ok {
		panic(http.ErrAbortHandler)
	}
	conn, _, err := hj.Hijack()
	if err == nil {
		_ = conn.Close()
	}
}

// writeTruncated writes a raw HTTP/1.1 response promising len(body) bytes
// but delivering half of them, then closes the connection.
func writeTruncated(w http.ResponseWriter, status int, h http.Header, body []byte) {
	hj, ok := w.(http.Hijacker)
	if !ok {
		panic(http.ErrAbortHandler)
	}
	conn, buf, err := hj.Hijack()
	if err != nil {
		return
	}
	defer conn.Close()
	writeRaw(buf, status, h, body)
}

func writeRaw(buf *bufio.ReadWriter, status int, h http.Header, body []byte) {
	fmt.Fprintf(buf, "HTTP/1.1 %d %s\r\n", status, http.StatusText(status))
	h.Set("Content-Length", strconv.Itoa(len(body)))
	h.Set("Connection", "close")
	_ = h.Write(buf)
	_, _ = buf.WriteString("\r\n")
	_, _ = buf.Write(body[:len(body)/2])
	_ = buf.Flush()
}
