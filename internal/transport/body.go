package transport

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"reflect"
)

// handleResponse runs on a response that is not retried on its status: it
// reads the body (capped), and for 2xx decodes it into the output, so a
// truncated or malformed body can be retried like any other failure.
func (c *Client) handleResponse(hresp *http.Response) error {
	st, _ := hresp.Request.Context().Value(stateKey{}).(*call)
	if st == nil {
		return nil
	}
	st.handled = true
	ok := hresp.StatusCode >= 200 && hresp.StatusCode <= 299
	if ok && st.stream {
		return nil
	}
	defer hresp.Body.Close()
	limit := c.cfg.MaxResponseBytes
	if !ok {
		limit = min(limit, maxErrorRead)
	}
	// A body a BorrowedBody decodes is read into the memory of an earlier
	// one, and its memory is kept for a later one once decoded.
	borrowed, _ := st.out.(BorrowedBody)
	if !ok {
		borrowed = nil
	}
	var buf []byte
	if borrowed != nil {
		buf = borrowBuffer()
	}
	body, err := readCapped(buf, hresp.Body, limit, hresp.ContentLength)
	st.body = body
	if err != nil {
		if !ok {
			return nil // an error status whose body broke off: the status says enough
		}
		if errors.Is(err, ErrTimeout) {
			return err // retried like any network error, for a read
		}
		return c.malformed(st, hresp.StatusCode, body, "reading body", err)
	}
	if !ok || st.out == nil || hresp.StatusCode == http.StatusNoContent {
		return nil // 204 No Content leaves out untouched
	}
	trimmed := trimBody(body)
	if len(trimmed) == 0 {
		return c.malformed(st, hresp.StatusCode, body, "empty body", nil)
	}
	if isHTML(hresp, trimmed) {
		return c.malformed(st, hresp.StatusCode, body, "HTML page instead of JSON", nil)
	}
	if err := decodeBody(trimmed, st.out); err != nil {
		resetOut(st.out)
		return c.malformed(st, hresp.StatusCode, body, "decoding JSON", err)
	}
	if v, ok := st.out.(Validator); ok {
		if err := v.Validate(); err != nil {
			resetOut(st.out)
			return c.malformed(st, hresp.StatusCode, body, "unexpected JSON shape", err)
		}
	}
	if borrowed != nil {
		st.body = nil
		returnBuffer(body)
	}
	return nil
}

// utf8BOM is the byte-order mark some servers put before a UTF-8 body.
var utf8BOM = []byte("\ufeff")

// trimBody drops one leading UTF-8 byte-order mark and the white space
// around a body, as a stream's reader does, so a body is decoded the same
// way whichever call reads it.
func trimBody(body []byte) []byte {
	return bytes.TrimSpace(bytes.TrimPrefix(bytes.TrimSpace(body), utf8BOM))
}

// BodyDecoder is implemented by response types that decode a whole body
// themselves, rejecting invalid JSON as they go (as anything built on
// json.Unmarshal or json.Decoder does): a platform's page envelope, say. Do
// hands them the body as is, where json.Unmarshal would first validate the
// body and scan it again to cut out the value for UnmarshalJSON: two passes
// over every page on top of the envelope's own.
type BodyDecoder interface {
	DecodeBody(body []byte) error
}

// decodeBody decodes a trimmed JSON body into out.
func decodeBody(body []byte, out any) error {
	if d, ok := out.(BodyDecoder); ok {
		return d.DecodeBody(body)
	}
	return json.Unmarshal(body, out)
}

// Validator is implemented by response types that can tell a body of the
// wrong shape (an envelope without its records, say) from a good one. Do
// calls Validate after decoding, inside the retry loop, so a wrong shape is
// retried like any other malformed body and ends in ErrMalformedResponse.
type Validator interface {
	Validate() error
}

// resetOut zeroes what a failed decode left behind before any retry. A
// json.Unmarshaler manages its own state and is left alone.
func resetOut(out any) {
	if _, ok := out.(json.Unmarshaler); ok {
		return
	}
	if v := reflect.ValueOf(out); v.Kind() == reflect.Pointer && !v.IsNil() {
		v.Elem().SetZero()
	}
}

func (c *Client) malformed(st *call, status int, body []byte, msg string, cause error) *Error {
	e := NewMalformedError(c.cfg.Platform, st.method, st.path, status, body, msg, cause)
	e.outcomeUnknown = !st.safe
	return e
}

// maxErrorRead is how much of an error body is read: enough for any
// platform's error JSON and a gateway's HTML page, so the connection can be
// reused, and no more.
const maxErrorRead = 64 << 10

var errTooLarge = errors.New("response body exceeds the configured maximum size")

// readCapped reads r, up to limit bytes, into the memory of buf when it
// holds the hint (the Content-Length, when known) and into new memory
// otherwise.
func readCapped(buf []byte, r io.Reader, limit, hint int64) ([]byte, error) {
	size := int64(bytes.MinRead)
	if hint > 0 && hint <= limit {
		size = hint + 1
	}
	if int64(cap(buf)) < size {
		buf = make([]byte, 0, size)
	}
	b := bytes.NewBuffer(buf[:0])
	n, err := b.ReadFrom(io.LimitReader(r, limit+1))
	if n > limit {
		return b.Bytes()[:limit], errTooLarge
	}
	return b.Bytes(), err
}
